"""Checked exercises: each task ends in a one-line check that says right, or what is wrong.

A chapter's checks live in ``crmlib.exercises.chNN``; a student notebook does::

    from crmlib.exercises import ch01 as check
    answer_1 = ...          # the student's work
    check.q1(answer_1)      # -> ✅ Right ... / ❌ Not yet ... with a hint

A check builds a *key* (:mod:`crmlib.exercises.keys`: the expected value, its tolerance and
the typical mistakes it recognises) from the shop's data and judges the answer against it.
Checks never print the expected answer; ``hint(n)`` gives a nudge. In the teacher's tree
``solution(n)`` explains the method and ``model_answer(n)`` gives a worked written answer; the
students' copy (:mod:`crmlib.handout`) replaces every chapter by its keys sealed as salted
digests (:mod:`crmlib.exercises.sealing`), without solutions or model answers.

Written (discussion) answers are not graded by machine: the check shows the rubric to assess
them against, and the teacher reads the answer in the notebook the student hands in.

Every message is written once, in English, marked ``_("...")`` where it is written, and shown in
the reader's language (:func:`crmlib.i18n.set_language`) through :func:`crmlib.i18n.tr`; each
language's text is in its gettext catalogue (``crmlib/locale/<language>/LC_MESSAGES/messages.po``,
:mod:`crmlib.locale`), and a test checks that every marked message has it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable

from ..i18n import _, tr
from .feedback import Feedback
from .keys import (
    ChoiceKey,
    Grid,
    Near,
    NumberKey,
    ReflectionKey,
    TupleKey,
    check_choice,
    check_number,
    check_reflection,
    check_tuple,
    close_to,
)

__all__ = [
    "ChoiceKey",
    "Feedback",
    "Grid",
    "Near",
    "NumberKey",
    "ReflectionKey",
    "TupleKey",
    "check_choice",
    "check_number",
    "check_reflection",
    "check_tuple",
    "close_to",
    "helpers",
    "task",
    "_",
]

TEACHERS_COPY = _("Solutions and worked answers are in your teacher's copy only.")


def helpers(
    hints: dict[int, str], solutions: dict[int, str], answers: dict[int, str] | None = None
):
    """A chapter's ``hint(n)``, ``solution(n)`` and ``model_answer(n)`` from its tables."""

    def hint(n: int) -> str:
        """A nudge for task ``n``."""
        return tr(hints[n])

    def solution(n: int) -> str:
        """How task ``n`` is solved (the method, for the solutions notebook and the stuck)."""
        return tr(solutions.get(n, TEACHERS_COPY))

    def model_answer(n: int) -> str:
        """A worked answer to the written task ``n`` (one of several good answers)."""
        return tr((answers or {}).get(n, TEACHERS_COPY))

    return hint, solution, model_answer


def task(check: Callable[[object], Feedback], name: str | None = None):
    """Make ``chNN.qN`` a named task: its feedback carries the task's name (``"ch01.q3"``).

    Nothing is counted or logged: the grader (:mod:`crmlib.grading`) takes the answers out of
    a re-run notebook and judges them itself, so nothing a student's session says is trusted.
    """
    name = name or f"{check.__module__.rsplit('.', 1)[-1]}.{check.__name__}"

    @functools.wraps(check)
    def named(answer: object = ...) -> Feedback:
        return dataclasses.replace(check(answer), task=name)

    named.task_name = name  # type: ignore[attr-defined]
    return named


def tasks_of(module) -> dict[int, Callable]:
    """A chapter module's tasks by number: ``{1: q1, 2: q2, ...}``."""
    found = {}
    for attribute, value in vars(module).items():
        if attribute[:1] == "q" and attribute[1:].isdigit() and callable(value):
            found[int(attribute[1:])] = value
    return dict(sorted(found.items()))


def written_tasks(module) -> set[int]:
    """The numbers of a chapter's written (discussion) tasks."""
    return set(getattr(module, "WRITTEN", ())) | set(getattr(module, "MODEL_ANSWERS", {}))
