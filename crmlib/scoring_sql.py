"""Scoring inputs computed by DuckDB from an import's Parquet files, for shops whose orders do
not fit in memory.

The orders are aggregated in SQL to one row per customer (the archive's purchase history, the
tiers' growth values, the CLV models' summary); everything after that is the same pandas code
as :func:`crmlib.scoring.score_customers` (:func:`crmlib.scoring.score_inputs`). Memory grows
with the number of customers, not with the number of orders. ``tests/test_scoring_sql.py``
proves the two paths give the same scores.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pandas as pd

from . import tiers
from .archive import archive_from_history, birthday_parts
from .orders import PURCHASE_STATUSES
from .scoring import CustomerInputs

_PURCHASE = "status IN (" + ", ".join(f"'{s}'" for s in PURCHASE_STATUSES) + ")"


def _timestamp(value: pd.Timestamp) -> str:
    return f"TIMESTAMP '{pd.Timestamp(value).isoformat(sep=' ')}'"


def customer_inputs_sql(
    directory: str | Path,
    *,
    as_of: str | pd.Timestamp,
    policy: tiers.Policy,
    memory_limit: str = "3GB",
    per_order: bool = True,
) -> CustomerInputs:
    """:class:`~crmlib.scoring.CustomerInputs` from ``orders.parquet`` and ``customers.parquet``
    in ``directory`` (written by ``crmlib import --outputs parquet``), aggregated by DuckDB.

    ``per_order=False`` leaves out each order's amount in the tiers' 12 months (only their
    totals per customer are fetched): the score needs no more, :func:`crmlib.tiers.evaluate`
    does, and memory then follows the buyers alone."""
    import duckdb  # aggregates orders larger than memory (see crmlib.importers.bulk)

    directory = Path(directory)
    orders_file = directory / "orders.parquet"
    if not orders_file.exists():
        raise FileNotFoundError(
            f"{orders_file} is missing: scoring in DuckDB needs an import written with "
            "`crmlib import --outputs parquet`"
        )
    as_of = pd.Timestamp(as_of)
    year_before = as_of - pd.DateOffset(months=12)
    customers = pd.read_parquet(directory / "customers.parquet")
    with closing(duckdb.connect()) as con:  # closed on any error too
        con.sql(f"SET memory_limit = '{memory_limit}'")
        con.sql("SET enable_progress_bar = false")  # the CLI shows its own steps
        con.sql(
            f"""CREATE VIEW orders AS SELECT customer_id, created_time, paid_time, status, category,
            amount_paid, refund_amount, amount_paid - refund_amount AS net,
            coupon > 0 OR discount > 0 AS promoted FROM read_parquet('{orders_file}')"""
        )
        history = _history(con, as_of, year_before)
        # the tiers' 12-month revenue and orders: the purchase history has them already
        totals = (
            history[["spend_12m", "orders_12m"]].fillna(0).set_axis(["revenue", "orders"], axis=1)
        )
        tier_inputs = _tier_inputs(
            con, customers, policy.growth, as_of, year_before, totals, per_order
        )
        summary = _summary(con, as_of)
    archive = archive_from_history(customers, history, as_of)
    problem = None if len(summary) else "no purchases before the as-of date"
    return CustomerInputs(archive, tier_inputs, summary if len(summary) else None, as_of, problem)


def last_order_day(directory: str | Path) -> pd.Timestamp | None:
    """:func:`crmlib.archive.default_as_of` of an import's ``orders.parquet``: the day after
    the last order was created or paid (None without orders)."""
    import duckdb

    last = duckdb.sql(
        "SELECT max(greatest(created_time, coalesce(paid_time, created_time))) "
        f"FROM read_parquet('{Path(directory) / 'orders.parquet'}')"
    ).fetchall()[0][0]
    return None if last is None else pd.Timestamp(last).normalize() + pd.Timedelta(days=1)


def _history(con, as_of: pd.Timestamp, year_before: pd.Timestamp) -> pd.DataFrame:
    """:func:`crmlib.archive.purchase_history`, in SQL: one pass over the orders placed before
    ``as_of``, the purchases among them (paid before ``as_of``) counted by FILTER."""
    bought = f"{_PURCHASE} AND paid_time < {_timestamp(as_of)}"
    recent = f"{bought} AND paid_time >= {_timestamp(year_before)}"
    history = con.sql(
        f"""SELECT customer_id, min(paid_time) FILTER ({bought}) AS first_purchase,
          max(paid_time) FILTER ({bought}) AS last_purchase,
          count(*) FILTER ({bought}) AS orders,
          count(*) FILTER (status = 'refunded') AS refunded_orders,
          count(*) FILTER (status = 'closed') AS closed_orders,
          round(fsum(net) FILTER ({bought}), 2) AS spend,
          avg(CAST(promoted AS DOUBLE)) FILTER ({bought}) AS promo_share,
          count(*) FILTER ({recent}) AS orders_12m,
          round(fsum(net) FILTER ({recent}), 2) AS spend_12m
        FROM orders WHERE created_time < {_timestamp(as_of)}
        GROUP BY customer_id ORDER BY customer_id"""
    ).df()
    return history.set_index("customer_id")


def _tier_inputs(
    con,
    customers: pd.DataFrame,
    growth: tiers.GrowthRule,
    as_of: pd.Timestamp,
    year_before: pd.Timestamp,
    totals: pd.DataFrame,
    per_order: bool,
) -> tiers.TierInputs:
    """:func:`crmlib.tiers.prepare` (no reviews: an import has none), in SQL; the 12-month
    ``totals`` are the purchase history's, each order of those months fetched if ``per_order``."""
    birthdays = tiers.birthdays_of(customers).dropna()
    months = birthday_parts(birthdays)[0]
    con.register(
        "birthday_months",
        pd.DataFrame({"customer_id": birthdays.index.to_numpy(), "month": months.to_numpy()}),
    )
    rates = growth.category_multipliers
    multipliers = pd.DataFrame(
        {
            "category": pd.Series(list(rates), dtype=str),
            "multiplier": pd.Series(rates.values(), dtype=float),
        }
    )
    con.register("multipliers", multipliers)
    recent = f"time >= {_timestamp(year_before)}"
    values = con.sql(
        f"""WITH events AS (
            SELECT o.customer_id, o.paid_time AS time,
              o.net * {growth.points_per_yuan} * coalesce(m.multiplier, 1.0) AS points,
              coalesce(month(o.paid_time) = b.month, false) AS birthday_month
            FROM orders o LEFT JOIN multipliers m ON m.category = o.category
              LEFT JOIN birthday_months b ON b.customer_id = o.customer_id
            WHERE {_PURCHASE}
        )
        SELECT customer_id,
          coalesce(fsum(points) FILTER (time < {_timestamp(as_of)} AND {recent}), 0) AS rolling,
          coalesce(fsum(points) FILTER (time < {_timestamp(as_of)}), 0) AS cumulative,
          coalesce(fsum(points) FILTER (time < {_timestamp(as_of)} AND {recent}
            AND birthday_month), 0) AS rolling_birthday,
          coalesce(fsum(points) FILTER (time < {_timestamp(as_of)} AND birthday_month), 0)
            AS cumulative_birthday
        FROM events GROUP BY customer_id ORDER BY customer_id"""
    ).df()
    ids = pd.Index(values["customer_id"].to_numpy())
    values = values.set_index("customer_id").assign(
        rolling_purchase=lambda v: v["rolling"], cumulative_purchase=lambda v: v["cumulative"]
    )  # every growth event of an import is a purchase (an import has no reviews)
    window = None
    if per_order:
        window = con.sql(
            f"""SELECT customer_id, amount_paid FROM orders WHERE {_PURCHASE}
            AND paid_time < {_timestamp(as_of)} AND paid_time >= {_timestamp(year_before)}"""
        ).df()
    return tiers.evaluation.tier_inputs(
        ids, values, totals, as_of, birthdays_known=True, window=window
    )


def _summary(con, as_of: pd.Timestamp) -> pd.DataFrame:
    """:func:`crmlib.clv.transaction_summary` of the purchases net of refunds, in days, in SQL."""
    end = _timestamp(as_of.normalize() - pd.Timedelta(days=1))
    summary = con.sql(
        f"""WITH days AS (
            SELECT customer_id, date_trunc('day', paid_time) AS day,
              CAST(round(fsum(net) * 100) AS BIGINT) AS cents
            FROM orders WHERE {_PURCHASE} AND paid_time < {_timestamp(as_of)}
            GROUP BY customer_id, day
        )
        SELECT customer_id, CAST(count(*) - 1 AS BIGINT) AS frequency,
          CAST(datediff('day', min(day), max(day)) AS DOUBLE) AS recency,
          CAST(datediff('day', min(day), {end}) AS DOUBLE) AS T,
          -- the days after the first; in whole cents: the same mean whichever order the
          -- parallel sums took
          coalesce((sum(cents) - arg_min(cents, day)) / nullif(count(*) - 1, 0) / 100.0, 0.0)
            AS monetary_value
        FROM days GROUP BY customer_id ORDER BY customer_id"""
    ).df()
    return summary.set_index("customer_id")
