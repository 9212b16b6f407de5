"""Maximum likelihood for every CLV model: compressed rows, a bounded quasi-Newton search in
log-parameters with a coarse first pass on large data, and standard errors from the Hessian.

:class:`Rows` holds a summary's distinct (frequency, recency, T) rows with their weights
(identical customers counted once); :func:`maximise_likelihood` finds the parameters;
:func:`covariance_from` gives their covariance from the observed information.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize

from ..locale import _
from .summary import compress


class ConvergenceError(ValueError):
    """The optimiser stopped without reaching a maximum of the likelihood."""


@dataclass(frozen=True)
class Rows:
    """Compressed customer rows: repeat purchases ``x``, recency ``tx``, age ``T``, ``weight``."""

    x: np.ndarray
    tx: np.ndarray
    T: np.ndarray
    weight: np.ndarray

    @classmethod
    def from_summary(cls, summary: pd.DataFrame) -> Rows:
        c = compress(summary)
        return cls(
            c["frequency"].to_numpy(dtype=float),
            c["recency"].to_numpy(dtype=float),
            c["T"].to_numpy(dtype=float),
            c["weight"].to_numpy(dtype=float),
        )

    def cached(self, name: str, make):
        """``make(self)``, computed once per set of rows (the rows are frozen, so it stays
        true): distinct values the likelihoods precompute."""
        if name not in self.__dict__:
            object.__setattr__(self, name, make(self))
        return self.__dict__[name]

    def scaled(self, factor: float) -> Rows:
        return Rows(self.x, self.tx * factor, self.T * factor, self.weight)

    def coarsened(self, step: float) -> Rows:
        """Times rounded to multiples of ``step`` and identical rows merged again."""
        tx, T = np.round(self.tx / step), np.round(self.T / step)
        span = T.max() + 1
        codes, keys = pd.factorize((self.x * span + tx) * span + T)
        weight = np.bincount(codes, weights=self.weight)
        T_key = keys % span
        tx_key = (keys // span) % span
        return Rows(keys // span // span, tx_key * step, T_key * step, weight)


COARSE_ABOVE = 50_000  # distinct rows above which a coarse first pass is run


COARSE_STEP = 0.01  # in the fit's time scale, where the oldest customer is 1 unit old


def penalized_gradient(model, theta, rows: Rows, total_weight: float) -> np.ndarray:
    with np.errstate(all="ignore"):
        grad = model._log_likelihood_and_gradient(theta, rows)[1]
    return -grad / total_weight + 2 * model.penalizer * np.exp(theta) ** 2


def positive_inverse(hess: np.ndarray) -> np.ndarray | None:
    """The inverse of a Hessian if it is positive definite (a usable BFGS start), else None."""
    try:
        inverse = np.linalg.inv(hess)
        inverse = (inverse + inverse.T) / 2
        np.linalg.cholesky(inverse)
        return inverse
    except np.linalg.LinAlgError:
        return None


def numeric_gradient(function, theta: np.ndarray, step: float = 1e-6) -> np.ndarray:
    """Central differences of a scalar function of a parameter vector."""
    grad = np.empty_like(theta)
    for i in range(theta.size):
        e = np.zeros_like(theta)
        e[i] = step
        grad[i] = (function(theta + e) - function(theta - e)) / (2 * step)
    return grad


def jacobian_of(gradient, theta: np.ndarray, step: float = 1e-5) -> np.ndarray:
    """The Hessian as central differences of an analytic gradient, symmetrised."""
    k = theta.size
    hess = np.empty((k, k))
    for i in range(k):
        e = np.zeros(k)
        e[i] = step
        hess[i] = (gradient(theta + e) - gradient(theta - e)) / (2 * step)
    return (hess + hess.T) / 2


def maximise_likelihood(
    log_likelihood_and_gradient,
    n_params: int,
    total_weight: float,
    penalizer: float,
    name: str,
    start: np.ndarray | None = None,
    hess_inv0: np.ndarray | None = None,
    gtol: float = 1e-10,
) -> tuple[np.ndarray, int, float, np.ndarray | None]:
    """Maximise a log-likelihood over log-parameters: BFGS on the exact gradient, then Newton
    steps (Hessian from differences of the gradient) to polish on flat likelihoods.

    The objective is lifetimes' own: the mean negative log-likelihood plus
    ``penalizer`` × Σ parameters². ``start`` and ``hess_inv0`` (a starting point and inverse
    Hessian, e.g. from a fit on coarser data) save iterations; ``gtol`` is BFGS's own stopping
    gradient (a numerical gradient cannot reach 1e-10). Returns the log-parameters, the
    iterations taken, the largest gradient component at the end and the objective's last
    Hessian (None if BFGS alone got there); raises :class:`ConvergenceError` (with remedies)
    when the gradient is not below 1e-6.
    """

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        with np.errstate(all="ignore"):
            ll, grad = log_likelihood_and_gradient(theta)
        params = np.exp(theta)
        value = -ll / total_weight + penalizer * float(params @ params)
        gradient = -grad / total_weight + 2 * penalizer * params**2
        if not np.isfinite(value) or not np.isfinite(gradient).all():
            return np.inf, np.zeros_like(theta)
        return value, gradient

    options = {"gtol": gtol, "maxiter": 2000}
    if hess_inv0 is not None:
        options["hess_inv0"] = hess_inv0
    x0 = np.zeros(n_params) if start is None else start
    result = optimize.minimize(objective, x0, jac=True, method="BFGS", options=options)
    theta, iterations = result.x, int(result.nit)
    hess = None
    for _polish in range(5):
        value, grad = objective(theta)
        if not np.isfinite(value) or np.abs(grad).max() < 1e-10:
            break
        hess = jacobian_of(lambda t: objective(t)[1], theta)
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            break
        if not np.isfinite(step).all() or objective(theta - step)[0] > value:
            break
        theta = theta - step
        iterations += 1
        if np.abs(step).max() < 1e-9:  # converged to the precision the gradient has
            break
    value, grad = objective(theta)
    max_gradient = float(np.abs(grad).max()) if np.isfinite(value) else float("inf")
    if not max_gradient < 1e-6:
        raise ConvergenceError(
            _(
                "{name} did not converge (penalizer={penalizer}, largest gradient {gradient} "
                "after {iterations} iterations). Remedies: pass a penalizer such as 0.001-0.1 (it "
                "shrinks the parameters a little), check for extreme values (a few customers with "
                "hundreds of purchases), or use a longer calibration period."
            ).format(
                name=name,
                penalizer=penalizer,
                gradient=f"{max_gradient:.2g}",
                iterations=iterations,
            )
        )
    return theta, iterations, max_gradient, hess


def covariance_from(log_likelihood_and_gradient, theta: np.ndarray) -> tuple[np.ndarray, float]:
    """Covariance of the log-parameters (inverse observed information) and the condition
    number of the information matrix."""
    with np.errstate(all="ignore"):
        hess = jacobian_of(lambda t: log_likelihood_and_gradient(t)[1], theta, 1e-4)
    try:
        covariance = np.linalg.inv(-hess)
    except np.linalg.LinAlgError:
        covariance = np.full_like(hess, np.nan)
    return covariance, float(np.linalg.cond(hess))
