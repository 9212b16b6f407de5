"""crmlib.clv.mbgnbd: CDNOW parameters as published for MBG/NBD, lifetimes as an oracle, and
recovery of a known truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from clv_oracle import (
    assert_matches_oracle,
    assert_pmf_matches_the_simulator,
    assert_within_standard_errors,
    oracle,
)

from crmlib import clv


@pytest.fixture(scope="module")
def mbg(cdnow_cal):
    return clv.MBGNBD().fit(cdnow_cal, unit="W")


def test_cdnow_parameters_are_the_published_ones(mbg, cdnow_cal):
    assert mbg.params_.round(3).to_dict() == {"r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}
    assert clv.MBGNBD().fit(cdnow_cal, unit="W").params_.equals(mbg.params_)  # every run


def test_predictions_equal_lifetimes(mbg, cdnow_cal):
    assert_matches_oracle(mbg, cdnow_cal, 39.0, rtol=1e-9)
    them = oracle(mbg)
    for x in (0, 1, 3):
        assert mbg.pmf([30.0], x)[0] == pytest.approx(
            float(them.probability_of_n_purchases_up_to_time(30.0, x)), rel=1e-9
        )


def test_one_off_buyers_may_have_left(mbg):
    one_off = pd.DataFrame({"frequency": [0, 0], "recency": [0.0, 0.0], "T": [1.0, 50.0]})
    alive = mbg.p_alive(one_off)
    # a/(b+x): odds of having left right after the first purchase, growing with silence
    a, b, r, alpha = mbg.params_[["a", "b", "r", "alpha"]]
    assert alive.iloc[0] == pytest.approx(1 / (1 + a / b * ((alpha + 1) / alpha) ** r))
    assert alive.iloc[1] < alive.iloc[0] < 1


def test_pmf_sums_to_one_and_matches_the_simulator(mbg):
    assert sum(mbg.pmf([25.0], x)[0] for x in range(400)) == pytest.approx(1.0, abs=1e-9)
    assert_pmf_matches_the_simulator(mbg, 25.0, seed=3)


def test_recovers_a_known_truth_within_its_standard_errors():
    truth = clv.MBGNBD.from_params({"r": 0.6, "alpha": 5.0, "a": 1.2, "b": 4.0}, unit="W")
    data = truth.simulate(np.random.default_rng(4).uniform(20, 80, 30_000), random_state=5)
    fit = clv.MBGNBD().fit(data, unit="W")
    assert_within_standard_errors(fit, truth)
    assert fit.p_alive(data).mean() == pytest.approx(data["alive_at_T"].mean(), abs=0.01)
