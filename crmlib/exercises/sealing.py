"""Sealed keys: the students' copy of a check, with every expected value as a salted digest.

The students' copy of the suite (:mod:`crmlib.handout`) replaces each chapter's checks by the
keys they build on the shop, sealed: an answer is rounded the way the key's tolerance allows
and looked up by its digest (BLAKE2b keyed with a salt drawn for each handout), so the check
gives the same verdict, hint and recognised mistake at once, offline, while the copy holds no
expected value, no solution and no model answer in readable form.

What a determined student can still learn (the teacher's guide says so too): the checks are
an oracle, so asking them again and again finds the default shop's answer, and a number can
be brute-forced against its digest at the key's rounding (a few thousand candidates). Neither
earns marks: the grader (:mod:`crmlib.grading`) runs the notebook on another shop and judges
the answers with the teacher's own checks.

A number is rounded to a cell of width ``scale`` (a tenth to a hundredth of its tolerance) and
the verdict is the teacher's check at the cell's centre, so near the edge of a tolerance the
sealed verdict can differ from the teacher's by at most half a cell.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from ..i18n import _
from .feedback import Feedback
from .keys import (
    ChoiceKey,
    Near,
    NumberKey,
    ReflectionKey,
    TupleKey,
    capturing,
    chosen_option,
    missing,
    normalised,
    number_given,
)

GRADER_JUDGES = _("The grader judges this answer.")
PROBE = 0.0  # any answer makes a check build its key
FORMAT = 1


class SealingError(ValueError):
    """A key that cannot be sealed (a mistake test a digest cannot hold, and no grid)."""


def new_salt() -> str:
    return secrets.token_hex(16)


def digest(salt: str, *parts: object) -> str:
    """A short keyed digest of ``parts`` (16 hex digits)."""
    text = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.blake2b(text, key=bytes.fromhex(salt), digest_size=8).hexdigest()


def exact(value: float) -> str:
    """A number as an exact key: ``3`` and ``3.0`` are the same, ``0.1`` is ``0.1``."""
    return repr(float(value) + 0.0)  # + 0.0 turns -0.0 into 0.0


def scale_for(tolerance: float) -> float:
    """The width of a cell: a power of ten between a tenth and a hundredth of ``tolerance``."""
    return 10.0 ** (math.floor(math.log10(tolerance)) - 1)


def key_of(check: Callable[[object], Feedback]):
    """The key a check builds (the last one, if it builds several)."""
    with capturing() as keys:
        check(PROBE)
    if not keys:
        raise SealingError(f"{check.__name__}: the check built no key")
    return keys[-1]


class _Table:
    """Feedbacks stored once each, referred to by index."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def index(self, feedback: Feedback) -> int:
        data = feedback.as_dict()
        if data not in self.items:
            self.items.append(data)
        return self.items.index(data)


def seal(key, salt: str, name: str) -> dict:
    """A key as plain data (JSON) with no expected value in readable form."""
    table = _Table()
    if isinstance(key, ReflectionKey):
        return {"kind": "reflection", "rubric": list(key.rubric), "min_chars": key.min_chars}
    if isinstance(key, ChoiceKey):
        cells = {digest(salt, name, normalised(o)): table.index(key.judge(o)) for o in key.options}
        return {"kind": "choice", "options": list(key.options), "cells": cells, "said": table.items}
    if isinstance(key, TupleKey):
        rules = [
            {"at": list(range(len(key.expected))), "cell": digest(salt, name, *key.expected)}
            | {"say": table.index(Feedback(True, key.right))}
        ]
        for where, message in key.mistakes:
            at = [i for i, _ in where]
            rules.append(
                {"at": at, "cell": digest(salt, name, *(v for _, v in where))}
                | {"say": table.index(Feedback(False, message, mistake=True))}
            )
        fallback = table.index(key.judge(tuple(math.nan for _ in key.expected)))
        return {
            "kind": "tuple",
            "size": len(key.expected),
            "shape": key.shape,
            "rules": rules,
            "fallback": fallback,
            "said": table.items,
        }
    if isinstance(key, NumberKey):
        return _seal_number(key, salt, name, table)
    raise SealingError(f"{name}: no way to seal a {type(key).__name__}")


def _seal_number(key: NumberKey, salt: str, name: str, table: _Table) -> dict:
    fallback = table.index(key.fallback)
    groups = []
    if key.grid is not None:
        g = key.grid
        cells = {
            digest(salt, name, "g", exact(v)): table.index(key.judge(v))
            for v in range(g.start, g.stop + g.step, g.step)
        }
        groups.append(
            {
                "grid": [g.start, g.stop, g.step],
                "cells": cells,
                "off": table.index(key.judge(g.start + g.step / 2)),
                "below": table.index(key.judge(g.start - g.step)),
                "above": table.index(key.judge(g.stop + g.step)),
            }
        )
    else:
        targets = [Near(key.expected, key.rel_tol, key.abs_tol)]
        for test, _message in key.mistakes:
            if not isinstance(test, Near):
                raise SealingError(f"{name}: a mistake test that is not close_to(...) needs a grid")
            targets.append(test)
        for number, near in enumerate(targets):
            groups.append(_near_group(key, near, salt, f"{name}#{number}", table, fallback))
    return {"kind": "number", "groups": groups, "fallback": fallback, "said": table.items}


def _near_group(key: NumberKey, near: Near, salt, label, table: _Table, fallback: int) -> dict:
    if near.tolerance == 0:
        cell = digest(salt, label, exact(near.target))
        return {"exact": True, "label": label, "cells": {cell: table.index(key.judge(near.target))}}
    scale = scale_for(near.tolerance)
    low = math.floor((near.target - 1.5 * near.tolerance) / scale)
    high = math.ceil((near.target + 1.5 * near.tolerance) / scale)
    cells = {}
    for cell in range(low, high + 1):
        said = table.index(key.judge(cell * scale))
        if said != fallback:
            cells[digest(salt, label, cell)] = said
    return {"scale": scale, "label": label, "cells": cells}


@dataclass(frozen=True)
class SealedKey:
    """A sealed key that judges answers like the key it was made from."""

    data: dict
    salt: str
    name: str

    def said(self, index: int) -> Feedback:
        return Feedback.from_dict(self.data["said"][index])

    def judge(self, answer: object) -> Feedback:
        kind = self.data["kind"]
        if kind == "blank":
            gap = missing(answer)
            return Feedback(None, GRADER_JUDGES) if gap is None else gap
        if kind == "reflection":
            return ReflectionKey(tuple(self.data["rubric"]), self.data["min_chars"]).judge(answer)
        if kind == "choice":
            options = tuple(self.data["options"])
            problem = ChoiceKey("", options).invalid(answer)
            if problem is not None:
                return problem
            chosen = normalised(chosen_option(answer, options))
            return self.said(self.data["cells"][digest(self.salt, self.name, chosen)])
        if kind == "tuple":
            return self._judge_tuple(answer)
        return self._judge_number(answer)

    def _judge_tuple(self, answer: object) -> Feedback:
        shape = TupleKey(tuple([0.0] * self.data["size"]), shape=self.data["shape"])
        values = shape.as_values(answer)
        if isinstance(values, Feedback):
            return values
        for rule in self.data["rules"]:
            if digest(self.salt, self.name, *(values[i] for i in rule["at"])) == rule["cell"]:
                return self.said(rule["say"])
        return self.said(self.data["fallback"])

    def _judge_number(self, answer: object) -> Feedback:
        value = number_given(answer)
        if isinstance(value, Feedback):
            return value
        if not math.isfinite(value):  # off any grid; never near a target
            grids = [g["off"] for g in self.data["groups"] if "grid" in g]
            return self.said(grids[0] if grids else self.data["fallback"])
        for group in self.data["groups"]:
            found = self._look_up(group, value)
            if found is not None:
                return self.said(found)
        return self.said(self.data["fallback"])

    def _look_up(self, group: dict, value: float) -> int | None:
        if "grid" in group:
            start, stop, step = group["grid"]
            if (value - start) % step != 0:
                return group["off"]
            if value < start:
                return group["below"]
            if value > stop:
                return group["above"]
            found = group["cells"].get(digest(self.salt, self.name, "g", exact(value)))
            return group["off"] if found is None else found
        if group.get("exact"):
            return group["cells"].get(digest(self.salt, group["label"], exact(value)))
        return group["cells"].get(digest(self.salt, group["label"], round(value / group["scale"])))


SEALED_DIR = "sealed"  # beside the chapter modules in a students' copy: sealed/chNN.json


def seal_chapter(module, salt: str) -> dict:
    """Every task of a chapter module, sealed, with its hints and the set-ups it shares."""
    from . import tasks_of

    chapter = module.__name__.rsplit(".", 1)[-1]
    tasks = {}
    for number, check in tasks_of(module).items():
        name = f"{chapter}.q{number}"
        tasks[str(number)] = {"doc": check.__doc__ or ""} | seal(key_of(check), salt, name)
    return {
        "format": FORMAT,
        "chapter": chapter,
        "salt": salt,
        "doc": (module.__doc__ or "").splitlines()[0],
        "hints": {str(n): text for n, text in module.HINTS.items()},
        "public": list(getattr(module, "PUBLIC", ())),
        "tasks": tasks,
    }


def chapter_source(chapter: str, doc: str) -> str:
    """The module that stands for a chapter's checks in a students' copy."""
    return (
        f'"""{doc} (the students\' copy: keys sealed, see crmlib.exercises.sealing)."""\n\n'
        "from .sealing import load_chapter\n\n"
        "globals().update(load_chapter(__name__))\n"
    )


def load_chapter(module_name: str) -> dict:
    """The names a sealed chapter module offers: ``q1``..``qN``, ``hint``, ``solution``,
    ``model_answer`` (both say the teacher has them) and the chapter's shared set-ups."""
    import json
    from pathlib import Path

    from . import helpers, setups, task

    chapter = module_name.rsplit(".", 1)[-1]
    path = Path(__file__).resolve().parent / SEALED_DIR / f"{chapter}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    hint, solution, model_answer = helpers({int(n): t for n, t in data["hints"].items()}, {})
    names: dict = {"hint": hint, "solution": solution, "model_answer": model_answer}
    for number, entry in data["tasks"].items():
        name = f"{chapter}.q{number}"
        sealed = SealedKey({k: v for k, v in entry.items() if k != "doc"}, data["salt"], name)
        names[f"q{number}"] = _named(task(sealed.judge, name), f"q{number}", entry["doc"])
    for public in data["public"]:
        names[public] = getattr(setups, public)
    return names


def _named(function, name: str, doc: str):
    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    return function


def blank_chapter(module) -> dict:
    """A chapter with no key at all (the grader's sandbox): each check says the grader judges."""
    from . import tasks_of

    blank = {"kind": "blank"}
    return {
        "format": FORMAT,
        "chapter": module.__name__.rsplit(".", 1)[-1],
        "salt": "00" * 16,
        "doc": (module.__doc__ or "").splitlines()[0],
        "hints": {str(n): text for n, text in module.HINTS.items()},
        "public": list(getattr(module, "PUBLIC", ())),
        "tasks": {str(n): {"doc": c.__doc__ or ""} | blank for n, c in tasks_of(module).items()},
    }
