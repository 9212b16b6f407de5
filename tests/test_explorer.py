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


def test_tables_have_one_header_row_money_with_separators_and_scroll_in_their_own_box():
    import pandas as pd

    from crmlib import i18n
    from crmlib.explorer import table_html

    frame = pd.DataFrame(
        {"revenue_12m": [1262853.0, 950.4], "members": [9883, 82]},
        index=pd.Index(["ordinary", "diamond"], name="tier"),
    )
    with i18n.using("zh"):
        shown = table_html(frame, {"revenue_12m": "{:,.0f}", "members": "{:,.0f}"})
    assert shown.startswith('<div class="table-scroll">') and shown.count("<tr") == 3
    assert "1,262,853" in shown and "9,883" in shown and "e+" not in shown
    assert f"<th>{i18n.t('column.tier', 'zh')}</th>" in shown  # the row labels' name, once
    assert i18n.t("tier.diamond", "zh") in shown
    moves = pd.DataFrame(
        [[3, 1200]],
        index=pd.Index(["silver"], name="from"),
        columns=pd.Index(["gold", "lapsed"], name="to"),
    )
    shown = table_html(moves, {"lapsed": "{:,}"})
    assert shown.count("<tr") == 2 and "1,200" in shown
    assert "<th>from → to</th>" in shown
