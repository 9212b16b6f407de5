"""The shop's calendar: the trading period, festival peaks and sale windows, hours of the day."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DAY = 86_400  # seconds


@dataclass(frozen=True)
class Festival:
    """A festival of the Chinese e-commerce year.

    ``width`` (days) and ``height`` shape the run-up of new customers; ``spike`` is the extra
    height on the day itself; ``sale_days`` is the length of the sitewide sale ending on the day
    (0: the festival brings visitors but this shop runs no sitewide discount for it).
    """

    name: str
    month: int
    day: int
    width: float
    height: float
    spike: float
    sale_days: int


FESTIVALS = (
    Festival("3.8", 3, 8, 3.0, 0.5, 0.5, 0),
    Festival("618", 6, 18, 6.0, 1.0, 2.0, 18),
    Festival("double11", 11, 11, 7.0, 1.4, 3.0, 11),
    Festival("double12", 12, 12, 2.5, 0.4, 1.0, 1),
)
# Share of orders by hour of day (evening peak).
HOUR_P = np.array(
    [3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 5, 5, 6, 7, 9, 10, 9, 5], dtype=float
)
HOUR_P /= HOUR_P.sum()


@dataclass(frozen=True)
class Calendar:
    """The trading period ``[start, end)`` in the units the stages use.

    ``start_s``: start in seconds since the epoch; ``horizon``: length in days; ``days``: the
    calendar days; ``day_offset``: first calendar day minus start, in days; ``bump``: festival
    height of each day.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    start_s: int
    horizon: float
    days: pd.DatetimeIndex
    day_offset: float
    bump: np.ndarray

    @classmethod
    def of(cls, start: pd.Timestamp, end: pd.Timestamp) -> Calendar:
        days = pd.date_range(start.normalize(), end - pd.Timedelta(seconds=1), freq="D")
        return cls(
            start=start,
            end=end,
            start_s=int(start.value // 10**9),
            horizon=(end - start).total_seconds() / DAY,
            days=days,
            day_offset=(days[0] - start).total_seconds() / DAY,
            bump=festival_bump(days),
        )

    @property
    def last_moment(self) -> float:
        """The latest time (in days) an event may have: just before ``end``."""
        return float(np.nextafter(self.horizon, 0))

    def timestamps(self, days: np.ndarray) -> pd.DatetimeIndex:
        """Day offsets from the start as timestamps, floored to whole seconds."""
        return pd.to_datetime(self.start_s + np.floor(days * DAY).astype(np.int64), unit="s")


def festival_bump(days: pd.DatetimeIndex) -> np.ndarray:
    """Height of the festival peaks (0 on ordinary days) for each calendar day."""
    bump = np.zeros(len(days))
    for f in FESTIVALS:
        for year in np.unique(days.year):
            peak = pd.Timestamp(year=int(year), month=f.month, day=f.day)
            distance = (days - peak).days.to_numpy()
            bump += f.height * np.exp(-0.5 * (distance / f.width) ** 2) + f.spike * (distance == 0)
    return bump


def in_festival_sale(times_s: np.ndarray) -> np.ndarray:
    """True for timestamps (seconds since epoch) within a festival's sale window."""
    day = pd.DatetimeIndex(pd.to_datetime(times_s // DAY * DAY, unit="s"))
    md = np.asarray(day.month * 100 + day.day)
    inside = np.zeros(md.shape, dtype=bool)
    for f in FESTIVALS:
        if f.sale_days:
            peak = f.month * 100 + f.day
            inside |= (md > peak - f.sale_days) & (md <= peak)
    return inside
