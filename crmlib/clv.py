"""Customer-base summaries for the BG/NBD and Gamma-Gamma models (the data side of CLV).

lifetimes does the estimation; this module owns the data preparation, pandas-3-safe and
vectorised, because several of lifetimes' own utilities no longer run on current pandas.
"""

from __future__ import annotations

import pandas as pd

UNITS = {"D": 1.0, "W": 7.0}


def _check_columns(frame: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{what}: missing column(s) {missing}; found {list(frame.columns)}")


def transaction_summary(
    transactions: pd.DataFrame,
    observation_end: str | pd.Timestamp,
    *,
    customer_col: str = "customer_id",
    time_col: str = "paid_time",
    amount_col: str | None = None,
    unit: str = "D",
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
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {list(UNITS)} (days or weeks), got {unit!r}")
    columns = [customer_col, time_col] + ([amount_col] if amount_col else [])
    _check_columns(transactions, columns, "transaction_summary")
    end = pd.Timestamp(observation_end).normalize()
    times = pd.to_datetime(transactions[time_col])
    if times.isna().any():
        rows = list(transactions.index[times.isna()][:5])
        raise ValueError(
            f"column {time_col!r} has {int(times.isna().sum())} missing time(s) (e.g. rows {rows}); "
            "unpaid orders have no paid time: filter them out first"
        )
    late = times.dt.normalize() > end
    if late.any():
        raise ValueError(
            f"{int(late.sum())} transaction(s) fall after observation_end {end.date()} "
            f"(latest {times.max()}); filter them out or move observation_end"
        )
    data = pd.DataFrame(
        {"customer": transactions[customer_col].to_numpy(), "day": times.dt.normalize()}
    )
    if amount_col:
        amounts = pd.to_numeric(transactions[amount_col], errors="coerce")
        if amounts.isna().any():
            rows = list(transactions.index[amounts.isna()][:5])
            raise ValueError(
                f"column {amount_col!r} has missing or non-numeric amounts (e.g. rows {rows})"
            )
        data["amount"] = amounts.to_numpy()
    daily = data.groupby(["customer", "day"], sort=True, observed=True)
    daily = daily["amount"].sum().reset_index() if amount_col else daily.size().reset_index()
    first = daily.groupby("customer")["day"].transform("min")
    daily["repeat"] = daily["day"] > first
    per = daily.groupby("customer")
    scale = UNITS[unit]
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
