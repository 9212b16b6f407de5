"""The committed shop, its as-of date and its archive, loaded once per session for the checks."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from ..archive import build_archive, default_as_of
from ..datasets import Store, load_store

_DATA_DIR: dict[str, Path | None] = {"path": None}  # None: the committed shop


def use(directory: str | Path | None) -> None:
    """Judge against the shop in ``directory`` (the grader's variant); ``None``: the committed one.

    Called before any check runs in a process (the grader's judge starts a fresh one).
    """
    _DATA_DIR["path"] = None if directory is None else Path(directory)
    for cached in (store, as_of, archive):
        cached.cache_clear()


@functools.cache
def store() -> Store:
    return load_store(data_dir=_DATA_DIR["path"])


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
