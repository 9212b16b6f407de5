"""The tier explorer's pure state (crmlib.explorer), without a browser."""

from __future__ import annotations

import pytest

from crmlib import tiers as T
from crmlib.explorer import counts_html, explorer_state, policy_from_controls

POLICY = T.textbook_policy()


def test_explorer_state_matches_the_pure_functions(shop_cycles):
    for silver in (300, 500, 800):
        for rule in ("either", "rolling"):
            policy = policy_from_controls(POLICY, {"silver": silver}, {}, {}, rule)
            state = explorer_state(policy, shop_cycles, band=0.1)
            expected = T.evaluate(policy, shop_cycles.inputs[-1], 0.1)
            assert state.evaluation.counts.tolist() == expected.counts.tolist()
            assert f'data-tier="silver">{expected.counts["silver"]:,}<' in counts_html(state)
            assert state.near_miss_count == len(expected.near_miss)
    with pytest.raises(T.PolicyError, match="thresholds must increase"):
        policy_from_controls(POLICY, {"silver": 2000}, {}, {}, "either")


def test_controls_are_applied_together_so_gold_then_silver_works():
    # gold raised to 2500 / 2600 first, then silver to 2000: valid as a whole
    policy = policy_from_controls(
        POLICY, {"gold": 2500, "silver": 2000}, {"gold": 2600}, {}, "rolling"
    )
    assert [t.rolling for t in policy.tiers] == [0, 2000, 2500, 3000]
    assert policy.tiers[2].cumulative == 2600


def test_an_invalid_setting_marks_the_figures_stale(shop_cycles):
    from crmlib.explorer import TierExplorer

    explorer = TierExplorer(POLICY, shop_cycles)
    before = explorer.counts.value
    explorer.rolling["silver"].value = 2000  # above gold's 1500: invalid
    assert "silver's 500" not in explorer.message.value
    assert "gold" in explorer.message.value and "NOT" in explorer.message.value
    assert "stale" in explorer.results._dom_classes and explorer.counts.value == before
    explorer.rolling["gold"].value = 2500  # now valid as a whole
    assert explorer.message.value == "" and "stale" not in explorer.results._dom_classes
    assert explorer.counts.value != before
