"""The committed shop and its archive, loaded once per session for the checks."""

from __future__ import annotations

import functools

from ..archive import build_archive
from ..datasets import Store, load_store


@functools.cache
def store() -> Store:
    return load_store()


@functools.cache
def archive():
    s = store()
    return build_archive(s.customers, s.orders, s.service, s.reviews)
