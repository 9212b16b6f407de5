"""The committed default shop: writing it, regenerating it byte for byte, and loading it.

Run ``python -m crmlib.datasets`` (or ``python3 tasks.py data``) to regenerate
``datasets/store/`` from the seed; ``tests/test_datasets.py`` proves the files match.
"""

from __future__ import annotations

import argparse
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..locale import t

if TYPE_CHECKING:  # the simulator (and SciPy) load only when a shop is made or read
    from .simulate import Store

DATA_DIR = Path(__file__).resolve().parents[2] / "datasets" / "store"
DEFAULT_SETTINGS: dict = {
    "n_customers": 12_000,
    "start": "2024-01-01",
    "end": "2026-01-01",
    "random_state": 2024,
}
PARAMS_FILE = "truth_params.json"


def default_store() -> Store:
    """Simulate the default shop (the one committed in ``datasets/store``)."""
    from .simulate import simulate_store

    return simulate_store(**DEFAULT_SETTINGS)


def write_store(store: Store, directory: str | Path) -> list[Path]:
    """Write every table as UTF-8 CSV plus the ground truth as JSON; return the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in store.tables().items():
        path = directory / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append(path)
    meta = {"params": store.params.as_dict(), "settings": store.settings, "time_unit": "day"}
    path = directory / PARAMS_FILE
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(path)
    return written


@functools.cache
def _schema() -> dict[str, pd.Series]:
    """Column dtypes per table, taken from a one-customer simulation (so they cannot drift)."""
    from .simulate import simulate_store

    tiny = simulate_store(1, random_state=0)
    return {name: table.dtypes for name, table in tiny.tables().items()}


def _read_table(path: Path, dtypes: pd.Series) -> pd.DataFrame:
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing. Regenerate the shop with `python3 tasks.py data` "
            "(or `python -m crmlib.datasets`)."
        )
    table = pd.read_csv(path, dtype={"nickname": str, "phone": str, "birthday": str})
    expected = list(dtypes.index)
    if list(table.columns) != expected:
        raise ValueError(
            f"{path}: columns {list(table.columns)} differ from the expected {expected}"
        )
    for column, dtype in dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            unknown = set(table[column].dropna()) - set(dtype.categories)
            if unknown:
                raise ValueError(f"{path}, column {column!r}: unknown values {sorted(unknown)[:5]}")
            table[column] = table[column].astype(dtype)
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            table[column] = pd.to_datetime(table[column], format="ISO8601").astype(dtype)
        else:
            table[column] = table[column].astype(dtype)
    return table


def load_store(
    table: str | None = None, data_dir: str | Path | None = None
) -> Store | pd.DataFrame:
    """Load the committed default shop (or one of its tables) with proper dtypes.

    Parameters
    ----------
    table : str, optional
        One of ``customers``, ``orders``, ``visits``, ``service``, ``reviews``, ``surveys``,
        ``traffic``, ``truth``; omit it to get every table as a :class:`Store`.
    data_dir : path, optional
        Where the CSV files are; default ``datasets/store`` in this repository.

    Returns
    -------
    Store or pandas.DataFrame
        Dates are parsed, categories keep their fixed order, ids are integers (nullable where
        a row may have none, e.g. a visit without an order).
    """
    directory = Path(data_dir) if data_dir is not None else DATA_DIR
    schema = _schema()
    if table is not None:
        if table not in schema:
            raise ValueError(f"unknown table {table!r}; choose one of {list(schema)}")
        return _read_table(directory / f"{table}.csv", schema[table])
    tables = {
        name: _read_table(directory / f"{name}.csv", dtypes) for name, dtypes in schema.items()
    }
    meta = json.loads((directory / PARAMS_FILE).read_text(encoding="utf-8"))
    from .simulate import Store, TrueParameters

    return Store(**tables, params=TrueParameters(**meta["params"]), settings=meta["settings"])


def describe_store(store: Store) -> pd.DataFrame:
    """One row per table: its size and what it holds (a map of the shop for a first look).

    ``holds`` is in the reader's language (:func:`crmlib.i18n.set_language`); the table names
    stay the attribute names used in code (``store.orders``).
    """
    rows = [
        {"table": name, "rows": len(tab), "columns": tab.shape[1], "holds": t(f"table.{name}")}
        for name, tab in store.tables().items()
    ]
    return pd.DataFrame(rows).set_index("table")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate the committed default shop.")
    parser.add_argument(
        "--out", type=Path, default=DATA_DIR, help=f"directory (default {DATA_DIR})"
    )
    args = parser.parse_args(argv)
    for path in write_store(default_store(), args.out):
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
