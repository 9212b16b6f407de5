"""The simulator's stages one by one (crmlib.datasets.calendar, population, acquisition,
purchases, interactions): each does its own job, checked without running the whole shop."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlib.datasets.acquisition import draw_acquisition
from crmlib.datasets.calendar import DAY, Calendar, festival_bump, in_festival_sale
from crmlib.datasets.channels import channel_table
from crmlib.datasets.population import (
    HOSTAGE,
    MERCENARY,
    draw_temperament,
    draw_traits,
)
from crmlib.datasets.purchases import bgnbd_repeat_purchases
from crmlib.datasets.simulate import TrueParameters


def _seconds(day: str) -> np.ndarray:
    return np.array([pd.Timestamp(day).value // 10**9 + 12 * 3600])


@pytest.mark.parametrize(
    ("day", "on_sale"),
    [
        ("2025-05-31", False),
        ("2025-06-01", True),  # the 618 sale runs 1-18 June
        ("2025-06-18", True),
        ("2025-06-19", False),
        ("2025-10-31", False),
        ("2025-11-01", True),  # Double 11: 1-11 November
        ("2025-11-11", True),
        ("2025-12-11", False),
        ("2025-12-12", True),  # Double 12: the day itself
        ("2025-03-08", False),  # 3.8 brings visitors, but this shop runs no sitewide sale
    ],
)
def test_sale_windows_by_hand(day, on_sale):
    assert bool(in_festival_sale(_seconds(day))[0]) is on_sale


def test_festival_bump_peaks_on_the_festival_days():
    days = pd.date_range("2025-01-01", "2025-12-31", freq="D")
    bump = pd.Series(festival_bump(days), index=days)
    assert bump.idxmax() == pd.Timestamp("2025-11-11")
    for peak in ("2025-03-08", "2025-06-18", "2025-12-12"):
        window = bump[
            pd.Timestamp(peak) - pd.Timedelta(days=5) : pd.Timestamp(peak) + pd.Timedelta(days=5)
        ]
        assert window.idxmax() == pd.Timestamp(peak)
    assert bump["2025-08-15"] == pytest.approx(0.0, abs=1e-9)


def test_calendar_units():
    cal = Calendar.of(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-11"))
    assert cal.horizon == 10.0 and len(cal.days) == 10 and cal.last_moment < 10.0
    assert cal.timestamps(np.array([1.5]))[0] == pd.Timestamp("2024-01-02 12:00:00")
    assert cal.start_s * 1 == pd.Timestamp("2024-01-01").value // 10**9 and DAY == 86_400


def test_repeat_purchases_follow_bgnbd():
    rng = np.random.default_rng(0)
    n = 20_000
    lam = np.full(n, 0.1)
    # nobody ever leaves: counts over 100 days are Poisson(10)
    customer, time, died = bgnbd_repeat_purchases(lam, np.zeros(n), 0.0, 100.0, rng)
    counts = np.bincount(customer, minlength=n)
    assert counts.mean() == pytest.approx(10.0, rel=0.02) and counts.var() == pytest.approx(
        10.0, rel=0.05
    )
    assert np.isnan(died).all() and (time < 100).all()
    # everybody leaves after the first repeat purchase: at most one each
    customer, _, died = bgnbd_repeat_purchases(lam, np.ones(n), 0.0, 100.0, rng)
    assert np.bincount(customer, minlength=n).max() == 1
    assert (~np.isnan(died)).sum() == np.unique(customer).size


def test_traits_have_the_stated_distributions():
    params = TrueParameters()
    traits = draw_traits(np.random.default_rng(1), params, 100_000)
    assert traits.lam.mean() == pytest.approx(params.r / params.alpha, rel=0.02)
    assert traits.dropout.mean() == pytest.approx(params.a / (params.a + params.b), rel=0.02)
    assert traits.loyalty.min() >= 0 and traits.loyalty.max() <= 1
    assert abs(np.mean(traits.loyalty) - 0.5) < 0.01  # uniform by construction


def test_mercenaries_and_hostages_break_the_satisfaction_loyalty_link():
    rng = np.random.default_rng(2)
    traits = draw_traits(rng, TrueParameters(), 50_000)
    channels = channel_table()
    channels["share"] = channels["share"] / channels["share"].sum()
    cal = Calendar.of(pd.Timestamp("2024-01-01"), pd.Timestamp("2026-01-01"))
    channel_idx, first_t = draw_acquisition(rng, traits, channels, cal)
    assert ((first_t >= 0) & (first_t < cal.horizon)).all()
    t = draw_temperament(rng, traits, channels, channel_idx)
    merc, host = t.attitude == MERCENARY, t.attitude == HOSTAGE
    assert merc.any() and host.any()
    assert (t.satisfaction[merc] >= 0.62).all() and (traits.loyalty[merc] < 0.45).all()
    assert (t.satisfaction[host] <= 0.22).all() and (traits.loyalty[host] > 0.6).all()
