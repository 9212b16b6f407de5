"""Names a package loads when first used (PEP 562), so that importing one light module of it
does not load the heavy ones (SciPy's optimiser, the simulator) at every start of a command.

A package writes ``__getattr__, __dir__ = lazy_names(__name__, WHERE)`` with ``WHERE`` mapping
each exported name to the module that defines it. No exported name may also be a module's
name: importing that module would set the package attribute to the module (a test checks).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable


def lazy_names(package: str, where: dict[str, str]) -> tuple[Callable, Callable]:
    """The package's ``__getattr__`` and ``__dir__`` for the names in ``where``."""

    def __getattr__(name: str):
        if name in where:
            value = getattr(importlib.import_module(f".{where[name]}", package), name)
            setattr(sys.modules[package], name, value)  # once loaded, an ordinary attribute
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *where})

    return __getattr__, __dir__
