"""The shop every chapter analyses, and the real CDNOW data.

>>> from crmlib.datasets import load_store
>>> store = load_store()            # all tables of the committed default shop
>>> orders = load_store("orders")   # one table

:func:`simulate_store` makes a shop of any size from a seed; :func:`load_cdnow` reads the
CDNOW data that ships inside the lifetimes package.
"""

from .cdnow import load_cdnow
from .channels import CHANNELS, FAMILIES, channel_table
from .simulate import Store, TrueParameters, simulate_store
from .store import DATA_DIR, default_store, describe_store, load_store, write_store

__all__ = [
    "CHANNELS",
    "DATA_DIR",
    "default_store",
    "describe_store",
    "load_cdnow",
    "load_store",
    "write_store",
    "FAMILIES",
    "Store",
    "TrueParameters",
    "channel_table",
    "simulate_store",
]
