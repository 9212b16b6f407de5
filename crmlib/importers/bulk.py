"""The import engine: DuckDB reads, checks and writes every order export, of any size.

Every format spec (:mod:`.spec`) is applied here once, in SQL. DuckDB (in-process, no server)
streams the CSV once into a narrow table of parsed values and one flag per check, setting
aside rows it cannot parse (wrong field count, bytes that are not text, an unclosed quote);
only rows whose order id occurs twice are looked at again (an order's items, exact repeats,
conflicts), and only problem rows are read a second time, for the values the quarantine
shows (masked). It writes ``orders.parquet`` (in the file's order), ``customers.parquet`` and
``quarantine.csv``; past ``memory_limit`` it spills to disk. GBK and UTF-16 exports are
converted to UTF-8 on the way in, block by block; an ``.xlsx`` workbook or a Parquet file is
written out as UTF-8 CSV first. :func:`~crmlib.importers.read_orders` runs this engine and
returns the tables in memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..locale import Message, _
from .checks import (
    DUPLICATE,
    OTHER_CURRENCY,
    TOO_LARGE,
    clean_text,
    raise_first,
    require_secret,
    shown_quarantine,
)
from .interrupt import interruptible
from .outputs import write_outputs
from .rejects import numbered, rejected_rows, renumber
from .result import QUARANTINE_COLUMNS, ImportProblem, ImportReport
from .rules import (
    RECORD,
    Rule,
    amount,
    amount_text,
    clean,
    literal,
    quoted,
    rules_for,
    timestamp,
)
from .sources import located_columns, read_header, unique_header, utf8_source
from .spec import AMOUNTS, FormatSpec
from .text import (
    header_name,
    swallowed_rows,
)

TEXT_KEPT = ("sub_order_id", "category", "channel", "currency", "name", "phone", "address")


@dataclass(kw_only=True)
class BulkImport(ImportReport):
    """Counts and quarantine of an import written by the DuckDB engine to ``directory``."""

    directory: Path
    loaded: int

    @property
    def rows_loaded(self) -> int:
        return self.loaded


@dataclass(frozen=True)
class _Source:
    """How to read the export again: the scan, our columns' text, its header and delimiter,
    and the rows the reader rejected (for their numbers)."""

    scan: str
    texts: dict[str, str]
    header: list[str]
    delimiter: str
    rejected: pd.DataFrame


def import_large(
    path: str | Path,
    spec: FormatSpec,
    out: str | Path,
    *,
    strict: bool = False,
    keep_personal: bool = False,
    secret: bytes | None = None,
    now: str | pd.Timestamp | None = None,
    memory_limit: str = "2500MB",
    progress: Callable[[str], None] | None = None,
) -> BulkImport:
    """Import an export of any size with DuckDB and write it to ``out`` as Parquet.

    Columns are named as the export spells them, row numbers as a spreadsheet shows them;
    ``out``
    receives ``orders.parquet``, ``customers.parquet`` and ``quarantine.csv``, all or nothing.
    ``memory_limit`` caps DuckDB's memory; beyond it, it spills to disk.
    """
    import duckdb  # in-process analytical engine: reads, checks and sorts files larger than memory

    require_secret(keep_personal, secret)
    step = progress or (lambda _what: None)
    now = pd.Timestamp(now) if now is not None else pd.Timestamp.now()
    path, out = Path(path), Path(out)
    if not path.exists():
        raise ImportProblem(f"{path}: no such file")
    source = path.name
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".engine-") as work:
        work = Path(work)
        step(Message(_("reading {file}"), file=source))
        text, encoding, replaced = utf8_source(path, work)
        header, delimiter = read_header(text)
        spec.locate([header_name(h) for h in header], source)  # a used header named twice stops
        header = unique_header(header)  # one it does not use is renamed: DuckDB needs unique names
        headers, texts = located_columns(header, spec, source)
        # in memory, spilling to ``work`` past memory_limit; closed on any error (Windows
        # cannot remove the folder of an open database); Ctrl-C stops a running query
        with closing(duckdb.connect()) as con, interruptible(con):
            con.sql(f"SET memory_limit = {literal(memory_limit)}")
            con.sql("SET enable_progress_bar = false")  # our own bar (tqdm) shows the steps
            con.sql(f"SET temp_directory = {literal(str(work / 'spill'))}")
            con.sql("SET preserve_insertion_order = true")
            types = ", ".join(f"{literal(h)}: 'VARCHAR'" for h in header)
            scan = (
                f"read_csv({literal(str(text))}, header = true, auto_detect = false, columns = {{{types}}}, "
                f"delim = {literal(delimiter)}, quote = '\"', escape = '\"', store_rejects = true)"
            )
            rules = rules_for(spec, headers, now)
            _read(con, scan, (header, delimiter), spec, headers, texts, rules, replaced)
            rejected = rejected_rows(con, header, delimiter, text)
            renumber(con, rejected["row"].to_numpy())
            step(_("checking every row"))
            rows_read = con.sql("SELECT count(*) FROM typed").fetchall()[0][0] + len(rejected)
            merged, duplicates = _merge(con, spec, headers, rules)
            problems = _problems(
                con, rules, headers, duplicates, _Source(scan, texts, header, delimiter, rejected)
            )
            unreadable = rejected.assign(source=source)
            quarantine = pd.concat([unreadable, problems.assign(source=source)], ignore_index=True)
            quarantine = quarantine.sort_values(["row", "column", "reason"], ignore_index=True)[
                QUARANTINE_COLUMNS
            ]
            quarantine = shown_quarantine(quarantine, headers, keep_personal)
            if strict:
                raise_first(quarantine, source)
            con.register(
                "bad_rows", pd.DataFrame({"_row": quarantine["row"].unique().astype("int64")})
            )
            for i in range(len(rules)):  # their memory goes to sorting the orders
                con.sql(f"ALTER TABLE typed DROP COLUMN f{i}")
            step(_("numbering buyers and writing"))
            loaded, out = write_outputs(con, spec, out, keep_personal, secret, quarantine)
    result = BulkImport(
        quarantine=quarantine,
        source=source,
        rows_read=int(rows_read),
        rows_merged=merged,
        notes=[Message(_("encoding: {encoding}"), encoding=encoding)],
        directory=out,
        loaded=loaded,
    )
    result.check_reconciles()
    return result


def _read(
    con,
    scan: str,
    layout: tuple[list[str], str],
    spec: FormatSpec,
    headers: dict,
    texts: dict,
    rules: list[Rule],
    replaced: bool,
) -> None:
    """One pass over the file: table ``typed`` with each row's number, cleaned ids, parsed
    values, the text columns the outputs keep, and one flag per rule. ``replaced``: whether
    the text may hold U+FFFD (bytes that were no text), which is then looked for in every
    field. ``layout``: the header as written and the delimiter."""
    header, delimiter = layout
    has = headers.__contains__
    statuses = spec.statuses or {}
    con.register(
        "status_map",
        pd.DataFrame({"status_text": list(statuses), "mapped": list(statuses.values())}),
    )
    raw = ", ".join(f"{sql} AS t_{c}" for c, sql in texts.items())
    parsed = [
        f"{clean('t_order_id')} AS order_id",
        f"{clean('t_customer_key')} AS customer_key",
        ("m.mapped" if has("status") else "'completed'") + " AS mapped_status",
        *(f"{amount(f'a_{c}', spec)} AS {c}_value" for c in AMOUNTS if has(c)),
        f"{timestamp('s_created_time', spec.timezone)} AS created_value",
    ]
    if has("paid_time"):
        parsed.append(f"{timestamp('s_paid_time', spec.timezone)} AS paid_value")
    if has("items"):
        parsed.append("TRY_CAST(TRY_CAST(trim(t_items) AS DOUBLE) AS BIGINT) AS items")
    parsed += [
        f"{clean('t_phone')} AS phone" if c == "phone" else f"t_{c} AS {c}"
        for c in TEXT_KEPT
        if has(c)
    ]
    join = "LEFT JOIN status_map m ON m.status_text = trim(r.t_status)" if has("status") else ""
    flags = ", ".join(f"coalesce({rule.condition}, false) AS f{i}" for i, rule in enumerate(rules))
    amounts = [c for c in AMOUNTS if has(c)]
    times = [c for c in ("created_time", "paid_time") if has(c)]
    texts_for_rules = ", ".join([f"a_{c}" for c in amounts] + [f"s_{c}" for c in times])
    stripped = ", ".join(
        [f"{amount_text(f't_{c}')} AS a_{c}" for c in amounts]
        + [f"trim(t_{c}) AS s_{c}" for c in times]
    )
    every = ", ".join(f"coalesce({quoted(h)}, '')" for h in header)
    bad_bytes = f"contains(concat({every}), chr(65533))" if replaced else "false"
    swallowed = swallowed_rows(len(header), delimiter)
    # a line break is rare: looked for in each field (no string built per row), and only a
    # row holding one is matched against the pattern
    breaks = " OR ".join(f"contains(coalesce({quoted(h)}, ''), chr(10))" for h in header)
    whole = f"concat_ws(chr(1), {every})"
    swallowed = (
        f"(({breaks}) AND regexp_matches({whole}, {literal(swallowed.pattern)}))"
        if swallowed
        else "false"
    )
    con.sql(
        f"""CREATE TABLE parsed AS
        WITH r0 AS (SELECT {raw}, {bad_bytes} AS bad_bytes, {swallowed} AS swallowed FROM {scan}),
        r AS (SELECT *, {stripped} FROM r0),
        p AS (SELECT {", ".join(parsed)}, {texts_for_rules}, bad_bytes, swallowed FROM r {join})
        SELECT * EXCLUDE ({texts_for_rules}), {flags} FROM p"""
    )
    # rows keep the file's order (preserve_insertion_order), so a row's position is its number:
    # numbering while reading (row_number) would read on one core instead of all of them
    con.sql("ALTER TABLE parsed ADD COLUMN _row BIGINT")
    con.sql("UPDATE parsed SET _row = rowid + 2")
    con.sql("ALTER TABLE parsed RENAME TO typed")


def _merge(con, spec: FormatSpec, headers: dict, rules: list[Rule]) -> tuple[int, pd.DataFrame]:
    """Rows sharing an order id: an order's items (merged into its first row, quantities and,
    for ``line_items: summed``, amounts added up, any item's problem the order's), else exact
    repeats (merged) and conflicts (returned as row -> row kept)."""
    con.sql(
        """CREATE TABLE multi AS SELECT * FROM typed WHERE order_id IN
        (SELECT order_id FROM typed GROUP BY order_id HAVING count(*) > 1)"""
    )
    flags = [f"f{i}" for i in range(len(rules))]
    if "sub_order_id" in headers:
        sums = ["items"] if "items" in headers else []
        if spec.line_items == "summed":
            sums += [f"{c}_value" for c in AMOUNTS if c in headers]
        totals = [f"sum({c}) AS {c}" for c in sums] + [f"bool_or({f}) AS {f}" for f in flags]
        limit = spec.amount_limit
        too_large = [i for i, r in enumerate(rules) if r.reason == TOO_LARGE.format(limit=limit)]
        con.sql(
            f"""CREATE TABLE merged AS SELECT min(_row) AS _row, {", ".join(totals)}
            FROM multi WHERE order_id <> '' GROUP BY order_id"""
        )
        for i in too_large:  # an order's total can be too large where no item is
            column = rules[i].column
            if f"{column}_value" in sums:
                con.sql(f"UPDATE merged SET f{i} = f{i} OR {column}_value > {limit}")
        sets = ", ".join(f"{c} = m.{c}" for c in [*sums, *flags])
        con.sql(f"UPDATE typed SET {sets} FROM merged m WHERE typed._row = m._row")
        gone = con.sql(
            """SELECT count(*) FROM multi WHERE order_id <> '' AND _row NOT IN (SELECT _row FROM merged)"""
        ).fetchall()[0][0]
        con.sql(
            """DELETE FROM typed WHERE _row IN (SELECT _row FROM multi WHERE order_id <> ''
            AND _row NOT IN (SELECT _row FROM merged))"""
        )
        return int(gone), pd.DataFrame({"row": [], "kept": []}, dtype="int64")
    values = ", ".join(c for c in con.sql("SELECT * FROM multi LIMIT 0").columns if c != "_row")
    con.sql(
        f"""CREATE TABLE repeats AS SELECT _row FROM multi QUALIFY
        row_number() OVER (PARTITION BY {values} ORDER BY _row) > 1"""
    )
    gone = con.sql("SELECT count(*) FROM repeats").fetchall()[0][0]
    con.sql("DELETE FROM typed WHERE _row IN (SELECT _row FROM repeats)")
    duplicates = con.sql(
        """SELECT _row AS row, kept FROM (SELECT _row, order_id, min(_row) OVER
        (PARTITION BY order_id) AS kept FROM multi ANTI JOIN repeats USING (_row))
        WHERE order_id <> '' AND _row <> kept"""
    ).df()
    return int(gone), duplicates


def _problems(
    con, rules: list[Rule], headers: dict, duplicates: pd.DataFrame, source: _Source
) -> pd.DataFrame:
    """The quarantine's rows for the flagged rows, with the values as the export wrote them
    (read again from the file for those rows only)."""
    parts = [f"SELECT _row AS row, {i} AS rule FROM typed WHERE f{i}" for i in range(len(rules))]
    flagged = con.sql(" UNION ALL ".join(parts)).df()
    shown_rules = [(r.column, r.reason) for r in rules]
    if "currency" in headers:
        main = con.sql("SELECT mode(trim(currency)) FROM typed").fetchall()[0][0] or ""
        other = con.sql(
            f"SELECT _row AS row FROM typed WHERE trim(currency) <> {literal(main)}"
        ).df()
        flagged = pd.concat([flagged, other.assign(rule=len(shown_rules))])
        shown_rules.append(("currency", OTHER_CURRENCY.format(main=main)))
    if len(duplicates):
        flagged = pd.concat([flagged, duplicates[["row"]].assign(rule=len(shown_rules))])
        shown_rules.append(("order_id", DUPLICATE))
    if flagged.empty:
        return pd.DataFrame(columns=QUARANTINE_COLUMNS[1:])
    whole = flagged["rule"].isin([0, 1])  # rules 0 and 1: bytes that were no text, swallowed rows
    bad = flagged.loc[whole, "row"]
    flagged = flagged[~flagged["row"].isin(bad) | whole]
    con.register("wanted", pd.DataFrame({"_row": flagged["row"].unique().astype("int64")}))
    fields = ", ".join("coalesce(" + quoted(h) + ", '')" for h in source.header)
    record = f"concat_ws({literal(source.delimiter)}, {fields})"
    columns = ", ".join(f"{sql} AS {c}" for c, sql in source.texts.items())
    again = f"SELECT row_number() OVER () + 1 AS _row, {columns}, {record} AS {RECORD} FROM {source.scan}"
    rows = numbered(con, again, source.rejected["row"].to_numpy())
    raw = con.sql(f"SELECT * FROM ({rows}) SEMI JOIN wanted USING (_row)").df()
    raw = raw.set_index("_row")
    raw[RECORD] = raw[RECORD].str.slice(0, 120)
    for column in ("order_id", "customer_key"):
        raw[column] = clean_text(raw[column])
    for column in ("status", "currency"):
        if column in raw:
            raw[column] = raw[column].str.strip()
    kept = dict(zip(duplicates["row"], duplicates["kept"], strict=True))
    parts = []  # one block a rule, not a Python step a flagged row: half a file may be flagged
    for rule, part in flagged.groupby("rule", sort=False):
        column, reason = shown_rules[rule]
        row = part["row"].to_numpy(dtype="int64")
        reasons = [DUPLICATE.format(row=kept[r]) for r in row] if reason == DUPLICATE else reason
        shown = "" if column == RECORD else headers.get(column, column)
        values = raw[column].reindex(row).astype(str).to_numpy()
        parts.append(
            pd.DataFrame({"row": row, "column": shown, "value": values, "reason": reasons})
        )
    return pd.concat(parts, ignore_index=True)[QUARANTINE_COLUMNS[1:]]
