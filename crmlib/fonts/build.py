"""Rebuild the bundled font subset from Noto Sans CJK SC Regular (a developer's tool).

    python -m crmlib.fonts.build NotoSansCJKsc-Regular.otf

The source font is not needed at run time; the subset is committed. Needs fontTools (installed
with matplotlib).
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import FAMILY, FONT_FILE

EXTRA = "，。、；：？！“”‘’（）【】《》〈〉「」『』—…·～￥¥×÷±≤≥≈≠→←↑↓°%‰①②③④⑤⑥⑦⑧⑨⑩■□▲△●○★☆✓✔✗✘–"


def characters() -> str:
    """ASCII, Latin-1, GB2312 (hanzi and symbols), common CJK punctuation and arrows."""
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    chars |= set(EXTRA)
    return "".join(sorted(chars))


def build(source: str | Path, target: Path = FONT_FILE) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters())
    subsetter.subset(font)
    names = font["name"]
    postscript = FAMILY.replace(" ", "") + "-Regular"
    for record in names.names:  # a modified version takes a new name (SIL OFL 1.1, section 3)
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} Regular"
        elif record.nameID in (3, 6, 20):
            record.string = postscript
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, FAMILY)
    font.save(str(target))
    return target


if __name__ == "__main__":
    path = build(sys.argv[1])
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
