"""The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV";
Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").

Each purchase of a customer is worth z ~ Gamma(p, ν); across customers ν ~ Gamma(q, γ). For a
customer with x repeat purchases of mean value m̄ (eq. 1 of the note)::

    log L = ln Γ(px+q) - ln Γ(px) - ln Γ(q) + q ln γ + (px-1) ln m̄ + px ln x - (px+q) ln(γ + m̄x)

    E[Z | x, m̄] = (q-1)/(px+q-1) * pγ/(q-1) + px/(px+q-1) * m̄          (eq. 5)

a weighted mean of the population mean pγ/(q-1) and the customer's own mean. The model
assumes spend per purchase does not depend on how often a customer buys:
:func:`gamma_gamma_check` measures that. Given x and m̄, ν ~ Gamma(px+q, γ + m̄x), which
the prediction intervals draw from.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from ..locale import Message, _
from ..orders import require_columns
from .base import FittedModel
from .optimise import covariance_from, maximise_likelihood
from .summary import compress, example_id


def gamma_gamma_check(summary: pd.DataFrame, limit: float = 0.3) -> pd.Series:
    """Gamma-Gamma assumes a customer's spend per purchase does not depend on how often they
    buy. The check: the Pearson correlation of ``frequency`` and ``monetary_value`` among the
    repeat buyers (Fader & Hardie 2013 report 0.11 on CDNOW), with ``ok`` when its size is
    below ``limit``.
    """
    require_columns(summary, ["frequency", "monetary_value"], "gamma_gamma_check")
    repeat = summary[summary["frequency"] > 0]
    if len(repeat) < 3:
        raise ValueError(f"need at least 3 repeat buyers to check, got {len(repeat)}")
    corr = float(repeat["frequency"].corr(repeat["monetary_value"]))
    return pd.Series(
        {"repeat_buyers": len(repeat), "correlation": corr, "ok": abs(corr) < limit},
        name="gamma_gamma_check",
    )


class _SpendRows:
    """Repeat buyers' x, m̄ and weight w, with what the likelihood needs that does not depend
    on the parameters: x·m̄, the weights summed per distinct x, Σ w·x·ln(m̄x), Σ w·ln m̄."""

    def __init__(self, x: np.ndarray, m: np.ndarray, w: np.ndarray) -> None:
        self.w, self.wx, self.xm = w, w * x, x * m
        self.total = float(w.sum())
        codes, self.xs = pd.factorize(x)
        self.wx_group = np.bincount(codes, weights=w)  # Σ w per distinct x
        self.wxx_group = self.wx_group * self.xs  # Σ w·x per distinct x
        self.wx_log_mx = float(self.wx @ np.log(self.xm))  # Σ w·x·(ln m̄ + ln x)
        self.w_log_m = float(w @ np.log(m))


def _repeat_buyers(summary: pd.DataFrame) -> pd.DataFrame:
    if "monetary_value" not in summary:
        raise KeyError(Message(_("summary has no monetary_value: build it with amount_col=...")))
    repeat = summary[summary["frequency"] > 0]
    if repeat.empty:
        raise ValueError(
            Message(_("no repeat buyers: the Gamma-Gamma model is fitted on repeat purchases only"))
        )
    bad = ~(repeat["monetary_value"].to_numpy(dtype=float) > 0)
    if bad.any():
        raise ValueError(
            Message(
                _(
                    "{n} repeat buyer(s) have zero, negative or missing mean spend (e.g. "
                    "customer {example}); Gamma-Gamma needs positive amounts: exclude refunded "
                    "and unpaid orders before summarising"
                ),
                n=int(bad.sum()),
                example=example_id(repeat, bad),
            )
        )
    return repeat


class GammaGamma(FittedModel):
    """Gamma-Gamma spend model, fitted on the repeat buyers of a summary.

    Parameters
    ----------
    penalizer : float
        L2 penalty on (p, q, γ), as lifetimes defines it; 0 is plain maximum likelihood.

    Attributes
    ----------
    params_ : pandas.Series
        ``p``, ``q`` and ``v`` (γ, named as lifetimes names it).
    log_likelihood_, n_customers_, covariance_, n_iter_, max_gradient_ :
        As for the purchase models (see :class:`crmlib.clv.base.PurchaseModel`).
    """

    NAME = "Gamma-Gamma"
    PARAMS = ("p", "q", "v")

    @staticmethod
    def _log_likelihood_and_gradient(theta, rows: _SpendRows):
        """Σ w·log L (eq. 1) and its gradient in log-parameters. The terms in Γ and ψ are
        computed once per distinct x and the terms without parameters once per fit, so each
        evaluation costs one logarithm and one division per row."""
        p, q, v = np.exp(theta)
        r = rows
        px = p * r.xs
        log_xm_v = np.log(r.xm + v)
        inverse = 1.0 / (r.xm + v)
        wx_log, w_log = r.wx @ log_xm_v, r.w @ log_xm_v
        ll = (
            r.wx_group @ (special.gammaln(px + q) - special.gammaln(px))
            - r.total * special.gammaln(q)
            + r.total * q * np.log(v)
            + p * r.wx_log_mx
            - r.w_log_m
            - p * wx_log
            - q * w_log
        )
        psi_pxq = special.digamma(px + q)
        d_p = r.wxx_group @ (psi_pxq - special.digamma(px)) + r.wx_log_mx - wx_log
        d_q = r.wx_group @ psi_pxq - r.total * special.digamma(q) + r.total * np.log(v) - w_log
        d_v = r.total * q / v - p * (r.wx @ inverse) - q * (r.w @ inverse)
        return float(ll), np.array([d_p * p, d_q * q, d_v * v])

    def fit(self, summary: pd.DataFrame) -> GammaGamma:
        """Fit on the repeat buyers (``frequency`` > 0) of a summary with ``monetary_value``.

        Raises a clear error for zero or negative spend among repeat buyers, and when the
        fitted ``q`` is at most 1, where the model's mean spend is infinite.
        """
        c = compress(_repeat_buyers(summary), ("frequency", "monetary_value"))
        rows = _SpendRows(
            c["frequency"].to_numpy(dtype=float),
            c["monetary_value"].to_numpy(dtype=float),
            c["weight"].to_numpy(dtype=float),
        )

        def loglik(theta):
            return self._log_likelihood_and_gradient(theta, rows)

        theta, self.n_iter_, self.max_gradient_, _hessian = maximise_likelihood(
            loglik, 3, rows.total, self.penalizer, self.NAME
        )
        self.converged_ = True
        self.params_ = pd.Series(np.exp(theta), index=list(self.PARAMS), name=self.NAME)
        self.n_customers_ = int(rows.total)
        self.log_likelihood_ = loglik(theta)[0]
        self.covariance_, self.condition_number_ = covariance_from(loglik, theta)
        if self.params_["q"] <= 1:
            raise ValueError(  # a penalizer would not help: it shrinks q further
                Message(
                    _(
                        "Gamma-Gamma fitted q = {q} <= 1: the implied mean spend is infinite. Look "
                        "for extreme order values (a few very large orders), or fit on a longer "
                        "period with more repeat buyers"
                    ),
                    q=f"{self.params_['q']:.3f}",
                )
            )
        return self

    def population_mean(self) -> float:
        """Mean spend per purchase of a customer drawn at random, pγ/(q−1)."""
        p, q, v = self._fitted()
        return float(p * v / (q - 1))

    def conditional_expected_spend(self, summary: pd.DataFrame) -> pd.Series:
        """Expected spend per future purchase of each customer (eq. 5; the population mean for
        customers without repeat purchases)."""
        p, q, v = self._fitted()
        x = summary["frequency"].to_numpy(dtype=float)
        m = summary["monetary_value"].to_numpy(dtype=float)
        weight = p * x / (p * x + q - 1)
        value = (1 - weight) * p * v / (q - 1) + weight * m
        return pd.Series(value, index=summary.index, name="expected_spend")

    def spend_rate_draws(self, summary: pd.DataFrame, params: np.ndarray, rng) -> np.ndarray:
        """ν of each customer (rows) for each parameter draw (columns), from its posterior
        Gamma(px+q, γ + m̄x); a purchase is then worth Gamma(p, ν)."""
        p, q, v = (a[None, :] for a in params)
        x = summary["frequency"].to_numpy(dtype=float)[:, None]
        m = summary["monetary_value"].to_numpy(dtype=float)[:, None]
        shape = np.broadcast_shapes(x.shape, p.shape)
        return rng.gamma(np.broadcast_to(p * x + q, shape)) / (v + m * x)

    def simulate(self, frequency, random_state=None) -> pd.DataFrame:
        """Mean spend of customers with the given repeat purchases, drawn from the model,
        with each customer's true mean spend p/ν."""
        rng = np.random.default_rng(random_state)
        p, q, v = self._fitted()
        frequency = np.asarray(frequency, dtype=int)
        nu = rng.gamma(q, 1.0 / v, frequency.size)
        total = rng.gamma(p * np.maximum(frequency, 1), 1.0 / nu)
        mean = np.where(frequency > 0, total / np.maximum(frequency, 1), 0.0)
        return pd.DataFrame(
            {"frequency": frequency, "monetary_value": mean, "true_mean_spend": p / nu}
        )
