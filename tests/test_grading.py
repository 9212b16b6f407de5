"""The grader's parts without a sandbox: who handed in what, answers as data, points, outputs."""

from __future__ import annotations

import json
import os
import stat

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmlib.exercises import Feedback
from crmlib.grading import answers, report, submissions, teacher
from crmlib.grading.report import Graded
from crmlib.grading.submissions import Submission

KNOWN = {"ch01", "ch05"}


def test_every_student_is_found_with_a_reason_when_a_file_cannot_be_graded(tmp_path):
    (tmp_path / "张三").mkdir()
    (tmp_path / "张三" / "x.ipynb").write_text(
        json.dumps(
            {
                "cells": [
                    {"cell_type": "code", "source": ["from crmlib.exercises import ch05 as check"]}
                ]
            }
        )
    )
    (tmp_path / "empty").mkdir()
    (tmp_path / "li_si_01_crm_basics_exercises.ipynb").write_text('{"cells": []}')
    (tmp_path / "wang-01_crm_basics_exercises.ipynb").write_bytes(b"\xff\xfe garbage")
    (tmp_path / "zhao").mkdir()
    (tmp_path / "zhao" / "notes.ipynb").write_text('{"cells": []}')
    (tmp_path / "readme.txt").write_text("hi")
    found, skipped = submissions.find(tmp_path, KNOWN)
    by = {s.student: s for s in found}
    assert by["张三"].chapter == "ch05" and by["张三"].problem is None
    assert by["li_si"].chapter == "ch01"  # from the file name when no import line
    assert "not a notebook" in by["wang"].problem
    assert by["empty"].problem == "no notebook in the folder"
    assert "not an exercise notebook" in by["zhao"].problem
    assert skipped == ["readme.txt: not a notebook"]


@given(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=50),
        st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=5).map(tuple),
    )
)
def test_answers_come_back_as_the_same_plain_values(value):
    back = answers.decode(json.loads(json.dumps(answers.encode(value))))
    if value is None:
        assert back is ...
    else:
        assert back == value and isinstance(back, (tuple, type(value)))


def test_tables_and_odd_objects_keep_their_kind_and_nothing_is_evaluated():
    series = pd.Series([0.5], name="x")
    back = answers.decode(answers.encode(series))
    assert type(back).__name__ == "Series" and tuple(back) == (0.5,)
    assert answers.decode(answers.encode(np.float32(0.25))) == 0.25
    frame = answers.decode(answers.encode(pd.DataFrame({"a": range(5000)})))
    assert type(frame).__name__ == "DataFrame" and len(frame) == 1000  # at most 1,000 items
    odd = answers.decode({"t": "other", "kind": "os.system('x')", "repr": "y" * 999})
    assert type(odd).__name__ == "object" and len(repr(odd)) == 200
    assert isinstance(answers.decode({"t": "int", "v": "9" * 5000}), answers.Opaque)
    assert isinstance(answers.decode([1, 2]), answers.Opaque)


def test_an_answers_file_is_read_with_limits(tmp_path):
    path = tmp_path / "answers.json"
    answers.dump({"answer_1": 0.5, "answer_12": "text", "other": 1}, str(path))
    got, language = answers.load(path)
    assert got == {1: 0.5, 12: "text"} and language in ("en", "zh")
    path.write_text(json.dumps({"answers": [], "language": "xx"}))
    with pytest.raises(ValueError):
        answers.load(path)
    path.write_text(" " * (answers.MAX_FILE + 1))
    with pytest.raises(ValueError, match="too large"):
        answers.load(path)


def test_points_come_from_the_teachers_file_with_a_default(tmp_path):
    (tmp_path / "points.csv").write_text("task,points,partial\nch01.q1,2,0.5\n")
    table = teacher.points(tmp_path, ["ch01.q1", "ch01.q2"])
    assert table.loc["ch01.q1"].tolist() == [2.0, 0.5] and table.loc["ch01.q2"].tolist() == [
        1.0,
        0.0,
    ]
    (tmp_path / "points.csv").write_text("task,points,partial\nch01.q1,two,0\n")
    with pytest.raises(ValueError, match="line 2, column points: expected a number"):
        teacher.points(tmp_path, ["ch01.q1"])


def test_the_seed_is_drawn_once_kept_private_and_never_the_students_shop(tmp_path):
    first = teacher.seed(tmp_path)
    assert teacher.seed(tmp_path) == first != 2024
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "seed").stat().st_mode) == 0o600
    with pytest.raises(ValueError, match="students' own shop"):
        teacher.seed(tmp_path, 2024)


def judged(correct, mistake=False, answered=True) -> dict:
    feedback = Feedback(correct, "m", mistake=mistake, answered=answered)
    return {"feedback": feedback.as_dict() | {"answered": answered}, "text": str(feedback)}


def test_points_partial_credit_and_written_tasks_in_the_grade_table(tmp_path):
    points = pd.DataFrame(
        {"points": [2.0, 1.0, 1.0, 1.0, 1.0], "partial": [1.0, 0.0, 0.0, 0.0, 0.0]},
        index=[f"ch05.q{n}" for n in range(1, 6)],
    )
    a = Graded(Submission("a", tmp_path / "a.ipynb", "ch05"), answers={5: "=1+1 an essay"})
    a.tasks = {
        "ch05.q1": judged(False, mistake=True),
        "ch05.q2": judged(True),
        "ch05.q3": judged(False, answered=False),
        "ch05.q4": judged(None),
        "ch05.q5": judged(None),
    }
    b = Graded(Submission("b", tmp_path / "b.ipynb", "ch05"), status="timed out after 9 s")
    b.tasks = {t: judged(False, answered=False) for t in points.index}
    table = report.grade_table([b, a], points).set_index("student")
    assert table.loc["a", ["ch05.q1", "ch05.q2", "ch05.q3"]].tolist() == [1.0, 1.0, 0.0]
    assert table.loc["a", "ch05.q4"] == "" and table.loc["a", "ch05.q5"] == ""
    assert (table.loc["a", "total"], table.loc["a", "of"]) == (2.0, 4.0)
    assert (
        table.loc["b", "status"] == "b.ipynb: timed out after 9 s" and table.loc["b", "of"] == 4.0
    )
    written = report.answer_table([a])
    assert written["task"].tolist() == ["ch05.q4", "ch05.q5"]
    grades = report.write(tmp_path / "out", [a, b], points, ["report"])
    assert grades.loc[grades["student"] == "a"].index.size == 1
    text = (tmp_path / "out" / "answers.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1 an essay" in text  # neutralised
    assert (tmp_path / "out" / "feedback" / "b.md").read_text(encoding="utf-8").count("m") >= 1


def test_a_second_grading_run_into_the_same_folder_is_refused(tmp_path, capsys):
    import crmlib.grading as grading
    from crmlib import folderlock

    folder = tmp_path / "submissions" / "wang"
    folder.mkdir(parents=True)
    cell = {"cell_type": "code", "source": "from crmlib.exercises import ch01", "metadata": {}}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "01_crm_basics_exercises.ipynb").write_text(json.dumps(notebook))
    out = tmp_path / "grades"
    with folderlock.writing(out, "another grading run"):
        code = grading.main([str(tmp_path / "submissions"), "--out", str(out)])
    assert code == grading.EXIT_USAGE
    assert "already writing to this folder" in capsys.readouterr().out
    assert not (out / "grades.csv").exists()


def test_decoded_answers_cross_to_the_judging_process_with_their_kind():
    """Chapter 06 hands in a tuple: the judge runs in another process, so every decoded answer
    must pickle (it did not: 40 × chapter 06 ended in a PicklingError)."""
    import pickle

    given = {1: (1, 2.5), 2: pd.Series([0.5], name="x"), 3: object(), 4: [["a"], 3]}
    for value in given.values():
        back = answers.decode(json.loads(json.dumps(answers.encode(value))))
        again = pickle.loads(pickle.dumps(back))
        assert type(again).__name__ == type(back).__name__ == type(value).__name__
        assert repr(again) == repr(back)


def test_a_student_reads_why_a_notebook_was_not_graded_in_their_language(tmp_path):
    path = tmp_path / "01_crm_basics_exercises.ipynb"
    stuck = Graded(Submission("wang", path, "ch01"), status="timed out after 600 s", language="zh")
    lost = "no notebook in the folder"
    empty = Graded(Submission("wang", None, problem=lost), status=lost, language="zh")
    for result, said in ((stuck, "超时（600 秒后仍未运行完）"), (empty, "文件夹里没有笔记本")):
        assert f"这个笔记本无法评分：{said}。" in report.feedback_text("wang", [result])
    english = Graded(Submission("li", path, "ch01"), status="timed out after 600 s")
    assert "could not be graded: timed out after 600 s." in report.feedback_text("li", [english])
