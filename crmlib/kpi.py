"""The KPIs a shop watches (§7.1 and the trade articles): repurchase, order value, activity,
acquisition cost, and how concentrated revenue is (the Pareto check and the Lorenz curve)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .datasets.channels import channel_table
from .locale import Message, _
from .orders import purchases, require_columns
from .segments import ACTIVE_DAYS


def repurchase_rate(archive: pd.DataFrame) -> float:
    """Share of buyers with two or more completed orders (复购率)."""
    buyers = archive[archive["orders"] > 0]
    if buyers.empty:
        raise ValueError(Message(_("repurchase_rate: the archive has no buyers")))
    return float((buyers["orders"] >= 2).mean())


def average_order_value(orders: pd.DataFrame, as_of: str | pd.Timestamp | None = None) -> float:
    """Net revenue per completed order (客单价 as money per order).

    Taobao's 生意参谋 reports 客单价 as payment per paying buyer per day; with one order per
    buyer per day, the usual case, the two agree.
    """
    bought = purchases(orders, as_of)
    if bought.empty:
        raise ValueError(Message(_("average_order_value: no completed orders")))
    return float(bought["net_amount"].mean())


def active_customers(archive: pd.DataFrame, days: int = ACTIVE_DAYS) -> int:
    """Customers whose last purchase is less than ``days`` before the archive's as-of date
    (the same window in which :func:`crmlib.segments.value_segments` calls none churn risk)."""
    return int((archive["days_since_last"] < days).sum())


def cac_by_channel(traffic: pd.DataFrame, archive: pd.DataFrame) -> pd.DataFrame:
    """Customer acquisition cost per channel: marketing spend / new buyers won (CNY).

    New buyers are counted by ``acquisition_channel`` among customers with at least one
    purchase; spend is the channel's total in ``traffic``. Free channels have spend 0; a
    channel that won nobody has no CAC. Every catalogue channel is listed, in catalogue order.
    """
    require_columns(traffic, ["channel", "spend"], "cac_by_channel (traffic)")
    spend = traffic.groupby("channel", observed=False)["spend"].sum()
    won = archive[archive["orders"] > 0].groupby("acquisition_channel", observed=False).size()
    known = list(channel_table()["channel"])
    extra = sorted((set(spend.index.astype(str)) | set(won.index.astype(str))) - set(known))
    table = pd.DataFrame({"marketing_spend": spend, "new_buyers": won})
    table = table.reindex(known + extra).fillna(0)
    table["new_buyers"] = table["new_buyers"].astype("int64")
    table["cac"] = table["marketing_spend"] / table["new_buyers"].where(table["new_buyers"] > 0)
    table.index.name = "channel"
    return table


def lorenz_curve(values: pd.Series | np.ndarray) -> pd.DataFrame:
    """Cumulative share of customers (poorest first) against cumulative share of value.

    Returns
    -------
    pandas.DataFrame
        ``customer_share`` and ``value_share``, both from 0 to 1, starting at (0, 0).
    """
    v = np.sort(np.asarray(values, dtype=float))
    if v.size == 0 or v.sum() <= 0:
        raise ValueError(Message(_("lorenz_curve needs at least one positive value")))
    if (v < 0).any():
        raise ValueError(
            Message(_("lorenz_curve: values must be 0 or more (net spend cannot be below 0)"))
        )
    customer_share = np.arange(v.size + 1) / v.size
    value_share = np.concatenate([[0.0], np.cumsum(v) / v.sum()])
    return pd.DataFrame({"customer_share": customer_share, "value_share": value_share})


def gini(values: pd.Series | np.ndarray) -> float:
    """Gini coefficient of the values: 0 = everyone equal, towards 1 = one customer has all."""
    curve = lorenz_curve(values)
    area = np.trapezoid(curve["value_share"], curve["customer_share"])
    return float(1 - 2 * area)


def top_share(values: pd.Series | np.ndarray, top: float = 0.2) -> float:
    """Share of the total brought by the top ``top`` fraction of customers (the Pareto check).

    With n customers, the top ``ceil(top * n)`` by value count.
    """
    if not 0 < top <= 1:
        raise ValueError(
            Message(
                _(
                    "top is a share of customers above 0 and at most 1 (0.2 for the top 20%), got {top}"
                ),
                top=top,
            )
        )
    v = np.sort(np.asarray(values, dtype=float))[::-1]
    if v.sum() <= 0:
        raise ValueError(Message(_("top_share needs a positive total")))
    k = int(np.ceil(top * v.size))
    return float(v[:k].sum() / v.sum())
