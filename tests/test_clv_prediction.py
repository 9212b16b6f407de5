"""crmlib.clv.prediction: units said and checked, CLV by its definition, P(alive) day by day."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import clv
from crmlib.datasets import load_cdnow


@pytest.fixture(scope="module")
def fitted(cdnow_cal):
    return clv.BGNBD().fit(cdnow_cal, unit="W"), clv.GammaGamma().fit(cdnow_cal)


def test_units_are_said_checked_and_consistent(fitted, cdnow_cal):
    weekly, _ = fitted
    daily_summary = clv.calibration_holdout(
        load_cdnow("sample"),
        "1997-09-30",
        "1998-06-30",
        time_col="date",
        amount_col="amount",
        unit="D",
    )
    daily = clv.BGNBD().fit(daily_summary, unit="D")
    # the model is scale-free: same r, a, b; alpha in days = 7 x alpha in weeks
    assert daily.params_["alpha"] == pytest.approx(7 * weekly.params_["alpha"], rel=1e-6)
    assert daily.params_["r"] == pytest.approx(weekly.params_["r"], rel=1e-6)
    # so predictions over the same 90 days agree, whichever unit was used
    pw = clv.predict(weekly, cdnow_cal, horizon_days=90, unit="W")["expected_purchases"]
    pd_ = clv.predict(daily, daily_summary, horizon_days=90, unit="D")["expected_purchases"]
    np.testing.assert_allclose(pw, pd_, rtol=1e-6)
    # the unit is always said, never assumed; a unit other than the model's is refused
    with pytest.raises(TypeError, match="unit"):
        clv.predict(weekly, cdnow_cal, horizon_days=90)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="unit must be one of"):
        clv.predict(weekly, cdnow_cal, horizon_days=90, unit="M")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="fitted on a summary in unit 'W'"):
        clv.predict(weekly, cdnow_cal, horizon_days=90, unit="D")
    sample = load_cdnow("sample")
    for call in (clv.alive_history, clv.cumulative_tracking):
        with pytest.raises(TypeError, match="unit"):
            call(weekly, sample, "1997-01-01", "1997-12-31")


def test_clv_telescopes_and_discounting_lowers_it(fitted, cdnow_cal):
    bg, gg = fitted
    undiscounted = clv.clv(
        bg, gg, cdnow_cal, unit="W", months=12, annual_discount_rate=0.0, margin=1.0
    )
    direct = clv.predict(bg, cdnow_cal, horizon_days=365.25, unit="W", gamma_gamma=gg)[
        "expected_revenue"
    ]
    np.testing.assert_allclose(undiscounted, direct, rtol=1e-9)
    discounted = clv.clv(
        bg, gg, cdnow_cal, unit="W", months=12, annual_discount_rate=0.2, margin=0.5
    )
    assert (discounted < 0.5 * undiscounted + 1e-12).all()
    assert (discounted > 0.5 * undiscounted / 1.2 - 1e-12).all()
    with pytest.raises(ValueError, match="annual_discount_rate"):
        clv.clv(bg, gg, cdnow_cal, unit="W", annual_discount_rate=10)
    # month factors by hand: 10 % a year is (1.1)^(1/12) a month
    np.testing.assert_allclose(clv.discount_factors(12, 0.1)[[0, 11]], [1.1 ** (-1 / 12), 1 / 1.1])


def test_alive_history(fitted):
    bg, _ = fitted
    once = clv.alive_history(
        bg, pd.Series(pd.to_datetime(["1997-01-05"])), "1997-01-01", "1997-12-31", unit="W"
    )
    assert (once == 1.0).all() and once.index[0] == pd.Timestamp("1997-01-05")
    times = pd.Series(pd.to_datetime(["1997-01-01", "1997-02-01", "1997-02-01", "1997-03-01"]))
    history = clv.alive_history(bg, times, "1997-01-01", "1997-12-31", unit="W")
    after = history["1997-03-02":]
    assert after.is_monotonic_decreasing and after.iloc[-1] < 0.5
    assert history["1997-03-01"] > history["1997-02-28"]  # a purchase raises it
    with pytest.raises(ValueError, match="at least one purchase"):
        clv.alive_history(
            bg, pd.Series([], dtype="datetime64[ns]"), "1997-01-01", "1997-02-01", unit="W"
        )
