"""How long a notebook takes a student: the reading-time model of the teacher's guide.

The guide's minutes are estimates from this model, not a timed pilot, and it says so:

* prose: 250 Chinese characters a minute (the Chinese edition is the one students read; each
  run of Latin letters or digits counts as one character, as a reader takes in a word or a
  number at a glance);
* 1 minute for every code cell and every figure (running it, looking at the output), except
  a task's own cell, which the task's minutes cover;
* 5 minutes for every task with an automatic check, 10 for every written task.

A notebook has two levels (issue #27): the core path, and optional 深入 sections that hold the
research statistics. A section whose heading carries the catalogue's ``section.deeper`` word
(深入（选学）, "Going deeper (optional)") is optional until the next heading of its level or
higher; :func:`study_times` times the two levels apart.

A test recomputes the guide's table from the executed notebooks, so the guide stays true when a
notebook changes.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .locale import LANGUAGES, label

Level = Literal["core", "deeper"]

CHARS_PER_MINUTE = 250
MINUTES_PER_CELL = 1
MINUTES_PER_FIGURE = 1
MINUTES_PER_CHECKED_TASK = 5
MINUTES_PER_WRITTEN_TASK = 10

_WORD = re.compile(r"[A-Za-z0-9_.%]+")
_CHECK = re.compile(r"check\.q(\d+)\(")
_MARKUP = re.compile(r"[#*`|>\-\s]")


def reading_chars(markdown: str) -> int:
    """Characters a reader reads: CJK characters and punctuation one each, a Latin word or a
    number one, markup (``#``, ``*``, table bars, spaces) nothing."""
    words = len(_WORD.findall(markdown))
    rest = _MARKUP.sub("", _WORD.sub("", markdown))
    return words + len(rest)


@dataclass(frozen=True)
class StudyTime:
    """The parts of a notebook that take time, and the estimate in whole minutes."""

    chars: int
    code_cells: int
    figures: int
    checked_tasks: int
    written_tasks: int

    @property
    def minutes(self) -> int:
        return math.ceil(
            self.chars / CHARS_PER_MINUTE
            + MINUTES_PER_CELL * self.code_cells
            + MINUTES_PER_FIGURE * self.figures
            + MINUTES_PER_CHECKED_TASK * self.checked_tasks
            + MINUTES_PER_WRITTEN_TASK * self.written_tasks
        )


def deeper_markers() -> tuple[str, ...]:
    """The heading words that mark an optional section, in every language of the catalogue."""
    return tuple(label("section", "deeper", language) for language in LANGUAGES)


_HEADING = re.compile(r"(?m)^(#{1,6})\s+(.*)$")


def _walk(cells: list[dict]) -> list[tuple[int, Level, dict]]:
    """(cell number, level, piece) for the notebook cut at every heading."""
    markers = deeper_markers()
    deeper_at: int | None = None  # the heading level of the 深入 section we are in
    found: list[tuple[int, Level, dict]] = []
    for number, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            found.append((number, "core" if deeper_at is None else "deeper", cell))
            continue
        text = "".join(cell["source"])
        starts = [m.start() for m in _HEADING.finditer(text)]
        for begin, end in zip([0, *starts], [*starts, len(text)], strict=True):
            piece = text[begin:end]
            heading = _HEADING.match(piece)
            if heading:
                hashes, title = heading.groups()
                if any(marker in title for marker in markers):
                    deeper_at = len(hashes) if deeper_at is None else min(deeper_at, len(hashes))
                elif deeper_at is not None and len(hashes) <= deeper_at:
                    deeper_at = None
            level: Level = "core" if deeper_at is None else "deeper"
            found.append((number, level, {"cell_type": "markdown", "source": piece}))
    return found


def pieces(cells: list[dict]) -> list[tuple[Level, dict]]:
    """The notebook cut at every heading, each piece with its level: ``"deeper"`` from a
    heading with a 深入 marker until the next heading of the same or a higher level without
    one, ``"core"`` elsewhere. A markdown cell with several headings is cut at each (its text
    before a 深入 heading stays in the core); a code cell is one piece."""
    return [(level, piece) for _, level, piece in _walk(cells)]


def levels(cells: list[dict]) -> list[Level]:
    """Each cell's level: the level its last piece is in (:func:`pieces`)."""
    last = {number: level for number, level, _ in _walk(cells)}
    return [last[number] for number in range(len(cells))]


def _time(cells: list[dict], written: frozenset[int] | set[int]) -> StudyTime:
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    code = [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    figures = sum(
        "image/png" in output.get("data", {}) for c in code for output in c.get("outputs", [])
    )
    task_cells = [_CHECK.findall("".join(c["source"])) for c in code]
    tasks = {int(n) for found in task_cells for n in found}
    return StudyTime(
        chars=reading_chars(text),
        code_cells=sum(not found for found in task_cells),
        figures=figures,
        checked_tasks=len(tasks - set(written)),
        written_tasks=len(tasks & set(written)),
    )


def _cells(notebook: str | Path) -> list[dict]:
    return json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]


def study_time(notebook: str | Path, written: set[int] | frozenset[int] = frozenset()) -> StudyTime:
    """Count what a student reads, runs and answers in an executed ``.ipynb`` (both levels).

    ``written`` names the task numbers that are written answers (a check module's
    ``MODEL_ANSWERS``); every other ``check.qN(...)`` is a task with an automatic check.
    """
    return _time(_cells(notebook), written)


def study_times(
    notebook: str | Path, written: set[int] | frozenset[int] = frozenset()
) -> dict[Level, StudyTime]:
    """:func:`study_time` for the core path and for the optional 深入 sections apart."""
    cut = pieces(_cells(notebook))
    return {
        level: _time([piece for found, piece in cut if found == level], written)
        for level in ("core", "deeper")
    }
