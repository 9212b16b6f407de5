"""The committed shop, its as-of date and its archive, loaded once per session for the checks."""

from __future__ import annotations

import functools

import pandas as pd

from ..archive import build_archive, default_as_of
from ..datasets import Store, load_store


@functools.cache
def store() -> Store:
    return load_store()


@functools.cache
def as_of() -> pd.Timestamp:
    """The day after the last order (2026-01-01 for the committed shop)."""
    return default_as_of(store().orders)


@functools.cache
def archive():
    s = store()
    return build_archive(s.customers, s.orders, s.service, s.reviews, as_of=as_of())


def birthdays() -> pd.Series:
    """Each customer's birthday (``"MM-DD"``) by customer id, for birthday-month points."""
    from ..tiers import birthdays_of

    return birthdays_of(store().customers)
