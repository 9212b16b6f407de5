"""Shopify's orders export: one row per line item, the order's fields on its first row;
buyers by e-mail (or, for point-of-sale orders, by phone); times with offsets; currencies."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..locale import Message, _
from ..privacy import phone_digits
from .checks import OTHER_CURRENCY, Checker, parse_amount, parse_time, require_secret
from .finish import finish
from .result import ImportProblem, ImportResult
from .text import read_text_table

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


SHOPIFY_PERSONAL = {"customer_key": "Email", "name": "Billing Name", "phone": "Phone"}
"""Shopify's personal columns by our names (the quarantine masks their values; any other
column's values are masked by pattern: addresses, e-mails, phones)."""


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
    require_secret(keep_personal, secret)
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
    check = Checker(source, strict, SHOPIFY_PERSONAL, keep_personal=keep_personal)
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
        OTHER_CURRENCY.format(main=main_currency),
    )
    financial = orders_raw["Financial Status"].str.strip().str.lower()
    status = financial.map(SHOPIFY_STATUS)
    check.flag(
        status.isna(), orders_raw, "Financial Status", _("unknown financial status"), financial
    )
    total = parse_amount(orders_raw, "Total", check)
    refund = (
        parse_amount(orders_raw, "Refunded Amount", check, required=False)
        if "Refunded Amount" in orders_raw
        else 0.0
    )
    created = parse_time(orders_raw, "Created at", check, required=True, now=now, tz=timezone)
    paid = (
        parse_time(orders_raw, "Paid at", check, required=False, now=now, tz=timezone)
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
            Message(
                _("{n} orders without an e-mail recognised by the buyer's phone"),
                n=int(by_phone.sum()),
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
        orders["discount"] = parse_amount(orders_raw, "Discount Amount", check, required=False)
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
    return finish(orders, people, check, source, rows_read, keep_personal, secret, merged, pos_note)
