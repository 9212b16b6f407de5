"""The purchase models' names, light enough for the command line to list without loading the
models (and SciPy): :data:`MODELS` in :mod:`.choice` maps each to its class, and a test keeps
the two equal."""

from __future__ import annotations

from typing import Literal, get_args

ModelName = Literal["bgnbd", "mbgnbd", "pareto_nbd"]
MODEL_NAMES: tuple[str, ...] = get_args(ModelName)
