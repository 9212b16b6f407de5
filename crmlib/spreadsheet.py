"""Cells a spreadsheet opens as text: no value written by this suite becomes a live formula.

Excel, LibreOffice and WPS run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in
some versions, a tab or carriage return) as a formula, so a student's folder name or a buyer's
nickname such as ``=HYPERLINK("http://…")`` would become a link or a command. Following OWASP's
advice on CSV injection, such text is written with a leading apostrophe (``'=HYPERLINK…``),
which spreadsheets show as the text itself. Numbers are left alone: ``-3`` stays a number.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


def neutralise(value: object) -> object:
    """``value`` as a cell that cannot run: text starting like a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose every text cell and column name is neutralised."""
    safe = table.copy()
    for column in safe.columns:
        values = safe[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            try:
                starts = values.str.startswith(FORMULA_START, na=False)
            except AttributeError:  # an object column without any text (flags, numbers)
                continue
            unsafe = starts.to_numpy(dtype=bool)
            if unsafe.any():  # only text can start so: numbers and missing values stay
                values = values.astype(object).copy()
                values[unsafe] = "'" + values[unsafe].astype(str)
                safe[column] = values
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe


def safe_filename(name: str, fallback: str = "student") -> str:
    """A file name made from untrusted text: no folders, no control or reserved characters."""
    cleaned = _UNSAFE_NAME.sub("_", name).strip(" .")[:80]
    return cleaned or fallback


CSV_ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark: Excel on a Chinese Windows reads a CSV without one as GBK and
garbles every Chinese word; pandas, DuckDB and Python's csv read it as plain UTF-8."""


def write_csv(table: pd.DataFrame, path, *, index: bool = False) -> None:
    """Write ``table`` as a CSV a spreadsheet opens safely and in the right encoding: every
    text cell neutralised (:func:`safe_table`), UTF-8 with a BOM, ``\\n`` line ends."""
    safe_table(table).to_csv(path, index=index, encoding=CSV_ENCODING, lineterminator="\n")
