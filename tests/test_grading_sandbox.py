"""A class with every kind of cheating, graded for real: in bubblewrap, on a variant shop.

Each cheat is a small notebook of chapter 01; one honest student hands in the solutions. The
grader must give the honest student full marks, every forged task 0, list every submission
with its reason, keep every file outside the sandbox untouched and leave no process behind.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from crmlib import grading
from crmlib.grading import sandbox

ROOT = Path(__file__).resolve().parents[1]
HEAD = "from crmlib.exercises import ch01 as check\n"
MARK = "crm-cheat-987"  # a background process a cheat leaves: `sleep`-like, found by this mark
# Per notebook: the honest chapter-01 notebook takes about 7 s in the sandbox (15 s on a busy
# machine); the student whose loop never ends is stopped here, and burns a core until then.
TIMEOUT = 30

# Skipped only where there is no bubblewrap to try (tasks.py test installs it as root on Debian);
# a bwrap that is there but cannot start fails here, with bubblewrap's reason.
pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or shutil.which("bwrap") is None,
    reason="no bubblewrap on this machine: the grader would run unprotected",
)


def test_the_sandbox_starts_here():
    assert sandbox.detect().isolated, sandbox.detect().detail


def notebook(path: Path, *cells: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(HEAD)] + [nbformat.v4.new_code_cell(c) for c in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def default_answers() -> tuple[float, float, int]:
    """The right answers on the students' own shop (what a copier would type in)."""
    from crmlib import kpi, rfm
    from crmlib.exercises._shop import archive

    a = archive()
    table = rfm.rfm_table(a)
    return (
        kpi.repurchase_rate(a),
        kpi.top_share(a.loc[a["orders"] > 0, "spend"], 0.2),
        int((rfm.cn8_classes(table) == "重要价值客户").sum()),
    )


def suite_files() -> set[Path]:
    skip = {".venv", "__pycache__", ".hypothesis", ".pytest_cache", "build", ".ipynb_checkpoints"}
    return {p for p in ROOT.rglob("*") if not skip & set(p.parts)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    folder, out, keys = base / "submissions", base / "grades", base / "keys"
    outside = base / "outside"
    outside.mkdir()
    honest = ROOT / "solutions" / "en" / "01_crm_basics_solutions.ipynb"
    (folder / "honest").mkdir(parents=True)
    (folder / "honest" / "01_crm_basics_exercises.ipynb").write_bytes(honest.read_bytes())
    r1, r2, count = default_answers()
    notebook(
        folder / "copier" / "01_crm_basics_exercises.ipynb",
        f"answer_1, answer_2, answer_4 = {r1!r}, {r2!r}, {count}\nanswer_3 = 'A'",
    )
    notebook(
        folder / "patcher" / "01_crm_basics_exercises.ipynb",
        "import crmlib.exercises as ex, crmlib.exercises.keys as keys\n"
        "right = ex.Feedback(True, 'Right')\n"
        "for name in ('q1', 'q2', 'q4'): setattr(check, name, lambda a=None: right)\n"
        "keys.NumberKey.judge = lambda self, a: right\n"
        "answer_1 = answer_2 = answer_4 = 0.123\n"
        "print('✅ Right.'); check.q1(answer_1)",
    )
    notebook(
        folder / "forger" / "01_crm_basics_exercises.ipynb",
        "import os, json\n"
        "for name in ('CRM_CHECK_LOG',):\n"
        "    path = os.environ.get(name)\n"
        "    if path: open(path, 'a').write(json.dumps({'task': 'ch01.q1', 'correct': True}))\n"
        "answer_1 = 7",
    )
    notebook(  # writes where it may not, reads what it may not see, goes online, runs a shell
        folder / "intruder" / "01_crm_basics_exercises.ipynb",
        "import os, pathlib, crmlib\n"
        f"targets = [{str(outside / 'pwned')!r}, {str(ROOT / 'exercises' / 'PWNED')!r},\n"
        "           str(pathlib.Path(crmlib.__file__).parents[1] / 'PWNED'), '/tmp/../PWNED',\n"
        f"           {str(folder / 'honest' / 'PWNED')!r}]\n"
        "done = []\n"
        "for t in targets:\n"
        "    try:\n"
        "        pathlib.Path(t).write_text('x'); done.append(t)\n"
        "    except OSError as e: done.append(type(e).__name__)\n"
        "seen = []\n"
        f"for t in [{str(ROOT / 'solutions')!r}, {str(folder / 'honest')!r}, {str(keys)!r},\n"
        "          str(pathlib.Path(crmlib.__file__).parents[1])]:\n"
        "    try: seen.append(sorted(os.listdir(t)))\n"
        "    except OSError as e: seen.append(type(e).__name__)\n"
        "import socket\n"
        "try: socket.create_connection(('pypi.org', 443), timeout=3); seen.append('online')\n"
        "except OSError as e: seen.append('offline')\n"
        "answer_5 = 'wrote: ' + repr(done) + ' | seen: ' + repr(seen)\n"
        "os.system('echo shell-ran')",
    )
    notebook(  # leaves a process behind; its folder's name is a spreadsheet formula
        folder / "=HYPERLINK(1)" / "01_crm_basics_exercises.ipynb",
        "import subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)', '{MARK}'],"
        " start_new_session=True)\n"
        "answer_3 = 'A'",
    )
    notebook(folder / "looper" / "01_crm_basics_exercises.ipynb", "while True:\n    pass")
    (folder / "mangled").mkdir()
    (folder / "mangled" / "01_crm_basics_exercises.ipynb").write_text("{not a notebook")
    before = suite_files()
    started = time.perf_counter()
    code = grading.grade(
        folder, out, timeout=TIMEOUT, memory=3072, jobs=2, seed=99, keys=keys, echo=lambda *_: None
    )
    seconds = time.perf_counter() - started
    after = suite_files()
    grades = pd.read_csv(out / "grades.csv", encoding="utf-8-sig", keep_default_na=False)
    return {
        "code": code,
        "seconds": seconds,
        "grades": grades.set_index("student"),
        "answers": pd.read_csv(out / "answers.csv", encoding="utf-8-sig"),
        "out": out,
        "outside": outside,
        "folder": folder,
        "new_files": after - before,
    }


def test_the_honest_student_gets_every_point_on_the_variant(graded):
    row = graded["grades"].loc["honest"]
    assert row["status"] == "graded"
    assert (row["total"], row["of"]) == (4.0, 4.0)


def test_copied_patched_and_forged_answers_score_nothing(graded):
    grades = graded["grades"]
    for student in ("copier", "patcher", "forger"):
        for task in ("ch01.q1", "ch01.q2", "ch01.q4"):
            assert float(grades.loc[student, task]) == 0.0, (student, task)
    assert float(grades.loc["copier", "ch01.q3"]) == 1.0  # the choice does not depend on the shop
    assert float(grades.loc["patcher", "total"]) == float(grades.loc["forger", "total"]) == 0.0


def test_nothing_outside_the_sandbox_is_written_read_or_left_running(graded):
    assert not any(graded["outside"].iterdir())
    assert not graded["new_files"]  # nothing new in the suite's tree
    assert not (graded["folder"] / "honest" / "PWNED").exists()
    answers = graded["answers"].set_index("student")["answer"]
    wrote, seen = answers["intruder"].removeprefix("wrote: ").split(" | seen: ")
    assert "/" not in wrote  # every write failed
    assert "01_crm_basics_solutions" not in seen and "01_crm_basics_exercises" not in seen
    assert "offline" in seen and "keys" not in seen
    lingering = subprocess.run(["pgrep", "-f", MARK], capture_output=True, text=True)
    assert lingering.stdout.strip() == ""


def test_every_submission_is_listed_with_its_reason_in_time(graded):
    grades = graded["grades"]
    assert graded["code"] == grading.EXIT_SOME_NOT_GRADED
    assert "timed out" in grades.loc["looper", "status"]
    assert "not a notebook" in grades.loc["mangled", "status"]
    assert set(grades.index) >= {
        "honest",
        "copier",
        "patcher",
        "forger",
        "intruder",
        "'=HYPERLINK(1)",
    }
    assert graded["seconds"] < TIMEOUT + 120  # the loop is stopped at its limit


def test_a_formula_for_a_name_is_text_in_every_output(graded):
    assert "'=HYPERLINK(1)" in graded["grades"].index
    from openpyxl import load_workbook

    sheet = load_workbook(graded["out"] / "grades.xlsx")["grades"]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "'=HYPERLINK(1)" in names and all(not str(n).startswith("=") for n in names)
    feedback = {p.name for p in (graded["out"] / "feedback").iterdir()}
    assert "=HYPERLINK(1).md" in feedback  # a file name is not a cell
    report = (graded["out"] / "report.txt").read_text(encoding="utf-8")
    assert "sandbox: bubblewrap" in report and "seed 99" in report
    assert json.dumps(os.listdir(graded["out"]))  # readable folder
