"""Order-export formats as data: which headers mean what, which statuses mean what.

A platform's export is one YAML file in ``crmlib/importers/formats/`` validated by
:class:`FormatSpec`; one reader (:func:`crmlib.importers.orders.read_orders`, or the DuckDB
engine for large files) serves them all, so a new platform is a new file, not new code. The
generic format is the same spec built from a user's column mapping (:func:`spec_from_mapping`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from ..locale import _
from ..textfiles import read_text
from .result import ImportProblem

Target = Literal[
    "order_id",
    "sub_order_id",
    "customer_key",
    "created_time",
    "paid_time",
    "amount_paid",
    "refund_amount",
    "list_amount",
    "discount",
    "coupon",
    "status",
    "category",
    "items",
    "channel",
    "currency",
    "name",
    "phone",
    "address",
]
Status = Literal["completed", "in_progress", "refunded", "closed"]
REQUIRED: tuple[Target, ...] = ("order_id", "customer_key", "created_time", "amount_paid")
AMOUNTS: tuple[Target, ...] = ("amount_paid", "refund_amount", "list_amount", "discount", "coupon")
FORMATS_DIR = Path(__file__).with_name("formats")


class FormatSpec(BaseModel):
    """One export format: its columns, statuses and the rules its amounts follow.

    Attributes
    ----------
    columns
        Our column -> the export's headers that mean it, in order of preference (exports
        rename columns between versions; the first one present is used).
    required
        Our columns the file must have (``order_id``, ``customer_key``, ``created_time`` and
        ``amount_paid`` always).
    statuses
        The export's order status -> ours; a value not listed is quarantined. Without a
        ``status`` column every order counts as completed.
    joined
        Our column -> several headers whose values, written one after the other, make it (Douyin splits the
        address into 省, 市, 区, 街道 and 详细地址).
    empty_values
        Cell values that mean "nothing" in this export (Douyin writes ``-``).
    line_items
        ``"repeated"``: rows sharing an order id are the order's items (a ``sub_order_id``
        column tells them apart) and carry the order's amounts on each row; ``"summed"``: each
        row carries its own item's amount, added up per order.
    closed_with_refund, closed_after_payment
        What a ``closed`` order becomes when it has a refund amount, or (for exports without
        one) a paid time: Taobao's 交易关闭 after a refund is a refunded order.
    timezone
        The shop's time zone. A time written with an offset (``2024-03-01 10:00:00+08:00``,
        ``...Z``) is converted to it; a time without one is taken to be in it already.
    decimal_comma
        Whether amounts are written with a decimal comma (``1.234,56``, some European
        exports). Without it, such an amount is quarantined as ambiguous rather than read as
        1.23456 or 123456; a comma is read only as a thousands separator (``1,234.56``), and
        digits grouped with ``_`` or spaces are not a number.
    earliest_year
        Dates before this year (0001, 1900: a spreadsheet's empty or damaged date) are
        quarantined as implausible, not loaded into the scores.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    platform: str
    confirmed_from: str = ""
    columns: dict[Target, list[str]]
    required: list[Target] = Field(default_factory=lambda: list(REQUIRED))
    statuses: dict[str, Status] | None = None
    joined: dict[Target, list[str]] = Field(default_factory=dict)
    empty_values: list[str] = Field(default_factory=list)
    line_items: Literal["repeated", "summed"] = "repeated"
    closed_with_refund: Status = "closed"
    closed_after_payment: Status = "closed"
    currency: str | None = None
    amount_limit: float = Field(1e6, gt=0)
    timezone: str = "Asia/Shanghai"
    decimal_comma: bool = False
    earliest_year: int = Field(2000, ge=1900)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {zone!r} (e.g. Asia/Shanghai)") from None
        return zone

    @model_validator(mode="after")
    def _consistent(self) -> FormatSpec:
        missing = [c for c in REQUIRED if c not in self.required]
        if missing:
            raise ValueError(f"required must include {missing}")
        unnamed = [c for c in self.required if not (self.columns.get(c) or self.joined.get(c))]
        if unnamed:
            raise ValueError(f"required column(s) {unnamed} have no header in columns")
        if "status" in self.columns and self.statuses is None:
            raise ValueError("a status column needs statuses: {their value: our status}")
        return self

    def locate(
        self, names: list[str], source: str
    ) -> tuple[dict[Target, str], dict[Target, list[str]]]:
        """Where our columns are in a file with these headers: {ours: the header used} and
        {ours: the headers joined to make it}. A missing required column stops the import,
        naming what was expected and what the file has (both engines read through this)."""
        present = set(names)
        found = {
            ours: next(name for name in theirs if name in present)
            for ours, theirs in self.columns.items()
            if any(name in present for name in theirs)
        }
        joined = {
            ours: parts
            for ours, parts in self.joined.items()
            if ours not in found and all(p in present for p in parts)
        }
        missing = [c for c in self.required if c not in found and c not in joined]
        if missing and not found and not joined:  # no export of this kind: say nothing of it
            raise ImportProblem(
                _(
                    "{source}: none of the columns of a {platform} export are in its first "
                    "line: is it the right file, and the right --format?"
                ).format(source=source, platform=self.platform)
            )
        if missing:
            wanted = {c: self.columns.get(c) or self.joined.get(c) for c in missing}
            raise ImportProblem(
                f"{source}: missing required column(s) {missing} (any of {wanted}); "
                f"the file has {list(names)}"
            )
        used = [*found.values(), *(p for parts in joined.values() for p in parts)]
        twice = sorted({h for h in used if names.count(h) > 1})
        if twice:
            raise ImportProblem(
                _(
                    "{source}: the header names {twice} more than once, so which column is "
                    "meant cannot be known: rename one of them"
                ).format(source=source, twice=twice)
            )
        return found, joined


GENERIC_OPTIONS = ("timezone", "decimal_comma", "earliest_year", "currency", "amount_limit")
"""The format rules a generic mapping file may set beside its mapping (see :class:`FormatSpec`)."""


def spec_from_mapping(
    mapping: dict[str, str], status_map: dict[str, str] | None = None, **options
) -> FormatSpec:
    """The generic format: ``{our column: their header}`` and an optional status map (without
    one, a status column must already use our names: completed, in_progress, refunded, closed).
    Every mapped column is required: a user who names a column expects it to be read.
    ``options``: the format's rules, among :data:`GENERIC_OPTIONS`."""
    unknown = sorted(set(options) - set(GENERIC_OPTIONS))
    if unknown:
        raise ImportProblem(f"mapping: unknown option(s) {unknown}; use {list(GENERIC_OPTIONS)}")
    missing = [c for c in REQUIRED if c not in mapping]
    if missing:
        raise ImportProblem(f"mapping must name a column for {missing}")
    statuses = status_map
    if "status" in mapping and statuses is None:
        statuses = {s: s for s in Status.__args__}
    try:
        return FormatSpec(
            name="generic",
            platform="generic",
            columns={ours: [theirs] for ours, theirs in mapping.items()},
            required=list(mapping),  # every column the user mapped must be there
            statuses=statuses,
            **options,
        )
    except ValidationError as exc:
        raise ImportProblem(f"mapping: {_errors(exc)}") from None


def _errors(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" + (f" (got {e['input']!r})")
        for e in exc.errors()
    )


def load_spec(path: str | Path) -> FormatSpec:
    """A format spec from a YAML file, with errors that name the file and the field."""
    path = Path(path)
    try:
        data = yaml.safe_load(read_text(path))
        return FormatSpec.model_validate(data)
    except yaml.YAMLError as exc:
        raise ImportProblem(f"{path.name}: not valid YAML ({exc})") from None
    except ValidationError as exc:
        raise ImportProblem(f"{path.name}: {_errors(exc)}") from None


@cache
def builtin_specs() -> dict[str, FormatSpec]:
    """The platforms the suite knows, by name: one YAML file each in ``formats/``."""
    specs = [load_spec(p) for p in sorted(FORMATS_DIR.glob("*.yaml"))]
    return {s.name: s for s in specs}


def format_table() -> pd.DataFrame:
    """The built-in formats: name (``--format``), the platform's export, how many of our
    columns the spec reads, and where its headers were confirmed."""
    return pd.DataFrame(
        [
            {
                "export_format": spec.name,
                "export_name": spec.platform,
                "columns_read": len(spec.columns) + len(spec.joined),
                "confirmed_from": spec.confirmed_from,
            }
            for spec in builtin_specs().values()
        ]
    ).set_index("export_format")
