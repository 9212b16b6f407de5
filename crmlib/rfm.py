"""RFM analysis: recency, frequency and monetary value, scored and mapped to segments.

Direction matters: a *recent* last purchase is *good*, so the most recent customers get R
score 5 (and count as "R high" in the Chinese 8-class scheme). Many copied tutorials score
raw days-since-last-purchase ascending and so reward the customers who left long ago.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .locale import Message, _, t
from .orders import require_columns

# The 10-segment R x F map (R score rows 1-5, F score columns 1-5). Every one of the 25 cells
# belongs to exactly one segment; tests/test_rfm.py proves the partition.
RF_SEGMENTS: dict[str, list[tuple[int, int]]] = {
    "champions": [(5, 4), (5, 5)],
    "loyal": [(3, 4), (3, 5), (4, 4), (4, 5)],
    "potential_loyalists": [(4, 2), (4, 3), (5, 2), (5, 3)],
    "new": [(5, 1)],
    "promising": [(4, 1)],
    "need_attention": [(3, 3)],
    "about_to_sleep": [(3, 1), (3, 2)],
    "at_risk": [(1, 3), (1, 4), (2, 3), (2, 4)],
    "cant_lose_them": [(1, 5), (2, 5)],
    "hibernating": [(1, 1), (1, 2), (2, 1), (2, 2)],
}
CN8_CLASSES = {
    (True, True, True): "重要价值客户",
    (True, False, True): "重要发展客户",
    (False, True, True): "重要保持客户",
    (False, False, True): "重要挽留客户",
    (True, True, False): "一般价值客户",
    (True, False, False): "一般发展客户",
    (False, True, False): "一般保持客户",
    (False, False, False): "一般挽留客户",
}

# Each class's (R, F, M) high/low pattern. Its name and usual action for readers are labels in
# crmlib/locale (kinds ``cn8_class`` and ``cn8_action``).
CN8_PATTERN = {
    "重要价值客户": "R↑ F↑ M↑",
    "重要发展客户": "R↑ F↓ M↑",
    "重要保持客户": "R↓ F↑ M↑",
    "重要挽留客户": "R↓ F↓ M↑",
    "一般价值客户": "R↑ F↑ M↓",
    "一般发展客户": "R↑ F↓ M↓",
    "一般保持客户": "R↓ F↑ M↓",
    "一般挽留客户": "R↓ F↓ M↓",
}


def cn8_meanings() -> pd.DataFrame:
    """The 8 classes with their R/F/M pattern (↑ high, ↓ low) and usual action.

    The action is in the reader's language (:func:`crmlib.i18n.set_language`); the class names
    are the textbook's Chinese names (translated for display by :func:`crmlib.i18n.show`).
    """

    return pd.DataFrame(
        {
            "pattern": list(CN8_PATTERN.values()),
            "action": [t(f"cn8_action.{name}") for name in CN8_PATTERN],
        },
        index=pd.Index(list(CN8_PATTERN), name="cn8_class"),
    )


#: The raw R, F and M values, named as in the archive (so that they are never confused with
#: BG/NBD's ``recency`` and ``frequency``, which mean something else: see ``crmlib.clv``).
RFM_COLUMNS = ("days_since_last", "orders", "spend")


def rfm_table(archive: pd.DataFrame) -> pd.DataFrame:
    """The buyers' raw R, F and M values (§7.2.3): ``days_since_last`` (R: days since the last
    completed purchase, lower is better), ``orders`` (F: completed orders) and ``spend``
    (M: net of refunds), one row per buyer.

    Only buyers are returned: a customer who never bought has no last purchase.
    """
    require_columns(archive, list(RFM_COLUMNS), "rfm_table")
    buyers = archive.loc[archive["orders"] > 0, list(RFM_COLUMNS)]
    return buyers.astype({"days_since_last": "int64"})


def quintile_scores(values: pd.Series, higher_is_better: bool = True, bins: int = 5) -> pd.Series:
    """Score values 1..bins by quantile, with ties handled deliberately.

    Customers with the same value always get the same score: each tie block takes the score
    of the position where it *starts* (pandas rank ``method="min"``) in the chosen direction.
    A block larger than one quantile therefore leaves some scores empty. Frequency is the
    usual case: if 60% of buyers bought once, they all score 1 and scores 2 and 3 stay empty;
    splitting identical customers across scores by row order would be arbitrary.
    """
    if bins < 2:
        raise ValueError(Message(_("bins must be at least 2, got {bins}"), bins=bins))
    if values.isna().any():
        raise ValueError(
            Message(
                _("quintile_scores: {n} missing value(s) in {column}"),
                n=int(values.isna().sum()),
                column=repr(values.name),
            )
        )
    ranks = values.rank(method="min", ascending=higher_is_better)
    scores = 1 + np.floor(bins * (ranks - 1) / len(values)).astype("int64")
    return scores.rename(f"{values.name}_score" if values.name else None)


def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Add R, F and M scores (1..bins, higher = better; R: more recent = higher)."""
    require_columns(rfm, list(RFM_COLUMNS), "rfm_scores")
    out = rfm.copy()
    out["R"] = quintile_scores(rfm["days_since_last"], higher_is_better=False, bins=bins).to_numpy()
    out["F"] = quintile_scores(rfm["orders"], bins=bins).to_numpy()
    out["M"] = quintile_scores(rfm["spend"], bins=bins).to_numpy()
    return out


def rf_segment_grid() -> pd.DataFrame:
    """The 5 x 5 R x F grid with the segment name in each cell (R rows 5..1, F columns 1..5)."""
    grid = pd.DataFrame(
        index=pd.Index([5, 4, 3, 2, 1], name="R"),
        columns=pd.Index([1, 2, 3, 4, 5], name="F"),
        dtype=object,
    )
    for name, cells in RF_SEGMENTS.items():
        for r, f in cells:
            grid.loc[r, f] = name
    return grid


def rf_segments(scores: pd.DataFrame) -> pd.Series:
    """Map each customer's (R, F) scores to one of the 10 segments."""
    require_columns(scores, ["R", "F"], "rf_segments")
    lookup = {cell: name for name, cells in RF_SEGMENTS.items() for cell in cells}
    bad = ~scores["R"].between(1, 5) | ~scores["F"].between(1, 5)
    if bad.any():
        raise ValueError(
            Message(
                _("rf_segments needs R and F scores from 1 to 5; {n} row(s) are outside"),
                n=int(bad.sum()),
            )
        )
    names = [lookup[(r, f)] for r, f in zip(scores["R"], scores["F"], strict=True)]
    return pd.Series(
        pd.Categorical(names, list(RF_SEGMENTS)), index=scores.index, name="rf_segment"
    )


def cn8_classes(rfm: pd.DataFrame, center: str = "mean") -> pd.Series:
    """The Chinese 8-class RFM model (重要价值客户 … 一般挽留客户).

    Each of R, F, M is compared with its mean (or median): R is "high" when the customer's
    days since last purchase are *below* the centre (recent), F and M when at or above it.
    """
    require_columns(rfm, list(RFM_COLUMNS), "cn8_classes")
    if center not in ("mean", "median"):
        raise ValueError(
            Message(_("center must be 'mean' or 'median', got {center}"), center=repr(center))
        )
    c = getattr(rfm[list(RFM_COLUMNS)], center)()
    r_high = rfm["days_since_last"] < c["days_since_last"]
    f_high = rfm["orders"] >= c["orders"]
    m_high = rfm["spend"] >= c["spend"]
    names = [CN8_CLASSES[key] for key in zip(r_high, f_high, m_high, strict=True)]
    return pd.Series(
        pd.Categorical(names, list(CN8_CLASSES.values())), index=rfm.index, name="cn8_class"
    )
