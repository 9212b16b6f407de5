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

import codecs
import csv
import io
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import pandas as pd

from ..locale import _
from ..orders import PURCHASE_STATUSES
from ..spreadsheet import write_csv
from .checks import (
    DECIMAL_COMMA,
    DUPLICATE,
    EMPTY_TEXT,
    EXCEL_DAMAGED,
    FUTURE_DATE,
    IMPLAUSIBLE_DATE,
    MISSING_AMOUNT,
    MISSING_BUYER,
    MISSING_DATE,
    MISSING_ORDER_ID,
    NEGATIVE_AMOUNT,
    NOT_A_NUMBER,
    OTHER_CURRENCY,
    PAID_WITHOUT_TIME,
    REFUND_OVER_PAID,
    SCIENTIFIC,
    TOO_LARGE,
    UNKNOWN_STATUS,
    UNPARSEABLE_DATE,
    clean_text,
    raise_first,
    require_secret,
    shown_quarantine,
)
from .finish import profiles, pseudonyms
from .result import ORDER_COLUMNS, QUARANTINE_COLUMNS, ImportProblem, ImportReport, replace_outputs
from .spec import AMOUNTS, FormatSpec
from .text import (
    MAX_FIELD,
    SWALLOWED,
    TOO_LONG,
    UNCLOSED_QUOTE,
    UNDECODABLE,
    WRONG_FIELDS,
    header_name,
    sniff_delimiter,
    swallowed_rows,
)

BLOCK = 1 << 25  # bytes converted at a time (32 MiB)
TIME_FORMATS = [  # what pandas' ISO8601 and "mixed" parsing accept in real exports
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
]
RECORD = "_record"  # a rule on the whole row, not one column
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


@dataclass(frozen=True)
class _Rule:
    column: str  # ours
    condition: str  # SQL over the row's text (t_*) and parsed values
    reason: str


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _s(text: object) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _one_of(expression: str, values) -> str:
    """``expression IN (values)`` written as equalities: DuckDB plans an IN list of more than
    a few constants as a join, which costs far more per row."""
    return "(" + " OR ".join(f"{expression} = {v}" for v in values) + ")"


def _utf8_source(path: Path, workdir: Path) -> tuple[Path, str, bool]:
    """The export as a UTF-8 file DuckDB can read, the encoding it came in, and whether it
    may hold U+FFFD (bytes that were no text): UTF-8 as it is; UTF-16 (Excel's "Unicode
    Text") and GBK converted block by block, bytes that are neither becoming U+FFFD (their rows
    are quarantined)."""
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    target = workdir / "export-utf8.csv"
    if head.startswith(b"PK\x03\x04"):  # a zip container: an .xlsx workbook
        return _as_csv(_workbook(path), target), "Excel (.xlsx)", False
    if head.startswith(b"PAR1"):
        return _as_csv(_parquet(path), target), "Parquet", False
    if not head.strip():
        raise ImportProblem(f"{path.name}: the file is empty (not even a header row)")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        replaced = False
        with path.open("rb") as source, target.open("w", encoding="utf-8", newline="") as out:
            while block := source.read(BLOCK):
                text = decoder.decode(block)
                replaced = replaced or "\ufffd" in text
                out.write(text)
            out.write(decoder.decode(b"", final=True))
        return target, "UTF-16", replaced
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return path, "UTF-8", True  # not scanned: the check runs on every row
    except UnicodeDecodeError:
        pass
    return target, "GBK/GB18030", _gbk_to_utf8(path, target)


def _workbook(path: Path) -> pd.DataFrame:
    """The first sheet of an Excel workbook, every cell as text (openpyxl through pandas:
    DuckDB reads no .xlsx without an extension it would download)."""
    try:
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    except Exception as exc:  # a damaged zip, an encrypted or an old .xls workbook
        raise ImportProblem(
            f"{path.name}: looks like an Excel workbook but cannot be read "
            f"({type(exc).__name__}); save it again as .xlsx or CSV"
        ) from None


def _parquet(path: Path) -> pd.DataFrame:
    """A Parquet file's columns as text, missing values empty."""
    frame = pd.read_parquet(path)
    text = frame.astype(str).where(frame.notna(), "")
    return text.replace({"nan": "", "None": "", "NaT": ""})


def _as_csv(frame: pd.DataFrame, target: Path) -> Path:
    """A table of text written as the UTF-8 CSV the engine reads (its rows keep their order,
    so row numbers are those of the sheet: the header is row 1)."""
    frame.columns = [str(c) for c in frame.columns]
    frame.to_csv(target, index=False, encoding="utf-8", lineterminator="\n")
    return target


def _convert_lines(path: Path, start: int, end: int, part: Path) -> bool:
    """Write the bytes from ``start`` to ``end`` (both at line starts) of a GB18030 file to
    ``part`` as UTF-8; True when some bytes were no text (U+FFFD)."""
    with path.open("rb") as handle:
        handle.seek(start)
        text = handle.read(end - start).decode("gb18030", errors="replace")
    part.write_bytes(text.encode("utf-8"))
    return "\ufffd" in text


def _gbk_to_utf8(path: Path, target: Path) -> bool:
    """Convert a GBK/GB18030 file to UTF-8 on every core: the file is cut at line ends (byte
    0x0A is never inside a GB18030 character), each block written to its own file by a worker
    and the blocks joined in order by the kernel (no bytes pass between processes). True when
    some bytes were no text."""
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as handle:
        while cuts[-1] + BLOCK < size:
            handle.seek(cuts[-1] + BLOCK)
            handle.readline()
            cuts.append(min(handle.tell(), size))
    cuts.append(size)
    ranges = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
    parts = [target.with_name(f"{target.name}.{i}") for i in range(len(ranges))]
    starts, ends = zip(*ranges, strict=True)
    workers = min(os.cpu_count() or 1, len(parts))
    replaced = False
    with ExitStack() as stack:
        pool = stack.enter_context(ProcessPoolExecutor(workers)) if workers > 1 else None
        converted = (pool.map if pool else map)(_convert_lines, repeat(path), starts, ends, parts)
        out = stack.enter_context(target.open("wb", buffering=0))
        for part, bad in zip(parts, converted, strict=True):  # in order, as each block is done
            _append(out, part)
            part.unlink()
            replaced = replaced or bad
    return replaced


def _append(out, part: Path) -> None:
    """Append the file ``part`` to the open file ``out``, in the kernel where it can."""
    with part.open("rb") as block:
        if not hasattr(os, "sendfile"):  # Windows
            shutil.copyfileobj(block, out, 1 << 24)
            return
        offset, size = 0, part.stat().st_size
        while offset < size:
            offset += os.sendfile(out.fileno(), block.fileno(), offset, size - offset)


def _header(path: Path) -> tuple[list[str], str]:
    """The export's header as written, and its delimiter (tab for Excel's text saves)."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        first = handle.readline()
    delimiter = sniff_delimiter(first)
    return next(csv.reader(io.StringIO(first), delimiter=delimiter)), delimiter


@contextmanager
def _interruptible(con):
    """Ctrl-C interrupts DuckDB's running query at once (by default it may let the query
    finish first) and ends the import with KeyboardInterrupt; in the main thread only, where
    Python receives the signal."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = []

    def stop(number, frame) -> None:
        pressed.append(number)
        con.interrupt()  # a running query stops within a second
        raise KeyboardInterrupt  # Python code stops at once

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    except Exception:
        if pressed:  # DuckDB's "interrupted" error, or what followed from it
            raise KeyboardInterrupt from None
        raise
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def _unique(header: list[str]) -> list[str]:
    """The header with a repeated name numbered (``备注``, ``备注 (2)``)."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _columns(header: list[str], spec: FormatSpec, source: str) -> tuple[dict[str, str], dict]:
    """{our column: the export's header} (:meth:`FormatSpec.locate`) and {our column: SQL for
    its text}, the spec's empty markers read as empty."""
    written = {header_name(h): h for h in header}  # the header as the file spells it
    found, joined = spec.locate(list(written), source)
    empties = ", ".join(_s(v) for v in spec.empty_values)

    def cell(name: str) -> str:
        sql = f"coalesce({_q(written[name])}, '')"
        if not empties:
            return sql
        # trim only the values that hold a marker: most hold none
        holds = " OR ".join(f"contains({sql}, {_s(v.strip())})" for v in spec.empty_values)
        marker = _one_of(f"trim({sql})", [_s(v) for v in spec.empty_values])
        return f"CASE WHEN ({holds}) AND {marker} THEN '' ELSE {sql} END"

    text = {ours: cell(name) for ours, name in found.items()}
    headers = dict(found)
    for ours, parts in joined.items():
        text[ours] = "trim(" + " || ".join(cell(p) for p in parts) + ")"
        headers[ours] = "+".join(parts)
    return headers, text


def _clean(column: str) -> str:
    """:func:`~.checks.clean_text` in SQL: no spaces, tabs, ="…" wrapper or quotes (worked
    out in full only for the few values holding a tab, = or a quote: the rest are trimmed)."""
    text = f"trim(replace({column}, chr(9), ''))"
    cleaned = f"trim(trim(regexp_replace({text}, '^=\"?(.*?)\"?$', '\\1')), '''')"
    marked = f"contains({column}, chr(9)) OR contains({column}, '=') OR contains({column}, chr(39))"
    return f"CASE WHEN {marked} THEN {cleaned} ELSE trim({column}) END"


def _scientific(column: str) -> str:
    """Excel's damage (3.07347E+18), matched only on values that start with a digit and hold
    an e."""
    return (
        f"((contains({column}, 'E') OR contains({column}, 'e')) AND "
        f"regexp_full_match({column}, {_s(SCIENTIFIC)}))"
    )


def _empty(trimmed: str) -> str:
    """Whether a trimmed text is empty, as parse_amount and parse_time read it."""
    return _one_of(trimmed, [_s(v) for v in EMPTY_TEXT])


def _amount_text(column: str) -> str:
    """An amount's text, trimmed, without ¥, ￥ and 元 (worked out in full only for the values
    holding one of them); its commas stay, for :func:`_amount` to read."""
    full = f"trim(regexp_replace(trim({column}), '^[¥￥]\\s*|\\s*元$', '', 'g'))"
    marks = " OR ".join(f"contains({column}, {_s(m)})" for m in ("¥", "￥", "元"))
    return f"CASE WHEN {marks} THEN {full} ELSE trim({column}) END"


THOUSANDS = r"-?\d{1,3}(,\d{3})+(\.\d+)?"  # 1,234 and 1,234,567.89: commas group thousands
DECIMAL = r"-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}"  # 1.234,56 and 12,5: a decimal comma


def _amount(text: str, spec: FormatSpec) -> str:
    """An amount's value from an :func:`_amount_text`: DOUBLE, or NULL when it is not a
    number. Commas group thousands (a decimal comma only where the spec says so); ``_`` and
    spaces inside the digits are not read (DuckDB alone would read ``1_000`` as 1000)."""
    if spec.decimal_comma:
        number = f"replace(replace({text}, '.', ''), ',', '.')"
        commas = f"CASE WHEN regexp_full_match({text}, {_s(DECIMAL)}) THEN {number} END"
    else:
        plain = f"replace({text}, ',', '')"
        commas = f"CASE WHEN regexp_full_match({text}, {_s(THOUSANDS)}) THEN {plain} END"
    value = (
        f"CASE WHEN {_empty(text)} OR contains({text}, '_') THEN NULL "
        f"WHEN contains({text}, ',') THEN {commas} ELSE {text} END"
    )
    return f"TRY_CAST({value} AS DOUBLE)"


def _decimal_comma(text: str, spec: FormatSpec) -> str:
    """Whether an amount's text has a decimal comma the spec does not expect."""
    if spec.decimal_comma:
        return "false"
    return f"(contains({text}, ',') AND regexp_full_match({text}, {_s(DECIMAL)}))"


OFFSET = r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$"  # a time, then its zone


def _time(trimmed: str, zone: str) -> str:
    """The time a trimmed text holds, as the shop's clock shows it: one of
    :data:`TIME_FORMATS` (the first, which exports use, tried alone first: far cheaper than
    the list), or, written with an offset (``+08:00``, ``Z``), converted to ``zone`` (DuckDB's
    bundled ICU; no download). NULL when it is no time."""
    formats = ", ".join(_s(f) for f in TIME_FORMATS)
    first = f"try_strptime({trimmed}, {_s(TIME_FORMATS[0])})"
    plain = f"coalesce({first}, try_strptime({trimmed}, [{formats}]))"
    shifted = f"timezone({_s(zone)}, TRY_CAST({trimmed} AS TIMESTAMPTZ))"
    # cheap tests first: a zone is a +, a final Z, or (a minus) text past "2024-01-31 10:00:00"
    maybe = f"(contains({trimmed}, '+') OR suffix({trimmed}, 'Z') OR length({trimmed}) > 19)"
    offset = f"({maybe} AND regexp_matches({trimmed}, {_s(OFFSET)}))"
    return f"CASE WHEN {offset} THEN {shifted} ELSE {plain} END"


def _rules(spec: FormatSpec, headers: dict[str, str], now: pd.Timestamp) -> list[_Rule]:
    """The row checks of :func:`~.orders.read_orders`, over ``a_<amount>`` and ``s_<time>``
    (the trimmed text) and ``<column>_value`` (the parsed value)."""
    has = headers.__contains__
    rules = [
        _Rule(RECORD, "bad_bytes", UNDECODABLE),  # the rest of such a row is not checked
        _Rule(RECORD, "swallowed", SWALLOWED),  # nor of one holding the rows after it
        _Rule("order_id", _scientific("order_id"), EXCEL_DAMAGED),
        _Rule("order_id", "order_id = ''", MISSING_ORDER_ID),
        _Rule("customer_key", "customer_key = ''", MISSING_BUYER),
        _Rule("customer_key", _scientific("customer_key"), EXCEL_DAMAGED),
    ]
    if has("status"):
        rules.append(_Rule("status", "mapped_status IS NULL", UNKNOWN_STATUS))
    for column in (c for c in AMOUNTS if has(c)):
        value, text = f"{column}_value", f"a_{column}"
        comma = _decimal_comma(text, spec)
        rules += [
            _Rule(column, comma, DECIMAL_COMMA),
            _Rule(column, f"{value} IS NULL AND NOT {_empty(text)} AND NOT {comma}", NOT_A_NUMBER),
            _Rule(column, f"{value} < 0", NEGATIVE_AMOUNT),
            _Rule(
                column, f"{value} > {spec.amount_limit}", TOO_LARGE.format(limit=spec.amount_limit)
            ),
        ]
        if column == "amount_paid":
            rules.append(_Rule(column, _empty(text), MISSING_AMOUNT))
    future = f"TIMESTAMP {_s(now.isoformat(sep=' '))}"
    for column, value, required in (
        ("created_time", "created_value", True),
        ("paid_time", "paid_value", False),
    ):
        if not has(column):
            continue
        rules.append(
            _Rule(column, f"{value} IS NULL AND NOT {_empty(f's_{column}')}", UNPARSEABLE_DATE)
        )
        if required:
            rules.append(_Rule(column, _empty(f"s_{column}"), MISSING_DATE))
        rules.append(_Rule(column, f"{value} > {future}", FUTURE_DATE))
        earliest = f"TIMESTAMP '{spec.earliest_year:04d}-01-01'"
        rules.append(
            _Rule(column, f"{value} < {earliest}", IMPLAUSIBLE_DATE.format(year=spec.earliest_year))
        )
    if has("paid_time"):
        paid = [_s(s) for s in PURCHASE_STATUSES]
        rules.append(
            _Rule(
                "paid_time",
                f"{_one_of('mapped_status', paid)} AND s_paid_time = ''",
                PAID_WITHOUT_TIME,
            )
        )
    if has("refund_amount"):  # more money back than was paid: a net amount below zero
        over = "amount_paid_value >= 0 AND refund_amount_value > amount_paid_value + 0.005"
        rules.append(_Rule("refund_amount", over, REFUND_OVER_PAID))
    return rules


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
        step(_("reading {file}").format(file=source))
        text, encoding, replaced = _utf8_source(path, work)
        header, delimiter = _header(text)
        spec.locate([header_name(h) for h in header], source)  # a used header named twice stops
        header = _unique(header)  # one it does not use is renamed: DuckDB needs unique names
        headers, texts = _columns(header, spec, source)
        # in memory, spilling to ``work`` past memory_limit; closed on any error (Windows
        # cannot remove the folder of an open database); Ctrl-C stops a running query
        with closing(duckdb.connect()) as con, _interruptible(con):
            con.sql(f"SET memory_limit = {_s(memory_limit)}")
            con.sql("SET enable_progress_bar = false")  # our own bar (tqdm) shows the steps
            con.sql(f"SET temp_directory = {_s(str(work / 'spill'))}")
            con.sql("SET preserve_insertion_order = true")
            types = ", ".join(f"{_s(h)}: 'VARCHAR'" for h in header)
            scan = (
                f"read_csv({_s(str(text))}, header = true, auto_detect = false, columns = {{{types}}}, "
                f"delim = {_s(delimiter)}, quote = '\"', escape = '\"', store_rejects = true)"
            )
            rules = _rules(spec, headers, now)
            _read(con, scan, (header, delimiter), spec, headers, texts, rules, replaced)
            rejected = _rejected(con, header, delimiter, text)
            _renumber(con, rejected["row"].to_numpy())
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
            loaded = _write(con, spec, out, keep_personal, secret, quarantine)
    result = BulkImport(
        quarantine=quarantine,
        source=source,
        rows_read=int(rows_read),
        rows_merged=merged,
        notes=[_("encoding: {encoding}").format(encoding=encoding)],
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
    rules: list[_Rule],
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
        f"{_clean('t_order_id')} AS order_id",
        f"{_clean('t_customer_key')} AS customer_key",
        ("m.mapped" if has("status") else "'completed'") + " AS mapped_status",
        *(f"{_amount(f'a_{c}', spec)} AS {c}_value" for c in AMOUNTS if has(c)),
        f"{_time('s_created_time', spec.timezone)} AS created_value",
    ]
    if has("paid_time"):
        parsed.append(f"{_time('s_paid_time', spec.timezone)} AS paid_value")
    if has("items"):
        parsed.append("TRY_CAST(TRY_CAST(trim(t_items) AS DOUBLE) AS BIGINT) AS items")
    parsed += [
        f"{_clean('t_phone')} AS phone" if c == "phone" else f"t_{c} AS {c}"
        for c in TEXT_KEPT
        if has(c)
    ]
    join = "LEFT JOIN status_map m ON m.status_text = trim(r.t_status)" if has("status") else ""
    flags = ", ".join(f"coalesce({rule.condition}, false) AS f{i}" for i, rule in enumerate(rules))
    amounts = [c for c in AMOUNTS if has(c)]
    times = [c for c in ("created_time", "paid_time") if has(c)]
    texts_for_rules = ", ".join([f"a_{c}" for c in amounts] + [f"s_{c}" for c in times])
    stripped = ", ".join(
        [f"{_amount_text(f't_{c}')} AS a_{c}" for c in amounts]
        + [f"trim(t_{c}) AS s_{c}" for c in times]
    )
    every = ", ".join(f"coalesce({_q(h)}, '')" for h in header)
    bad_bytes = f"contains(concat({every}), chr(65533))" if replaced else "false"
    swallowed = swallowed_rows(len(header), delimiter)
    # a line break is rare: looked for in each field (no string built per row), and only a
    # row holding one is matched against the pattern
    breaks = " OR ".join(f"contains(coalesce({_q(h)}, ''), chr(10))" for h in header)
    whole = f"concat_ws(chr(1), {every})"
    swallowed = (
        f"(({breaks}) AND regexp_matches({whole}, {_s(swallowed.pattern)}))"
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


REJECT_LINE = 10_000  # DuckDB keeps this many characters of a rejected record's text


def _rejected(con, header: list[str], delimiter: str, text: Path) -> pd.DataFrame:
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
            last = _lines(text) if cut else int(line) + body.count("\n")
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


def _lines(path: Path) -> int:
    """The lines of a text file (a last line without a line break counts), block by block."""
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(BLOCK):
            lines, last = lines + block.count(b"\n"), block[-1:]
    return lines + (last != b"\n")


def _renumber(con, rejected) -> None:
    """Give table ``typed`` the rows' numbers as a spreadsheet shows them (:func:`_numbered`)."""
    if len(rejected):
        con.sql(f"CREATE TABLE numbered AS {_numbered(con, 'SELECT * FROM typed', rejected)}")
        con.sql("DROP TABLE typed")
        con.sql("ALTER TABLE numbered RENAME TO typed")


def _numbered(con, select: str, rejected) -> str:
    """``select`` (with ``_row`` counting the rows DuckDB read, from 2) with each row's number
    as a spreadsheet shows it: the rejected rows are the gaps between the rows read, so good
    row i follows rejected row L_j (j-th, 1-based) when L_j - j - 1 < i."""
    if len(rejected) == 0:
        return select
    con.register("gaps", _gaps(rejected))
    return f"""SELECT n.* REPLACE (n._row + coalesce(g.skipped, 0) AS _row)
        FROM ({select}) n ASOF LEFT JOIN gaps g ON n._row - 1 > g.after"""


def _gaps(rejected) -> pd.DataFrame:
    lines = sorted(int(v) for v in rejected)
    return pd.DataFrame(
        {"after": [v - j - 1 for j, v in enumerate(lines, 1)], "skipped": range(1, len(lines) + 1)}
    )


def _merge(con, spec: FormatSpec, headers: dict, rules: list[_Rule]) -> tuple[int, pd.DataFrame]:
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
    con, rules: list[_Rule], headers: dict, duplicates: pd.DataFrame, source: _Source
) -> pd.DataFrame:
    """The quarantine's rows for the flagged rows, with the values as the export wrote them
    (read again from the file for those rows only)."""
    parts = [f"SELECT _row AS row, {i} AS rule FROM typed WHERE f{i}" for i in range(len(rules))]
    flagged = con.sql(" UNION ALL ".join(parts)).df()
    shown_rules = [(r.column, r.reason) for r in rules]
    if "currency" in headers:
        main = con.sql("SELECT mode(trim(currency)) FROM typed").fetchall()[0][0] or ""
        other = con.sql(f"SELECT _row AS row FROM typed WHERE trim(currency) <> {_s(main)}").df()
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
    fields = ", ".join("coalesce(" + _q(h) + ", '')" for h in source.header)
    record = f"concat_ws({_s(source.delimiter)}, {fields})"
    columns = ", ".join(f"{sql} AS {c}" for c, sql in source.texts.items())
    again = f"SELECT row_number() OVER () + 1 AS _row, {columns}, {record} AS {RECORD} FROM {source.scan}"
    numbered = _numbered(con, again, source.rejected["row"].to_numpy())
    raw = con.sql(f"SELECT * FROM ({numbered}) SEMI JOIN wanted USING (_row)").df()
    raw = raw.set_index("_row")
    raw[RECORD] = raw[RECORD].str.slice(0, 120)
    for column in ("order_id", "customer_key"):
        raw[column] = clean_text(raw[column])
    for column in ("status", "currency"):
        if column in raw:
            raw[column] = raw[column].str.strip()
    kept = dict(zip(duplicates["row"], duplicates["kept"], strict=True))
    rows = []
    for row, rule in zip(flagged["row"], flagged["rule"], strict=True):
        column, reason = shown_rules[rule]
        if reason == DUPLICATE:
            reason = DUPLICATE.format(row=kept[row])
        shown = "" if column == RECORD else headers.get(column, column)
        rows.append((int(row), shown, str(raw.at[row, column]), reason))
    return pd.DataFrame(rows, columns=QUARANTINE_COLUMNS[1:])


def _write(
    con,
    spec: FormatSpec,
    out: Path,
    keep_personal: bool,
    secret: bytes | None,
    quarantine: pd.DataFrame,
) -> int:
    """Number the buyers in key order, pseudonymise their keys, and write the three files."""
    columns = set(con.sql("SELECT * FROM typed LIMIT 0").columns)
    has = columns.__contains__
    people = [c for c in ("name", "phone", "address") if has(c)]
    good = "(SELECT * FROM typed ANTI JOIN bad_rows USING (_row))"  # the rows not quarantined
    buyers = con.sql(
        f"""SELECT customer_key, min(created_value) AS signup_date
        {"".join(f", arg_max({c}, _row) AS {c}" for c in people)}
        FROM {good} GROUP BY customer_key ORDER BY customer_key"""
    ).df()  # one row per buyer: their first order's time, their latest order's name and address
    for column in people:  # only the buyers' latest are kept: the memory goes to sorting
        con.sql(f"ALTER TABLE typed DROP COLUMN {column}")
    buyers.index = pd.RangeIndex(1, len(buyers) + 1, name="customer_id")
    shown = buyers["customer_key"] if keep_personal else pseudonyms(buyers["customer_key"], secret)
    keys = pd.DataFrame(
        {"customer_key": buyers["customer_key"], "customer_id": buyers.index, "shown_key": shown}
    )
    con.register("buyer_keys_frame", keys)
    con.sql("CREATE TABLE buyer_keys AS SELECT * FROM buyer_keys_frame")  # joined natively
    con.unregister("buyer_keys_frame")
    zero = "CAST(0.0 AS DOUBLE)"  # a bare 0.0 is a DECIMAL in DuckDB
    refund = f"coalesce(refund_amount_value, {zero})" if has("refund_amount_value") else zero
    status = f"CASE WHEN mapped_status = 'closed' AND {refund} > 0 THEN {_s(spec.closed_with_refund)} ELSE mapped_status END"
    paid = "created_value"
    if has("paid_value"):
        paid = "paid_value"
        was_paid = f"({status}) = 'closed' AND paid_value IS NOT NULL"
        refund = (
            f"CASE WHEN {was_paid} AND {_s(spec.closed_after_payment)} = 'refunded' AND {refund} <= 0 "
            f"THEN amount_paid_value ELSE {refund} END"
        )
        status = f"CASE WHEN {was_paid} THEN {_s(spec.closed_after_payment)} ELSE {status} END"
    con.sql(
        f"CREATE VIEW final AS SELECT g.*, {status} AS final_status, {refund} AS refund_value "
        f"FROM {good} g"
    )
    unpaid = "final_status = 'closed'"
    amount = f"CASE WHEN {unpaid} THEN {zero} ELSE amount_paid_value END"
    discount = f"coalesce(discount_value, {zero})" if has("discount_value") else zero
    coupon = f"coalesce(coupon_value, {zero})" if has("coupon_value") else zero
    listed = f"({amount} + {discount} + {coupon})"
    if has("list_amount_value"):
        listed = f"coalesce(list_amount_value, {listed})"
    currency = "CAST(NULL AS VARCHAR)"
    if has("currency"):
        currency = "trim(currency)"
    elif spec.currency:
        currency = _s(spec.currency)
    select = {
        "order_id": "order_id",
        "customer_id": "k.customer_id",
        "customer_key": "k.shown_key",
        "created_time": "created_value",
        "paid_time": f"CASE WHEN {unpaid} THEN NULL ELSE {paid} END",
        "list_amount": listed,
        "discount": discount,
        "coupon": coupon,
        "amount_paid": amount,
        "category": "coalesce(nullif(trim(category), ''), 'unknown')"
        if has("category")
        else "'unknown'",
        "items": "coalesce(items, 1)" if has("items") else "1",
        "channel": "nullif(trim(channel), '')" if has("channel") else "CAST(NULL AS VARCHAR)",
        "status": "final_status",
        "refund_amount": "refund_value",
        "currency": currency,
    }
    assert list(select) == ORDER_COLUMNS
    orders_sql = (
        f"SELECT {', '.join(f'{sql} AS {name}' for name, sql in select.items())} "
        "FROM final JOIN buyer_keys k USING (customer_key) ORDER BY _row"
    )
    buyers["signup_date"] = buyers["signup_date"].astype("datetime64[ns]")
    customers = profiles(buyers[["customer_key", "signup_date"]], buyers[people], keep_personal)
    customers["customer_key"] = shown.to_numpy()
    loaded = con.sql("SELECT count(*) FROM final").fetchall()[0][0]

    def write(tmp: Path) -> list[str]:
        con.sql(f"COPY ({orders_sql}) TO {_s(str(tmp / 'orders.parquet'))} (FORMAT parquet)")
        customers.to_parquet(tmp / "customers.parquet", index=False)
        write_csv(quarantine, tmp / "quarantine.csv")
        return ["orders.parquet", "customers.parquet", "quarantine.csv"]

    replace_outputs(out, write)
    return int(loaded)
