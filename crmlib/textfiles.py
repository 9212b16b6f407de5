"""Reading text a person saved, in whatever encoding their editor chose: UTF-8 with or without
a byte-order mark (Notepad writes one), UTF-16 (Excel's "Unicode Text"), or GBK/GB18030 (a
Chinese Windows' default). One detector for exports, mapping files and policy files."""

from __future__ import annotations

from pathlib import Path


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-16 by its byte-order mark, else UTF-8 (with
    or without BOM), else GBK/GB18030; bytes valid in neither are decoded in the one with fewer
    bad bytes, which become U+FFFD (the caller decides what a damaged text means)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GBK/GB18030"
    except UnicodeDecodeError:
        pass
    candidates = [
        (raw.decode("utf-8-sig", errors="replace"), "UTF-8"),
        (raw.decode("gb18030", errors="replace"), "GBK/GB18030"),
    ]
    return min(candidates, key=lambda c: c[0].count("\ufffd"))


def read_text(path: str | Path, *, limit: int = 1 << 20) -> str:
    """A small text file a person wrote (a mapping, a policy), in any of :func:`decode`'s
    encodings.

    Raises
    ------
    ValueError
        naming the file, when it is larger than ``limit`` bytes or is not text.
    """
    path = Path(path)
    size = path.stat().st_size
    if size > limit:
        raise ValueError(f"{path}: {size:,} bytes is too large for this file (at most {limit:,})")
    text, _encoding = decode(path.read_bytes())
    if "\ufffd" in text or "\x00" in text:
        raise ValueError(f"{path}: not a text file (neither UTF-8, UTF-16 nor GBK)")
    return text
