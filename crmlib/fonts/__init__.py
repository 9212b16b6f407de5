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


@cache
def register() -> str:
    """Add the bundled font to matplotlib's font manager (once) and return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(FONT_FILE))
    return FAMILY


def use_in_matplotlib() -> None:
    """Make the bundled font matplotlib's sans-serif font, with DejaVu Sans as a fallback for
    symbols it lacks; keep the minus sign as a hyphen-minus (the subset has it)."""
    import matplotlib as mpl

    family = register()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    mpl.rcParams["axes.unicode_minus"] = False
