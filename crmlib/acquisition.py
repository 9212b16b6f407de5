"""Customer sources (客户来源分析, §7.2.1): what each acquisition channel brings and costs."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from .datasets.channels import CHANNELS, FAMILY_ORDER, channel_family
from .locale import t
from .orders import purchases, require_columns

# Sensible decimals for showing a channel report: rates to 0.1 percentage point, money to fen.
DISPLAY_DECIMALS = {
    "conversion": 4,
    "marketing_spend": 2,
    "cac": 2,
    "first_order_value": 2,
    "first_order_coupon": 3,
    "repurchase_90d": 3,
    "repurchase_365d": 3,
    "revenue_per_buyer": 2,
    "roi": 2,
}


GroupBy = Literal["channel", "family"]


def group_by(channels: pd.Series, by: GroupBy) -> pd.Series:
    """Channel names as they are (``by="channel"``) or mapped to their family (``"family"``)."""
    if by not in ("channel", "family"):
        raise ValueError(f"by must be 'channel' or 'family', got {by!r}")
    names = channels.astype(str)
    return channel_family(names) if by == "family" else names


def first_and_second_purchase(orders: pd.DataFrame, as_of: str | pd.Timestamp) -> pd.DataFrame:
    """Per buyer: first purchase time and value, whether it used a coupon, second purchase time."""
    bought = purchases(orders, as_of).sort_values(["customer_id", "paid_time"], kind="stable")
    rank = bought.groupby("customer_id").cumcount()
    first = bought[rank == 0].set_index("customer_id")
    second = bought[rank == 1].set_index("customer_id")["paid_time"]
    return pd.DataFrame(
        {
            "first_time": first["paid_time"],
            "first_value": first["net_amount"],
            "first_coupon": first["coupon"] > 0,
            "second_time": second.reindex(first.index),
        }
    )


def repurchased_within(journey: pd.DataFrame, days: int, as_of: str | pd.Timestamp) -> pd.Series:
    """True/False: second purchase within ``days`` of the first; missing if not observable yet.

    A customer who first bought less than ``days`` before ``as_of`` has not had the full
    window, so counting them as "no repurchase" would bias the rate down: they are left out
    (NA) and the report says how many were eligible.
    """
    window = pd.Timedelta(days=days)
    eligible = journey["first_time"] + window <= pd.Timestamp(as_of)
    hit = (journey["second_time"] - journey["first_time"]) <= window
    return hit.where(eligible).astype("boolean")


def channel_report(
    archive: pd.DataFrame,
    orders: pd.DataFrame,
    traffic: pd.DataFrame,
    *,
    as_of: str | pd.Timestamp,
    by: GroupBy = "channel",
    margin: float = 0.4,
) -> pd.DataFrame:
    """One row per channel (or channel family): traffic, conversion, cost, value, retention.

    Parameters
    ----------
    archive : pandas.DataFrame
        The customer archive (gives each buyer's acquisition channel and spend so far).
    orders, traffic : pandas.DataFrame
        The shop's orders and daily traffic/spend per channel.
    as_of : date
        The archive's date (the same one given to ``build_archive``).
    by : {"channel", "family"}
        Granularity.
    margin : float
        Gross margin on net revenue, for the simple ROI.

    Returns
    -------
    pandas.DataFrame
        ``visitors``, ``new_buyers``, ``conversion`` (new buyers / visitors), ``spend``,
        ``cac`` (spend / new buyer), ``first_order_value``, ``first_order_coupon`` (share of
        first orders with a coupon), ``repurchase_90d`` and ``repurchase_365d`` (share of
        eligible buyers with a second purchase within the window; ``eligible_90d``,
        ``eligible_365d`` say how many), ``revenue_per_buyer`` (net revenue to date), and
        ``roi`` = (revenue × margin − spend) / spend (missing for channels with no spend).
    """
    if not 0 < margin <= 1:
        raise ValueError(f"margin must be in (0, 1], got {margin}")
    require_columns(traffic, ["date", "channel", "visitors", "spend"], "channel_report (traffic)")
    as_of = pd.Timestamp(as_of)
    buyers = archive[archive["orders"] > 0]
    journey = first_and_second_purchase(orders, as_of).join(
        buyers[["acquisition_channel", "spend"]], how="inner"
    )
    key, t_key = group_by(journey["acquisition_channel"], by), group_by(traffic["channel"], by)
    journey = journey.assign(group=key.to_numpy())
    journey["r90"] = repurchased_within(journey, 90, as_of)
    journey["r365"] = repurchased_within(journey, 365, as_of)
    g = journey.groupby("group")
    report = pd.DataFrame(
        {
            "visitors": traffic.groupby(t_key)["visitors"].sum(),
            "new_buyers": g.size(),
            "marketing_spend": traffic.groupby(t_key)["spend"].sum(),
            "first_order_value": g["first_value"].mean(),
            "first_order_coupon": g["first_coupon"].mean(),
            "repurchase_90d": g["r90"].mean().astype(float),
            "eligible_90d": g["r90"].count(),
            "repurchase_365d": g["r365"].mean().astype(float),
            "eligible_365d": g["r365"].count(),
            "revenue_per_buyer": g["spend"].mean(),
        }
    )
    report["conversion"] = report["new_buyers"] / report["visitors"]
    report["cac"] = report["marketing_spend"] / report["new_buyers"]
    revenue = report["revenue_per_buyer"] * report["new_buyers"]
    report["roi"] = (revenue * margin - report["marketing_spend"]) / report[
        "marketing_spend"
    ].where(report["marketing_spend"] > 0)
    report.index.name = by
    order = list(CHANNELS) if by == "channel" else list(FAMILY_ORDER)
    columns = [
        "visitors",
        "new_buyers",
        "conversion",
        "marketing_spend",
        "cac",
        "first_order_value",
        "first_order_coupon",
        "repurchase_90d",
        "eligible_90d",
        "repurchase_365d",
        "eligible_365d",
        "revenue_per_buyer",
        "roi",
    ]
    return report.reindex(order)[columns]


def retention_curves(
    archive: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    as_of: str | pd.Timestamp,
    by: GroupBy = "family",
    horizon: int = 365,
) -> pd.DataFrame:
    """Share of each group's buyers who have bought again, by days since the first purchase.

    Only buyers observed for the full ``horizon`` are included, so every curve has the same
    denominator from day 0 to ``horizon``.

    Returns
    -------
    pandas.DataFrame
        Index ``day`` 0..horizon, one column per group, values 0..1 (cumulative).
    """
    as_of = pd.Timestamp(as_of)
    journey = first_and_second_purchase(orders, as_of).join(
        archive["acquisition_channel"], how="inner"
    )
    journey = journey[journey["first_time"] + pd.Timedelta(days=horizon) <= as_of]
    group = group_by(journey["acquisition_channel"], by)
    days = (journey["second_time"] - journey["first_time"]).dt.days
    grid = np.arange(horizon + 1)
    curves = {}
    for name, d in days.groupby(group):
        values = np.sort(d.dropna().to_numpy())
        curves[name] = np.searchsorted(values, grid, side="right") / len(d)
    return pd.DataFrame(curves, index=pd.Index(grid, name="day"))


@dataclass(frozen=True)
class ProportionTest:
    """Two-sample test of proportions: is group A's rate different from group B's?"""

    rate_a: float
    rate_b: float
    n_a: int
    n_b: int
    difference: float
    ci_low: float
    ci_high: float
    z: float
    p_value: float

    def __str__(self) -> str:
        """One line in the reader's language (:func:`crmlib.i18n.set_language`)."""
        p = "p < 0.001" if self.p_value < 0.001 else f"p = {self.p_value:.3f}"
        points = {  # a difference of two rates is in percentage points, not percent
            "diff_pp": 100 * self.difference,
            "low_pp": 100 * self.ci_low,
            "high_pp": 100 * self.ci_high,
        }
        return t("text.proportion_test", p=p, **points, **dataclasses.asdict(self))


def compare_proportions(
    success_a: int, n_a: int, success_b: int, n_b: int, confidence: float = 0.95
) -> ProportionTest:
    """Two-proportion z-test (pooled) with a Wald confidence interval for the difference."""
    if min(n_a, n_b) <= 0:
        raise ValueError(f"both groups need at least one member, got n_a={n_a}, n_b={n_b}")
    if not (0 <= success_a <= n_a and 0 <= success_b <= n_b):
        raise ValueError("successes must lie between 0 and the group size")
    pa, pb = success_a / n_a, success_b / n_b
    pooled = (success_a + success_b) / (n_a + n_b)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (pa - pb) / se_pooled if se_pooled > 0 else 0.0
    p = 2 * stats.norm.sf(abs(z))
    se = math.sqrt(pa * (1 - pa) / n_a + pb * (1 - pb) / n_b)
    q = stats.norm.ppf(0.5 + confidence / 2)
    return ProportionTest(
        pa, pb, n_a, n_b, pa - pb, pa - pb - q * se, pa - pb + q * se, z, float(p)
    )


def compare_groups(outcome: pd.Series, in_a: pd.Series, confidence: float = 0.95) -> ProportionTest:
    """:func:`compare_proportions` of a yes/no ``outcome`` between the customers with ``in_a``
    True (group a) and the others (group b); both aligned customer by customer."""
    y, a = np.asarray(outcome, bool), np.asarray(in_a, bool)
    return compare_proportions(
        int(y[a].sum()), int(a.sum()), int(y[~a].sum()), int((~a).sum()), confidence
    )


def compare_repurchase(
    report: pd.DataFrame, a: str, b: str, *, days: Literal[90, 365] = 365, confidence: float = 0.95
) -> ProportionTest:
    """Does group ``a`` come back within ``days`` more often than group ``b``?

    Rows ``a`` and ``b`` of a :func:`channel_report`: the repurchasers of each are its
    ``repurchase_{days}d`` rate times its ``eligible_{days}d`` buyers (those whose first order is
    at least ``days`` old), then :func:`compare_proportions`.
    """
    eligible = report[f"eligible_{days}d"]
    repurchasers = (report[f"repurchase_{days}d"] * eligible).round().astype(int)
    return compare_proportions(
        int(repurchasers[a]), int(eligible[a]), int(repurchasers[b]), int(eligible[b]), confidence
    )


def funnel(report: pd.DataFrame, archive: pd.DataFrame, *, by: GroupBy = "family") -> pd.DataFrame:
    """Visitors → new buyers → repeat buyers per group (from a :func:`channel_report`)."""
    buyers = archive[archive["orders"] > 0]
    group = group_by(buyers["acquisition_channel"], by)
    repeat = (buyers["orders"] >= 2).groupby(group).sum()
    return pd.DataFrame(
        {
            "visitors": report["visitors"],
            "new_buyers": report["new_buyers"],
            "repeat_buyers": repeat.reindex(report.index),
        }
    )
