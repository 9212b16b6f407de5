"""Qualification, multipliers and birthday points, and a policy's impact (crmlib.tiers.evaluation)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tinyshop as tiny
from crmlib import tiers as T

POLICY = T.textbook_policy()


def test_assign_by_hand():
    rolling = np.array([0, 499, 500, 1600, 2000, 3000])
    cumulative = np.array([900, 0, 0, 0, 5000, 0])
    assert POLICY.rule == "rolling"  # the textbook re-judges on the last 12 months only
    assert T.assign(POLICY, rolling, cumulative).tolist() == [0, 0, 1, 2, 2, 3]
    assert T.assign(POLICY.with_rule("either"), rolling, cumulative).tolist() == [1, 0, 1, 2, 3, 3]


def _tiny_inputs(birthdays: bool = True):
    orders = tiny.orders().assign(category="钱包")
    days = tiny.customers().set_index("customer_id")["birthday"] if birthdays else None
    return T.prepare(
        orders, tiny.reviews(), tiny.AS_OF, customers=pd.Index([1, 2, 3, 4, 5]), birthdays=days
    )


def test_evaluate_by_hand():
    small = POLICY.with_rule("either").replace_tiers(
        {
            "gold": {"rolling": 650, "cumulative": 2500},
            "silver": {"rolling": 300, "cumulative": 800},
        }
    )
    ev = T.evaluate(small, _tiny_inputs(), band=0.2)
    # growth: c1 350, c2 300, c3 40, c4 690, c5 0 -> silver c1, c2; gold c4; ordinary c3, c5
    assert ev.counts.tolist() == [2, 2, 1, 0]
    assert ev.table.loc["silver", "revenue_12m"] == 600.0  # c1 300 + c2 300
    assert ev.table.loc["silver", "repurchase_rate"] == 0.5  # c1 twice, c2 once
    # silver orders 100, 200, 300: 5% off each (30) plus 50 off the 300 order (285 >= 300? no)
    assert ev.table.loc["silver", "benefit_cost"] == pytest.approx(30.0)
    # gold orders 60, 80, 500: 10% off (64) + 120 off the 500 order (450 < 500: no offer)
    assert ev.table.loc["gold", "benefit_cost"] == pytest.approx(64.0)
    # near miss within 20% below silver (300): c3 needs 260 -> no; gold 650: c1 needs 300 -> no
    assert ev.near_miss.empty
    close = T.evaluate(small.replace_tier("gold", rolling=400), _tiny_inputs(), band=0.2).near_miss
    # gold at 400: c1 (350) needs 50 <= 20% of 400; c2 (300) needs 100 > 80
    assert close["customer_id"].tolist() == [1] and close["points_needed"].tolist() == [50.0]


amounts = st.lists(st.floats(0, 10_000, allow_nan=False), min_size=1, max_size=40)


@given(amounts, st.floats(0, 5_000))
def test_more_spend_never_means_a_lower_tier(values, extra):
    rolling = np.array(values)
    for policy in (POLICY, POLICY.with_rule("either")):
        base = T.assign(policy, rolling, rolling)
        more = T.assign(policy, rolling + extra, rolling + extra)
        assert (more >= base).all()


@given(amounts, st.sampled_from(["silver", "gold", "diamond"]), st.floats(1, 500))
@settings(max_examples=60)
def test_raising_a_threshold_never_adds_members_at_or_above_that_tier(values, name, raise_by):
    rolling = np.array(values)
    index = POLICY.names.index(name)
    tier = POLICY.tiers[index]
    upper = POLICY.tiers[index + 1].rolling if index + 1 < len(POLICY.tiers) else np.inf
    new_value = min(tier.rolling + raise_by, upper - 1)
    raised = POLICY.replace_tier(name, rolling=new_value)
    before = (T.assign(POLICY, rolling, rolling) >= index).sum()
    after = (T.assign(raised, rolling, rolling) >= index).sum()
    assert after <= before


@given(amounts)
def test_every_customer_gets_exactly_one_tier(values):
    rolling = np.array(values)
    level = T.assign(POLICY, rolling, rolling)
    assert level.shape == rolling.shape and ((level >= 0) & (level < 4)).all()


# --- points multipliers and birthday points, by hand --------------------------------------------
# The tiny shop (tests/tinyshop.py) as of 2025-01-01, base growth value: c1 350 (purchases 100 +
# 200, a photo review 50), c2 300 (one purchase on 2024-12-20; birthday 12-31, so a birthday-month
# purchase), c3 40, c4 690 (purchases 640, a photo review 50), c5 0.


def _small(silver_birthday: float = 1.0, silver_points: float = 1.0) -> T.Policy:
    policy = T.Policy(
        name="small",
        tiers=(
            T.Tier(name="ordinary"),
            T.Tier(
                name="silver",
                rolling=250,
                benefits=T.Benefits(
                    points_multiplier=silver_points, birthday_points_multiplier=silver_birthday
                ),
            ),
            T.Tier(name="gold", rolling=550),
        ),
    )
    return policy


def test_birthday_points_double_a_birthday_month_purchase():
    inputs = _tiny_inputs()
    assert T.levels(_small(), inputs).tolist() == [1, 1, 0, 2, 0]
    rolling, cumulative = T.effective_growth(_small(silver_birthday=2.0), inputs)
    # c2: silver on base points; 300 in the birthday month counts twice: 300 + 300 = 600
    assert rolling.tolist() == [350.0, 600.0, 40.0, 690.0, 0.0]
    assert cumulative.tolist() == [350.0, 600.0, 40.0, 690.0, 0.0]
    assert T.levels(_small(silver_birthday=2.0), inputs).tolist() == [1, 2, 0, 2, 0]


def test_points_multiplier_scales_purchases_not_review_bonuses():
    rolling, _ = T.effective_growth(_small(silver_points=1.5), _tiny_inputs())
    # c1: 350 + 0.5 * 300 purchase points = 500 (the photo review's 50 is not multiplied)
    # c2: 300 + 0.5 * 300 = 450; c4 is gold (multiplier 1), c3 ordinary
    assert rolling.tolist() == [500.0, 450.0, 40.0, 690.0, 0.0]
    both, _ = T.effective_growth(_small(silver_birthday=2.0, silver_points=1.5), _tiny_inputs())
    assert both[1] == 300 * 1.5 * 2  # birthday-month purchase: base × 1.5 × 2


def test_the_textbook_diamonds_birthday_points_change_growth_value():
    inputs = _tiny_inputs()
    diamond_rich = POLICY.replace_tiers(
        {"silver": {"rolling": 100}, "gold": {"rolling": 200}, "diamond": {"rolling": 250}}
    )
    rolling, _ = T.effective_growth(diamond_rich, inputs)
    assert rolling[1] == 600.0  # c2, a diamond here, bought in the birthday month
    assert rolling[0] == 350.0  # c1 did not


def test_birthday_points_without_birthdays_are_an_error_not_a_silent_zero():
    with pytest.raises(T.PolicyError, match="birthday-month points .*silver ×2.*birthdays="):
        T.evaluate(_small(silver_birthday=2.0), _tiny_inputs(birthdays=False))
    # a policy without birthday points needs none
    assert T.evaluate(_small(), _tiny_inputs(birthdays=False)).counts.tolist() == [2, 2, 1]


def test_policies_are_keyword_only_and_reject_unknown_fields():
    with pytest.raises(TypeError):
        T.Benefits(0.85, 1000, 300)  # positional benefits invite mistakes
    with pytest.raises(T.PolicyError, match=r"unknown benefit\(s\) \['cash'\]"):
        T.Benefits(cash=5)
