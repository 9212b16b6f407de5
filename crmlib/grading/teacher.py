"""The teacher's grading folder (``solutions/grading``): the variant's seed, the variant shop,
and the points per task. Never part of a students' copy."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pandas as pd

from ..datasets.simulate import simulate_store
from ..datasets.store import DEFAULT_SETTINGS, write_store

FOLDER = Path(__file__).resolve().parents[2] / "solutions" / "grading"
POINTS_COLUMNS = ["task", "points", "partial"]


def seed(folder: Path, given: int | None = None) -> int:
    """The variant's seed: ``given``, else the one kept in ``folder/seed`` (drawn at random and
    written, readable by the teacher only, the first time)."""
    if given is not None:
        chosen = int(given)
    else:
        path = folder / "seed"
        if path.exists():
            chosen = int(path.read_text(encoding="utf-8").strip())
        else:
            folder.mkdir(parents=True, exist_ok=True)
            chosen = secrets.randbelow(2**31 - 1) + 1
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(f"{chosen}\n")
    if chosen == DEFAULT_SETTINGS["random_state"]:
        raise ValueError(f"seed {chosen} is the students' own shop: choose another")
    return chosen


def variant(folder: Path, seed_value: int) -> Path:
    """The variant shop's folder (simulated once with ``seed_value``, then kept)."""
    path = folder / f"variant-{seed_value}"
    if not (path / "truth_params.json").exists():
        store = simulate_store(**{**DEFAULT_SETTINGS, "random_state": seed_value})
        write_store(store, path)
    return path


def points(folder: Path, tasks: list[str]) -> pd.DataFrame:
    """Points per task (``points.csv``: task, points, partial), one row for each of ``tasks``.

    A task the file does not list is worth 1 point, 0 for a recognised mistake. ``partial``
    goes to an answer the check recognises as a typical mistake.
    """
    path = folder / "points.csv"
    given = pd.DataFrame(columns=POINTS_COLUMNS)
    if path.exists():
        given = pd.read_csv(path, dtype={"task": str}, encoding="utf-8-sig")
        missing = set(POINTS_COLUMNS) - set(given.columns)
        if missing:
            raise ValueError(f"{path}: columns {sorted(missing)} missing (need {POINTS_COLUMNS})")
        for column in ("points", "partial"):
            bad = pd.to_numeric(given[column], errors="coerce").isna()
            if bad.any():
                line = int(bad.to_numpy().argmax()) + 2
                raise ValueError(f"{path}, line {line}, column {column}: expected a number")
            given[column] = given[column].astype(float)
    table = given.set_index("task").reindex(tasks)
    table["points"] = table["points"].fillna(1.0)
    table["partial"] = table["partial"].fillna(0.0)
    return table[["points", "partial"]]
