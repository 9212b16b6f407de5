"""The format spec's checks as SQL over an export's text (:mod:`.bulk` runs them).

Each check is a :class:`Rule`: a condition over the row's trimmed text (``t_<column>``) and
its parsed values, and the reason a row that meets it is quarantined with
(:mod:`.checks`). Amounts accept thousands separators, an optional decimal comma and
spreadsheet damage is flagged (``1.2E+11``); times accept the formats real exports write,
with a zone when they carry one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..orders import PURCHASE_STATUSES
from .checks import (
    DECIMAL_COMMA,
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
    PAID_WITHOUT_TIME,
    REFUND_OVER_PAID,
    SCIENTIFIC,
    TOO_LARGE,
    UNKNOWN_STATUS,
    UNPARSEABLE_DATE,
)
from .spec import AMOUNTS, FormatSpec
from .text import SWALLOWED, UNDECODABLE

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


@dataclass(frozen=True)
class Rule:
    column: str  # ours
    condition: str  # SQL over the row's text (t_*) and parsed values
    reason: str


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: object) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def one_of(expression: str, values) -> str:
    """``expression IN (values)`` written as equalities: DuckDB plans an IN list of more than
    a few constants as a join, which costs far more per row."""
    return "(" + " OR ".join(f"{expression} = {v}" for v in values) + ")"


def clean(column: str) -> str:
    """:func:`~.checks.clean_text` in SQL: no spaces, tabs, ="…" wrapper or quotes (worked
    out in full only for the few values holding a tab, = or a quote: the rest are trimmed)."""
    text = f"trim(replace({column}, chr(9), ''))"
    cleaned = f"trim(trim(regexp_replace({text}, '^=\"?(.*?)\"?$', '\\1')), '''')"
    marked = f"contains({column}, chr(9)) OR contains({column}, '=') OR contains({column}, chr(39))"
    return f"CASE WHEN {marked} THEN {cleaned} ELSE trim({column}) END"


def scientific(column: str) -> str:
    """Excel's damage (3.07347E+18), matched only on values that start with a digit and hold
    an e."""
    return (
        f"((contains({column}, 'E') OR contains({column}, 'e')) AND "
        f"regexp_full_match({column}, {literal(SCIENTIFIC)}))"
    )


def empty(trimmed: str) -> str:
    """Whether a trimmed text is empty, as parse_amount and parse_time read it."""
    return one_of(trimmed, [literal(v) for v in EMPTY_TEXT])


def amount_text(column: str) -> str:
    """An amount's text, trimmed, without ¥, ￥ and 元 (worked out in full only for the values
    holding one of them); its commas stay, for :func:`_amount` to read."""
    full = f"trim(regexp_replace(trim({column}), '^[¥￥]\\s*|\\s*元$', '', 'g'))"
    marks = " OR ".join(f"contains({column}, {literal(m)})" for m in ("¥", "￥", "元"))
    return f"CASE WHEN {marks} THEN {full} ELSE trim({column}) END"


THOUSANDS = r"-?\d{1,3}(,\d{3})+(\.\d+)?"  # 1,234 and 1,234,567.89: commas group thousands


DECIMAL = r"-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}"  # 1.234,56 and 12,5: a decimal comma


def amount(text: str, spec: FormatSpec) -> str:
    """An amount's value from an :func:`_amount_text`: DOUBLE, or NULL when it is not a
    number. Commas group thousands (a decimal comma only where the spec says so); ``_`` and
    spaces inside the digits are not read (DuckDB alone would read ``1_000`` as 1000)."""
    if spec.decimal_comma:
        number = f"replace(replace({text}, '.', ''), ',', '.')"
        commas = f"CASE WHEN regexp_full_match({text}, {literal(DECIMAL)}) THEN {number} END"
    else:
        plain = f"replace({text}, ',', '')"
        commas = f"CASE WHEN regexp_full_match({text}, {literal(THOUSANDS)}) THEN {plain} END"
    value = (
        f"CASE WHEN {empty(text)} OR contains({text}, '_') THEN NULL "
        f"WHEN contains({text}, ',') THEN {commas} ELSE {text} END"
    )
    return f"TRY_CAST({value} AS DOUBLE)"


def decimal_comma(text: str, spec: FormatSpec) -> str:
    """Whether an amount's text has a decimal comma the spec does not expect."""
    if spec.decimal_comma:
        return "false"
    return f"(contains({text}, ',') AND regexp_full_match({text}, {literal(DECIMAL)}))"


OFFSET = r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$"  # a time, then its zone


def timestamp(trimmed: str, zone: str) -> str:
    """The time a trimmed text holds, as the shop's clock shows it: one of
    :data:`TIME_FORMATS` (the first, which exports use, tried alone first: far cheaper than
    the list), or, written with an offset (``+08:00``, ``Z``), converted to ``zone`` (DuckDB's
    bundled ICU; no download). NULL when it is no time."""
    formats = ", ".join(literal(f) for f in TIME_FORMATS)
    first = f"try_strptime({trimmed}, {literal(TIME_FORMATS[0])})"
    plain = f"coalesce({first}, try_strptime({trimmed}, [{formats}]))"
    shifted = f"timezone({literal(zone)}, TRY_CAST({trimmed} AS TIMESTAMPTZ))"
    # cheap tests first: a zone is a +, a final Z, or (a minus) text past "2024-01-31 10:00:00"
    maybe = f"(contains({trimmed}, '+') OR suffix({trimmed}, 'Z') OR length({trimmed}) > 19)"
    offset = f"({maybe} AND regexp_matches({trimmed}, {literal(OFFSET)}))"
    return f"CASE WHEN {offset} THEN {shifted} ELSE {plain} END"


def rules_for(spec: FormatSpec, headers: dict[str, str], now: pd.Timestamp) -> list[Rule]:
    """The row checks of :func:`~.orders.read_orders`, over ``a_<amount>`` and ``s_<time>``
    (the trimmed text) and ``<column>_value`` (the parsed value)."""
    has = headers.__contains__
    rules = [
        Rule(RECORD, "bad_bytes", UNDECODABLE),  # the rest of such a row is not checked
        Rule(RECORD, "swallowed", SWALLOWED),  # nor of one holding the rows after it
        Rule("order_id", scientific("order_id"), EXCEL_DAMAGED),
        Rule("order_id", "order_id = ''", MISSING_ORDER_ID),
        Rule("customer_key", "customer_key = ''", MISSING_BUYER),
        Rule("customer_key", scientific("customer_key"), EXCEL_DAMAGED),
    ]
    if has("status"):
        rules.append(Rule("status", "mapped_status IS NULL", UNKNOWN_STATUS))
    for column in (c for c in AMOUNTS if has(c)):
        value, text = f"{column}_value", f"a_{column}"
        comma = decimal_comma(text, spec)
        rules += [
            Rule(column, comma, DECIMAL_COMMA),
            Rule(column, f"{value} IS NULL AND NOT {empty(text)} AND NOT {comma}", NOT_A_NUMBER),
            Rule(column, f"{value} < 0", NEGATIVE_AMOUNT),
            Rule(
                column, f"{value} > {spec.amount_limit}", TOO_LARGE.format(limit=spec.amount_limit)
            ),
        ]
        if column == "amount_paid":
            rules.append(Rule(column, empty(text), MISSING_AMOUNT))
    future = f"TIMESTAMP {literal(now.isoformat(sep=' '))}"
    for column, value, required in (
        ("created_time", "created_value", True),
        ("paid_time", "paid_value", False),
    ):
        if not has(column):
            continue
        rules.append(
            Rule(column, f"{value} IS NULL AND NOT {empty(f's_{column}')}", UNPARSEABLE_DATE)
        )
        if required:
            rules.append(Rule(column, empty(f"s_{column}"), MISSING_DATE))
        rules.append(Rule(column, f"{value} > {future}", FUTURE_DATE))
        earliest = f"TIMESTAMP '{spec.earliest_year:04d}-01-01'"
        rules.append(
            Rule(column, f"{value} < {earliest}", IMPLAUSIBLE_DATE.format(year=spec.earliest_year))
        )
    if has("paid_time"):
        paid = [literal(s) for s in PURCHASE_STATUSES]
        rules.append(
            Rule(
                "paid_time",
                f"{one_of('mapped_status', paid)} AND s_paid_time = ''",
                PAID_WITHOUT_TIME,
            )
        )
    if has("refund_amount"):  # more money back than was paid: a net amount below zero
        over = "amount_paid_value >= 0 AND refund_amount_value > amount_paid_value + 0.005"
        rules.append(Rule("refund_amount", over, REFUND_OVER_PAID))
    return rules
