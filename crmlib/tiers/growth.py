"""Growth value (成长值, §7.2.4): the points a member earns, per event and per customer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..archive import birthday_parts
from ..orders import purchases, require_columns
from .policy import GrowthRule


def birthdays_of(customers: pd.DataFrame) -> pd.Series:
    """Each customer's birthday (``"MM-DD"``) by customer id, as :func:`prepare` takes them.

    A table without a ``birthday`` column gives an empty Series: nobody earns birthday points.
    """
    if "birthday" not in customers:
        return pd.Series(dtype="string", index=pd.Index([], name="customer_id"))
    return customers.set_index("customer_id")["birthday"]


def birthday_months(birthdays: pd.Series) -> pd.Series:
    """Month (1-12) of each customer's birthday, from ``"MM-DD"`` strings; missing stays missing."""
    return birthday_parts(birthdays)[0].astype("Int64")


def growth_events(
    orders: pd.DataFrame,
    reviews: pd.DataFrame | None,
    rule: GrowthRule,
    birthdays: pd.Series | None = None,
) -> pd.DataFrame:
    """Every event that earns growth value, at the base rate (no tier multipliers yet).

    Orders earn ``points_per_yuan`` per yuan paid net of refunds (times a category multiplier);
    photo reviews earn ``photo_review_bonus``. Refunded orders earn nothing (net 0).

    Returns
    -------
    pandas.DataFrame
        ``customer_id``, ``time``, ``points``; ``purchase`` (the event is a purchase, which tier
        multipliers apply to) and ``birthday_month`` (a purchase in the customer's birthday
        month; always False when ``birthdays`` is not given).
    """
    bought = purchases(orders)
    if rule.category_multipliers:
        require_columns(bought, ["category"], "growth_events (category_multipliers)")
    multiplier = (
        bought["category"].astype(str).map(rule.category_multipliers).fillna(1.0)
        if rule.category_multipliers
        else 1.0
    )
    in_birthday_month = np.zeros(len(bought), dtype=bool)
    if birthdays is not None:
        month = birthday_months(birthdays).reindex(bought["customer_id"])
        same = (
            month.to_numpy(dtype=float, na_value=np.nan) == bought["paid_time"].dt.month.to_numpy()
        )
        in_birthday_month = np.asarray(same, dtype=bool)  # no birthday: no bonus
    parts = [
        pd.DataFrame(
            {
                "customer_id": bought["customer_id"].to_numpy(),
                "time": bought["paid_time"].to_numpy(),
                "points": (bought["net_amount"] * rule.points_per_yuan * multiplier).to_numpy(),
                "purchase": True,
                "birthday_month": in_birthday_month,
            }
        )
    ]
    if reviews is not None and rule.photo_review_bonus:
        photo = reviews[reviews["has_photo"]]
        parts.append(
            pd.DataFrame(
                {
                    "customer_id": photo["customer_id"].to_numpy(),
                    "time": photo["review_time"].to_numpy(),
                    "points": rule.photo_review_bonus,
                    "purchase": False,
                    "birthday_month": False,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def growth_values(
    events: pd.DataFrame, as_of: str | pd.Timestamp, customers: pd.Index | None = None
) -> pd.DataFrame:
    """Growth value per customer as of a date, at the base rate.

    Returns
    -------
    pandas.DataFrame
        ``rolling`` (last 12 months) and ``cumulative`` (since joining) growth value, and the
        purchase points within each (``rolling_purchase``, ``cumulative_purchase``) and within
        those the birthday-month purchase points (``rolling_birthday``, ``cumulative_birthday``),
        which tier multipliers scale (see :func:`crmlib.tiers.evaluation.effective_growth`).
    """
    as_of = pd.Timestamp(as_of)
    past = events[events["time"] < as_of]
    recent = past["time"] >= as_of - pd.DateOffset(months=12)
    points = past["points"]
    purchase = points.where(past["purchase"], 0.0) if "purchase" in past else points
    birthday = (
        points.where(past["birthday_month"], 0.0) if "birthday_month" in past else points * 0.0
    )
    frame = pd.DataFrame(
        {
            "customer_id": past["customer_id"],
            "rolling": points.where(recent, 0.0),
            "cumulative": points,
            "rolling_purchase": purchase.where(recent, 0.0),
            "cumulative_purchase": purchase,
            "rolling_birthday": birthday.where(recent, 0.0),
            "cumulative_birthday": birthday,
        }
    )
    out = frame.groupby("customer_id").sum()
    if customers is not None:
        out = out.reindex(customers)
    return out.fillna(0.0)
