"""Tier explorer speed: re-evaluating a policy for 100,000 customers on every slider move.

Target: tiers, shares, revenue, benefit cost and near-miss for 100,000 customers in under
50 ms (median). Baseline, measured in the same run: the straightforward way, recomputing growth
values from the orders at every move (``prepare`` + ``evaluate``).
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from crmlib import tiers as T
from crmlib.datasets import simulate_store
from crmlib.explorer import explorer_state

TARGET_MS = 50.0


def moves(n: int, seed: int = 0) -> list[T.Policy]:
    """Random slider positions: silver/gold/diamond thresholds, discounts, the rule."""
    rng = np.random.default_rng(seed)
    base = T.textbook_policy()
    out = []
    for _ in range(n):
        silver = int(rng.integers(2, 12)) * 50
        policy = base.replace_tier("silver", rolling=silver, discount=float(rng.uniform(0.85, 1.0)))
        policy = policy.with_rule(str(rng.choice(["either", "rolling"])))
        out.append(policy)
    return out


def median_ms(fn, policies) -> float:
    times = []
    for policy in policies:
        t0 = time.perf_counter()
        fn(policy)
        times.append(1000 * (time.perf_counter() - t0))
    return statistics.median(times)


def main() -> None:
    store = simulate_store(100_000, random_state=3)
    t0 = time.perf_counter()
    birthdays = T.birthdays_of(store.customers)
    inputs = T.prepare(store.orders, store.reviews, "2026-01-01", birthdays=birthdays)
    cycles = T.prepare_cycles(
        store.orders, store.reviews, ["2025-01-01", "2026-01-01"], birthdays=birthdays
    )
    print(
        f"{inputs.size:,} customers, {len(store.orders):,} orders; one-off preparation {time.perf_counter() - t0:.2f} s"
    )
    policies = moves(60)
    fast = median_ms(lambda p: T.evaluate(p, inputs, 0.1), policies)
    full = median_ms(lambda p: explorer_state(p, cycles, 0.1), policies)
    slow = median_ms(
        lambda p: T.evaluate(
            p, T.prepare(store.orders, store.reviews, "2026-01-01", birthdays=birthdays), 0.1
        ),
        policies[:10],
    )
    print(
        f"evaluate (tiers, shares, cost, near-miss): median {fast:.1f} ms  (target < {TARGET_MS:.0f} ms: "
        f"{'met' if fast < TARGET_MS else 'MISSED'})"
    )
    print(f"whole explorer update incl. two-cycle migration: median {full:.1f} ms")
    print(
        f"baseline, recomputing from orders at every move: median {slow:.0f} ms; speed-up x{slow / fast:.0f}"
    )


if __name__ == "__main__":
    main()
