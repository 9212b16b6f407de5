"""The shop every chapter analyses, and the real CDNOW data.

>>> from crmlib.datasets import load_store
>>> store = load_store()            # all tables of the committed default shop
>>> orders = load_store("orders")   # one table

:func:`simulate_store` makes a shop of any size from a seed; :func:`load_cdnow` reads the
CDNOW data that ships inside the lifetimes package.
"""

from .channels import CHANNELS, FAMILIES, channel_table
from .simulate import Store, TrueParameters, simulate_store

__all__ = [
    "CHANNELS",
    "FAMILIES",
    "Store",
    "TrueParameters",
    "channel_table",
    "simulate_store",
]
