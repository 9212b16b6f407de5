"""Channel report, proportion test, tags, credit levels, crowds and clusters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import tinyshop as tiny
from crmlib import acquisition, clusters, tags
from crmlib.archive import build_archive


@pytest.fixture
def archive() -> pd.DataFrame:
    return build_archive(
        tiny.customers(), tiny.orders(), tiny.service(), tiny.reviews(), tiny.AS_OF
    )


def test_channel_report_by_hand(archive):
    report = acquisition.channel_report(archive, tiny.orders(), tiny.traffic(), margin=0.4)
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
    family = acquisition.channel_report(archive, tiny.orders(), tiny.traffic(), by="family")
    assert family.loc["paid", "new_buyers"] == 2 and family.loc["social", "new_buyers"] == 1
    with pytest.raises(ValueError, match="by must be"):
        acquisition.channel_report(archive, tiny.orders(), tiny.traffic(), by="region")


def test_retention_curves_use_a_fixed_denominator(archive):
    curves = acquisition.retention_curves(archive, tiny.orders(), by="channel", horizon=180)
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
    with pytest.raises(ValueError, match="at least one member"):
        acquisition.compare_proportions(0, 0, 1, 2)


# --- tags --------------------------------------------------------------------------------------


def test_tag_table_and_select(archive):
    manual = pd.DataFrame({"customer_id": [5], "tag": ["wants_navy"], "note": ["asked twice"]})
    table = tags.tag_table(archive, manual=manual)
    assert set(table.loc[table["tag"] == "repeat_buyer", "customer_id"]) == {1, 4}
    assert set(table.loc[table["tag"] == "churn_risk", "customer_id"]) == {3}
    assert table.loc[table["tag"] == "wants_navy", "source"].tolist() == ["manual"]
    ids = archive.index
    assert list(tags.select(table, "repeat_buyer AND NOT complainer", ids)) == [4]
    assert list(tags.select(table, "repeat_buyer or wants_navy", ids)) == [1, 4, 5]
    assert list(tags.select(table, "NOT (repeat_buyer OR one_time_buyer)", ids)) == [5]
    assert list(tags.select(table, "NOT repeat_buyer AND NOT one_time_buyer", ids)) == [5]


def test_birthday_tag_counts_days_to_the_next_birthday(archive):
    countdown = tags.add_birthday_countdown(archive)["birthday_in_days"]
    assert countdown.loc[1] == 4 and countdown.loc[2] == 364 and countdown.loc[5] == 30


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("repeat_buyer AND", "ends too early"),
        ("(repeat_buyer", "missing '\\)'"),
        ("vip", "unknown tag 'vip'"),
        ("repeat_buyer repeat_buyer", "unexpected"),
        ("repeat_buyer & vip88", "cannot read"),
    ],
)
def test_select_errors(archive, expression, message):
    with pytest.raises(ValueError, match=message):
        tags.select(tags.tag_table(archive), expression)


def test_tag_errors(archive):
    with pytest.raises(ValueError, match="tag 'bad': cannot evaluate rule"):
        tags.tag_table(archive, [tags.Tag("bad", "no_such_column > 1")])
    with pytest.raises(ValueError, match="duplicate tag name"):
        tags.tag_table(archive, [tags.Tag("a", "orders > 0"), tags.Tag("a", "orders > 1")])
    with pytest.raises(ValueError, match=r"1 customer id\(s\) not in the archive"):
        tags.tag_table(archive, manual=pd.DataFrame({"customer_id": [99], "tag": ["x"]}))
    with pytest.raises(ValueError, match="must be a word"):
        tags.Tag("big spender", "orders > 0")


def test_credit_levels_at_the_band_edges():
    points = [0, 3, 4, 10, 11, 250, 251, 1200, 10000, 10001, 500000, 500001]
    labels = tags.credit_level(pd.Series(points))["label"].tolist()
    assert labels == [
        "无",
        "无",
        "1心",
        "1心",
        "2心",
        "5心",
        "1钻",
        "3钻",
        "5钻",
        "1冠",
        "5冠",
        "1金冠",
    ]
    with pytest.raises(ValueError, match="non-negative"):
        tags.credit_level(-1)


def test_qianniu_lists_and_crowds(archive):
    lists = tags.qianniu_lists(archive)
    assert lists.loc[5].tolist() == [False, True, True]  # not bought, inquired
    assert (lists["bought"] ^ lists["not_bought"]).all()
    crowd = tags.crowds(archive, tiny.visits(), interest_days=30, new_days=90)
    assert crowd["interest"].to_dict() == {1: False, 2: False, 3: False, 4: False, 5: True}
    assert list(crowd.index[crowd["new_customer"]]) == [2]
    assert list(crowd.index[crowd["repurchase"]]) == [1, 4]


# --- clusters ----------------------------------------------------------------------------------


def _blobs(seed=0):
    rng = np.random.default_rng(seed)
    groups = [(20, 8, 2000.0), (300, 1, 80.0), (30, 1, 150.0)]  # loyal, lapsed one-off, new
    rows = [
        {
            "recency": max(0, r * rng.lognormal(0, 0.1)),
            "frequency": max(1, round(f * rng.lognormal(0, 0.1))),
            "monetary": m * rng.lognormal(0, 0.1),
        }
        for r, f, m in groups
        for _ in range(100)
    ]
    return pd.DataFrame(rows), np.repeat([0, 1, 2], 100)


def test_clusters_recover_well_separated_groups_and_get_names():
    rfm_table, truth = _blobs()
    model = clusters.RFMClusters(k=3, random_state=0).fit(rfm_table)
    labels = model.predict(rfm_table).to_numpy()
    # each true group maps to exactly one cluster
    assert all(len(set(labels[truth == g])) == 1 for g in range(3))
    assert len(set(model.names_.values())) == 3
    loyal_cluster = labels[0]
    assert model.names_[loyal_cluster] == "recent, repeat, high spend"
    scores = clusters.choose_k(rfm_table, ks=range(2, 6))
    assert scores["silhouette"].idxmax() == 3
    assert scores["inertia"].is_monotonic_decreasing
