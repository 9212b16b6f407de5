"""Order-level conventions every chapter shares: what counts as a purchase, and revenue.

* A **purchase** is a completed order (kept by the customer), or, in imported exports, a paid
  order still on its way (``in_progress``). Refunded orders were paid and then returned;
  closed orders were never paid (交易关闭).
* **Revenue** (net) is money kept: ``amount_paid - refund_amount`` summed over all orders
  (closed orders contribute 0, refunded orders 0).
"""

from __future__ import annotations

import pandas as pd

from .locale import Message, _

ORDER_STATUSES = ("completed", "in_progress", "refunded", "closed")
PURCHASE_STATUSES = ("completed", "in_progress")


def require_columns(frame: pd.DataFrame, columns: list[str] | tuple[str, ...], what: str) -> None:
    """Raise a ``KeyError`` naming the missing columns, what was found, and who needed them."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(
            Message(
                _("{what}: missing column(s) {missing}; found {found}"),
                what=what,
                missing=missing,
                found=list(frame.columns),
            )
        )


def until(orders: pd.DataFrame, as_of: str | pd.Timestamp | None) -> pd.DataFrame:
    """Orders created before ``as_of`` (all of them if ``as_of`` is None)."""
    if as_of is None:
        return orders
    return orders[orders["created_time"] < pd.Timestamp(as_of)]


def purchases(orders: pd.DataFrame, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Purchases (completed or in-progress orders paid before ``as_of``), with ``net_amount``."""
    require_columns(orders, ["status", "paid_time", "amount_paid", "refund_amount"], "purchases")
    kept = orders[orders["status"].isin(PURCHASE_STATUSES)]
    if as_of is not None:
        kept = kept[kept["paid_time"] < pd.Timestamp(as_of)]
    return kept.assign(net_amount=kept["amount_paid"] - kept["refund_amount"])


def promoted(orders: pd.DataFrame) -> pd.Series:
    """Whether each order used a promotion: a coupon or a discount (price sensitivity)."""
    require_columns(orders, ["coupon", "discount"], "promoted")
    return (orders["coupon"] > 0) | (orders["discount"] > 0)


def promo_share(orders: pd.DataFrame) -> pd.Series:
    """Per customer, the share of their orders that used a promotion (:func:`promoted`)."""
    return promoted(orders).groupby(orders["customer_id"]).mean().rename("promo_share")


def net_revenue(orders: pd.DataFrame) -> float:
    """Money kept: amount paid minus refunds, over every order given."""
    require_columns(orders, ["amount_paid", "refund_amount"], "net_revenue")
    return float((orders["amount_paid"] - orders["refund_amount"]).sum())
