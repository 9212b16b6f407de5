"""Checking an export's rows: each check flags the rows it rejects, with the column as the
export spells it, the value and the reason; valid rows go on (or, strict, the first problem
stops the import)."""

from __future__ import annotations

import pandas as pd

from ..locale import Filled, Message, _
from ..privacy import mask_quarantine
from .result import QUARANTINE_COLUMNS, ImportProblem

# The reasons a row is set aside, shared by both engines (pandas here, DuckDB in bulk.py).
NOT_A_NUMBER = _("not a number (expected an amount such as 128.00)")
MISSING_AMOUNT = _("missing amount")
NEGATIVE_AMOUNT = _("negative amount")
TOO_LARGE = _("implausibly large amount (over {limit:,.0f})")
UNPARSEABLE_DATE = _("unparseable date (expected a date and time such as 2024-01-31 10:00:00)")
MISSING_DATE = _("missing date")
FUTURE_DATE = _("date in the future")
REFUND_OVER_PAID = _(
    "a refund larger than the amount paid (the order's net amount would be negative)"
)
IMPLAUSIBLE_DATE = _("implausible date (before {year}: an empty or damaged date?)")
DECIMAL_COMMA = _(
    "a decimal comma (1.234,56): ambiguous in this format; set decimal_comma in the "
    "format spec if the export writes amounts so"
)
EXCEL_DAMAGED = _(
    "a long number in scientific notation: Excel rounded it when the file was opened and "
    "saved, and its last digits are lost (re-export the report, or import the CSV into "
    "Excel with this column as text)"
)
DUPLICATE = _("same order id as row {row}, with different values (that row was kept)")
MISSING_ORDER_ID = _("missing order id")
MISSING_BUYER = _("missing buyer")
UNKNOWN_STATUS = _("unknown order status")
PAID_WITHOUT_TIME = _("a paid order (交易成功, 已发货 or 已付款) without a paid time")
OTHER_CURRENCY = _("currency differs from the file's main currency {main}")
EMPTY_TEXT = ("", "nan", "None", "NaT")  # what an empty cell reads as once read as text


PERSONAL = {"customer_key": "name", "name": "name", "phone": "phone", "address": "address"}
"""Our columns whose values are personal, and how each is masked in the quarantine."""


def personal_columns(headers: dict[str, str]) -> dict[str, str]:
    """The export's personal columns (as it spells them) -> their kind of mask."""
    return {headers.get(c, c): kind for c, kind in PERSONAL.items() if c in headers}


def shown_quarantine(
    quarantine: pd.DataFrame, headers: dict[str, str], keep_personal: bool
) -> pd.DataFrame:
    """The quarantine as it may be shown, written or put in an error message: its values
    masked (:func:`crmlib.privacy.mask_quarantine`) unless the caller keeps personal data."""
    return quarantine if keep_personal else mask_quarantine(quarantine, personal_columns(headers))


class Checker:
    """Collects row problems (or raises at the first one in strict mode)."""

    def __init__(
        self,
        source: str,
        strict: bool,
        headers: dict[str, str] | None = None,
        *,
        keep_personal: bool = False,
    ):
        """``headers`` maps our column names to the export's own, so that every message names
        the column as the user's file spells it. The quarantine's values are masked unless
        ``keep_personal``."""
        self.source, self.strict, self.rows = source, strict, []
        self.headers = headers or {}
        self.keep_personal = keep_personal

    def flag(
        self,
        mask: pd.Series,
        frame: pd.DataFrame,
        column: str,
        reason: str,
        values: pd.Series | None = None,
    ) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        shown = (
            values
            if values is not None
            else frame[column]
            if column in frame
            else pd.Series("", index=frame.index)
        )[mask]
        rows = frame.loc[mask, "_row"]
        self.rows.append(
            pd.DataFrame(
                {
                    "source": self.source,
                    "row": rows.to_numpy(),
                    "column": self.headers.get(column, column),
                    "value": shown.astype(str).to_numpy(),
                    "reason": reason,
                }
            )
        )

    def add(self, problems: pd.DataFrame) -> None:
        """Rows that could not even be read (see :func:`read_text_table`)."""
        if len(problems):
            self.rows.append(problems.assign(source=self.source))

    def raise_first(self) -> None:
        """Strict mode: raise for the earliest problem row in the file."""
        if self.strict:
            raise_first(self.table(), self.source)

    def table(self) -> pd.DataFrame:
        columns = QUARANTINE_COLUMNS
        if not self.rows:
            return pd.DataFrame(columns=columns)
        table = pd.concat(self.rows, ignore_index=True).sort_values(
            ["row", "column", "reason"], ignore_index=True
        )[columns]
        return shown_quarantine(table, self.headers, self.keep_personal)


def raise_first(quarantine: pd.DataFrame, source: str) -> None:
    """Strict mode: an error for the earliest problem row, naming file, row, column and value."""
    if len(quarantine):
        first = quarantine.iloc[0]
        raise ImportProblem(
            Message(
                _("{source}, row {row}, column {column}: {reason} (value {value})"),
                source=source,
                row=first["row"],
                column=repr(first["column"]),
                reason=Filled(first["reason"]),
                value=repr(first["value"]),
            )
        )


def parse_amount(
    frame: pd.DataFrame, column: str, check: Checker, required: bool = True, limit: float = 1e6
) -> pd.Series:
    # currency marks as exports write them: ¥ (U+00A5), ￥ (U+FFE5, the only yuan sign GBK
    # has), a trailing 元, thousands separators
    text = frame[column].astype(str).str.replace(",", "", regex=False).str.strip()
    text = text.str.replace(r"^[¥￥]\s*|\s*元$", "", regex=True).str.strip()
    empty = text.isin(EMPTY_TEXT)
    value = pd.to_numeric(text.where(~empty), errors="coerce")
    check.flag(~empty & value.isna(), frame, column, NOT_A_NUMBER)
    if required:
        check.flag(empty, frame, column, MISSING_AMOUNT)
    check.flag(value < 0, frame, column, NEGATIVE_AMOUNT)
    check.flag(
        value > limit,
        frame,
        column,
        TOO_LARGE.format(limit=limit),
    )
    return value.fillna(0.0)


def parse_time(
    frame: pd.DataFrame,
    column: str,
    check: Checker,
    *,
    required: bool,
    now: pd.Timestamp,
    tz: str | None = None,
) -> pd.Series:
    text = frame[column].astype(str).str.strip()
    empty = text.isin(EMPTY_TEXT)
    # fast path for ISO-like dates (2024-01-31 10:00:00); only the rest are parsed one by one
    parsed = pd.to_datetime(
        text.where(~empty), errors="coerce", format="ISO8601", utc=tz is not None
    )
    retry = ~empty & parsed.isna()
    if retry.any():
        slow = pd.to_datetime(text[retry], errors="coerce", format="mixed", utc=tz is not None)
        parsed = parsed.astype(slow.dtype) if tz is not None else parsed
        parsed[retry] = slow
    if tz is not None:
        parsed = parsed.dt.tz_convert(tz).dt.tz_localize(None)
    check.flag(
        ~empty & parsed.isna(),
        frame,
        column,
        UNPARSEABLE_DATE,
    )
    if required:
        check.flag(empty, frame, column, MISSING_DATE)
    check.flag(parsed > now, frame, column, FUTURE_DATE)
    return parsed


def require_secret(keep_personal: bool, secret: bytes | None) -> None:
    """Checked before any reading: a large export should not be parsed only to be refused."""
    if not keep_personal and secret is None:
        raise ValueError(
            "buyer keys are pseudonymised with the project's secret: pass "
            "secret=privacy.project_secret(...) (or keep_personal=True to keep them as they are)"
        )


def clean_text(values: pd.Series) -> pd.Series:
    """Strip spaces, tabs and the ="…" wrapper exports put around long numbers."""
    s = values.astype(str).str.strip().str.replace("\t", "", regex=False)
    s = s.str.replace(r'^="?(.*?)"?$', r"\1", regex=True)
    return s.str.strip().str.strip("'")


SCIENTIFIC = r"\d+(?:\.\d+)?[eE][+]?\d+"
