"""Choosing a purchase model: every model fitted on the same calibration period and set side
by side on what the data say (log-likelihood, AIC, BIC), and on what the holdout says
(errors, and the conditional-expectation table of Fader, Hardie & Lee 2005, figure 4).

A new model is one entry in :data:`MODELS`.
"""

from __future__ import annotations

import pandas as pd

from .base import PurchaseModel
from .bgnbd import BGNBD
from .checks import holdout_by_frequency, holdout_errors
from .mbgnbd import MBGNBD
from .names import ModelName
from .pareto_nbd import ParetoNBD
from .summary import Unit

MODELS: dict[str, type[PurchaseModel]] = {
    "bgnbd": BGNBD,
    "mbgnbd": MBGNBD,
    "pareto_nbd": ParetoNBD,
}


def make_model(name: ModelName, penalizer: float = 0.0) -> PurchaseModel:
    """An unfitted purchase model by name (the names the CLI accepts)."""
    if name not in MODELS:
        raise ValueError(f"model must be one of {list(MODELS)}, got {name!r}")
    return MODELS[name](penalizer=penalizer)


def fit_models(
    summary: pd.DataFrame,
    *,
    unit: Unit,
    names: tuple[ModelName, ...] = ("bgnbd", "mbgnbd", "pareto_nbd"),
    penalizer: float = 0.0,
) -> dict[str, PurchaseModel]:
    """Every named model fitted on the same summary."""
    return {name: make_model(name, penalizer).fit(summary, unit=unit) for name in names}


def compare_models(models: dict[str, PurchaseModel], cal_hold: pd.DataFrame) -> pd.DataFrame:
    """One row per model: parameters, log-likelihood, AIC and BIC on the calibration period
    (with the difference from the best, which is what matters: below 2 the data hardly
    prefer one, above 10 strongly), and the holdout errors.

    ``cal_hold`` is the calibration summary the models were fitted on, with the holdout
    columns of :func:`~crmlib.clv.calibration_holdout`.
    """
    rows = {}
    for name, model in models.items():
        errors = holdout_errors(model, cal_hold)
        rows[name] = {
            "parameters": len(model.PARAMS),
            "log_likelihood": model.log_likelihood_,
            "aic": model.aic(),
            "bic": model.bic(),
            "mae": errors["mae"],
            "rmse": errors["rmse"],
            "total_error_pct": errors["total_error_pct"],
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.insert(3, "delta_aic", table["aic"] - table["aic"].min())
    table.insert(5, "delta_bic", table["bic"] - table["bic"].min())
    table.index.name = "purchase_model"
    return table


def conditional_expectations(
    models: dict[str, PurchaseModel], cal_hold: pd.DataFrame, max_frequency: int = 7
) -> pd.DataFrame:
    """Mean holdout purchases by calibration frequency: the actual figure and each model's."""
    tables = {name: holdout_by_frequency(m, cal_hold, max_frequency) for name, m in models.items()}
    first = next(iter(tables.values()))
    out = first[["customers", "actual"]].copy()
    for name, table in tables.items():
        out[name] = table["predicted"]
    return out
