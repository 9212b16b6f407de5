"""Checked exercises: each task ends in a one-line check that says right, or what is wrong.

A chapter's checks live in ``crmlib.exercises.chNN``; a student notebook does::

    from crmlib.exercises import ch01 as check
    answer = ...            # the student's work
    check.q1(answer)        # -> ✅ Right ... / ❌ Not yet ... with a hint

Checks never print the expected answer; ``hint(n)`` gives a nudge and ``solution(n)`` explains
the method (for the solutions notebook and for the stuck). Written (discussion) answers are not
graded by machine: the check keeps the answer for the teacher and shows the rubric to assess it
against; ``model_answer(n)`` gives a worked answer.

Every message is written once, in English, marked ``_("...")`` where it is written, and shown in
the reader's language (:func:`crmlib.i18n.set_language`) through :func:`crmlib.i18n.tr`; the
Chinese of each message is in :mod:`crmlib.i18n.messages`, and a test checks that every marked
message has it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sized
from dataclasses import dataclass, field

from ..i18n import _, tr

#: Set by the grader (:mod:`crmlib.grading`): every check appends one JSON line to this file.
LOG_ENV = "CRM_CHECK_LOG"


RIGHT, NOT_YET, TO_ASSESS = _("✅ Right."), _("❌ Not yet."), _("📝 Answer kept for your teacher.")
UNANSWERED = _("✏️ Not answered yet.")


def helpers(
    hints: dict[int, str], solutions: dict[int, str], answers: dict[int, str] | None = None
):
    """A chapter's ``hint(n)``, ``solution(n)`` and ``model_answer(n)`` from its tables."""

    def hint(n: int) -> str:
        """A nudge for task ``n``."""
        return tr(hints[n])

    def solution(n: int) -> str:
        """How task ``n`` is solved (the method, for the solutions notebook and the stuck)."""
        return tr(solutions[n])

    def model_answer(n: int) -> str:
        """A worked answer to the written task ``n`` (one of several good answers)."""
        return tr((answers or {})[n])

    return hint, solution, model_answer


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check; shows itself as one line in the reader's language.

    ``correct`` is ``None`` for a written answer, which a person assesses. ``answered`` is
    ``False`` while the task still holds ``...``. ``message`` is the English text (a
    ``str.format`` template filled from ``values``). ``task`` (``"ch01.q3"``) and ``tries``
    (answers checked so far in this session, this one included) are filled in by :func:`task`;
    a right answer after several tries says so, so that guessing through a choice shows.
    """

    correct: bool | None
    message: str
    values: dict = field(default_factory=dict)
    answered: bool = True
    task: str = ""
    tries: int = 0

    def __str__(self) -> str:
        if not self.answered:
            head = tr(UNANSWERED)
        else:
            head = tr({True: RIGHT, False: NOT_YET, None: TO_ASSESS}[self.correct])
        parts = [head]
        if self.answered and self.tries > 1:
            parts.append(tr(_("(try {tries})"), tries=self.tries))
        parts.append(tr(self.message, **self.values))
        return _join(p for p in parts if p)

    __repr__ = __str__

    def __bool__(self) -> bool:
        return bool(self.correct)

    def _repr_mimebundle_(self, include=None, exclude=None):
        """The line, plus the outcome as output metadata for the grader (tries survive there)."""
        outcome = {"task": self.task, "correct": self.correct, "answered": self.answered}
        return {"text/plain": str(self)}, {"crm_check": outcome | {"tries": self.tries}}


def _join(parts: Iterable[str]) -> str:
    """Join sentences: a space between English ones, none after Chinese punctuation."""
    text = ""
    for part in parts:
        glue = "" if not text or text[-1] in "。）！？" or part[0] in "（" else " "
        text += glue + part
    return text.strip()


_TRIES: Counter[str] = Counter()


def task(check: Callable[[object], Feedback]) -> Callable[[object], Feedback]:
    """Make ``chNN.qN`` a recorded task: count tries, and log outcomes for the grader.

    The log (one JSON line per check, to the file named by ``$CRM_CHECK_LOG``) is written only
    when the grader runs a submission; a student's own session writes nothing.
    """
    name = f"{check.__module__.rsplit('.', 1)[-1]}.{check.__name__}"

    @functools.wraps(check)
    def recorded(answer: object = ...) -> Feedback:
        feedback = check(answer)
        if feedback.answered:
            _TRIES[name] += 1
        feedback = dataclasses.replace(feedback, task=name, tries=_TRIES[name])
        if path := os.environ.get(LOG_ENV):
            line = {
                "task": name,
                "correct": feedback.correct,
                "answered": feedback.answered,
                "answer": str(answer) if feedback.correct is None else None,
            }
            with open(path, "a", encoding="utf-8") as log:
                log.write(json.dumps(line, ensure_ascii=False) + "\n")
        return feedback

    return recorded


def _missing(answer: object) -> Feedback | None:
    if answer is Ellipsis or answer is None:
        return Feedback(
            False, _("Replace the `...` with your answer, then run the cell again."), answered=False
        )
    return None


def check_number(
    answer: object,
    expected: float,
    *,
    rel_tol: float = 0.005,
    abs_tol: float = 0.0,
    mistakes: Iterable[tuple[Callable[[float], bool], str]] = (),
    right: str = "",
    hint: str = "",
) -> Feedback:
    """Compare a number; recognise typical wrong answers and say what went wrong.

    ``mistakes`` are (test, message) pairs tried in order on a wrong answer, e.g. "answered a
    percentage instead of a fraction". Without a matching mistake the ``hint`` is shown.
    """
    missing = _missing(answer)
    if missing is not None:
        return missing
    if isinstance(answer, Sized) and not isinstance(answer, str) and len(answer) != 1:
        # a table, list or selection: say so without printing it (its repr can give away counts)
        return Feedback(
            False,
            _(
                "Expected one number, got a {kind} (a table or list). Give a single number, e.g. len(...) to count rows."
            ),
            {"kind": type(answer).__name__},
        )
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(
            False,
            _("Expected a number, got {kind} {answer!r}."),
            {"kind": type(answer).__name__, "answer": answer},
        )
    if math.isclose(value, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return Feedback(True, right)
    for test, message in mistakes:
        if test(value):
            return Feedback(False, message)
    return Feedback(False, hint or _("Check your computation step by step."))


def close_to(target: float, rel_tol: float = 0.005) -> Callable[[float], bool]:
    """A mistake test: the answer is (nearly) ``target``."""
    return lambda value: math.isclose(value, target, rel_tol=rel_tol)


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
    missing = _missing(answer)
    if missing is not None:
        return missing
    options = [str(o) for o in options]
    given = "".join(str(answer).split()).lower()  # "3 钻" and " A " count as "3钻" and "a"
    lookup = {"".join(o.split()).lower(): o for o in options}
    if given not in lookup:
        return Feedback(
            False,
            _("Answer with one of {options}; got {answer!r}."),
            {"options": options, "answer": answer},
        )
    if lookup[given] == expected:
        return Feedback(True, right)
    return Feedback(
        False, (mistakes or {}).get(lookup[given], hint or _("Not this one: look again."))
    )


def check_reflection(answer: object, rubric: Iterable[str], *, min_chars: int = 40) -> Feedback:
    """A written answer: kept for the teacher, with the rubric to assess it against.

    No machine decides whether a discussion answer is good (counting words or looking for
    keywords rewards padding and rejects good answers in other words). The check only asks
    for an answer of a few sentences, then shows the points a good answer covers; the student
    assesses their own answer against them and the teacher grades it.
    """
    missing = _missing(answer)
    if missing is not None:
        return missing
    text = " ".join(str(answer).split())
    if len(text) < min_chars:
        return Feedback(
            False,
            _("Write a few sentences (at least {min_chars} characters; you have {chars})."),
            {"min_chars": min_chars, "chars": len(text)},
        )
    points = list(rubric)
    return Feedback(
        None,
        _("Check your answer against the rubric. A good answer covers: {points}"),
        {"points": "".join(f"\n  {i}. {tr(point)}" for i, point in enumerate(points, 1))},
    )
