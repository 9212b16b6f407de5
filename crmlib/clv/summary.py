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

from ..locale import Message, _
from ..orders import require_columns

Unit = Literal["D", "W"]
"""Time unit of recency, T and horizons in model time: days, or weeks of 7 days."""
UNITS: dict[str, float] = {"D": 1.0, "W": 7.0}
DAYS_PER_MONTH = 365.25 / 12


def days_per_unit(unit: Unit) -> float:
    """Length of one model time unit in days; an unknown unit is an error, never a default."""
    if unit not in UNITS:
        raise ValueError(
            Message(
                _("unit must be one of {units} (days or weeks), got {unit}"),
                units=list(UNITS),
                unit=repr(unit),
            )
        )
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


#: Fewest customers a purchase model is fitted to, per parameter: below about ten customers a
#: parameter, the likelihood is nearly flat and the fit runs to the edge of its range (one or
#: two customers give parameters of 1e8 that the optimiser reports as converged).
CUSTOMERS_PER_PARAMETER = 10


def example_id(summary: pd.DataFrame, rows: np.ndarray) -> str:
    """The first such customer's id as a reader would write it (``3``, ``'c4'``)."""
    value = summary.index[np.flatnonzero(rows)[0]]
    return repr(value.item() if isinstance(value, np.generic) else value)


def summary_arrays(summary: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``frequency``, ``recency`` and ``T`` as float arrays, once they are values a model can
    take: no missing value, repeat purchases a whole number 0 or more, 0 ≤ recency ≤ T with T
    finite, recency 0 for a customer without a repeat purchase (it runs from the first purchase
    to the last) and T above 0 for one with repeat purchases (a customer who first bought on
    the period's last day has T = 0 and none). Errors name how many customers break a rule and
    one of them, in the reader's language."""
    missing = [c for c in ("frequency", "recency", "T") if c not in summary]
    if missing:
        raise KeyError(
            Message(
                _("summary needs columns frequency, recency, T; missing {missing}"), missing=missing
            )
        )
    x, tx, T = (summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    with np.errstate(invalid="ignore"):
        rules = (
            (np.isnan(x) | np.isnan(tx) | np.isnan(T), _NO_VALUE),
            ((x < 0) | (x != np.floor(x)) | np.isinf(x), _NOT_A_COUNT),
            ((T < 0) | np.isinf(T), _BAD_AGE),
            ((tx < 0) | (tx > T), _BAD_RECENCY),
            ((x == 0) & (tx != 0), _RECENCY_WITHOUT_REPEAT),
            ((x > 0) & (T == 0), _REPEATS_IN_NO_TIME),
        )
    for broken, message in rules:
        if broken.any():
            raise ValueError(
                Message(message, n=int(broken.sum()), example=example_id(summary, broken))
            )
    return x, tx, T


_NO_VALUE = _(
    "{n} customer(s) have no value for frequency, recency or T (e.g. customer {example}): "
    "fill them in or leave those customers out"
)
_NOT_A_COUNT = _(
    "{n} customer(s) have a frequency that is not a whole number 0 or more (e.g. customer "
    "{example}): frequency counts repeat purchases"
)
_BAD_AGE = _(
    "{n} customer(s) have an age T below 0 or not finite (e.g. customer {example}): T runs "
    "from the first purchase to the end of the period"
)
_BAD_RECENCY = _(
    "{n} customer(s) have a recency below 0 or above their age T (e.g. customer {example})"
)
_RECENCY_WITHOUT_REPEAT = _(
    "{n} customer(s) have a recency above 0 but no repeat purchase (e.g. customer {example}): "
    "recency runs from the first purchase to the last, so it is 0 without a repeat purchase"
)
_REPEATS_IN_NO_TIME = _(
    "{n} customer(s) have repeat purchases but an age T of 0 (e.g. customer {example}): T runs "
    "from the first purchase to the end of the period"
)


def check_summary(summary: pd.DataFrame, parameters: int = 4) -> None:
    """A summary a model with ``parameters`` parameters can be fitted to: values a model can
    take (:func:`summary_arrays`), enough customers (:data:`CUSTOMERS_PER_PARAMETER` a
    parameter), and at least one repeat purchase."""
    x, _tx, _T = summary_arrays(summary)
    least = CUSTOMERS_PER_PARAMETER * parameters
    if len(summary) < least:
        raise ValueError(
            Message(
                _(
                    "{n} customer(s) are too few to fit a model of {k} parameters: it needs "
                    "{least} at least (about 10 a parameter), or its parameters run off to "
                    "meaningless values"
                ),
                n=len(summary),
                k=parameters,
                least=least,
            )
        )
    if (x == 0).all():
        raise ValueError(
            Message(
                _(
                    "no customer has a repeat purchase, so a purchase model cannot tell how often "
                    "people buy or when they leave; use a longer calibration period or more "
                    "customers"
                )
            )
        )


def check_horizon(t, name: str = "horizon") -> np.ndarray:
    """A prediction horizon (a number or one per customer): finite and 0 or more."""
    values = np.asarray(t, dtype=float)
    if not np.isfinite(values).all() or (values < 0).any():
        raise ValueError(Message(_("the {name} must be a finite number 0 or more"), name=name))
    return values
