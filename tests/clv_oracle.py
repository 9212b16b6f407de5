"""lifetimes as a test oracle: its fitters with our parameters set, so that every formula of
crmlib.clv can be checked against an independent implementation."""

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
