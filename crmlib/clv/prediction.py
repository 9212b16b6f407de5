"""Predictions from a fitted purchase model (any of them) and the Gamma-Gamma spend model:
P(alive), expected purchases over a horizon in days, expected spend, discounted CLV, and one
customer's P(alive) day by day."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from ..locale import Message, _
from .base import PurchaseModel
from .gamma_gamma import GammaGamma
from .summary import DAYS_PER_MONTH, Unit, check_horizon, days_per_unit


def model_time(model: PurchaseModel, days: float | np.ndarray, unit: Unit):
    """Days converted into the model's time unit, after checking the unit said is the unit the
    model was fitted in (a model fitted in weeks read in days would be off by a factor 7)."""
    scale = days_per_unit(unit)
    fitted = getattr(model, "unit_", None)
    if fitted is not None and fitted != unit:
        raise ValueError(
            Message(
                _(
                    "the {model} model was fitted on a summary in unit {fitted}, but unit={unit} "
                    "was given: build the summary and read the model in the same unit"
                ),
                model=model.NAME,
                fitted=repr(fitted),
                unit=repr(unit),
            )
        )
    return np.asarray(days, dtype=float) / scale


def predict(
    model: PurchaseModel,
    summary: pd.DataFrame,
    horizon_days: float,
    *,
    unit: Unit,
    gamma_gamma: GammaGamma | None = None,
) -> pd.DataFrame:
    """Per-customer predictions: P(alive), expected purchases in the next ``horizon_days``,
    and with a spend model, expected spend per purchase and revenue.

    The horizon is given in days whatever the model's time ``unit``, and converted.
    """
    t = model_time(model, check_horizon(horizon_days, "horizon_days"), unit)
    out = pd.DataFrame(
        {
            "p_alive": model.p_alive(summary),
            "expected_purchases": model.conditional_expected_purchases(summary, t),
        }
    )
    if gamma_gamma is not None:
        out["expected_spend"] = gamma_gamma.conditional_expected_spend(summary)
        out["expected_revenue"] = out["expected_purchases"] * out["expected_spend"]
    return out


def discount_factors(months: int, annual_discount_rate: float) -> np.ndarray:
    """Discount factor of each month 1..months at an *annual* rate converted to monthly,
    (1 + annual)^(1/12) - 1, the rate being in [0, 1)."""
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    if not 0 <= annual_discount_rate < 1:
        raise ValueError(
            f"annual_discount_rate must be in [0, 1), e.g. 0.10 for 10%; got {annual_discount_rate}"
        )
    monthly = (1 + annual_discount_rate) ** (1 / 12) - 1
    return 1 / (1 + monthly) ** np.arange(1, months + 1)


def clv(
    model: PurchaseModel,
    gamma_gamma: GammaGamma,
    summary: pd.DataFrame,
    *,
    unit: Unit,
    months: int = 12,
    annual_discount_rate: float = 0.10,
    margin: float = 1.0,
) -> pd.Series:
    """Discounted customer lifetime value over the next ``months`` (in money).

    Month m's expected purchases (from the purchase model, a month being 365.25/12 days) times
    the expected spend per purchase (Gamma-Gamma) times ``margin``, discounted at the annual
    rate converted to monthly (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 2, in discrete
    months).
    """
    factors = discount_factors(months, annual_discount_rate)
    month = model_time(model, DAYS_PER_MONTH, unit)
    spend = gamma_gamma.conditional_expected_spend(summary).to_numpy()
    value = np.zeros(len(summary))
    previous = np.zeros(len(summary))

    def purchases_by(m: int) -> np.ndarray:
        return model.conditional_expected_purchases(summary, m * month).to_numpy()

    # the months on every core: the special functions release the GIL
    with ThreadPoolExecutor(min(os.cpu_count() or 1, months)) as pool:
        for cumulative, factor in zip(
            pool.map(purchases_by, range(1, months + 1)), factors, strict=True
        ):
            value += (cumulative - previous) * spend * margin * factor
            previous = cumulative
    return pd.Series(value, index=summary.index, name="clv")


def alive_history(
    model: PurchaseModel,
    purchase_times: pd.Series,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    *,
    unit: Unit,
) -> pd.Series:
    """P(alive) of one customer on each day from ``start`` to ``end``, given their purchases.

    ``purchase_times`` are that customer's purchase timestamps (the first is the first purchase);
    same-day purchases count once. Right after each purchase the probability is that of a
    customer who has just bought and it decays while the customer is silent.
    """
    days = (
        pd.Series(pd.to_datetime(purchase_times))
        .dt.normalize()
        .drop_duplicates()
        .sort_values()
        .to_numpy()
    )
    if len(days) == 0:
        raise ValueError("alive_history needs at least one purchase")
    grid = pd.date_range(pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize(), freq="D")
    grid = grid[grid >= days[0]]
    n_before = np.searchsorted(days, grid.to_numpy(), side="right")
    last = days[n_before - 1]
    one_day = np.timedelta64(1, "D")
    state = pd.DataFrame(
        {
            "frequency": n_before - 1,
            "recency": model_time(model, (last - days[0]) / one_day, unit),
            "T": model_time(model, (grid.to_numpy() - days[0]) / one_day, unit),
        },
        index=grid,
    )
    return model.p_alive(state)
