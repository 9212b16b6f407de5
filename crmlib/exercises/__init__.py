"""Checked exercises: each task ends in a one-line check that says right, or what is wrong.

A chapter's checks live in ``crmlib.exercises.chNN``; a student notebook does::

    from crmlib.exercises import ch01 as check
    answer = ...            # the student's work
    check.q1(answer)        # -> ✅ Right ... / ❌ Not yet ... with a hint

Checks never print the expected answer; ``hint(n)`` gives a nudge and ``solution(n)`` explains
the method (for the solutions notebook and for the stuck).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

RIGHT, NOT_YET = "✅ Right.", "❌ Not yet."


def helpers(hints: dict[int, str], solutions: dict[int, str]):
    """A chapter's ``hint(n)`` and ``solution(n)`` functions from its two tables."""

    def hint(n: int) -> str:
        """A nudge for task ``n``."""
        return hints[n]

    def solution(n: int) -> str:
        """How task ``n`` is solved (the method, for the solutions notebook and the stuck)."""
        return solutions[n]

    return hint, solution


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check; shows itself as one line in a notebook."""

    correct: bool
    message: str

    def __str__(self) -> str:
        return f"{RIGHT if self.correct else NOT_YET} {self.message}".strip()

    __repr__ = __str__

    def __bool__(self) -> bool:
        return self.correct


def _missing(answer: object) -> Feedback | None:
    if answer is Ellipsis or answer is None:
        return Feedback(False, "Replace the `...` with your answer, then run the cell again.")
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
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(False, f"Expected a number, got {type(answer).__name__} {answer!r}.")
    if math.isclose(value, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return Feedback(True, right)
    for test, message in mistakes:
        if test(value):
            return Feedback(False, message)
    return Feedback(False, hint or "Check your computation step by step.")


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
        return Feedback(False, f"Answer with one of {options}; got {answer!r}.")
    if lookup[given] == expected:
        return Feedback(True, right)
    return Feedback(False, (mistakes or {}).get(lookup[given], hint or "Not this one: look again."))


def check_reflection(
    answer: object, ideas: dict[str, Iterable[str]], *, min_words: int = 40, need: int = 2
) -> Feedback:
    """An open question: enough words, touching at least ``need`` of the key ``ideas``.

    There is no single right answer; the check only makes sure the reflection is substantial
    and on topic, and names the aspects not yet covered. Compare with the worked reflection in
    the solutions notebook.
    """
    missing = _missing(answer)
    if missing is not None:
        return missing
    text = str(answer)
    words = len(re.findall(r"[A-Za-z0-9']+", text)) + len(re.findall(r"[\u4e00-\u9fff]", text)) // 2
    if words < min_words:
        return Feedback(
            False, f"Write a little more (about {min_words} words or more; you have {words})."
        )
    lowered = text.lower()
    covered = [idea for idea, words_ in ideas.items() if any(w.lower() in lowered for w in words_)]
    if len(covered) < need:
        others = [idea for idea in ideas if idea not in covered]
        return Feedback(
            False,
            f"Good start. Say more about: {', '.join(others)} (if you already did, use more of its words).",
        )
    return Feedback(
        True,
        "A substantial, on-topic reflection. Compare it with the worked one in the solutions notebook.",
    )
