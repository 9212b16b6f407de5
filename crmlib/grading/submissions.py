"""Who handed in what: every student of a submissions folder, with a reason when a file cannot
be graded (so nobody vanishes from the grades)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _

CHAPTER_LINE = re.compile(r"from crmlib\.exercises import (ch\d\d)\b")
CHAPTER_NAME = re.compile(r"(?:^|[\s_\-.])(\d\d)_[A-Za-z_]+_exercises$")
NAME_SUFFIX = re.compile(r"[\s_\-.]*\d\d_[A-Za-z_]+_exercises$")
MAX_BYTES = 50 * 2**20  # a notebook larger than this is not a handed-in exercise


@dataclass(frozen=True)
class Submission:
    """One handed-in notebook (or a student's empty folder): whose, which chapter, or why not."""

    student: str
    path: Path | None
    chapter: str | None = None
    problem: str | None = None  # why it cannot be graded; None when it can


def student_of(path: Path, folder: Path) -> str:
    """A submission's student: its sub-folder's name, else the file name minus the notebook's."""
    relative = path.relative_to(folder)
    if len(relative.parts) > 1:
        return relative.parts[0]
    return NAME_SUFFIX.sub("", path.stem) or path.stem


def chapter_of(notebook: dict, path: Path, known: set[str]) -> str | None:
    """The chapter a notebook answers: from its import line, else from its file name."""
    for cell in notebook.get("cells", []) if isinstance(notebook, dict) else []:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            match = CHAPTER_LINE.search(source if isinstance(source, str) else "".join(source))
            if match and match.group(1) in known:
                return match.group(1)
    match = CHAPTER_NAME.search(path.stem)
    if match and f"ch{match.group(1)}" in known:
        return f"ch{match.group(1)}"
    return None


def examine(path: Path, student: str, known: set[str]) -> Submission:
    """One file: a gradable submission, or the reason it is not one."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return Submission(student, path, problem=_("too large to be a notebook"))
        notebook = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return Submission(student, path, problem=_("not a notebook (not readable as .ipynb)"))
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return Submission(student, path, problem=_("not a notebook (no cells)"))
    chapter = chapter_of(notebook, path, known)
    if chapter is None:
        return Submission(student, path, problem=_("not an exercise notebook (no chapter found)"))
    return Submission(student, path, chapter)


def find(folder: Path, known: set[str]) -> tuple[list[Submission], list[str]]:
    """Every student in ``folder`` and their notebooks, and the other files that were skipped.

    A sub-folder is a student (named by the folder); a notebook at the top is named by its file
    (``li_si_01_crm_basics_exercises.ipynb`` is li_si's). A student whose folder holds no
    notebook is listed too, with that reason.
    """
    found: list[Submission] = []
    skipped: list[str] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink():
            skipped.append(f"{entry.name}: hidden or a link")
            continue
        if entry.is_dir():
            notebooks = [
                p
                for p in sorted(entry.rglob("*.ipynb"))
                if ".ipynb_checkpoints" not in p.parts and not p.is_symlink() and p.is_file()
            ]
            if not notebooks:
                found.append(Submission(entry.name, None, problem=_("no notebook in the folder")))
            found += [examine(p, entry.name, known) for p in notebooks]
        elif entry.suffix == ".ipynb":
            found.append(examine(entry, student_of(entry, folder), known))
        else:
            skipped.append(f"{entry.name}: not a notebook")
    return found, skipped
