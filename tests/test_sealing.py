"""Sealed keys judge like the teacher's checks, and a students' copy holds no key in clear."""

from __future__ import annotations

import importlib
import math
import re
from pathlib import Path

import nbformat
import pytest

from crmlib import handout, locale
from crmlib.exercises import ChoiceKey, NumberKey, TupleKey, sealing, tasks_of
from crmlib.exercises.keys import spellings

ROOT = Path(__file__).resolve().parents[1]
CHEAP = ["ch00", "ch01", "ch02", "ch03", "ch04", "ch05", "ch08"]  # ch06's keys refit models


def candidates(key) -> list[object]:
    """Answers worth asking: the key's own values, their neighbours, wrong kinds of answer."""
    if isinstance(key, ChoiceKey):  # the options as code names them and as tables show them
        shown = [text for option in key.options for text in spellings(option)]
        return [*key.options, *shown, " a ", "nonsense", ..., 3]
    if isinstance(key, TupleKey):
        e = key.expected
        values = [e, (2, 0, 0), (1, 59, 0), (e[0], e[1], e[2] + 1), (e[0], e[1], 99), (0, 0, 0)]
        return [*values, "abc", (1, 2), ...]
    if not isinstance(key, NumberKey):
        return ["x" * 50, "short", ...]
    targets = [key.expected] + [t.target for t, _ in key.mistakes if hasattr(t, "target")]
    found: list[object] = [..., "text", [1, 2], float("nan"), math.inf, -1e9]
    for t in targets:
        found += [t, t * 1.0001, t * 0.98, t + 1, t - 1, round(t, 3), 100 * t]
    if key.grid:
        found += list(range(key.grid.start - 200, key.grid.stop + 300, key.grid.step // 2 or 1))[
            ::7
        ]
    return found


@pytest.fixture(scope="module")
def keys():
    salt = sealing.new_salt()
    found = {}
    for chapter in CHEAP:
        module = importlib.import_module(f"crmlib.exercises.{chapter}")
        for number, check in tasks_of(module).items():
            key = sealing.key_of(check)
            name = f"{chapter}.q{number}"
            found[name] = (key, sealing.SealedKey(sealing.seal(key, salt, name), salt, name))
    return found


def near_an_edge(key, answer) -> bool:
    """Within a cell of a tolerance's edge, where a sealed verdict may differ (see sealing)."""
    if not isinstance(key, NumberKey) or not isinstance(answer, (int, float)):
        return False
    tests = [(key.expected, key.rel_tol, key.abs_tol)]
    tests += [(t.target, t.rel_tol, t.abs_tol) for t, _ in key.mistakes if hasattr(t, "target")]
    for target, rel, tol in tests:
        width = max(rel * abs(target), tol)
        if width and abs(abs(answer - target) - width) <= sealing.scale_for(width):
            return True
    return False


def test_sealed_keys_say_what_the_teachers_checks_say(keys):
    compared = 0
    for name, (key, sealed) in keys.items():
        for answer in candidates(key):
            if near_an_edge(key, answer):
                continue
            mine, theirs = sealed.judge(answer), key.judge(answer)
            assert (mine.correct, mine.message, mine.mistake) == (
                theirs.correct,
                theirs.message,
                theirs.mistake,
            ), (name, answer)
            compared += 1
    assert compared > 500


def test_another_salt_gives_other_digests_for_the_same_key(keys):
    key, _ = keys["ch01.q4"]
    first = sealing.seal(key, sealing.new_salt(), "ch01.q4")
    second = sealing.seal(key, sealing.new_salt(), "ch01.q4")
    assert first["groups"][0]["cells"].keys() != second["groups"][0]["cells"].keys()


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return handout.sealed_package(tmp_path_factory.mktemp("handout") / "crmlib")


def numbers_in_clear(value: float) -> list[str]:
    """How an expected value could be written: a whole number of 3 digits or more, or a
    fraction exactly or rounded to 2-4 decimals (smaller numbers are everywhere in code)."""
    if float(value).is_integer():
        return [str(int(value))] if abs(value) >= 100 else []
    texts = {repr(value)} | {f"{value:.{d}f}" for d in (2, 3, 4)}
    return [t for t in texts if len(t.replace("-", "").replace(".", "").lstrip("0")) >= 3]


def test_a_students_copy_holds_no_expected_value_no_solution_and_no_model_answer(keys, copy):
    text = "\n".join(
        p.read_bytes().decode("utf-8", errors="ignore")  # .mo: compiled catalogues
        for p in copy.rglob("*")
        if p.is_file() and p.suffix in (".py", ".json", ".po", ".mo")
    )
    for name, (key, _) in keys.items():
        if isinstance(key, NumberKey):
            for clear in numbers_in_clear(key.expected):
                pattern = rf"(?<![0-9A-Za-z.]){re.escape(clear)}(?![0-9A-Za-z])"
                assert not re.search(pattern, text), (name, clear)
    for chapter in CHEAP:
        module = importlib.import_module(f"crmlib.exercises.{chapter}")
        for secret in [*module.SOLUTIONS.values(), *getattr(module, "MODEL_ANSWERS", {}).values()]:
            if len(secret) > 25 and not secret.startswith("See the worked"):
                assert secret not in text, (chapter, secret[:40])
                zh = locale.pgettext(None, secret, "zh")  # its translation, when it has one
                assert zh is None or zh not in text, (chapter, secret[:40])
    for path in sorted((ROOT / "solutions").glob("*/*_solutions.ipynb")):
        exercise = (
            ROOT / "exercises" / path.parent.name / path.name.replace("_solutions", "_exercises")
        )
        given = {c.source for c in nbformat.read(exercise, 4).cells if c.cell_type == "code"}
        for cell in nbformat.read(path, 4).cells:
            if cell.cell_type == "code" and cell.source not in given:
                for line in cell.source.splitlines():
                    if line.startswith("answer_") and "..." not in line:
                        assert line not in text, (path.name, line)
