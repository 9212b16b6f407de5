"""What an import gives back: the tidy tables or where they were written, what was set aside,
and the counts that must reconcile (rows read = loaded + quarantined + merged)."""

from __future__ import annotations

import itertools
import os
import signal
import tempfile
import threading
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..locale import Message, _, t, tr_text
from ..orders import ORDER_STATUSES
from ..spreadsheet import write_csv

ORDER_COLUMNS = [
    "order_id",
    "customer_id",
    "customer_key",
    "created_time",
    "paid_time",
    "list_amount",
    "discount",
    "coupon",
    "amount_paid",
    "category",
    "items",
    "channel",
    "status",
    "refund_amount",
    "currency",
]
STATUSES = ORDER_STATUSES
OUTPUTS = ("orders", "customers", "quarantine")
QUARANTINE_COLUMNS = ["source", "row", "column", "value", "reason"]


class ImportProblem(ValueError):
    """A file could not be imported (or, in strict mode, a row had a problem)."""


@dataclass(kw_only=True)
class ImportReport:
    """The counts of one import and its quarantine, whichever engine read the file."""

    quarantine: pd.DataFrame
    source: str
    rows_read: int
    rows_merged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def rows_loaded(self) -> int:
        raise NotImplementedError

    @property
    def rows_quarantined(self) -> int:
        return int(self.quarantine["row"].nunique()) if len(self.quarantine) else 0

    @property
    def summary(self) -> pd.Series:
        """The counts, labelled in the current language (:func:`crmlib.i18n.set_language`)."""
        by_reason = (
            self.quarantine.drop_duplicates("row")["reason"].value_counts()
            if len(self.quarantine)
            else {}
        )
        out = {
            t("import_report.rows_read"): self.rows_read,
            t("import_report.orders_loaded"): self.rows_loaded,
            t("import_report.rows_merged"): self.rows_merged,
            t("import_report.rows_quarantined"): self.rows_quarantined,
        }
        out.update(
            {
                f"  {t('import_report.quarantined')}: {tr_text(reason)}": int(n)
                for reason, n in dict(by_reason).items()
            }
        )
        return pd.Series(out, name=self.source)

    def check_reconciles(self) -> None:
        if self.rows_read != self.rows_loaded + self.rows_quarantined + self.rows_merged:
            raise AssertionError(
                f"{self.source}: {self.rows_read} rows read but {self.rows_loaded} loaded + "
                f"{self.rows_quarantined} quarantined + {self.rows_merged} merged"
            )

    def report(self) -> str:
        """The summary as text: read N, loaded M, quarantined K by reason."""
        lines = [f"{self.source}:"] + [f"  {k}: {v:,}" for k, v in self.summary.items()]
        note = t("import_report.note")
        return "\n".join(lines + [f"  {note}: {tr_text(n)}" for n in self.notes])


@dataclass(kw_only=True)
class ImportResult(ImportReport):
    """Tidy tables from one export, what was set aside, and the reconciliation of counts."""

    orders: pd.DataFrame
    customers: pd.DataFrame

    @property
    def rows_loaded(self) -> int:
        return len(self.orders)

    def write(self, directory: str | Path) -> list[Path]:
        """Write orders, customers and quarantine as CSV files into ``directory`` (UTF-8 with a
        BOM, no cell a live formula: :func:`crmlib.spreadsheet.write_csv`)
        (see :func:`replace_outputs`: never a mix of an earlier import's files and this one's)."""

        def write(tmp: Path) -> list[str]:
            names = []
            for name in OUTPUTS:
                write_csv(getattr(self, name), tmp / f"{name}.csv")
                names.append(f"{name}.csv")
            return names

        return replace_outputs(directory, write)


class OutputsElsewhere(UserWarning):
    """An earlier output was held open, so this import's outputs went to a new folder."""


HELD = _(
    "{held} is open in another program (Excel?), so the earlier outputs were left as they "
    "are and this import's outputs are in {elsewhere}: close it and import again to replace them"
)


def replace_outputs(directory: str | Path, write: Callable[[Path], list[str]]) -> list[Path]:
    """Let ``write`` fill a temporary folder beside ``directory``, then swap its files for an
    earlier import's outputs (both file types: no ``orders.csv`` stays beside a new
    ``orders.parquet``), all or nothing. An import that fails on the way leaves the folder as
    it was. When a file is held open by another program (Excel on Windows locks what it
    shows), the earlier outputs stay whole and this import's go to a new folder beside them
    (``imported (2)``), with a warning (:class:`OutputsElsewhere`) naming both. Returns the
    files written."""
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=directory.parent, prefix=".import-") as tmp:
        names = write(Path(tmp))
        directory.mkdir(exist_ok=True)
        old = [directory / f"{n}{s}" for n in OUTPUTS for s in (".csv", ".parquet")]
        aside = Path(tmp) / ".earlier"
        aside.mkdir()
        moved: list[Path] = []  # earlier outputs set aside, then new ones moved in
        with _ctrl_c_after():  # a few renames: all of them, or (stopped before) none
            try:
                for path in (p for p in old if p.exists()):
                    os.replace(path, aside / path.name)
                    moved.append(path)
                for name in names:
                    os.replace(Path(tmp) / name, directory / name)
            except OSError as error:
                for name in names:  # undo: the new files out, the earlier ones back
                    if (directory / name).exists() and not (Path(tmp) / name).exists():
                        os.replace(directory / name, Path(tmp) / name)
                for path in moved:
                    os.replace(aside / path.name, path)
                elsewhere = _new_folder(directory)
                for name in names:
                    os.replace(Path(tmp) / name, elsewhere / name)
                held = error.filename or directory
                warnings.warn(
                    OutputsElsewhere(Message(HELD, held=str(held), elsewhere=str(elsewhere))),
                    stacklevel=2,
                )
                return [elsewhere / name for name in names]
    return [directory / name for name in names]


def _new_folder(directory: Path) -> Path:
    """A new folder beside ``directory``: ``imported (2)``, ``imported (3)``, ..."""
    for number in itertools.count(2):
        candidate = directory.with_name(f"{directory.name} ({number})")
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise AssertionError("unreachable")


@contextmanager
def _ctrl_c_after():
    """Hold a Ctrl-C that arrives inside the block until the block has ended (in the main
    thread, where Python delivers it; elsewhere the block runs as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def read_imported(directory: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the orders and customers written by an import (CSV, or Parquet from the DuckDB
    engine)."""
    directory = Path(directory)
    if (directory / "orders.parquet").exists():
        orders = pd.read_parquet(directory / "orders.parquet")
        customers = pd.read_parquet(directory / "customers.parquet")
        orders["status"] = pd.Categorical(orders["status"].astype(str), STATUSES)
        return orders, customers
    for name in ("orders.csv", "customers.csv"):
        if not (directory / name).exists():
            raise ImportProblem(f"{directory / name} is missing: run `crmlib import` first")
    orders = pd.read_csv(directory / "orders.csv", dtype={"order_id": str, "customer_key": str})
    for column in ("created_time", "paid_time"):
        orders[column] = pd.to_datetime(orders[column], format="ISO8601")
    orders["status"] = pd.Categorical(orders["status"], STATUSES)
    customers = pd.read_csv(
        directory / "customers.csv",
        dtype={"customer_key": str, "birthday": str, "phone": str, "name": str, "nickname": str},
    )
    customers["signup_date"] = pd.to_datetime(customers["signup_date"], format="ISO8601")
    return orders, customers
