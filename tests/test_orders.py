"""What counts as a purchase and as revenue (crmlib.orders), by hand on the tiny shop."""

from __future__ import annotations

import pandas as pd
import pytest

import tinyshop as tiny
from crmlib.orders import ORDER_STATUSES, PURCHASE_STATUSES, net_revenue, purchases, require_columns


def test_purchases_and_revenue_by_hand():
    orders = tiny.orders()
    bought = purchases(orders)
    # 9 orders: one refunded (3) and one closed (6) are not purchases
    assert sorted(bought["order_id"]) == [1, 2, 4, 5, 7, 8, 9]
    assert bought["net_amount"].sum() == 1280.0
    assert net_revenue(orders) == 1280.0  # the refunded 50 was paid back, the closed 0 never paid
    early = purchases(orders, "2024-06-16")
    assert sorted(early["order_id"]) == [1, 5, 7]
    assert set(PURCHASE_STATUSES) < set(ORDER_STATUSES)


def test_missing_columns_are_named():
    with pytest.raises(KeyError, match=r"who: missing column\(s\) \['x'\]"):
        require_columns(tiny.orders(), ["x"], "who")


def test_promotions_by_hand():
    from crmlib.orders import promo_share, promoted

    orders = pd.DataFrame(
        {"customer_id": [1, 1, 2], "coupon": [10.0, 0.0, 0.0], "discount": [0.0, 0.0, 5.0]}
    )
    assert promoted(orders).tolist() == [True, False, True]
    assert promo_share(orders).to_dict() == {1: 0.5, 2: 1.0}
