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
        if safe[column].dtype == object or isinstance(safe[column].dtype, pd.StringDtype):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe


def safe_filename(name: str, fallback: str = "student") -> str:
    """A file name made from untrusted text: no folders, no control or reserved characters."""
    cleaned = _UNSAFE_NAME.sub("_", name).strip(" .")[:80]
    return cleaned or fallback
