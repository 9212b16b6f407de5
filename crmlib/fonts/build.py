"""Rebuild the bundled font subsets from Noto Sans CJK Regular (a developer's tool).

    python -m crmlib.fonts.build NotoSansCJKsc-Regular.otf
    python -m crmlib.fonts.build --traditional /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

The first makes ``CRM Sans SC`` (GB2312 and more); the second ``CRM Sans TC``: the Traditional
Chinese face, holding only the characters of the catalogues (``crmlib/locale``) that the SC
subset lacks, which matplotlib falls back to glyph by glyph. Run it again after the catalogues
change (a test finds a label with a missing glyph). The source fonts are not needed at run
time; the subsets are committed. Needs fontTools (installed with matplotlib).
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import FAMILY, FONT_FILE, TC_FAMILY, TC_FONT_FILE

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


def catalogue_characters() -> set[str]:
    """Every character of every label and message in every language."""
    from ..locale import DOMAINS, LANGUAGES, read_catalogue

    return {
        char
        for language in LANGUAGES
        for domain in DOMAINS
        for text in read_catalogue(language, domain).values()
        for char in text
    }


def traditional_characters() -> str:
    """The catalogues' characters that the SC subset lacks."""
    from fontTools.ttLib import TTFont

    have = {chr(code) for code in TTFont(str(FONT_FILE)).getBestCmap()}
    return "".join(sorted(c for c in catalogue_characters() - have if c.isprintable()))


def build(
    source: str | Path,
    target: Path = FONT_FILE,
    *,
    text: str | None = None,
    family: str = FAMILY,
    number: int = -1,
) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(str(source), fontNumber=number)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters() if text is None else text)
    subsetter.subset(font)
    names = font["name"]
    postscript = family.replace(" ", "") + "-Regular"
    for record in names.names:  # a modified version takes a new name (SIL OFL 1.1, section 3)
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} Regular"
        elif record.nameID in (3, 6, 20):
            record.string = postscript
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, family)
    font.save(str(target))
    return target


TC_FACE = 3  # Noto Sans CJK TC in Debian's NotoSansCJK-Regular.ttc (JP, KR, SC, TC, HK, ...)


if __name__ == "__main__":
    sources = [a for a in sys.argv[1:] if a != "--traditional"]
    if len(sources) != 1 or not Path(sources[0]).is_file():
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)  # the two usage lines
        found = f": not found {sources[0]}" if sources else ""
        print(f"give one source font file{found}", file=sys.stderr)
        raise SystemExit(2)  # a usage error, as argparse would say
    if sys.argv[1] == "--traditional":
        path = build(
            sys.argv[2],
            TC_FONT_FILE,
            text=traditional_characters(),
            family=TC_FAMILY,
            number=TC_FACE,
        )
    else:
        path = build(sys.argv[1])
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
