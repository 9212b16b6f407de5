"""Smart outreach (智能触达, §7.3): from a crowd to the customers a message may go to, when to
send it, and what it is expected to cost and bring.

In the seller back end, 智能触达 sends an SMS to a system-recommended crowd at a chosen time. Here
the crowd comes from the tag engine (:mod:`crmlib.tags`) or the customer grades, and
:func:`audience` takes out, with a count per reason (nobody disappears silently):

1. ``unknown``: not in the customer table;
2. ``no_consent``: no marketing consent (营销授权), when the rule requires it;
3. ``contacted_recently``: sent a marketing message within the frequency cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from .orders import purchases, require_columns

Reason = Literal["unknown", "no_consent", "contacted_recently"]
REASONS: tuple[str, ...] = get_args(Reason)


class OutreachRule(BaseModel):
    """Who may be messaged: consent required, and at most one message per ``cap_days``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    require_consent: bool = True
    cap_days: int = Field(7, ge=0)


DEFAULT_RULE = OutreachRule()  # frozen: safe as a default argument


@dataclass(frozen=True)
class Audience:
    """The customers a message may go to, and how many of the crowd were taken out and why."""

    ids: pd.Index
    excluded: pd.Series  # customers taken out, per reason (every reason listed, 0 included)

    @property
    def crowd(self) -> int:
        return len(self.ids) + int(self.excluded.sum())


def audience(
    crowd: pd.Index | list,
    customers: pd.DataFrame,
    contacts: pd.DataFrame | None,
    as_of: str | pd.Timestamp,
    rule: OutreachRule = DEFAULT_RULE,
) -> Audience:
    """Filter a crowd by the rule; each excluded customer is counted once, under the first
    reason that applies (in the order of :data:`REASONS`)."""
    require_columns(customers, ["customer_id", "marketing_consent"], "audience (customers)")
    crowd = pd.Index(crowd, name="customer_id").drop_duplicates()
    known = customers.set_index("customer_id")
    reason = pd.Series(pd.NA, index=crowd, dtype="string")
    reason[~crowd.isin(known.index)] = "unknown"
    consent = known["marketing_consent"].reindex(crowd).fillna(False).astype(bool)
    if rule.require_consent:
        reason[reason.isna() & ~consent.to_numpy()] = "no_consent"
    if contacts is not None and rule.cap_days > 0:
        require_columns(contacts, ["customer_id", "contact_time"], "audience (contacts)")
        as_of = pd.Timestamp(as_of)
        since = as_of - pd.Timedelta(days=rule.cap_days)
        recent = contacts.loc[
            (contacts["contact_time"] >= since) & (contacts["contact_time"] < as_of), "customer_id"
        ]
        reason[reason.isna() & crowd.isin(recent).astype(bool)] = "contacted_recently"
    excluded = reason.value_counts().reindex(list(REASONS), fill_value=0).astype("int64")
    return Audience(ids=crowd[reason.isna().to_numpy()], excluded=excluded.rename("customers"))


def purchase_hours(orders: pd.DataFrame, ids: pd.Index | None = None) -> pd.Series:
    """Share of purchases paid in each hour of the day (0-23), for the given customers."""
    bought = purchases(orders)
    if ids is not None:
        bought = bought[bought["customer_id"].isin(ids)]
    if bought.empty:
        raise ValueError("no purchases to learn the hours from")
    hours = bought["paid_time"].dt.hour.value_counts(normalize=True)
    return hours.reindex(range(24), fill_value=0.0).rename_axis("hour").rename("share")


def best_send_hour(hours: pd.Series, lead: int = 1) -> int:
    """The hour to send: ``lead`` hours before the hour when most purchases are paid (so the
    message arrives as people start shopping; the earliest peak if several tie)."""
    peak = int(hours.idxmax())
    return (peak - lead) % 24


def campaign_value(
    recipients: int,
    rate_control: float,
    rate_treated: float,
    order_value: float,
    margin: float = 0.4,
    coupon: float = 20.0,
    message_price: float = 0.05,
) -> pd.Series:
    """What a campaign costs and brings, in yuan, from its response rates.

    Every buyer among the recipients uses the coupon, including those who would have bought
    without it (``rate_control``), so the coupon cost is paid on ``rate_treated``; only the
    difference, the uplift, brings *extra* buyers (``extra_orders``: one order each within the
    window), each worth ``order_value`` (the mean order value, not the median: totals add up
    means)::

        extra_profit = recipients * (rate_treated - rate_control) * order_value * margin
        cost = recipients * (rate_treated * coupon + message_price)
        net = extra_profit - cost
    """
    if recipients < 0 or not (0 <= rate_control <= 1 and 0 <= rate_treated <= 1):
        raise ValueError("need recipients >= 0 and rates between 0 and 1")
    extra_orders = recipients * (rate_treated - rate_control)
    extra_profit = extra_orders * order_value * margin
    coupon_cost = recipients * rate_treated * coupon
    message_cost = recipients * message_price
    return pd.Series(
        {
            "recipients": float(recipients),
            "extra_orders": extra_orders,
            "extra_profit": extra_profit,
            "coupon_cost": coupon_cost,
            "message_cost": message_cost,
            "net": extra_profit - coupon_cost - message_cost,
        },
        name="value",
    )


def break_even_uplift(
    rate_control: float,
    order_value: float,
    margin: float = 0.4,
    coupon: float = 20.0,
    message_price: float = 0.05,
) -> float:
    """The smallest uplift at which a campaign stops losing money (:func:`campaign_value`'s
    net = 0): ``u * order_value * margin = (rate_control + u) * coupon + message_price``, so::

        u = (rate_control * coupon + message_price) / (order_value * margin - coupon)

    ``inf`` when even a buyer won costs more than the profit on their order."""
    profit_per_buyer = order_value * margin - coupon
    if profit_per_buyer <= 0:
        return float("inf")
    return (rate_control * coupon + message_price) / profit_per_buyer


def value_of_targeting(
    by_segment: pd.DataFrame,
    sizes: pd.Series,
    chosen: list[str] | pd.Index,
    order_value: float,
    **costs: float,
) -> pd.Series:
    """:func:`campaign_value` of sending only to the ``chosen`` segments of an A/B test.

    ``by_segment`` is :func:`crmlib.experiments.uplift_by_segment`'s table; the chosen
    segments' rates are pooled, weighted by how many customers each group had there, and
    ``sizes`` (customers per segment in the whole audience) gives the recipients. ``costs`` are
    passed on (``margin``, ``coupon``, ``message_price``).
    """
    part = by_segment.loc[list(chosen)]
    rate_control = (part["rate_control"] * part["controls"]).sum() / part["controls"].sum()
    rate_treated = (part["rate_treated"] * part["treated"]).sum() / part["treated"].sum()
    recipients = int(sizes.reindex(list(chosen)).fillna(0).sum())
    return campaign_value(recipients, rate_control, rate_treated, order_value, **costs)


def value_from_rates(
    rates: pd.DataFrame, recipients: int, order_value: float, **costs: float
) -> pd.Series:
    """:func:`campaign_value` from each customer's purchase probabilities without and with the
    campaign (columns ``p_control``, ``p_treated``, as the simulator's
    :func:`crmlib.datasets.campaigns.true_rates` gives them), averaged over ``rates``' rows."""
    require_columns(rates, ["p_control", "p_treated"], "value_from_rates")
    return campaign_value(
        recipients, rates["p_control"].mean(), rates["p_treated"].mean(), order_value, **costs
    )
