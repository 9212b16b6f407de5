"""crmlib.clv.bgnbd (and the beta-geometric mathematics it shares with MBG/NBD): the CDNOW
figures of Fader, Hardie & Lee (2005), lifetimes as an oracle, and recovery of a known truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from clv_oracle import BetaGeoFitter, assert_matches_oracle, assert_within_standard_errors, oracle
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib import clv
from crmlib.clv.optimise import Rows, numeric_gradient

PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


@pytest.fixture(scope="module")
def bg(cdnow_cal):
    return clv.BGNBD().fit(cdnow_cal, unit="W")


def test_cdnow_parameters_likelihood_and_expectations_are_the_papers(bg, cdnow_cal):
    assert bg.params_.round(3).to_dict() == PUBLISHED
    # the paper's maximum: -9582.4 (its parameters are rounded, so the value moves in the 0.1s)
    assert bg.log_likelihood_ == pytest.approx(-9582.4, abs=0.05)
    assert clv.BGNBD.from_params(PUBLISHED, unit="W").log_likelihood(cdnow_cal) == pytest.approx(
        -9582.4, abs=0.1
    )
    # E[X(t)] at 1, 3, 32 and 78 weeks: published 0.0532, 0.1506, 1.0437 and 1.8576 (the last
    # agrees to three decimals: 1.8580 here, and in lifetimes)
    expected = bg.expected_purchases([1, 3, 32, 78])
    assert expected[:3].round(4).tolist() == [0.0532, 0.1506, 1.0437]
    assert expected[3] == pytest.approx(1.8576, abs=5e-4)


def test_the_fit_is_lifetimes_fit_to_1e_6_and_maximises_the_likelihood(bg, cdnow_cal):
    theirs = BetaGeoFitter().fit(
        cdnow_cal["frequency"], cdnow_cal["recency"], cdnow_cal["T"], tol=1e-9
    )
    np.testing.assert_allclose(bg.params_, theirs.params_, rtol=1e-6)
    for name in bg.params_.index:
        for factor in (0.99, 1.01):
            moved = bg.params_.copy()
            moved[name] *= factor
            assert clv.BGNBD.from_params(moved, unit="W").log_likelihood(cdnow_cal) < (
                bg.log_likelihood_
            )
    assert bg.converged_ and bg.max_gradient_ < 1e-6


def test_predictions_equal_lifetimes(bg, cdnow_cal):
    assert_matches_oracle(bg, cdnow_cal, 52.0, rtol=1e-9)
    them = oracle(bg)
    for t in (0.5, 10.0, 38.86):
        for x in (0, 1, 4):
            assert bg.pmf([t], x)[0] == pytest.approx(
                float(them.probability_of_n_purchases_up_to_time(t, x)), rel=1e-9
            )
    assert sum(bg.pmf([20.0], x)[0] for x in range(300)) == pytest.approx(1.0)
    assert bg.pmf([0.0], 0)[0] == 1.0 and bg.pmf([0.0], 2)[0] == 0.0


def test_one_off_buyers_are_alive_in_bgnbd(bg):
    one_off = pd.DataFrame({"frequency": [0, 0], "recency": [0.0, 0.0], "T": [1.0, 500.0]})
    assert (bg.p_alive(one_off) == 1.0).all()


@settings(max_examples=25, deadline=None)
@given(
    r=st.floats(0.1, 3),
    alpha=st.floats(0.5, 50),
    a=st.floats(0.2, 5),
    b=st.floats(0.2, 10),
    k=st.sampled_from([0, 1]),
)
def test_the_analytic_gradient_is_the_likelihoods_gradient(r, alpha, a, b, k):
    rng = np.random.default_rng(0)
    x = rng.integers(0, 6, 200).astype(float)
    T = rng.uniform(1, 40, 200)
    tx = np.where(x > 0, rng.uniform(0, 1, 200) * T, 0.0)
    rows = Rows(x, tx, T, rng.integers(1, 5, 200).astype(float))
    model = (clv.BGNBD if k == 0 else clv.MBGNBD)()
    theta = np.log([r, alpha, a, b])
    value, grad = model._log_likelihood_and_gradient(theta, rows)
    assert value == pytest.approx(
        float(rows.weight @ model._log_likelihood_rows(np.exp(theta), rows))
    )
    numeric = numeric_gradient(
        lambda t: float(rows.weight @ model._log_likelihood_rows(np.exp(t), rows)), theta
    )
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-4)


def test_recovers_a_known_truth_within_its_standard_errors():
    truth = clv.BGNBD.from_params({"r": 0.5, "alpha": 8.0, "a": 0.8, "b": 3.0}, unit="W")
    data = truth.simulate(np.random.default_rng(1).uniform(20, 80, 30_000), random_state=2)
    fit = clv.BGNBD().fit(data, unit="W")
    assert_within_standard_errors(fit, truth)
    # the simulator's P(alive) truth agrees with the model's posterior on average
    assert fit.p_alive(data).mean() == pytest.approx(data["alive_at_T"].mean(), abs=0.01)
