"""Smart outreach (crmlib.outreach): the audience, the send hour, the campaign's value."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import outreach as out

AS_OF = "2026-01-01"


def _customers() -> pd.DataFrame:
    return pd.DataFrame(
        {"customer_id": [1, 2, 3, 4, 5], "marketing_consent": [True, False, True, True, True]}
    )


def test_audience_counts_every_exclusion_once():
    contacts = pd.DataFrame(
        {
            "customer_id": [3, 4, 2],
            "contact_time": pd.to_datetime(["2025-12-28", "2025-12-20", "2025-12-31"]),
        }
    )
    result = out.audience([1, 2, 3, 4, 5, 9, 1], _customers(), contacts, AS_OF)
    # 9 unknown; 2 without consent (also contacted, counted once); 3 messaged 4 days ago;
    # 4's message is 12 days old, outside the 7-day cap; the repeated 1 is one customer
    assert list(result.ids) == [1, 4, 5]
    assert result.excluded.to_dict() == {"unknown": 1, "no_consent": 1, "contacted_recently": 1}
    assert result.crowd == 6
    no_cap = out.audience([1, 2, 3], _customers(), contacts, AS_OF, out.OutreachRule(cap_days=0))
    assert list(no_cap.ids) == [1, 3]
    anyone = out.OutreachRule(require_consent=False, cap_days=0)
    assert list(out.audience([1, 2], _customers(), None, AS_OF, anyone).ids) == [1, 2]


def test_send_hour_by_hand():
    orders = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3],
            "paid_time": pd.to_datetime(
                ["2025-01-01 20:15", "2025-02-01 20:50", "2025-03-01 09:00", "2025-03-02 21:00"]
            ),
            "status": "completed",
            "amount_paid": 100.0,
            "refund_amount": 0.0,
        }
    )
    hours = out.purchase_hours(orders)
    assert hours[20] == 0.5 and hours[9] == 0.25 and hours.sum() == pytest.approx(1.0)
    assert out.best_send_hour(hours) == 19
    assert out.best_send_hour(out.purchase_hours(orders, pd.Index([2])), lead=0) == 9
    with pytest.raises(ValueError, match="no purchases"):
        out.purchase_hours(orders, pd.Index([99]))


def test_campaign_value_by_hand():
    value = out.campaign_value(1000, 0.10, 0.13, order_value=200, margin=0.4, coupon=20)
    # 30 extra orders x 200 x 0.4 = 2,400; coupons for 130 buyers = 2,600; SMS 50
    assert value["extra_orders"] == pytest.approx(30)
    assert value["extra_profit"] == pytest.approx(2400)
    assert value["coupon_cost"] == pytest.approx(2600) and value["message_cost"] == pytest.approx(
        50
    )
    assert value["net"] == pytest.approx(-250)  # the coupons paid for buyers who came anyway


def test_value_of_targeting_pools_the_chosen_segments():
    by_segment = pd.DataFrame(
        {
            "treated": [100, 300],
            "controls": [100, 300],
            "rate_treated": [0.10, 0.30],
            "rate_control": [0.05, 0.30],
        },
        index=["churned", "growing"],
    )
    sizes = pd.Series({"churned": 1000, "growing": 3000})
    only = out.value_of_targeting(by_segment, sizes, ["churned"], order_value=200, coupon=20)
    # 1,000 recipients: 50 extra orders x 200 x 0.4 = 4,000; coupons 100 x 20; SMS 50
    assert only["net"] == pytest.approx(4000 - 2000 - 50)
    both = out.value_of_targeting(by_segment, sizes, ["churned", "growing"], 200, coupon=20)
    # pooled: treated (10 + 90) / 400 = 0.25, control (5 + 90) / 400 = 0.2375
    assert both["recipients"] == 4000 and both["extra_orders"] == pytest.approx(4000 * 0.0125)


def test_break_even_uplift_by_hand():
    # (0.10 x 20 + 0.05) / (200 x 0.4 - 20) = 2.05 / 60
    u = out.break_even_uplift(0.10, order_value=200, margin=0.4, coupon=20)
    assert u == pytest.approx(2.05 / 60)
    value = out.campaign_value(1000, 0.10, 0.10 + u, order_value=200, margin=0.4, coupon=20)
    assert value["net"] == pytest.approx(0.0, abs=1e-9)  # it is where the campaign breaks even
    assert out.break_even_uplift(0.1, order_value=40, margin=0.4, coupon=20) == float("inf")


def test_value_from_rates_averages_the_customers():
    rates = pd.DataFrame({"p_control": [0.0, 0.2], "p_treated": [0.1, 0.3]})
    value = out.value_from_rates(rates, 1000, order_value=100, coupon=10, message_price=0)
    # rates 0.1 and 0.2: 100 extra buyers x 100 x 0.4 = 4,000; coupons 200 x 10 = 2,000
    assert value["net"] == pytest.approx(2000)
