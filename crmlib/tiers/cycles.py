"""Re-judging members cycle after cycle (§7.2.4): replays and migration between tiers.

The textbook re-judges every member every 12 months on the last 12 months' growth value; a member
below the bar drops one tier ("金卡会员周期内成长值未达1500，降为银卡会员").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .evaluation import TierInputs, levels, prepare
from .growth import growth_events
from .policy import GrowthRule, Policy


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
    *,
    birthdays: pd.Series | None = None,
) -> Cycles:
    """:func:`prepare` at each cycle end, for every customer with growth value by the last one."""
    growth = growth or GrowthRule()
    ends = tuple(pd.Timestamp(e) for e in cycle_ends)
    events = growth_events(orders, reviews, growth)
    events = events[events["time"] < max(ends)]
    ids = pd.Index(np.sort(events["customer_id"].unique()), name="customer_id")
    first = events.groupby("customer_id")["time"].min().reindex(ids).to_numpy()
    inputs = tuple(prepare(orders, reviews, end, growth, ids, birthdays=birthdays) for end in ends)
    joined = np.array([first < end.to_datetime64() for end in ends])
    return Cycles(ends, inputs, joined)


def replay_levels(policy: Policy, cycles: Cycles, drop_one_tier: bool = True) -> np.ndarray:
    """Tier index per cycle and customer (-1 before a customer joined); see :func:`replay`."""
    out = []
    previous = None
    for inputs, joined in zip(cycles.inputs, cycles.joined, strict=True):
        level = levels(policy, inputs)
        if previous is not None and drop_one_tier:
            level = np.maximum(level, previous - 1)
        level = np.where(joined, level, -1)
        out.append(level)
        previous = np.maximum(level, 0)
    return np.array(out)


@dataclass(frozen=True)
class Replay:
    """Tiers at each cycle end and who earned growth value in each cycle.

    ``tiers``: one column per cycle end (tier names; missing before a customer's first purchase),
    one row per customer. ``active``: same shape, True where the customer earned growth value
    in the 12 months before that cycle end.
    """

    tiers: pd.DataFrame
    active: pd.DataFrame


def replay_table(policy: Policy, cycles: Cycles, drop_one_tier: bool = True) -> Replay:
    """Re-judge every customer at the end of each cycle.

    At each cycle end the tier is recomputed from that cycle's growth value (and cumulative
    growth under rule ``"either"``). With ``drop_one_tier`` (the textbook's rule) a member who
    falls short drops one tier at a time; upgrades take effect in full.
    """
    level = replay_levels(policy, cycles, drop_one_tier)
    names = np.array([*policy.names, None], dtype=object)  # -1 -> None
    labels = [str(end.date()) for end in cycles.ends]
    index = pd.Index(cycles.customer_id, name="customer_id")
    tiers = pd.DataFrame(
        {label: names[row] for label, row in zip(labels, level, strict=True)}, index=index
    )
    active = pd.DataFrame(
        {label: inputs.rolling > 0 for label, inputs in zip(labels, cycles.inputs, strict=True)},
        index=index,
    )
    return Replay(tiers=tiers, active=active)


def replay(
    policy: Policy,
    orders: pd.DataFrame,
    reviews: pd.DataFrame | None,
    cycle_ends: list[str | pd.Timestamp],
    *,
    birthdays: pd.Series | None = None,
    drop_one_tier: bool = True,
) -> Replay:
    """:func:`replay_table` straight from the shop's tables."""
    cycles = prepare_cycles(orders, reviews, cycle_ends, policy.growth, birthdays=birthdays)
    return replay_table(policy, cycles, drop_one_tier)


@dataclass(frozen=True)
class Migration:
    """Movement between two cycles.

    ``matrix``: rows the earlier tier (``new`` = joined during the later cycle), columns the later
    tier, or ``lapsed`` when the customer earned no growth value in the later cycle.
    ``moves``: members of the earlier cycle by upgrade / stay / downgrade / lapse.
    """

    matrix: pd.DataFrame
    moves: pd.Series


def migration_counts(
    before: np.ndarray, after: np.ndarray, names: list[str], active: np.ndarray | None = None
) -> Migration:
    """:class:`Migration` from tier levels (-1 = not a customer yet)."""
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
    ).rename_axis("movement")
    return Migration(matrix=matrix, moves=moves)


def _levels(tiers: pd.Series, names: list[str]) -> np.ndarray:
    rank = {name: i for i, name in enumerate(names)}
    return tiers.map(rank).fillna(-1).astype(int).to_numpy()


def migration(
    before: pd.Series, after: pd.Series, order: list[str], active: pd.Series | None = None
) -> Migration:
    """Customers moving between tiers from one cycle to the next (tier names in, counts out).

    Pass ``active`` (e.g. ``replay.active[cycle]``) to count customers who earned no growth
    value in the later cycle as ``lapsed``.
    """
    flags = None if active is None else active.reindex(after.index, fill_value=False).to_numpy()
    return migration_counts(_levels(before, order), _levels(after, order), order, flags)
