"""Grade a class's exercise notebooks: one row per student, one column per task.

The teacher collects the students' ``*_exercises.ipynb`` files in one folder (one sub-folder per
student, or files named ``<student>_01_crm_basics_exercises.ipynb``) and runs::

    python3 tasks.py grade submissions/ --out grades/

Each notebook is re-executed from top to bottom in a fresh kernel (outputs a student may have
edited count for nothing), and every check it calls writes its outcome to a log
(:data:`crmlib.exercises.LOG_ENV`). The last outcome of each task is the grade: 1 right, 0 not
yet or unanswered; written tasks are not scored by machine, their text goes to a sheet for the
teacher to read. How many tries a student needed comes from the submitted notebook's own
outputs (a check records it there), so answers found by trying every option show up.

The suite's own checks are the grader (rather than nbgrader or otter-grader): the tasks already
carry checks with feedback in both languages, and re-running them needs nothing a lab does not
have — no database, no release/collect server, no per-task test files written twice.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .exercises import LOG_ENV

CHAPTER = re.compile(r"from crmlib\.exercises import (ch\d\d)\b")
NAME_SUFFIX = re.compile(r"[\s_\-.]*\d\d_[A-Za-z_]+_exercises$")
WRITTEN = "📝"


@dataclass(frozen=True)
class Submission:
    """One submitted notebook: whose, which chapter's, where."""

    student: str
    chapter: str  # "ch01"
    path: Path


@dataclass
class Result:
    """What re-running one submission gave: the check log, tries, and cell errors."""

    submission: Submission
    log: list[dict] = field(default_factory=list)
    tries: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def chapter_of(notebook: dict) -> str | None:
    """The exercises chapter a notebook checks (``"ch01"``), from its import line."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            match = CHAPTER.search("".join(cell.get("source", "")))
            if match:
                return match.group(1)
    return None


def student_of(path: Path, folder: Path) -> str:
    """A submission's student: its sub-folder's name, else the file name minus the notebook's."""
    relative = path.relative_to(folder)
    if len(relative.parts) > 1:
        return relative.parts[0]
    return NAME_SUFFIX.sub("", path.stem) or path.stem


def find_submissions(folder: Path) -> tuple[list[Submission], list[str]]:
    """Every exercise notebook under ``folder``, and why any other ``.ipynb`` was skipped."""
    found, skipped = [], []
    for path in sorted(folder.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            skipped.append(f"{path}: not a readable notebook ({error})")
            continue
        chapter = chapter_of(notebook)
        if chapter is None:
            skipped.append(f"{path}: no `from crmlib.exercises import chNN` line")
            continue
        found.append(Submission(student_of(path, folder), chapter, path))
    return found, skipped


def submitted_tries(notebook: dict) -> dict[str, int]:
    """The most tries per task recorded in a submitted notebook's outputs."""
    tries: dict[str, int] = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            outcome = output.get("metadata", {}).get("crm_check")
            if outcome and outcome.get("task"):
                name = outcome["task"]
                tries[name] = max(tries.get(name, 0), int(outcome.get("tries", 0)))
    return tries


def run(submission: Submission, *, timeout: int = 300, kernel: str = "python3") -> Result:
    """Re-execute one submission in a scratch folder and collect what its checks logged."""
    from nbclient import NotebookClient  # only the grader needs it (dev dependency)
    from nbformat import read

    notebook = read(submission.path, as_version=4)
    result = Result(submission, tries=submitted_tries(notebook))
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "checks.jsonl"
        previous = os.environ.get(LOG_ENV)
        os.environ[LOG_ENV] = str(log)  # the kernel inherits it
        try:
            client = NotebookClient(
                notebook,
                timeout=timeout,
                kernel_name=kernel,
                allow_errors=True,
                resources={"metadata": {"path": scratch}},
            )
            client.execute()
        except Exception as error:  # a dead kernel or a cell past the timeout
            result.errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
        finally:
            if previous is None:
                os.environ.pop(LOG_ENV, None)
            else:
                os.environ[LOG_ENV] = previous
        if log.exists():
            result.log = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    for number, cell in enumerate(notebook.cells, 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                result.errors.append(f"cell {number}: {output['ename']}")
    return result


def chapter_tasks(chapter: str) -> tuple[list[str], list[str]]:
    """A chapter's machine-checked tasks and its written ones (those with a model answer)."""
    import importlib

    module = importlib.import_module(f"crmlib.exercises.{chapter}")
    numbers = sorted(int(name[1:]) for name in vars(module) if re.fullmatch(r"q\d+", name))
    written = set(getattr(module, "MODEL_ANSWERS", {}))
    return (
        [f"{chapter}.q{n}" for n in numbers if n not in written],
        [f"{chapter}.q{n}" for n in numbers if n in written],
    )


def outcomes(result: Result) -> dict[str, object]:
    """One submission's grade per task: 1, 0 or ``📝`` (written), from the last check of each."""
    last: dict[str, dict] = {}
    for line in result.log:
        last[line["task"]] = line
    return {
        task: WRITTEN
        if line["correct"] is None and line["answered"]
        else int(bool(line["correct"]))
        for task, line in last.items()
    }


def score_table(results: Iterable[Result]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scores (one row per student, one column per task) and the written answers.

    Score columns are named ``ch01.q1``; ``ch01.q1 tries`` says how many answers the student
    checked in their own session; ``score`` counts right answers out of ``of`` machine-checked
    tasks; ``errors`` lists cells that failed when re-run.
    """
    rows: dict[str, dict] = {}
    answers = []
    for result in results:
        student = result.submission.student
        row = rows.setdefault(student, {"student": student, "score": 0, "of": 0, "errors": ""})
        checked, written = chapter_tasks(result.submission.chapter)
        grades = outcomes(result)
        for name in checked + written:
            row[name] = grades.get(name, "")  # "" when the notebook never reached the task
            row[f"{name} tries"] = result.tries.get(name, 0)
        row["score"] += sum(grades.get(name) == 1 for name in checked)
        row["of"] += len(checked)
        answers += [
            {"student": student, "task": line["task"], "answer": line["answer"]}
            for line in result.log
            if line["answer"] is not None
        ]
        row["errors"] = "; ".join(filter(None, [row["errors"], *result.errors]))
    scores = pd.DataFrame(list(rows.values()))
    if scores.empty:
        return scores, pd.DataFrame(columns=["student", "task", "answer"])
    tasks = sorted(c for c in scores.columns if re.fullmatch(r"ch\d\d\.q\d+", c))
    columns = ["student", *tasks, "score", "of", *(f"{t} tries" for t in tasks), "errors"]
    scores = scores[columns].fillna("").sort_values("student").reset_index(drop=True)
    written = pd.DataFrame(answers, columns=["student", "task", "answer"])
    written = written.drop_duplicates(["student", "task"], keep="last").sort_values(
        ["student", "task"]
    )
    return scores, written.reset_index(drop=True)


def grade(
    folder: Path, out: Path, *, timeout: int = 300, kernel: str = "python3", echo=print
) -> int:
    """Grade every submission in ``folder``; write ``grades.csv``, ``answers.csv``, ``grades.xlsx``.

    Returns the number of submissions graded. CSV files carry a byte-order mark so that Excel
    on Windows opens the Chinese names correctly.
    """
    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder of submissions")
    submissions, skipped = find_submissions(folder)
    for reason in skipped:
        echo(f"skipped {reason}")
    results = []
    for number, submission in enumerate(submissions, 1):
        echo(f"[{number}/{len(submissions)}] {submission.student}: {submission.path.name}")
        results.append(run(submission, timeout=timeout, kernel=kernel))
    scores, written = score_table(results)
    out.mkdir(parents=True, exist_ok=True)
    scores.to_csv(out / "grades.csv", index=False, encoding="utf-8-sig")
    written.to_csv(out / "answers.csv", index=False, encoding="utf-8-sig")
    with pd.ExcelWriter(out / "grades.xlsx") as excel:
        scores.to_excel(excel, sheet_name="scores", index=False)
        written.to_excel(excel, sheet_name="written answers", index=False)
    echo(f"{len(submissions)} notebooks of {scores.shape[0]} students graded: {out}/grades.csv")
    return len(submissions)


def main(argv: list[str] | None = None) -> int:
    """``python -m crmlib.grading SUBMISSIONS --out DIR``: 0 graded, 2 usage, 3 nothing to grade."""
    import argparse

    parser = argparse.ArgumentParser(prog="grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path, help="folder of submitted exercise notebooks")
    parser.add_argument(
        "--out", type=Path, default=Path("grades"), help="where to write the tables"
    )
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel to re-run them in")
    args = parser.parse_args(argv)
    try:
        graded = grade(args.submissions, args.out, timeout=args.timeout, kernel=args.kernel)
    except FileNotFoundError as error:
        print(f"error: {error}")
        return 2
    if graded == 0:
        print(f"error: no exercise notebooks in {args.submissions}")
        return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
