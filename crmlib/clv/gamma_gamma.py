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

from ..orders import require_columns
from .base import FittedModel, covariance_from, maximise_likelihood
from .summary import compress


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


def _repeat_buyers(summary: pd.DataFrame) -> pd.DataFrame:
    if "monetary_value" not in summary:
        raise KeyError("summary has no monetary_value: build it with amount_col=...")
    repeat = summary[summary["frequency"] > 0]
    if repeat.empty:
        raise ValueError(
            "no repeat buyers: the Gamma-Gamma model is fitted on repeat purchases only"
        )
    bad = repeat[~(repeat["monetary_value"] > 0)]
    if len(bad):
        raise ValueError(
            f"{len(bad)} repeat buyer(s) have zero, negative or missing mean spend (e.g. customer "
            f"{bad.index[0]!r}); Gamma-Gamma needs positive amounts: exclude refunded and unpaid "
            "orders before summarising"
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
    def _log_likelihood_and_gradient(theta, x, m, w):
        p, q, v = np.exp(theta)
        px = p * x
        log_xm_v = np.log(x * m + v)
        ll = (
            special.gammaln(px + q)
            - special.gammaln(px)
            - special.gammaln(q)
            + q * np.log(v)
            + (px - 1) * np.log(m)
            + px * np.log(x)
            - (px + q) * log_xm_v
        )
        psi_pxq = special.digamma(px + q)
        d_p = x * (psi_pxq - special.digamma(px) + np.log(m) + np.log(x) - log_xm_v)
        d_q = psi_pxq - special.digamma(q) + np.log(v) - log_xm_v
        d_v = q / v - (px + q) / (x * m + v)
        grad = np.array([w @ d_p * p, w @ d_q * q, w @ d_v * v])
        return float(w @ ll), grad

    def fit(self, summary: pd.DataFrame) -> GammaGamma:
        """Fit on the repeat buyers (``frequency`` > 0) of a summary with ``monetary_value``.

        Raises a clear error for zero or negative spend among repeat buyers, and when the
        fitted ``q`` is at most 1, where the model's mean spend is infinite.
        """
        repeat = _repeat_buyers(summary)
        c = compress(repeat, ("frequency", "monetary_value"))
        x = c["frequency"].to_numpy(dtype=float)
        m = c["monetary_value"].to_numpy(dtype=float)
        w = c["weight"].to_numpy(dtype=float)

        def loglik(theta):
            return self._log_likelihood_and_gradient(theta, x, m, w)

        theta, self.n_iter_, self.max_gradient_, _ = maximise_likelihood(
            loglik, 3, float(w.sum()), self.penalizer, self.NAME
        )
        self.converged_ = True
        self.params_ = pd.Series(np.exp(theta), index=list(self.PARAMS), name=self.NAME)
        self.n_customers_ = int(w.sum())
        self.log_likelihood_ = loglik(theta)[0]
        self.covariance_, self.condition_number_ = covariance_from(loglik, theta)
        if self.params_["q"] <= 1:
            raise ValueError(
                f"Gamma-Gamma fitted q = {self.params_['q']:.3f} <= 1: the implied mean spend is "
                "infinite. Look for extreme order values, or add a penalizer (e.g. 0.01)."
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
