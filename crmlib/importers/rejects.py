"""Rows the CSV reader set aside, and every row numbered as a spreadsheet shows it.

DuckDB's reader keeps a rejected record's line and text (``store_rejects``); here each is
given its reason (a field too many, bytes that are no text, an unclosed quote that swallowed
the rows after it, a cell too long), and the rows read are renumbered so that the rejected
ones are the gaps between them (row 5 of the file is row 5 of the quarantine).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .sources import count_lines
from .text import MAX_FIELD, TOO_LONG, UNCLOSED_QUOTE, UNDECODABLE, WRONG_FIELDS

REJECT_LINE = 10_000  # DuckDB keeps this many characters of a rejected record's text


def rejected_rows(con, header: list[str], delimiter: str, text: Path) -> pd.DataFrame:
    """The rows DuckDB's CSV reader set aside, as the quarantine shows them (the record's
    fields joined). A record over several lines is an
    unclosed quote; when its text was cut short, it runs to the end of the file (DuckDB
    reads nothing after it), whose lines are counted."""
    rejected = con.sql(
        "SELECT line, any_value(csv_line) AS csv_line, any_value(error_type) AS error_type "
        "FROM reject_errors GROUP BY line ORDER BY line"
    ).df()
    reasons, shown = [], []
    for line, kind, written in zip(
        rejected["line"], rejected["error_type"], rejected["csv_line"], strict=True
    ):
        body = written.strip("\r\n")
        record = next(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter), [])
        too_long = kind == "LINE SIZE OVER MAXIMUM"
        shown.append("" if too_long else delimiter.join(record)[:120])
        if kind == "INVALID UNICODE":
            reasons.append(UNDECODABLE)
        elif too_long:  # shown empty: such a record is no preview
            reasons.append(TOO_LONG.format(limit=MAX_FIELD))
        elif "\n" in body:
            cut = len(written) >= REJECT_LINE - 1
            last = count_lines(text) if cut else int(line) + body.count("\n")
            reasons.append(UNCLOSED_QUOTE.format(first=int(line), last=last))
        else:
            reasons.append(WRONG_FIELDS.format(expected=len(header), found=len(record)))
    return pd.DataFrame(
        {
            "row": rejected["line"].astype("int64"),
            "column": "",
            "value": shown,
            "reason": reasons,
        }
    )


def renumber(con, rejected) -> None:
    """Give table ``typed`` the rows' numbers as a spreadsheet shows them (:func:`numbered`)."""
    if len(rejected):
        con.sql(f"CREATE TABLE numbered AS {numbered(con, 'SELECT * FROM typed', rejected)}")
        con.sql("DROP TABLE typed")
        con.sql("ALTER TABLE numbered RENAME TO typed")


def numbered(con, select: str, rejected) -> str:
    """``select`` (with ``_row`` counting the rows DuckDB read, from 2) with each row's number
    as a spreadsheet shows it: the rejected rows are the gaps between the rows read, so good
    row i follows rejected row L_j (j-th, 1-based) when L_j - j - 1 < i."""
    if len(rejected) == 0:
        return select
    con.register("gaps", gaps(rejected))
    return f"""SELECT n.* REPLACE (n._row + coalesce(g.skipped, 0) AS _row)
        FROM ({select}) n ASOF LEFT JOIN gaps g ON n._row - 1 > g.after"""


def gaps(rejected) -> pd.DataFrame:
    lines = sorted(int(v) for v in rejected)
    return pd.DataFrame(
        {"after": [v - j - 1 for j, v in enumerate(lines, 1)], "skipped": range(1, len(lines) + 1)}
    )
