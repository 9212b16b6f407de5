"""Archive, KPIs, segments, RFM and masking, checked against the hand-worked tiny shop."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tinyshop as tiny
from crmlib import kpi, rfm, segments
from crmlib.archive import build_archive
from crmlib.privacy import mask_address, mask_frame, mask_name, mask_phone


@pytest.fixture
def archive() -> pd.DataFrame:
    return build_archive(
        tiny.customers(), tiny.orders(), tiny.service(), tiny.reviews(), tiny.AS_OF
    )


# --- archive -----------------------------------------------------------------------------------


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
    assert early.attrs["as_of"] == pd.Timestamp("2024-07-01")


def test_archive_names_missing_columns():
    with pytest.raises(
        KeyError, match=r"build_archive \(customers\): missing column\(s\) \['vip88'\]"
    ):
        build_archive(tiny.customers().drop(columns="vip88"), tiny.orders())


# --- KPIs --------------------------------------------------------------------------------------


def test_kpis_by_hand(archive):
    assert kpi.repurchase_rate(archive) == 0.5  # c1 and c4 of four buyers
    assert kpi.average_order_value(tiny.orders(), tiny.AS_OF) == pytest.approx(1280 / 7)
    assert kpi.active_customers(archive, days=100) == 2  # c2 (12 days) and c4 (61 days)
    cac = kpi.cac_by_channel(tiny.traffic(), archive)
    assert cac.loc["keyword_ads", "cac"] == 60.0 and cac.loc["referral", "cac"] == 30.0
    assert cac.loc["direct", "cac"] == 0.0 and pd.isna(cac.loc["live_video", "cac"])


def test_pareto_lorenz_and_gini_by_hand(archive):
    spend = archive.loc[archive["orders"] > 0, "spend"]  # 300, 300, 40, 640
    assert kpi.top_share(spend, 0.2) == 0.5  # ceil(0.8) = 1 customer: 640 / 1280
    curve = kpi.lorenz_curve(spend)
    np.testing.assert_allclose(curve["value_share"], [0, 40 / 1280, 340 / 1280, 640 / 1280, 1])
    assert kpi.gini(spend) == pytest.approx(0.3515625)
    assert kpi.gini([5, 5, 5, 5]) == pytest.approx(0.0)
    with pytest.raises(ValueError, match="non-negative"):
        kpi.lorenz_curve([-1, 2])


@given(
    st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=50).filter(
        lambda v: sum(v) > 0
    )
)
def test_gini_and_top_share_invariants(values):
    g = kpi.gini(values)
    assert -1e-9 <= g <= 1 + 1e-9
    assert kpi.top_share(values, 1.0) == pytest.approx(1.0)
    assert kpi.top_share(values, 0.2) >= 0.2 - 1e-9  # the top 20% hold at least 20%


# --- segments ---------------------------------------------------------------------------------


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


# --- RFM ---------------------------------------------------------------------------------------


def test_recent_customers_get_the_high_r_score(archive):
    table = rfm.rfm_scores(rfm.rfm_table(archive))
    # days since last purchase: c2 12 < c4 61 < c1 122 < c3 335
    assert table.loc[2, "R"] > table.loc[4, "R"] > table.loc[1, "R"] > table.loc[3, "R"]


def test_quintile_scores_and_ties():
    ten = pd.Series(np.arange(10.0), name="x")
    assert quintile_list(ten) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    freq = pd.Series([1, 1, 1, 1, 1, 1, 2, 2, 3, 5], name="frequency")
    assert quintile_list(freq) == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]  # the tie block shares score 1
    assert quintile_list(ten, higher_is_better=False) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]


def quintile_list(values, higher_is_better=True):
    return rfm.quintile_scores(values, higher_is_better=higher_is_better).tolist()


@given(st.lists(st.integers(0, 20), min_size=1, max_size=60))
def test_scores_are_monotone_and_ties_share_a_score(values):
    s = pd.Series(values, name="v")
    scores = rfm.quintile_scores(s)
    assert scores.between(1, 5).all()
    order = np.argsort(values, kind="stable")
    assert np.all(np.diff(scores.to_numpy()[order]) >= 0)
    assert (scores.groupby(s).nunique() == 1).all()


def test_rf_map_is_a_complete_partition_of_the_25_cells():
    cells = [cell for cells in rfm.RF_SEGMENTS.values() for cell in cells]
    assert sorted(cells) == list(itertools.product(range(1, 6), range(1, 6)))
    assert len(rfm.RF_SEGMENTS) == 10 and set(rfm.RF_SEGMENT_ZH) == set(rfm.RF_SEGMENTS)
    assert rfm.rf_segment_grid().notna().all().all()


def test_rf_segments_corners():
    scores = pd.DataFrame({"R": [5, 5, 1, 1, 3], "F": [5, 1, 5, 1, 3]})
    assert rfm.rf_segments(scores).tolist() == [
        "champions",
        "new",
        "cant_lose_them",
        "hibernating",
        "need_attention",
    ]
    with pytest.raises(ValueError, match="from 1 to 5"):
        rfm.rf_segments(pd.DataFrame({"R": [6], "F": [1]}))


def test_cn8_classes_by_hand(archive):
    # means: recency 132.5 days, frequency 1.75, monetary 320
    classes = rfm.cn8_classes(rfm.rfm_table(archive))
    assert classes.to_dict() == {
        1: "一般价值客户",
        2: "一般发展客户",
        3: "一般挽留客户",
        4: "重要价值客户",
    }


def test_cn8_direction_of_r_is_pinned():
    # A bought yesterday, often, a lot: must be 重要价值客户, never a 挽留 (win-back) class.
    t = pd.DataFrame(
        {"recency": [1, 300, 300], "frequency": [9, 1, 1], "monetary": [900.0, 10.0, 10.0]},
        index=list("ABC"),
    )
    assert rfm.cn8_classes(t)["A"] == "重要价值客户"
    assert rfm.cn8_classes(t)["B"] == "一般挽留客户"


# --- privacy -----------------------------------------------------------------------------------


def test_masks():
    assert (
        mask_name("张小明") == "张*明"
        and mask_name("李雷") == "李*"
        and mask_name("lily") == "l**y"
    )
    assert mask_name("a***b") == "a***b" and pd.isna(mask_name(None))
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_address("浙江省杭州市西湖区文三路1号") == "浙江省杭州市****"
    assert mask_address("上海市浦东新区世纪大道100号") == "上海市****"
    frame = mask_frame(
        pd.DataFrame({"name": ["张小明"], "phone": ["13812345678"], "city": ["杭州"]})
    )
    assert frame.iloc[0].tolist() == ["张*明", "138****5678", "杭州"]
    with pytest.raises(ValueError, match="unknown mask kind"):
        mask_frame(frame, {"city": "city"})


@given(
    st.text(min_size=3, max_size=12).filter(
        lambda t: "*" not in t and t.strip() == t and len(t) >= 3
    )
)
def test_masked_names_hide_the_middle(name):
    masked = mask_name(name)
    assert len(masked) == len(name) and masked[0] == name[0] and masked[-1] == name[-1]
    assert set(masked[1:-1]) == {"*"}
