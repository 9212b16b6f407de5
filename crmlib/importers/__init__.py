"""Importing a real shop's order exports into the suite's tidy tables, losing nothing.

Readers: :func:`read_taobao` (Taobao/Tmall 订单报表), :func:`read_jd` (京东 订单导出),
:func:`read_douyin` (抖店 订单导出) — one reader driven by each platform's format spec
(``formats/*.yaml``, see :mod:`.spec`) — :func:`read_generic` (CSV, Excel or Parquet with a
column mapping: the same reader with a spec built from the mapping) and :func:`read_shopify`
(Shopify's orders export, one row per line item). Each returns an :class:`ImportResult`:

* ``orders`` and ``customers`` in the shapes the notebooks use (``customer_id`` integers, the
  export's own buyer key kept, pseudonymised, as ``customer_key``);
* ``quarantine``: every row that was not loaded, with file, row number, column, value and reason;
* ``summary``: rows read = rows loaded + rows quarantined (+ rows merged: line items into
  their order, exact repeats), checked on every import.

Policy for problem rows: by default valid rows load and problem rows go to quarantine;
``strict=True`` raises :class:`ImportProblem` at the first problem instead. Personal fields
(names, phones, addresses) are masked and the buyer key (account name, e-mail) pseudonymised on
import with the project's secret (``secret=privacy.project_secret(...)``, a keyed hash) unless
``keep_personal=True``.

Every spec-driven reader runs one engine, DuckDB (:mod:`.bulk`), which applies the spec and
its checks in SQL, for exports of a few rows or of millions; ``import_large`` writes Parquet
files instead of returning tables. Shopify's export has its own reader.
"""

from __future__ import annotations

from collections.abc import Callable

from .orders import read_douyin, read_generic, read_jd, read_orders, read_taobao
from .result import (
    ORDER_COLUMNS,
    STATUSES,
    ImportProblem,
    ImportReport,
    ImportResult,
    OutputsElsewhere,
    read_imported,
)
from .shopify import read_shopify
from .spec import FormatSpec, builtin_specs, format_table, load_spec, spec_from_mapping
from .text import read_text_table

READERS: dict[str, Callable[..., ImportResult]] = {
    "taobao": read_taobao,
    "jd": read_jd,
    "douyin": read_douyin,
    "shopify": read_shopify,
    "generic": read_generic,  # needs a column mapping: read_generic(path, mapping, ...)
}

__all__ = [
    "ORDER_COLUMNS",
    "READERS",
    "STATUSES",
    "FormatSpec",
    "ImportProblem",
    "ImportReport",
    "ImportResult",
    "OutputsElsewhere",
    "builtin_specs",
    "format_table",
    "load_spec",
    "read_douyin",
    "read_generic",
    "read_imported",
    "read_jd",
    "read_orders",
    "read_shopify",
    "read_taobao",
    "read_text_table",
    "spec_from_mapping",
]
