"""English left in a Chinese edition: Latin-letter words in its prose and in its tables.

A student who reads English poorly should meet an English term once (in the glossary and at
its first use), not in brackets everywhere, and no English word in a table a notebook shows
(issue #27). What counts:

* **prose** — the words of the markdown cells, outside code (fenced blocks and inline
  ``code``: a student types those), link targets, HTML tags and URLs;
* **tables** — the cells, headers and index of every HTML table a code cell printed; a name
  with ``_`` or a dot in it is an identifier a student types (``big_spender``,
  ``orders.csv``), not a word;
* a **word** is a run of two or more Latin letters (``pandas``, ``Gamma``); a single letter
  is a symbol (``k``, ``T``, the R of R×F), a value with a ``*`` in it is masked data
  (``w***``); a token that mixes letters and digits is an identifier or a code shown as data
  (``C00012``, ``88VIP``) and is counted only in prose;
* **allowed** — the abbreviations the glossary defines (RFM, CLV, NPS, BG/NBD …), passed in
  by the caller, who reads them from the glossary.

Run ``python -m crmlib.i18n.prose notebooks/zh`` for the count per notebook and the words
(prose from the ``.py`` sources as they are now, tables from the executed ``.ipynb``).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_FENCED = re.compile(r"```.*?```|~~~.*?~~~", re.S)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+")
_TAG = re.compile(r"<[^>\n]+>")
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*|\*(?![\w*])")
_TOKEN = re.compile(r"[A-Za-z0-9*][A-Za-z0-9'’_*.-]*")
_LETTERS = re.compile(r"[A-Za-z]{2,}")


def prose_words(markdown: str, allowed: Iterable[str] = ()) -> list[str]:
    """The Latin-letter words of ``markdown`` a reader reads as prose.

    Code, link targets, URLs, HTML tags and formulas (``$…$``) are not prose; a token with
    digits in it counts once as a whole (``88VIP``), a hyphenated or slashed name counts by
    its words (``Gamma-Gamma`` is two, ``BG/NBD`` two); words in ``allowed`` are left out.
    """
    text = _FENCED.sub(" ", markdown)
    for pattern in (_INLINE_CODE, _LINK_TARGET, _URL, _TAG, _MATH):
        text = pattern.sub(" ", text)
    text = _EMPHASIS.sub(" ", text)  # **bold** and *italic* are markup, not masked data
    allowed = set(allowed)
    words = []
    for token in _TOKEN.findall(text):
        if not re.search(r"[A-Za-z]", token) or "*" in token:
            continue  # a number, or masked data
        parts = [token] if re.search(r"\d", token) else _LETTERS.findall(token)
        words += [p for p in parts if p not in allowed]
    return words


class _Cells(HTMLParser):
    """The texts of an HTML table's cells (``th`` and ``td``)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("td", "th"):
            self._inside = True
            self.cells.append("")

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th"):
            self._inside = False

    def handle_data(self, data) -> None:
        if self._inside:
            self.cells[-1] += data


def table_words(html: str, allowed: Iterable[str] = ()) -> list[str]:
    """The English words in the cells of an HTML table: runs of letters in a cell that is
    not an identifier (letters mixed with digits, such as ``C00012``), not in ``allowed``."""
    parser = _Cells()
    parser.feed(html)
    allowed = set(allowed)
    words = []
    for cell in parser.cells:
        for token in _TOKEN.findall(cell):
            if re.search(r"[\d*_]|\.\w", token):
                continue  # an identifier (big_spender, orders.csv), a code, or masked data
            words += [w for w in _LETTERS.findall(token) if w not in allowed]
    return words


@dataclass
class EnglishLeft:
    """What of a notebook is still English: prose words, and words per table output."""

    notebook: str
    prose: list[str] = field(default_factory=list)
    tables: dict[int, list[str]] = field(default_factory=dict)  # code cell number -> words

    @property
    def tables_with_english(self) -> int:
        return sum(bool(words) for words in self.tables.values())


def english_left(notebook: str | Path, allowed: Iterable[str] = ()) -> EnglishLeft:
    """Count the English left in an executed ``.ipynb`` (prose and table outputs), or in the
    prose of a percent-format ``.py`` source."""
    allowed = set(allowed)
    notebook = Path(notebook)
    if notebook.suffix == ".py":
        from .editions import split

        _, parts = split(notebook.read_text(encoding="utf-8"))
        cells = [
            {"cell_type": c.kind, "source": re.sub(r"(?m)^# ?", "", c.text.split("\n", 1)[-1])}
            for c in parts
            if c.kind == "markdown"
        ]
    else:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    found = EnglishLeft(Path(notebook).name)
    number = 0
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            found.prose += prose_words(source, allowed)
            continue
        if cell["cell_type"] != "code":
            continue
        number += 1
        for output in cell.get("outputs", []):
            html = "".join(output.get("data", {}).get("text/html", []))
            if "<table" in html:
                found.tables.setdefault(number, []).extend(table_words(html, allowed))
    return found


def glossary_abbreviations(readme: str | Path) -> set[str]:
    """The abbreviations a Chinese glossary table defines: the Latin words of its first
    column (``BG/NBD 模型``, ``RFM``, ``R（最近一次消费）``) and the upper-case words in
    brackets in its second (``customer lifetime value (CLV)``)."""
    text = Path(readme).read_text(encoding="utf-8")
    section = re.split(r"^## .*术语表.*$", text, maxsplit=1, flags=re.M)[1]
    section = re.split(r"^## ", section, maxsplit=1, flags=re.M)[0]
    found: set[str] = set()
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or set(cells[0]) <= set("-: "):
            continue
        found |= {t for t in _TOKEN.findall(cells[0]) if re.search(r"[A-Za-z]", t)}
        found |= set(_LETTERS.findall(cells[0]))
        for inside in re.findall(r"\(([^)]*)\)", cells[1]):
            found |= {w for w in _LETTERS.findall(inside) if w.isupper()}
    return found


def main(argv: list[str] | None = None) -> int:
    """``python -m crmlib.i18n.prose FOLDER [GLOSSARY]``: the English left per notebook."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "notebooks/zh")
    readme = Path(args[1]) if len(args) > 1 else Path("README.zh-CN.md")
    allowed = glossary_abbreviations(readme) if readme.exists() else set()
    total, tables = Counter(), 0
    for notebook in sorted(folder.glob("*.ipynb")):
        found = english_left(notebook, allowed)
        source = notebook.with_suffix(".py")
        if source.exists():  # the prose as it is being written
            found.prose = english_left(source, allowed).prose
        total.update(found.prose)
        tables += found.tables_with_english
        print(
            f"{found.notebook}: {len(found.prose)} words in prose, "
            f"{found.tables_with_english} tables with English"
        )
        print("   prose:", " ".join(sorted(set(found.prose))))
        for cell, words in found.tables.items():
            if words:
                print(f"   table in code cell {cell}:", " ".join(sorted(set(words))))
    print(f"in all: {sum(total.values())} words in prose, {tables} tables with English")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
