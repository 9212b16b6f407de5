"""Membership tiers: validation, files, growth value, qualification, impact, cycles, explorer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tinyshop as tiny
from crmlib import tiers as T
from crmlib.explorer import counts_html, explorer_state, policy_from_controls

POLICY = T.textbook_policy()


# --- the policy as data -----------------------------------------------------------------------


def test_textbook_policy_figures():
    p = POLICY
    assert p.names == ["ordinary", "silver", "gold", "diamond"]
    assert [t.rolling for t in p.tiers] == [0, 500, 1500, 3000]
    assert [t.cumulative for t in p.tiers] == [None, 800, 2500, 5000]
    assert [t.benefits.discount for t in p.tiers] == [0.98, 0.95, 0.90, 0.85]
    assert [(t.benefits.offer_min, t.benefits.offer_off) for t in p.tiers[1:]] == [
        (300, 50),
        (500, 120),
        (1000, 300),
    ]
    assert [t.benefits.return_days for t in p.tiers] == [7, 15, 30, 30]


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_policy_round_trips_through_files(tmp_path, suffix):
    path = T.save_policy(POLICY, tmp_path / f"p{suffix}")
    assert T.load_policy(path) == POLICY


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"name": "gold", "rolling": 400},
            r"tier 'gold', field 'rolling': thresholds must increase",
        ),
        (
            {"name": "gold", "cumulative": 700},
            r"tier 'gold', field 'cumulative': thresholds must increase",
        ),
        ({"name": "silver", "discount": 1.2}, r"tier 'silver', field 'discount'"),
        ({"name": "silver", "discount": 0}, r"tier 'silver', field 'discount'"),
        ({"name": "silver", "rolling": -5}, r"tier 'silver', field 'rolling'"),
        ({"name": "gold", "offer_off": 600}, r"tier 'gold', field 'offer_off'"),
        ({"name": "ordinary", "rolling": 10}, r"tier 'ordinary', field 'rolling': the first tier"),
    ],
)
def test_invalid_policies_name_the_tier_and_field(change, message):
    name = change.pop("name")
    with pytest.raises(ValueError, match=message):
        POLICY.replace_tier(name, **change)


def test_unknown_fields_in_files_are_named(tmp_path):
    data = T.policy_to_dict(POLICY)
    data["tiers"][1]["benefits"]["cashback"] = 0.1
    with pytest.raises(ValueError, match=r"tier 'silver': unknown benefit\(s\) \['cashback'\]"):
        T.policy_from_dict(data)
    data = T.policy_to_dict(POLICY)
    data["tiers"][2]["threshold"] = 5
    with pytest.raises(ValueError, match=r"tier 'gold': unknown field\(s\) \['threshold'\]"):
        T.policy_from_dict(data)
    with pytest.raises(ValueError, match="rule must be one of"):
        T.policy_from_dict({**T.policy_to_dict(POLICY), "rule": "any"})
    (tmp_path / "p.txt").write_text("x")
    with pytest.raises(ValueError, match="use a .json, .yaml or .yml"):
        T.load_policy(tmp_path / "p.txt")


# --- growth value and qualification, by hand ------------------------------------------------------


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


def test_assign_by_hand():
    rolling = np.array([0, 499, 500, 1600, 2000, 3000])
    cumulative = np.array([900, 0, 0, 0, 5000, 0])
    assert T.assign(POLICY, rolling, cumulative).tolist() == [1, 0, 1, 2, 3, 3]
    assert T.assign(POLICY.with_rule("rolling"), rolling, cumulative).tolist() == [0, 0, 1, 2, 2, 3]


def _tiny_inputs():
    orders = tiny.orders().assign(category="钱包")
    return T.prepare(orders, tiny.reviews(), tiny.AS_OF, customers=pd.Index([1, 2, 3, 4, 5]))


def test_evaluate_by_hand():
    small = POLICY.replace_tier("diamond", rolling=3000).replace_tier(
        "gold", rolling=650, cumulative=2500
    )
    small = small.replace_tier("silver", rolling=300, cumulative=800)
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


# --- properties ------------------------------------------------------------------------------------

amounts = st.lists(st.floats(0, 10_000, allow_nan=False), min_size=1, max_size=40)


@given(amounts, st.floats(0, 5_000))
def test_more_spend_never_means_a_lower_tier(values, extra):
    rolling = np.array(values)
    for policy in (POLICY, POLICY.with_rule("rolling")):
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


# --- the shop: cycles, migration, comparison, explorer -------------------------------------------


@pytest.fixture(scope="module")
def shop_cycles():
    from crmlib.exercises._shop import store

    s = store()
    return T.prepare_cycles(s.orders, s.reviews, ["2025-01-01", "2026-01-01"])


def test_cumulative_tiers_inflate_over_two_cycles(shop_cycles):
    either = T.replay_table(POLICY, shop_cycles)
    rolling = T.replay_table(POLICY.with_rule("rolling"), shop_cycles)
    first, second = either.columns
    # after one year rolling and cumulative windows coincide; after two, cumulative inflates
    assert (either[first].fillna("-") == rolling[first].fillna("-")).all()
    above = lambda col: (col.dropna() != "ordinary").mean()  # noqa: E731
    assert above(either[second]) > above(rolling[second])


def test_migration_reconciles(shop_cycles):
    table = T.replay_table(POLICY, shop_cycles)
    first, second = table.columns
    active = table.attrs["active"][second]
    matrix = T.migration(table[first], table[second], POLICY.names, active)
    assert matrix.to_numpy().sum() == len(table)
    moves = T.movement(table[first], table[second], POLICY.names, active)
    assert moves.sum() == table[first].notna().sum()
    # drop one tier at most: nobody falls from diamond straight to silver or ordinary
    assert matrix.loc["diamond", ["ordinary", "silver"]].sum() == 0


def test_compare_shows_who_changes(shop_cycles):
    inputs = shop_cycles.inputs[-1]
    cheaper = POLICY.replace_tier("silver", rolling=700)
    result = T.compare(POLICY, cheaper, inputs)
    base, new = T.evaluate(POLICY, inputs), T.evaluate(cheaper, inputs)
    assert result["changed"] == int((base.level != new.level).sum()) > 0
    assert result["summary"].loc["members_above_entry", "difference"] < 0
    assert result["changes"].to_numpy().sum() == inputs.size


def test_explorer_state_matches_the_pure_functions(shop_cycles):
    for silver in (300, 500, 800):
        for rule in ("either", "rolling"):
            policy = policy_from_controls(POLICY, {"silver": silver}, {}, {}, rule)
            state = explorer_state(policy, shop_cycles, band=0.1)
            expected = T.evaluate(policy, shop_cycles.inputs[-1], 0.1)
            assert state.evaluation.counts.tolist() == expected.counts.tolist()
            assert f'data-tier="silver">{expected.counts["silver"]}<' in counts_html(state)
            assert state.near_miss_count == len(expected.near_miss)
    with pytest.raises(ValueError, match="thresholds must increase"):
        policy_from_controls(POLICY, {"silver": 2000}, {}, {}, "either")
