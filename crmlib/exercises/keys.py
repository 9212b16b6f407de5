"""A task's key: what a check compares an answer with, and the mistakes it recognises.

A chapter's check (``chNN.qN``) computes a key from the shop's data and judges the answer
against it. Keys are plain data so that :mod:`crmlib.exercises.sealing` can seal them (store
them as salted digests for the students' copy) and the grader can judge an answer taken out
of a notebook with the teacher's key, in its own process.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass

import numpy as np

from ..i18n import _, tr
from .feedback import Feedback

CHECK_STEPS = _("Check your computation step by step.")
NOT_THIS_ONE = _("Not this one: look again.")

_CAPTURED: contextvars.ContextVar[list | None] = contextvars.ContextVar("keys", default=None)


@contextlib.contextmanager
def capturing() -> Iterator[list]:
    """Collect the keys that checks build while the block runs (for sealing)."""
    token = _CAPTURED.set([])
    try:
        yield _CAPTURED.get()
    finally:
        _CAPTURED.reset(token)


def _judged(key, answer: object) -> Feedback:
    captured = _CAPTURED.get()
    if captured is not None:
        captured.append(key)
    return key.judge(answer)


def missing(answer: object) -> Feedback | None:
    """The feedback for a task still holding ``...`` (or ``None``), else ``None``."""
    if answer is Ellipsis or answer is None:
        return Feedback(
            False, _("Replace the `...` with your answer, then run the cell again."), answered=False
        )
    return None


@dataclass(frozen=True)
class Near:
    """A test "the answer is (nearly) ``target``" that a sealed key can store as a digest."""

    target: float
    rel_tol: float = 0.005
    abs_tol: float = 0.0

    def __call__(self, value: float) -> bool:
        return math.isclose(value, self.target, rel_tol=self.rel_tol, abs_tol=self.abs_tol)

    @property
    def tolerance(self) -> float:
        return max(self.rel_tol * abs(self.target), self.abs_tol)


def close_to(target: float, rel_tol: float = 0.005, abs_tol: float = 0.0) -> Near:
    """A mistake test: the answer is (nearly) ``target``."""
    return Near(float(target), rel_tol, abs_tol)


@dataclass(frozen=True)
class Grid:
    """The plausible answers of a task answered on a grid (thresholds in steps of 100): a
    sealed key stores the check's verdict for each of them, so its mistake tests may be any
    function of the answer."""

    start: int
    stop: int
    step: int


def as_number(answer: object) -> float | Feedback:
    """The answer as one float, or the feedback saying why it is not one."""
    if isinstance(answer, Sized) and not isinstance(answer, str) and len(answer) != 1:
        # a table, list or selection: say so without printing it (its repr can give away counts)
        return Feedback(
            False,
            _(
                "Expected one number, got a {kind} (a table or list). Give a single number, e.g. len(...) to count rows."
            ),
            {"kind": type(answer).__name__},
        )
    if isinstance(answer, Sized) and not isinstance(answer, str):
        answer = np.asarray(answer, dtype=object).ravel()[0]  # a one-row result: its value
    try:
        return float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return Feedback(
            False,
            _("Expected a number, got {kind} {answer!r}."),
            {"kind": type(answer).__name__, "answer": _short(answer)},
        )


def number_given(answer: object) -> float | Feedback:
    """The answer as one float, or the feedback for an unanswered task or a non-number."""
    gap = missing(answer)  # a Feedback is falsy when not right: test for None
    return as_number(answer) if gap is None else gap


def _short(answer: object, limit: int = 80) -> object:
    text = repr(answer)
    return answer if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True)
class NumberKey:
    """One number, within ``rel_tol``/``abs_tol``; ``mistakes`` are (test, message) pairs tried
    in order on a wrong answer. Tests other than :class:`Near` need a ``grid``."""

    expected: float
    rel_tol: float = 0.005
    abs_tol: float = 0.0
    mistakes: tuple[tuple[Callable[[float], bool], str], ...] = ()
    right: str = ""
    hint: str = ""
    grid: Grid | None = None

    @property
    def fallback(self) -> Feedback:
        return Feedback(False, self.hint or CHECK_STEPS)

    def judge(self, answer: object) -> Feedback:
        value = number_given(answer)
        if isinstance(value, Feedback):
            return value
        if math.isclose(value, self.expected, rel_tol=self.rel_tol, abs_tol=self.abs_tol):
            return Feedback(True, self.right)
        for test, message in self.mistakes:
            if test(value):
                return Feedback(False, message, mistake=True)
        return self.fallback


def check_number(
    answer: object,
    expected: float,
    *,
    rel_tol: float = 0.005,
    abs_tol: float = 0.0,
    mistakes: Iterable[tuple[Callable[[float], bool], str]] = (),
    right: str = "",
    hint: str = "",
    grid: Grid | None = None,
) -> Feedback:
    """Compare a number; recognise typical wrong answers and say what went wrong.

    ``mistakes`` are (test, message) pairs tried in order on a wrong answer, e.g. "answered a
    percentage instead of a fraction". Without a matching mistake the ``hint`` is shown.
    """
    key = NumberKey(float(expected), rel_tol, abs_tol, tuple(mistakes), right, hint, grid)
    return _judged(key, answer)


def normalised(option: object) -> str:
    """A choice as compared: spaces and case ignored (``"3 钻"`` is ``"3钻"``, ``" A "`` is ``"a"``)."""
    return "".join(str(option).split()).lower()


def spellings(option: str) -> set[str]:
    """How a student may write an option (:func:`normalised`): as the code names it
    (``"paid"``), or as a table of any edition shows it (``"站内付费流量"``, ``"paid"``): the
    option's label in every language, for the categories tables translate."""
    from ..i18n import VALUE_KINDS
    from ..locale import catalogue

    table = catalogue()
    texts = {option}
    for kind in set(VALUE_KINDS.values()):
        texts |= set(table.get(kind, {}).get(option, {}).values())
    return {normalised(text) for text in texts}


def chosen_option(answer: object, options: tuple[str, ...]) -> str | None:
    """The option ``answer`` names, however it is spelt (:func:`spellings`), or None when it
    names none, or more than one."""
    given = normalised(answer)
    found = [option for option in options if given in spellings(option)]
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class ChoiceKey:
    """One choice among named options; ``mistakes`` maps a wrong option to what is wrong."""

    expected: str
    options: tuple[str, ...]
    mistakes: tuple[tuple[str, str], ...] = ()
    right: str = ""
    hint: str = ""

    def invalid(self, answer: object) -> Feedback | None:
        gap = missing(answer)
        if gap is not None:
            return gap
        if chosen_option(answer, self.options) is None:
            return Feedback(
                False,
                _("Answer with one of {options}; got {answer!r}."),
                {"options": list(self.options), "answer": _short(answer)},
            )
        return None

    def judge(self, answer: object) -> Feedback:
        problem = self.invalid(answer)
        if problem is not None:
            return problem
        chosen = chosen_option(answer, self.options)
        if chosen == self.expected:
            return Feedback(True, self.right)
        message = dict(self.mistakes).get(chosen)
        return Feedback(False, message or self.hint or NOT_THIS_ONE, mistake=message is not None)


def check_choice(
    answer: object,
    expected: str,
    *,
    options: Iterable[str],
    mistakes: dict[str, str] | None = None,
    right: str = "",
    hint: str = "",
) -> Feedback:
    """Compare a choice among named options (case and surrounding spaces ignored)."""
    key = ChoiceKey(
        str(expected),
        tuple(str(o) for o in options),
        tuple((mistakes or {}).items()),
        right,
        hint,
    )
    return _judged(key, answer)


@dataclass(frozen=True)
class TupleKey:
    """A few numbers given together (``(frequency, recency, T)``), compared exactly.

    ``mistakes`` are ({position: value}, message) pairs: the message is shown when the answer
    has those values at those positions (the first pair that matches).
    """

    expected: tuple[float, ...]
    mistakes: tuple[tuple[tuple[tuple[int, float], ...], str], ...] = ()
    right: str = ""
    hint: str = ""
    shape: str = ""  # what to say when the answer is not len(expected) numbers

    def as_values(self, answer: object) -> tuple[float, ...] | Feedback:
        gap = missing(answer)
        if gap is not None:
            return gap
        try:
            values = tuple(float(v) for v in answer)  # type: ignore[union-attr]
        except (TypeError, ValueError, OverflowError):
            values = ()
        if len(values) != len(self.expected):
            return Feedback(False, self.shape, {"answer": _short(answer)})
        return values

    def judge(self, answer: object) -> Feedback:
        values = self.as_values(answer)
        if isinstance(values, Feedback):
            return values
        if values == self.expected:
            return Feedback(True, self.right)
        for where, message in self.mistakes:
            if all(values[i] == v for i, v in where):
                return Feedback(False, message, mistake=True)
        return Feedback(False, self.hint or CHECK_STEPS)


def check_tuple(
    answer: object,
    expected: tuple[float, ...],
    *,
    shape: str,
    mistakes: Iterable[tuple[dict[int, float], str]] = (),
    right: str = "",
    hint: str = "",
) -> Feedback:
    """Compare a tuple of numbers exactly; ``mistakes`` match some positions' values."""
    key = TupleKey(
        tuple(float(v) for v in expected),
        tuple((tuple((i, float(v)) for i, v in m.items()), text) for m, text in mistakes),
        right,
        hint,
        shape,
    )
    return _judged(key, answer)


@dataclass(frozen=True)
class ReflectionKey:
    """A written answer: no key, only a rubric and a minimum length."""

    rubric: tuple[str, ...]
    min_chars: int = 40

    def judge(self, answer: object) -> Feedback:
        gap = missing(answer)
        if gap is not None:
            return gap
        text = " ".join(str(answer).split())
        if len(text) < self.min_chars:
            return Feedback(
                False,
                _("Write a few sentences (at least {min_chars} characters; you have {chars})."),
                {"min_chars": self.min_chars, "chars": len(text)},
            )
        return Feedback(
            None,
            _("Check your answer against the rubric. A good answer covers: {points}"),
            {"points": "".join(f"\n  {i}. {tr(p)}" for i, p in enumerate(self.rubric, 1))},
        )


def check_reflection(answer: object, rubric: Iterable[str], *, min_chars: int = 40) -> Feedback:
    """A written answer: the rubric to assess it against; the teacher grades it.

    No machine decides whether a discussion answer is good (counting words or looking for
    keywords rewards padding and rejects good answers in other words). The check only asks
    for an answer of a few sentences, then shows the points a good answer covers.
    """
    return _judged(ReflectionKey(tuple(rubric), min_chars), answer)
