"""Scoring a membership policy against a shop (§7.2.4): who reaches which tier, what it costs.

:func:`prepare` turns the shop's tables into per-customer growth values once; :func:`evaluate`
then scores any policy against them fast enough for a slider.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..locale import _
from ..orders import purchases, require_columns
from .growth import growth_events, growth_values
from .policy import GrowthRule, Policy, PolicyError, problem


@dataclass(frozen=True)
class TierInputs:
    """Everything :func:`evaluate` needs, computed once from the shop's tables.

    Per customer (aligned arrays): ids; rolling 12-month and cumulative growth value at the base
    rate, and the purchase and birthday-month purchase points within each (tier multipliers scale
    those); 12-month revenue and orders. Per order in the 12 months before ``as_of``: amount and
    customer position (None when only the totals were fetched, as ``crmlib score`` does on a
    DuckDB import: the score needs no more, and the orders of a year can outgrow memory).
    ``birthdays_known``: whether birthdays were given to :func:`prepare`.
    """

    customer_id: np.ndarray
    rolling: np.ndarray
    cumulative: np.ndarray
    revenue: np.ndarray
    orders: np.ndarray
    order_amount: np.ndarray | None
    order_customer: np.ndarray | None
    as_of: pd.Timestamp
    rolling_purchase: np.ndarray
    cumulative_purchase: np.ndarray
    rolling_birthday: np.ndarray
    cumulative_birthday: np.ndarray
    birthdays_known: bool

    @property
    def size(self) -> int:
        return self.customer_id.size


def prepare(
    orders: pd.DataFrame,
    reviews: pd.DataFrame | None,
    as_of: str | pd.Timestamp,
    growth: GrowthRule | None = None,
    customers: pd.Index | None = None,
    *,
    birthdays: pd.Series | None = None,
) -> TierInputs:
    """Growth values and 12-month purchases of every customer (buyers by default) as of a date.

    ``birthdays`` (``"MM-DD"`` by customer id, e.g. ``customers.set_index("customer_id")
    ["birthday"]``) is needed by policies with birthday-month points; customers without one
    earn no birthday bonus.
    """
    require_columns(
        orders,
        ["customer_id", "paid_time", "status", "amount_paid", "refund_amount"],
        "tiers.prepare",
    )
    as_of = pd.Timestamp(as_of)
    growth = growth or GrowthRule()
    events = growth_events(orders, reviews, growth, birthdays)
    ids = (
        pd.Index(np.sort(events["customer_id"].unique()))
        if customers is None
        else pd.Index(customers)
    )
    values = growth_values(events, as_of, ids)
    window = purchases(orders, as_of)
    window = window[window["paid_time"] >= as_of - pd.DateOffset(months=12)]
    window = window[window["customer_id"].isin(ids)]
    per = window.groupby("customer_id")
    totals = pd.DataFrame({"revenue": per["net_amount"].sum(), "orders": per.size()})
    return tier_inputs(
        ids, values, totals, as_of, birthdays_known=birthdays is not None, window=window
    )


def tier_inputs(
    ids: pd.Index,
    values: pd.DataFrame,
    totals: pd.DataFrame,
    as_of: pd.Timestamp,
    *,
    birthdays_known: bool,
    window: pd.DataFrame | None = None,
) -> TierInputs:
    """:class:`TierInputs` from the customers' growth values (:func:`growth_values`'s columns,
    indexed like ``ids``), their 12-month ``totals`` before ``as_of`` (``revenue``, ``orders``
    by customer id) and, when given, those purchases one by one (``window``: ``customer_id``,
    ``amount_paid``; None leaves the inputs without per-order amounts): shared by
    :func:`prepare` and the DuckDB engine."""
    return TierInputs(
        customer_id=ids.to_numpy(),
        rolling=values["rolling"].to_numpy(float),
        cumulative=values["cumulative"].to_numpy(float),
        revenue=totals["revenue"].reindex(ids, fill_value=0.0).to_numpy(float),
        orders=totals["orders"].reindex(ids, fill_value=0).to_numpy(np.int64),
        order_amount=None if window is None else window["amount_paid"].to_numpy(float),
        order_customer=None if window is None else ids.get_indexer(window["customer_id"]),
        as_of=as_of,
        rolling_purchase=values["rolling_purchase"].to_numpy(float),
        cumulative_purchase=values["cumulative_purchase"].to_numpy(float),
        rolling_birthday=values["rolling_birthday"].to_numpy(float),
        cumulative_birthday=values["cumulative_birthday"].to_numpy(float),
        birthdays_known=birthdays_known,
    )


def assign(policy: Policy, rolling: np.ndarray, cumulative: np.ndarray) -> np.ndarray:
    """Tier index (0 = entry tier) for given rolling and cumulative growth values.

    Under rule ``"rolling"`` only the rolling value counts; under ``"either"`` a tier is also
    reached by its cumulative threshold. The tier is the highest one reached.
    """
    rolling = np.asarray(rolling, dtype=float)
    cumulative = np.asarray(cumulative, dtype=float)
    level = np.zeros(rolling.shape, dtype=np.int64)
    for i, tier in enumerate(policy.tiers[1:], start=1):
        reached = rolling >= tier.rolling
        if policy.rule == "either" and tier.cumulative is not None:
            reached |= cumulative >= tier.cumulative
        level = np.where(reached, i, level)
    return level


def _multipliers(policy: Policy) -> tuple[np.ndarray, np.ndarray]:
    points = np.array([t.benefits.points_multiplier for t in policy.tiers])
    birthday = np.array([t.benefits.birthday_points_multiplier for t in policy.tiers])
    return points, birthday


def effective_growth(policy: Policy, inputs: TierInputs) -> tuple[np.ndarray, np.ndarray]:
    """Rolling and cumulative growth value with the tiers' points multipliers applied.

    A member earns at the rate of the tier their base growth value reaches: purchases earn
    ``points_multiplier`` times the base points, and purchases in the birthday month another
    ``birthday_points_multiplier`` times on top (the textbook's diamond: double points). The
    bonus is computed once from the base tier (no compounding). E.g. a diamond member with 3,200
    base points, 400 of them in the birthday month, has 3,200 + 400 = 3,600.

    Raises
    ------
    PolicyError
        The policy gives birthday points but :func:`prepare` was given no birthdays.
    """
    points, birthday = _multipliers(policy)
    if (birthday != 1).any() and not inputs.birthdays_known:
        who = ", ".join(
            f"{t.name} ×{t.benefits.birthday_points_multiplier:g}"
            for t in policy.tiers
            if t.benefits.birthday_points_multiplier != 1
        )
        raise PolicyError(
            problem(
                None,
                _(
                    "policy {name!r} gives birthday-month points ({who}) but no birthdays were "
                    "given: pass birthdays=customers.set_index('customer_id')['birthday'] to "
                    "prepare (customers without a birthday earn no bonus)"
                ),
                name=policy.name,
                who=who,
            )
        )
    base = assign(policy, inputs.rolling, inputs.cumulative)
    m, b = points[base], birthday[base]
    rolling = (
        inputs.rolling + (m - 1) * inputs.rolling_purchase + m * (b - 1) * inputs.rolling_birthday
    )
    cumulative = (
        inputs.cumulative
        + (m - 1) * inputs.cumulative_purchase
        + m * (b - 1) * inputs.cumulative_birthday
    )
    return rolling, cumulative


def levels(policy: Policy, inputs: TierInputs) -> np.ndarray:
    """Each customer's tier index under ``policy``, multipliers and birthday points included."""
    return assign(policy, *effective_growth(policy, inputs))


def benefit_cost(policy: Policy, level_of_order: np.ndarray, amount: np.ndarray) -> np.ndarray:
    """What each order's tier benefits would have cost: the discount, plus the offer if reached."""
    discount = np.array([t.benefits.discount for t in policy.tiers])[level_of_order]
    offer_min = np.array([t.benefits.offer_min for t in policy.tiers])[level_of_order]
    offer_off = np.array([t.benefits.offer_off for t in policy.tiers])[level_of_order]
    after_discount = amount * discount
    offer = np.where((offer_off > 0) & (after_discount >= offer_min), offer_off, 0.0)
    return amount - after_discount + offer


@dataclass(frozen=True)
class Evaluation:
    """The impact of a policy: per-tier table, each customer's tier, near-miss customers."""

    table: pd.DataFrame
    level: np.ndarray
    near_miss: pd.DataFrame

    @property
    def counts(self) -> pd.Series:
        return self.table["members"]


def evaluate(policy: Policy, inputs: TierInputs, band: float = 0.1) -> Evaluation:
    """Score a policy: members, share, revenue, AOV, repurchase and benefit cost per tier, and
    the near-miss customers within ``band`` (a fraction) below the next tier's threshold.

    Revenue, orders and costs cover the 12 months before ``inputs.as_of``; cost is what the
    tier's discount and offer would have granted on those orders.
    """
    if not 0 <= band < 1:
        raise ValueError(f"band must be a fraction in [0, 1), got {band}")
    if inputs.order_amount is None:
        raise ValueError(
            "these tier inputs hold the 12 months' totals but not each order's amount, which "
            "the benefit cost needs: make them with tiers.prepare, or with "
            "customer_inputs_sql(..., per_order=True)"
        )
    rolling, cumulative = effective_growth(policy, inputs)
    level = assign(policy, rolling, cumulative)
    k = len(policy.tiers)
    members = np.bincount(level, minlength=k)
    revenue = np.bincount(level, weights=inputs.revenue, minlength=k)
    orders = np.bincount(level, weights=inputs.orders, minlength=k)
    repeaters = np.bincount(level, weights=(inputs.orders >= 2), minlength=k)
    buyers = np.bincount(level, weights=(inputs.orders >= 1), minlength=k)
    cost = benefit_cost(policy, level[inputs.order_customer], inputs.order_amount)
    cost_by_tier = np.bincount(level[inputs.order_customer], weights=cost, minlength=k)
    with np.errstate(divide="ignore", invalid="ignore"):
        table = pd.DataFrame(
            {
                "members": members,
                "share": members / max(inputs.size, 1),
                "revenue_12m": revenue,
                "aov": revenue / orders,
                "repurchase_rate": repeaters / buyers,
                "benefit_cost": cost_by_tier,
                "cost_share_of_revenue": cost_by_tier / revenue,
            },
            index=pd.Index(policy.names, name="tier"),
        )
    close = near_misses(policy, inputs.customer_id, rolling, cumulative, level, band)
    return Evaluation(table=table, level=level, near_miss=close)


def near_misses(
    policy: Policy,
    customer_id: np.ndarray,
    rolling: np.ndarray,
    cumulative: np.ndarray,
    level: np.ndarray,
    band: float,
) -> pd.DataFrame:
    """Customers within ``band`` below the next tier, and the growth value each needs to move up."""
    k = len(policy.tiers)
    nxt = np.minimum(level + 1, k - 1)
    top = level == k - 1
    rolling_target = np.array([t.rolling for t in policy.tiers], dtype=float)[nxt]
    need = rolling_target - rolling
    target = rolling_target
    if policy.rule == "either":
        cum = np.array(
            [np.inf if t.cumulative is None else t.cumulative for t in policy.tiers], dtype=float
        )[nxt]
        target = np.where(rolling_target - rolling <= cum - cumulative, rolling_target, cum)
        need = np.minimum(need, cum - cumulative)
    close = ~top & (need > 0) & (need <= band * target)
    names = np.array(policy.names)
    return pd.DataFrame(
        {
            "customer_id": customer_id[close],
            "tier": names[level[close]],
            "next_tier": names[nxt[close]],
            "points_needed": need[close],
        }
    ).sort_values(["points_needed", "customer_id"], ignore_index=True)


def tiers_as_of(policy: Policy, inputs: TierInputs) -> pd.Series:
    """Each customer's tier name (a tidy Series indexed by customer id)."""
    return pd.Series(
        np.array(policy.names)[levels(policy, inputs)],
        index=pd.Index(inputs.customer_id, name="customer_id"),
        name="tier",
    )
