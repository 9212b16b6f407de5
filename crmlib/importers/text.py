"""Reading an export's bytes into text columns, row by row, losing nothing: encodings (UTF-8,
GBK/GB18030, Excel's UTF-16 "Unicode Text"), Excel workbooks saved over a CSV, Parquet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from ..i18n import _
from .result import ImportProblem

WRONG_FIELDS = _(
    "wrong number of fields (expected {expected} as in the header, found {found}: "
    "a separator or quote inside a value?)"
)
UNDECODABLE = _(
    "bytes that are neither UTF-8 nor GBK here (the file is damaged, or mixes encodings)"
)


def _decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-16 by its byte-order mark (Excel's "Unicode
    Text"), else UTF-8 (with or without BOM), else GBK/GB18030; a file valid in neither is
    decoded in the one with fewer bad bytes, which become U+FFFD (their rows are quarantined)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GBK/GB18030"
    except UnicodeDecodeError:
        pass
    candidates = [
        (raw.decode("utf-8-sig", errors="replace"), "UTF-8"),
        (raw.decode("gb18030", errors="replace"), "GBK/GB18030"),
    ]
    return min(candidates, key=lambda c: c[0].count("\ufffd"))


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
        return frame, "Excel (.xlsx)", no_problems()
    if not raw.strip():
        raise ImportProblem(f"{path.name}: the file is empty (not even a header row)")
    text, encoding = _decode(raw)
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [header_name(c) for c in next(records)]
    good, rows, bad = [], [], []
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line is no row
        shown = delimiter.join(record)[:120]
        if len(record) != len(header):
            reason = WRONG_FIELDS.format(expected=len(header), found=len(record))
            bad.append((number, "", shown, reason))
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


def no_problems() -> pd.DataFrame:
    return pd.DataFrame(columns=["row", "column", "value", "reason"])


def read_any(path: str | Path) -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """The file as text columns with ``_row``, its encoding (or kind), and the rows that could
    not be read: a Parquet file by its suffix, anything else by :func:`read_text_table`."""
    path = Path(path)
    if path.suffix.lower() == ".parquet" and path.exists():
        frame = pd.read_parquet(path).astype(str).replace({"nan": "", "None": "", "NaT": ""})
        frame.columns = [str(c).strip() for c in frame.columns]
        frame["_row"] = np.arange(2, len(frame) + 2)
        return frame, "Parquet", no_problems()
    return read_text_table(path)
