"""crmlib.clv.base: the shared fitter (coarse pass, penalizer, convergence), the information
matrix and the diagnostics, for every purchase model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from clv_oracle import BetaGeoFitter

import crmlib.clv.base as base
from crmlib import clv


def test_every_model_has_the_same_interface(cdnow_cal):
    for name, cls in clv.MODELS.items():
        model = clv.make_model(name).fit(cdnow_cal, unit="W")
        assert isinstance(model, clv.PurchaseModel) and model.unit_ == "W"
        assert list(model.params_.index) == list(cls.PARAMS)
        n = len(cdnow_cal)
        assert model.p_alive(cdnow_cal).between(0, 1).all()
        assert model.conditional_expected_purchases(cdnow_cal, 10.0).gt(0).all()
        assert model.expected_purchases([0.0])[0] == pytest.approx(0.0)
        assert model.aic() == pytest.approx(-2 * model.log_likelihood_ + 8)
        assert model.bic() == pytest.approx(-2 * model.log_likelihood_ + 4 * np.log(n))
        d = model.diagnostics()
        assert d["converged"] and d["customers"] == n and d["distinct_rows"] < n
        assert d["warnings"] == ""


def test_the_coarse_first_pass_changes_nothing(monkeypatch):
    truth = clv.BGNBD.from_params({"r": 0.5, "alpha": 60.0, "a": 0.7, "b": 2.8}, unit="D")
    T = np.random.default_rng(0).integers(1, 730, 20_000).astype(float)
    data = truth.simulate(T, random_state=0)[["frequency", "recency", "T"]].round(0)
    direct = clv.BGNBD().fit(data, unit="D").params_
    monkeypatch.setattr(base, "COARSE_ABOVE", 100)
    two_pass = clv.BGNBD().fit(data, unit="D").params_
    np.testing.assert_allclose(two_pass, direct, rtol=1e-7)


def test_the_penalizer_is_lifetimes_penalizer(cdnow_cal):
    ours = clv.BGNBD(penalizer=0.05).fit(cdnow_cal, unit="W")
    theirs = BetaGeoFitter(penalizer_coef=0.05).fit(
        cdnow_cal["frequency"], cdnow_cal["recency"], cdnow_cal["T"]
    )
    np.testing.assert_allclose(ours.params_, theirs.params_, rtol=1e-4)
    plain = clv.BGNBD().fit(cdnow_cal, unit="W")
    assert ours.log_likelihood_ < plain.log_likelihood_  # shrunk away from the maximum
    with pytest.raises(ValueError, match="non-negative"):
        clv.BGNBD(penalizer=-1)


def test_standard_errors_match_the_spread_of_refits():
    """The inverse information (covariance_) predicts how much the estimates move from one
    sample of customers to the next."""
    truth = clv.BGNBD.from_params({"r": 0.5, "alpha": 8.0, "a": 0.8, "b": 3.0}, unit="W")
    estimates, covariances = [], []
    for seed in range(40):
        data = truth.simulate(
            np.random.default_rng(seed).uniform(20, 80, 10_000), random_state=seed
        )
        fit = clv.BGNBD().fit(data, unit="W")
        estimates.append(np.log(fit.params_.to_numpy()))
        covariances.append(np.sqrt(np.diag(fit.covariance_)))
    spread = np.std(estimates, axis=0, ddof=1)
    predicted = np.median(covariances, axis=0)
    np.testing.assert_allclose(spread, predicted, rtol=0.3)


def test_failures_say_what_to_do():
    # two customers are refused: too few for four parameters
    two = pd.DataFrame({"frequency": [40, 0], "recency": [1.0, 0.0], "T": [1.0, 1.0]})
    with pytest.raises(ValueError, match="2 customer.*too few.*40 at least"):
        clv.BGNBD().fit(two, unit="W")
    # 40 customers, half with 40 purchases in a week: the fit runs to the edge and says so
    stuck = pd.DataFrame(
        {"frequency": [40] * 20 + [0] * 20, "recency": [1.0] * 20 + [0.0] * 20, "T": [1.0] * 40}
    )
    diagnostics = clv.BGNBD().fit(stuck, unit="W").diagnostics()
    assert "edge of its range" in diagnostics["warnings"]
    assert "nearly flat" in diagnostics["warnings"]
    with pytest.raises(ValueError, match="not fitted yet"):
        clv.BGNBD().p_alive(stuck)
    with pytest.raises(TypeError, match="unit"):
        clv.BGNBD().fit(stuck)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="unit must be one of"):
        clv.BGNBD().fit(stuck, unit="M")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must be positive"):
        clv.BGNBD.from_params({"r": 1, "alpha": 1, "a": 0, "b": 1}, unit="D")


def test_warnings_name_a_runaway_parameter():
    model = clv.BGNBD.from_params({"r": 0.5, "alpha": 8.0, "a": 1e-6, "b": 3.0}, unit="W")
    assert "edge of its range" in model.warnings()[0]
