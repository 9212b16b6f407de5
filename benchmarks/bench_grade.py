"""Grading a class: 40 students' notebooks of chapter 01 and of chapter 06 (the slowest: its
checks refit the CLV models), each run in the sandbox on the variant shop and judged.

For each chapter: N copies of the solutions notebook (CRM_BENCH_STUDENTS, default 40) are
handed in, one folder per student; ``python -m crmlib.grading`` grades them with the default
workers (all cores). Measured in the same run:
(1) the baseline: the same notebook executed once with nbclient in a plain kernel (no sandbox,
    no judging), in a fresh process;
(2) the grading run: wall time, time per notebook, and the peak memory of the grader and every
    process it starts together (sampled every 0.2 s);
ratio = grading wall time / (N × baseline / workers), the cost of isolation and judging
(1.0 would be free). The variant shop is simulated before the timing, as a teacher's first run
does once. Chapters: CRM_BENCH_CHAPTERS (default "01,06").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks.measure import run_measured
from crmlib.grading import teacher

ROOT = Path(__file__).resolve().parents[1]
STUDENTS = int(os.environ.get("CRM_BENCH_STUDENTS", 40))
CHAPTERS = os.environ.get("CRM_BENCH_CHAPTERS", "01,06").split(",")
SEED = 20261207  # a fixed variant for the benchmark (not the teacher's secret one)


def solutions_notebook(chapter: str) -> Path:
    return next((ROOT / "solutions" / "en").glob(f"{chapter}_*_solutions.ipynb"))


def baseline(notebook: Path) -> float:
    """Seconds to execute the notebook once with nbclient, outside any sandbox."""
    code = (
        "import sys, nbformat\nfrom nbclient import NotebookClient\n"
        "nb = nbformat.read(sys.argv[1], as_version=4)\n"
        "NotebookClient(nb, timeout=600, kernel_name='python3', "
        "resources={'metadata': {'path': sys.argv[2]}}).execute()\n"
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, str(notebook), str(notebook.parent)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def grade(submissions: Path, out: Path, keys: Path) -> tuple[float, float, str]:
    """Seconds, peak tree memory (GB) and the report's first line of one grading run."""
    command = [sys.executable, "-m", "crmlib.grading", str(submissions), "--out", str(out)]
    command += ["--keys", str(keys), "--seed", str(SEED)]
    seconds, peak, output = run_measured(command, every=0.2)
    line = next(x for x in output.splitlines() if x.startswith("graded "))
    return seconds, peak, line


def main() -> None:
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="crm-bench-grade-") as scratch:
        keys = Path(scratch) / "keys"
        keys.mkdir()
        shutil.copy(teacher.FOLDER / "points.csv", keys / "points.csv")
        started = time.perf_counter()
        teacher.variant(keys, SEED)
        print(f"variant shop simulated in {time.perf_counter() - started:.0f} s (once per seed)")
        for chapter in CHAPTERS:
            notebook = solutions_notebook(chapter)
            base = baseline(notebook)
            submissions = Path(scratch) / f"class-{chapter}"
            for student in range(1, STUDENTS + 1):
                folder = submissions / f"student{student:02d}"
                folder.mkdir(parents=True)
                name = notebook.name.replace("_solutions", "_exercises")
                shutil.copy(notebook, folder / name)
            out = Path(scratch) / f"out-{chapter}"
            seconds, peak, line = grade(submissions, out, keys)
            marks = pd.read_csv(out / "grades.csv", encoding="utf-8-sig")
            full = int((marks["total"] == marks["of"]).sum())
            ratio = seconds / (STUDENTS * base / workers)
            print(
                f"chapter {chapter}: baseline one plain run {base:.1f} s; {line}; "
                f"{seconds:.0f} s wall ({seconds / STUDENTS:.1f} s per student), "
                f"ratio ×{ratio:.2f} against {STUDENTS} plain runs on {workers} cores; "
                f"peak memory {peak:.1f} GB; {full} of {len(marks)} with full marks",
                flush=True,
            )


if __name__ == "__main__":
    main()
