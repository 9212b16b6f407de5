"""crmlib.clv.pareto_nbd: the CDNOW figures of Fader & Hardie (2005), lifetimes as an oracle,
its PMF against the simulator, and recovery of a known truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from clv_oracle import (
    assert_matches_oracle,
    assert_pmf_matches_the_simulator,
    assert_within_standard_errors,
)

from crmlib import clv


@pytest.fixture(scope="module")
def pareto(cdnow_cal):
    return clv.ParetoNBD().fit(cdnow_cal, unit="W")


def test_cdnow_parameters_and_likelihood_are_the_published_ones(pareto, cdnow_cal):
    published = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
    assert pareto.params_.round(3).to_dict() == published
    assert pareto.log_likelihood_ == pytest.approx(-9595.0, abs=0.05)
    assert clv.ParetoNBD().fit(cdnow_cal, unit="W").params_.equals(pareto.params_)  # every run


def test_predictions_equal_lifetimes(pareto, cdnow_cal):
    assert_matches_oracle(pareto, cdnow_cal, 39.0, rtol=1e-8)
    # a customer whose last purchase is their age has A0 = 0 and P(alive) = 1
    now = pd.DataFrame({"frequency": [3], "recency": [20.0], "T": [20.0]})
    assert pareto.p_alive(now).iloc[0] == pytest.approx(1.0)


def test_pmf_sums_to_one_and_matches_the_simulator(pareto):
    assert sum(pareto.pmf([25.0], x)[0] for x in range(400)) == pytest.approx(1.0, abs=1e-6)
    assert_pmf_matches_the_simulator(pareto, 25.0, seed=6)
    # and its mean is E[X(t)]
    mean = sum(x * pareto.pmf([25.0], x)[0] for x in range(400))
    assert mean == pytest.approx(float(pareto.expected_purchases(25.0)), rel=1e-4)


def test_recovers_a_known_truth_within_its_standard_errors():
    truth = clv.ParetoNBD.from_params({"r": 0.6, "alpha": 8.0, "s": 0.8, "beta": 12.0}, unit="W")
    data = truth.simulate(np.random.default_rng(7).uniform(20, 80, 20_000), random_state=8)
    fit = clv.ParetoNBD().fit(data, unit="W")
    assert_within_standard_errors(fit, truth)
    assert fit.p_alive(data).mean() == pytest.approx(data["alive_at_T"].mean(), abs=0.015)
