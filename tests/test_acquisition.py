"""Customer sources (crmlib.acquisition): channel report, retention curves, proportion tests."""

from __future__ import annotations

import pandas as pd
import pytest

import tinyshop as tiny
from crmlib import acquisition


def test_channel_report_by_hand(archive):
    report = acquisition.channel_report(
        archive, tiny.orders(), tiny.traffic(), as_of=tiny.AS_OF, margin=0.4
    )
    kw = report.loc["keyword_ads"]
    assert kw["new_buyers"] == 2 and kw["conversion"] == 0.02 and kw["cac"] == 60.0
    assert kw["first_order_value"] == 170.0  # (300 + 40) / 2
    assert kw["eligible_90d"] == 1 and kw["repurchase_90d"] == 0.0  # c2 joined 12 days ago
    assert kw["roi"] == pytest.approx((340 * 0.4 - 120) / 120)
    ref = report.loc["referral"]
    assert ref["conversion"] == 0.1 and ref["cac"] == 30.0 and ref["first_order_coupon"] == 0.0
    assert (
        ref["repurchase_90d"] == 0.0 and ref["eligible_365d"] == 0
    )  # second purchase after 184 days
    assert report.loc["direct", "repurchase_90d"] == 1.0 and pd.isna(report.loc["direct", "roi"])
    family = acquisition.channel_report(
        archive, tiny.orders(), tiny.traffic(), as_of=tiny.AS_OF, by="family"
    )
    assert family.loc["paid", "new_buyers"] == 2 and family.loc["social", "new_buyers"] == 1
    with pytest.raises(ValueError, match="by must be"):
        acquisition.channel_report(
            archive, tiny.orders(), tiny.traffic(), as_of=tiny.AS_OF, by="region"
        )


def test_retention_curves_use_a_fixed_denominator(archive):
    curves = acquisition.retention_curves(
        archive, tiny.orders(), as_of=tiny.AS_OF, by="channel", horizon=180
    )
    # observed 180 days: c1 (referral), c3 (keyword_ads), c4 (direct)
    assert curves.loc[4, "direct"] == 0.0 and curves.loc[5, "direct"] == 1.0
    assert curves["keyword_ads"].max() == 0.0 and curves["referral"].max() == 0.0
    assert (curves.diff().dropna() >= 0).all().all()


def test_compare_proportions_by_hand():
    t = acquisition.compare_proportions(30, 100, 20, 100)
    assert t.z == pytest.approx(1.632993, rel=1e-5)
    assert t.p_value == pytest.approx(0.102470, rel=1e-4)
    assert (t.ci_low, t.ci_high) == pytest.approx((-0.019221, 0.219221), abs=1e-5)
    assert "p = 0.102" in str(t)
    # by hand: 30% - 20% is 10 percentage points, not "+10%"
    assert "difference +10.0 percentage points (95% CI -1.9 to +21.9)" in str(t)
    with pytest.raises(ValueError, match="at least one member"):
        acquisition.compare_proportions(0, 0, 1, 2)


def test_compare_repurchase_counts_repurchasers_from_a_reports_rates_and_eligible_buyers():
    # by hand: x has 10 eligible buyers at 50% -> 5 came back; y has 8 at 25% -> 2
    report = pd.DataFrame(
        {
            "repurchase_365d": [0.5, 0.25],
            "eligible_365d": [10, 8],
            "repurchase_90d": [0.1, 0.5],
            "eligible_90d": [20, 4],
        },
        index=["x", "y"],
    )
    test = acquisition.compare_repurchase(report, "x", "y")
    assert (test.n_a, test.n_b, test.rate_a, test.rate_b) == (10, 8, 0.5, 0.25)
    assert test.difference == pytest.approx(0.25)
    assert test == acquisition.compare_proportions(5, 10, 2, 8)
    ninety = acquisition.compare_repurchase(report, "y", "x", days=90)
    assert ninety == acquisition.compare_proportions(2, 4, 2, 20)


def test_compare_groups_by_hand():
    bought = pd.Series([True, False, True, True, False])
    in_a = pd.Series([True, True, False, False, False])
    result = acquisition.compare_groups(bought, in_a)
    assert (result.n_a, result.rate_a, result.n_b) == (2, 0.5, 3)
    assert result.rate_b == pytest.approx(2 / 3)
