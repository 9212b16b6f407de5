"""Simulated campaigns (crmlib.datasets.campaigns): true effects, and an experiment finds them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib import experiments as ex
from crmlib.datasets import load_store
from crmlib.datasets.campaigns import (
    Campaign,
    previous_contacts,
    run_campaign,
    true_opt_out,
    true_rates,
)


def _truth() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4],
            "lam": [np.log(2) / 30, np.log(2) / 30, 0.01, 0.01],
            "price_sensitivity": [0.0, 0.0, 50.0, 0.0],
            "loyalty": [0.0, 1.0, 0.0, 0.5],
            "alive_at_end": [True, True, True, False],
        }
    )


def test_true_rates_by_hand():
    rates = true_rates(_truth(), Campaign(days=30, strength=0.2, revive=0.5))
    # 1: p0 = 1 - exp(-ln 2) = 0.5; e = 0.2 * sigmoid(0) * 1 = 0.1; p1 = 0.5 + 0.5 * 0.1
    assert rates.loc[1, ["p_control", "p_treated"]].tolist() == pytest.approx([0.5, 0.55])
    assert rates.loc[2, "true_uplift"] == pytest.approx(0.0)  # fully loyal: buys anyway or not
    assert rates.loc[3, "true_uplift"] == pytest.approx((1 - (1 - np.exp(-0.3))) * 0.2, rel=1e-6)
    # 4 has left: no purchase without the campaign, half the effect (revive) with it
    assert rates.loc[4, ["p_control", "p_treated"]].tolist() == pytest.approx([0.0, 0.025])


def test_an_experiment_on_the_shop_recovers_the_true_effect():
    truth = load_store("truth")
    group = ex.assign(truth["customer_id"], random_state=3)
    bought = run_campaign(truth, group, random_state=4)
    assert bought.equals(run_campaign(truth, group, random_state=4))  # seeded
    result = ex.read(bought, group)
    true_effect = true_rates(truth).loc[group.index, "true_uplift"].mean()
    assert result.ci_low <= true_effect <= result.ci_high
    with pytest.raises(ValueError, match="not in the shop"):
        run_campaign(truth, pd.Series(["treatment"], index=[10**9]))


def test_previous_contacts_fall_in_the_window():
    log = previous_contacts(pd.Index(range(1, 2001)), "2026-01-01", share=0.2, days=14)
    assert 300 < len(log) < 500 and log["customer_id"].is_unique
    assert log["contact_time"].between(pd.Timestamp("2025-12-18"), pd.Timestamp("2026-01-01")).all()


def test_opt_outs_rise_for_customers_messaged_recently():
    contacts = pd.DataFrame(
        {"customer_id": [1, 2], "contact_time": pd.to_datetime(["2025-12-29", "2025-12-01"])}
    )
    campaign = Campaign(opt_out=0.01, opt_out_recent=0.05, recent_days=7)
    p = true_opt_out(pd.Index([1, 2, 3]), contacts, "2026-01-01", campaign)
    # 1 was messaged 3 days ago; 2's message is a month old; 3 was never messaged
    assert p.tolist() == [0.05, 0.01, 0.01]
    with pytest.raises(ValueError, match="opt-out"):
        Campaign(opt_out=1.5)
