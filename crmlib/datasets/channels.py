"""The shop's acquisition channels (§7.2.1 客户来源分析) as data.

One row per entry channel, grouped into the textbook's four families. The numbers are the
simulator's assumptions, not measurements: they say how each channel behaves in the synthetic
shop, and the chapter-02 notebook rediscovers them from the generated tables.
"""

from __future__ import annotations

import pandas as pd

from ..locale import labels

# Names for readers are labels in crmlib/locale (kinds ``channel`` and ``family``).
# key, family, share of new buyers, loyalty tilt, price-sensitivity tilt,
# visitor->buyer conversion, cost per visitor (CNY), reward per referred buyer (CNY),
# festival amplitude (how strongly 618 / Double 11 concentrate its new buyers).
_ROWS = [
    ("search_precise", "free", 0.14, 0.20, -0.10, 0.060, 0.0, 0.0, 0.5),
    ("search_broad", "free", 0.12, -0.10, 0.10, 0.020, 0.0, 0.0, 0.8),
    ("recommendation", "free", 0.12, 0.00, 0.00, 0.015, 0.0, 0.0, 0.8),
    ("direct", "free", 0.06, 0.50, -0.20, 0.100, 0.0, 0.0, 0.3),
    ("keyword_ads", "paid", 0.12, -0.10, 0.60, 0.030, 1.2, 0.0, 0.8),
    ("display_ads", "paid", 0.06, -0.20, 0.70, 0.012, 0.6, 0.0, 1.0),
    ("recommendation_ads", "paid", 0.07, -0.20, 0.70, 0.015, 0.8, 0.0, 1.0),
    ("platform_events", "paid", 0.10, -0.40, 1.00, 0.040, 0.5, 0.0, 6.0),
    ("live_video", "paid", 0.07, -0.30, 0.80, 0.025, 0.9, 0.0, 1.5),
    ("off_platform", "off_platform", 0.04, -0.30, 0.40, 0.008, 0.5, 0.0, 0.8),
    ("social_platforms", "social", 0.05, 0.30, 0.00, 0.035, 0.3, 0.0, 0.5),
    ("referral", "social", 0.05, 0.70, -0.10, 0.120, 0.0, 30.0, 0.3),
]

COLUMNS = [
    "channel",
    "family",
    "share",
    "loyalty_tilt",
    "price_tilt",
    "conversion",
    "cost_per_visitor",
    "referral_reward",
    "festival_amplitude",
]


def channel_table() -> pd.DataFrame:
    """The channel catalogue: one row per channel, with its family and behaviour assumptions.

    Returns
    -------
    pandas.DataFrame
        Columns ``channel``, ``name_zh``, ``family``, ``family_zh``, ``share`` (of new buyers,
        sums to 1), ``loyalty_tilt`` and ``price_tilt`` (how strongly the channel attracts loyal
        or price-sensitive people), ``conversion`` (visitor to first order), ``cost_per_visitor``
        and ``referral_reward`` in CNY, ``festival_amplitude``.
    """
    table = pd.DataFrame(_ROWS, columns=COLUMNS)
    table.insert(1, "name_zh", table["channel"].map(labels("channel", "zh")))
    table.insert(3, "family_zh", table["family"].map(labels("family", "zh")))
    return table


CHANNELS: tuple[str, ...] = tuple(row[0] for row in _ROWS)
CHANNEL_FAMILY: dict[str, str] = {row[0]: row[1] for row in _ROWS}
FAMILY_ORDER: tuple[str, ...] = tuple(dict.fromkeys(row[1] for row in _ROWS))


def channel_family(channels: pd.Series) -> pd.Series:
    """The textbook family (free / paid / off_platform / social) of each channel name."""
    return channels.astype(str).map(CHANNEL_FAMILY)
