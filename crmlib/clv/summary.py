"""Customer-base summaries: the data side of the CLV models.

From a transaction log to one row per customer (repeat purchases, recency, age and mean
repeat spend, in an explicit time unit), and the calibration/holdout split that model checks
use. pandas-3-safe and vectorised (several of lifetimes' own utilities no longer run on
current pandas).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..orders import require_columns

Unit = Literal["D", "W"]
"""Time unit of recency, T and horizons in model time: days, or weeks of 7 days."""
UNITS: dict[str, float] = {"D": 1.0, "W": 7.0}
DAYS_PER_MONTH = 365.25 / 12


def days_per_unit(unit: Unit) -> float:
    """Length of one model time unit in days; an unknown unit is an error, never a default."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {list(UNITS)} (days or weeks), got {unit!r}")
    return UNITS[unit]


def purchase_days(
    transactions: pd.DataFrame, customer_col: str, time_col: str, amount_col: str | None = None
) -> pd.DataFrame:
    """One row per customer and calendar day with a purchase (amounts summed), validated.

    Returns ``customer``, ``day`` (midnight) and, with ``amount_col``, ``amount``. Missing
    times or amounts raise a ``ValueError`` naming the column and example rows.
    """
    columns = [customer_col, time_col] + ([amount_col] if amount_col else [])
    require_columns(transactions, columns, "purchase_days")
    times = pd.to_datetime(transactions[time_col])
    if times.isna().any():
        rows = list(transactions.index[times.isna()][:5])
        raise ValueError(
            f"column {time_col!r} has {int(times.isna().sum())} missing time(s) (e.g. rows {rows}); "
            "unpaid orders have no paid time: filter them out first"
        )
    data = pd.DataFrame(
        {"customer": transactions[customer_col].to_numpy(), "day": times.dt.normalize().to_numpy()}
    )
    if amount_col:
        amounts = pd.to_numeric(transactions[amount_col], errors="coerce")
        if amounts.isna().any():
            rows = list(transactions.index[amounts.isna()][:5])
            raise ValueError(
                f"column {amount_col!r} has missing or non-numeric amounts (e.g. rows {rows})"
            )
        data["amount"] = amounts.to_numpy()
    grouped = data.groupby(["customer", "day"], sort=True, observed=True)
    return (
        grouped["amount"].sum().reset_index()
        if amount_col
        else grouped.size().reset_index()[["customer", "day"]]
    )


def transaction_summary(
    transactions: pd.DataFrame,
    observation_end: str | pd.Timestamp,
    *,
    customer_col: str = "customer_id",
    time_col: str = "paid_time",
    amount_col: str | None = None,
    unit: Unit,
) -> pd.DataFrame:
    """Per-customer frequency, recency, T (and mean repeat spend) from a transaction log.

    Purchases on the same calendar day are merged into one (their amounts summed), as in
    Fader, Hardie & Lee (2005). Times are measured in whole days and expressed in ``unit``.

    Parameters
    ----------
    transactions : pandas.DataFrame
        One row per purchase. Filter out refunded or unpaid orders *before* calling: every row
        given here counts as a purchase.
    observation_end : date
        Last day of the observation period (inclusive).
    customer_col, time_col, amount_col : str
        Column names; ``amount_col`` is optional (no ``monetary_value`` without it).
    unit : {"D", "W"}
        Time unit of recency and T: days, or weeks of 7 days (fractional, as in the paper).
        Required: every later step (predict, clv, ...) is told the same unit explicitly.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer: ``frequency`` (number of repeat purchase days), ``recency`` (time
        from first to last purchase), ``T`` (time from first purchase to ``observation_end``)
        and, with ``amount_col``, ``monetary_value``: the mean amount of the *repeat* purchase
        days (0 for customers with no repeat purchase), as the Gamma-Gamma model expects.

    Raises
    ------
    KeyError
        A named column is missing.
    ValueError
        Unknown unit, missing times or amounts, or transactions after ``observation_end``.
    """
    scale = days_per_unit(unit)
    end = pd.Timestamp(observation_end).normalize()
    daily = purchase_days(transactions, customer_col, time_col, amount_col)
    if (daily["day"] > end).any():
        late = daily[daily["day"] > end]
        raise ValueError(
            f"{len(late)} purchase day(s) fall after observation_end {end.date()} "
            f"(latest {late['day'].max().date()}); filter them out or move observation_end"
        )
    first = daily.groupby("customer")["day"].transform("min")
    daily["repeat"] = daily["day"] > first
    per = daily.groupby("customer")
    summary = pd.DataFrame(
        {
            "frequency": per["repeat"].sum().astype("int64"),
            "recency": (per["day"].max() - per["day"].min()).dt.days / scale,
            "T": (end - per["day"].min()).dt.days / scale,
        }
    )
    if amount_col:
        repeat_spend = daily[daily["repeat"]].groupby("customer")["amount"].mean()
        summary["monetary_value"] = repeat_spend.reindex(summary.index, fill_value=0.0)
    summary.index.name = customer_col
    return summary


def calibration_holdout(
    transactions: pd.DataFrame,
    calibration_end: str | pd.Timestamp,
    observation_end: str | pd.Timestamp,
    *,
    customer_col: str = "customer_id",
    time_col: str = "paid_time",
    amount_col: str | None = None,
    unit: Unit,
) -> pd.DataFrame:
    """Summaries for a calibration period and what the same customers did in the holdout.

    Customers are those who bought by ``calibration_end`` (inclusive); the holdout runs from
    the next day to ``observation_end`` (inclusive). Works with or without an amount column
    (lifetimes' own version fails without one on pandas 3).

    Returns
    -------
    pandas.DataFrame
        The calibration summary (``frequency``, ``recency``, ``T``, ``monetary_value``) plus
        ``frequency_holdout`` (purchase days in the holdout), ``monetary_value_holdout`` (mean
        holdout spend per purchase day, 0 if none) and ``duration_holdout`` (in ``unit``).
    """
    cal_end = pd.Timestamp(calibration_end).normalize()
    obs_end = pd.Timestamp(observation_end).normalize()
    if obs_end <= cal_end:
        raise ValueError(
            f"observation_end {obs_end.date()} must be after calibration_end {cal_end.date()}"
        )
    day = pd.to_datetime(transactions[time_col]).dt.normalize()
    cal = transaction_summary(
        transactions[day <= cal_end],
        cal_end,
        customer_col=customer_col,
        time_col=time_col,
        amount_col=amount_col,
        unit=unit,
    )
    days = purchase_days(
        transactions[(day > cal_end) & (day <= obs_end)], customer_col, time_col, amount_col
    )
    per_customer = days[days["customer"].isin(cal.index)].groupby("customer")
    cal["frequency_holdout"] = per_customer.size().reindex(cal.index, fill_value=0).astype("int64")
    if amount_col:
        cal["monetary_value_holdout"] = (
            per_customer["amount"].mean().reindex(cal.index, fill_value=0.0)
        )
    cal["duration_holdout"] = (obs_end - cal_end).days / days_per_unit(unit)
    return cal


def compress(
    summary: pd.DataFrame, columns: tuple[str, ...] = ("frequency", "recency", "T")
) -> pd.DataFrame:
    """Identical rows collapsed into one with a ``weight`` (how many customers share it)."""
    grouped = summary.groupby(list(columns), sort=True).size().rename("weight").reset_index()
    return grouped


def summary_arrays(summary: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``frequency``, ``recency`` and ``T`` as float arrays (named columns checked)."""
    missing = [c for c in ("frequency", "recency", "T") if c not in summary]
    if missing:
        raise KeyError(f"summary needs columns frequency, recency, T; missing {missing}")
    return tuple(summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))


def check_summary(summary: pd.DataFrame) -> None:
    """A summary a model can be fitted to: the columns, some customers, sane values, and at
    least one repeat purchase."""
    summary_arrays(summary)
    if len(summary) == 0:
        raise ValueError("the summary is empty: no customers to fit")
    bad = summary[
        (summary["recency"] < 0) | (summary["T"] < summary["recency"]) | (summary["frequency"] < 0)
    ]
    if len(bad):
        raise ValueError(
            f"{len(bad)} row(s) have negative values or recency > T, e.g. customer {bad.index[0]!r}"
        )
    if (summary["frequency"] == 0).all():
        raise ValueError(
            "no customer has a repeat purchase, so a purchase model cannot tell how often people "
            "buy or when they leave; use a longer calibration period or more customers"
        )
