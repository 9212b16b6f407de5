"""Importing a real shop's order exports into the suite's tidy tables, losing nothing.

Three readers: :func:`read_taobao` (Taobao/Tmall 订单报表, GBK or UTF-8), :func:`read_shopify`
(Shopify orders export, one row per line item) and :func:`read_generic` (CSV, Excel or
Parquet with a column mapping). Each returns an :class:`ImportResult`:

* ``orders`` and ``customers`` in the shapes the notebooks use (``customer_id`` integers, the
  export's own buyer key kept as ``customer_key``);
* ``quarantine``: every row that was not loaded, with file, row number, column, value and reason;
* ``summary``: rows read = rows loaded + rows quarantined (+ rows merged: line items into
  their order, exact repeats), checked on every import.

Policy for problem rows: by default valid rows load and problem rows go to quarantine;
``strict=True`` raises :class:`ImportProblem` at the first problem instead. Personal fields
(names, phones, addresses) are masked and the buyer key (account name, e-mail) pseudonymised on
import with the project's secret (``secret=privacy.project_secret(...)``, a keyed hash) unless
``keep_personal=True``.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .i18n import _, t, tr_text
from .orders import ORDER_STATUSES, PURCHASE_STATUSES
from .privacy import mask_address, mask_name, mask_phone, phone_digits, pseudonym

ORDER_COLUMNS = [
    "order_id",
    "customer_id",
    "customer_key",
    "created_time",
    "paid_time",
    "list_amount",
    "discount",
    "coupon",
    "amount_paid",
    "category",
    "items",
    "channel",
    "status",
    "refund_amount",
    "currency",
]
STATUSES = ORDER_STATUSES


class ImportProblem(ValueError):
    """A file could not be imported (or, in strict mode, a row had a problem)."""


@dataclass
class ImportResult:
    """Tidy tables from one export, what was set aside, and the reconciliation of counts."""

    orders: pd.DataFrame
    customers: pd.DataFrame
    quarantine: pd.DataFrame
    source: str
    rows_read: int
    rows_merged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> pd.Series:
        """The counts, labelled in the current language (:func:`crmlib.i18n.set_language`)."""
        by_reason = (
            self.quarantine.drop_duplicates("row")["reason"].value_counts()
            if len(self.quarantine)
            else {}
        )
        out = {
            t("import_report.rows_read"): self.rows_read,
            t("import_report.orders_loaded"): len(self.orders),
            t("import_report.rows_merged"): self.rows_merged,
            t("import_report.rows_quarantined"): int(self.quarantine["row"].nunique())
            if len(self.quarantine)
            else 0,
        }
        out.update(
            {
                f"  {t('import_report.quarantined')}: {tr_text(reason)}": int(n)
                for reason, n in dict(by_reason).items()
            }
        )
        return pd.Series(out, name=self.source)

    def check_reconciles(self) -> None:
        quarantined = int(self.quarantine["row"].nunique()) if len(self.quarantine) else 0
        if self.rows_read != len(self.orders) + quarantined + self.rows_merged:
            raise AssertionError(
                f"{self.source}: {self.rows_read} rows read but {len(self.orders)} loaded + {quarantined} quarantined "
                f"+ {self.rows_merged} merged"
            )

    def write(self, directory: str | Path) -> list[Path]:
        """Write orders, customers and quarantine as UTF-8 CSV files into ``directory``.

        All three are written to a temporary folder beside it first and then moved in, so an
        import that fails on the way never leaves a mix of an earlier import's files and this
        one's."""
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        names = ("orders", "customers", "quarantine")
        with tempfile.TemporaryDirectory(dir=directory.parent, prefix=".import-") as tmp:
            for name in names:
                getattr(self, name).to_csv(
                    Path(tmp) / f"{name}.csv", index=False, lineterminator="\n"
                )
            directory.mkdir(exist_ok=True)
            for name in names:
                os.replace(Path(tmp) / f"{name}.csv", directory / f"{name}.csv")
        return [directory / f"{name}.csv" for name in names]

    def report(self) -> str:
        """The summary as text: read N, loaded M, quarantined K by reason."""
        lines = [f"{self.source}:"] + [f"  {k}: {v:,}" for k, v in self.summary.items()]
        note = t("import_report.note")
        return "\n".join(lines + [f"  {note}: {tr_text(n)}" for n in self.notes])


# --- reading files ----------------------------------------------------------------------------


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
        frame.columns = [str(c).strip().strip("\ufeff") for c in frame.columns]
        frame["_row"] = np.arange(2, len(frame) + 2)
        return frame, "Excel (.xlsx)", _no_problems()
    if not raw.strip():
        raise ImportProblem(f"{path.name}: the file is empty (not even a header row)")
    text, encoding = _decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [str(c).strip().strip("\ufeff") for c in next(records)]
    good, rows, bad = [], [], []
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line is no row
        shown = delimiter.join(record)[:120]
        if len(record) != len(header):
            reason = _(
                "wrong number of fields (expected {expected} as in the header, found {found}: "
                "a separator or quote inside a value?)"
            ).format(expected=len(header), found=len(record))
            bad.append((number, "", shown, reason))
        elif "\ufffd" in shown:
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


def _no_problems() -> pd.DataFrame:
    return pd.DataFrame(columns=["row", "column", "value", "reason"])


def _clean_text(values: pd.Series) -> pd.Series:
    """Strip spaces, tabs and the ="…" wrapper exports put around long numbers."""
    s = values.astype(str).str.strip().str.replace("\t", "", regex=False)
    s = s.str.replace(r'^="?(.*?)"?$', r"\1", regex=True)
    return s.str.strip().str.strip("'")


def _rename(
    frame: pd.DataFrame, aliases: dict[str, list[str]], required: list[str], source: str
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Map the export's headers to ours; a missing required column stops the import. Returns
    the renamed frame and {our name: the export's header} for messages."""
    found = [c for c in frame.columns if c != "_row"]
    mapping = {}
    for ours, theirs in aliases.items():
        for name in theirs:
            if name in frame.columns:
                mapping[name] = ours
                break
    missing = [c for c in required if c not in mapping.values()]
    if missing:
        wanted = {c: aliases[c] for c in missing}
        raise ImportProblem(
            f"{source}: missing required column(s) {missing} (any of {wanted}); the file has {found}"
        )
    renamed = frame.rename(columns=mapping)[list(dict.fromkeys(mapping.values()))]
    return renamed, {ours: theirs for theirs, ours in mapping.items()}


# --- validation -----------------------------------------------------------------------------------


class _Checker:
    """Collects row problems (or raises at the first one in strict mode)."""

    def __init__(self, source: str, strict: bool, headers: dict[str, str] | None = None):
        """``headers`` maps our column names to the export's own, so that every message names
        the column as the user's file spells it."""
        self.source, self.strict, self.rows = source, strict, []
        self.headers = headers or {}

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
        table = self.table()
        if self.strict and len(table):
            first = table.iloc[0]
            raise ImportProblem(
                _("{source}, row {row}, column {column}: {reason} (value {value})").format(
                    source=self.source,
                    row=first["row"],
                    column=repr(first["column"]),
                    reason=first["reason"],
                    value=repr(first["value"]),
                )
            )

    def table(self) -> pd.DataFrame:
        columns = ["source", "row", "column", "value", "reason"]
        if not self.rows:
            return pd.DataFrame(columns=columns)
        return pd.concat(self.rows, ignore_index=True).sort_values(
            ["row", "column"], ignore_index=True
        )[columns]


def _parse_amount(
    frame: pd.DataFrame, column: str, check: _Checker, required: bool = True, limit: float = 1e6
) -> pd.Series:
    # currency marks as exports write them: ¥ (U+00A5), ￥ (U+FFE5, the only yuan sign GBK
    # has), a trailing 元, thousands separators
    text = frame[column].astype(str).str.replace(",", "", regex=False).str.strip()
    text = text.str.replace(r"^[¥￥]\s*|\s*元$", "", regex=True).str.strip()
    empty = text.isin(["", "nan", "None"])
    value = pd.to_numeric(text.where(~empty), errors="coerce")
    check.flag(
        ~empty & value.isna(), frame, column, _("not a number (expected an amount such as 128.00)")
    )
    if required:
        check.flag(empty, frame, column, _("missing amount"))
    check.flag(value < 0, frame, column, _("negative amount"))
    check.flag(
        value > limit,
        frame,
        column,
        _("implausibly large amount (over {limit:,.0f})").format(limit=limit),
    )
    return value.fillna(0.0)


def _parse_time(
    frame: pd.DataFrame,
    column: str,
    check: _Checker,
    *,
    required: bool,
    now: pd.Timestamp,
    tz: str | None = None,
) -> pd.Series:
    text = frame[column].astype(str).str.strip()
    empty = text.isin(["", "nan", "None", "NaT"])
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
        _("unparseable date (expected a date and time such as 2024-01-31 10:00:00)"),
    )
    if required:
        check.flag(empty, frame, column, _("missing date"))
    check.flag(parsed > now, frame, column, _("date in the future"))
    return parsed


def _require_secret(keep_personal: bool, secret: bytes | None) -> None:
    """Checked before any reading: a large export should not be parsed only to be refused."""
    if not keep_personal and secret is None:
        raise ValueError(
            "buyer keys are pseudonymised with the project's secret: pass "
            "secret=privacy.project_secret(...) (or keep_personal=True to keep them as they are)"
        )


def _finish(
    orders: pd.DataFrame,
    people: pd.DataFrame,
    check: _Checker,
    source: str,
    rows_read: int,
    keep_personal: bool,
    secret: bytes | None,
    rows_merged: int = 0,
    notes: list[str] | None = None,
) -> ImportResult:
    check.raise_first()
    quarantine = check.table()
    bad = orders["_row"].isin(quarantine["row"])
    orders = orders[~bad].copy()
    people = people[people["_row"].isin(orders["_row"])]
    keys = pd.Index(sorted(orders["customer_key"].unique()))
    orders["customer_id"] = keys.get_indexer(orders["customer_key"]) + 1
    for column, default in (
        ("list_amount", np.nan),
        ("discount", 0.0),
        ("coupon", 0.0),
        ("items", 1),
        ("category", "unknown"),
    ):
        if column not in orders:
            orders[column] = default
    orders["list_amount"] = orders["list_amount"].fillna(
        orders["amount_paid"] + orders["discount"] + orders["coupon"]
    )
    for column in ("channel", "currency"):
        if column not in orders:
            orders[column] = pd.NA
    orders["status"] = pd.Categorical(orders["status"], STATUSES)
    orders = orders.sort_values(["created_time", "order_id"], kind="stable", ignore_index=True)[
        ORDER_COLUMNS
    ]
    customers = _customers(orders, people, keep_personal)
    if not keep_personal:  # the buyer key is personal too (an account name, an e-mail)
        orders["customer_key"] = orders["customer_key"].map(lambda k: pseudonym(k, secret=secret))
        customers["customer_key"] = customers["customer_key"].map(
            lambda k: pseudonym(k, secret=secret)
        )
    result = ImportResult(
        orders, customers, quarantine, source, rows_read, rows_merged, notes or []
    )
    result.check_reconciles()
    return result


def _customers(orders: pd.DataFrame, people: pd.DataFrame, keep_personal: bool) -> pd.DataFrame:
    """One row per buyer with the profile columns the archive expects (unknowns left empty)."""
    first = orders.groupby("customer_id").agg(
        customer_key=("customer_key", "first"), signup_date=("created_time", "min")
    )
    latest = people.merge(
        orders[["customer_key", "customer_id"]].drop_duplicates(), on="customer_key"
    )
    latest = latest.drop_duplicates("customer_id", keep="last").set_index("customer_id")
    out = pd.DataFrame(index=first.index)
    out["customer_key"] = first["customer_key"]
    for column, masker in (("name", mask_name), ("phone", mask_phone), ("address", mask_address)):
        values = (
            latest[column].reindex(out.index)
            if column in latest
            else pd.Series(pd.NA, index=out.index)
        )
        values = values.replace("", pd.NA)
        out[column] = values if keep_personal else values.map(masker, na_action="ignore")
    out["nickname"] = out["customer_key"] if keep_personal else out["customer_key"].map(mask_name)
    out["signup_date"] = first["signup_date"].dt.normalize()
    for column in ("gender", "age_band", "region", "birthday", "acquisition_channel"):
        out[column] = pd.NA
    out["credit_points"] = pd.NA
    for column in ("vip88", "community_member", "marketing_consent"):
        out[column] = False
    return out.reset_index()


_SCIENTIFIC = r"\d+(?:\.\d+)?[eE][+]?\d+"


def _excel_damaged(frame: pd.DataFrame, column: str, check: _Checker) -> None:
    """Long numbers that Excel turned into scientific notation (3.07347E+18 after opening and
    saving the CSV) have lost their last digits for good: they cannot be joined or counted."""
    check.flag(
        frame[column].astype(str).str.strip().str.fullmatch(_SCIENTIFIC),
        frame,
        column,
        _(
            "a long number in scientific notation: Excel rounded it when the file was opened and "
            "saved, and its last digits are lost (re-export the report, or import the CSV into "
            "Excel with this column as text)"
        ),
    )


def _repeats(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows identical in every column to an earlier row (an export appended twice, a copy and
    paste) carry no new information: they are dropped and counted, not quarantined."""
    repeat = frame.drop(columns="_row").duplicated(keep="first")
    return frame[~repeat], int(repeat.sum())


def _duplicates(frame: pd.DataFrame, check: _Checker) -> None:
    """The same order id with different values: the first row is kept, the others quarantined
    with the row they conflict with, for the user to decide which is current."""
    first = frame.groupby("order_id", sort=False)["_row"].transform("first")
    dup = frame["order_id"].duplicated(keep="first")
    template = _("same order id as row {row}, with different values (that row was kept)")
    for row in first[dup].unique():
        check.flag(dup & first.eq(row), frame, "order_id", template.format(row=row))


# --- Taobao / Tmall -----------------------------------------------------------------------------

TAOBAO_ALIASES = {
    "order_id": ["订单编号", "主订单编号"],
    "sub_order_id": ["子订单编号"],
    "customer_key": ["买家会员名", "买家会员昵称", "买家昵称"],
    "amount_paid": ["买家实际支付金额", "买家实付金额", "实付金额"],
    "status": ["订单状态"],
    "created_time": ["订单创建时间", "创建时间"],
    "paid_time": ["订单付款时间", "付款时间"],
    "refund_amount": ["退款金额"],
    "name": ["收货人姓名", "收货人"],
    "phone": ["联系手机", "手机号", "联系电话"],
    "address": ["收货地址", "收货地址 "],
    "items": ["宝贝总数量", "商品数量"],
    "category": ["宝贝标题", "商品标题"],
}
TAOBAO_STATUS = {
    "交易成功": "completed",
    "交易完成": "completed",
    "卖家已发货，等待买家确认": "in_progress",
    "卖家已发货,等待买家确认": "in_progress",
    "买家已付款，等待卖家发货": "in_progress",
    "买家已付款,等待卖家发货": "in_progress",
    "卖家部分发货": "in_progress",
    "等待买家付款": "closed",
    "交易关闭": "closed",
}


def read_taobao(
    path: str | Path,
    *,
    strict: bool = False,
    keep_personal: bool = False,
    secret: bytes | None = None,
    now: str | pd.Timestamp | None = None,
) -> ImportResult:
    """Read a Taobao/Tmall seller order report (订单报表).

    Accepts GBK or UTF-8 (with or without BOM), headers with stray spaces, order numbers
    wrapped as ``="…"``, and newer exports' names (主订单编号/子订单编号, 买家实付金额,
    买家会员昵称). With sub-orders, one row per main order is kept and the others are counted
    as merged. A closed order (交易关闭) with a refund counts as refunded; paid orders still
    on their way (已发货/已付款) are ``in_progress`` purchases.
    """
    _require_secret(keep_personal, secret)
    now = pd.Timestamp(now) if now is not None else pd.Timestamp.now()
    frame, encoding, unreadable = read_text_table(path)
    source = Path(path).name
    rows_read = len(frame) + len(unreadable)
    row_numbers = frame["_row"].to_numpy()
    frame, headers = _rename(
        frame,
        TAOBAO_ALIASES,
        ["order_id", "customer_key", "amount_paid", "status", "created_time"],
        source,
    )
    frame = frame.assign(_row=row_numbers)
    check = _Checker(source, strict, headers)
    check.add(unreadable)
    frame["order_id"] = _clean_text(frame["order_id"])
    _excel_damaged(frame, "order_id", check)
    merged = 0
    if "sub_order_id" in frame:
        extra = frame["order_id"].duplicated(keep="first") & frame["order_id"].ne("")
        merged = int(extra.sum())
        frame = frame[~extra]
    else:
        frame, merged = _repeats(frame)
        _duplicates(frame, check)
    check.flag(frame["order_id"].eq(""), frame, "order_id", _("missing order id"))
    frame["customer_key"] = frame["customer_key"].astype(str).str.strip()
    check.flag(frame["customer_key"].eq(""), frame, "customer_key", _("missing buyer"))
    _excel_damaged(frame, "customer_key", check)
    status_text = frame["status"].astype(str).str.strip()
    status = status_text.map(TAOBAO_STATUS)
    check.flag(status.isna(), frame, "status", _("unknown order status"), status_text)
    amount = _parse_amount(frame, "amount_paid", check)
    refund = (
        _parse_amount(frame, "refund_amount", check, required=False)
        if "refund_amount" in frame
        else 0.0
    )
    created = _parse_time(frame, "created_time", check, required=True, now=now)
    paid = (
        _parse_time(frame, "paid_time", check, required=False, now=now)
        if "paid_time" in frame
        else created.where(status.isin(PURCHASE_STATUSES))
    )
    if "paid_time" in frame:  # a paid order needs its paid time, or it drops out of every figure
        check.flag(
            status.isin(PURCHASE_STATUSES) & paid.isna() & frame["paid_time"].str.strip().eq(""),
            frame,
            "paid_time",
            _("a paid order (交易成功, 已发货 or 已付款) without a paid time"),
        )
    refunded = status.eq("closed") & (refund > 0)
    status = status.where(~refunded, "refunded")
    unpaid = status.eq("closed")
    orders = pd.DataFrame(
        {
            "_row": frame["_row"],
            "order_id": frame["order_id"],
            "customer_key": frame["customer_key"],
            "created_time": created,
            "paid_time": paid.where(~unpaid),
            "amount_paid": amount.where(~unpaid, 0.0),
            "refund_amount": refund,
            "status": status,
            "currency": "CNY",
        }
    )
    if "items" in frame:
        orders["items"] = pd.to_numeric(frame["items"], errors="coerce").fillna(1).astype(int)
    people = frame[[c for c in ("_row", "customer_key", "name", "phone", "address") if c in frame]]
    note = [_("encoding: {encoding}").format(encoding=encoding)]
    return _finish(orders, people, check, source, rows_read, keep_personal, secret, merged, note)


# --- Shopify --------------------------------------------------------------------------------------

SHOPIFY_STATUS = {
    "paid": "completed",
    "partially_paid": "in_progress",
    "partially_refunded": "completed",
    "refunded": "refunded",
    "voided": "closed",
    "pending": "closed",
    "authorized": "closed",
    "expired": "closed",
}


def read_shopify(
    path: str | Path,
    *,
    strict: bool = False,
    keep_personal: bool = False,
    secret: bytes | None = None,
    timezone: str = "Asia/Shanghai",
    now: str | pd.Timestamp | None = None,
) -> ImportResult:
    """Read a Shopify orders export (one row per line item; order fields on the first row).

    Orders are grouped by ``Name``; customers are keyed by ``Email``. Timestamps with offsets
    are converted to ``timezone`` and stored without zone. Rows in a currency other than the
    file's main one are quarantined (sums across currencies would be meaningless).
    """
    _require_secret(keep_personal, secret)
    now = pd.Timestamp(now) if now is not None else pd.Timestamp.now()
    frame, _encoding, unreadable = read_text_table(path)
    source = Path(path).name
    required = ["Name", "Email", "Financial Status", "Created at", "Total", "Currency"]
    missing = [c for c in required if c not in frame]
    if missing:
        raise ImportProblem(
            f"{source}: missing required column(s) {missing}; the file has "
            f"{[c for c in frame.columns if c != '_row']}"
        )
    rows_read = len(frame) + len(unreadable)
    check = _Checker(source, strict)
    check.add(unreadable)
    frame["Name"] = frame["Name"].str.strip()
    check.flag(frame["Name"].eq(""), frame, "Name", _("missing order name"))
    first_row = ~frame["Name"].duplicated(keep="first") | frame["Name"].eq("")
    merged = int((~first_row).sum())
    orders_raw = frame[first_row].copy()
    main_currency = orders_raw["Currency"].str.strip().mode().iat[0] if len(orders_raw) else ""
    currency = orders_raw["Currency"].str.strip()
    check.flag(
        currency.ne(main_currency),
        orders_raw,
        "Currency",
        _("currency differs from the file's main currency {main}").format(main=main_currency),
    )
    financial = orders_raw["Financial Status"].str.strip().str.lower()
    status = financial.map(SHOPIFY_STATUS)
    check.flag(
        status.isna(), orders_raw, "Financial Status", _("unknown financial status"), financial
    )
    total = _parse_amount(orders_raw, "Total", check)
    refund = (
        _parse_amount(orders_raw, "Refunded Amount", check, required=False)
        if "Refunded Amount" in orders_raw
        else 0.0
    )
    created = _parse_time(orders_raw, "Created at", check, required=True, now=now, tz=timezone)
    paid = (
        _parse_time(orders_raw, "Paid at", check, required=False, now=now, tz=timezone)
        if "Paid at" in orders_raw
        else created
    )
    if "Cancelled at" in orders_raw:
        cancelled = orders_raw["Cancelled at"].str.strip().ne("")
        status = status.where(~(cancelled & status.eq("completed") & (refund <= 0)), "closed")
    email = orders_raw["Email"].str.strip().str.lower()
    # point-of-sale orders often have no e-mail: the buyer's phone then identifies them
    phone_column = next((c for c in ("Phone", "Billing Phone") if c in orders_raw), None)
    digits = (
        orders_raw[phone_column].map(phone_digits)
        if phone_column
        else pd.Series("", index=orders_raw.index)
    )
    by_phone = email.eq("") & digits.str.len().ge(7)
    email = email.where(~by_phone, "phone:" + digits)
    check.flag(
        email.eq(""),
        orders_raw,
        "Email",
        _("neither an e-mail nor a phone: the buyer cannot be recognised (a walk-in sale?)"),
    )
    pos_note = (
        [
            _("{n} orders without an e-mail recognised by the buyer's phone").format(
                n=int(by_phone.sum())
            )
        ]
        if by_phone.any()
        else []
    )
    unpaid = status.eq("closed")
    orders = pd.DataFrame(
        {
            "_row": orders_raw["_row"],
            "order_id": orders_raw["Name"],
            "customer_key": email,
            "created_time": created,
            "paid_time": paid.where(~unpaid),
            "amount_paid": total.where(~unpaid, 0.0),
            "refund_amount": refund,
            "status": status,
            "currency": currency,
        }
    )
    if "Discount Amount" in orders_raw:
        orders["discount"] = _parse_amount(orders_raw, "Discount Amount", check, required=False)
    qty = pd.to_numeric(
        frame.get("Lineitem quantity", pd.Series(1, index=frame.index)), errors="coerce"
    ).fillna(1)
    orders["items"] = (
        qty.groupby(frame["Name"])
        .sum()
        .reindex(orders["order_id"])
        .fillna(1)
        .astype(int)
        .to_numpy()
    )
    people = pd.DataFrame(
        {
            "_row": orders_raw["_row"],
            "customer_key": email,
            "name": orders_raw.get("Billing Name", pd.Series("", index=orders_raw.index)),
            "phone": orders_raw.get("Billing Phone", pd.Series("", index=orders_raw.index)),
            "address": orders_raw.get("Billing Address1", pd.Series("", index=orders_raw.index)),
        }
    )
    return _finish(
        orders, people, check, source, rows_read, keep_personal, secret, merged, pos_note
    )


# --- generic ------------------------------------------------------------------------------------

GENERIC_REQUIRED = ["order_id", "customer_key", "created_time", "amount_paid"]


def _read_any(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The file as text columns with ``_row``, and the rows that could not be read."""
    if path.suffix.lower() in (".xlsx", ".xls"):
        frame = pd.read_excel(path, dtype=str, keep_default_na=False)
    elif path.suffix.lower() == ".parquet":
        frame = pd.read_parquet(path).astype(str).replace({"nan": "", "None": "", "NaT": ""})
    else:
        frame, _encoding, problems = read_text_table(path)
        return frame, problems
    frame["_row"] = np.arange(2, len(frame) + 2)
    return frame, _no_problems()


def read_generic(
    path: str | Path,
    mapping: dict[str, str],
    *,
    status_map: dict[str, str] | None = None,
    strict: bool = False,
    keep_personal: bool = False,
    secret: bytes | None = None,
    now: str | pd.Timestamp | None = None,
) -> ImportResult:
    """Read CSV, Excel or Parquet with a mapping ``{our column: their column}``.

    Required: ``order_id``, ``customer_key``, ``created_time``, ``amount_paid``. Optional:
    ``paid_time``, ``status`` (with ``status_map`` from their values to completed /
    in_progress / refunded / closed; without a status column every order is completed),
    ``refund_amount``, ``discount``, ``coupon``, ``category``, ``items``, ``channel``,
    ``currency``, ``name``, ``phone``, ``address``.
    """
    _require_secret(keep_personal, secret)
    now = pd.Timestamp(now) if now is not None else pd.Timestamp.now()
    path = Path(path)
    if not path.exists():
        raise ImportProblem(f"{path}: no such file")
    raw, unreadable = _read_any(path)
    raw.columns = [str(c).strip() for c in raw.columns]
    source = path.name
    unknown = [ours for ours in mapping if ours not in {*ORDER_COLUMNS, "name", "phone", "address"}]
    if unknown:
        raise ImportProblem(f"mapping names unknown target column(s) {unknown}")
    missing_targets = [c for c in GENERIC_REQUIRED if c not in mapping]
    if missing_targets:
        raise ImportProblem(f"mapping must name a column for {missing_targets}")
    absent = {ours: theirs for ours, theirs in mapping.items() if theirs not in raw.columns}
    if absent:
        raise ImportProblem(
            f"{source}: mapped column(s) {absent} not in the file; the file has "
            f"{[c for c in raw.columns if c != '_row']}"
        )
    frame = pd.DataFrame({ours: raw[theirs] for ours, theirs in mapping.items()})
    frame["_row"] = raw["_row"].to_numpy()
    rows_read = len(frame) + len(unreadable)
    check = _Checker(source, strict, dict(mapping))
    check.add(unreadable)
    frame["order_id"] = _clean_text(frame["order_id"])
    _excel_damaged(frame, "order_id", check)
    frame, repeats = _repeats(frame)
    _duplicates(frame, check)
    if "status" in frame:
        status_text = frame["status"].astype(str).str.strip()
        status = status_text.map(status_map or {s: s for s in STATUSES})
        check.flag(status.isna(), frame, "status", _("status not in the status map"), status_text)
    else:
        status = pd.Series("completed", index=frame.index)
    amount = _parse_amount(frame, "amount_paid", check)
    orders = pd.DataFrame(
        {
            "_row": frame["_row"],
            "order_id": frame["order_id"],
            "customer_key": frame["customer_key"].astype(str).str.strip(),
            "created_time": _parse_time(frame, "created_time", check, required=True, now=now),
            "amount_paid": amount,
            "status": status,
        }
    )
    orders["paid_time"] = (
        _parse_time(frame, "paid_time", check, required=False, now=now)
        if "paid_time" in frame
        else orders["created_time"]
    )
    closed = orders["status"].eq("closed")  # never paid: no paid time, nothing paid
    orders.loc[closed, "paid_time"] = pd.NaT
    orders.loc[closed, "amount_paid"] = 0.0
    for column in ("refund_amount", "discount", "coupon"):
        orders[column] = (
            _parse_amount(frame, column, check, required=False) if column in frame else 0.0
        )
    for column in ("category", "channel", "currency"):
        if column in frame:
            orders[column] = frame[column]
    if "items" in frame:
        orders["items"] = pd.to_numeric(frame["items"], errors="coerce").fillna(1).astype(int)
    if "currency" in orders:
        main = orders["currency"].mode().iat[0]
        check.flag(
            orders["currency"].ne(main),
            frame,
            "currency",
            _("currency differs from the file's main currency {main}").format(main=main),
            orders["currency"],
        )
    people = frame[[c for c in ("_row", "customer_key", "name", "phone", "address") if c in frame]]
    return _finish(orders, people, check, source, rows_read, keep_personal, secret, repeats)


READERS: dict[str, Callable[..., ImportResult]] = {
    "taobao": read_taobao,
    "shopify": read_shopify,
    "generic": read_generic,  # needs a column mapping: read_generic(path, mapping, ...)
}


def read_imported(directory: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the orders and customers written by :meth:`ImportResult.write` (or the CLI)."""
    directory = Path(directory)
    for name in ("orders.csv", "customers.csv"):
        if not (directory / name).exists():
            raise ImportProblem(f"{directory / name} is missing: run `crmlib import` first")
    orders = pd.read_csv(directory / "orders.csv", dtype={"order_id": str, "customer_key": str})
    for column in ("created_time", "paid_time"):
        orders[column] = pd.to_datetime(orders[column], format="ISO8601")
    orders["status"] = pd.Categorical(orders["status"], STATUSES)
    customers = pd.read_csv(
        directory / "customers.csv", dtype={"customer_key": str, "birthday": str}
    )
    customers["signup_date"] = pd.to_datetime(customers["signup_date"], format="ISO8601")
    return orders, customers
