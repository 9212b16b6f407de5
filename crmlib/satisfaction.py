"""Satisfaction (满意度) versus loyalty (忠诚度), §7.4: measures, the curve, the quadrant, a model.

Definitions used throughout:

* **CSAT** = share of answers that are 4 or 5 on the 1–5 scale ("top-two-box"). Some reports
  give the mean score instead; we do not.
* **NPS** = % promoters (9–10) − % detractors (0–6) on the 0–10 "would you recommend us?"
  scale; passives (7–8) count in the total only. It runs from −100 to +100.
* **Loyalty** is behaviour after the survey: a repeat purchase within a window, orders and
  spend per year, and price sensitivity (share of orders bought with a coupon or discount).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.calibration import calibration_curve
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from .orders import promo_share, promoted, purchases, require_columns


def _scores(values, low: int, high: int, what: str) -> np.ndarray:
    v = pd.Series(values).dropna().to_numpy()
    if v.size == 0:
        raise ValueError(f"{what}: no answers")
    if ((v < low) | (v > high) | (v != np.round(v))).any():
        bad = v[(v < low) | (v > high) | (v != np.round(v))][:5]
        raise ValueError(
            f"{what}: answers must be whole numbers from {low} to {high}; got e.g. {list(bad)}"
        )
    return v


def csat(scores) -> float:
    """Share of 4s and 5s among 1–5 answers (0–1)."""
    v = _scores(scores, 1, 5, "csat")
    return float((v >= 4).mean())


def nps(scores) -> float:
    """Net Promoter Score: % promoters (9–10) minus % detractors (0–6), from −100 to 100."""
    v = _scores(scores, 0, 10, "nps")
    return float(100 * ((v >= 9).mean() - (v <= 6).mean()))


def nps_interval(
    scores,
    confidence: float = 0.95,
    method: Literal["analytic", "bootstrap"] = "analytic",
    n_boot: int = 2000,
    random_state: int = 0,
) -> tuple[float, float]:
    """Confidence interval for NPS.

    ``analytic``: NPS ± z·sqrt((p + d − (p − d)²) / n) × 100, with p and d the promoter and
    detractor shares (the variance of a score that is +1, 0 or −1 per answer).
    ``bootstrap``: percentile interval of NPS over ``n_boot`` seeded resamples
    (``scipy.stats.bootstrap``).
    """
    v = _scores(scores, 0, 10, "nps")
    if method == "analytic":
        p, d = (v >= 9).mean(), (v <= 6).mean()
        se = np.sqrt((p + d - (p - d) ** 2) / v.size)
        z = stats.norm.ppf(0.5 + confidence / 2)
        centre = p - d
        return float(100 * (centre - z * se)), float(100 * (centre + z * se))
    if method == "bootstrap":
        points = np.where(v >= 9, 1.0, np.where(v <= 6, -1.0, 0.0))
        if np.all(points == points[0]):  # every answer alike: no spread to resample
            return float(100 * points[0]), float(100 * points[0])
        result = stats.bootstrap(
            (points,),
            np.mean,
            n_resamples=n_boot,
            confidence_level=confidence,
            method="percentile",
            rng=np.random.default_rng(random_state),
        )
        ci = result.confidence_interval
        return float(100 * ci.low), float(100 * ci.high)
    raise ValueError(f"method must be 'analytic' or 'bootstrap', got {method!r}")


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion (behaves well near 0 and 1 and for small n)."""
    if n <= 0:
        return (np.nan, np.nan)
    ci = stats.binomtest(int(successes), int(n)).proportion_ci(confidence, method="wilson")
    return float(ci.low), float(ci.high)


def satisfaction_by(surveys: pd.DataFrame, group: pd.Series | None = None) -> pd.DataFrame:
    """The shop's CSAT and NPS (with a 95% analytic interval), for all respondents or per group.

    Returns one row per group (``"all"`` without ``group``) with ``respondents``,
    ``csat_share`` (share of 4s and 5s), ``nps_score`` (−100..100), ``nps_low`` and
    ``nps_high``. The names differ from the surveys' ``csat`` and ``nps`` columns on purpose:
    those hold one customer's answer (1–5, 0–10), these a score of many answers.
    """
    require_columns(surveys, ["csat", "nps"], "satisfaction_by")
    keys = group if group is not None else pd.Series("all", index=surveys.index)
    rows = {}
    for name, part in surveys.groupby(keys.to_numpy(), observed=True):
        low, high = nps_interval(part["nps"])
        rows[name] = {
            "respondents": len(part),
            "csat_share": csat(part["csat"]),
            "nps_score": nps(part["nps"]),
            "nps_low": low,
            "nps_high": high,
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(
        getattr(keys, "name", None) or "group"
    )


def loyalty_after_survey(
    surveys: pd.DataFrame, orders: pd.DataFrame, as_of: str | pd.Timestamp, window_days: int = 365
) -> pd.DataFrame:
    """Each respondent's behaviour after the survey.

    Returns the surveys with: ``repurchased`` (a completed order within ``window_days`` after
    the survey; missing when the window has not fully passed by ``as_of``), ``orders_per_year``
    and ``spend_per_year`` after the survey (over the time observed), ``promo_share`` (share of
    all their completed orders with a coupon or discount; missing if none).
    """
    require_columns(surveys, ["customer_id", "survey_time", "csat", "nps"], "loyalty_after_survey")
    as_of = pd.Timestamp(as_of)
    bought = purchases(orders, as_of)[
        ["customer_id", "paid_time", "net_amount", "coupon", "discount"]
    ]
    merged = bought.merge(surveys[["customer_id", "survey_time"]], on="customer_id")
    after = merged[merged["paid_time"] > merged["survey_time"]]
    window = pd.Timedelta(days=window_days)
    within = after[after["paid_time"] <= after["survey_time"] + window]
    out = surveys.copy().set_index("customer_id")
    eligible = out["survey_time"] + window <= as_of
    out["repurchased"] = out.index.isin(within["customer_id"])
    out["repurchased"] = out["repurchased"].where(eligible).astype("boolean")
    years = ((as_of - out["survey_time"]).dt.days / 365.25).clip(lower=1 / 365.25)
    per = after.groupby("customer_id")
    out["orders_per_year"] = per.size().reindex(out.index, fill_value=0) / years
    out["spend_per_year"] = per["net_amount"].sum().reindex(out.index, fill_value=0.0) / years
    out["promo_share"] = promo_share(bought).reindex(out.index)
    return out


def rate_table(frame: pd.DataFrame, by: str, outcome: str) -> pd.DataFrame:
    """The share of rows with a yes/no ``outcome`` per value of ``by``, with 95% Wilson
    intervals: one row per value with ``n``, ``rate``, ``low`` and ``high``."""
    require_columns(frame, [by, outcome], "rate_table")
    rows = {}
    for value, part in frame.groupby(by, observed=True):
        k, n = int(part[outcome].sum()), len(part)
        low, high = wilson_interval(k, n)
        rows[value] = {"n": n, "rate": k / n, "low": low, "high": high}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(by)


def satisfaction_curve(loyalty: pd.DataFrame, score: str = "csat") -> pd.DataFrame:
    """Repurchase rate by satisfaction score, with 95% Wilson intervals (eligible respondents)."""
    data = loyalty.dropna(subset=["repurchased"])
    curve = rate_table(data, score, "repurchased")
    return curve.rename(columns={"n": "respondents", "rate": "repurchase_rate"})


QUADRANTS = ("loyalist", "mercenary", "hostage", "defector")


@dataclass(frozen=True)
class QuadrantRule:
    """Jones & Sasser's customer types from satisfaction and behaviour.

    Satisfied: CSAT at least ``satisfied_from``. Loyal: repurchased within the window.
    loyalist (satisfied, loyal), mercenary (satisfied, not loyal), hostage (not satisfied,
    loyal), defector (neither).
    """

    satisfied_from: int = 4

    def __post_init__(self) -> None:
        if not 1 <= self.satisfied_from <= 5:
            raise ValueError(
                f"satisfied_from must be a CSAT score from 1 to 5, got {self.satisfied_from}"
            )


def quadrants(loyalty: pd.DataFrame, rule: QuadrantRule = QuadrantRule()) -> pd.Series:
    """The customer type of each eligible respondent (missing where loyalty is not known yet)."""
    satisfied = loyalty["csat"] >= rule.satisfied_from
    loyal = loyalty["repurchased"]
    kind = np.select(
        [
            satisfied & loyal.fillna(False),
            satisfied & ~loyal.fillna(True),
            ~satisfied & loyal.fillna(False),
        ],
        ["loyalist", "mercenary", "hostage"],
        "defector",
    )
    out = pd.Series(pd.Categorical(kind, QUADRANTS), index=loyalty.index, name="customer_type")
    return out.where(loyal.notna())


FEATURES_NUMERIC = ["csat", "nps", "first_order_value", "first_order_promo", "complaints_before"]
FEATURES_CATEGORICAL = ["channel_family", "community_member", "vip88"]


def repurchase_features(
    loyalty: pd.DataFrame, archive: pd.DataFrame, orders: pd.DataFrame, service: pd.DataFrame
) -> pd.DataFrame:
    """Features known at survey time for each respondent (no information from the future)."""
    first = purchases(orders).sort_values("paid_time", kind="stable").groupby("customer_id").first()
    before = service.merge(loyalty[["survey_time"]], left_on="customer_id", right_index=True)
    before = before[
        (before["contact_time"] < before["survey_time"]) & (before["kind"] == "complaint")
    ]
    x = pd.DataFrame(index=loyalty.index)
    x["csat"] = loyalty["csat"]
    x["nps"] = loyalty["nps"]
    x["first_order_value"] = first["net_amount"].reindex(x.index)
    x["first_order_promo"] = promoted(first).reindex(x.index).astype(float)
    x["complaints_before"] = before.groupby("customer_id").size().reindex(x.index, fill_value=0)
    x["channel_family"] = archive["channel_family"].reindex(x.index).astype(str)
    x["community_member"] = archive["community_member"].reindex(x.index).astype(str)
    x["vip88"] = archive["vip88"].reindex(x.index).astype(str)
    return x


def repurchase_model(
    kind: Literal["logistic", "boosting"] = "logistic", random_state: int = 0
) -> Pipeline:
    """A scikit-learn pipeline: scaled numbers + one-hot categories → classifier."""
    prep = ColumnTransformer(
        [
            ("num", StandardScaler(), FEATURES_NUMERIC),
            (
                "cat",
                OneHotEncoder(drop="if_binary", handle_unknown="ignore", sparse_output=False),
                FEATURES_CATEGORICAL,
            ),
        ]
    )
    if kind == "logistic":
        return make_pipeline(prep, LogisticRegression(max_iter=1000))
    if kind == "boosting":
        return make_pipeline(
            prep,
            HistGradientBoostingClassifier(
                max_depth=3, learning_rate=0.05, random_state=random_state
            ),
        )
    raise ValueError(f"kind must be 'logistic' or 'boosting', got {kind!r}")


def time_split(loyalty: pd.DataFrame, cutoff: str | pd.Timestamp) -> tuple[pd.Index, pd.Index]:
    """Train on respondents surveyed before ``cutoff``, test on those after (eligible only)."""
    eligible = loyalty.dropna(subset=["repurchased"])
    cutoff = pd.Timestamp(cutoff)
    train = eligible.index[eligible["survey_time"] < cutoff]
    test = eligible.index[eligible["survey_time"] >= cutoff]
    if len(train) == 0 or len(test) == 0:
        raise ValueError(
            f"cutoff {cutoff.date()} leaves an empty train ({len(train)}) or test ({len(test)}) set"
        )
    return train, test


def calibration_table(y_true, y_prob, bins: int = 5) -> pd.DataFrame:
    """Mean predicted probability vs observed rate in quantile bins of the prediction
    (``sklearn.calibration.calibration_curve`` with ``strategy="quantile"``), with bin sizes.

    One row per group of customers, numbered from 1 (lowest predictions) up: ``customers``,
    ``mean_predicted`` and ``observed`` (the share who did repurchase).
    """
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    observed, predicted = calibration_curve(y, p, n_bins=bins, strategy="quantile")
    edges = np.percentile(p, np.linspace(0, 100, bins + 1))
    sizes = np.bincount(np.searchsorted(edges[1:-1], p), minlength=len(edges) - 1)
    return pd.DataFrame(
        {"customers": sizes[sizes > 0], "mean_predicted": predicted, "observed": observed},
        index=pd.RangeIndex(1, len(predicted) + 1, name="predicted_group"),
    )


@dataclass(frozen=True)
class ModelEvaluation:
    """How well a repurchase model predicts on the holdout set.

    ``roc_auc``: chance a random repurchaser is ranked above a random non-repurchaser;
    ``brier``: mean squared error of the probabilities; ``base_rate``: the holdout's repurchase
    rate; ``calibration``: :func:`calibration_table`.
    """

    roc_auc: float
    brier: float
    base_rate: float
    calibration: pd.DataFrame

    def scores(self) -> pd.Series:
        """The three numbers as a Series, for a side-by-side table."""
        return pd.Series(
            {"roc_auc": self.roc_auc, "brier": self.brier, "base_rate": self.base_rate}
        )


def evaluate(model: Pipeline, x_train, y_train, x_test, y_test) -> ModelEvaluation:
    """Fit on train, report holdout ROC AUC, Brier score and a calibration table."""
    model.fit(x_train, y_train)
    prob = model.predict_proba(x_test)[:, 1]
    return ModelEvaluation(
        roc_auc=float(roc_auc_score(y_test, prob)),
        brier=float(brier_score_loss(y_test, prob)),
        base_rate=float(np.mean(y_test)),
        calibration=calibration_table(y_test, prob),
    )
