"""Customer-base summaries for the BG/NBD and Gamma-Gamma models (the data side of CLV).

lifetimes does the estimation; this module owns the data preparation, pandas-3-safe and
vectorised, because several of lifetimes' own utilities no longer run on current pandas.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from typing import Literal

import numpy as np
import pandas as pd
from scipy import special
from sklearn.metrics import mean_absolute_error, root_mean_squared_error

with warnings.catch_warnings():  # lifetimes sets a pandas option that pandas 3 deprecated
    warnings.filterwarnings("ignore", message="The 'mode.chained_assignment' option")
    from lifetimes import (
        BetaGeoFitter,
        GammaGammaFitter,
        ModifiedBetaGeoFitter,
        ParetoNBDFitter,
    )
    from lifetimes.utils import ConvergenceError

from .orders import require_columns

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


def _check_summary(summary: pd.DataFrame) -> None:
    missing = [c for c in ("frequency", "recency", "T") if c not in summary]
    if missing:
        raise KeyError(f"summary needs columns frequency, recency, T; missing {missing}")
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
            "no customer has a repeat purchase, so the BG/NBD model cannot tell how often people buy "
            "or when they leave; use a longer calibration period or more customers"
        )


def _fit_quietly(fitter, *args, **kwargs):
    """Fit; turn lifetimes' printed optimiser dump plus bare ConvergenceError into one clear error.

    Numerical warnings from the optimiser's trial steps (square roots and logs of negative
    trial values) are silenced: the fitted parameters are checked instead.
    """
    with contextlib.redirect_stdout(io.StringIO()), np.errstate(all="ignore"):
        try:
            return fitter.fit(*args, **kwargs)
        except ConvergenceError as exc:
            name = type(fitter).__name__
            raise ValueError(
                f"{name} did not converge (penalizer_coef={fitter.penalizer_coef}). Remedies: pass a "
                "penalizer such as 0.001-0.1 (it shrinks the parameters a little), check for extreme "
                "values (a few customers with hundreds of purchases), or use a longer calibration period."
            ) from exc


def fit_bgnbd(
    summary: pd.DataFrame, penalizer: float = 0.0, *, compressed: bool = True
) -> BetaGeoFitter:
    """Fit the BG/NBD model to a customer summary.

    Identical (frequency, recency, T) rows are compressed into weights first (``compressed``):
    the likelihood is the same, the fit much faster on large customer bases. The parameters
    are in the summary's time unit: pass that unit to :func:`predict` and :func:`clv`.
    """
    _check_summary(summary)
    model = BetaGeoFitter(penalizer_coef=penalizer)
    if compressed:
        c = compress(summary)
        _fit_quietly(model, c["frequency"], c["recency"], c["T"], weights=c["weight"])
    else:
        _fit_quietly(model, summary["frequency"], summary["recency"], summary["T"])
    return model


def _fit_from_fixed_start(model, summary: pd.DataFrame):
    """Fit a four-parameter lifetimes model on compressed rows from a fixed start with a tight
    tolerance, so that the same data give the same parameters on every run."""
    _check_summary(summary)
    c = compress(summary)
    _fit_quietly(
        model,
        c["frequency"],
        c["recency"],
        c["T"],
        weights=c["weight"],
        initial_params=np.ones(4),
        tol=1e-10,
        maxiter=20000,
    )
    return model


def fit_pareto_nbd(summary: pd.DataFrame, penalizer: float = 0.0) -> ParetoNBDFitter:
    """Fit the Pareto/NBD model (the BG/NBD's older sibling) for comparison.

    Its likelihood is flat along β, so lifetimes' default (a random start, a loose tolerance)
    lands on a different β in the third decimal from run to run; a fixed start and a tight
    tolerance make the fit repeatable.
    """
    return _fit_from_fixed_start(ParetoNBDFitter(penalizer_coef=penalizer), summary)


def fit_mbgnbd(summary: pd.DataFrame, penalizer: float = 0.0) -> ModifiedBetaGeoFitter:
    """Fit the MBG/NBD model (Batislam, Denizel & Filiztekin 2007): BG/NBD where a customer may
    also leave right after the first purchase, so one-off buyers are not all "alive"."""
    return _fit_from_fixed_start(ModifiedBetaGeoFitter(penalizer_coef=penalizer), summary)


def bgnbd_log_likelihood(params: pd.Series | dict, summary: pd.DataFrame) -> float:
    """The BG/NBD log-likelihood of a customer base (Fader, Hardie & Lee 2005, eq. 6)::

        L = B(a, b+x)/B(a, b) * Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
            + [x > 0] * B(a+1, b+x-1)/B(a, b) * Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))

    summed in logs over customers (x = frequency, t_x = recency). It is the figure papers
    publish (CDNOW: -9582.4), unlike lifetimes' optimiser objective, which is scaled.
    """
    _check_summary(summary)
    r, alpha, a, b = (float(params[k]) for k in ("r", "alpha", "a", "b"))
    x = summary["frequency"].to_numpy(dtype=float)
    t_x = summary["recency"].to_numpy(dtype=float)
    big_t = summary["T"].to_numpy(dtype=float)
    common = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    stay = special.betaln(a, b + x) - special.betaln(a, b) - (r + x) * np.log(alpha + big_t)
    left = np.where(
        x > 0,
        special.betaln(a + 1, np.maximum(b + x - 1, 1e-12))
        - special.betaln(a, b)
        - (r + x) * np.log(alpha + t_x),
        -np.inf,
    )
    return float(np.sum(common + np.logaddexp(stay, left)))


def bgnbd_expected_purchases(params: pd.Series | dict, t: float | np.ndarray) -> np.ndarray:
    """E[X(t)], the purchases a new customer is expected to make in a period of length t
    (Fader, Hardie & Lee 2005, eq. 7)::

        E[X(t)] = (a+b-1)/(a-1) * (1 - (α/(α+t))^r * 2F1(r, b; a+b-1; t/(α+t)))
    """
    r, alpha, a, b = (float(params[k]) for k in ("r", "alpha", "a", "b"))
    t = np.asarray(t, dtype=float)
    hyp = special.hyp2f1(r, b, a + b - 1, t / (alpha + t))
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp)


def gamma_gamma_check(summary: pd.DataFrame, limit: float = 0.3) -> pd.Series:
    """Gamma-Gamma assumes a customer's spend per purchase does not depend on how often they
    buy. The check: the Pearson correlation of ``frequency`` and ``monetary_value`` among the
    repeat buyers (Fader & Hardie, "The Gamma-Gamma model of monetary value", 2013, report 0.11
    on CDNOW), with ``ok`` when its size is below ``limit``.
    """
    require_columns(summary, ["frequency", "monetary_value"], "gamma_gamma_check")
    repeat = summary[summary["frequency"] > 0]
    if len(repeat) < 3:
        raise ValueError(f"need at least 3 repeat buyers to check, got {len(repeat)}")
    corr = float(repeat["frequency"].corr(repeat["monetary_value"]))
    return pd.Series(
        {"repeat_buyers": len(repeat), "correlation": corr, "ok": abs(corr) < limit},
        name="gamma_gamma_check",
    )


def fit_gamma_gamma(summary: pd.DataFrame, penalizer: float = 0.0) -> GammaGammaFitter:
    """Fit the Gamma-Gamma spend model on the repeat customers of a summary.

    Raises a clear error for zero or negative spend among repeat buyers (the model needs
    positive amounts: remove refunds and unpaid orders first) and when the fitted ``q`` is at
    most 1, where the model's mean spend is infinite.
    """
    if "monetary_value" not in summary:
        raise KeyError("summary has no monetary_value: build it with amount_col=...")
    repeat = summary[summary["frequency"] > 0]
    if repeat.empty:
        raise ValueError(
            "no repeat buyers: the Gamma-Gamma model is fitted on repeat purchases only"
        )
    bad = repeat[repeat["monetary_value"] <= 0]
    if len(bad):
        raise ValueError(
            f"{len(bad)} repeat buyer(s) have zero or negative mean spend (e.g. customer {bad.index[0]!r}); "
            "Gamma-Gamma needs positive amounts: exclude refunded and unpaid orders before summarising"
        )
    c = compress(repeat, ("frequency", "monetary_value"))
    model = GammaGammaFitter(penalizer_coef=penalizer)
    _fit_quietly(model, c["frequency"], c["monetary_value"], weights=c["weight"])
    if model.params_["q"] <= 1:
        raise ValueError(
            f"Gamma-Gamma fitted q = {model.params_['q']:.3f} <= 1: the implied mean spend is infinite. "
            "Look for extreme order values, or add a penalizer (e.g. 0.01)."
        )
    return model


def predict(
    bgnbd: BetaGeoFitter,
    summary: pd.DataFrame,
    horizon_days: float,
    *,
    unit: Unit,
    gamma_gamma: GammaGammaFitter | None = None,
) -> pd.DataFrame:
    """Per-customer predictions: P(alive), expected purchases in the next ``horizon_days``, spend.

    The horizon is given in days whatever the model's time ``unit`` (the unit the summary was
    built in), and converted.
    """
    t = horizon_days / days_per_unit(unit)
    f, r, T = summary["frequency"], summary["recency"], summary["T"]
    out = pd.DataFrame(
        {
            "p_alive": bgnbd.conditional_probability_alive(f, r, T),
            "expected_purchases": bgnbd.conditional_expected_number_of_purchases_up_to_time(
                t, f, r, T
            ),
        },
        index=summary.index,
    )
    if gamma_gamma is not None:
        out["expected_spend"] = expected_spend(gamma_gamma, summary)
        out["expected_revenue"] = out["expected_purchases"] * out["expected_spend"]
    return out


def expected_spend(gamma_gamma: GammaGammaFitter, summary: pd.DataFrame) -> pd.Series:
    """Expected spend per future purchase (Gamma-Gamma conditional mean; population mean if none)."""
    values = gamma_gamma.conditional_expected_average_profit(
        summary["frequency"], summary["monetary_value"]
    )
    return pd.Series(np.asarray(values, dtype=float), index=summary.index, name="expected_spend")


def clv(
    bgnbd: BetaGeoFitter,
    gamma_gamma: GammaGammaFitter,
    summary: pd.DataFrame,
    *,
    unit: Unit,
    months: int = 12,
    annual_discount_rate: float = 0.10,
    margin: float = 1.0,
) -> pd.Series:
    """Discounted customer lifetime value over the next ``months`` (in money).

    Month m's expected purchases (from the BG/NBD model, in its own time unit, a month being
    365.25/12 days) times the expected spend per purchase (Gamma-Gamma) times ``margin``,
    discounted at the *annual* rate converted to monthly: (1 + annual)^(1/12) - 1.
    """
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    if not 0 <= annual_discount_rate < 1:
        raise ValueError(
            f"annual_discount_rate must be in [0, 1), e.g. 0.10 for 10%; got {annual_discount_rate}"
        )
    f, r, T = summary["frequency"], summary["recency"], summary["T"]
    spend = expected_spend(gamma_gamma, summary).to_numpy()
    monthly = (1 + annual_discount_rate) ** (1 / 12) - 1
    month = DAYS_PER_MONTH / days_per_unit(unit)
    value = np.zeros(len(summary))
    previous = np.zeros(len(summary))
    for m in range(1, months + 1):
        cumulative = np.asarray(
            bgnbd.conditional_expected_number_of_purchases_up_to_time(m * month, f, r, T)
        )
        value += (cumulative - previous) * spend * margin / (1 + monthly) ** m
        previous = cumulative
    return pd.Series(value, index=summary.index, name="clv")


def alive_history(
    bgnbd: BetaGeoFitter,
    purchase_times: pd.Series,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    *,
    unit: Unit,
) -> pd.Series:
    """P(alive) of one customer on each day from ``start`` to ``end``, given their purchases.

    ``purchase_times`` are that customer's purchase timestamps (the first is the first purchase);
    same-day purchases count once. Right after each purchase the probability is that of a
    customer who has just bought (1 for a first-time buyer) and it decays while the customer is
    silent. ``unit`` is the model's time unit.
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
    scale = days_per_unit(unit)
    frequency = n_before - 1
    recency = (last - days[0]) / np.timedelta64(1, "D") / scale
    T = (grid.to_numpy() - days[0]) / np.timedelta64(1, "D") / scale
    p = bgnbd.conditional_probability_alive(frequency, recency, T)
    return pd.Series(np.asarray(p, dtype=float), index=grid, name="p_alive")


def holdout_predictions(bgnbd: BetaGeoFitter, cal_hold: pd.DataFrame) -> pd.Series:
    """Expected purchase days of each customer over their holdout period (model time)."""
    f, r, T = cal_hold["frequency"], cal_hold["recency"], cal_hold["T"]
    predicted = bgnbd.conditional_expected_number_of_purchases_up_to_time(
        cal_hold["duration_holdout"], f, r, T
    )
    return pd.Series(np.asarray(predicted, dtype=float), index=cal_hold.index, name="predicted")


def holdout_by_frequency(
    bgnbd: BetaGeoFitter, cal_hold: pd.DataFrame, max_frequency: int = 7
) -> pd.DataFrame:
    """Mean holdout purchases, actual vs predicted, by calibration frequency (0 … max+).

    The classic "conditional expectations" check of Fader, Hardie & Lee (2005, figure 4).
    """
    f = cal_hold["frequency"]
    predicted = holdout_predictions(bgnbd, cal_hold)
    group = f.clip(upper=max_frequency)
    table = pd.DataFrame(
        {"actual": cal_hold["frequency_holdout"], "predicted": predicted, "group": group}
    )
    out = table.groupby("group").agg(
        customers=("actual", "size"), actual=("actual", "mean"), predicted=("predicted", "mean")
    )
    out.index = [f"{g}+" if g == max_frequency else str(g) for g in out.index]
    out.index.name = "calibration_frequency"
    return out


def bgnbd_pmf(params: pd.Series, t: np.ndarray | float, x: int) -> np.ndarray:
    """P(X(t) = x): probability of exactly ``x`` purchases in a period of length ``t``.

    Fader, Hardie & Lee (2005), equation 8, vectorised over ``t`` (lifetimes' own version
    takes one ``t`` at a time).
    """
    r, alpha, a, b = (float(params[k]) for k in ("r", "alpha", "a", "b"))
    t = np.asarray(t, dtype=float)
    if (t < 0).any():
        raise ValueError("bgnbd_pmf: period lengths t must be non-negative")
    log_q = np.log(alpha / (alpha + t))
    with np.errstate(divide="ignore"):  # t = 0 gives log 0 = -inf, handled below
        log_p = np.log(t / (alpha + t))
    first = np.exp(
        special.betaln(a, b + x)
        - special.betaln(a, b)
        + special.gammaln(r + x)
        - special.gammaln(r)
        - special.gammaln(x + 1)
        + r * log_q
        + (x * log_p if x > 0 else 0.0)
    )
    if x == 0:
        return first
    partial = np.ones_like(t)  # j = 0 term
    for j in range(1, x):
        partial = partial + np.exp(
            special.gammaln(r + j) - special.gammaln(r) - special.gammaln(j + 1) + j * log_p
        )
    second = np.exp(special.betaln(a + 1, b + x - 1) - special.betaln(a, b)) * (
        1 - np.exp(r * log_q) * partial
    )
    return first + second


def period_transactions(
    bgnbd: BetaGeoFitter, summary: pd.DataFrame, max_frequency: int = 7
) -> pd.DataFrame:
    """Customers by number of repeat purchases in calibration: actual vs the model's expectation.

    The expectation sums, over customers, the model's probability of exactly x purchases in
    their own observation time T (no simulation, so it is deterministic).
    """
    T_values, counts = np.unique(summary["T"].to_numpy(), return_counts=True)
    expected = np.zeros(max_frequency + 1)
    for x in range(max_frequency):
        expected[x] = (bgnbd_pmf(bgnbd.params_, T_values, x) * counts).sum()
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
    bgnbd: BetaGeoFitter,
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
    birth; the model's expectation for a customer of age t is E[X(t)]. ``unit`` is the model's
    time unit.
    """
    births = pd.to_datetime(first_purchase).dt.normalize()
    start = births.min()
    grid = pd.date_range(start, pd.Timestamp(end).normalize(), freq=f"{step_days}D")
    log = purchase_days(transactions, customer_col, time_col).rename(
        columns={"customer": "c", "day": "d"}
    )
    log = log[log["c"].isin(births.index)]
    log = log[log["d"] > births.reindex(log["c"]).to_numpy()]
    actual = np.searchsorted(np.sort(log["d"].to_numpy()), grid.to_numpy(), side="right")
    birth_days, counts = np.unique(births.to_numpy(), return_counts=True)
    expected = []
    for g in grid.to_numpy():
        age = (g - birth_days) / np.timedelta64(1, "D") / days_per_unit(unit)
        alive = age > 0
        e = np.asarray(bgnbd.expected_number_of_purchases_up_to_time(age[alive]), dtype=float)
        expected.append(float((e * counts[alive]).sum()))
    return pd.DataFrame({"actual": actual, "model": expected}, index=pd.Index(grid, name="date"))


def holdout_errors(bgnbd: BetaGeoFitter, cal_hold: pd.DataFrame) -> pd.Series:
    """Error of the per-customer holdout predictions: MAE, RMSE, and total predicted vs actual."""
    predicted = holdout_predictions(bgnbd, cal_hold).to_numpy()
    actual = cal_hold["frequency_holdout"].to_numpy(dtype=float)
    return pd.Series(
        {
            "mae": float(mean_absolute_error(actual, predicted)),
            "rmse": float(root_mean_squared_error(actual, predicted)),
            "total_actual": float(actual.sum()),
            "total_predicted": float(predicted.sum()),
            "total_error_pct": float(100 * (predicted.sum() - actual.sum()) / actual.sum()),
        }
    )
