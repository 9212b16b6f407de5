"""Cells a spreadsheet opens as text: no value written by this suite becomes a live formula.

Excel, LibreOffice and WPS run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in
some versions, a tab or carriage return) as a formula, so a student's folder name or a buyer's
nickname such as ``=HYPERLINK("http://…")`` would become a link or a command. Following OWASP's
advice on CSV injection, such text is written with a leading apostrophe (``'=HYPERLINK…``),
which spreadsheets show as the text itself. Numbers are left alone: ``-3`` stays a number.

:func:`write_csv` writes such a table as UTF-8 with a BOM (what a Chinese Excel opens right);
:func:`write_table` writes a score table as CSV, Parquet or Excel.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .locale import _

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


EXCEL_MAX_ROWS = 1_048_576  # rows in an Excel sheet, the header included


OUTPUT_SUFFIXES = (".csv", ".parquet", ".xlsx")


def write_table(table: pd.DataFrame, path: Path) -> None:
    """Write a score table as CSV (UTF-8 with a BOM), Parquet, or Excel (streamed by
    xlsxwriter in constant memory); in CSV and Excel no cell is a live formula
    (:mod:`crmlib.spreadsheet`). A table too long for one Excel sheet is refused before any
    work."""
    if path.suffix == ".xlsx":
        if not fits_in_excel(len(table)):
            raise ValueError(too_long_for_excel(len(table)))
        _write_xlsx(safe_table(table), path)
    elif path.suffix == ".parquet":
        table.to_parquet(path)
    else:
        write_csv(table, path, index=True)


def _write_xlsx(table: pd.DataFrame, path: Path) -> None:
    """Row by row in xlsxwriter's constant-memory mode (pandas' own Excel writer writes cells
    out of row order, which that mode cannot take, and holds the whole sheet in memory)."""
    import xlsxwriter

    frame = table.reset_index()
    values = frame.astype(object).where(frame.notna(), None)
    with xlsxwriter.Workbook(path, {"constant_memory": True}) as book:
        sheet = book.add_worksheet("scores")
        sheet.write_row(0, 0, [str(c) for c in frame.columns])
        for number, row in enumerate(values.itertuples(index=False, name=None), start=1):
            sheet.write_row(number, 0, row)


def too_long_for_excel(rows: int) -> str:
    return _(
        "{rows} rows do not fit in an Excel sheet ({limit} at most): write .parquet or .csv instead"
    ).format(rows=f"{rows:,}", limit=f"{EXCEL_MAX_ROWS - 1:,}")


def fits_in_excel(rows: int) -> bool:
    """Whether a table of ``rows`` rows (and a header) fits in one Excel sheet."""
    return rows + 1 <= EXCEL_MAX_ROWS
