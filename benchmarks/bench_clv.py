"""BG/NBD fitting on 1 million customers: raw rows against compressed (weighted) rows.

Real summaries are in whole days, so many customers share the same (frequency, recency, T).
``crmlib.clv.fit_bgnbd`` compresses identical rows into weights before fitting; the baseline,
measured in the same run, fits the raw rows. Both must give the same parameters.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from crmlib import clv
from crmlib.datasets.purchases import bgnbd_repeat_purchases

N = 1_000_000


def bgnbd_summary(
    n: int, seed: int = 0, r=0.5, alpha=80.0, a=0.7, b=2.8, horizon=730
) -> pd.DataFrame:
    """Frequency / recency / T in whole days for ``n`` customers drawn from BG/NBD."""
    rng = np.random.default_rng(seed)
    lam, p = rng.gamma(r, 1 / alpha, n), rng.beta(a, b, n)
    T = rng.integers(1, horizon, n).astype(float)
    customer, time, _ = bgnbd_repeat_purchases(lam, p, 0.0, T, rng)
    freq = np.bincount(customer, minlength=n)
    last = np.zeros(n)
    np.maximum.at(last, customer, np.floor(time))
    return pd.DataFrame({"frequency": freq, "recency": np.where(freq > 0, last, 0.0), "T": T})


def compare(summary: pd.DataFrame, label: str) -> None:
    rows = len(clv.compress(summary))
    print(f"{label}: {len(summary):,} customers, {rows:,} distinct (frequency, recency, T) rows")
    t0 = time.perf_counter()
    fast = clv.fit_bgnbd(summary, compressed=True)
    t_fast = time.perf_counter() - t0
    t0 = time.perf_counter()
    slow = clv.fit_bgnbd(summary, compressed=False)
    t_slow = time.perf_counter() - t0
    diff = (fast.params_ / slow.params_ - 1).abs().max()
    print(f"  raw rows (baseline): {t_slow:7.1f} s  {slow.params_.round(4).to_dict()}")
    print(f"  compressed rows:     {t_fast:7.1f} s  {fast.params_.round(4).to_dict()}")
    print(f"  speed-up x{t_slow / t_fast:.1f}; largest relative parameter difference {diff:.1e}")


def main() -> None:
    days = bgnbd_summary(N)
    compare(days, "whole days")
    weeks = (days[["recency", "T"]] // 7).assign(frequency=days["frequency"])
    weeks = weeks[weeks["T"] > 0]
    compare(weeks, "whole weeks (lifetimes' freq='W' periods)")


if __name__ == "__main__":
    main()
