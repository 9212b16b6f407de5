"""Segments (crmlib.segments): value, lifecycle and behaviour rules, by hand."""

from __future__ import annotations

import pytest

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
