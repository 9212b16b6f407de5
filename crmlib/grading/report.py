"""What the teacher gets: grades (one row per student), written answers, feedback per student.

Every text cell is neutralised against spreadsheet formulas (:mod:`crmlib.spreadsheet`), CSV
files carry a byte-order mark so that Excel on a Chinese Windows reads them as UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import i18n
from ..i18n import _
from ..spreadsheet import safe_filename, safe_table
from .submissions import Submission

GRADED = "graded"


@dataclass
class Graded:
    """One submission after the run and the judging."""

    submission: Submission
    status: str = GRADED  # or why it could not be graded
    tasks: dict[str, dict] = field(default_factory=dict)  # from judge.judge_one
    errors: list[str] = field(default_factory=list)  # cells that failed
    answers: dict[int, object] = field(default_factory=dict)
    language: str = "en"
    seconds: float = 0.0


def earned(feedback: dict, points: pd.DataFrame, task: str) -> float | str:
    """The points one judged task earns: full, partial for a recognised mistake, else 0;
    ``""`` for a written answer (the teacher marks it)."""
    if feedback["c"] is None and feedback.get("answered", True):
        return ""
    if feedback["c"]:
        return float(points.loc[task, "points"])
    return float(points.loc[task, "partial"]) if feedback.get("x") else 0.0


def written_tasks(chapter: str) -> set[str]:
    """A chapter's written tasks (``"ch01.q5"``), which the teacher marks."""
    import importlib

    from ..exercises import written_tasks as numbers

    module = importlib.import_module(f"crmlib.exercises.{chapter}")
    return {f"{chapter}.q{n}" for n in numbers(module)}


def grade_table(results: list[Graded], points: pd.DataFrame) -> pd.DataFrame:
    """One row per student: points per task, total, out of, status, failing cells.

    A written task's cell stays empty for the teacher's mark; ``of`` counts the machine-checked
    tasks of every chapter the student handed in (a notebook that could not be graded too).
    """
    rows: dict[str, dict] = {}
    tasks = list(points.index)
    for result in results:
        student = result.submission.student
        row = rows.setdefault(
            student, {"student": student, "total": 0.0, "of": 0.0, "status": [], "errors": []}
        )
        where = result.submission.path.name if result.submission.path else ""
        if result.status != GRADED:
            row["status"].append(f"{where}: {result.status}" if where else result.status)
        row["errors"] += result.errors
        chapter = result.submission.chapter
        written = written_tasks(chapter) if chapter else set()
        for task, judged in result.tasks.items():
            if task in written:
                row[task] = ""
                continue
            row[task] = earned(judged["feedback"], points, task)
            row["total"] += float(row[task] or 0)
            row["of"] += float(points.loc[task, "points"])
    table = pd.DataFrame(list(rows.values()))
    if table.empty:
        return pd.DataFrame(columns=["student", "total", "of", "status", "errors"])
    table["status"] = table["status"].map(lambda s: "; ".join(s) or GRADED)
    table["errors"] = table["errors"].map("; ".join)
    present = [t for t in tasks if t in table.columns]
    table = table[["student", *present, "total", "of", "status", "errors"]]
    return table.astype(object).fillna("").sort_values("student").reset_index(drop=True)


def answer_table(results: list[Graded]) -> pd.DataFrame:
    """The written answers, one row per student and task, for the teacher to mark."""
    rows = []
    for result in results:
        for task, judged in result.tasks.items():
            feedback = judged["feedback"]
            if feedback["c"] is None and feedback.get("answered", True):
                number = int(task.rsplit("q", 1)[1])
                rows.append(
                    {
                        "student": result.submission.student,
                        "task": task,
                        "answer": str(result.answers.get(number, "")),
                    }
                )
    return pd.DataFrame(rows, columns=["student", "task", "answer"])


def feedback_text(student: str, results: list[Graded]) -> str:
    """One student's feedback in their language: each task's verdict and the check's message."""
    language = results[0].language if results else "en"
    with i18n.using(language):
        lines = [f"# {student}", ""]
        for result in results:
            name = result.submission.path.name if result.submission.path else ""
            lines += [f"## {name}", ""]
            if result.status != GRADED:
                lines += [i18n.tr(NOT_GRADED, reason=_reason(result.status)), ""]
            for task, judged in result.tasks.items():
                text = judged["text"].replace("\n", "\n  ")
                lines.append(f"- **{task}** {text}")
            lines.append("")
    return "\n".join(lines)


NOT_GRADED = _("This notebook could not be graded: {reason}.")


def _reason(status: str) -> str:
    """Why a notebook was not graded, in the current language (the statuses are messages)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", i18n.MissingLabel)
        return str(i18n.tr_text(status))


def write(
    out: Path, results: list[Graded], points: pd.DataFrame, report: list[str]
) -> pd.DataFrame:
    """Write grades.csv, grades.xlsx, answers.csv, feedback/<student>.md and report.txt."""
    out.mkdir(parents=True, exist_ok=True)
    grades = safe_table(grade_table(results, points))
    answers = safe_table(answer_table(results))
    grades.to_csv(out / "grades.csv", index=False, encoding="utf-8-sig")
    answers.to_csv(out / "answers.csv", index=False, encoding="utf-8-sig")
    with pd.ExcelWriter(out / "grades.xlsx") as excel:
        grades.to_excel(excel, sheet_name="grades", index=False)
        answers.to_excel(excel, sheet_name="written answers", index=False)
    folder = out / "feedback"
    folder.mkdir(exist_ok=True)
    by_student: dict[str, list[Graded]] = {}
    for result in results:
        by_student.setdefault(result.submission.student, []).append(result)
    used: set[str] = set()
    for student, own in sorted(by_student.items()):
        name = safe_filename(student)
        while name.lower() in used:
            name += "_"
        used.add(name.lower())
        (folder / f"{name}.md").write_text(feedback_text(student, own), encoding="utf-8")
    (out / "report.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    return grades
