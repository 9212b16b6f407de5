"""A CJK font that ships with crmlib, so Chinese renders in every figure on Windows, macOS and
Linux with no system font and no network.

``CRM Sans SC`` is a subset of Noto Sans CJK SC Regular (SIL Open Font License 1.1, see
``OFL.txt`` beside this file): ASCII, Latin-1, the GB2312 character set (6,763 hanzi and its
symbols) and common punctuation, renamed as the licence asks of modified versions. It was made by
``python -m crmlib.fonts.build SOURCE.otf`` from the original font.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_FILE = Path(__file__).with_name("CRMSansSC-Regular.otf")
FAMILY = "CRM Sans SC"
# The Traditional Chinese characters of the catalogues that the SC subset lacks (zh_TW), from
# Noto Sans CJK TC: matplotlib takes a glyph it cannot find in the first family from the next.
TC_FONT_FILE = Path(__file__).with_name("CRMSansTC-Regular.otf")
TC_FAMILY = "CRM Sans TC"


@cache
def register() -> str:
    """Add the bundled font to matplotlib's font manager (once) and return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT_FILE))
    font_manager.fontManager.addfont(str(TC_FONT_FILE))
    return FAMILY


def use_in_matplotlib() -> None:
    """Make the bundled fonts matplotlib's fonts: CRM Sans SC, then CRM Sans TC for the
    Traditional characters SC lacks, then DejaVu Sans for symbols; keep the minus sign as a
    hyphen-minus (the subset has it)."""
    import matplotlib as mpl

    family = register()
    # Named families, not "sans-serif": matplotlib falls back glyph by glyph only along
    # font.family's own list (a generic name stands for one font).
    mpl.rcParams["font.family"] = [family, TC_FAMILY, "DejaVu Sans"]
    mpl.rcParams["font.sans-serif"] = [family, TC_FAMILY, "DejaVu Sans"]
    mpl.rcParams["axes.unicode_minus"] = False
