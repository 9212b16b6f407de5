"""A/B tests (crmlib.experiments): sample size, power, randomisation, reading, segments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlib import experiments as ex
from crmlib.acquisition import compare_proportions


def test_sample_size_by_hand():
    # p1 = 0.10, p2 = 0.12, alpha 0.05, power 0.8: p_bar = 0.11,
    # (1.959964 * sqrt(2 * 0.11 * 0.89) + 0.841621 * sqrt(0.09 + 0.1056))^2 / 0.02^2 = 3840.9
    assert ex.sample_size(0.10, 0.02) == 3841
    # a larger effect needs far fewer: about a quarter for twice the effect
    assert ex.sample_size(0.10, 0.04) < ex.sample_size(0.10, 0.02) / 3.5
    with pytest.raises(ValueError, match="mde"):
        ex.sample_size(0.10, 0.95)
    with pytest.raises(ValueError, match="power"):
        ex.sample_size(0.10, 0.02, power=1.2)


@settings(max_examples=40, deadline=None)
@given(st.floats(0.02, 0.6), st.floats(0.01, 0.2), st.sampled_from([0.7, 0.8, 0.9]))
def test_the_sample_size_reaches_the_power_asked_for(p, mde, target):
    n = ex.sample_size(p, mde, power=target)
    assert ex.power(p, mde, n) >= target - 1e-9
    assert n == 1 or ex.power(p, mde, n - 1) < target + 1e-9


def test_power_by_simulation():
    # 3,841 per group: about 80% of simulated experiments find the 2-point effect at 5%
    rng = np.random.default_rng(0)
    n, hits = 3841, 0
    for _ in range(400):
        a, b = rng.binomial(n, 0.12), rng.binomial(n, 0.10)
        result = compare_proportions(a, n, b, n)
        hits += result.p_value < 0.05
    assert 0.75 <= hits / 400 <= 0.85


def test_assign_is_random_reproducible_and_exact():
    ids = pd.Index(range(1, 1001))
    first = ex.assign(ids, 0.3, random_state=7)
    assert (first == "treatment").sum() == 300 and first.index.equals(ids)
    assert first.equals(ex.assign(ids, 0.3, random_state=7))
    assert not first.equals(ex.assign(ids, 0.3, random_state=8))
    # no pattern in who is treated: the mean id of each group is about the same
    means = pd.Series(ids, index=ids).groupby(first).mean()
    assert abs(means["treatment"] - means["control"]) < 60
    with pytest.raises(ValueError, match="twice"):
        ex.assign([1, 1, 2])


def test_read_and_segments_by_hand():
    group = pd.Series(["treatment"] * 4 + ["control"] * 4, index=range(8))
    bought = pd.Series([True, True, True, False, True, False, False, False], index=range(8))
    result = ex.read(bought, group)
    assert (result.rate_a, result.rate_b, result.difference) == (0.75, 0.25, 0.5)
    segment = pd.Series(["x", "x", "y", "y", "x", "x", "y", "y"], index=range(8), name="seg")
    table = ex.uplift_by_segment(bought, group, segment)
    assert table.loc["x", ["rate_treated", "rate_control", "uplift"]].tolist() == [1.0, 0.5, 0.5]
    assert table.loc["y", ["treated", "controls", "uplift"]].tolist() == [2, 2, 0.5]
    with pytest.raises(ValueError, match="no outcome"):
        ex.read(bought.iloc[:6], group)
