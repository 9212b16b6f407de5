"""Choosing a purchase model by what it predicts: rolling-origin backtests.

AIC and BIC judge a model by how well it fits the calibration period. A shop needs the model
that predicts the next months best, and the two can disagree: on CDNOW, AIC prefers MBG/NBD
while its holdout total is the furthest off (notebook 06, 深入). A backtest repeats the
calibration/holdout split at several cut-offs ("rolling origin"), fits every model on the
data before each cut-off and scores its predictions of the ``horizon_days`` after it:

* the error of the holdout **total** (what a purchase forecast or a budget uses), in percent;
* the per-customer errors (MAE, RMSE) of the conditional expectations;
* AIC and BIC of the same fit, beside them.

:func:`recommend` names the model with the smallest mean error on the criterion it is given
(by default the absolute error of the holdout total) and says whether AIC agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from .choice import compare_models, fit_models
from .names import MODEL_NAMES, ModelName
from .summary import Unit, calibration_holdout

Criterion = Literal["total_error", "mae", "rmse"]


def backtest(
    transactions: pd.DataFrame,
    cutoffs: list[str | pd.Timestamp],
    horizon_days: int,
    *,
    unit: Unit,
    customer_col: str = "customer_id",
    time_col: str = "paid_time",
    names: tuple[ModelName, ...] = MODEL_NAMES,
    penalizer: float = 0.0,
) -> pd.DataFrame:
    """One row per (cut-off, model): AIC, BIC and the holdout errors of a fit on the data up
    to the cut-off, predicting the ``horizon_days`` after it (customers who bought by the
    cut-off; later first buyers are not the models' to predict). Every cut-off must leave a
    full horizon inside the data."""
    times = pd.to_datetime(transactions[time_col])
    if not len(cutoffs):
        raise ValueError("a backtest needs at least one cut-off date")
    try:
        days = sorted(pd.Timestamp(c).normalize() for c in cutoffs)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"cut-offs must be dates such as '1997-09-30', got {list(cutoffs)}"
        ) from exc
    rows = []
    for cutoff in days:
        end = cutoff + pd.Timedelta(days=horizon_days)
        if end > times.max().normalize():
            raise ValueError(
                f"cut-off {cutoff.date()} + {horizon_days} days runs past the data's last day "
                f"{times.max().date()}: choose earlier cut-offs or a shorter horizon"
            )
        cal_hold = calibration_holdout(
            transactions, cutoff, end, customer_col=customer_col, time_col=time_col, unit=unit
        )
        table = compare_models(
            fit_models(cal_hold, unit=unit, names=names, penalizer=penalizer), cal_hold
        )
        table = table.assign(
            cutoff=cutoff,
            customers=len(cal_hold),
            holdout_total=cal_hold["frequency_holdout"].sum(),
        )
        rows.append(table.reset_index())
    columns = [
        "cutoff", "purchase_model", "customers", "holdout_total", "aic", "bic", "mae", "rmse",
        "total_error_pct",
    ]  # fmt: skip
    return pd.concat(rows, ignore_index=True)[columns]


@dataclass(frozen=True)
class Recommendation:
    """The model a backtest recommends, the criterion it was chosen by, and AIC's choice."""

    model: str
    criterion: Criterion
    by_aic: str
    summary: pd.DataFrame  # per model: mean errors over the cut-offs, mean AIC rank, wins

    @property
    def aic_agrees(self) -> bool:
        return self.model == self.by_aic


def recommend(results: pd.DataFrame, criterion: Criterion = "total_error") -> Recommendation:
    """The model with the smallest mean error over the cut-offs, by ``criterion``:
    ``"total_error"`` (the absolute error of the holdout total, %), ``"mae"`` or ``"rmse"``
    (per customer); beside it the model AIC prefers most often."""
    column = {"total_error": "abs_total_error_pct", "mae": "mae", "rmse": "rmse"}[criterion]
    scored = results.assign(
        abs_total_error_pct=results["total_error_pct"].abs(),
        aic_rank=results.groupby("cutoff")["aic"].rank(method="min"),
    )
    scored["wins"] = scored.groupby("cutoff")[column].rank(method="min") == 1
    summary = scored.groupby("purchase_model").agg(
        abs_total_error_pct=("abs_total_error_pct", "mean"),
        mae=("mae", "mean"),
        rmse=("rmse", "mean"),
        aic_rank=("aic_rank", "mean"),
        wins=("wins", "sum"),
    )
    return Recommendation(
        model=str(summary[column].idxmin()),
        criterion=criterion,
        by_aic=str(summary["aic_rank"].idxmin()),
        summary=summary.sort_values(column),
    )
