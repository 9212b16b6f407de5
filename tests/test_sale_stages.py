"""crmlib.sale_stages: the three stages of a sale, on tables small enough to count by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import sale_stages as ss


def test_pre_sale_counts_visits_orders_and_conversion_by_hand():
    visits = pd.DataFrame(
        {
            "asked_service": [True, True, True, False, False, False, False, False],
            "order_id": [11, None, None, 12, 13, 14, None, None],
        }
    )
    table = ss.pre_sale(visits)
    assert table.index.tolist() == [True, False]  # who asked first
    assert table.loc[True].tolist() == [3, 1, pytest.approx(1 / 3)]
    assert table.loc[False].tolist() == [5, 3, pytest.approx(3 / 5)]


def test_during_sale_by_hand():
    t = pd.Timestamp("2025-03-01 10:00")
    orders = pd.DataFrame(
        {
            "created_time": [t, t, t, t, t],
            "paid_time": [t + pd.Timedelta(minutes=m) for m in (2, 4, 10, 20)] + [pd.NaT],
            "status": ["completed", "completed", "refunded", "completed", "closed"],
        }
    )
    summary = ss.during_sale(orders).iloc[0]
    assert summary["orders_placed"] == 5 and summary["orders_paid"] == 4
    assert summary["closed_unpaid"] == 1 and summary["paid_share"] == pytest.approx(0.8)
    assert summary["median_minutes_to_pay"] == pytest.approx(7.0)  # of 2, 4, 10, 20


def test_after_sale_shares_are_of_each_kind_and_pre_sale_questions_are_left_out():
    service = pd.DataFrame(
        {
            "kind": ["return", "return", "return", "complaint", "complaint", "pre_sale"],
            "reason": ["尺寸不符", "尺寸不符", "质量问题", "物流太慢", None, None],
        }
    )
    table = ss.after_sale(service)
    assert table.loc[("return", "尺寸不符"), "contacts"] == 2
    assert table.loc[("return", "尺寸不符"), "share"] == pytest.approx(2 / 3)
    assert table.loc[("complaint", "物流太慢"), "share"] == pytest.approx(1.0)  # no reason: out
    assert table["contacts"].sum() == 4
    assert "pre_sale" not in table.index.get_level_values("kind")


def test_a_table_without_its_columns_is_refused_by_name():
    with pytest.raises(KeyError, match="asked_service"):
        ss.pre_sale(pd.DataFrame({"order_id": [1]}))
