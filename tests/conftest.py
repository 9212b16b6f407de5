"""Shared fixtures: simulated shops are costly, so each size is made once per session."""

from __future__ import annotations

import pytest

from crmlib.datasets import simulate_store


@pytest.fixture(scope="session")
def big_store():
    """A large shop (40,000 buyers) for statistical checks of the simulator's mechanics."""
    return simulate_store(40_000, random_state=11)


@pytest.fixture(scope="session")
def small_store():
    """A small shop for structural checks."""
    return simulate_store(2_000, random_state=5)


@pytest.fixture
def archive():
    """The hand-checkable tiny shop's archive as of ``tinyshop.AS_OF`` (see tests/tinyshop.py)."""
    import tinyshop as tiny
    from crmlib.archive import build_archive

    return build_archive(
        tiny.customers(), tiny.orders(), tiny.service(), tiny.reviews(), tiny.AS_OF
    )


@pytest.fixture(scope="session")
def shop_cycles():
    """The committed shop's growth values at the ends of 2024 and 2025 (with birthdays)."""
    from crmlib import tiers
    from crmlib.exercises._shop import birthdays, store

    s = store()
    return tiers.prepare_cycles(
        s.orders, s.reviews, ["2025-01-01", "2026-01-01"], birthdays=birthdays()
    )


@pytest.fixture(scope="session")
def cdnow_cal():
    """CDNOW's 2,357 customers: the 39-week calibration summary (weeks) with the 39-week
    holdout, as in Fader, Hardie & Lee (2005)."""
    from crmlib import clv
    from crmlib.datasets import load_cdnow

    return clv.calibration_holdout(
        load_cdnow("sample"),
        "1997-09-30",
        "1998-06-30",
        time_col="date",
        amount_col="amount",
        unit="W",
    )
