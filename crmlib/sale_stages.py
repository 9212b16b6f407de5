"""Interaction across the sale (§7.1 ⑥ 全程互动: 售前、售中、售后) in the shop's own data.

The textbook asks the shop to stay in touch before, during and after each sale. What the data
can show of each stage:

* :func:`pre_sale` — 售前: visits where the buyer asked customer service before deciding,
  and how often such a visit ends in an order, beside visits without a question;
* :func:`during_sale` — 售中: orders placed, paid and left unpaid (closed), and the minutes
  from placing to paying: the moment for an order confirmation or a payment reminder;
* :func:`after_sale` — 售后: returns and complaints by reason, each reason's share of its kind,
  so that the shop sees which promise failed (size, colour against the photos, quality,
  delivery): the satisfaction levers of §7.4.

Each is a pure function of the tables; shares are of what the table counts, named in the column.
"""

from __future__ import annotations

import pandas as pd

from .orders import require_columns


def pre_sale(visits: pd.DataFrame) -> pd.DataFrame:
    """Visits with and without a question to customer service, the orders they ended in and
    the conversion (orders per visit), indexed by ``asked_service`` (True/False)."""
    require_columns(visits, ["asked_service", "order_id"], "pre_sale")
    per = visits.assign(ordered=visits["order_id"].notna()).groupby("asked_service")
    out = pd.DataFrame({"visits": per.size(), "orders_placed": per["ordered"].sum()})
    return out.assign(conversion=out["orders_placed"] / out["visits"]).sort_index(ascending=False)


def during_sale(orders: pd.DataFrame) -> pd.DataFrame:
    """One row: orders placed, paid and closed unpaid, the share paid, and the median minutes
    from placing an order to paying it (paid orders)."""
    require_columns(orders, ["created_time", "paid_time", "status"], "during_sale")
    paid = orders["paid_time"].notna()
    minutes = (orders["paid_time"] - orders["created_time"]).dt.total_seconds()[paid] / 60
    return pd.DataFrame(
        {
            "orders_placed": [len(orders)],
            "orders_paid": [int(paid.sum())],
            "closed_unpaid": [int((~paid & (orders["status"] == "closed")).sum())],
            "paid_share": [float(paid.mean()) if len(orders) else float("nan")],
            "median_minutes_to_pay": [float(minutes.median())],
        }
    )


def after_sale(service: pd.DataFrame) -> pd.DataFrame:
    """Returns and complaints by reason: contacts, and each reason's share of its kind
    (largest first within each kind)."""
    require_columns(service, ["kind", "reason"], "after_sale")
    after = service[service["kind"].isin(["return", "complaint"]) & service["reason"].notna()]
    counts = after.groupby(["kind", "reason"]).size().rename("contacts").reset_index()
    counts["share"] = counts["contacts"] / counts.groupby("kind")["contacts"].transform("sum")
    counts = counts.sort_values(["kind", "contacts"], ascending=[False, False])
    return counts.set_index(["kind", "reason"])
