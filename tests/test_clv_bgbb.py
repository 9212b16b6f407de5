"""BG/BB (crmlib.clv.bgbb): the published fit on the donations data, and every formula checked
against brute-force enumeration of yes/no histories, which the model defines directly."""

from __future__ import annotations

import itertools
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib.clv.bgbb import BetaGeometricBetaBinomial, discrete_summary_arrays


@pytest.fixture(scope="module")
def donations() -> pd.DataFrame:
    """Fader, Hardie & Shang's donations data (11,104 donors, 6 yearly opportunities), as it
    ships inside lifetimes."""
    with resources.files("lifetimes").joinpath("datasets", "donations.csv").open() as f:
        data = pd.read_csv(f)
    return data.rename(columns={"periods": "n_periods", "weights": "weight"})


@pytest.fixture(scope="module")
def fitted(donations) -> BetaGeometricBetaBinomial:
    return BetaGeometricBetaBinomial().fit(donations)


def test_the_fit_reproduces_the_papers_parameters_and_log_likelihood(fitted, donations):
    """FHS 2010, Table 2: α = 1.204, β = 0.750, γ = 0.657, δ = 2.783, LL = −33,225.6."""
    assert donations["weight"].sum() == 11_104
    published = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}
    for name, value in published.items():
        assert fitted.params_[name] == pytest.approx(value, abs=6e-4), name
    assert fitted.log_likelihood_ == pytest.approx(-33_225.6, abs=0.05)
    assert fitted.log_likelihood(donations) == pytest.approx(fitted.log_likelihood_)
    assert (fitted.standard_errors_ > 0).all() and (fitted.standard_errors_ < fitted.params_).all()


def test_it_agrees_with_lifetimes_on_the_same_data(fitted, donations):
    from lifetimes import BetaGeoBetaBinomFitter

    x, tx, n = donations["frequency"], donations["recency"], donations["n_periods"]
    theirs = BetaGeoBetaBinomFitter().fit(x, tx, n, weights=donations["weight"])
    assert np.allclose(fitted.params_.to_numpy(), theirs.params_.to_numpy(), rtol=1e-3)
    ours = BetaGeometricBetaBinomial.from_params(theirs.params_)  # same parameters, same answers
    assert np.allclose(
        ours.conditional_expected_purchases(donations, 5),
        theirs.conditional_expected_number_of_purchases_up_to_time(5, x, tx, n),
        rtol=1e-8,
    )
    assert np.allclose(
        ours.p_alive(donations), theirs.conditional_probability_alive(1, x, tx, n), rtol=1e-8
    )


def _history_probability(model: BetaGeometricBetaBinomial, history: tuple[int, ...]) -> float:
    """P(this exact yes/no history) = the likelihood of its summary (eq. 5 is per history)."""
    x = sum(history)
    tx = max((i + 1 for i, bought in enumerate(history) if bought), default=0)
    row = pd.DataFrame({"frequency": [x], "recency": [tx], "n_periods": [len(history)]})
    return float(np.exp(model.log_likelihood(row)))


PARAMS = st.fixed_dictionaries(
    {
        "alpha": st.floats(0.2, 5),
        "beta": st.floats(0.2, 5),
        "gamma": st.floats(0.2, 5).filter(lambda g: abs(g - 1) > 0.05),  # eq. 7 divides by γ − 1
        "delta": st.floats(0.2, 5),
    }
)


@settings(max_examples=25, deadline=None)
@given(params=PARAMS, n=st.integers(1, 7))
def test_the_histories_of_n_opportunities_have_probabilities_summing_to_one(params, n):
    """Every possible history of n opportunities, each with the likelihood of its summary,
    adds up to 1; and their mean count is eq. 7's expected number for a new customer."""
    model = BetaGeometricBetaBinomial.from_params(params)
    histories = list(itertools.product((0, 1), repeat=n))
    probabilities = np.array([_history_probability(model, h) for h in histories])
    assert probabilities.sum() == pytest.approx(1.0, rel=1e-9)
    mean = float(probabilities @ np.array([sum(h) for h in histories]))
    assert model.expected_purchases(n) == pytest.approx(mean, rel=1e-8)


@settings(max_examples=20, deadline=None)
@given(
    params=PARAMS,
    history=st.lists(st.integers(0, 1), min_size=1, max_size=5).map(tuple),
    future=st.integers(0, 4),
)
def test_conditional_expectation_and_p_alive_by_enumerating_the_future(params, history, future):
    """Eq. 13 and eq. 11 against their definitions: the futures after an observed history,
    weighted by P(history + future) / P(history)."""
    model = BetaGeometricBetaBinomial.from_params(params)
    seen = _history_probability(model, history)
    futures = list(itertools.product((0, 1), repeat=future))
    expected = sum(sum(f) * _history_probability(model, history + f) / seen for f in futures)
    x = sum(history)
    tx = max((i + 1 for i, bought in enumerate(history) if bought), default=0)
    row = pd.DataFrame({"frequency": [x], "recency": [tx], "n_periods": [len(history)]})
    assert model.conditional_expected_purchases(row, future).iloc[0] == pytest.approx(
        expected, rel=1e-8, abs=1e-12
    )
    # P(alive at n + 1) × E[p | history] = P(a transaction at n + 1 | history)
    buy_next = _history_probability(model, (*history, 1)) / seen
    alpha, beta = params["alpha"], params["beta"]
    p_alive = model.p_alive(row).iloc[0]
    assert 0 <= p_alive <= 1
    # alive at n + 1 means every opportunity so far was lived through, so p's posterior is
    # beta(α + x, β + n − x)
    assert buy_next == pytest.approx(
        p_alive * (alpha + x) / (alpha + beta + len(history)), rel=1e-8
    )


@pytest.mark.parametrize(
    "row, what",
    [
        ({"frequency": 2, "recency": 1, "n_periods": 6}, "0 ≤ frequency ≤ recency"),
        ({"frequency": 1, "recency": 7, "n_periods": 6}, "0 ≤ frequency ≤ recency"),
        ({"frequency": 0, "recency": 3, "n_periods": 6}, "recency without any repeat"),
        ({"frequency": 1.5, "recency": 3, "n_periods": 6}, "not a whole number"),
        ({"frequency": 1, "recency": 1, "n_periods": 0}, "fewer than one opportunity"),
        ({"frequency": np.nan, "recency": 1, "n_periods": 6}, "missing or infinite"),
    ],
)
def test_impossible_summaries_are_refused_with_the_row(row, what):
    summary = pd.DataFrame([row], index=pd.Index(["donor 7"], name="customer_id"))
    with pytest.raises(ValueError, match=what) as error:
        discrete_summary_arrays(summary)
    assert "donor 7" in str(error.value)


def test_a_summary_without_its_columns_is_refused_by_name():
    with pytest.raises(ValueError, match="n_periods"):
        discrete_summary_arrays(pd.DataFrame({"frequency": [1], "recency": [1], "T": [6]}))


def test_a_negative_horizon_is_refused(fitted, donations):
    with pytest.raises(ValueError, match="at least 0"):
        fitted.conditional_expected_purchases(donations, -1)
    with pytest.raises(ValueError, match="at least 0"):
        fitted.expected_purchases(-2)
