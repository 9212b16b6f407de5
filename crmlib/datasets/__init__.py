"""The shop every chapter analyses, and the real CDNOW data.

>>> from crmlib.datasets import load_store
>>> store = load_store()            # all tables of the committed default shop
>>> orders = load_store("orders")   # one table

:func:`simulate_store` makes a shop of any size from a seed; :func:`load_cdnow` reads the
CDNOW data that ships inside the lifetimes package.

The names below are loaded when first used (PEP 562): importing one light module of this
package (the channel names) does not load the simulator and
SciPy, which cost about 0.8 s at every start of the ``crmlib`` command.
"""

from __future__ import annotations

from ..lazy import lazy_names

_WHERE = {
    "load_cdnow": "cdnow",
    "CHANNELS": "channels",
    "FAMILY_ORDER": "channels",
    "channel_table": "channels",
    "Store": "simulate",
    "TrueParameters": "simulate",
    "simulate_store": "simulate",
    "DATA_DIR": "store",
    "default_store": "store",
    "describe_store": "store",
    "load_store": "store",
    "write_store": "store",
}

__all__ = sorted(_WHERE)


__getattr__, __dir__ = lazy_names(__name__, _WHERE)
