"""Satisfaction measures, loyalty after a survey, the curve, the quadrant and the model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmlib import satisfaction as sat


def test_csat_and_nps_by_hand():
    assert sat.csat([5, 4, 3, 2, 5]) == 0.6
    assert sat.nps([10, 9, 9, 8, 7, 6, 3, 10, 5, 9]) == pytest.approx(20.0)
    assert sat.nps([10] * 4) == 100.0 and sat.nps([0, 6]) == -100.0 and sat.nps([7, 8]) == 0.0
    with pytest.raises(ValueError, match="from 1 to 5"):
        sat.csat([0, 5])
    with pytest.raises(ValueError, match="whole numbers from 0 to 10"):
        sat.nps([11])


def test_nps_interval_by_hand():
    # 50 promoters, 20 passives, 30 detractors: NPS 20; variance (0.5 + 0.3 - 0.2^2)/100
    answers = [10] * 50 + [8] * 20 + [0] * 30
    low, high = sat.nps_interval(answers)
    half = 1.959964 * np.sqrt((0.5 + 0.3 - 0.04) / 100) * 100
    assert (low, high) == pytest.approx((20 - half, 20 + half), rel=1e-5)
    b_low, b_high = sat.nps_interval(answers, method="bootstrap", random_state=1)
    assert b_low == pytest.approx(low, abs=3) and b_high == pytest.approx(high, abs=3)
    assert sat.nps_interval(answers, method="bootstrap", random_state=1) == (b_low, b_high)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=80))
def test_nps_is_bounded_and_inside_its_interval(answers):
    score = sat.nps(answers)
    low, high = sat.nps_interval(answers)
    assert -100 <= score <= 100 and low <= score + 1e-9 and score - 1e-9 <= high


def test_wilson_interval_by_hand():
    low, high = sat.wilson_interval(8, 10)
    assert (low, high) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    assert sat.wilson_interval(0, 5)[0] == pytest.approx(0.0, abs=1e-12)


def _survey_shop():
    surveys = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4],
            "survey_time": pd.to_datetime(["2024-01-10", "2024-01-10", "2024-01-10", "2024-12-01"]),
            "csat": [5, 5, 2, 4],
            "nps": [10, 9, 3, 8],
        }
    )
    orders = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3, 3, 4, 4],
            "created_time": pd.to_datetime(
                [
                    "2024-01-01",
                    "2024-03-01",
                    "2024-01-02",
                    "2024-01-03",
                    "2024-06-01",
                    "2024-11-20",
                    "2024-12-20",
                ]
            ),
            "status": "completed",
            "amount_paid": [100.0, 200.0, 50.0, 80.0, 40.0, 60.0, 70.0],
            "refund_amount": 0.0,
            "coupon": [0.0, 10.0, 0.0, 0.0, 5.0, 0.0, 0.0],
            "discount": 0.0,
        }
    )
    orders["paid_time"] = orders["created_time"]
    return surveys, orders


def test_loyalty_after_survey_by_hand():
    surveys, orders = _survey_shop()
    loyalty = sat.loyalty_after_survey(surveys, orders, "2025-01-01", window_days=180)
    # 1: bought 2024-03-01 (51 days after) -> yes; 2: nothing after -> no;
    # 3: 2024-06-01 is 143 days after -> yes; 4: window not over by 2025-01-01 -> unknown
    assert loyalty["repurchased"].tolist()[:3] == [True, False, True]
    assert pd.isna(loyalty.loc[4, "repurchased"])
    assert loyalty.loc[1, "promo_share"] == 0.5 and loyalty.loc[2, "orders_per_year"] == 0
    days = (pd.Timestamp("2025-01-01") - pd.Timestamp("2024-01-10")).days
    assert loyalty.loc[1, "spend_per_year"] == pytest.approx(200 / (days / 365.25))
    kinds = sat.quadrants(loyalty)
    assert kinds.loc[1] == "loyalist" and kinds.loc[2] == "mercenary" and kinds.loc[3] == "hostage"
    assert pd.isna(kinds.loc[4])
    curve = sat.satisfaction_curve(loyalty)
    assert curve.loc[5, "respondents"] == 2 and curve.loc[5, "repurchase_rate"] == 0.5


def test_time_split_and_model_on_the_shop():
    from crmlib.exercises._shop import archive, as_of, store

    s, a = store(), archive()
    loyalty = sat.loyalty_after_survey(s.surveys, s.orders, as_of(), window_days=180)
    x = sat.repurchase_features(loyalty, a, s.orders, s.service)
    train, test = sat.time_split(loyalty, "2025-01-01")
    assert (
        loyalty.loc[train, "survey_time"].max()
        < pd.Timestamp("2025-01-01")
        <= loyalty.loc[test, "survey_time"].min()
    )
    y = loyalty["repurchased"].astype(float)
    result = sat.evaluate(
        sat.repurchase_model("logistic"), x.loc[train], y.loc[train], x.loc[test], y.loc[test]
    )
    assert 0.6 < result.roc_auc < 0.9  # satisfaction carries real, partial signal
    assert result.calibration["customers"].sum() == len(test)
    assert result.scores()["brier"] == result.brier
    with pytest.raises(ValueError, match="empty train"):
        sat.time_split(loyalty, "2020-01-01")


def test_satisfaction_by_group_by_hand():
    surveys = pd.DataFrame({"csat": [5, 4, 2, 5, 1], "nps": [10, 9, 3, 8, 0]})
    group = pd.Series(["a", "a", "a", "b", "b"], name="channel_family")
    table = sat.satisfaction_by(surveys, group)
    # a: CSAT 2/3, NPS (2 promoters - 1 detractor)/3; b: CSAT 1/2, NPS (0 - 1)/2
    assert table.index.name == "channel_family" and table["respondents"].tolist() == [3, 2]
    assert table["csat_share"].tolist() == pytest.approx([2 / 3, 0.5])
    assert table["nps_score"].tolist() == pytest.approx([100 / 3, -50.0])
    assert (table["nps_low"] < table["nps_score"]).all()
    assert (table["nps_score"] < table["nps_high"]).all()
    overall = sat.satisfaction_by(surveys)
    assert overall.index.tolist() == ["all"] and overall.loc["all", "csat_share"] == 0.6


def test_calibration_table_by_hand():
    # predictions 0.1 (x2), 0.2 (x2), 0.8 (x2), 0.9 (x2) in 2 quantile groups: the low group
    # averages 0.15 and 1 of its 4 bought; the high group averages 0.85 and 3 of 4 bought
    p = [0.1, 0.1, 0.2, 0.2, 0.8, 0.8, 0.9, 0.9]
    y = [0, 0, 1, 0, 1, 1, 0, 1]
    table = sat.calibration_table(y, p, bins=2)
    assert table.index.tolist() == [1, 2] and table["customers"].tolist() == [4, 4]
    assert table["mean_predicted"].tolist() == pytest.approx([0.15, 0.85])
    assert table["observed"].tolist() == pytest.approx([0.25, 0.75])


def test_rate_table_by_hand():
    frame = pd.DataFrame({"score": [1, 1, 2, 2, 2], "came_back": [True, False, True, True, False]})
    table = sat.rate_table(frame, "score", "came_back")
    assert table["n"].tolist() == [2, 3] and table["rate"].tolist() == pytest.approx([0.5, 2 / 3])
    assert (table["low"] < table["rate"]).all() and (table["rate"] < table["high"]).all()
