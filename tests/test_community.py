"""Customer groups (crmlib.community): the naive gap is confounded, weighting removes what the
earlier behaviour explains, and the platform table speaks the reader's language."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import community as cm
from crmlib import i18n


def _shop(effect: float, n: int = 4000, seed: int = 0):
    """Loyal customers (high earlier orders) join more and buy more; the group adds ``effect``."""
    rng = np.random.default_rng(seed)
    before = pd.DataFrame(
        {"orders": rng.poisson(2, n).astype(float), "family": rng.choice(["a", "b"], n)}
    )
    member = pd.Series(rng.random(n) < 1 / (1 + np.exp(-(before["orders"] - 3))))
    p = np.clip(0.15 + 0.1 * before["orders"] + effect * member, 0, 1)
    bought = pd.Series(rng.random(n) < p)
    return bought, member, before


def test_naive_gap_by_hand():
    bought = pd.Series([True, True, False, True, False, False])
    member = pd.Series([True, True, True, False, False, False])
    result = cm.naive_gap(bought, member)
    assert (result.rate_a, result.rate_b) == pytest.approx((2 / 3, 1 / 3))


@pytest.mark.parametrize("effect", [0.0, 0.1])
def test_weighting_removes_what_earlier_behaviour_explains(effect):
    bought, member, before = _shop(effect)
    naive = cm.naive_gap(bought, member).difference
    adjusted = cm.weighted_gap(bought, member, before, ["orders"], ["family"], reps=60)
    assert naive > effect + 0.1  # loyal customers join: the naive gap overstates the effect
    assert adjusted.ci_low <= effect <= adjusted.ci_high
    assert abs(adjusted.gap - effect) < 0.05
    weights = cm.membership_weights(member, before, ["orders"], ["family"])
    table = cm.balance(member, before, ["orders"], weights)
    assert (
        abs(table.loc["orders", "smd_before"]) > 0.5 > 0.1 > abs(table.loc["orders", "smd_after"])
    )


def test_weighted_gap_is_reproducible():
    bought, member, before = _shop(0.0, n=1000)
    first = cm.weighted_gap(bought, member, before, ["orders"], [], reps=20, random_state=3)
    assert first == cm.weighted_gap(bought, member, before, ["orders"], [], reps=20, random_state=3)


def test_platform_table():
    with i18n.using("zh"):
        zh = cm.platform_table()
    assert list(zh.index) == list(cm.PLATFORMS)
    assert zh.loc["qianniu_group", "link_to_shop"].startswith("与淘宝/天猫客户系统绑定")
    assert (zh != cm.platform_table()).all().all()  # every cell in the reader's language


def test_before_and_after_by_hand():
    orders = pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 2, 3],
            "paid_time": pd.to_datetime(
                ["2024-02-01", "2024-05-01", "2025-03-01", "2024-03-01", "2024-09-01"]
            ),
            "status": "completed",
            "amount_paid": [100.0, 50.0, 80.0, 40.0, 70.0],
            "refund_amount": 0.0,
            "coupon": [0.0, 10.0, 0.0, 0.0, 0.0],
            "discount": 0.0,
        }
    )
    table = cm.before_and_after(orders, "2025-01-01", "2024-07-01")
    # customer 3 first bought after July 2024: not in the cohort
    assert list(table.index) == [1, 2]
    assert table.loc[1, cm.BEFORE].tolist() == [2, 150.0, 0.5, 100.0]
    assert table["bought_after"].tolist() == [True, False]
    with pytest.raises(ValueError, match="must not be after"):
        cm.before_and_after(orders, "2024-01-01", "2024-07-01")
