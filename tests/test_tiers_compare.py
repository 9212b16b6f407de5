"""Two policies side by side (crmlib.tiers.compare)."""

from __future__ import annotations

import numpy as np

from crmlib import tiers as T

POLICY = T.textbook_policy()


def test_compare_shows_who_changes(shop_cycles):
    inputs = shop_cycles.inputs[-1]
    cheaper = POLICY.replace_tier("silver", rolling=700)
    result = T.compare(POLICY, cheaper, inputs)
    base, new = T.evaluate(POLICY, inputs), T.evaluate(cheaper, inputs)
    assert result.changed == int((base.level != new.level).sum()) > 0
    assert result.summary.loc["members_above_entry", "difference"] < 0
    assert result.names == ("textbook", "textbook") and list(result.summary) == [
        "a",
        "b",
        "difference",
    ]
    assert result.summary.loc["revenue_12m", "a"] == base.table["revenue_12m"].sum()
    assert result.changes.to_numpy().sum() == inputs.size
    # the changes table's diagonal is who kept their tier
    kept = int(np.trace(result.changes.to_numpy()))
    assert kept + result.changed == inputs.size
