"""The customer archive (客户档案, §7.1): one row per customer, built from the raw tables."""

from __future__ import annotations

import pandas as pd

from .datasets.channels import channel_family
from .orders import promo_share, purchases, require_columns, until
from .privacy import mask_frame

PROFILE = [
    "customer_id",
    "nickname",
    "phone",
    "gender",
    "age_band",
    "region",
    "signup_date",
    "birthday",
    "acquisition_channel",
    "credit_points",
    "vip88",
    "community_member",
    "marketing_consent",
]


def default_as_of(orders: pd.DataFrame) -> pd.Timestamp:
    """The day after the last order was created or paid: "today" for a data export (an order
    created just before midnight and paid just after still counts)."""
    times = [orders[c].max() for c in ("created_time", "paid_time") if c in orders and len(orders)]
    last = max((t for t in times if pd.notna(t)), default=pd.NaT)
    if pd.isna(last):
        raise ValueError(
            "there are no orders with a created time, so there is no 'today' to score at"
        )
    return last.normalize() + pd.Timedelta(days=1)


def birthday_parts(birthdays: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Month and day of ``"MM-DD"`` birthdays (missing stays missing); a malformed one is an error."""
    text = birthdays.astype("string")
    month = pd.to_numeric(text.str.slice(0, 2), errors="coerce")
    day = pd.to_numeric(text.str.slice(3, 5), errors="coerce")
    bad = text.notna() & ~(month.between(1, 12) & day.between(1, 31))
    if bad.any():
        raise ValueError(f"birthday {birthdays[bad].iloc[0]!r} is not a month-day like '03-08'")
    return month, day


def days_to_birthday(birthdays: pd.Series, as_of: str | pd.Timestamp) -> pd.Series:
    """Days from ``as_of`` to each next birthday (0-365) from ``"MM-DD"``; missing stays missing.

    A 29 February birthday is celebrated on 28 February in years without one.
    """
    today = pd.Timestamp(as_of).normalize()
    month, day = birthday_parts(birthdays)

    def on(year: int) -> pd.Series:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        safe_day = day.where(~((month == 2) & (day == 29)) | leap, 28)
        dates = pd.to_datetime(
            pd.DataFrame({"year": year, "month": month, "day": safe_day}), errors="coerce"
        )
        return pd.Series((dates - today).dt.days.to_numpy(), index=birthdays.index)

    this_year, next_year = on(today.year), on(today.year + 1)
    return this_year.where(this_year >= 0, next_year).astype("Int64")


def build_archive(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    service: pd.DataFrame | None = None,
    reviews: pd.DataFrame | None = None,
    as_of: str | pd.Timestamp | None = None,
    *,
    mask: bool = True,
) -> pd.DataFrame:
    """Build the customer archive as of a date.

    Parameters
    ----------
    customers, orders : pandas.DataFrame
        The shop's customers and orders (columns as in ``datasets/README.md``).
    service, reviews : pandas.DataFrame, optional
        Add interaction history (inquiries, returns, complaints, reviews) when given.
    as_of : date, optional
        Only what happened before this moment counts; default: the day after the last order.
    mask : bool
        Mask personal fields (default). Pass ``False`` only for internal use that needs them.

    Returns
    -------
    pandas.DataFrame
        One row per customer, indexed by ``customer_id``: the profile; ``channel_family``;
        purchase history (``first_purchase``, ``last_purchase``, ``orders`` = completed orders,
        ``refunded_orders``, ``closed_orders``, ``spend`` = net of refunds, ``aov`` = average
        order value 客单价, ``promo_share`` = share of purchases with a coupon or discount,
        ``orders_12m``, ``spend_12m``, ``days_since_last``, ``days_since_first``);
        ``birthday_in_days`` (days to the next birthday); and, when given, ``inquiries``,
        ``returns``, ``complaints``, ``reviews``, ``photo_reviews``, ``mean_rating``.
        Customers who never bought have 0 orders and missing purchase dates.
    """
    require_columns(customers, PROFILE, "build_archive (customers)")
    require_columns(orders, ["customer_id", "created_time", "status"], "build_archive (orders)")
    as_of = pd.Timestamp(as_of) if as_of is not None else default_as_of(orders)
    history = purchase_history(orders, as_of)
    return archive_from_history(customers, history, as_of, service, reviews, mask=mask)


def purchase_history(orders: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Per buyer, what the orders before ``as_of`` say: ``first_purchase``, ``last_purchase``,
    ``orders``, ``refunded_orders``, ``closed_orders``, ``spend``, ``promo_share``,
    ``orders_12m``, ``spend_12m`` (see :func:`build_archive`; the DuckDB engine computes the
    same table in SQL for exports too large for memory)."""
    bought = purchases(orders, as_of)
    per = bought.groupby("customer_id")
    recent = bought[bought["paid_time"] >= as_of - pd.DateOffset(months=12)].groupby("customer_id")
    placed = until(orders, as_of)
    status_counts = pd.crosstab(placed["customer_id"], placed["status"])
    return pd.DataFrame(
        {
            "first_purchase": per["paid_time"].min(),
            "last_purchase": per["paid_time"].max(),
            "orders": per.size(),
            "refunded_orders": status_counts.get("refunded"),
            "closed_orders": status_counts.get("closed"),
            # money to the cent: sums that differ in the last bits are the same amount
            "spend": per["net_amount"].sum().round(2),
            "promo_share": promo_share(bought),
            "orders_12m": recent.size(),
            "spend_12m": recent["net_amount"].sum().round(2),
        }
    )


def archive_from_history(
    customers: pd.DataFrame,
    history: pd.DataFrame,
    as_of: pd.Timestamp,
    service: pd.DataFrame | None = None,
    reviews: pd.DataFrame | None = None,
    *,
    mask: bool = True,
) -> pd.DataFrame:
    """The archive from the profiles and a :func:`purchase_history` table (by customer id)."""
    seen = customers[customers["signup_date"] < as_of]
    archive = seen[PROFILE].set_index("customer_id")
    archive["channel_family"] = channel_family(archive["acquisition_channel"]).astype("category")
    archive = archive.join(history)
    counts = ["orders", "refunded_orders", "closed_orders", "orders_12m"]
    archive[counts] = archive[counts].fillna(0).astype("int64")
    archive[["spend", "spend_12m"]] = archive[["spend", "spend_12m"]].fillna(0.0)
    archive["aov"] = archive["spend"] / archive["orders"].where(archive["orders"] > 0)
    archive["days_since_last"] = (as_of - archive["last_purchase"]).dt.days
    archive["days_since_first"] = (as_of - archive["first_purchase"]).dt.days
    archive["birthday_in_days"] = days_to_birthday(archive["birthday"], as_of)

    archive = _with_interactions(archive, service, reviews, as_of)
    return mask_frame(archive) if mask else archive


def _with_interactions(
    archive: pd.DataFrame,
    service: pd.DataFrame | None,
    reviews: pd.DataFrame | None,
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    """Add inquiries, returns, complaints (from service) and reviews (from reviews) before as_of."""
    if service is not None:
        s = service[service["contact_time"] < as_of]
        kinds = pd.crosstab(s["customer_id"], s["kind"]).reindex(
            columns=["pre_sale", "return", "complaint"], fill_value=0
        )
        kinds.columns = ["inquiries", "returns", "complaints"]
        archive = archive.join(kinds)
        archive[kinds.columns] = archive[kinds.columns].fillna(0).astype("int64")
    if reviews is not None:
        r = reviews[reviews["review_time"] < as_of].groupby("customer_id")
        rev = pd.DataFrame(
            {
                "reviews": r.size(),
                "photo_reviews": r["has_photo"].sum(),
                "mean_rating": r["rating"].mean(),
            }
        )
        archive = archive.join(rev)
        archive[["reviews", "photo_reviews"]] = (
            archive[["reviews", "photo_reviews"]].fillna(0).astype("int64")
        )
    return archive
