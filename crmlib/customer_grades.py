"""The textbook's customer grades (§7.3 维护客户关系): 普通客户, 成长客户, 成熟客户, 流失客户.

§7.3 grades customers on quantifiable value (what they spend, how often they buy, how many items
and categories) and non-quantifiable value (influence, word of mouth), and serves each grade
differently. Here the quantifiable part is a rule written as data (:class:`GradeRule`, validated
like a membership policy), applied in this order to every customer as of a date:

1. **no purchase** (未购买): never bought before the date;
2. **churned** (流失客户): no purchase for more than ``churned_days`` (365: the suite's one churn
   window, :data:`crmlib.segments.CHURNED_DAYS`, as in the lifecycle stages);
3. **mature** (成熟客户): in the last 12 months spent at least ``mature_spend``, bought at least
   ``mature_orders`` times, in at least ``mature_categories`` categories;
4. **growing** (成长客户): rising spend: at least ``growing_orders`` purchases in the last 12
   months, and the last ``half_days`` brought at least ``growing_ratio`` times the spend of the
   ``half_days`` before (a buyer new in the last half year counts if they already bought twice);
5. **ordinary** (普通客户): every other buyer.

Spend is net of refunds, purchases are completed (or paid, in progress) orders: the same
definitions as the customer archive (:mod:`crmlib.orders`).
"""

from __future__ import annotations

from typing import Literal, get_args

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .locale import t
from .orders import purchases, require_columns
from .segments import CHURNED_DAYS

Grade = Literal["mature", "growing", "ordinary", "churned", "no_purchase"]
GRADES: tuple[str, ...] = get_args(Grade)


class GradeRule(BaseModel):
    """Thresholds of the four grades, as data a shop can change and keep versions of."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    churned_days: int = Field(CHURNED_DAYS, gt=0)
    mature_spend: float = Field(1000.0, ge=0)
    mature_orders: int = Field(3, ge=1)
    mature_categories: int = Field(2, ge=1)
    half_days: int = Field(182, gt=0)
    growing_ratio: float = Field(1.5, gt=1)
    growing_orders: int = Field(2, ge=1)

    @model_validator(mode="after")
    def _windows_fit(self) -> GradeRule:
        if 2 * self.half_days > 366:
            raise ValueError(
                f"half_days ({self.half_days}): two halves must fit in the 12 months the "
                "mature grade looks at (at most 183 days each)"
            )
        return self


DEFAULT_RULE = GradeRule()  # frozen: safe as a default argument


def grade_inputs(
    orders: pd.DataFrame, as_of: str | pd.Timestamp, rule: GradeRule = DEFAULT_RULE
) -> pd.DataFrame:
    """Per buyer, the numbers the grades are judged on (one row per customer who bought).

    Columns: ``days_since_last``, ``spend_12m``, ``orders_12m``, ``categories_12m``,
    ``spend_recent_half`` (the last ``half_days``) and ``spend_previous_half`` (the
    ``half_days`` before).
    """
    require_columns(orders, ["customer_id", "paid_time", "category"], "grade_inputs")
    as_of = pd.Timestamp(as_of)
    bought = purchases(orders, as_of)
    age = (as_of - bought["paid_time"]).dt.days
    year = bought[bought["paid_time"] >= as_of - pd.DateOffset(months=12)]
    recent = bought[age < rule.half_days]
    previous = bought[(age >= rule.half_days) & (age < 2 * rule.half_days)]
    per = bought.groupby("customer_id")
    out = pd.DataFrame(
        {
            "days_since_last": (as_of - per["paid_time"].max()).dt.days,
            "spend_12m": year.groupby("customer_id")["net_amount"].sum(),
            "orders_12m": year.groupby("customer_id").size(),
            "categories_12m": year.groupby("customer_id")["category"].nunique(),
            "spend_recent_half": recent.groupby("customer_id")["net_amount"].sum(),
            "spend_previous_half": previous.groupby("customer_id")["net_amount"].sum(),
        }
    )
    counts = ["orders_12m", "categories_12m"]
    out[counts] = out[counts].fillna(0).astype("int64")
    return out.fillna(0.0)


def grade_customers(
    orders: pd.DataFrame,
    as_of: str | pd.Timestamp,
    customers: pd.Index | None = None,
    rule: GradeRule = DEFAULT_RULE,
) -> pd.Series:
    """Each customer's grade as of a date (a categorical Series named ``grade``).

    ``customers`` lists everyone to grade (those who never bought are ``no_purchase``); by
    default, the buyers.
    """
    inputs = grade_inputs(orders, as_of, rule)
    index = pd.Index(customers if customers is not None else inputs.index, name="customer_id")
    x = inputs.reindex(index)
    bought = x["days_since_last"].notna()
    churned = bought & (x["days_since_last"] > rule.churned_days)
    mature = (
        bought
        & ~churned
        & (x["spend_12m"] >= rule.mature_spend)
        & (x["orders_12m"] >= rule.mature_orders)
        & (x["categories_12m"] >= rule.mature_categories)
    )
    rising = x["spend_recent_half"] >= rule.growing_ratio * x["spend_previous_half"]
    growing = (
        bought
        & ~churned
        & ~mature
        & (x["orders_12m"] >= rule.growing_orders)
        & (x["spend_recent_half"] > 0)
        & rising
    )
    grade = np.select(
        [~bought, churned, mature, growing],
        ["no_purchase", "churned", "mature", "growing"],
        "ordinary",
    )
    return pd.Series(pd.Categorical(grade, GRADES), index=index, name="grade")


def grade_mix(
    orders: pd.DataFrame,
    dates: list[str] | pd.DatetimeIndex,
    customers: pd.Index | None = None,
    rule: GradeRule = DEFAULT_RULE,
) -> pd.DataFrame:
    """How many customers hold each grade at each date (rows: grades, columns: dates).

    Customers are graded at a date only once they have bought (``no_purchase`` is left out):
    the mix describes the buyers the shop had by then.
    """
    columns = {}
    for date in pd.DatetimeIndex(dates):
        grades = grade_customers(orders, date, customers, rule)
        columns[date.date().isoformat()] = grades[grades != "no_purchase"].value_counts()
    mix = pd.DataFrame(columns).reindex([g for g in GRADES if g != "no_purchase"])
    return mix.fillna(0).astype("int64").rename_axis(index="grade", columns="as_of")


class GradeService(BaseModel):
    """The differentiated service a shop gives one grade (§7.3): keys of the label catalogue's
    ``grade_service`` entries, so that each service is named in the reader's language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    grade: Grade
    services: tuple[str, ...] = Field(min_length=1)


#: The textbook's examples of service by grade (§7.3): dedicated channel, priority shipping and
#: birthday wishes for high value, welcome messages for new customers, win-back for the churned.
DEFAULT_SERVICE = (
    GradeService(
        grade="mature",
        services=("dedicated_agent", "priority_shipping", "birthday_gift", "new_product_preview"),
    ),
    GradeService(
        grade="growing", services=("personal_recommendation", "upgrade_coupon", "community")
    ),
    GradeService(
        grade="ordinary", services=("welcome_message", "review_reply", "festival_greeting")
    ),
    GradeService(grade="churned", services=("win_back_offer", "ask_why")),
)


def service_table(plan: tuple[GradeService, ...] = DEFAULT_SERVICE) -> pd.DataFrame:
    """One row per grade and service, with the service in the reader's language."""

    rows = [
        {"grade": p.grade, "service": t(f"grade_service.{s}")} for p in plan for s in p.services
    ]
    return pd.DataFrame(rows)
