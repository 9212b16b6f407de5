"""The reading-time model (crmlib.lessonplan), and the teacher's guide kept equal to it."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from crmlib import lessonplan as lp

ROOT = Path(__file__).resolve().parents[1]


def test_reading_chars_by_hand():
    # 7 Chinese characters, the full stop, one number and one code word; the heading marks,
    # backticks and spaces are not read
    assert lp.reading_chars("## 有 12 位客户用 `spend` 排序。") == 7 + 1 + 1 + 1
    assert lp.reading_chars("| a | b |\n|---|---|") == 2
    assert lp.reading_chars("") == 0


def test_minutes_by_hand():
    # 500 characters = 2 min, 3 cells + 1 figure = 4, 2 checked = 10, 1 written = 10: 26
    assert lp.StudyTime(500, 3, 1, 2, 1).minutes == 26
    assert lp.StudyTime(501, 0, 0, 0, 0).minutes == 3  # a started minute counts


def _notebook(tmp_path: Path) -> Path:
    def code(source: str, png: bool = False) -> dict:
        outputs = [{"output_type": "display_data", "data": {"image/png": "x"}}] if png else []
        return {"cell_type": "code", "source": source, "outputs": outputs}

    cells = [
        {"cell_type": "markdown", "source": "# 标题\n" + "字" * 248},
        code("x = 1"),
        code("plot()", png=True),
        code(""),  # an empty cell costs nothing
        code("answer_1 = ...\ncheck.q1(answer_1)"),
        code("answer_2 = ...\ncheck.q2(answer_2)"),
    ]
    path = tmp_path / "toy.ipynb"
    path.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    return path


def test_study_time_counts_cells_figures_and_tasks(tmp_path):
    time = lp.study_time(_notebook(tmp_path), written={2})
    assert time == lp.StudyTime(
        chars=250, code_cells=2, figures=1, checked_tasks=1, written_tasks=1
    )
    assert time.minutes == 1 + 2 + 1 + 5 + 10


def _guide_minutes(guide: Path) -> dict[str, tuple[int | None, ...]]:
    """The guide's per-notebook table: notebook -> (core, 深入 and exercise minutes)."""
    rows = {}
    for line in guide.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\| (0\d_\w+)[^|]*\|[^|]*\| (\d+) \| (\d+|—) \| (\d+|—) \|", line)
        if found:
            name, core, deeper, exercises = found.groups()
            rows[name] = tuple(None if n == "—" else int(n) for n in (core, deeper, exercises))
    return rows


@pytest.mark.parametrize("guide", ["docs/teachers_guide.md", "docs/teachers_guide.zh-CN.md"])
def test_the_guide_states_the_models_minutes(guide):
    """Students read the Chinese edition, so the minutes are those of the zh notebooks."""
    rows = _guide_minutes(ROOT / guide)
    notebooks = sorted((ROOT / "notebooks" / "zh").glob("0*.ipynb"))
    assert set(rows) == {path.stem for path in notebooks}
    for path in notebooks:
        number = path.stem[:2]
        exercise = ROOT / "exercises" / "zh" / f"{path.stem}_exercises.ipynb"
        expected_exercises = None
        if exercise.exists():
            checks = importlib.import_module(f"crmlib.exercises.ch{number}")
            expected_exercises = lp.study_time(exercise, set(checks.MODEL_ANSWERS)).minutes
        times = lp.study_times(path)  # the core path and the optional 深入 sections apart
        expected = (times["core"].minutes, times["deeper"].minutes or None, expected_exercises)
        assert rows[path.stem] == expected, path.stem


def _md(text: str) -> dict:
    return {"cell_type": "markdown", "source": text}


def _code(text: str = "x = 1") -> dict:
    return {"cell_type": "code", "source": text, "outputs": []}


def test_a_deeper_section_runs_to_the_next_heading_of_its_level():
    cells = [
        _md("# 标题\n## 1. 核心"),
        _code(),
        _md("## 深入（选学）：模型\n> 选学内容：拟合。"),
        _code(),
        _md("### 小节"),  # a lower heading stays inside the 深入 section
        _code(),
        _md("## 2. 回到核心"),
        _code(),
        _md("### Going deeper (optional): intervals"),  # either language's word marks it
        _code(),
        _md("# 小结"),  # a higher heading ends it
    ]
    assert lp.levels(cells) == [
        "core", "core", "deeper", "deeper", "deeper", "deeper", "core", "core", "deeper", "deeper",
        "core",
    ]  # fmt: skip


def test_study_times_split_the_minutes_and_add_up(tmp_path):
    cells = [
        _md("# 标题\n" + "字" * 250),
        _code(),
        _md("## 深入（选学）：模型\n" + "字" * 240),
        _code("check.q1(x)"),
        _code(),
        _md("## 总结"),
    ]
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    times = lp.study_times(path)
    # core: 250 + 2 characters ("标题" "总结") + 1 cell; deeper: 240 + 7 (深入 选学 模型 and
    # the colon and brackets), 1 cell and 1 checked task
    assert times["core"] == lp.StudyTime(254, 1, 0, 0, 0)
    assert times["deeper"].code_cells == 1 and times["deeper"].checked_tasks == 1
    whole = lp.study_time(path)
    assert whole.chars == times["core"].chars + times["deeper"].chars
    assert whole.code_cells == times["core"].code_cells + times["deeper"].code_cells


def test_a_deeper_heading_inside_a_cell_cuts_the_cell(tmp_path):
    cells = [
        _md(
            "# 标题\n"
            + "字" * 100
            + "\n## 深入（选学）：检验\n"
            + "字" * 300
            + "\n## 3. 核心\n"
            + "字" * 50
        )
    ]
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    times = lp.study_times(path)
    assert times["core"].chars == 2 + 100 + 1 + 2 + 50  # 标题, the text, "3", 核心
    assert times["deeper"].chars == 2 + 2 + 1 + 2 + 2 + 300  # 深入 （ 选学 ） ： 检验 and the text
    assert lp.levels(cells) == ["core"]  # the cell ends in the core
