"""BG/BB: repeat transactions in discrete time (Fader, Hardie & Shang 2010).

Some customers can buy only at fixed moments — a yearly donation drive, a monthly subscription
box, a seasonal sale — so their history is a row of yes/no over ``n`` opportunities. The
beta-geometric/beta-binomial model says: while "alive", a customer buys at each opportunity
with probability p (beta(α, β) across customers); after each opportunity an alive customer
leaves for good with probability θ (beta(γ, δ) across customers). A customer's summary is
the number of repeat transactions ``frequency`` (x), the opportunity of the last one
``recency`` (t_x, 0 without any) and the number of opportunities ``n_periods`` (n).

Equations (FHS 2010): the likelihood (5), the expected number of transactions of a new
customer (7), P(alive) at the next opportunity (11) and the conditional expectation (13).
The fit reproduces the paper's parameters on the donations data that ship with lifetimes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from ..locale import Message, _
from .base import FittedModel
from .optimise import covariance_from, maximise_likelihood, numeric_gradient

COLUMNS = ("frequency", "recency", "n_periods")


def discrete_summary_arrays(summary: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """``frequency``, ``recency``, ``n_periods`` and ``weight`` (1 when absent) as arrays,
    checked: whole numbers, 0 ≤ x ≤ t_x ≤ n, t_x = 0 exactly when x = 0, n ≥ 1, weight > 0."""
    missing = [c for c in COLUMNS if c not in summary.columns]
    if missing:
        raise ValueError(
            Message(
                _("a discrete-time summary needs the columns {columns}; missing: {missing}"),
                columns=", ".join(COLUMNS),
                missing=", ".join(missing),
            )
        )
    values = [summary[c].to_numpy(dtype=float) for c in COLUMNS]
    weight = (
        summary["weight"].to_numpy(dtype=float)
        if "weight" in summary.columns
        else np.ones(len(summary))
    )
    x, tx, n = values
    problems = [
        (~np.isfinite(np.c_[x, tx, n, weight]).all(axis=1), _("a missing or infinite value")),
        (
            (np.c_[x, tx, n] != np.round(np.c_[x, tx, n])).any(axis=1),
            _("a count that is not a whole number"),
        ),
        (n < 1, _("fewer than one opportunity (n_periods)")),
        ((x < 0) | (x > tx) | (tx > n), _("not 0 ≤ frequency ≤ recency ≤ n_periods")),
        ((x == 0) & (tx != 0), _("a recency without any repeat transaction")),
        (weight <= 0, _("a weight that is not positive")),
    ]
    for bad, what in problems:
        if bad.any():
            first = summary.index[np.argmax(bad)]
            raise ValueError(
                Message(
                    _("{count} rows of the summary have {what} (for example row {example})"),
                    count=int(bad.sum()),
                    what=what,
                    example=first,
                )
            )
    return x, tx, n, weight


def _log_likelihood(params: np.ndarray, x, tx, n) -> np.ndarray:
    """Each row's log-likelihood (FHS 2010 eq. 5): alive through all n opportunities, or
    gone after opportunity t_x + i for some i = 0 … n − t_x − 1."""
    alpha, beta, gamma, delta = params
    base_p, base_theta = special.betaln(alpha, beta), special.betaln(gamma, delta)
    terms = [
        special.betaln(alpha + x, beta + n - x)
        - base_p
        + special.betaln(gamma, delta + n)
        - base_theta
    ]
    for i in range(int(np.max(n - tx, initial=0))):
        left = (
            special.betaln(alpha + x, beta + tx - x + i)
            - base_p
            + special.betaln(gamma + 1, delta + tx + i)
            - base_theta
        )
        terms.append(np.where(i < n - tx, left, -np.inf))
    return special.logsumexp(np.stack(terms), axis=0)


class BetaGeometricBetaBinomial(FittedModel):
    """The BG/BB model, fitted by maximum likelihood (scikit-learn style: :meth:`fit` returns
    the model; ``params_``, ``log_likelihood_``, ``standard_errors_`` end in ``_``)."""

    NAME = "BG/BB"
    PARAMS = ("alpha", "beta", "gamma", "delta")

    def _params(self) -> np.ndarray:
        return self._fitted()

    def fit(self, summary: pd.DataFrame) -> BetaGeometricBetaBinomial:
        """Maximum likelihood on ``summary`` (``frequency``, ``recency``, ``n_periods`` and an
        optional ``weight``: how many customers share the row)."""
        x, tx, n, weight = discrete_summary_arrays(summary)

        def log_likelihood(theta: np.ndarray) -> float:
            return float(weight @ _log_likelihood(np.exp(theta), x, tx, n))

        def with_gradient(theta: np.ndarray) -> tuple[float, np.ndarray]:
            return log_likelihood(theta), numeric_gradient(log_likelihood, theta)

        theta, iterations, gradient, _hess = maximise_likelihood(
            with_gradient, 4, float(weight.sum()), self.penalizer, self.NAME, gtol=1e-8
        )
        covariance, condition = covariance_from(with_gradient, theta)
        self.params_ = pd.Series(np.exp(theta), index=list(self.PARAMS), name=self.NAME)
        self.log_likelihood_ = log_likelihood(theta)
        self.n_customers_ = float(weight.sum())
        self.iterations_, self.max_gradient_, self.condition_number_ = (
            iterations,
            gradient,
            condition,
        )
        self.covariance_ = pd.DataFrame(
            covariance, index=list(self.PARAMS), columns=list(self.PARAMS)
        )
        self.standard_errors_ = pd.Series(
            np.exp(theta) * np.sqrt(np.clip(np.diag(covariance), 0, None)),
            index=list(self.PARAMS),
            name="standard_error",
        )  # delta method from log-parameters
        return self

    def log_likelihood(self, summary: pd.DataFrame) -> float:
        """The paper's log-likelihood of ``summary`` under the fitted parameters."""
        x, tx, n, weight = discrete_summary_arrays(summary)
        return float(weight @ _log_likelihood(self._params(), x, tx, n))

    @property
    def aic(self) -> float:
        return -2 * self.log_likelihood_ + 2 * len(self.PARAMS)

    @property
    def bic(self) -> float:
        return -2 * self.log_likelihood_ + np.log(self.n_customers_) * len(self.PARAMS)

    def expected_purchases(self, periods) -> np.ndarray:
        """Expected transactions of a new customer in the first ``periods`` opportunities
        (FHS 2010 eq. 7)."""
        alpha, beta, gamma, delta = self._params()
        n = np.asarray(periods, dtype=float)
        if not (np.isfinite(n).all() and (n >= 0).all()):
            raise ValueError(
                Message(_("periods must be finite and at least 0, got {value}"), value=periods)
            )
        tail = np.exp(
            special.gammaln(gamma + delta)
            - special.gammaln(gamma + delta + n)
            + special.gammaln(1 + delta + n)
            - special.gammaln(1 + delta)
        )
        return alpha / (alpha + beta) * delta / (gamma - 1) * (1 - tail)

    def p_alive(self, summary: pd.DataFrame) -> pd.Series:
        """P(alive at opportunity n + 1) of each customer (FHS 2010 eq. 11)."""
        x, tx, n, _weight = discrete_summary_arrays(summary)
        alpha, beta, gamma, delta = params = self._params()
        log_alive = (
            special.betaln(alpha + x, beta + n - x)
            - special.betaln(alpha, beta)
            + special.betaln(gamma, delta + n + 1)
            - special.betaln(gamma, delta)
        )
        return pd.Series(
            np.exp(log_alive - _log_likelihood(params, x, tx, n)),
            index=summary.index,
            name="p_alive",
        )

    def conditional_expected_purchases(self, summary: pd.DataFrame, periods) -> pd.Series:
        """Expected transactions in the next ``periods`` opportunities given each customer's
        history (FHS 2010 eq. 13)."""
        x, tx, n, _weight = discrete_summary_arrays(summary)
        future = float(periods)
        if not (np.isfinite(future) and future >= 0):
            raise ValueError(
                Message(_("periods must be finite and at least 0, got {value}"), value=periods)
            )
        alpha, beta, gamma, delta = params = self._params()
        log_first = special.betaln(alpha + x + 1, beta + n - x) - special.betaln(alpha, beta)
        rise = np.exp(
            special.gammaln(gamma + delta)
            - special.gammaln(1 + delta)
            + special.gammaln(1 + delta + n)
            - special.gammaln(gamma + delta + n)
        ) - np.exp(
            special.gammaln(gamma + delta)
            - special.gammaln(1 + delta)
            + special.gammaln(1 + delta + n + future)
            - special.gammaln(gamma + delta + n + future)
        )
        value = np.exp(log_first - _log_likelihood(params, x, tx, n)) * delta / (gamma - 1) * rise
        return pd.Series(value, index=summary.index, name="expected_purchases")


BGBB = BetaGeometricBetaBinomial  # the name the literature uses, beside BGNBD
