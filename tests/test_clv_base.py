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


# P(N = n) per customer and DERT: every purchase model, on the CDNOW calibration period
PUBLISHED = {  # Fader, Hardie & Lee (2005) and the MBG/NBD fit crmlib reproduces elsewhere
    "bgnbd": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
    "pareto_nbd": {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669},
}


@pytest.fixture(scope="module", params=["bgnbd", "mbgnbd", "pareto_nbd"])
def model(request, cdnow_cal):
    if request.param in PUBLISHED:
        return clv.MODELS[request.param].from_params(PUBLISHED[request.param], unit="W")
    return clv.make_model(request.param).fit(cdnow_cal, unit="W")


def test_the_conditional_pmf_sums_to_one_and_to_the_conditional_expectation(model, cdnow_cal):
    """Over n = 0, 1, 2, …: the probabilities of each customer add up to 1, and Σ n P(N = n)
    is the model's own conditional expectation (computed by another formula)."""
    rows = cdnow_cal.sort_values("frequency").iloc[:: len(cdnow_cal) // 40]  # 0 to 29 repeats
    counts = np.arange(0, 160)
    p = np.column_stack([model.conditional_pmf(rows, 39, n) for n in counts])
    assert (p >= 0).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-7)
    np.testing.assert_allclose(
        p @ counts, model.conditional_expected_purchases(rows, 39), rtol=1e-6
    )
    # a customer who is surely gone buys nothing: P(N = 0) ≥ 1 − P(alive)
    assert (p[:, 0] >= 1 - model.p_alive(rows) - 1e-12).all()


def test_dert_is_the_discounted_sum_of_the_conditional_expectations(model, cdnow_cal):
    """DERT = ∫ e^(−δt) dE[X(T, T + t)]: checked against a plain trapezoid sum of the
    increments of the model's own conditional expectation on a fine grid."""
    rows = cdnow_cal.sort_values("frequency").iloc[:: len(cdnow_cal) // 30]
    rate = np.log(1.15) / 52.18  # 15% a year, continuous, per week (FHL 2005)
    grid = np.concatenate([np.linspace(0, 520, 1041), np.geomspace(520.5, 5e6, 1500)])
    expected = np.column_stack([model.conditional_expected_purchases(rows, t) for t in grid])
    midpoints = np.exp(-rate * (grid[1:] + grid[:-1]) / 2)
    by_sum = np.diff(expected, axis=1) @ midpoints
    np.testing.assert_allclose(model.dert(rows, rate), by_sum, rtol=2e-4)
    # discounting more can only lower it, and a zero or negative rate is refused
    assert (model.dert(rows, 2 * rate) < model.dert(rows, rate)).all()
    with pytest.raises(ValueError, match="positive"):
        model.dert(rows, 0.0)


def test_pareto_nbd_dert_closed_form_equals_the_generic_quadrature(cdnow_cal):
    pareto = clv.ParetoNBD.from_params(PUBLISHED["pareto_nbd"], unit="W")
    x, tx, T = (cdnow_cal[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    params = pareto.params_.to_numpy()
    for rate in (0.0005, np.log(1.15) / 52.18, 0.05):
        closed = pareto._dert(params, rate, x, tx, T)
        generic = base.PurchaseModel._dert(pareto, params, rate, x, tx, T)
        # to 1e-4: with s < 1 a Pareto/NBD customer's expected purchases grow without bound
        # (as t^(1−s)), which Gauss–Laguerre follows more slowly than BG/NBD's, which level off
        np.testing.assert_allclose(closed, generic, rtol=1e-4)


def test_pareto_nbd_conditional_pmf_is_hardies_closed_form(cdnow_cal):
    """Against lifetimes' implementation of Fader & Hardie's note 28, eq. 16 (a 2F1 sum),
    which crmlib does not use (it mixes over the lifetime instead)."""
    from lifetimes import ParetoNBDFitter

    theirs = ParetoNBDFitter()
    theirs.params_ = pd.Series(PUBLISHED["pareto_nbd"])
    ours = clv.ParetoNBD.from_params(PUBLISHED["pareto_nbd"], unit="W")
    rows = cdnow_cal.iloc[[0, 5, 17, 101, 400]]
    for n in (0, 1, 2, 5):
        expected = [
            theirs.conditional_probability_of_n_purchases_up_to_time(
                n, 26.0, row.frequency, row.recency, row.T
            )
            for row in rows.itertuples()
        ]
        np.testing.assert_allclose(ours.conditional_pmf(rows, 26.0, n), expected, rtol=1e-6)


def test_a_negative_count_is_refused(cdnow_cal):
    bg = clv.BGNBD.from_params(PUBLISHED["bgnbd"], unit="W")
    with pytest.raises(ValueError, match="whole number"):
        bg.conditional_pmf(cdnow_cal.iloc[:3], 10, -1)
