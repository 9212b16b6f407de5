"""Prediction intervals for purchases, P(alive) and CLV, and the test of their calibration.

Two sources of uncertainty are kept apart and then combined:

* **the parameters'**: the fitted log-parameters are asymptotically normal with covariance
  the inverse of the observed information (the likelihood's curvature at the maximum,
  :attr:`~crmlib.clv.base.PurchaseModel.covariance_`); draws from it give intervals for
  quantities that are themselves expectations or probabilities (P(alive), E[purchases]);
* **the purchase process's own**: for each parameter draw, each customer's hidden state is
  drawn from its posterior given their history (alive or not; purchase rate; when they will
  leave), and their future purchases simulated. The spread of these draws is the predictive
  distribution of what the customer will actually do — wide for any one customer.

For group totals (a segment, a campaign list) the same parameter draw is used for every
customer, so the parameter uncertainty, which does not average out, is carried into the total.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .base import PurchaseModel
from .gamma_gamma import GammaGamma
from .prediction import discount_factors, model_time
from .summary import DAYS_PER_MONTH, Unit, summary_arrays

CHUNK = 2000  # customers simulated at a time (memory: CHUNK × n_draws per array)


def future_purchases(
    model: PurchaseModel,
    summary: pd.DataFrame,
    horizon_days: float,
    *,
    unit: Unit,
    n_draws: int = 1000,
    parameter_uncertainty: bool = True,
    random_state: int | None = None,
) -> np.ndarray:
    """Simulated purchases of each customer in the next ``horizon_days`` (converted to the
    model's time ``unit``, which is checked).

    Returns an array of shape (customers, ``n_draws``): column j is one possible future of
    the whole customer base under parameter draw j.
    """
    t = float(model_time(model, horizon_days, unit))
    rng = np.random.default_rng(random_state)
    params = model.parameter_draws(n_draws, rng, parameter_uncertainty)
    out = np.empty((len(summary), n_draws))
    for start in range(0, len(summary), CHUNK):
        part = summary.iloc[start : start + CHUNK]
        alive, rate, cap, window = model.future_state(part, t, params, rng)
        counts = np.minimum(rng.poisson(rate * window), cap)
        out[start : start + CHUNK] = np.where(alive, counts, 0.0)
    return out


def parameter_intervals(
    model: PurchaseModel,
    summary: pd.DataFrame,
    horizon_days: float,
    *,
    unit: Unit,
    level: float = 0.9,
    n_draws: int = 1000,
    random_state: int | None = None,
) -> pd.DataFrame:
    """Intervals for each customer's P(alive) and expected purchases in the next
    ``horizon_days`` from the parameters' uncertainty alone (the expectation is uncertain
    because the parameters are estimated; the purchases themselves vary much more)."""
    t = float(model_time(model, horizon_days, unit))
    rng = np.random.default_rng(random_state)
    params = [p[None, :] for p in model.parameter_draws(n_draws, rng)]
    x, tx, T = (a[:, None] for a in summary_arrays(summary))
    low, high = (1 - level) / 2, (1 + level) / 2
    with np.errstate(all="ignore"):
        alive = model._p_alive(params, x, tx, T)
        expected = model._conditional_expected(params, t, x, tx, T)
    columns = {}
    for name, values in (("p_alive", alive), ("expected_purchases", expected)):
        columns[f"{name}_low"] = np.quantile(values, low, axis=1)
        columns[f"{name}_high"] = np.quantile(values, high, axis=1)
    return pd.DataFrame(columns, index=summary.index)


def clv_draws(
    model: PurchaseModel,
    gamma_gamma: GammaGamma,
    summary: pd.DataFrame,
    *,
    unit: Unit,
    months: int = 12,
    annual_discount_rate: float = 0.10,
    margin: float = 1.0,
    n_draws: int = 1000,
    parameter_uncertainty: bool = True,
    random_state: int | None = None,
) -> np.ndarray:
    """Simulated discounted value of each customer over the next ``months`` (customers ×
    draws): purchases month by month (a Poisson count per month, stopped at the purchase after
    which the customer leaves), each worth a draw from the customer's spend distribution
    (Gamma(p, ν), ν from its posterior), times ``margin``, discounted as :func:`clv` does.
    Its mean per customer converges to :func:`~crmlib.clv.clv`."""
    factors = discount_factors(months, annual_discount_rate)
    month = float(model_time(model, DAYS_PER_MONTH, unit))
    rng = np.random.default_rng(random_state)
    params = model.parameter_draws(n_draws, rng, parameter_uncertainty)
    spend_params = gamma_gamma.parameter_draws(n_draws, rng, parameter_uncertainty)
    p_spend = spend_params[0][None, :]
    out = np.empty((len(summary), n_draws))
    for start in range(0, len(summary), CHUNK):
        part = summary.iloc[start : start + CHUNK]
        alive, rate, cap, window = model.future_state(part, months * month, params, rng)
        nu = gamma_gamma.spend_rate_draws(part, spend_params, rng)
        shape = np.broadcast_shapes(alive.shape, rate.shape, np.shape(window), np.shape(cap))
        flat = {  # every customer-draw as one flat array
            name: np.broadcast_to(values, shape).reshape(-1)
            for name, values in (("rate", rate), ("cap", cap), ("nu", nu), ("p", p_spend))
        }
        alive_flat = np.broadcast_to(alive, shape).reshape(-1)
        window_flat = np.broadcast_to(window, shape).reshape(-1)
        bought = np.zeros(alive_flat.size)
        value = np.zeros(alive_flat.size)
        for m, factor in enumerate(factors):
            exposure = np.clip(window_flat - m * month, 0.0, month)
            # only the customer-draws still buying this month are drawn (most are gone or past
            # their window: drawing them all took 80 % of the time), and a spend only where a
            # purchase happens
            live = np.nonzero(alive_flat & (exposure > 0) & (bought < flat["cap"]))[0]
            counts = rng.poisson(flat["rate"][live] * exposure[live])
            new = np.minimum(bought[live] + counts, flat["cap"][live]) - bought[live]
            bought[live] += new
            buys, new = live[new > 0], new[new > 0]
            spend = rng.gamma(flat["p"][buys] * new) / flat["nu"][buys]
            value[buys] += factor * margin * spend
        value = value.reshape(shape)
        out[start : start + CHUNK] = value
    return out


def competition_ranks(draws: np.ndarray) -> np.ndarray:
    """Rank (1 = highest value) of each row within each column of ``draws``, ties sharing
    the best place, as in a sports table ("1224"): 1 + the number of rows with a higher
    value. Rows with equal values get the same rank whatever order a sort puts them in."""
    ranks = np.empty(draws.shape, dtype=np.int64)
    for j in range(draws.shape[1]):
        ordered = np.sort(-draws[:, j])  # ascending in -value: highest value first
        ranks[:, j] = np.searchsorted(ordered, -draws[:, j], side="left") + 1
    return ranks


def interval_table(
    draws: np.ndarray, index: pd.Index, *, level: float = 0.8, name: str = "value"
) -> pd.DataFrame:
    """Mean and central ``level`` interval of each row of ``draws``, with the rank interval
    (1 = highest) of each customer across the same draws: when two customers' rank intervals
    overlap, their order is not known.

    Customers with equal values in a draw (most often the many worth 0) share the best of
    their places (:func:`competition_ranks`), so the intervals do not depend on how a sort
    breaks ties, which differs between CPUs."""
    low, high = (1 - level) / 2, (1 + level) / 2
    ranks = competition_ranks(draws)
    return pd.DataFrame(
        {
            f"{name}_mean": draws.mean(axis=1),
            f"{name}_low": np.quantile(draws, low, axis=1),
            f"{name}_high": np.quantile(draws, high, axis=1),
            "rank_low": np.quantile(ranks, low, axis=1, method="lower").astype(int),
            "rank_high": np.quantile(ranks, high, axis=1, method="higher").astype(int),
        },
        index=index,
    )


def group_intervals(
    draws: np.ndarray, groups: np.ndarray, *, levels: tuple[float, ...] = (0.8, 0.95)
) -> pd.DataFrame:
    """Intervals for group totals: customers' draws summed within each group, draw by draw
    (so a parameter draw that raises everyone raises the total), then the central intervals
    at each level. ``groups`` labels the rows of ``draws``."""
    codes, uniques = pd.factorize(pd.Series(groups), sort=True)
    totals = np.zeros((len(uniques), draws.shape[1]))
    np.add.at(totals, codes, draws)
    out = {"mean": totals.mean(axis=1)}
    for level in levels:
        out[f"low_{level:g}"] = np.quantile(totals, (1 - level) / 2, axis=1)
        out[f"high_{level:g}"] = np.quantile(totals, (1 + level) / 2, axis=1)
    return pd.DataFrame(out, index=pd.Index(uniques, name="group"))


def randomised_pit(
    draws: np.ndarray, observed: np.ndarray, random_state: int | None = None
) -> np.ndarray:
    """Randomised probability integral transform of whole-number outcomes.

    u = F(y−1) + V (F(y) − F(y−1)), V uniform, with F each row's predictive distribution
    (the empirical distribution of its draws). If the predictive distributions are right, u
    is uniform on (0, 1) (Czado, Gneiting & Held 2009); plain intervals on small counts would
    over-cover by construction, which this avoids.
    """
    rng = np.random.default_rng(random_state)
    y = np.asarray(observed, dtype=float)[:, None]
    below = (draws < y).mean(axis=1)
    at_most = (draws <= y).mean(axis=1)
    return below + rng.random(len(below)) * (at_most - below)


def interval_coverage(
    draws: np.ndarray,
    actual: np.ndarray,
    groups: np.ndarray,
    *,
    levels: tuple[float, ...] = (0.8, 0.95),
) -> pd.DataFrame:
    """How often the group-total intervals hold the actual totals: one row per level with the
    number of groups and the share covered (honest intervals cover about their level)."""
    bands = group_intervals(draws, groups, levels=levels)
    totals = pd.Series(np.asarray(actual, dtype=float)).groupby(np.asarray(groups)).sum()
    totals = totals.reindex(bands.index).to_numpy()
    rows = {
        level: {
            "groups": len(bands),
            "covered": float(
                ((totals >= bands[f"low_{level:g}"]) & (totals <= bands[f"high_{level:g}"])).mean()
            ),
        }
        for level in levels
    }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "level"
    return table


def parameter_table(model, level: float = 0.95) -> pd.DataFrame:
    """Each fitted parameter with its standard error and a ``level`` confidence interval, from
    the likelihood's curvature (normal in the log-parameter, so the interval stays positive)."""
    from scipy import stats

    z = stats.norm.ppf((1 + level) / 2)
    estimate = model.params_
    se_log = np.sqrt(np.diag(model.covariance_))
    return pd.DataFrame(
        {
            "estimate": estimate,
            "std_error": estimate * se_log,
            "low": estimate * np.exp(-z * se_log),
            "high": estimate * np.exp(z * se_log),
        }
    ).rename_axis("parameter")
