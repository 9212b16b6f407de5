"""RFM (crmlib.rfm): direction of R, quintiles and ties, the R×F map, the 8-class model."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmlib import rfm
from crmlib.locale import labels


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
    assert len(rfm.RF_SEGMENTS) == 10 and set(labels("rf_segment", "zh")) == set(rfm.RF_SEGMENTS)
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
    # means: 132.5 days since the last purchase, 1.75 orders, 320 yuan spend
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
        {"days_since_last": [1, 300, 300], "orders": [9, 1, 1], "spend": [900.0, 10.0, 10.0]},
        index=list("ABC"),
    )
    assert rfm.cn8_classes(t)["A"] == "重要价值客户"
    assert rfm.cn8_classes(t)["B"] == "一般挽留客户"
