"""The shared maximum-likelihood machinery of the CLV models (crmlib.clv.optimise)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib import clv
from crmlib.clv.optimise import (
    Rows,
    covariance_from,
    jacobian_of,
    maximise_likelihood,
    numeric_gradient,
    positive_inverse,
)


def gaussian(mean: np.ndarray, precision: np.ndarray):
    """A log-likelihood with a known answer: -(θ-μ)ᵀ P (θ-μ) / 2, maximum at μ, covariance P⁻¹."""

    def log_likelihood_and_gradient(theta):
        d = theta - mean
        return float(-0.5 * d @ precision @ d), -precision @ d

    return log_likelihood_and_gradient


PRECISION = np.array([[4.0, 1.0], [1.0, 2.0]])
MEAN = np.array([0.5, -1.0])


def test_the_maximum_and_covariance_of_a_known_likelihood():
    function = gaussian(MEAN, PRECISION)
    theta, iterations, largest, _ = maximise_likelihood(function, 2, 1.0, 0.0, "test")
    np.testing.assert_allclose(theta, MEAN, atol=1e-6)
    assert iterations >= 1 and largest < 1e-6
    covariance, condition = covariance_from(function, theta)
    np.testing.assert_allclose(covariance, np.linalg.inv(PRECISION), rtol=1e-6)
    eigen = np.linalg.eigvalsh(PRECISION)
    assert condition == pytest.approx(eigen.max() / eigen.min(), rel=1e-6)


def test_the_penalizer_pulls_the_parameters_towards_zero():
    # lifetimes' objective: mean negative log-likelihood + penalizer * Σ params², where
    # params = exp(θ). In 1-D with P = 1, μ = 2, λ = 0.5: minimise (θ-2)²/2 + 0.5 e^{2θ},
    # whose minimum solves θ - 2 + e^{2θ} = 0 (θ ≈ 0.273), well below the unpenalised 2.
    function = gaussian(np.array([2.0]), np.eye(1))
    theta, *_ = maximise_likelihood(function, 1, 1.0, 0.5, "test")
    assert theta[0] - 2 + np.exp(2 * theta[0]) == pytest.approx(0, abs=1e-6)
    assert 0.27 < theta[0] < 0.28


def test_a_likelihood_without_a_maximum_says_what_to_do():
    def rising(theta):
        return float(theta.sum()), np.ones_like(theta)

    with pytest.raises(clv.ConvergenceError, match="did not converge.*penalizer such as"):
        with np.errstate(all="ignore"):
            maximise_likelihood(rising, 2, 1.0, 0.0, "BG/NBD")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(-2, 2), min_size=3, max_size=3))
def test_differences_match_the_derivatives_of_a_cubic(point):
    theta = np.array(point)

    def f(t):
        return float(t[0] ** 3 + t[0] * t[1] - 2 * t[2] ** 2)

    def gradient(t):
        return np.array([3 * t[0] ** 2 + t[1], t[0], -4 * t[2]])

    hessian = np.array([[6 * theta[0], 1, 0], [1, 0, 0], [0, 0, -4]])
    np.testing.assert_allclose(numeric_gradient(f, theta), gradient(theta), atol=1e-5)
    np.testing.assert_allclose(jacobian_of(gradient, theta), hessian, atol=1e-4)


def test_only_a_positive_definite_hessian_gives_a_start():
    np.testing.assert_allclose(positive_inverse(PRECISION), np.linalg.inv(PRECISION))
    assert positive_inverse(np.array([[1.0, 0.0], [0.0, -1.0]])) is None
    assert positive_inverse(np.zeros((2, 2))) is None


def test_rows_count_every_customer_once_however_coarsened():
    summary = pd.DataFrame(
        {
            "frequency": [0, 0, 2, 2, 2, 5],
            "recency": [0.0, 0.0, 3.0, 3.0, 3.02, 9.0],
            "T": [10.0, 10.0, 10.0, 10.0, 10.01, 10.0],
        }
    )
    rows = Rows.from_summary(summary)
    assert len(rows.x) == 4 and rows.weight.sum() == 6  # two pairs of identical customers
    coarse = rows.coarsened(0.1)  # 3.02 -> 3.0 and 10.01 -> 10.0: one more pair merges
    assert len(coarse.x) == 3 and coarse.weight.sum() == 6
    assert sorted(zip(coarse.x, coarse.weight, strict=True)) == [(0, 2), (2, 3), (5, 1)]
    np.testing.assert_allclose(sorted(coarse.tx), [0.0, 3.0, 9.0])
    scaled = rows.scaled(0.5)
    np.testing.assert_allclose(scaled.T, rows.T * 0.5)
    assert scaled.weight is rows.weight
