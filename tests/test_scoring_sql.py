"""The DuckDB scoring path (crmlib.scoring_sql) gives the same scores as the pandas path."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import tiers
from crmlib.exercises._shop import as_of, store
from crmlib.scoring import customer_inputs, score_customers, score_inputs
from crmlib.scoring_sql import customer_inputs_sql, last_order_day


@pytest.fixture(scope="module")
def shop_files(tmp_path_factory):
    """The committed shop's orders and customers as the DuckDB engine writes them."""
    directory = tmp_path_factory.mktemp("shop")
    s = store()
    s.orders.assign(status=s.orders["status"].astype(str)).to_parquet(directory / "orders.parquet")
    s.customers.to_parquet(directory / "customers.parquet")
    return directory


def test_the_same_inputs_per_customer(shop_files):
    s, policy = store(), tiers.textbook_policy()
    expected = customer_inputs(s.customers, s.orders, as_of=as_of(), policy=policy)
    got = customer_inputs_sql(shop_files, as_of=as_of(), policy=policy)
    pd.testing.assert_frame_equal(
        got.archive, expected.archive, check_dtype=False, check_categorical=False
    )
    pd.testing.assert_frame_equal(got.summary, expected.summary, check_dtype=False, rtol=1e-12)
    for field in ("customer_id", "orders", "order_customer"):
        assert (getattr(got.tier_inputs, field) == getattr(expected.tier_inputs, field)).all()
    for field in ("rolling", "cumulative", "revenue", "rolling_birthday", "cumulative_birthday"):
        pd.testing.assert_series_equal(
            pd.Series(getattr(got.tier_inputs, field)),
            pd.Series(getattr(expected.tier_inputs, field)),
            rtol=1e-12,
        )
    assert expected.tier_inputs.rolling_birthday.sum() > 0  # the shop's birthdays count


def test_the_same_scores_on_the_committed_shop(shop_files):
    s = store()
    expected = score_customers(s.customers, s.orders, as_of=as_of())
    got = score_inputs(
        customer_inputs_sql(shop_files, as_of=as_of(), policy=tiers.textbook_policy())
    )
    assert got.notes == expected.notes
    pd.testing.assert_frame_equal(
        got.table, expected.table, check_dtype=False, check_categorical=False, rtol=1e-9
    )
    assert expected.table["tier"].nunique() >= 3 and expected.table["clv_12m"].notna().any()


def test_the_default_as_of_is_the_day_after_the_last_order(shop_files):
    from crmlib.archive import default_as_of

    assert last_order_day(shop_files) == default_as_of(store().orders)


def test_category_multipliers_count_the_same(shop_files):
    s = store()
    category = s.orders["category"].astype(str).iloc[0]
    growth = tiers.textbook_policy().growth.model_copy(
        update={"category_multipliers": {category: 2.0}}
    )
    policy = tiers.textbook_policy().model_copy(update={"growth": growth})
    got = customer_inputs_sql(shop_files, as_of=as_of(), policy=policy).tier_inputs
    expected = tiers.prepare(
        s.orders, None, as_of(), growth, birthdays=tiers.birthdays_of(s.customers)
    )
    plain = customer_inputs_sql(shop_files, as_of=as_of(), policy=tiers.textbook_policy())
    assert got.cumulative.sum() > plain.tier_inputs.cumulative.sum()  # the multiplier counts
    pd.testing.assert_series_equal(
        pd.Series(got.cumulative), pd.Series(expected.cumulative), rtol=1e-12
    )


def test_without_each_order_the_totals_and_scores_are_the_same(shop_files):
    """``per_order=False`` (what ``crmlib score`` asks for): the tiers' 12-month totals and the
    scores as with every order fetched, no per-order amounts, and a clear error from
    tiers.evaluate, which needs them."""
    policy = tiers.textbook_policy()
    full = customer_inputs_sql(shop_files, as_of=as_of(), policy=policy)
    lean = customer_inputs_sql(shop_files, as_of=as_of(), policy=policy, per_order=False)
    assert lean.tier_inputs.order_amount is None and lean.tier_inputs.order_customer is None
    assert (lean.tier_inputs.orders == full.tier_inputs.orders).all()
    pd.testing.assert_series_equal(
        pd.Series(lean.tier_inputs.revenue), pd.Series(full.tier_inputs.revenue), rtol=1e-12
    )
    assert full.tier_inputs.orders.sum() > 0
    pd.testing.assert_frame_equal(score_inputs(lean).table, score_inputs(full).table)
    with pytest.raises(ValueError, match="not each order's amount"):
        tiers.evaluate(policy, lean.tier_inputs)
    assert tiers.evaluate(policy, full.tier_inputs).table["members"].sum() > 0
