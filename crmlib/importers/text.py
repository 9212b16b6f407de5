"""Reading an export's bytes into text columns, row by row, losing nothing: encodings (UTF-8,
GBK/GB18030, Excel's UTF-16 "Unicode Text"), Excel workbooks saved over a CSV, Parquet."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..locale import _
from ..textfiles import decode
from .result import ImportProblem

WRONG_FIELDS = _(
    "wrong number of fields (expected {expected} as in the header, found {found}: "
    "a separator or quote inside a value?)"
)
UNDECODABLE = _(
    "bytes that are neither UTF-8 nor GBK here (the file is damaged, or mixes encodings)"
)
UNCLOSED_QUOTE = _(
    "an unclosed quote: this row runs over lines {first} to {last} of the file, which may "
    "be orders of their own; close the quote and import again"
)
SWALLOWED = _(
    "a cell holds line breaks followed by whole rows: an unclosed quote has taken the rows "
    "after it into this one; close the quote and import again"
)
TOO_LONG = _("a cell longer than {limit:,} characters (the file is damaged, or not an export)")
MAX_FIELD = 2_000_000  # characters in one cell: DuckDB's own limit, so both engines agree


def swallowed_rows(fields: int, delimiter: str) -> re.Pattern | None:
    """The sign of rows swallowed into a cell: a line break followed by a line with as many
    separators as a whole row (``fields - 1``). Notes across lines have far fewer."""
    if fields < 3:
        return None
    return re.compile(r"\n(?:[^\n]*?" + re.escape(delimiter) + "){" + str(fields - 1) + "}")


def sniff_delimiter(first_line: str) -> str:
    """Tab for Excel's "Unicode Text" saves, else comma: whichever the header line has more of."""
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def header_name(name: object) -> str:
    """A header as the specs name it: without the spaces and byte-order mark exports leave."""
    return str(name).strip().strip("\ufeff")


def read_text_table(path: str | Path) -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """Read an export as text columns, row by row, losing nothing.

    Accepts CSV in UTF-8 (with or without BOM) or GBK/GB18030, Excel's tab-separated "Unicode
    Text" (UTF-16), and an Excel workbook (.xlsx) saved over the CSV. Returns the table (all
    text, with ``_row``: the row as a spreadsheet numbers it, the header being row 1), the
    encoding's name, and the rows that could not be read (wrong number of fields, undecodable
    bytes) as ``row``, ``column``, ``value``, ``reason``, for the quarantine.
    """
    path = Path(path)
    if not path.exists():
        raise ImportProblem(f"{path}: no such file")
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):  # a zip container: an .xlsx workbook
        try:
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
        except Exception as exc:
            raise ImportProblem(
                f"{path.name}: looks like an Excel workbook but cannot be read ({exc})"
            ) from exc
        frame.columns = [header_name(c) for c in frame.columns]
        frame["_row"] = np.arange(2, len(frame) + 2)
        return frame, "Excel (.xlsx)", pd.DataFrame(columns=["row", "column", "value", "reason"])
    if not raw.strip():
        raise ImportProblem(f"{path.name}: the file is empty (not even a header row)")
    text, encoding = decode(raw)
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [header_name(c) for c in next(records)]
    swallowed = swallowed_rows(len(header), delimiter)
    good, rows, bad = [], [], []
    number, line = 1, records.line_num
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except csv.Error:  # a cell over MAX_FIELD: the reader goes on at the next line
            number, line = number + 1, records.line_num
            bad.append((number, "", "", TOO_LONG.format(limit=MAX_FIELD)))
            continue
        number, first, line = number + 1, line + 1, records.line_num
        if not any(cell.strip() for cell in record):
            continue  # a blank line is no row
        shown = delimiter.join(record)[:120]
        if line > first and len(record) != len(header):
            bad.append((number, "", shown, UNCLOSED_QUOTE.format(first=first, last=line)))
        elif len(record) != len(header):
            reason = WRONG_FIELDS.format(expected=len(header), found=len(record))
            bad.append((number, "", shown, reason))
        elif line > first and swallowed and any(swallowed.search(c) for c in record):
            bad.append((number, "", shown, SWALLOWED))
        elif any("\ufffd" in cell for cell in record):
            bad.append((number, "", shown, UNDECODABLE))
        else:
            good.append(record)
            rows.append(number)
    frame = (
        pd.DataFrame(good, columns=header, dtype=str)
        if good
        else pd.DataFrame(columns=header, dtype=str)
    )
    frame["_row"] = np.asarray(rows, dtype=int)
    problems = pd.DataFrame(bad, columns=["row", "column", "value", "reason"])
    return frame, encoding, problems
