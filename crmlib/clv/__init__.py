"""Customer lifetime value: purchase models, spend model, predictions, checks, model choice
and prediction intervals.

One interface for every purchase model (:class:`BGNBD`, :class:`MBGNBD`, :class:`ParetoNBD`,
all on :class:`~crmlib.clv.base.PurchaseModel`) and the :class:`GammaGamma` spend model; each
module has one job:

========================  =====================================================================
:mod:`.summary`           transaction log → per-customer summary, calibration/holdout split
:mod:`.base`              the shared fitter, diagnostics and interface of the purchase models
:mod:`.beta_geometric`    the mathematics BG/NBD and MBG/NBD share
:mod:`.bgnbd`, ...        one model per file
:mod:`.bgbb`              BG/BB, for purchases at fixed opportunities (discrete time)
:mod:`.gamma_gamma`       spend per purchase, and the check of its assumption
:mod:`.predict`           P(alive), expected purchases over days, CLV
:mod:`.checks`            the published goodness-of-fit checks and holdout errors
:mod:`.choice`            models side by side: likelihood, AIC/BIC, holdout
:mod:`.intervals`         prediction intervals and their calibration
========================  =====================================================================
"""

from .base import PurchaseModel
from .bgbb import BGBB, BetaGeometricBetaBinomial
from .bgnbd import BGNBD
from .checks import (
    cumulative_tracking,
    holdout_by_frequency,
    holdout_errors,
    holdout_predictions,
    period_transactions,
)
from .choice import (
    MODELS,
    ModelName,
    compare_models,
    conditional_expectations,
    fit_models,
    make_model,
)
from .gamma_gamma import GammaGamma, gamma_gamma_check
from .intervals import (
    clv_draws,
    future_purchases,
    group_intervals,
    interval_coverage,
    interval_table,
    parameter_intervals,
    parameter_table,
    randomised_pit,
)
from .mbgnbd import MBGNBD
from .optimise import ConvergenceError
from .pareto_nbd import ParetoNBD
from .predict import alive_history, clv, discount_factors, model_time, predict
from .summary import (
    DAYS_PER_MONTH,
    UNITS,
    Unit,
    calibration_holdout,
    check_summary,
    compress,
    days_per_unit,
    purchase_days,
    transaction_summary,
)

__all__ = [
    "BGBB",
    "BGNBD",
    "BetaGeometricBetaBinomial",
    "DAYS_PER_MONTH",
    "MBGNBD",
    "MODELS",
    "UNITS",
    "ConvergenceError",
    "GammaGamma",
    "ModelName",
    "ParetoNBD",
    "PurchaseModel",
    "Unit",
    "alive_history",
    "calibration_holdout",
    "check_summary",
    "clv",
    "clv_draws",
    "compare_models",
    "compress",
    "conditional_expectations",
    "cumulative_tracking",
    "days_per_unit",
    "discount_factors",
    "fit_models",
    "future_purchases",
    "gamma_gamma_check",
    "group_intervals",
    "holdout_by_frequency",
    "holdout_errors",
    "holdout_predictions",
    "interval_coverage",
    "interval_table",
    "make_model",
    "model_time",
    "parameter_intervals",
    "parameter_table",
    "period_transactions",
    "predict",
    "purchase_days",
    "randomised_pit",
    "transaction_summary",
]
