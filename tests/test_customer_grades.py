"""Customer grades (crmlib.customer_grades): §7.3's four grades, worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from crmlib import customer_grades as cg
from crmlib import i18n

AS_OF = "2025-01-01"  # halves of 182 days: recent after 2024-07-03, previous from 2024-01-04


def _orders() -> pd.DataFrame:
    rows = [
        # customer, paid, amount, category, status
        ("A", "2024-03-01", 400.0, "手提包", "completed"),
        ("A", "2024-08-01", 300.0, "钱包", "completed"),
        ("A", "2024-12-01", 400.0, "手提包", "completed"),
        ("B", "2024-03-01", 100.0, "钱包", "completed"),
        ("B", "2024-10-01", 200.0, "钱包", "completed"),
        ("B", "2024-10-05", 900.0, "手提包", "refunded"),  # refunded: not a purchase
        ("C", "2024-03-01", 200.0, "钱包", "completed"),
        ("C", "2024-10-01", 200.0, "钱包", "completed"),
        ("D", "2023-12-01", 800.0, "手提包", "completed"),
        ("E", "2024-12-01", 500.0, "手提包", "completed"),
        ("G", "2024-01-02", 90.0, "钱包", "completed"),  # exactly 365 days before
    ]
    o = pd.DataFrame(
        rows, columns=["customer_id", "paid_time", "amount_paid", "category", "status"]
    )
    o["paid_time"] = pd.to_datetime(o["paid_time"])
    o["refund_amount"] = o["amount_paid"].where(o["status"] == "refunded", 0.0)
    return o


def test_grades_by_hand():
    grades = cg.grade_customers(_orders(), AS_OF, pd.Index(list("ABCDEFG")))
    assert grades.to_dict() == {
        "A": "mature",  # 1,100 yuan, 3 orders, 2 categories in 12 months (rising, but mature first)
        "B": "growing",  # 200 in the recent half >= 1.5 x 100 in the previous one, 2 orders
        "C": "ordinary",  # 200 after 200: not rising
        "D": "churned",  # last purchase 397 days ago
        "E": "ordinary",  # one order: too early to call growing
        "F": "no_purchase",
        "G": "ordinary",  # 365 days: churned only after more than a year, as in the lifecycle
    }
    inputs = cg.grade_inputs(_orders(), AS_OF)
    assert inputs.loc["A", ["orders_12m", "categories_12m"]].tolist() == [3, 2]
    assert inputs.loc["B", ["spend_recent_half", "spend_previous_half"]].tolist() == [200.0, 100.0]


def test_thresholds_are_data_and_move_customers():
    stricter = cg.GradeRule(mature_spend=1200)
    # no longer mature, A is growing: 700 in the recent half against 400 before (>= 1.5 x 400)
    assert cg.grade_customers(_orders(), AS_OF, rule=stricter)["A"] == "growing"
    lenient = cg.GradeRule(growing_orders=1)  # a first order in the recent half is "rising"
    assert cg.grade_customers(_orders(), AS_OF, rule=lenient)["E"] == "growing"
    with pytest.raises(ValidationError, match="growing_ratio"):
        cg.GradeRule(growing_ratio=0.8)
    with pytest.raises(ValidationError, match="two halves must fit"):
        cg.GradeRule(half_days=200)
    with pytest.raises(ValidationError, match="extra"):
        cg.GradeRule(vip_spend=5)


@settings(max_examples=30, deadline=None)
@given(st.floats(0, 3000), st.floats(0, 3000))
def test_a_higher_mature_bar_never_adds_mature_customers(low, high):
    low, high = sorted((low, high))
    count = {
        bar: int(
            (
                cg.grade_customers(_orders(), AS_OF, rule=cg.GradeRule(mature_spend=bar))
                == "mature"
            ).sum()
        )
        for bar in (low, high)
    }
    assert count[high] <= count[low]


def test_grade_mix_over_time():
    mix = cg.grade_mix(_orders(), ["2024-07-01", AS_OF])
    # 1 July 2024: A, B, C, G bought in the last year; D's 2023-12-01 purchase is 213 days old;
    # A has 1 order then, so nobody is mature yet; E has not bought yet
    assert mix["2024-07-01"].to_dict() == {"mature": 0, "growing": 0, "ordinary": 5, "churned": 0}
    assert mix[AS_OF].to_dict() == {"mature": 1, "growing": 1, "ordinary": 3, "churned": 1}
    assert mix[AS_OF].sum() == 6  # every buyer once


def test_service_table_names_services_in_the_readers_language():
    with i18n.using("zh"):
        zh = cg.service_table()
    en = cg.service_table()
    assert set(zh["grade"]) == {"mature", "growing", "ordinary", "churned"}
    assert zh.loc[zh["grade"] == "mature", "service"].iloc[0] == i18n.t(
        "grade_service.dedicated_agent", "zh"
    )
    assert (zh["service"] != en["service"]).all()
    with pytest.raises(ValidationError):
        cg.GradeService(grade="vip", services=("dedicated_agent",))
