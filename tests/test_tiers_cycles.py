"""Re-judging cycle after cycle and migration (crmlib.tiers.cycles) on the committed shop."""

from __future__ import annotations

import pandas as pd

from crmlib import tiers as T

POLICY = T.textbook_policy()


def test_cumulative_tiers_inflate_over_two_cycles(shop_cycles):
    either = T.replay_table(POLICY.with_rule("either"), shop_cycles).tiers
    rolling = T.replay_table(POLICY, shop_cycles).tiers
    first, second = either.columns
    # after one year rolling and cumulative windows coincide; after two, cumulative inflates
    assert (either[first].fillna("-") == rolling[first].fillna("-")).all()
    above = lambda col: (col.dropna() != "ordinary").mean()  # noqa: E731
    assert above(either[second]) > above(rolling[second])


def test_migration_reconciles(shop_cycles):
    replay = T.replay_table(POLICY, shop_cycles)
    table = replay.tiers
    first, second = table.columns
    moved = T.migration(table[first], table[second], POLICY.names, replay.active[second])
    matrix, moves = moved.matrix, moved.moves
    assert matrix.to_numpy().sum() == len(table)
    assert moves.sum() == table[first].notna().sum()
    # drop one tier at most: nobody falls from diamond straight to silver or ordinary
    assert matrix.loc["diamond", ["ordinary", "silver"]].sum() == 0


def test_textbook_rule_drops_a_member_one_tier_at_a_time():
    # one gold member: 1,600 in 2024 (gold), then 600 in 2025: re-judged silver, not ordinary
    orders = pd.DataFrame(
        {
            "customer_id": [7, 7],
            "paid_time": pd.to_datetime(["2024-05-01", "2025-05-01"]),
            "created_time": pd.to_datetime(["2024-05-01", "2025-05-01"]),
            "status": ["completed", "completed"],
            "amount_paid": [1600.0, 100.0],
            "refund_amount": [0.0, 0.0],
        }
    )
    birthdays = pd.Series({7: "01-01"})
    replay = T.replay(POLICY, orders, None, ["2025-01-01", "2026-01-01"], birthdays=birthdays)
    assert replay.tiers.loc[7].tolist() == ["gold", "silver"]
    # with 100 points in 2025 the rolling value says ordinary; one step down at a time
    either = T.replay(
        POLICY.with_rule("either"), orders, None, ["2025-01-01", "2026-01-01"], birthdays=birthdays
    )
    assert either.tiers.loc[7].tolist() == ["gold", "silver"]  # cumulative 1,700 >= silver's 800
