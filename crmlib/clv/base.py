"""The shared base of the purchase models: one fitter, one set of diagnostics, one interface.

Every purchase model (BG/NBD, MBG/NBD, Pareto/NBD) answers the same questions of a customer
summary (``frequency``, ``recency``, ``T`` in one time unit):

* :meth:`PurchaseModel.fit` — maximum likelihood on compressed rows (identical customers
  weighted), in log-parameters, with the model's own vectorised log-likelihood and gradient;
* :meth:`~PurchaseModel.log_likelihood`, :meth:`~PurchaseModel.aic`, :meth:`~PurchaseModel.bic`;
* :meth:`~PurchaseModel.expected_purchases` (a new customer), :meth:`~PurchaseModel.p_alive`,
  :meth:`~PurchaseModel.conditional_expected_purchases`, :meth:`~PurchaseModel.pmf`;
* :meth:`~PurchaseModel.future_state` (posterior draws that the prediction intervals use) and
  :meth:`~PurchaseModel.simulate` (the model as a data generator, so that "does the fit find
  the truth?" can be asked of every model).

A subclass supplies the mathematics; the base owns the optimiser, the time scaling, the
penalizer and the diagnostics, so a new model is one new file.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

import numpy as np
import pandas as pd

from ..locale import Message, _
from .optimise import (
    COARSE_ABOVE,
    COARSE_STEP,
    Rows,
    covariance_from,
    jacobian_of,
    maximise_likelihood,
    numeric_gradient,
    penalized_gradient,
    positive_inverse,
)
from .summary import Unit, check_horizon, check_summary, days_per_unit, summary_arrays


class FittedModel:
    """What every fitted model here shares: a validated penalizer, the fitted-or-not check and
    parameter draws from the curvature of the likelihood (for the prediction intervals)."""

    NAME: ClassVar[str]
    PARAMS: ClassVar[tuple[str, ...]]

    def __init__(self, penalizer: float = 0.0) -> None:
        if not (np.isfinite(penalizer) and penalizer >= 0):
            raise ValueError(f"penalizer must be a non-negative number, got {penalizer!r}")
        self.penalizer = float(penalizer)

    @classmethod
    def from_params(cls, params: dict | pd.Series):
        """A model with given parameters (a known truth, or published figures), unfitted."""
        model = cls()
        model.params_ = pd.Series(
            [float(params[k]) for k in cls.PARAMS], index=list(cls.PARAMS), name=cls.NAME
        )
        if (model.params_ <= 0).any():
            raise ValueError(f"{cls.NAME} parameters must be positive, got {dict(model.params_)}")
        return model

    def _fitted(self) -> np.ndarray:
        if not hasattr(self, "params_"):
            raise ValueError(f"{self.NAME} is not fitted yet: call fit first")
        return self.params_.to_numpy()

    def parameter_draws(
        self, n_draws: int, rng: np.random.Generator, uncertainty: bool = True
    ) -> np.ndarray:
        """Parameter vectors drawn from the normal approximation of the log-parameters'
        sampling distribution (shape ``(len(PARAMS), n_draws)``); the fitted values repeated
        without ``uncertainty``, or when the model was built from known parameters."""
        theta = np.log(self._fitted())
        cov = getattr(self, "covariance_", None)
        if not uncertainty or cov is None or not np.isfinite(cov).all():
            return np.repeat(np.exp(theta)[:, None], n_draws, axis=1)
        return np.exp(rng.multivariate_normal(theta, cov, size=n_draws, method="eigh")).T


class PurchaseModel(FittedModel, ABC):
    """A buy-till-you-die purchase model fitted by maximum likelihood.

    Parameters
    ----------
    penalizer : float
        L2 penalty on the parameters (as lifetimes defines it: on the parameters in a time
        scale where the oldest customer is 1 unit old, added to the mean negative
        log-likelihood). 0 is plain maximum likelihood; 0.001–0.1 tames a fit that runs off
        to extreme values on thin data.

    Attributes
    ----------
    params_ : pandas.Series
        The fitted parameters, rates in ``unit_``.
    unit_ : {"D", "W"}
        The time unit of the summary the model was fitted on.
    log_likelihood_ : float
        The paper's log-likelihood at ``params_`` (unpenalized, summed over customers).
    n_customers_, n_rows_ : int
        Customers fitted, and distinct (frequency, recency, T) rows the likelihood ran over.
    covariance_ : numpy.ndarray
        Covariance of the log-parameters from the curvature of the log-likelihood (the
        inverse of the observed information); the intervals draw parameters from it.
    n_iter_, max_gradient_, converged_ : int, float, bool
        What the optimiser did: iterations, largest gradient component at the end (of the
        mean log-likelihood, per log-parameter), and whether that is below 1e-6 (a fit that
        does not get there raises instead).
    """

    RATES: ClassVar[tuple[str, ...]]  # parameters measured in time units (scaled in the fit)

    # --- the mathematics a model supplies ---------------------------------------------------

    @abstractmethod
    def _log_likelihood_rows(self, params: np.ndarray, rows: Rows) -> np.ndarray:
        """Per-row log-likelihood at natural parameters (in the rows' time scale)."""

    def _log_likelihood_and_gradient(
        self, theta: np.ndarray, rows: Rows
    ) -> tuple[float, np.ndarray]:
        """Weighted total log-likelihood and its gradient in log-parameters. The default
        differentiates numerically; models with an analytic gradient override it."""

        def total(t: np.ndarray) -> float:
            return float(rows.weight @ self._log_likelihood_rows(np.exp(t), rows))

        return total(theta), numeric_gradient(total, theta)

    @abstractmethod
    def _p_alive(self, params, x, tx, T) -> np.ndarray:
        """P(alive at T | x, tx, T), broadcasting over arrays of parameters and customers."""

    @abstractmethod
    def _conditional_expected(self, params, t, x, tx, T) -> np.ndarray:
        """E[purchases in (T, T + t] | x, tx, T]."""

    @abstractmethod
    def _expected(self, params, t) -> np.ndarray:
        """E[X(t)]: purchases of a new customer in their first t time units."""

    @abstractmethod
    def _pmf(self, params, t, x: int) -> np.ndarray:
        """P(X(t) = x) for a new customer, vectorised over t."""

    @abstractmethod
    def _alive_pmf(self, params, t, n: int, x, tx, T) -> np.ndarray:
        """P(n purchases in the next t | alive now): a new customer's, with the parameters
        the history gives an alive customer."""

    def _dert(self, params, rate, x, tx, T) -> np.ndarray:
        """δ ∫ e^(−δt) E[X(T, T + t)] dt (the discounted sum, integrated by parts), by 64-point
        Gauss–Laguerre quadrature in u = δt; a model with a closed form overrides it."""
        nodes, weights = np.polynomial.laguerre.laggauss(64)
        return sum(
            w * self._conditional_expected(params, u / rate, x, tx, T)
            for u, w in zip(nodes, weights, strict=True)
        )

    @abstractmethod
    def _future_state(self, params, x, tx, T, t, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Draws for customers from the posterior given their history, for a future of length
        ``t``: (alive now, purchase rate, number of purchases after which they leave or inf,
        time window they stay within ``t``). Shapes broadcast over parameter draws."""

    @abstractmethod
    def _simulate_lives(self, n: int, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per new customer: purchase rate, dropout probability after each repeat purchase
        (0 when the lifetime is a clock instead), and the lifetime limit (inf or a time)."""

    # --- fitting -------------------------------------------------------------------------

    def fit(self, summary: pd.DataFrame, *, unit: Unit) -> PurchaseModel:
        """Fit the model to a customer summary whose times are in ``unit`` (said, not assumed).

        Returns self, with ``params_`` and the diagnostics set. Raises
        :class:`ConvergenceError` (a ``ValueError``) with remedies when the optimiser does not
        reach a maximum.
        """
        days_per_unit(unit)
        check_summary(summary, len(self.PARAMS))
        rows = Rows.from_summary(summary)
        scale = 1.0 / float(rows.T.max())  # as lifetimes: the oldest customer is 1 unit old
        scaled = rows.scaled(scale)
        total_weight = float(rows.weight.sum())
        analytic = (
            type(self)._log_likelihood_and_gradient
            is not PurchaseModel._log_likelihood_and_gradient
        )
        gtol = 1e-10 if analytic else 1e-7  # the Newton polish finishes a numerical one
        start = hess_inv0 = None
        if len(rows.x) > COARSE_ABOVE:  # a first pass on coarser times starts close by
            coarse = scaled.coarsened(COARSE_STEP)
            start, _iterations, _gradient, hess = maximise_likelihood(
                lambda t: self._log_likelihood_and_gradient(t, coarse),
                len(self.PARAMS),
                total_weight,
                self.penalizer,
                self.NAME,
                gtol=gtol,
            )
            if hess is None:
                hess = jacobian_of(
                    lambda t: penalized_gradient(self, t, coarse, total_weight), start
                )
            hess_inv0 = positive_inverse(hess)
        theta, self.n_iter_, self.max_gradient_, _hess = maximise_likelihood(
            lambda t: self._log_likelihood_and_gradient(t, scaled),
            len(self.PARAMS),
            total_weight,
            self.penalizer,
            self.NAME,
            start,
            hess_inv0,
            gtol=gtol,
        )
        self.converged_ = True
        params = np.exp(theta)
        for name in self.RATES:
            params[self.PARAMS.index(name)] /= scale
        self.params_ = pd.Series(params, index=list(self.PARAMS), name=self.NAME)
        self.unit_ = unit
        self.n_customers_ = int(total_weight)
        self.n_rows_ = len(rows.x)
        self.log_likelihood_ = float(rows.weight @ self._log_likelihood_rows(params, rows))
        self.covariance_, self.condition_number_ = covariance_from(
            lambda t: self._log_likelihood_and_gradient(t, rows), np.log(params)
        )
        return self

    @classmethod
    def from_params(cls, params: dict | pd.Series, *, unit: Unit):
        """A model with given parameters (a known truth, or published figures), unfitted,
        its rates in ``unit``."""
        days_per_unit(unit)
        model = super().from_params(params)
        model.unit_ = unit
        return model

    # --- the interface -------------------------------------------------------------------

    def log_likelihood(self, summary: pd.DataFrame) -> float:
        """The paper's log-likelihood of a summary at the fitted parameters."""
        x, tx, T = summary_arrays(summary)
        rows = Rows(x, tx, T, np.ones_like(x))
        return float(self._log_likelihood_rows(self._fitted(), rows).sum())

    def aic(self) -> float:
        """Akaike's information criterion, −2 log L + 2k (lower is better)."""
        return -2 * self.log_likelihood_ + 2 * len(self.PARAMS)

    def bic(self) -> float:
        """Schwarz's Bayesian information criterion, −2 log L + k log n (lower is better)."""
        return -2 * self.log_likelihood_ + len(self.PARAMS) * np.log(self.n_customers_)

    def expected_purchases(self, t) -> np.ndarray:
        """E[X(t)]: repeat purchases of a new customer in their first ``t`` time units."""
        return np.asarray(self._expected(self._fitted(), check_horizon(t, "period t")))

    def p_alive(self, summary: pd.DataFrame) -> pd.Series:
        """Probability that each customer is still a customer at the end of the summary."""
        x, tx, T = summary_arrays(summary)
        p = self._p_alive(self._fitted(), x, tx, T)
        return pd.Series(np.asarray(p, dtype=float), index=summary.index, name="p_alive")

    def conditional_expected_purchases(self, summary: pd.DataFrame, t) -> pd.Series:
        """Expected purchases of each customer in the next ``t`` time units (scalar or one per
        customer), given their history."""
        x, tx, T = summary_arrays(summary)
        value = self._conditional_expected(self._fitted(), check_horizon(t), x, tx, T)
        return pd.Series(
            np.asarray(value, dtype=float), index=summary.index, name="expected_purchases"
        )

    def pmf(self, t, x: int) -> np.ndarray:
        """P(X(t) = x): probability that a new customer makes exactly ``x`` repeat purchases in
        their first ``t`` time units, vectorised over ``t``."""
        t = check_horizon(t, "period t")
        if int(x) != x or x < 0:
            raise ValueError(
                Message(_("x counts purchases: a whole number 0 or more, got {x}"), x=x)
            )
        return np.asarray(self._pmf(self._fitted(), t, int(x)), dtype=float)

    def conditional_pmf(self, summary: pd.DataFrame, t, n: int) -> pd.Series:
        """P(N = n): each customer's probability of exactly ``n`` purchases in the next ``t``
        time units, given their history — alive (:meth:`p_alive`) and then buying as a new
        customer with the parameters their history gives, or gone and buying nothing."""
        t = check_horizon(t)
        if int(n) != n or n < 0:
            raise ValueError(
                Message(_("x counts purchases: a whole number 0 or more, got {x}"), x=n)
            )
        x, tx, T = summary_arrays(summary)
        params = self._fitted()
        alive = self._p_alive(params, x, tx, T)
        value = alive * self._alive_pmf(params, t, int(n), x, tx, T) + (1 - alive) * (n == 0)
        return pd.Series(np.asarray(value, dtype=float), index=summary.index, name="probability")

    def dert(self, summary: pd.DataFrame, rate: float) -> pd.Series:
        """Discounted expected residual transactions (Fader, Hardie & Lee 2005, "RFM and CLV"):
        each customer's future purchases over an unlimited horizon, the one at time t counted
        e^(−rate·t). ``rate`` is continuous, per time unit of the model: for an annual rate d
        and weeks, ln(1 + d) / 52.18. Times the margin per purchase, it is the customer's
        residual value."""
        if not (np.isfinite(rate) and rate > 0):
            raise ValueError(
                Message(_("the discount rate must be a positive number, got {rate}"), rate=rate)
            )
        x, tx, T = summary_arrays(summary)
        value = self._dert(self._fitted(), float(rate), x, tx, T)
        return pd.Series(np.asarray(value, dtype=float), index=summary.index, name="dert")

    def future_state(self, summary: pd.DataFrame, t: float, params: np.ndarray, rng):
        """Posterior draws of each customer's state (rows) for each parameter draw (columns)."""
        x, tx, T = summary_arrays(summary)
        params = [p[None, :] for p in params]
        return self._future_state(params, x[:, None], tx[:, None], T[:, None], t, rng)

    def simulate(
        self, T, holdout: float = 0.0, random_state: int | np.random.Generator | None = None
    ) -> pd.DataFrame:
        """Customers drawn from the model: one per entry of ``T`` (calibration age, model time).

        Returns a summary (``frequency``, ``recency``, ``T``) with ``frequency_holdout``, the
        purchases in the following ``holdout`` time units, and the truth that produced them
        (``true_rate``, ``alive_at_T``), like :func:`calibration_holdout` on real orders.
        """
        from ..datasets.purchases import bgnbd_repeat_purchases

        rng = np.random.default_rng(random_state)
        T = np.asarray(T, dtype=float)
        rate, dropout, limit = self._simulate_lives(T.size, rng)
        end = np.minimum(T + holdout, limit)
        who, when, died_at = bgnbd_repeat_purchases(rate, dropout, 0.0, end, rng)
        in_cal = when <= T[who]
        frequency = np.bincount(who[in_cal], minlength=T.size)
        recency = np.zeros(T.size)
        np.maximum.at(recency, who[in_cal], when[in_cal])
        holdout_count = np.bincount(who[~in_cal], minlength=T.size)
        alive = (np.isnan(died_at) | (died_at > T)) & (limit > T)
        return pd.DataFrame(
            {
                "frequency": frequency,
                "recency": recency,
                "T": T,
                "frequency_holdout": holdout_count,
                "duration_holdout": float(holdout),
                "true_rate": rate,
                "alive_at_T": alive,
            }
        )

    def diagnostics(self) -> pd.Series:
        """How the fit went, in one place: likelihood, AIC/BIC, convergence, and warnings."""
        self._fitted()
        return pd.Series(
            {
                "model": self.NAME,
                "unit": self.unit_,
                "customers": self.n_customers_,
                "distinct_rows": self.n_rows_,
                "log_likelihood": self.log_likelihood_,
                "aic": self.aic(),
                "bic": self.bic(),
                "converged": self.converged_,
                "iterations": self.n_iter_,
                "max_gradient": self.max_gradient_,
                "condition_number": self.condition_number_,
                "penalizer": self.penalizer,
                "warnings": "; ".join(self.warnings()),
            },
            name=self.NAME,
        )

    def warnings(self) -> list[str]:
        """Plain-words warnings about the fitted parameters (empty when all is well)."""
        out = []
        params = self._fitted()
        if (params > 1e4).any() or (params < 1e-4).any():
            out.append(
                Message(
                    _(
                        "a parameter ran to the edge of its range (near 0 or very large): the data "
                        "cannot pin it down; more customers or a longer calibration period help, and "
                        "a penalizer such as 0.01 keeps large values in check"
                    )
                )
            )
        if getattr(self, "condition_number_", 0) > 1e10:
            out.append(
                Message(_("the likelihood is nearly flat in some direction: parameters uncertain"))
            )
        return out
