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
:mod:`.prediction`        P(alive), expected purchases over days, CLV
:mod:`.checks`            the published goodness-of-fit checks and holdout errors
:mod:`.choice`            models side by side: likelihood, AIC/BIC, holdout
:mod:`.backtests`         model choice by prediction: rolling-origin backtests
:mod:`.intervals`         prediction intervals and their calibration
:mod:`.plots`             the checks as figures, in the reader's language
========================  =====================================================================

The names below are loaded when first used (PEP 562): ``crmlib import`` reads the model names
(:mod:`.names`) without loading SciPy's optimiser, which cost every start 0.4 s.
"""

from __future__ import annotations

from ..lazy import lazy_names

_WHERE = {
    "alive_history": "prediction",
    "BetaGeometricBetaBinomial": "bgbb",
    "BGBB": "bgbb",
    "alive_matrix": "plots",
    "plot_matrix": "plots",
    "plot_period_transactions": "plots",
    "plot_tracking": "plots",
    "Recommendation": "backtests",
    "backtest": "backtests",
    "recommend": "backtests",
    "BGNBD": "bgnbd",
    "calibration_holdout": "summary",
    "check_summary": "summary",
    "clv": "prediction",
    "clv_draws": "intervals",
    "compare_models": "choice",
    "compress": "summary",
    "conditional_expectations": "choice",
    "ConvergenceError": "optimise",
    "cumulative_tracking": "checks",
    "DAYS_PER_MONTH": "summary",
    "days_per_unit": "summary",
    "discount_factors": "prediction",
    "fit_models": "choice",
    "future_purchases": "intervals",
    "gamma_gamma_check": "gamma_gamma",
    "GammaGamma": "gamma_gamma",
    "group_intervals": "intervals",
    "holdout_by_frequency": "checks",
    "holdout_errors": "checks",
    "holdout_predictions": "checks",
    "interval_coverage": "intervals",
    "interval_table": "intervals",
    "make_model": "choice",
    "MBGNBD": "mbgnbd",
    "model_time": "prediction",
    "MODEL_NAMES": "names",
    "ModelName": "names",
    "MODELS": "choice",
    "parameter_intervals": "intervals",
    "parameter_table": "intervals",
    "ParetoNBD": "pareto_nbd",
    "period_transactions": "checks",
    "predict": "prediction",
    "purchase_days": "summary",
    "PurchaseModel": "base",
    "randomised_pit": "intervals",
    "transaction_summary": "summary",
    "Unit": "summary",
    "UNITS": "summary",
}

__all__ = sorted(_WHERE)


__getattr__, __dir__ = lazy_names(__name__, _WHERE)
