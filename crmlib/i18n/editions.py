"""The editions of a notebook: same cells, same code, prose in each language.

A notebook source (jupytext percent format) exists once per language, in parallel folders
(``notebooks/en/01_crm_basics.py`` and ``notebooks/zh/01_crm_basics.py``). The code cells of a
pair are identical apart from the language line ``i18n.set_language("..")``; markdown cells are
written in each language with the same headings. The English edition's code is the reference:

    python -m crmlib.i18n.editions sync     # copy en code cells into the other editions
    python -m crmlib.i18n.editions check    # list every difference (exit 1 if any)
    python -m crmlib.i18n.editions generate zh_TW OUT   # a generated edition (below)

Editions written by people (zh, en) are committed, executed. An edition that is made from
another mechanically, Traditional Chinese from Simplified (:data:`GENERATED`), is generated
when wanted and not committed: its prose is the zh prose converted by OpenCC and its tables
and figures come from the zh_TW catalogue, so a committed copy would add nothing but a third
set of outputs for CI to re-run (about 2 minutes more per run) and to keep in step.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..locale import LANGUAGES

REFERENCE = "en"
LANGUAGE_LINE = re.compile(r'i18n\.set_language\("([a-z]{2}(?:_[A-Z]{2})?)"\)')
# A generated edition: made from this edition, its prose converted by this function.
GENERATED = {"zh_TW": "zh"}
EDITION_ROOTS = ("notebooks", "exercises", "solutions", "apps")


@dataclass(frozen=True)
class Cell:
    kind: str  # "code" or "markdown"
    text: str  # the cell as written, from its "# %%" line on

    @property
    def code(self) -> str:
        """The code with the language line made language-neutral, trailing blank lines dropped."""
        return LANGUAGE_LINE.sub('i18n.set_language("..")', self.text).rstrip()

    @property
    def headings(self) -> list[int]:
        """Heading levels of a markdown cell, in order (``# ## Title`` gives 2)."""
        return [len(m.group(1)) for m in re.finditer(r"(?m)^# (#+) ", self.text)]


def split(text: str) -> tuple[str, list[Cell]]:
    """The jupytext header and the cells of a percent-format source."""
    parts = re.split(r"(?m)^(?=# %%)", text)
    header, cells = parts[0], []
    for part in parts[1:]:
        kind = "markdown" if part.startswith("# %% [markdown]") else "code"
        cells.append(Cell(kind, part))
    return header, cells


def differences(reference: Path, other: Path) -> list[str]:
    """What differs between two editions beyond prose: cells, code, section structure."""
    _, ref = split(reference.read_text(encoding="utf-8"))
    _, oth = split(other.read_text(encoding="utf-8"))
    where = f"{other} vs {reference}"
    if [c.kind for c in ref] != [c.kind for c in oth]:
        return [f"{where}: cells differ in number or kind ({len(oth)} vs {len(ref)})"]
    problems = []
    for i, (a, b) in enumerate(zip(ref, oth, strict=True)):
        if a.kind == "code" and a.code != b.code:
            problems.append(f"{where}: code cell {i} differs")
        if a.kind == "markdown" and a.headings != b.headings:
            problems.append(
                f"{where}: markdown cell {i} has headings {b.headings}, not {a.headings}"
            )
    return problems


def sync(reference: Path, other: Path, language: str) -> bool:
    """Copy the reference edition's code cells into ``other``; return whether it changed."""
    _, ref = split(reference.read_text(encoding="utf-8"))
    text = other.read_text(encoding="utf-8")
    header, oth = split(text)
    if [c.kind for c in ref] != [c.kind for c in oth]:
        raise ValueError(f"{other}: cells differ in number or kind from {reference}; align them")
    cells = []
    for a, b in zip(ref, oth, strict=True):
        if a.kind == "code":
            cells.append(LANGUAGE_LINE.sub(f'i18n.set_language("{language}")', a.text))
        else:
            cells.append(b.text)
    new = header + "".join(cells)
    if new != text:
        other.write_text(new, encoding="utf-8")
    return new != text


def pairs(root: Path) -> list[tuple[Path, Path, str]]:
    """(reference, other edition, its language) for every notebook source in every edition."""
    out = []
    for base in EDITION_ROOTS:
        folder = root / base
        editions = [p for p in folder.iterdir() if p.is_dir() and p.name in LANGUAGES]
        for edition in sorted(p for p in editions if p.name != REFERENCE):
            for source in sorted((folder / REFERENCE).glob("*.py")):
                out.append((source, edition / source.name, edition.name))
    return out


def generated_edition(source: Path, language: str) -> str:
    """The percent-format source of ``source`` (an edition in ``GENERATED[language]``) in the
    generated ``language``: prose converted, code the same but for its language line."""
    from ..locale.__main__ import to_traditional

    if GENERATED.get(language) is None:
        raise ValueError(f"{language!r} is not a generated edition: choose from {list(GENERATED)}")
    header, cells = split(source.read_text(encoding="utf-8"))
    out = [header]
    for cell in cells:
        if cell.kind == "code":
            out.append(LANGUAGE_LINE.sub(f'i18n.set_language("{language}")', cell.text))
        else:
            out.append(to_traditional(cell.text))
    return "".join(out)


def generate(root: Path, language: str, out: Path) -> list[Path]:
    """Write the generated edition of every notebook and exercise to ``out`` (as ``.py`` and
    an unexecuted ``.ipynb``); returns the notebooks written."""
    import jupytext

    written = []
    base = GENERATED[language]
    for folder in ("notebooks", "exercises"):
        for source in sorted((root / folder / base).glob("*.py")):
            target = out / folder / language / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(generated_edition(source, language), encoding="utf-8")
            notebook = target.with_suffix(".ipynb")
            jupytext.write(jupytext.read(target), notebook)
            written.append(notebook)
    return written


def main(argv: list[str]) -> int:
    root = Path.cwd()
    command = argv[0] if argv else "check"
    if command == "generate":
        if len(argv) != 3 or argv[1] not in GENERATED:
            print(f"usage: generate {{{','.join(GENERATED)}}} OUT")
            return 2
        written = generate(root, argv[1], Path(argv[2]))
        print(f"wrote {len(written)} notebooks to {argv[2]}")
        return 0
    problems = []
    for reference, other, language in pairs(root):
        if not other.exists():
            problems.append(f"{other} is missing (the {REFERENCE} edition has {reference.name})")
        elif command == "sync":
            if sync(reference, other, language):
                print(f"synced code cells into {other}")
        else:
            problems += differences(reference, other)
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
