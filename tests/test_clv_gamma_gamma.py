"""crmlib.clv.gamma_gamma: the CDNOW spend figures, the assumption check, refusals, lifetimes
as an oracle and recovery of a known truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from clv_oracle import assert_within_standard_errors, oracle

from crmlib import clv


@pytest.fixture(scope="module")
def gg(cdnow_cal):
    return clv.GammaGamma().fit(cdnow_cal)


def test_cdnow_parameters_are_the_published_ones(gg, cdnow_cal):
    assert gg.params_.round(2).to_dict() == {"p": 6.25, "q": 3.74, "v": 15.44}
    assert gg.n_customers_ == 946  # the repeat buyers only
    them = oracle(gg)
    np.testing.assert_allclose(
        gg.conditional_expected_spend(cdnow_cal),
        them.conditional_expected_average_profit(
            cdnow_cal["frequency"], cdnow_cal["monetary_value"]
        ),
        rtol=1e-12,
    )
    # a customer without repeat purchases is expected to spend the population mean p*v/(q-1)
    p, q, v = gg.params_
    assert gg.conditional_expected_spend(cdnow_cal[cdnow_cal["frequency"] == 0]).iloc[0] == (
        pytest.approx(p * v / (q - 1))
    )


def test_check_reproduces_the_published_correlation(cdnow_cal):
    check = clv.gamma_gamma_check(cdnow_cal)
    # Fader & Hardie report a correlation of 0.11 between the number of transactions and the
    # average transaction value of CDNOW's 946 repeat buyers
    assert check["repeat_buyers"] == 946 and round(check["correlation"], 2) == 0.11
    assert check["ok"]
    tied = pd.DataFrame({"frequency": [1, 2, 3, 4], "monetary_value": [10.0, 20.0, 30.0, 41.0]})
    assert not clv.gamma_gamma_check(tied)["ok"]  # spend rises with frequency: the model is off
    with pytest.raises(ValueError, match="at least 3 repeat buyers"):
        clv.gamma_gamma_check(tied.iloc[:2])


def test_non_positive_spend_and_infinite_means_are_refused():
    zero = pd.DataFrame(
        {"frequency": [1, 2], "recency": [1.0, 2.0], "T": [5.0, 5.0], "monetary_value": [0.0, 3.0]}
    )
    with pytest.raises(ValueError, match="exclude refunded and unpaid orders"):
        clv.GammaGamma().fit(zero)
    with pytest.raises(KeyError, match="monetary_value"):
        clv.GammaGamma().fit(zero.drop(columns="monetary_value"))
    # spend with a heavy tail: a few huge orders among many small ones push q below 1
    rng = np.random.default_rng(0)
    heavy = pd.DataFrame(
        {"frequency": rng.integers(1, 4, 3000), "monetary_value": rng.pareto(0.8, 3000) * 10 + 1}
    )
    with pytest.raises(ValueError, match=r"q = .* <= 1: the implied mean spend is infinite"):
        clv.GammaGamma().fit(heavy)


def test_recovers_a_known_truth_within_its_standard_errors():
    truth = clv.GammaGamma.from_params({"p": 5.0, "q": 3.0, "v": 20.0})
    data = truth.simulate(np.random.default_rng(9).integers(1, 8, 20_000), random_state=10)
    fit = clv.GammaGamma().fit(data)
    assert_within_standard_errors(fit, truth)
