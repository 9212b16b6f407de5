"""Customer segmentation (客户细分, §7.1) and lifecycle stages, as stated, parameterised rules.

Every rule works on the customer archive (:func:`crmlib.archive.build_archive`) and returns a
categorical Series indexed like it, so segments can be counted, cross-tabulated and tagged.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .orders import require_columns

VALUE_SEGMENTS = ("high", "mid", "low", "churn_risk", "no_purchase")
LIFECYCLE_STAGES = ("new", "active", "sleeping", "churned", "prospect")
BEHAVIOUR_SEGMENTS = ("impulse", "comparison", "loyal_repeat", "no_purchase")


#: The suite's windows, one meaning each everywhere (days since the last purchase; for "new",
#: since the first). 6 months is the textbook's churn-risk figure (§7.1): a buyer silent that long
#: is no longer *active* and is at *churn risk* (in the lifecycle: *sleeping*, then *churned*).
NEW_DAYS = 90  # 新客户: first purchase within 90 days
ACTIVE_DAYS = 182  # 活跃客户: last purchase less than 182 days (6 months) ago; else 流失风险
CHURNED_DAYS = 365  # 流失客户: no purchase for more than a year


@dataclass(frozen=True)
class ValueRule:
    """Value segmentation on the last 12 months (§7.1).

    Attributes
    ----------
    churn_days : int
        No purchase for this many days = churn risk (流失风险; the textbook says 6 months).
    high_share : float
        The top share of the remaining buyers by 12-month net spend are high-value (20%).
    low_share : float
        The bottom share are low-value; the rest are mid-value.
    """

    churn_days: int = ACTIVE_DAYS
    high_share: float = 0.20
    low_share: float = 0.30

    def __post_init__(self) -> None:
        if self.churn_days <= 0:
            raise ValueError(f"churn_days must be positive, got {self.churn_days}")
        if not (
            0 < self.high_share < 1
            and 0 <= self.low_share < 1
            and self.high_share + self.low_share <= 1
        ):
            raise ValueError(
                f"high_share ({self.high_share}) and low_share ({self.low_share}) must be "
                "fractions that add up to at most 1"
            )


def value_segments(archive: pd.DataFrame, rule: ValueRule = ValueRule()) -> pd.Series:
    """High / mid / low value, churn risk, or no purchase, for each customer.

    Buyers silent for ``rule.churn_days`` or more are ``churn_risk``. The others are ranked by
    12-month net spend (ties keep the better segment): the top ``high_share`` are ``high``,
    the bottom ``low_share`` are ``low``, the rest ``mid``.
    """
    require_columns(archive, ["orders", "days_since_last", "spend_12m"], "value_segments")
    seg = pd.Series("no_purchase", index=archive.index, dtype=object)
    buyer = archive["orders"] > 0
    churn = buyer & (archive["days_since_last"] >= rule.churn_days)
    seg[churn] = "churn_risk"
    live = buyer & ~churn
    pct = archive.loc[live, "spend_12m"].rank(pct=True, method="max")
    seg[live] = "mid"
    seg[live & (pct > 1 - rule.high_share).reindex(archive.index, fill_value=False)] = "high"
    seg[live & (pct <= rule.low_share).reindex(archive.index, fill_value=False)] = "low"
    return pd.Series(pd.Categorical(seg, VALUE_SEGMENTS), index=archive.index, name="value_segment")


@dataclass(frozen=True)
class LifecycleRule:
    """Lifecycle stages as of the archive date (trade articles: new, active, sleeping, churned).

    ``new``: first purchase within ``new_days``; ``active``: last purchase less than
    ``active_days`` ago (so a buyer is active exactly when :class:`ValueRule` does not call them
    churn risk); ``sleeping``: within ``churn_days``; ``churned``: longer ago.
    """

    new_days: int = NEW_DAYS
    active_days: int = ACTIVE_DAYS
    churn_days: int = CHURNED_DAYS

    def __post_init__(self) -> None:
        if not 0 < self.new_days <= self.active_days < self.churn_days:
            raise ValueError(
                "need 0 < new_days <= active_days < churn_days, got "
                f"{self.new_days}, {self.active_days}, {self.churn_days}"
            )


def lifecycle_stages(archive: pd.DataFrame, rule: LifecycleRule = LifecycleRule()) -> pd.Series:
    """Lifecycle stage of each customer; non-buyers are ``prospect``."""
    require_columns(archive, ["orders", "days_since_first", "days_since_last"], "lifecycle_stages")
    days_since_first = archive["days_since_first"]
    last = archive["days_since_last"]
    stage = pd.Series("prospect", index=archive.index, dtype=object)
    buyer = archive["orders"] > 0
    stage[buyer & (last > rule.churn_days)] = "churned"
    stage[buyer & (last <= rule.churn_days)] = "sleeping"
    stage[buyer & (last < rule.active_days)] = "active"
    stage[buyer & (days_since_first <= rule.new_days)] = "new"
    return pd.Series(pd.Categorical(stage, LIFECYCLE_STAGES), index=archive.index, name="lifecycle")


@dataclass(frozen=True)
class BehaviourRule:
    """Behaviour segmentation (§7.1) from visits, review reliance and promotion use.

    ``loyal_repeat``: at least ``loyal_orders`` purchases and at least ``loyal_direct_share``
    of visits arriving directly or by precise search (they know the shop). Otherwise
    ``comparison``: on average at least ``comparison_pages`` pages per visit, or reading the
    reviews on at least ``comparison_review_share`` of visits. Otherwise ``impulse``.
    """

    loyal_orders: int = 3
    loyal_direct_share: float = 0.5
    comparison_pages: float = 8.0
    comparison_review_share: float = 0.6


def visit_profile(visits: pd.DataFrame) -> pd.DataFrame:
    """Per customer: visits, mean pages, review-reading share, direct/precise-search share."""
    require_columns(
        visits, ["customer_id", "pages_viewed", "viewed_reviews", "channel"], "visit_profile"
    )
    per = visits.assign(known=visits["channel"].isin(["direct", "search_precise"])).groupby(
        "customer_id"
    )
    return pd.DataFrame(
        {
            "visits": per.size(),
            "mean_pages": per["pages_viewed"].mean(),
            "review_share": per["viewed_reviews"].mean(),
            "direct_share": per["known"].mean(),
        }
    )


def behaviour_segments(
    archive: pd.DataFrame, visits: pd.DataFrame, rule: BehaviourRule = BehaviourRule()
) -> pd.Series:
    """Impulse (冲动型), comparison (理性对比型) or loyal repeat (忠诚复购型) buyers."""
    profile = visit_profile(visits).reindex(archive.index)
    buyer = archive["orders"] > 0
    loyal = (
        buyer
        & (archive["orders"] >= rule.loyal_orders)
        & (profile["direct_share"] >= rule.loyal_direct_share)
    )
    comparison = (
        buyer
        & ~loyal
        & (
            (profile["mean_pages"] >= rule.comparison_pages)
            | (profile["review_share"] >= rule.comparison_review_share)
        )
    )
    seg = pd.Series("no_purchase", index=archive.index, dtype=object)
    seg[buyer] = "impulse"
    seg[comparison] = "comparison"
    seg[loyal] = "loyal_repeat"
    return pd.Series(pd.Categorical(seg, BEHAVIOUR_SEGMENTS), index=archive.index, name="behaviour")
