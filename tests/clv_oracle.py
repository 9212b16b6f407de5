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
