"""What the tests of every crmlib.clv model share: lifetimes as an oracle (its fitters with our
parameters set, an independent implementation of every formula), and the checks of recovery
and of the PMF against the model's own simulator."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():  # lifetimes sets a pandas option that pandas 3 deprecated
    warnings.filterwarnings("ignore", message="The 'mode.chained_assignment' option")
    from lifetimes import (
        BetaGeoFitter,
        GammaGammaFitter,
        ModifiedBetaGeoFitter,
        ParetoNBDFitter,
    )

ORACLES = {
    "BG/NBD": BetaGeoFitter,
    "MBG/NBD": ModifiedBetaGeoFitter,
    "Pareto/NBD": ParetoNBDFitter,
    "Gamma-Gamma": GammaGammaFitter,
}


def oracle(model):
    """The lifetimes fitter of the same model, holding ``model``'s parameters."""
    fitter = ORACLES[model.NAME]()
    fitter.params_ = model.params_.copy()
    return fitter


def assert_matches_oracle(model, summary, t: float, rtol: float) -> None:
    """P(alive), expected purchases over the next ``t`` and E[X(t)] of a new customer equal
    lifetimes' values for the same parameters."""
    import numpy as np

    them = oracle(model)
    f, r, T = summary["frequency"], summary["recency"], summary["T"]
    np.testing.assert_allclose(
        model.p_alive(summary), them.conditional_probability_alive(f, r, T), rtol=rtol
    )
    np.testing.assert_allclose(
        model.conditional_expected_purchases(summary, t),
        them.conditional_expected_number_of_purchases_up_to_time(t, f, r, T),
        rtol=rtol,
    )
    ages = [1.0, t, 2 * t]
    np.testing.assert_allclose(
        model.expected_purchases(ages),
        [them.expected_number_of_purchases_up_to_time(a) for a in ages],
        rtol=rtol,
    )


def assert_within_standard_errors(fit, truth, limit: float = 4.0) -> None:
    """The fitted log-parameters are within ``limit`` of their own standard errors of the
    truth that simulated the data (recovery)."""
    import numpy as np

    z = (np.log(fit.params_) - np.log(truth.params_)) / np.sqrt(np.diag(fit.covariance_))
    assert (np.abs(z) < limit).all(), z


def assert_pmf_matches_the_simulator(model, t: float, seed: int, n: int = 40_000) -> None:
    """The shares of ``n`` simulated customers with 0-3 repeat purchases by age ``t`` are the
    PMF's, within 4 binomial standard errors."""
    import numpy as np
    import pytest

    data = model.simulate(np.full(n, t), random_state=seed)
    for x in range(4):
        p = model.pmf([t], x)[0]
        share = (data["frequency"] == x).mean()
        assert share == pytest.approx(p, abs=4 * np.sqrt(p * (1 - p) / n))
