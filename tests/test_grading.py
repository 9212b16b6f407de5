"""The grader: re-runs submissions, one row per student, one column per task, written answers apart."""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest

from crmlib import grading
from crmlib.grading import Result, Submission


def notebook(*cells: str, outputs: dict[int, list] | None = None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    for i, out in (outputs or {}).items():
        nb.cells[i].outputs = out
    return nb


HEAD = (
    'from crmlib.exercises import ch05 as check\nfrom crmlib import i18n\ni18n.set_language("zh")'
)
ESSAY = "满意的客户不一定忠诚：有更便宜的选择时，他们照样会离开，所以要靠关怀和特权留住他们。"


def test_students_are_named_by_folder_or_by_file_name(tmp_path):
    assert grading.student_of(tmp_path / "张三" / "x.ipynb", tmp_path) == "张三"
    path = tmp_path / "li_si_05_satisfaction_loyalty_exercises.ipynb"
    assert grading.student_of(path, tmp_path) == "li_si"
    assert grading.student_of(tmp_path / "王五-01_crm_basics_exercises.ipynb", tmp_path) == "王五"


def test_the_score_table_takes_each_tasks_last_check_and_keeps_tries_and_written_answers():
    log = [
        {"task": "ch05.q1", "correct": False, "answered": True, "answer": None},
        {"task": "ch05.q1", "correct": True, "answered": True, "answer": None},
        {"task": "ch05.q2", "correct": False, "answered": False, "answer": None},
        {"task": "ch05.q5", "correct": None, "answered": True, "answer": ESSAY},
    ]
    a = Result(Submission("a", "ch05", None), log, {"ch05.q1": 4})
    b = Result(
        Submission("b", "ch05", None),
        [{"task": "ch05.q1", "correct": False, "answered": True, "answer": None}],
        errors=["cell 3: NameError"],
    )
    scores, written = grading.score_table([b, a])
    assert list(scores["student"]) == ["a", "b"]
    row = scores.set_index("student").loc["a"]
    assert (row["ch05.q1"], row["ch05.q2"], row["ch05.q5"]) == (1, 0, grading.WRITTEN)
    assert (row["score"], row["of"], row["ch05.q1 tries"]) == (
        1,
        3,
        4,
    )  # q1-q3 checked, q4-q5 written
    b_row = scores.set_index("student").loc["b"]
    assert b_row["score"] == 0 and b_row["of"] == 3 and "NameError" in b_row["errors"]
    assert b_row["ch05.q5"] == "" and b_row["ch05.q3"] == ""  # never reached
    assert written.to_dict("records") == [{"student": "a", "task": "ch05.q5", "answer": ESSAY}]


def test_tries_come_from_the_submitted_outputs():
    meta = {"crm_check": {"task": "ch05.q3", "correct": True, "answered": True, "tries": 3}}
    out = nbformat.v4.new_output("execute_result", {"text/plain": "✅"}, metadata=meta)
    nb = notebook(HEAD, "check.q3('1-2')", outputs={1: [out]})
    assert grading.submitted_tries(nb) == {"ch05.q3": 3}


def test_grading_a_folder_re_runs_every_notebook_and_writes_csv_and_excel(tmp_path):
    folder = tmp_path / "submissions"
    (folder / "张三").mkdir(parents=True)
    # 张三 answers q1 right (NPS 20), q2 wrongly, writes q5, and edited an output to look right
    fake = nbformat.v4.new_output("execute_result", {"text/plain": "✅ 正确。"})
    good = notebook(
        HEAD, "check.q1(20)", "check.q2(0.5)", f"check.q5({ESSAY!r})", outputs={2: [fake]}
    )
    nbformat.write(good, folder / "张三" / "05_satisfaction_loyalty_exercises.ipynb")
    # 李四's notebook breaks half-way: what ran before still counts
    broken = notebook(HEAD, "check.q1(0.2)", "undefined_name", "check.q2(...)")
    nbformat.write(broken, folder / "李四_05_satisfaction_loyalty_exercises.ipynb")
    (folder / "notes.ipynb").write_text(json.dumps(nbformat.v4.new_notebook()), encoding="utf-8")

    out = tmp_path / "grades"
    said = []
    assert grading.grade(folder, out, echo=said.append) == 2
    assert any("notes.ipynb" in line and "skipped" in line for line in said)
    scores = pd.read_csv(out / "grades.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    scores = scores.set_index("student")
    assert scores.loc["张三", "ch05.q1"] == "1" and scores.loc["张三", "ch05.q2"] == "0"
    assert scores.loc["张三", "ch05.q5"] == grading.WRITTEN and scores.loc["张三", "score"] == "1"
    assert scores.loc["李四", "ch05.q1"] == "0" and "NameError" in scores.loc["李四", "errors"]
    answers = pd.read_excel(out / "grades.xlsx", sheet_name="written answers")
    assert answers.to_dict("records") == [{"student": "张三", "task": "ch05.q5", "answer": ESSAY}]
    assert list(pd.read_excel(out / "grades.xlsx", sheet_name="scores")["student"]) == [
        "张三",
        "李四",
    ]


def test_the_command_says_what_is_wrong_with_its_exit_code(tmp_path, capsys):
    assert grading.main([str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().out
    (tmp_path / "empty").mkdir()
    assert grading.main([str(tmp_path / "empty"), "--out", str(tmp_path / "g")]) == 3


@pytest.mark.parametrize("name", ["x.ipynb"])
def test_an_unreadable_file_is_skipped_with_its_reason(tmp_path, name):
    (tmp_path / name).write_text("{not json", encoding="utf-8")
    found, skipped = grading.find_submissions(tmp_path)
    assert found == [] and "not a readable notebook" in skipped[0]
