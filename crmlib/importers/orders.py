"""One reader for every order export described by a :class:`~crmlib.importers.spec.FormatSpec`:
Taobao/Tmall, JD.com, Douyin shop, and the generic format built from a column mapping."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..i18n import _
from ..orders import PURCHASE_STATUSES
from .checks import (
    EMPTY_TEXT,
    MISSING_BUYER,
    MISSING_ORDER_ID,
    OTHER_CURRENCY,
    PAID_WITHOUT_TIME,
    UNKNOWN_STATUS,
    Checker,
    clean_text,
    duplicates,
    excel_damaged,
    parse_amount,
    parse_time,
    repeats,
    require_secret,
)
from .finish import finish
from .result import ImportProblem, ImportResult
from .spec import AMOUNTS, FormatSpec, builtin_specs, spec_from_mapping
from .text import read_any


def select_columns(
    frame: pd.DataFrame, spec: FormatSpec, source: str
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The spec's columns under our names (with ``_row``), and {our name: the export's header}
    for messages (:meth:`FormatSpec.locate`)."""
    headers, joined = spec.locate([c for c in frame.columns if c != "_row"], source)
    empties = dict.fromkeys(spec.empty_values, "")
    out = pd.DataFrame({ours: frame[theirs].to_numpy() for ours, theirs in headers.items()})
    out = out.replace(empties)
    for ours, parts in joined.items():
        pieces = frame[parts].astype(str).replace(empties)
        out[ours] = pieces.agg("".join, axis=1).str.strip().to_numpy()
        headers[ours] = "+".join(parts)
    out["_row"] = frame["_row"].to_numpy()
    return out, headers


def _line_items(frame: pd.DataFrame, spec: FormatSpec) -> tuple[pd.DataFrame, int]:
    """Rows that are the items of one order become one row: the first, with the items'
    quantities (and, when each row carries its own item's amount, the amounts) added up."""
    extra = frame["order_id"].duplicated(keep="first") & frame["order_id"].ne("")
    if not extra.any():
        return frame, 0
    first = frame[~extra].copy()
    sums = [c for c in ("items",) if c in frame]
    if spec.line_items == "summed":
        sums += [c for c in AMOUNTS if c in frame]
    for column in sums:
        text = frame[column].astype(str).str.replace(r"[,¥￥元\s]", "", regex=True)
        value = pd.to_numeric(text, errors="coerce")
        empty = text.isin(EMPTY_TEXT)
        # an item whose value is not a number (or, for the amount paid, missing) makes the
        # whole order a problem: its text goes on the order's row, where the check finds it
        bad = value.isna() & (~empty | (column == "amount_paid"))
        first_bad = frame[column].where(bad).groupby(frame["order_id"]).first()
        total = value.groupby(frame["order_id"]).sum(min_count=1)
        order = first["order_id"]
        summed = total.reindex(order).to_numpy()
        written = np.where(
            pd.isna(summed), first[column].to_numpy(), pd.Series(summed).round(2).astype(str)
        )
        problem = first_bad.reindex(order).to_numpy()
        first[column] = np.where(pd.isna(problem), written, problem)
    return first, int(extra.sum())


def read_orders(
    path: str | Path,
    spec: FormatSpec,
    *,
    strict: bool = False,
    keep_personal: bool = False,
    secret: bytes | None = None,
    now: str | pd.Timestamp | None = None,
) -> ImportResult:
    """Read an order export in the format ``spec`` describes.

    CSV in UTF-8 (with or without BOM) or GBK, Excel's UTF-16 text, an ``.xlsx`` saved over
    the CSV, or Parquet; headers with stray spaces; ids wrapped as ``="…"`` or led by a tab.
    Rows that are an order's items (a sub-order id) are merged into the order and counted;
    without one, exact repeats are merged and conflicting rows with one order id are
    quarantined naming the row kept. A closed order never paid has no paid time and no amount;
    one that was paid counts as the spec says (``closed_with_refund``, ``closed_after_payment``).
    """
    require_secret(keep_personal, secret)
    now = pd.Timestamp(now) if now is not None else pd.Timestamp.now()
    path = Path(path)
    if not path.exists():
        raise ImportProblem(f"{path}: no such file")
    raw, encoding, unreadable = read_any(path)
    source = path.name
    rows_read = len(raw) + len(unreadable)
    frame, headers = select_columns(raw, spec, source)
    check = Checker(source, strict, headers, keep_personal=keep_personal)
    check.add(unreadable)
    frame["order_id"] = clean_text(frame["order_id"])
    excel_damaged(frame, "order_id", check)
    if "sub_order_id" in frame:
        frame, merged = _line_items(frame, spec)
    else:
        frame, merged = repeats(frame)
        duplicates(frame, check)
    check.flag(frame["order_id"].eq(""), frame, "order_id", MISSING_ORDER_ID)
    frame["customer_key"] = clean_text(frame["customer_key"])
    if "phone" in frame:  # '13812345678: the apostrophe keeps Excel from eating the digits
        frame["phone"] = clean_text(frame["phone"])
    check.flag(frame["customer_key"].eq(""), frame, "customer_key", MISSING_BUYER)
    excel_damaged(frame, "customer_key", check)
    if "status" in frame:
        status_text = frame["status"].astype(str).str.strip()
        status = status_text.map(spec.statuses)
        check.flag(status.isna(), frame, "status", UNKNOWN_STATUS, status_text)
    else:
        status = pd.Series("completed", index=frame.index)
    amount = parse_amount(frame, "amount_paid", check, limit=spec.amount_limit)
    optional = {
        c: parse_amount(frame, c, check, required=False, limit=spec.amount_limit)
        for c in AMOUNTS[1:]
        if c in frame
    }
    refund = optional.get("refund_amount", pd.Series(0.0, index=frame.index))
    created = parse_time(frame, "created_time", check, required=True, now=now)
    if "paid_time" in frame:
        paid = parse_time(frame, "paid_time", check, required=False, now=now)
        check.flag(  # a paid order needs its paid time, or it drops out of every figure
            status.isin(PURCHASE_STATUSES) & frame["paid_time"].astype(str).str.strip().eq(""),
            frame,
            "paid_time",
            PAID_WITHOUT_TIME,
        )
    else:
        paid = created
    closed = status.eq("closed")
    status = status.where(~(closed & (refund > 0)), spec.closed_with_refund)
    if "paid_time" in frame:
        was_paid = status.eq("closed") & paid.notna()
        status = status.where(~was_paid, spec.closed_after_payment)
        refund = refund.where(~(was_paid & status.eq("refunded") & (refund <= 0)), amount)
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
        }
    )
    for column in ("discount", "coupon"):
        if column in optional:
            orders[column] = optional[column]
    if "list_amount" in optional:  # an empty one is worked out from the others in finish()
        given = frame["list_amount"].astype(str).str.strip().ne("")
        orders["list_amount"] = optional["list_amount"].where(given)
    if "items" in frame:
        orders["items"] = pd.to_numeric(frame["items"], errors="coerce").fillna(1).astype(int)
    if "category" in frame:
        orders["category"] = frame["category"].astype(str).str.strip().replace("", "unknown")
    if "channel" in frame:
        orders["channel"] = frame["channel"].astype(str).str.strip().replace("", pd.NA)
    if "currency" in frame:
        orders["currency"] = frame["currency"].astype(str).str.strip()
        main = orders["currency"].mode().iat[0] if len(orders) else ""
        check.flag(
            orders["currency"].ne(main),
            frame,
            "currency",
            OTHER_CURRENCY.format(main=main),
            orders["currency"],
        )
    elif spec.currency:
        orders["currency"] = spec.currency
    people = frame[[c for c in ("_row", "customer_key", "name", "phone", "address") if c in frame]]
    note = [_("encoding: {encoding}").format(encoding=encoding)]
    return finish(orders, people, check, source, rows_read, keep_personal, secret, merged, note)


def reader(name: str):
    """The reader of a built-in format: ``read_orders`` with that format's spec."""

    def read(path: str | Path, **options) -> ImportResult:
        return read_orders(path, builtin_specs()[name], **options)

    read.__name__ = f"read_{name}"
    read.__doc__ = f"Read a {builtin_specs()[name].platform} export (see :func:`read_orders`)."
    return read


read_taobao = reader("taobao")
read_jd = reader("jd")
read_douyin = reader("douyin")


def read_generic(
    path: str | Path,
    mapping: dict[str, str],
    *,
    status_map: dict[str, str] | None = None,
    **options,
) -> ImportResult:
    """Read CSV, Excel or Parquet with a mapping ``{our column: their column}``.

    Required: ``order_id``, ``customer_key``, ``created_time``, ``amount_paid``. Optional:
    ``paid_time``, ``status`` (with ``status_map`` from their values to completed /
    in_progress / refunded / closed; without a status column every order is completed),
    ``refund_amount``, ``discount``, ``coupon``, ``category``, ``items``, ``channel``,
    ``currency``, ``name``, ``phone``, ``address``.
    """
    return read_orders(path, spec_from_mapping(mapping, status_map), **options)
