"""Grade a class's exercise notebooks without trusting anything the students' code says.

The teacher collects the students' ``*_exercises.ipynb`` files in one folder (one sub-folder per
student, or files named ``<student>_01_crm_basics_exercises.ipynb``) and runs::

    python3 tasks.py grade submissions/ --out grades/

For each submission, in parallel on every core:

1. a temporary copy of the notebook runs top to bottom in a sandbox
   (:mod:`crmlib.grading.sandbox`), on the teacher's *variant* of the shop (the simulator with
   another seed, :mod:`crmlib.grading.teacher`) and with checks that hold no key, under a
   wall-clock and a memory limit;
2. each ``answer_N`` comes out of the kernel as plain data (:mod:`crmlib.grading.answers`);
3. the grader's own process judges the answers with the teacher's checks on the variant
   (:mod:`crmlib.grading.judge`): a number copied from anywhere earns nothing unless the
   student's code computed it, and nothing the student's code printed, logged or patched counts.

Every student is listed, with the reason when a submission could not be graded
(:mod:`crmlib.grading.submissions`). Points per task come from ``solutions/grading/points.csv``;
the outputs are ``grades.csv``/``grades.xlsx``, ``answers.csv`` (written answers for the
teacher to mark), ``feedback/<student>.md`` and ``report.txt`` (:mod:`crmlib.grading.report`).

Like nbgrader's autograde and otter-grader, the grader re-executes each notebook; unlike them,
the tests do not run in the student's kernel, where the student's code could replace them, but
in the grader's own process, on data the student never saw.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import folderlock
from ..i18n import Message, _
from . import answers as answer_data
from . import judge as judging
from . import sandbox as sandboxes
from . import submissions as found
from . import teacher
from .report import GRADED, Graded, write

EXIT_GRADED, EXIT_SOME_NOT_GRADED, EXIT_USAGE, EXIT_NOTHING = 0, 1, 2, 3


def _prepare(tree: Path, store: Path) -> None:
    """The read-only tree a submission sees: crmlib with blank checks, the variant shop."""
    from ..handout import sealed_package

    sealed_package(tree / "crmlib", blank=True)
    shutil.copytree(store, tree / "datasets" / "store")


def _run_one(
    submission: found.Submission,
    number: int,
    scratch: Path,
    tree: Path,
    box: sandboxes.Sandbox,
    timeout: int,
    memory: int,
) -> Graded:
    work = scratch / f"work-{number}"
    outputs = work / ".grader"
    outputs.mkdir(parents=True)
    notebook = work / "notebook.ipynb"
    shutil.copyfile(submission.path, notebook)
    os.chmod(work, 0o777)
    os.chmod(outputs, 0o777)
    argv = [
        str(sandboxes.PYTHON),
        "-m",
        "crmlib.grading.runner",
        str(notebook),
        str(outputs),
        f"--timeout={timeout}",
        f"--memory={memory}",
    ]
    ran = sandboxes.run(box, tree, work, argv, timeout)
    result = Graded(submission, seconds=ran.seconds)
    status = {}
    try:
        status_file = outputs / "status.json"
        if status_file.is_file() and status_file.stat().st_size < 2**20:
            status = json.loads(status_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        status = {}
    if isinstance(status, dict):
        result.errors = [str(e)[:80] for e in status.get("errors", [])[:50] if isinstance(e, str)]
    try:
        result.answers, result.language = answer_data.load(outputs / "answers.json")
    except (OSError, ValueError):
        result.answers = {}
    said = status.get("status") if isinstance(status, dict) else None
    if ran.timed_out or said == "timed out":
        result.status = Message(_("timed out after {timeout} s"), timeout=timeout)
    elif said == "unreadable":
        result.status = _("not a notebook (nbformat cannot read it)")
    elif not (outputs / "answers.json").is_file():
        result.status = _("crashed before the end (the kernel died or ran out of memory)")
    elif said != "finished":
        result.status = _("crashed before the end")
    shutil.rmtree(work, ignore_errors=True)
    return result


def grade(
    folder: Path,
    out: Path,
    *,
    timeout: int = 600,
    memory: int = 4096,
    jobs: int | None = None,
    seed: int | None = None,
    keys: Path = teacher.FOLDER,
    box: sandboxes.Sandbox | None = None,
    echo=print,
) -> int:
    """Grade every submission in ``folder`` into ``out``; the exit code (0, 1, 3)."""
    from ..handout import chapters

    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder of submissions")
    known = set(chapters())
    submissions, skipped = found.find(folder, known)
    for reason in skipped:
        echo(f"skipped {reason}")
    if not submissions:
        return EXIT_NOTHING
    with folderlock.writing(out, "another grading run"):
        return _grade(submissions, skipped, out, timeout, memory, jobs, seed, keys, box, echo)


def _grade(submissions, skipped, out, timeout, memory, jobs, seed, keys, box, echo) -> int:
    """:func:`grade` once the output folder is locked."""
    box = box or sandboxes.detect()
    if not box.isolated:
        echo(f"WARNING: {box.detail}. Student code can read and write what you can.")
    seed_value = teacher.seed(keys, seed)
    store = teacher.variant(keys, seed_value)
    jobs = max(1, jobs or os.cpu_count() or 1)
    started = time.perf_counter()
    results: list[Graded] = []
    with tempfile.TemporaryDirectory(prefix="crm-grade-") as scratch:
        tree = Path(scratch) / "tree"
        _prepare(tree, store)
        runnable = [s for s in submissions if s.problem is None]
        with ThreadPoolExecutor(jobs) as pool:
            futures = [
                pool.submit(_run_one, s, i, Path(scratch), tree, box, timeout, memory)
                for i, s in enumerate(runnable)
            ]
            for number, future in enumerate(futures, 1):
                result = future.result()
                echo(
                    f"[{number}/{len(runnable)}] {result.submission.student}: "
                    f"{result.submission.path.name} {result.status} ({result.seconds:.0f} s)"
                )
                results.append(result)
    results += [Graded(s, status=s.problem) for s in submissions if s.problem is not None]
    to_judge = [r for r in results if r.submission.chapter]
    judged = judging.judge([(r.submission.chapter, r.answers, r.language) for r in to_judge], store)
    for result, tasks in zip(to_judge, judged, strict=True):
        result.tasks = tasks
    tasks = sorted({t for r in results for t in r.tasks}, key=_task_order)
    points = teacher.points(keys, tasks)
    failed = [r for r in results if r.status != GRADED]
    report = [
        f"graded {len(results) - len(failed)} of {len(results)} notebooks"
        f" of {len({r.submission.student for r in results})} students"
        f" in {time.perf_counter() - started:.0f} s on {jobs} workers",
        f"sandbox: {box.kind} ({box.detail})",
        f"variant shop: seed {seed_value}",
        f"limits: {timeout} s and {memory} MiB per notebook",
        *(f"not graded: {r.submission.student}: {r.status}" for r in failed),
        *(f"skipped: {s}" for s in skipped),
    ]
    write(out, results, points, report)
    for line in report[:1] + report[4:]:
        echo(line)
    echo(f"grades: {out / 'grades.csv'}")
    return EXIT_SOME_NOT_GRADED if failed else EXIT_GRADED


def _task_order(task: str) -> tuple[str, int]:
    chapter, number = task.split(".q")
    return chapter, int(number)


def main(argv: list[str] | None = None) -> int:
    """``python -m crmlib.grading SUBMISSIONS --out DIR``: 0 all graded, 1 some could not be
    graded (listed with reasons), 2 wrong usage, 3 nothing to grade."""
    import argparse

    parser = argparse.ArgumentParser(prog="grade", description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="folder of submitted exercise notebooks")
    parser.add_argument("--out", type=Path, default=Path("grades"), help="where the grades go")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per notebook")
    parser.add_argument("--memory", type=int, default=4096, help="MiB per notebook")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (all cores)")
    parser.add_argument("--seed", type=int, default=None, help="the variant shop's seed")
    parser.add_argument("--keys", type=Path, default=teacher.FOLDER, help="the grading folder")
    args = parser.parse_args(argv)
    if args.timeout <= 0 or args.memory < 256:
        print("error: --timeout must be positive and --memory at least 256 (MiB)")
        return EXIT_USAGE
    try:
        return grade(
            args.submissions,
            args.out,
            timeout=args.timeout,
            memory=args.memory,
            jobs=args.jobs,
            seed=args.seed,
            keys=args.keys,
        )
    except (FileNotFoundError, ValueError, folderlock.FolderBusy) as error:
        print(f"error: {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("stopped: nothing was written")
        return 130


if __name__ == "__main__":
    sys.exit(main())
