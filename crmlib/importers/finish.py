"""The last step of every reader: set the quarantined rows aside, number the buyers, build
their profiles with personal fields masked, and pseudonymise the buyer keys."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..privacy import mask_address, mask_name, mask_phone, mask_values, pseudonym
from .checks import Checker
from .result import ORDER_COLUMNS, STATUSES, ImportResult


def pseudonyms(keys: pd.Series, secret: bytes | None) -> pd.Series:
    """The keyed pseudonym of each buyer key (computed once per distinct key)."""
    return keys.map(lambda k: pseudonym(k, secret=secret))


def finish(
    orders: pd.DataFrame,
    people: pd.DataFrame,
    check: Checker,
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
    customers = customer_table(orders, people, keep_personal)
    if not keep_personal:  # the buyer key is personal too (an account name, an e-mail)
        keys = pseudonyms(customers["customer_key"], secret)
        orders["customer_key"] = keys.to_numpy()[orders["customer_id"].to_numpy() - 1]
        customers["customer_key"] = keys.to_numpy()
    result = ImportResult(
        orders=orders,
        customers=customers,
        quarantine=quarantine,
        source=source,
        rows_read=rows_read,
        rows_merged=rows_merged,
        notes=notes or [],
    )
    result.check_reconciles()
    return result


def customer_table(orders: pd.DataFrame, people: pd.DataFrame, keep_personal: bool) -> pd.DataFrame:
    """One row per buyer with the profile columns the archive expects (unknowns left empty)."""
    first = orders.groupby("customer_id").agg(
        customer_key=("customer_key", "first"), signup_date=("created_time", "min")
    )
    latest = people.merge(
        orders[["customer_key", "customer_id"]].drop_duplicates(), on="customer_key"
    )
    latest = latest.drop_duplicates("customer_id", keep="last").set_index("customer_id")
    return profiles(first, latest, keep_personal)


def profiles(first: pd.DataFrame, latest: pd.DataFrame, keep_personal: bool) -> pd.DataFrame:
    """The customers table from, per buyer (index ``customer_id``), ``first``: the raw
    ``customer_key`` and ``signup_date`` (their first order's time), and ``latest``: the name,
    phone and address on their latest order (whichever the export has). Personal fields are
    masked unless ``keep_personal``; profile fields no export has are left empty."""
    out = pd.DataFrame(index=first.index)
    out["customer_key"] = first["customer_key"]
    for column, masker in (("name", mask_name), ("phone", mask_phone), ("address", mask_address)):
        values = (
            latest[column].reindex(out.index)
            if column in latest
            else pd.Series(pd.NA, index=out.index)
        )
        values = values.replace("", pd.NA)
        out[column] = values if keep_personal else mask_values(values, masker)
    out["nickname"] = (
        out["customer_key"] if keep_personal else mask_values(out["customer_key"], mask_name)
    )
    out["signup_date"] = first["signup_date"].dt.normalize()
    for column in ("gender", "age_band", "region", "birthday", "acquisition_channel"):
        out[column] = pd.NA
    out["credit_points"] = pd.NA
    for column in ("vip88", "community_member", "marketing_consent"):
        out[column] = False
    return out.reset_index()
