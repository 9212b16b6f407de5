"""crmlib.clv.intervals: prediction intervals are calibrated on simulated shops where the truth
is known, and the helpers compute what they say (checked by hand)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from crmlib import clv

TRUTHS = {
    "bgnbd": {"r": 0.5, "alpha": 8.0, "a": 0.8, "b": 3.0},
    "pareto_nbd": {"r": 0.6, "alpha": 8.0, "s": 0.8, "beta": 12.0},
}


@pytest.mark.parametrize(("name", "shops"), [("bgnbd", 8), ("pareto_nbd", 4)])
def test_intervals_are_calibrated_on_simulated_shops(name, shops):
    """Each shop: 5,000 customers drawn from a known truth, a 39-week holdout, the model fitted
    on the calibration period only. Then (1) each customer's holdout purchases, put through
    their predictive distribution (randomised, as purchases are whole numbers), are uniform;
    (2) intervals for totals of random groups of 100 customers at 80 % and 95 % cover 75-85 %
    and 92-98 % of the simulated holdout totals.

    Power (two standard errors): 40,000 (BG/NBD) or 20,000 (Pareto/NBD) PIT values estimate a
    decile's share to ±0.003 (±0.004), so a tilt of 0.01 fails; 400 (200) groups estimate the
    80 % coverage to ±0.04 (±0.06) and the 95 % coverage to ±0.02 (±0.03). 400 draws a
    customer estimate each predictive distribution to ±0.025, far inside those bands (1,000
    draws gave the same verdicts in 2.5 times the time).
    test_a_wrong_model_fails_the_calibration_test shows a wrong model fails."""
    truth = clv.MODELS[name].from_params(TRUTHS[name], unit="W")
    pits, coverage = [], []
    for shop in range(shops):
        rng = np.random.default_rng(1000 + shop)
        data = truth.simulate(rng.uniform(10, 60, 5000), holdout=39, random_state=shop)
        fit = clv.make_model(name).fit(data, unit="W")
        draws = clv.future_purchases(fit, data, 39 * 7, unit="W", n_draws=400, random_state=shop)
        actual = data["frequency_holdout"].to_numpy()
        pits.append(clv.randomised_pit(draws, actual, random_state=shop))
        groups = rng.permutation(len(data)) // 100
        coverage.append(clv.interval_coverage(draws, actual, groups)["covered"])
    u = np.concatenate(pits)
    assert stats.kstest(u, "uniform").pvalue > 0.001
    deciles = np.histogram(u, bins=10, range=(0, 1))[0] / len(u)
    assert np.abs(deciles - 0.1).max() < 0.01, deciles
    covered = pd.concat(coverage, axis=1).mean(axis=1)  # 50 groups a shop, equal weights
    assert 0.75 <= covered[0.8] <= 0.85 and 0.92 <= covered[0.95] <= 0.98, covered


def test_a_wrong_model_fails_the_calibration_test():
    """The test has teeth: intervals from a model whose dropout is switched off (everyone
    alive) are far from uniform on data where customers do leave."""
    truth = clv.BGNBD.from_params(TRUTHS["bgnbd"], unit="W")
    data = truth.simulate(
        np.random.default_rng(5).uniform(10, 60, 5000), holdout=39, random_state=5
    )
    fit = clv.BGNBD().fit(data, unit="W")
    wrong = clv.BGNBD.from_params({**fit.params_, "a": 1e-3, "b": 1e3}, unit="W")
    draws = clv.future_purchases(wrong, data, 39 * 7, unit="W", n_draws=500, random_state=1)
    u = clv.randomised_pit(draws, data["frequency_holdout"].to_numpy(), random_state=1)
    assert stats.kstest(u, "uniform").pvalue < 1e-6


def test_clv_draws_average_to_the_clv_formula(cdnow_cal):
    bg, gg = clv.BGNBD().fit(cdnow_cal, unit="W"), clv.GammaGamma().fit(cdnow_cal)
    some = cdnow_cal.sort_values("frequency").iloc[[0, 1500, 2200, 2356]]
    exact = clv.clv(bg, gg, some, unit="W", months=12, annual_discount_rate=0.1, margin=0.5)
    draws = clv.clv_draws(
        bg,
        gg,
        some,
        unit="W",
        months=12,
        annual_discount_rate=0.1,
        margin=0.5,
        n_draws=200_000,
        parameter_uncertainty=False,
        random_state=0,
    )
    standard_error = draws.std(axis=1) / np.sqrt(draws.shape[1])
    assert (np.abs(draws.mean(axis=1) - exact.to_numpy()) < 4 * standard_error).all()


def test_parameter_intervals_hold_the_point_estimate(cdnow_cal):
    bg = clv.BGNBD().fit(cdnow_cal, unit="W")
    bands = clv.parameter_intervals(bg, cdnow_cal, 39 * 7, unit="W", level=0.9, random_state=0)
    point = clv.predict(bg, cdnow_cal, horizon_days=39 * 7, unit="W")
    assert (bands["p_alive_low"] <= point["p_alive"] + 1e-12).all()
    assert (bands["p_alive_high"] >= point["p_alive"] - 1e-12).all()
    inside = (bands["expected_purchases_low"] <= point["expected_purchases"]) & (
        point["expected_purchases"] <= bands["expected_purchases_high"]
    )
    assert inside.mean() > 0.95
    # a model built from known parameters has no parameter uncertainty
    known = clv.BGNBD.from_params(bg.params_, unit="W")
    flat = clv.parameter_intervals(known, cdnow_cal.iloc[:5], 39 * 7, unit="W")
    np.testing.assert_allclose(flat["p_alive_low"], flat["p_alive_high"])


def test_interval_table_and_group_intervals_by_hand():
    draws = np.array([[1.0, 2.0, 3.0, 4.0, 5.0], [10.0, 0.0, 10.0, 0.0, 10.0]])
    table = clv.interval_table(draws, pd.Index(["a", "b"]), level=0.6)
    assert table.loc["a", "value_mean"] == 3.0 and table.loc["b", "value_mean"] == 6.0
    assert table.loc["a", "value_low"] == pytest.approx(np.quantile([1, 2, 3, 4, 5], 0.2))
    # ranks per draw: b first in draws 1, 3, 5; a first in 2, 4
    assert (table["rank_low"] == 1).all() and (table["rank_high"] == 2).all()
    groups = clv.group_intervals(draws, np.array(["g", "g"]), levels=(0.5,))
    # totals per draw: 11, 2, 13, 4, 15
    assert groups.loc["g", "mean"] == pytest.approx(9.0)
    assert groups.loc["g", "low_0.5"] == pytest.approx(np.quantile([11, 2, 13, 4, 15], 0.25))


def test_tied_customers_share_their_ranks_whatever_the_sort_order():
    # one draw: values 5, 0, 7, 0, 0 -> c 1st, a 2nd, b, d and e share 3rd ("1233")
    draws = np.array([[5.0], [0.0], [7.0], [0.0], [0.0]])
    assert clv.intervals.competition_ranks(draws)[:, 0].tolist() == [2, 3, 1, 3, 3]
    table = clv.interval_table(draws, pd.Index(list("abcde")), level=0.8)
    assert table["rank_low"].tolist() == [2, 3, 1, 3, 3]
    assert table["rank_high"].tolist() == [2, 3, 1, 3, 3]
    # the same customers in another order get the same interval
    order = [4, 3, 2, 1, 0]
    again = clv.interval_table(draws[order], pd.Index(list("edcba")), level=0.8)
    pd.testing.assert_frame_equal(again.loc[list("abcde")], table)


def test_coverage_and_parameter_table_by_hand(cdnow_cal):
    draws = np.array([[0.0, 1.0, 2.0, 3.0, 4.0]] * 4)
    # groups of two: totals per draw 0, 2, 4, 6, 8; the 80 % interval is [0.8, 7.2]
    table = clv.interval_coverage(
        draws, np.array([0, 1, 3, 5]), np.array([0, 0, 1, 1]), levels=(0.8,)
    )
    assert table.loc[0.8, "groups"] == 2 and table.loc[0.8, "covered"] == 0.5  # 1 out, 8 in
    bg = clv.BGNBD().fit(cdnow_cal, unit="W")
    params = clv.parameter_table(bg, level=0.95)
    assert (params["low"] < params["estimate"]).all() and (
        params["estimate"] < params["high"]
    ).all()
    se = np.sqrt(np.diag(bg.covariance_))
    np.testing.assert_allclose(
        np.log(params["high"] / params["estimate"]), 1.959964 * se, rtol=1e-6
    )


def test_randomised_pit_by_hand():
    draws = np.array([[0, 0, 1, 1, 2, 2, 2, 3, 3, 3]], dtype=float)
    # F(0) = 0.2, F(1) = 0.4: an outcome of 1 lands uniformly in [0.2, 0.4]
    u = clv.randomised_pit(np.repeat(draws, 2000, axis=0), np.ones(2000), random_state=0)
    assert u.min() >= 0.2 and u.max() <= 0.4 and u.mean() == pytest.approx(0.3, abs=0.01)
