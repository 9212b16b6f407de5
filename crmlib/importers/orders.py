"""One reader for every order export described by a :class:`~crmlib.importers.spec.FormatSpec`:
Taobao/Tmall, JD.com, Douyin shop, and the generic format built from a column mapping.

There is one engine (:mod:`.bulk`, DuckDB): :func:`read_orders` runs it into a temporary
folder and hands back the tables in memory, sorted by creation time, for notebooks and
exports of any size that fit in memory; ``crmlib import`` writes its files directly.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from .bulk import import_large
from .result import ImportResult, read_imported
from .spec import FormatSpec, builtin_specs, spec_from_mapping


def read_orders(
    path: str | Path,
    spec: FormatSpec,
    *,
    strict: bool = False,
    keep_personal: bool = False,
    secret: bytes | None = None,
    now: str | pd.Timestamp | None = None,
) -> ImportResult:
    """Read an order export in the format ``spec`` describes, with the DuckDB engine
    (:func:`~crmlib.importers.bulk.import_large`), into tables in memory.

    CSV in UTF-8 (with or without BOM) or GBK, Excel's UTF-16 text, an ``.xlsx`` saved over
    the CSV, or Parquet; headers with stray spaces; ids wrapped as ``="…"`` or led by a tab.
    Rows that are an order's items (a sub-order id) are merged into the order and counted;
    without one, exact repeats are merged and conflicting rows with one order id are
    quarantined naming the row kept. A closed order never paid has no paid time and no amount;
    one that was paid counts as the spec says (``closed_with_refund``, ``closed_after_payment``).
    The orders come sorted by creation time (then order id).
    """
    with tempfile.TemporaryDirectory(prefix="crmlib-import-") as folder:
        out = Path(folder) / "out"
        report = import_large(
            path, spec, out, strict=strict, keep_personal=keep_personal, secret=secret, now=now
        )
        orders, customers = read_imported(report.directory)
    orders = orders.sort_values(["created_time", "order_id"], kind="stable", ignore_index=True)
    return ImportResult(
        orders=orders,
        customers=customers,
        quarantine=report.quarantine,
        source=report.source,
        rows_read=report.rows_read,
        rows_merged=report.rows_merged,
        notes=report.notes,
    )


def reader(name: str):
    """The reader of a built-in format: ``read_orders`` with that format's spec."""

    def read(path: str | Path, **options) -> ImportResult:
        return read_orders(path, builtin_specs()[name], **options)

    read.__name__ = f"read_{name}"
    read.__doc__ = f"Read a {builtin_specs()[name].platform} export (see :func:`read_orders`)."
    return read


read_taobao = reader("taobao")
read_jd = reader("jd")
read_douyin = reader("douyin")


def read_generic(
    path: str | Path,
    mapping: dict[str, str],
    *,
    status_map: dict[str, str] | None = None,
    **options,
) -> ImportResult:
    """Read CSV, Excel or Parquet with a mapping ``{our column: their column}``.

    Required: ``order_id``, ``customer_key``, ``created_time``, ``amount_paid``. Optional:
    ``paid_time``, ``status`` (with ``status_map`` from their values to completed /
    in_progress / refunded / closed; without a status column every order is completed),
    ``refund_amount``, ``discount``, ``coupon``, ``category``, ``items``, ``channel``,
    ``currency``, ``name``, ``phone``, ``address``.
    """
    return read_orders(path, spec_from_mapping(mapping, status_map), **options)
