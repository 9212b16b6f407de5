"""A task's answer as plain data: taken out of a student's kernel, judged by the grader.

:func:`dump` runs inside the student's kernel, after their last cell, and writes each
``answer_N`` as JSON (numbers, text, short sequences; anything else as its type name and a short
``repr``). :func:`load` reads that file in the grader's process, trusting nothing: size, depth
and types are checked, and no object is ever unpickled or evaluated.
"""

from __future__ import annotations

import itertools
import json
import numbers
import re
from pathlib import Path

from ..locale import LANGUAGES

ANSWER = re.compile(r"answer_(\d{1,3})")
MAX_FILE = 4 * 2**20
MAX_TEXT = 20_000
MAX_ITEMS = 1_000
KIND = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,40}")


def encode(value: object, depth: int = 0) -> dict:
    """One answer as JSON-ready data (see the module's docstring)."""
    try:
        if value is None or value is Ellipsis:
            return {"t": "none"}
        if isinstance(value, bool):
            return {"t": "bool", "v": value}
        if isinstance(value, numbers.Integral):
            return {"t": "int", "v": str(int(value))}
        if isinstance(value, numbers.Real):
            return {"t": "float", "v": repr(float(value))}
        if isinstance(value, str):
            return {"t": "str", "v": value[:MAX_TEXT]}
        if hasattr(value, "item") and getattr(value, "shape", None) == ():
            return encode(value.item(), depth)  # a numpy scalar
        if depth < 2 and hasattr(value, "__len__") and hasattr(value, "__iter__"):
            items = [encode(v, depth + 1) for v in itertools.islice(_flat(value), MAX_ITEMS)]
            return {"t": "seq", "kind": type(value).__name__, "len": len(value), "v": items}
    except Exception:  # an answer whose methods fail: keep its type name only
        pass
    try:
        shown = repr(value)[:200]
    except Exception:
        shown = "?"
    return {"t": "other", "kind": type(value).__name__, "repr": shown}


def _flat(value):
    """A sequence's items; a one-column table's values."""
    if hasattr(value, "to_numpy") and getattr(value, "ndim", 1) == 2 and value.shape[1] == 1:
        return value.to_numpy().ravel()
    return iter(value)


def dump(namespace: dict, path: str) -> None:
    """Write every ``answer_N`` of ``namespace`` (a notebook's globals) to ``path``."""
    answers = {}
    for name, value in list(namespace.items()):
        match = ANSWER.fullmatch(name)
        if match:
            answers[str(int(match.group(1)))] = encode(value)
    try:
        from crmlib import i18n

        language = i18n.language()
    except Exception:
        language = "en"
    data = {"answers": answers, "language": language}
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def capture_cell(path: str) -> str:
    """The code the grader runs in the student's kernel after their last cell."""
    return f"import crmlib.grading.answers as _crm_answers\n_crm_answers.dump(globals(), {path!r})"


class Opaque:
    """An answer the grader cannot rebuild (a figure, a model): its type name and ``repr``."""

    def __init__(self, shown: str) -> None:
        self.shown = shown

    def __repr__(self) -> str:
        return self.shown


def _kind(name: object, fallback: str) -> str:
    return name if isinstance(name, str) and KIND.fullmatch(name) else fallback


def decode(data: object, depth: int = 0) -> object:
    """An answer rebuilt from :func:`encode`'s data; anything malformed is ``Opaque``."""
    if not isinstance(data, dict):
        return Opaque("?")
    kind, value = data.get("t"), data.get("v")
    if kind == "none":
        return ...
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "int" and isinstance(value, str) and re.fullmatch(r"-?\d{1,400}", value):
        return int(value)
    if kind == "float" and isinstance(value, str) and len(value) < 40:
        try:
            return float(value)
        except ValueError:
            return Opaque("?")
    if kind == "str" and isinstance(value, str):
        return value[:MAX_TEXT]
    if kind == "seq" and isinstance(value, list) and depth < 2:
        items = tuple(decode(v, depth + 1) for v in value[:MAX_ITEMS])
        return sequence(_kind(data.get("kind"), "list"), items)
    if kind == "other":
        return opaque(_kind(data.get("kind"), "object"), str(data.get("repr", "?"))[:200])
    return Opaque("?")


def sequence(kind: str, items: tuple) -> tuple:
    """A tuple whose type is named as the student's was (``list``, ``Series``), so feedback
    can say what was given; it pickles (to the judging process) through this function."""
    cls = type(kind, (tuple,), {"__reduce__": lambda self: (sequence, (kind, tuple(self)))})
    return cls(items)


def opaque(kind: str, shown: str) -> Opaque:
    """An :class:`Opaque` whose type is named as the student's object was; it pickles."""
    cls = type(kind, (Opaque,), {"__reduce__": lambda self: (opaque, (kind, self.shown))})
    return cls(shown)


def load(path: Path) -> tuple[dict[int, object], str]:
    """The answers in a file :func:`dump` wrote (by task number), and the student's language.

    Raises ``ValueError`` for a file that is too large or not what :func:`dump` writes.
    """
    if path.stat().st_size > MAX_FILE:
        raise ValueError("the answers are too large")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ValueError("the answers are not in the grader's format")
    answers = {}
    for number, value in data["answers"].items():
        if isinstance(number, str) and number.isdigit() and len(number) <= 3:
            answers[int(number)] = decode(value)
    language = data.get("language") if data.get("language") in LANGUAGES else "en"
    return answers, language
