"""Segments (crmlib.segments): value, lifecycle and behaviour rules, by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tinyshop as tiny
from crmlib import segments


def test_value_segments_by_hand(archive):
    seg = segments.value_segments(
        archive, segments.ValueRule(churn_days=182, high_share=0.2, low_share=0.3)
    )
    assert seg.to_dict() == {1: "mid", 2: "mid", 3: "churn_risk", 4: "high", 5: "no_purchase"}
    with pytest.raises(ValueError, match="add up to at most 1"):
        segments.ValueRule(high_share=0.8, low_share=0.5)


def test_lifecycle_by_hand(archive):
    stage = segments.lifecycle_stages(archive)
    assert stage.to_dict() == {1: "active", 2: "new", 3: "sleeping", 4: "active", 5: "prospect"}
    stage = segments.lifecycle_stages(
        archive, segments.LifecycleRule(new_days=10, active_days=100, churn_days=300)
    )
    assert stage.to_dict() == {1: "sleeping", 2: "active", 3: "churned", 4: "active", 5: "prospect"}
    with pytest.raises(ValueError, match="new_days <= active_days < churn_days"):
        segments.LifecycleRule(new_days=200, active_days=100)


def test_behaviour_by_hand(archive):
    seg = segments.behaviour_segments(archive, tiny.visits())
    # c4: 3 orders, 3 of 3 visits direct/precise search -> loyal repeat; c2: 20 pages -> comparison
    # c1: 2 orders only, 2.5 pages, no reviews -> impulse; c3 impulse; c5 never bought
    assert seg.to_dict() == {
        1: "impulse",
        2: "comparison",
        3: "impulse",
        4: "loyal_repeat",
        5: "no_purchase",
    }


@given(days=st.integers(0, 800), first=st.integers(91, 900))
def test_active_churn_risk_and_lifecycle_mean_one_window(days, first):
    """One window everywhere: a buyer is active (KPI), not churn risk (value rule) and in the
    active lifecycle stage exactly when the last purchase is less than 6 months old."""
    import pandas as pd

    from crmlib import kpi

    first = max(first, days)
    one = pd.DataFrame(
        {
            "orders": [2],
            "days_since_last": [days],
            "days_since_first": [first],
            "spend_12m": [100.0],
        }
    )
    active = kpi.active_customers(one) == 1
    risk = segments.value_segments(one).iloc[0] == "churn_risk"
    stage = segments.lifecycle_stages(one).iloc[0]
    assert active == (not risk) == (stage == "active") == (days < segments.ACTIVE_DAYS)
    assert (stage == "churned") == (days > segments.CHURNED_DAYS)
    assert segments.ACTIVE_DAYS == 182  # the textbook's 6 months
