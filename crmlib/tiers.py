"""Membership tiers (网店会员管理, §7.2.4; customer grading, §7.3): policies as data, evaluation
as pure functions.

A :class:`Policy` is plain data (ordered tiers with thresholds and benefits, and the growth
value rule) that round-trips through JSON or YAML, so an analyst can keep versions of it.
:func:`prepare` turns the shop's tables into per-customer growth values once;
:func:`evaluate` then scores any policy against them fast enough for a slider.

Qualification: a customer reaches a tier when their **rolling 12-month growth value** reaches
its rolling threshold, or (rule ``"either"``, as in the textbook) their **cumulative** growth
value since joining reaches its cumulative threshold. Their tier is the highest one reached.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .orders import purchases, require_columns

RULES = ("either", "rolling")


@dataclass(frozen=True)
class Benefits:
    """What a tier gives its members.

    Attributes
    ----------
    discount : float
        Price multiplier in (0, 1]: 0.95 is 9.5折 (5% off).
    offer_min, offer_off : float
        Spend-X-save-Y: an order of at least ``offer_min`` (after the discount) saves
        ``offer_off``; 0 and 0 for none.
    return_days : int
        Return window in days.
    free_pickup, dedicated_agent, priority_shipping : bool
        Service benefits.
    points_multiplier : float
        Growth-value multiplier on all purchases (1.0: none).
    birthday_points_multiplier : float
        Growth-value multiplier in the member's birthday month (the textbook's diamond: 2.0).
    experiences : str
        Experience benefits in words (new-product trials, member-only sales, …).
    """

    discount: float = 1.0
    offer_min: float = 0.0
    offer_off: float = 0.0
    return_days: int = 7
    free_pickup: bool = False
    dedicated_agent: bool = False
    priority_shipping: bool = False
    points_multiplier: float = 1.0
    birthday_points_multiplier: float = 1.0
    experiences: str = ""


@dataclass(frozen=True)
class Tier:
    """One membership level: a name, thresholds (growth value points) and benefits.

    ``rolling`` is the rolling 12-month threshold; ``cumulative`` the cumulative one (None:
    the tier cannot be reached on cumulative growth).
    """

    name: str
    name_zh: str = ""
    rolling: float = 0.0
    cumulative: float | None = None
    benefits: Benefits = field(default_factory=Benefits)


@dataclass(frozen=True)
class GrowthRule:
    """Growth value (成长值): points per yuan paid net of refunds, plus bonuses.

    ``category_multipliers`` maps a category to a multiplier (e.g. ``{"手提包": 2.0}`` for
    double points on premium handbags). ``photo_review_bonus`` is added per review with photos,
    ``share_bonus`` per recorded share (our data has no shares, so it is 0 by default).
    """

    points_per_yuan: float = 1.0
    category_multipliers: dict[str, float] = field(default_factory=dict)
    photo_review_bonus: float = 50.0
    share_bonus: float = 0.0


@dataclass(frozen=True)
class Policy:
    """A membership programme: ordered tiers (lowest first), the qualification rule, growth."""

    tiers: tuple[Tier, ...]
    rule: str = "either"
    growth: GrowthRule = field(default_factory=GrowthRule)
    name: str = "policy"

    def __post_init__(self) -> None:
        validate(self)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.tiers]

    def replace_tier(self, name: str, **changes) -> Policy:
        """A copy with one tier's fields (or benefit fields) changed."""
        if name not in self.names:
            raise ValueError(f"no tier {name!r}; tiers are {self.names}")
        benefit_fields = {f.name for f in dataclasses.fields(Benefits)}
        new = []
        for tier in self.tiers:
            if tier.name == name:
                b = {k: v for k, v in changes.items() if k in benefit_fields}
                t = {k: v for k, v in changes.items() if k not in benefit_fields}
                tier = dataclasses.replace(
                    tier, benefits=dataclasses.replace(tier.benefits, **b), **t
                )
            new.append(tier)
        return dataclasses.replace(self, tiers=tuple(new))

    def with_rule(self, rule: str) -> Policy:
        return dataclasses.replace(self, rule=rule)


def validate(policy: Policy) -> None:
    """Raise ``ValueError`` naming the tier and field for anything inconsistent."""
    if policy.rule not in RULES:
        raise ValueError(
            f"policy {policy.name!r}: rule must be one of {RULES}, got {policy.rule!r}"
        )
    if len(policy.tiers) < 1:
        raise ValueError(f"policy {policy.name!r} has no tiers")
    names = [t.name for t in policy.tiers]
    if len(set(names)) != len(names):
        raise ValueError(f"policy {policy.name!r}: tier names must be unique, got {names}")
    base = policy.tiers[0]
    if base.rolling != 0:
        raise ValueError(
            f"tier {base.name!r}, field 'rolling': the first tier is the entry tier, its threshold must be 0"
        )
    for tier in policy.tiers:
        b = tier.benefits
        checks = [
            ("rolling", tier.rolling is not None and tier.rolling >= 0, "a non-negative number"),
            (
                "cumulative",
                tier.cumulative is None or tier.cumulative >= 0,
                "a non-negative number or null",
            ),
            ("discount", 0 < b.discount <= 1, "a price multiplier in (0, 1], e.g. 0.95 for 9.5折"),
            ("offer_min", b.offer_min >= 0, "a non-negative amount"),
            (
                "offer_off",
                0 <= b.offer_off and (b.offer_off == 0 or b.offer_off < b.offer_min),
                "between 0 and offer_min",
            ),
            ("return_days", b.return_days >= 0, "a non-negative number of days"),
            ("points_multiplier", b.points_multiplier > 0, "a positive multiplier"),
        ]
        for name, ok, expected in checks:
            if not ok:
                value = getattr(b, name) if hasattr(b, name) else getattr(tier, name)
                raise ValueError(
                    f"tier {tier.name!r}, field {name!r}: expected {expected}, got {value!r}"
                )
    for lower, upper in zip(policy.tiers, policy.tiers[1:], strict=False):
        if not upper.rolling > lower.rolling:
            raise ValueError(
                f"tier {upper.name!r}, field 'rolling': thresholds must increase with the tier "
                f"({upper.rolling} is not above {lower.name!r}'s {lower.rolling})"
            )
        if (
            upper.cumulative is not None
            and lower.cumulative is not None
            and not upper.cumulative > lower.cumulative
        ):
            raise ValueError(
                f"tier {upper.name!r}, field 'cumulative': thresholds must increase with the tier "
                f"({upper.cumulative} is not above {lower.name!r}'s {lower.cumulative})"
            )
    g = policy.growth
    if g.points_per_yuan < 0 or g.photo_review_bonus < 0 or g.share_bonus < 0:
        raise ValueError("growth rule: points per yuan and bonuses must be non-negative")
    bad = {k: v for k, v in g.category_multipliers.items() if not v > 0}
    if bad:
        raise ValueError(
            f"growth rule, field 'category_multipliers': multipliers must be positive, got {bad}"
        )


def textbook_policy() -> Policy:
    """The textbook's clothing-shop programme (§7.2.4): ordinary / silver / gold / diamond."""
    return Policy(
        name="textbook",
        tiers=(
            Tier("ordinary", "普通会员", 0, None, Benefits(discount=0.98, return_days=7)),
            Tier(
                "silver",
                "银卡会员",
                500,
                800,
                Benefits(0.95, 300, 50, 15, free_pickup=True, experiences="new-product trials"),
            ),
            Tier(
                "gold",
                "金卡会员",
                1500,
                2500,
                Benefits(
                    0.90, 500, 120, 30, True, dedicated_agent=True, experiences="member-only sales"
                ),
            ),
            Tier(
                "diamond",
                "钻石会员",
                3000,
                5000,
                Benefits(
                    0.85,
                    1000,
                    300,
                    30,
                    True,
                    True,
                    priority_shipping=True,
                    birthday_points_multiplier=2.0,
                    experiences="customised service; lifetime free repair on some goods",
                ),
            ),
        ),
    )


# --- saving and loading ------------------------------------------------------------------------


def policy_to_dict(policy: Policy) -> dict:
    """Plain data (lists and dicts) for JSON or YAML."""
    data = dataclasses.asdict(policy)
    data["tiers"] = list(data["tiers"])
    return data


def policy_from_dict(data: dict, source: str = "policy") -> Policy:
    """Build a policy from plain data, naming the tier and field of anything unknown."""
    known_policy = {f.name for f in dataclasses.fields(Policy)}
    known_tier = {f.name for f in dataclasses.fields(Tier)}
    known_benefit = {f.name for f in dataclasses.fields(Benefits)}
    known_growth = {f.name for f in dataclasses.fields(GrowthRule)}
    unknown = set(data) - known_policy
    if unknown:
        raise ValueError(
            f"{source}: unknown field(s) {sorted(unknown)}; expected {sorted(known_policy)}"
        )
    if "tiers" not in data or not isinstance(data["tiers"], list | tuple):
        raise ValueError(f"{source}: 'tiers' must be a list of tiers")
    tiers = []
    for i, raw in enumerate(data["tiers"]):
        label = raw.get("name", f"#{i + 1}")
        bad = set(raw) - known_tier
        if bad:
            raise ValueError(
                f"{source}, tier {label!r}: unknown field(s) {sorted(bad)}; expected {sorted(known_tier)}"
            )
        benefits = raw.get("benefits", {}) or {}
        bad = set(benefits) - known_benefit
        if bad:
            raise ValueError(
                f"{source}, tier {label!r}: unknown benefit(s) {sorted(bad)}; known benefits are {sorted(known_benefit)}"
            )
        tiers.append(Tier(**{**raw, "benefits": Benefits(**benefits)}))
    growth = data.get("growth", {}) or {}
    bad = set(growth) - known_growth
    if bad:
        raise ValueError(
            f"{source}, growth: unknown field(s) {sorted(bad)}; expected {sorted(known_growth)}"
        )
    rest = {k: v for k, v in data.items() if k not in ("tiers", "growth")}
    return Policy(tiers=tuple(tiers), growth=GrowthRule(**growth), **rest)


def save_policy(policy: Policy, path: str | Path) -> Path:
    """Write a policy as JSON (``.json``) or YAML (``.yaml``/``.yml``)."""
    path = Path(path)
    data = policy_to_dict(policy)
    if path.suffix in (".yaml", ".yml"):
        import yaml

        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        raise ValueError(f"{path}: use a .json, .yaml or .yml file name")
    return path


def load_policy(path: str | Path) -> Policy:
    """Read a policy saved by :func:`save_policy` (or written by hand)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(text)
    elif path.suffix == ".json":
        data = json.loads(text)
    else:
        raise ValueError(f"{path}: use a .json, .yaml or .yml file name")
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with 'tiers', got {type(data).__name__}")
    return policy_from_dict(data, source=str(path))


# --- growth value and inputs -------------------------------------------------------------------


def growth_events(
    orders: pd.DataFrame, reviews: pd.DataFrame | None, rule: GrowthRule
) -> pd.DataFrame:
    """Every event that earns growth value: ``customer_id``, ``time``, ``points``.

    Orders earn ``points_per_yuan`` per yuan paid net of refunds (times a category multiplier);
    photo reviews earn ``photo_review_bonus``. Refunded orders earn nothing (net 0).
    """
    bought = purchases(orders)
    if rule.category_multipliers:
        require_columns(bought, ["category"], "growth_events (category_multipliers)")
    multiplier = (
        bought["category"].astype(str).map(rule.category_multipliers).fillna(1.0)
        if rule.category_multipliers
        else 1.0
    )
    parts = [
        pd.DataFrame(
            {
                "customer_id": bought["customer_id"].to_numpy(),
                "time": bought["paid_time"].to_numpy(),
                "points": (bought["net_amount"] * rule.points_per_yuan * multiplier).to_numpy(),
            }
        )
    ]
    if reviews is not None and rule.photo_review_bonus:
        photo = reviews[reviews["has_photo"]]
        parts.append(
            pd.DataFrame(
                {
                    "customer_id": photo["customer_id"],
                    "time": photo["review_time"],
                    "points": rule.photo_review_bonus,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def growth_values(
    events: pd.DataFrame, as_of: str | pd.Timestamp, customers: pd.Index | None = None
) -> pd.DataFrame:
    """Rolling 12-month and cumulative growth value per customer as of a date."""
    as_of = pd.Timestamp(as_of)
    past = events[events["time"] < as_of]
    recent = past[past["time"] >= as_of - pd.DateOffset(months=12)]
    out = pd.DataFrame(
        {
            "rolling": recent.groupby("customer_id")["points"].sum(),
            "cumulative": past.groupby("customer_id")["points"].sum(),
        }
    )
    if customers is not None:
        out = out.reindex(customers)
    return out.fillna(0.0)


@dataclass(frozen=True)
class TierInputs:
    """Everything :func:`evaluate` needs, computed once from the shop's tables.

    Per customer (aligned arrays): ids, rolling and cumulative growth, 12-month revenue and
    orders. Per order in the 12 months before ``as_of``: amount and customer position.
    """

    customer_id: np.ndarray
    rolling: np.ndarray
    cumulative: np.ndarray
    revenue: np.ndarray
    orders: np.ndarray
    order_amount: np.ndarray
    order_customer: np.ndarray
    as_of: pd.Timestamp

    @property
    def size(self) -> int:
        return self.customer_id.size


def prepare(
    orders: pd.DataFrame,
    reviews: pd.DataFrame | None,
    as_of: str | pd.Timestamp,
    growth: GrowthRule | None = None,
    customers: pd.Index | None = None,
) -> TierInputs:
    """Growth values and 12-month purchases of every customer (buyers by default) as of a date."""
    require_columns(
        orders,
        ["customer_id", "paid_time", "status", "amount_paid", "refund_amount"],
        "tiers.prepare",
    )
    as_of = pd.Timestamp(as_of)
    growth = growth or GrowthRule()
    events = growth_events(orders, reviews, growth)
    ids = (
        pd.Index(np.sort(events["customer_id"].unique()))
        if customers is None
        else pd.Index(customers)
    )
    values = growth_values(events, as_of, ids)
    window = purchases(orders, as_of)
    window = window[window["paid_time"] >= as_of - pd.DateOffset(months=12)]
    window = window[window["customer_id"].isin(ids)]
    per = window.groupby("customer_id")
    return TierInputs(
        customer_id=ids.to_numpy(),
        rolling=values["rolling"].to_numpy(float),
        cumulative=values["cumulative"].to_numpy(float),
        revenue=per["net_amount"].sum().reindex(ids, fill_value=0.0).to_numpy(float),
        orders=per.size().reindex(ids, fill_value=0).to_numpy(np.int64),
        order_amount=window["amount_paid"].to_numpy(float),
        order_customer=ids.get_indexer(window["customer_id"]),
        as_of=as_of,
    )


# --- evaluation ---------------------------------------------------------------------------------


def assign(policy: Policy, rolling: np.ndarray, cumulative: np.ndarray) -> np.ndarray:
    """Tier index (0 = entry tier) for each customer's rolling and cumulative growth value."""
    rolling = np.asarray(rolling, dtype=float)
    cumulative = np.asarray(cumulative, dtype=float)
    level = np.zeros(rolling.shape, dtype=np.int64)
    for i, tier in enumerate(policy.tiers[1:], start=1):
        reached = rolling >= tier.rolling
        if policy.rule == "either" and tier.cumulative is not None:
            reached |= cumulative >= tier.cumulative
        level = np.where(reached, i, level)
    return level


def benefit_cost(policy: Policy, level_of_order: np.ndarray, amount: np.ndarray) -> np.ndarray:
    """What each order's tier benefits would have cost: the discount, plus the offer if reached."""
    discount = np.array([t.benefits.discount for t in policy.tiers])[level_of_order]
    offer_min = np.array([t.benefits.offer_min for t in policy.tiers])[level_of_order]
    offer_off = np.array([t.benefits.offer_off for t in policy.tiers])[level_of_order]
    after_discount = amount * discount
    offer = np.where((offer_off > 0) & (after_discount >= offer_min), offer_off, 0.0)
    return amount - after_discount + offer


@dataclass(frozen=True)
class Evaluation:
    """The impact of a policy: per-tier table, each customer's tier, near-miss customers."""

    table: pd.DataFrame
    level: np.ndarray
    near_miss: pd.DataFrame

    @property
    def counts(self) -> pd.Series:
        return self.table["members"]


def evaluate(policy: Policy, inputs: TierInputs, band: float = 0.1) -> Evaluation:
    """Score a policy: members, share, revenue, AOV, repurchase and benefit cost per tier, and
    the near-miss customers within ``band`` (a fraction) below the next tier's threshold.

    Revenue, orders and costs cover the 12 months before ``inputs.as_of``; cost is what the
    tier's discount and offer would have granted on those orders.
    """
    if not 0 <= band < 1:
        raise ValueError(f"band must be a fraction in [0, 1), got {band}")
    level = assign(policy, inputs.rolling, inputs.cumulative)
    k = len(policy.tiers)
    members = np.bincount(level, minlength=k)
    revenue = np.bincount(level, weights=inputs.revenue, minlength=k)
    orders = np.bincount(level, weights=inputs.orders, minlength=k)
    repeaters = np.bincount(level, weights=(inputs.orders >= 2), minlength=k)
    buyers = np.bincount(level, weights=(inputs.orders >= 1), minlength=k)
    cost = benefit_cost(policy, level[inputs.order_customer], inputs.order_amount)
    cost_by_tier = np.bincount(level[inputs.order_customer], weights=cost, minlength=k)
    with np.errstate(divide="ignore", invalid="ignore"):
        table = pd.DataFrame(
            {
                "members": members,
                "share": members / max(inputs.size, 1),
                "revenue_12m": revenue,
                "aov": revenue / orders,
                "repurchase_rate": repeaters / buyers,
                "benefit_cost": cost_by_tier,
                "cost_share_of_revenue": cost_by_tier / revenue,
            },
            index=pd.Index(policy.names, name="tier"),
        )
    return Evaluation(table=table, level=level, near_miss=near_misses(policy, inputs, level, band))


def near_misses(policy: Policy, inputs: TierInputs, level: np.ndarray, band: float) -> pd.DataFrame:
    """Customers within ``band`` below the next tier, and the growth value each needs to move up."""
    k = len(policy.tiers)
    nxt = np.minimum(level + 1, k - 1)
    top = level == k - 1
    rolling_target = np.array([t.rolling for t in policy.tiers], dtype=float)[nxt]
    need = rolling_target - inputs.rolling
    if policy.rule == "either":
        cum = np.array(
            [np.inf if t.cumulative is None else t.cumulative for t in policy.tiers], dtype=float
        )[nxt]
        need = np.minimum(need, cum - inputs.cumulative)
        target = np.where(
            rolling_target - inputs.rolling <= cum - inputs.cumulative, rolling_target, cum
        )
    else:
        target = rolling_target
    close = ~top & (need > 0) & (need <= band * target)
    names = np.array(policy.names)
    return pd.DataFrame(
        {
            "customer_id": inputs.customer_id[close],
            "tier": names[level[close]],
            "next_tier": names[nxt[close]],
            "points_needed": need[close],
        }
    ).sort_values(["points_needed", "customer_id"], ignore_index=True)


def tiers_as_of(policy: Policy, inputs: TierInputs) -> pd.Series:
    """Each customer's tier name (a tidy Series indexed by customer id)."""
    level = assign(policy, inputs.rolling, inputs.cumulative)
    return pd.Series(
        np.array(policy.names)[level],
        index=pd.Index(inputs.customer_id, name="customer_id"),
        name="tier",
    )


# --- cycles, migration and comparison ----------------------------------------------------------


@dataclass(frozen=True)
class Cycles:
    """Growth values of the same customers at several cycle ends (for replays and migration)."""

    ends: tuple[pd.Timestamp, ...]
    inputs: tuple[TierInputs, ...]
    joined: np.ndarray  # (cycles, customers): had their first growth event before that end

    @property
    def customer_id(self) -> np.ndarray:
        return self.inputs[0].customer_id


def prepare_cycles(
    orders: pd.DataFrame,
    reviews: pd.DataFrame | None,
    cycle_ends: list,
    growth: GrowthRule | None = None,
) -> Cycles:
    """:func:`prepare` at each cycle end, for every customer with growth value by the last one."""
    growth = growth or GrowthRule()
    ends = tuple(pd.Timestamp(e) for e in cycle_ends)
    events = growth_events(orders, reviews, growth)
    events = events[events["time"] < max(ends)]
    ids = pd.Index(np.sort(events["customer_id"].unique()), name="customer_id")
    first = events.groupby("customer_id")["time"].min().reindex(ids).to_numpy()
    inputs = tuple(prepare(orders, reviews, end, growth, ids) for end in ends)
    joined = np.array([first < end.to_datetime64() for end in ends])
    return Cycles(ends, inputs, joined)


def replay_levels(policy: Policy, cycles: Cycles, drop_one_tier: bool = True) -> np.ndarray:
    """Tier index per cycle and customer (-1 before a customer joined); see :func:`replay`."""
    levels = []
    previous = None
    for inputs, joined in zip(cycles.inputs, cycles.joined, strict=True):
        level = assign(policy, inputs.rolling, inputs.cumulative)
        if previous is not None and drop_one_tier:
            level = np.maximum(level, previous - 1)
        level = np.where(joined, level, -1)
        levels.append(level)
        previous = np.maximum(level, 0)
    return np.array(levels)


def replay(
    policy: Policy,
    orders: pd.DataFrame,
    reviews: pd.DataFrame | None,
    cycle_ends: list[str | pd.Timestamp],
    *,
    drop_one_tier: bool = True,
) -> pd.DataFrame:
    """Re-judge every customer at the end of each 12-month cycle.

    At each cycle end the tier is recomputed from that cycle's growth value (and cumulative
    growth under rule ``"either"``). With ``drop_one_tier`` (the textbook's rule) a member who
    falls short drops one tier at a time; upgrades take effect in full.

    Returns
    -------
    pandas.DataFrame
        One column per cycle end (tier names; empty before a customer's first purchase), one
        row per customer. ``attrs["active"]`` says who earned growth value in each cycle.
    """
    cycles = prepare_cycles(orders, reviews, cycle_ends, policy.growth)
    return replay_table(policy, cycles, drop_one_tier)


def replay_table(policy: Policy, cycles: Cycles, drop_one_tier: bool = True) -> pd.DataFrame:
    """:func:`replay` on prepared cycles."""
    levels = replay_levels(policy, cycles, drop_one_tier)
    names = np.array([*policy.names, None], dtype=object)  # -1 -> None
    labels = [str(end.date()) for end in cycles.ends]
    index = pd.Index(cycles.customer_id, name="customer_id")
    table = pd.DataFrame(
        {label: names[level] for label, level in zip(labels, levels, strict=True)}, index=index
    )
    table.attrs["active"] = pd.DataFrame(
        {label: inputs.rolling > 0 for label, inputs in zip(labels, cycles.inputs, strict=True)},
        index=index,
    )
    return table


def migration_counts(
    before: np.ndarray, after: np.ndarray, names: list[str], active: np.ndarray | None = None
) -> tuple[pd.DataFrame, pd.Series]:
    """Migration matrix and movement counts from tier levels (-1 = not a customer yet).

    Rows: the earlier tier (``new`` = joined during the later cycle). Columns: the later tier,
    or ``lapsed`` when the customer earned no growth value in the later cycle (``active``).
    Movement counts members of the earlier cycle: upgrade / stay / downgrade / lapse.
    """
    k = len(names)
    before = np.asarray(before)
    after = np.asarray(after)
    lapsed = np.zeros(after.shape, bool) if active is None else ~np.asarray(active, bool)
    present = after >= 0
    column = np.where(lapsed, k, after)
    row = before + 1  # -1 (new) -> 0
    cells = np.bincount(row[present] * (k + 1) + column[present], minlength=(k + 1) * (k + 1))
    matrix = pd.DataFrame(
        cells.reshape(k + 1, k + 1),
        index=pd.Index(["new", *names], name="from"),
        columns=pd.Index([*names, "lapsed"], name="to"),
    )
    member = (before >= 0) & present
    stays = member & ~lapsed
    moves = pd.Series(
        {
            "upgrade": int((stays & (after > before)).sum()),
            "stay": int((stays & (after == before)).sum()),
            "downgrade": int((stays & (after < before)).sum()),
            "lapse": int((member & lapsed).sum()),
        }
    )
    return matrix, moves


def _levels(tiers: pd.Series, names: list[str]) -> np.ndarray:
    rank = {name: i for i, name in enumerate(names)}
    return tiers.map(rank).fillna(-1).astype(int).to_numpy()


def migration(
    before: pd.Series, after: pd.Series, order: list[str], active: pd.Series | None = None
) -> pd.DataFrame:
    """Customers moving between tiers from one cycle to the next (tier names in, counts out).

    Pass ``active`` (e.g. ``replay(...).attrs["active"][cycle]``) to count customers who earned
    no growth value in the later cycle as ``lapsed``.
    """
    flags = None if active is None else active.reindex(after.index, fill_value=False).to_numpy()
    return migration_counts(_levels(before, order), _levels(after, order), order, flags)[0]


def movement(
    before: pd.Series, after: pd.Series, order: list[str], active: pd.Series | None = None
) -> pd.Series:
    """Upgrade / stay / downgrade / lapse counts between two cycles (members of the first)."""
    flags = None if active is None else active.reindex(after.index, fill_value=False).to_numpy()
    return migration_counts(_levels(before, order), _levels(after, order), order, flags)[1]


def compare(a: Policy, b: Policy, inputs: TierInputs, band: float = 0.1) -> dict:
    """Side by side: both evaluations, who changes tier, and what it costs.

    Returns a dict with ``a`` and ``b`` (:class:`Evaluation`), ``changes`` (customers by tier
    under A × tier under B), ``changed`` (how many customers change tier) and ``summary``
    (benefit cost, members above the entry tier and revenue under each, and the difference).
    """
    ea, eb = evaluate(a, inputs, band), evaluate(b, inputs, band)
    label_a, label_b = (a.name, b.name) if a.name != b.name else (f"A: {a.name}", f"B: {b.name}")
    names_a, names_b = np.array(a.names)[ea.level], np.array(b.names)[eb.level]
    changes = pd.crosstab(pd.Series(names_a, name=label_a), pd.Series(names_b, name=label_b))
    changes = changes.reindex(index=a.names, columns=b.names, fill_value=0)
    summary = pd.DataFrame(
        {
            label_a: [
                ea.table["benefit_cost"].sum(),
                int((names_a != a.names[0]).sum()),
                ea.table["revenue_12m"].sum(),
            ],
            label_b: [
                eb.table["benefit_cost"].sum(),
                int((names_b != b.names[0]).sum()),
                eb.table["revenue_12m"].sum(),
            ],
        },
        index=["benefit_cost_12m", "members_above_entry", "revenue_12m"],
    )
    summary["difference"] = summary[label_b] - summary[label_a]
    return {
        "a": ea,
        "b": eb,
        "changes": changes,
        "summary": summary,
        "changed": int((names_a != names_b).sum()),
    }
