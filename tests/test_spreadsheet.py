"""No text written by the suite becomes a live spreadsheet formula (OWASP's CSV injection)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from crmlib.spreadsheet import FORMULA_START, neutralise, safe_filename, safe_table


@given(st.text())
def test_no_text_starts_like_a_formula_and_safe_text_is_unchanged(text):
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_START)
    if not text.startswith(FORMULA_START):
        assert cell == text
    else:
        assert cell == "'" + text


def test_numbers_stay_numbers_and_every_text_cell_and_header_is_safe():
    table = pd.DataFrame(
        {"=name": ['=HYPERLINK("x")', "@SUM(A1)", "ok", "-1+2"], "n": [-3, 1, 2, 3]}
    )
    safe = safe_table(table)
    assert list(safe.columns) == ["'=name", "n"]
    assert safe.iloc[:, 0].tolist() == ['\'=HYPERLINK("x")', "'@SUM(A1)", "ok", "'-1+2"]
    assert safe["n"].tolist() == [-3, 1, 2, 3]
    assert table.iloc[0, 0] == '=HYPERLINK("x")'  # the input is not changed


@given(st.text())
def test_a_file_name_never_leaves_its_folder(name):
    safe = safe_filename(name)
    assert safe and "/" not in safe and "\\" not in safe and safe not in (".", "..")
    assert not safe.startswith(".") or safe == "student"
