"""Judging answers with the teacher's checks on the variant shop, in a process of the grader's.

The answers come out of the students' kernels as data (:mod:`crmlib.grading.answers`); here the
chapter's own checks judge them against keys computed on the variant. A check that a strange
answer makes fail is a wrong answer, not a crash of the grader.
"""

from __future__ import annotations

import importlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..i18n import _

UNJUDGED = _("The grader could not judge this answer.")


def _start(store: str) -> None:
    from ..exercises import _shop

    _shop.use(store)


def judge_one(chapter: str, answers: dict[int, object], language: str) -> dict[str, dict]:
    """Every task of ``chapter`` judged: ``{"ch01.q1": {"feedback": ..., "text": ...}}``."""
    from .. import i18n
    from ..exercises import Feedback, tasks_of

    module = importlib.import_module(f"crmlib.exercises.{chapter}")
    judged = {}
    for number, check in tasks_of(module).items():
        with i18n.using(language):
            try:
                feedback = check(answers.get(number, ...))
            except Exception:  # a check that an odd answer breaks: not right
                feedback = Feedback(False, UNJUDGED)
            judged[f"{chapter}.q{number}"] = {
                "feedback": feedback.as_dict() | {"answered": feedback.answered},
                "text": feedback.text(language),
            }
    return judged


def _judge_many(items: list[tuple[str, dict[int, object], str]]) -> list[dict[str, dict]]:
    return [judge_one(*item) for item in items]


def judge(items: list[tuple[str, dict[int, object], str]], store: Path) -> list[dict[str, dict]]:
    """Judge (chapter, answers, language) items against the shop in ``store``, in a fresh
    process (so the checks' caches hold the variant only, and the caller's stay untouched)."""
    if not items:
        return []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        1, mp_context=context, initializer=_start, initargs=(str(store),)
    ) as pool:
        return pool.submit(_judge_many, items).result()
