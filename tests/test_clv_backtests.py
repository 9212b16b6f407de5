"""crmlib.clv.backtests: model choice by prediction, on CDNOW and on tables made by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import clv
from crmlib.datasets import load_cdnow

CUTOFFS = ["1997-06-30", "1997-09-30", "1997-12-31"]


@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return load_cdnow("sample")


@pytest.fixture(scope="module")
def rolling(cdnow) -> pd.DataFrame:
    return clv.backtest(cdnow, CUTOFFS, 181, unit="W", time_col="date")


def test_one_cutoff_is_the_calibration_holdout_comparison(cdnow, rolling):
    """A cut-off's rows are what fitting on the calibration summary and comparing the models
    there gives (the 39/39-week split of Fader, Hardie & Lee, shortened to 181 days)."""
    cal_hold = clv.calibration_holdout(cdnow, "1997-09-30", "1998-03-30", time_col="date", unit="W")
    expected = clv.compare_models(clv.fit_models(cal_hold, unit="W"), cal_hold)
    got = rolling[rolling["cutoff"] == "1997-09-30"].set_index("purchase_model")
    for column in ("aic", "bic", "mae", "rmse", "total_error_pct"):
        assert got[column].to_dict() == pytest.approx(expected[column].to_dict(), rel=1e-9)
    assert (got["holdout_total"] == cal_hold["frequency_holdout"].sum()).all()
    assert len(rolling) == len(CUTOFFS) * len(clv.MODEL_NAMES)


def test_nothing_after_a_cutoff_reaches_its_fit(cdnow):
    """Purchases after the cut-off change the holdout, never the fit (no look-ahead)."""
    later = cdnow[cdnow["date"] > "1997-09-30"]
    extra = later.assign(date=later["date"] + pd.Timedelta(days=1))  # a second purchase each
    doubled = pd.concat([cdnow, extra[extra["date"] <= "1998-06-30"]], ignore_index=True)
    a = clv.backtest(cdnow, ["1997-09-30"], 181, unit="W", time_col="date", names=("bgnbd",))
    b = clv.backtest(doubled, ["1997-09-30"], 181, unit="W", time_col="date", names=("bgnbd",))
    assert a["aic"].iloc[0] == pytest.approx(b["aic"].iloc[0], rel=1e-12)
    assert b["holdout_total"].iloc[0] > a["holdout_total"].iloc[0]


def test_on_cdnow_the_holdout_and_aic_recommend_different_models(rolling):
    """The issue's point: AIC prefers MBG/NBD at every cut-off, but its holdout totals are
    the furthest off; the recommendation names the criterion it used."""
    rec = clv.recommend(rolling)
    assert rec.criterion == "total_error"
    assert rec.by_aic == "mbgnbd" and not rec.aic_agrees
    assert rec.model == rec.summary["abs_total_error_pct"].idxmin() != "mbgnbd"


def test_recommend_by_hand():
    results = pd.DataFrame(
        {
            "cutoff": ["c1"] * 2 + ["c2"] * 2,
            "purchase_model": ["m1", "m2"] * 2,
            "aic": [10.0, 11.0, 20.0, 19.0],
            "mae": [0.5, 0.4, 0.6, 0.3],
            "rmse": [1.0, 1.1, 1.2, 1.3],
            "total_error_pct": [-4.0, 10.0, 6.0, -2.0],
        }
    )
    by_total = clv.recommend(results)  # mean |error|: m1 5, m2 6
    assert by_total.model == "m1" and by_total.summary.loc["m1", "wins"] == 1
    assert by_total.summary.loc["m1", "abs_total_error_pct"] == pytest.approx(5.0)
    assert by_total.by_aic in {"m1", "m2"}  # one AIC win each, equal mean rank
    by_mae = clv.recommend(results, "mae")  # m1 0.55, m2 0.35
    assert by_mae.model == "m2" and by_mae.summary.loc["m2", "wins"] == 2
    assert clv.recommend(results, "rmse").model == "m1"  # m1 1.1, m2 1.2


def test_a_cutoff_without_a_full_horizon_is_refused(cdnow):
    with pytest.raises(ValueError, match="runs past the data's last day"):
        clv.backtest(cdnow, ["1998-03-31"], 182, unit="W", time_col="date")


@pytest.mark.parametrize(
    "cutoffs, message", [([], "at least one cut-off"), (["not a date"], "must be dates")]
)
def test_no_cutoff_or_a_word_for_a_date_is_refused_in_plain_words(cdnow, cutoffs, message):
    with pytest.raises(ValueError, match=message):
        clv.backtest(cdnow, cutoffs, 30, unit="W", time_col="date")
