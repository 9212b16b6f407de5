"""How well a fitted purchase model (any of them) describes the data: the checks of Fader,
Hardie & Lee (2005) — holdout purchases by calibration frequency (figure 4), the histogram of
repeat purchases (figure 2), cumulative repeat purchases over time (figure 3) — and holdout
errors."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .base import PurchaseModel
from .prediction import model_time
from .summary import Unit, purchase_days


def holdout_predictions(model: PurchaseModel, cal_hold: pd.DataFrame) -> pd.Series:
    """Expected purchase days of each customer over their holdout period (model time)."""
    predicted = model.conditional_expected_purchases(
        cal_hold, cal_hold["duration_holdout"].to_numpy(dtype=float)
    )
    return predicted.rename("predicted")


def holdout_by_frequency(
    model: PurchaseModel, cal_hold: pd.DataFrame, max_frequency: int = 7
) -> pd.DataFrame:
    """Mean holdout purchases, actual vs predicted, by calibration frequency (0 … max+).

    The classic "conditional expectations" check of Fader, Hardie & Lee (2005, figure 4).
    """
    group = cal_hold["frequency"].clip(upper=max_frequency)
    table = pd.DataFrame(
        {
            "actual": cal_hold["frequency_holdout"],
            "predicted": holdout_predictions(model, cal_hold),
            "group": group,
        }
    )
    out = table.groupby("group").agg(
        customers=("actual", "size"), actual=("actual", "mean"), predicted=("predicted", "mean")
    )
    out.index = [f"{g}+" if g == max_frequency else str(g) for g in out.index]
    out.index.name = "calibration_frequency"
    return out


def period_transactions(
    model: PurchaseModel, summary: pd.DataFrame, max_frequency: int = 7
) -> pd.DataFrame:
    """Customers by number of repeat purchases in calibration: actual vs the model's expectation.

    The expectation sums, over customers, the model's probability of exactly x purchases in
    their own observation time T (no simulation, so it is deterministic).
    """
    T_values, counts = np.unique(summary["T"].to_numpy(), return_counts=True)
    expected = np.zeros(max_frequency + 1)
    for x in range(max_frequency):
        expected[x] = (model.pmf(T_values, x) * counts).sum()
    expected[max_frequency] = len(summary) - expected[:max_frequency].sum()
    actual = (
        summary["frequency"]
        .clip(upper=max_frequency)
        .value_counts()
        .reindex(range(max_frequency + 1), fill_value=0)
    )
    index = [str(x) for x in range(max_frequency)] + [f"{max_frequency}+"]
    return pd.DataFrame(
        {"actual": actual.to_numpy(), "model": expected},
        index=pd.Index(index, name="repeat_purchases"),
    )


def cumulative_tracking(
    model: PurchaseModel,
    transactions: pd.DataFrame,
    first_purchase: pd.Series,
    end: str | pd.Timestamp,
    *,
    unit: Unit,
    customer_col: str = "customer_id",
    time_col: str = "paid_time",
    step_days: int = 7,
) -> pd.DataFrame:
    """Cumulative repeat purchase days: actual vs the model, on a grid of ``step_days``.

    ``first_purchase`` (one timestamp per customer, the cohort fitted) sets each customer's
    birth; the model's expectation for a customer of age t is E[X(t)].
    """
    births = pd.to_datetime(first_purchase).dt.normalize()
    grid = pd.date_range(births.min(), pd.Timestamp(end).normalize(), freq=f"{step_days}D")
    log = purchase_days(transactions, customer_col, time_col).rename(
        columns={"customer": "c", "day": "d"}
    )
    log = log[log["c"].isin(births.index)]
    log = log[log["d"] > births.reindex(log["c"]).to_numpy()]
    actual = np.searchsorted(np.sort(log["d"].to_numpy()), grid.to_numpy(), side="right")
    birth_days, counts = np.unique(births.to_numpy(), return_counts=True)
    expected = []
    for g in grid.to_numpy():
        age = model_time(model, (g - birth_days) / np.timedelta64(1, "D"), unit)
        alive = age > 0
        expected.append(float((model.expected_purchases(age[alive]) * counts[alive]).sum()))
    return pd.DataFrame({"actual": actual, "model": expected}, index=pd.Index(grid, name="date"))


def holdout_errors(model: PurchaseModel, cal_hold: pd.DataFrame) -> pd.Series:
    """Error of the per-customer holdout predictions: MAE, RMSE, and total predicted vs actual."""
    predicted = holdout_predictions(model, cal_hold).to_numpy()
    actual = cal_hold["frequency_holdout"].to_numpy(dtype=float)
    return pd.Series(
        {
            # by hand, as scikit-learn's mean_absolute_error and root_mean_squared_error do:
            # importing sklearn.metrics cost every `crmlib score` 0.7 s of start-up
            "mae": float(np.mean(np.abs(actual - predicted))),
            "rmse": float(np.sqrt(np.mean((actual - predicted) ** 2))),
            "total_actual": float(actual.sum()),
            "total_predicted": float(predicted.sum()),
            "total_error_pct": float(100 * (predicted.sum() - actual.sum()) / actual.sum()),
        }
    )
