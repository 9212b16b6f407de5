"""Simulator scale: 1 million customers, about 10 million orders, under 2 minutes and 8 GB.

Baseline, measured in the same run: the straightforward way of generating BG/NBD purchases, a
Python loop over customers, timed on a sample and compared per customer with the vectorised
step the simulator uses. Then the whole simulator at full size, in a child process so that its
peak memory can be read.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from benchmarks.measure import run_measured
from crmlib.datasets.purchases import bgnbd_repeat_purchases

TARGET_SECONDS, TARGET_GB = 120.0, 8.0
FULL = "simulate_store(1_000_000, params=TrueParameters(r=0.5, alpha=5.0), random_state=1)"


def loop_purchases(lam, dropout, exposure, rng):
    """Baseline: one customer at a time."""
    out = []
    for i in range(lam.size):
        t = 0.0
        while True:
            t += rng.exponential(1.0 / lam[i])
            if t >= exposure[i]:
                break
            out.append((i, t))
            if rng.random() < dropout[i]:
                break
    return out


def vector_purchases(lam, dropout, exposure, rng):
    """The simulator's way (the library function it uses)."""
    return bgnbd_repeat_purchases(lam, dropout, 0.0, exposure, rng)[0].size


def main() -> None:
    rng = np.random.default_rng(0)
    n = 50_000
    lam, dropout = rng.gamma(0.5, 1 / 5.0, n), rng.beta(0.7, 2.8, n)
    exposure = rng.uniform(0, 730, n)
    t0 = time.perf_counter()
    looped = len(loop_purchases(lam, dropout, exposure, np.random.default_rng(1)))
    t_loop = time.perf_counter() - t0
    t0 = time.perf_counter()
    vectorised = vector_purchases(lam, dropout, exposure, np.random.default_rng(1))
    t_vec = time.perf_counter() - t0
    print(
        f"purchase generation, {n:,} customers: loop {t_loop:.2f} s ({looped:,} purchases), "
        f"vectorised {t_vec:.3f} s ({vectorised:,}); speed-up x{t_loop / t_vec:.0f}"
    )

    code = (
        "import time; t = time.perf_counter()\n"
        "from crmlib.datasets import simulate_store, TrueParameters\n"
        f"s = {FULL}\n"
        "print(time.perf_counter() - t, len(s.orders), len(s.visits), len(s.customers))\n"
    )
    wall, peak_gb, output = run_measured([sys.executable, "-c", code])
    seconds, n_orders, n_visits, n_customers = output.split()[-4:]
    print(f"full simulator: {FULL}")
    print(f"  {int(n_customers):,} customers, {int(n_orders):,} orders, {int(n_visits):,} visits")
    print(f"  {float(seconds):.1f} s (process {wall:.1f} s), peak memory {peak_gb:.2f} GB")
    print(
        f"  vs target: time x{float(seconds) / TARGET_SECONDS:.2f} of {TARGET_SECONDS:.0f} s, "
        f"memory x{peak_gb / TARGET_GB:.2f} of {TARGET_GB:.0f} GB"
    )


if __name__ == "__main__":
    main()
