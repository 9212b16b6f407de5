"""An import's three files: the orders (in the file's order), one row per buyer, and the quarantine.

Buyers are numbered in key order and their keys pseudonymised (:mod:`.finish`); a closed
order's status and refund follow the format spec; the files replace earlier outputs all at
once (:func:`~crmlib.importers.result.replace_outputs`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..spreadsheet import write_csv
from .finish import profiles, pseudonyms
from .result import ORDER_COLUMNS, replace_outputs
from .rules import literal
from .spec import FormatSpec


def write_outputs(
    con,
    spec: FormatSpec,
    out: Path,
    keep_personal: bool,
    secret: bytes | None,
    quarantine: pd.DataFrame,
) -> tuple[int, Path]:
    """Number the buyers in key order, pseudonymise their keys, and write the three files;
    the orders loaded and the folder written (``out``, or a new folder beside it when an
    earlier output is held open: :func:`~crmlib.importers.result.replace_outputs`)."""
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
    status = f"CASE WHEN mapped_status = 'closed' AND {refund} > 0 THEN {literal(spec.closed_with_refund)} ELSE mapped_status END"
    paid = "created_value"
    if has("paid_value"):
        paid = "paid_value"
        was_paid = f"({status}) = 'closed' AND paid_value IS NOT NULL"
        refund = (
            f"CASE WHEN {was_paid} AND {literal(spec.closed_after_payment)} = 'refunded' AND {refund} <= 0 "
            f"THEN amount_paid_value ELSE {refund} END"
        )
        status = f"CASE WHEN {was_paid} THEN {literal(spec.closed_after_payment)} ELSE {status} END"
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
        currency = literal(spec.currency)
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
        con.sql(f"COPY ({orders_sql}) TO {literal(str(tmp / 'orders.parquet'))} (FORMAT parquet)")
        customers.to_parquet(tmp / "customers.parquet", index=False)
        write_csv(quarantine, tmp / "quarantine.csv")
        return ["orders.parquet", "customers.parquet", "quarantine.csv"]

    written = replace_outputs(out, write)
    return int(loaded), written[0].parent
