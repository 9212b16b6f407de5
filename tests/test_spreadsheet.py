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


@given(
    st.lists(
        st.one_of(st.text(), st.none(), st.booleans(), st.integers(-5, 5)), min_size=1, max_size=8
    )
)
def test_safe_table_neutralises_every_text_cell_of_mixed_columns_the_same_as_neutralise(cells):
    table = pd.DataFrame({"mixed": pd.Series(cells, dtype=object)})
    safe = safe_table(table)["mixed"].tolist()
    assert safe == [neutralise(c) for c in cells]


def test_a_csv_opens_in_excel_as_utf8_and_as_text(tmp_path):
    from crmlib.spreadsheet import write_csv

    table = pd.DataFrame({"名字": ["张*明", "=1+1"], "金额": [-12.5, 3.0], "flag": [True, False]})
    write_csv(table, tmp_path / "t.csv")
    raw = (tmp_path / "t.csv").read_bytes()
    # Excel takes UTF-8 only with its byte-order mark; without one, a Chinese Windows reads GBK
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8").splitlines() == [
        "名字,金额,flag",
        "张*明,-12.5,True",
        "'=1+1,3.0,False",
    ]
