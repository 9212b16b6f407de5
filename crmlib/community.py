"""Customer groups (§7.5 搭建客户互动平台): do members buy more because of the group?

Members of a shop's customer group (千牛群, 微信群, ...) buy more than other customers. That does
not show that the group makes them buy: loyal customers are the ones who join. Two comparisons:

* :func:`naive_gap`: members' rate minus non-members' rate;
* :func:`weighted_gap`: the same, with non-members reweighted to look like the members did
  *before* (inverse probability weighting for the effect on the treated, Rosenbaum & Rubin 1983;
  Hirano, Imbens & Ridder 2003): a logistic model gives each customer's probability ``e`` of
  being a member from their earlier behaviour, and a non-member counts ``e / (1 - e)`` times.
  Whatever the earlier behaviour explains is removed; what it does not (hidden loyalty) stays.

:func:`balance` shows how alike the groups are before and after weighting (standardised mean
differences; below 0.1 is the usual bar). :func:`platform_table` compares the textbook's
interaction platforms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from .acquisition import ProportionTest, compare_groups
from .locale import t
from .orders import promo_share, purchases

BEFORE = ["pre_orders", "pre_spend", "pre_promo_share", "first_order_value"]


def before_and_after(
    orders: pd.DataFrame, split: str | pd.Timestamp, first_before: str | pd.Timestamp
) -> pd.DataFrame:
    """Buyers whose first purchase came before ``first_before``: their behaviour before
    ``split`` (the :data:`BEFORE` columns) and whether they bought again from ``split`` on
    (``bought_after``). The earlier half-year at least is history, the later is the outcome."""
    split, first_before = pd.Timestamp(split), pd.Timestamp(first_before)
    if not first_before <= split:
        raise ValueError(
            f"first_before ({first_before.date()}) must not be after split ({split.date()})"
        )
    bought = purchases(orders)
    early = bought[bought["paid_time"] < split].sort_values("paid_time", kind="stable")
    per = early.groupby("customer_id")
    table = pd.DataFrame(
        {
            "pre_orders": per.size(),
            "pre_spend": per["net_amount"].sum(),
            "pre_promo_share": promo_share(early),
            "first_order_value": per["net_amount"].first(),
        }
    )
    table = table[per["paid_time"].min() < first_before]
    later = bought.loc[bought["paid_time"] >= split, "customer_id"]
    table["bought_after"] = table.index.isin(later)
    return table


def naive_gap(outcome: pd.Series, member: pd.Series) -> ProportionTest:
    """Members' rate minus non-members' rate, with the usual interval (no adjustment)."""
    return compare_groups(outcome, member)


def membership_weights(
    member: pd.Series, before: pd.DataFrame, numeric: list[str], categorical: list[str]
) -> pd.Series:
    """Weights that make non-members resemble members on ``before``: 1 for a member,
    ``e / (1 - e)`` for a non-member, ``e`` from a logistic model of membership."""
    model = make_pipeline(
        make_column_transformer(
            (StandardScaler(), numeric), (OneHotEncoder(handle_unknown="ignore"), categorical)
        ),
        LogisticRegression(max_iter=1000),
    )
    m = np.asarray(member, bool)
    e = model.fit(before, m).predict_proba(before)[:, 1]
    e = np.clip(e, 0.01, 0.99)  # no customer may count more than 99 times
    return pd.Series(np.where(m, 1.0, e / (1 - e)), index=before.index, name="weight")


@dataclass(frozen=True)
class WeightedGap:
    """Members' rate against the reweighted non-members' rate, with a bootstrap interval."""

    members: float
    weighted_others: float
    gap: float
    ci_low: float
    ci_high: float


def _gap(y: np.ndarray, m: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    others = np.average(y[~m], weights=w[~m])
    return float(y[m].mean()), float(others)


def weighted_gap(
    outcome: pd.Series,
    member: pd.Series,
    before: pd.DataFrame,
    numeric: list[str],
    categorical: list[str],
    *,
    reps: int = 200,
    random_state: int = 0,
) -> WeightedGap:
    """The members' gap after reweighting non-members on earlier behaviour (see the module).

    The 95% interval comes from ``reps`` bootstrap resamples of the customers, refitting the
    weights each time (seeded: the same ``random_state`` gives the same interval).
    """
    y = np.asarray(outcome, bool)
    m = np.asarray(member, bool)
    w = membership_weights(member, before, numeric, categorical).to_numpy()
    members, others = _gap(y, m, w)
    rng = np.random.default_rng(random_state)
    gaps = []
    for _ in range(reps):
        i = rng.integers(0, len(y), len(y))
        wi = membership_weights(
            pd.Series(m[i]), before.iloc[i].reset_index(drop=True), numeric, categorical
        ).to_numpy()
        a, b = _gap(y[i], m[i], wi)
        gaps.append(a - b)
    low, high = np.percentile(gaps, [2.5, 97.5])
    return WeightedGap(members, others, members - others, float(low), float(high))


def balance(
    member: pd.Series, before: pd.DataFrame, numeric: list[str], weights: pd.Series
) -> pd.DataFrame:
    """Standardised mean difference of each numeric feature, members vs non-members, before
    and after weighting: (mean of members - mean of others) / pooled standard deviation."""
    m = np.asarray(member, bool)
    w = np.asarray(weights, float)
    rows = {}
    for column in numeric:
        x = before[column].to_numpy(dtype=float)
        spread = np.sqrt((x[m].var() + x[~m].var()) / 2) or 1.0
        rows[column] = {
            "smd_before": (x[m].mean() - x[~m].mean()) / spread,
            "smd_after": (x[m].mean() - np.average(x[~m], weights=w[~m])) / spread,
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("feature")


#: §7.5's platforms and what the textbook says of each; the words are in the label catalogue.
PLATFORMS = ("qianniu_group", "qq_group", "wechat_group", "wechat_account", "douyin_group")
PLATFORM_ASPECTS = ("who", "good_for", "link_to_shop")


def platform_table() -> pd.DataFrame:
    """The interaction platforms side by side, in the reader's language."""

    return pd.DataFrame(
        {aspect: [t(f"platform_{aspect}.{p}") for p in PLATFORMS] for aspect in PLATFORM_ASPECTS},
        index=pd.Index(list(PLATFORMS), name="platform"),
    )
