"""Growth value per event and per customer (crmlib.tiers.growth), by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import tinyshop as tiny
from crmlib import tiers as T

POLICY = T.textbook_policy()


def test_growth_values_by_hand():
    rule = T.GrowthRule(photo_review_bonus=50)
    events = T.growth_events(tiny.orders(), tiny.reviews(), rule)
    values = T.growth_values(events, tiny.AS_OF, pd.Index([1, 2, 3, 4, 5]))
    # c1: 100 + 200 paid (refunded order earns 0) + one photo review 50 = 350
    # c4: 60 + 80 + 500 + one photo review = 690; c5 never bought = 0
    assert values["rolling"].tolist() == [350.0, 300.0, 40.0, 690.0, 0.0]
    assert values["cumulative"].tolist() == [350.0, 300.0, 40.0, 690.0, 0.0]
    later = T.growth_values(events, "2025-06-25", pd.Index([1, 4]))
    assert later["rolling"].tolist() == [200.0, 550.0]  # since 2024-06-25: 500 + photo review 50
    assert later["cumulative"].tolist() == [350.0, 690.0]
    orders = tiny.orders().assign(category=["钱包"] * 8 + ["手提包"])  # c4's 500 order: a handbag
    doubled = T.growth_events(orders, None, T.GrowthRule(category_multipliers={"手提包": 2.0}))
    assert doubled["points"].sum() == 1280.0 + 500.0
    with pytest.raises(KeyError, match="category"):
        T.growth_events(tiny.orders(), None, T.GrowthRule(category_multipliers={"手提包": 2.0}))
    with pytest.raises(ValueError, match="category_multipliers"):
        T.Policy(tiers=POLICY.tiers, growth=T.GrowthRule(category_multipliers={"手提包": 0}))


def test_birthdays_of_a_table_without_birthdays_is_empty_not_an_error():
    assert T.birthdays_of(tiny.customers()).loc[2] == "12-31"
    empty = T.birthdays_of(tiny.customers().drop(columns="birthday"))
    assert empty.empty and empty.index.name == "customer_id"
