"""The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note 008).

While alive a customer buys at rate λ ~ Gamma(r, α); their lifetime is exponential with rate
μ ~ Gamma(s, β), so they may leave at any moment, not only after a purchase. With
x = repeat purchases, t_x = recency, T = age (Fader & Hardie, "A note on deriving the
Pareto/NBD model and related expressions", 2005, eqs. 19–22)::

    L = Γ(r+x) α^r β^s / Γ(r) * [1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) A0]

    A0 = [2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+t_x)) / (α+t_x)^(r+s+x)
          - 2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+T)) / (α+T)^(r+s+x)]   if α >= β
         (with α and β, r+x and s+1 swapped if α < β)

    P(alive) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A0)
    E[Y(t) | x, t_x, T] = P(alive) (r+x)(β+T) / ((α+T)(s-1)) [1 - ((β+T)/(β+T+t))^(s-1)]
    E[X(t)] = rβ / (α(s-1)) [1 - (β/(β+t))^(s-1)]

The gradient is taken numerically (the hypergeometric function has no cheap derivative in
its parameters), so this fitter is slower than BG/NBD's on very large bases.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from .base import PurchaseModel
from .optimise import Rows

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(64)


def _log_hyp(r, alpha, s, beta, x, t):
    """log 2F1(r+s+x, s+1 or r+x; r+s+x+1; |α-β|/(max(α, β)+t)): the costly part of A0."""
    swap = alpha < beta
    low, high = np.where(swap, alpha, beta), np.where(swap, beta, alpha)
    second = np.where(swap, r + x, s + 1)
    rsx = r + s + x
    return np.log(special.hyp2f1(rsx, second, rsx + 1, (high - low) / (high + t)))


def _combine_a0(r, alpha, s, beta, x, tx, T, log_p1, log_p2):
    """log A0 from the two hypergeometric terms (at t_x and at T), by log-sum-exp as lifetimes
    does: A0 = p1/(max+t_x)^(r+s+x) - p2/(max+T)^(r+s+x)."""
    high = np.maximum(alpha, beta)
    rsx = r + s + x
    q1, q2 = high + tx, high + T
    first = log_p1 + rsx * np.log(q2)
    last = log_p2 + rsx * np.log(q1)
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = first + np.log1p(-np.exp(np.minimum(last - first, 0.0)))
    diff = np.where(tx < T, diff, -np.inf)  # t_x = T: A0 = 0
    return diff - rsx * np.log(q1 * q2)


def _log_a0(r, alpha, s, beta, x, tx, T):
    """log A0 for arrays of customers (and parameters), broadcasting."""
    return _combine_a0(
        r,
        alpha,
        s,
        beta,
        x,
        tx,
        T,
        _log_hyp(r, alpha, s, beta, x, tx),
        _log_hyp(r, alpha, s, beta, x, T),
    )


def _distinct_pairs(a: np.ndarray, b: np.ndarray):
    """Codes of the distinct (a, b) pairs, and the pairs' values (hashing, no sorting)."""
    code_a, values_a = pd.factorize(a)
    code_b, values_b = pd.factorize(b)
    codes, keys = pd.factorize(code_a.astype(np.int64) * len(values_b) + code_b)
    return codes, (values_a[keys // len(values_b)], values_b[keys % len(values_b)])


class _Pairs:
    """Distinct (x, t_x) and (x, T) pairs of a set of rows: the hypergeometric terms depend on
    nothing else, and there are far fewer pairs than rows (computed once, cached on the rows)."""

    def __init__(self, rows: Rows) -> None:
        self.i_tx, self.x_tx = _distinct_pairs(rows.x, rows.tx)
        self.i_T, self.x_T = _distinct_pairs(rows.x, rows.T)


def _pnbd_pmf(r, alpha, s, beta, t, x: int):
    """P(X(t) = x) of a new Pareto/NBD customer, by mixing over the lifetime τ (Lomax,
    survival (β/(β+τ))^s): a customer who stays past t buys NB(x; t), one who leaves at τ < t
    buys NB(x; τ); the integral over τ is done by 64-point Gauss–Legendre quadrature.
    Vectorised over t and the parameters (the quadrature runs along a last axis)."""
    r, alpha, s, beta, t = np.broadcast_arrays(
        *(np.asarray(v, float) for v in (r, alpha, s, beta, t))
    )

    def nb(span, r, alpha):
        with np.errstate(divide="ignore"):
            log_p = np.log(span / (alpha + span))
        return np.exp(
            special.gammaln(r + x)
            - special.gammaln(r)
            - special.gammaln(x + 1)
            + r * np.log(alpha / (alpha + span))
            + (x * log_p if x > 0 else 0.0)
        )

    stays = (beta / (beta + t)) ** s * nb(t, r, alpha)
    tau = (t[..., None] / 2) * (_NODES + 1)  # nodes on [0, t]
    r_, alpha_, s_, beta_ = (v[..., None] for v in (r, alpha, s, beta))
    density = s_ * beta_**s_ / (beta_ + tau) ** (s_ + 1)
    leaves = (t / 2) * ((density * nb(tau, r_, alpha_)) @ _WEIGHTS)
    return stays + leaves


class ParetoNBD(PurchaseModel):
    """Pareto/NBD: Poisson purchases at rate λ ~ Gamma(r, α) during an exponential lifetime of
    rate μ ~ Gamma(s, β)."""

    NAME = "Pareto/NBD"
    PARAMS = ("r", "alpha", "s", "beta")
    RATES = ("alpha", "beta")

    def _log_likelihood_rows(self, params, rows: Rows) -> np.ndarray:
        r, alpha, s, beta = params
        x, tx, T = rows.x, rows.tx, rows.T
        head = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
        stay = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
        pairs = rows.cached("_pairs", _Pairs)
        log_p1 = _log_hyp(r, alpha, s, beta, *pairs.x_tx)[pairs.i_tx]
        log_p2 = _log_hyp(r, alpha, s, beta, *pairs.x_T)[pairs.i_T]
        log_a0 = _combine_a0(r, alpha, s, beta, x, tx, T, log_p1, log_p2)
        left = np.log(s) - np.log(r + s + x) + log_a0
        return head + np.logaddexp(stay, left)

    def _p_alive(self, params, x, tx, T):
        r, alpha, s, beta = params
        log_odds = (
            np.log(s)
            - np.log(r + s + x)
            + (r + x) * np.log(alpha + T)
            + s * np.log(beta + T)
            + _log_a0(r, alpha, s, beta, x, tx, T)
        )
        return np.exp(-np.logaddexp(0.0, log_odds))

    def _conditional_expected(self, params, t, x, tx, T):
        r, alpha, s, beta = params
        staying = (r + x) * (beta + T) / ((alpha + T) * (s - 1))
        return (
            self._p_alive(params, x, tx, T)
            * staying
            * (1 - ((beta + T) / (beta + T + t)) ** (s - 1))
        )

    def _expected(self, params, t):
        r, alpha, s, beta = params
        return r * beta / (alpha * (s - 1)) * (1 - (beta / (beta + t)) ** (s - 1))

    def _pmf(self, params, t, x: int):
        return _pnbd_pmf(*params, t, x)

    def _alive_pmf(self, params, t, n: int, x, tx, T):
        """An alive customer's future is a new Pareto/NBD customer's (both processes forget
        the past) with λ ~ gamma(r + x, α + T) and μ ~ gamma(s, β + T), independent."""
        r, alpha, s, beta = params
        return _pnbd_pmf(r + x, alpha + T, s, beta + T, t, n)

    def _dert(self, params, rate, x, tx, T):
        """Closed form (FHL 2005, "RFM and CLV", eq. 2): an alive customer's discounted
        purchases are λ / (δ + μ); E[λ] = (r + x)/(α + T) and, with μ ~ gamma(s, β + T),
        E[1/(δ + μ)] = (β + T)^s δ^(s−1) U(s, s, δ(β + T)), U being Tricomi's confluent
        hypergeometric function."""
        r, alpha, s, beta = params
        z = rate * (beta + T)
        inverse = np.exp(s * np.log(beta + T) + (s - 1) * np.log(rate)) * special.hyperu(s, s, z)
        return self._p_alive(params, x, tx, T) * (r + x) / (alpha + T) * inverse

    def _future_state(self, params, x, tx, T, t, rng):
        r, alpha, s, beta = params
        shape = np.broadcast_shapes(np.shape(x), np.shape(r))
        alive = rng.random(shape) < self._p_alive(params, x, tx, T)
        rate = rng.gamma(np.broadcast_to(r + x, shape)) / (alpha + T)
        mu = rng.gamma(np.broadcast_to(s, shape)) / (beta + T)
        window = np.minimum(rng.exponential(1.0, shape) / mu, t)
        return alive, rate, np.full(shape, np.inf), window

    def _simulate_lives(self, n, rng):
        r, alpha, s, beta = self._fitted()
        rate = rng.gamma(r, 1.0 / alpha, n)
        lifetime = rng.exponential(1.0, n) / rng.gamma(s, 1.0 / beta, n)
        return rate, np.zeros(n), lifetime
