"""The customer archive (crmlib.archive): purchase history, interactions, as-of date, masking."""

from __future__ import annotations

import pandas as pd
import pytest

import tinyshop as tiny
from crmlib.archive import build_archive


def test_archive_purchase_history_by_hand(archive):
    a = archive
    assert a.loc[1, ["orders", "refunded_orders", "closed_orders"]].tolist() == [2, 1, 0]
    assert a.loc[1, "spend"] == 300.0 and a.loc[1, "aov"] == 150.0
    assert a.loc[1, "first_purchase"] == pd.Timestamp("2024-03-01")
    assert a.loc[1, "days_since_last"] == 122  # 2024-09-01 -> 2025-01-01
    assert a.loc[1, "promo_share"] == 0.5
    assert a.loc[3, ["orders", "closed_orders", "days_since_last"]].tolist() == [1, 1, 335]
    assert a.loc[4, "spend"] == 640.0 and a.loc[4, "aov"] == pytest.approx(640 / 3)
    assert a.loc[4, "promo_share"] == pytest.approx(1 / 3)
    assert (
        a.loc[5, "orders"] == 0 and pd.isna(a.loc[5, "first_purchase"]) and pd.isna(a.loc[5, "aov"])
    )


def test_archive_interactions_and_masking(archive):
    a = archive
    assert a.loc[
        1, ["returns", "complaints", "inquiries", "reviews", "photo_reviews"]
    ].tolist() == [1, 1, 0, 1, 1]
    assert a.loc[5, "inquiries"] == 1
    assert a.loc[4, "mean_rating"] == 3.0
    assert a.loc[1, "nickname"] == "张*明" and a.loc[1, "phone"] == "138****5678"
    raw = build_archive(tiny.customers(), tiny.orders(), as_of=tiny.AS_OF, mask=False)
    assert raw.loc[1, "nickname"] == "张小明"


def test_archive_respects_as_of():
    early = build_archive(tiny.customers(), tiny.orders(), as_of="2024-07-01")
    assert (
        early.loc[1, "orders"] == 1 and early.loc[4, "orders"] == 2 and early.loc[2, "orders"] == 0
    )
    # tenure is measured to the as-of date: c4 first bought on 2024-06-15, 16 days before
    assert early.loc[4, "days_since_first"] == 16 and early.loc[4, "days_since_last"] == 11
    # c1 (birthday 01-05): 188 days from 2024-07-01 to 2025-01-05
    assert early.loc[1, "birthday_in_days"] == 188


def test_archive_names_missing_columns():
    with pytest.raises(
        KeyError, match=r"build_archive \(customers\): missing column\(s\) \['vip88'\]"
    ):
        build_archive(tiny.customers().drop(columns="vip88"), tiny.orders())


def test_birthdays_are_parsed_once_and_malformed_ones_named():
    from crmlib.archive import birthday_parts, days_to_birthday

    month, day = birthday_parts(pd.Series(["02-29", None, "12-31"]))
    assert month.tolist()[0::2] == [2, 12] and day.tolist()[0::2] == [29, 31]
    # 2025 has no 29 February: celebrated on the 28th, 58 days after 1 January
    assert days_to_birthday(pd.Series(["02-29"]), "2025-01-01").tolist() == [58]
    with pytest.raises(ValueError, match="'13-01' is not a month-day"):
        birthday_parts(pd.Series(["13-01"]))


def test_default_as_of_keeps_an_order_paid_after_the_last_midnight():
    from crmlib.archive import default_as_of

    orders = pd.DataFrame(
        {
            "created_time": pd.to_datetime(["2025-12-30 10:00", "2025-12-31 23:50"]),
            "paid_time": pd.to_datetime(["2025-12-30 10:05", "2026-01-01 00:10"]),
        }
    )
    # created on the 31st but paid on 1 January: "today" must be 2 January, or it drops out
    assert default_as_of(orders) == pd.Timestamp("2026-01-02")
    assert default_as_of(orders.drop(columns="paid_time")) == pd.Timestamp("2026-01-01")
    with pytest.raises(ValueError, match="no orders"):
        default_as_of(orders.iloc[:0])
