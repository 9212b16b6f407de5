"""The students' copy of the suite: no solutions, and checks that hold no readable key.

``python3 tasks.py handout FOLDER`` (or ``python -m crmlib.handout FOLDER``) copies the suite
without ``solutions/``; in the copy's ``crmlib``, every chapter's checks are replaced by their
keys sealed as salted digests (:mod:`crmlib.exercises.sealing`), and the solution methods and
model answers are taken out of the message catalogue. The checks still answer at once, offline,
with the same verdicts, hints and recognised mistakes.

The grader uses :func:`blank_package` for the sandbox a submission runs in: the same copy of
``crmlib`` with checks that judge nothing, since the grader judges the answers itself.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
from pathlib import Path

from .exercises import sealing

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
FILES = ("README.md", "README.zh-CN.md", "tasks.py", "pyproject.toml", "requirements.lock")
FOLDERS = ("crmlib", "datasets", "notebooks", "exercises", "apps", "docs")
IGNORED = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.egg-info")


def chapters() -> list[str]:
    """The chapters with checks: ``["ch00", "ch01", ...]``."""
    return sorted(p.stem for p in (PACKAGE / "exercises").glob("ch[0-9][0-9].py"))


def teacher_only_messages() -> set[str]:
    """The English texts of every solution method and model answer (keys of the catalogue)."""
    found: set[str] = set()
    for chapter in chapters():
        module = importlib.import_module(f"crmlib.exercises.{chapter}")
        found |= set(getattr(module, "SOLUTIONS", {}).values())
        found |= set(getattr(module, "MODEL_ANSWERS", {}).values())
    return found


def _catalogues_without(locale_dir: Path, removed: set[str]) -> None:
    """Take ``removed`` out of every language's ``messages.po`` in ``locale_dir`` and compile
    the catalogues again (a copied ``.mo`` would still hold them)."""
    from .locale.__main__ import compile_all, load, save

    for path in locale_dir.glob("*/LC_MESSAGES/messages.po"):
        catalog = load(path)
        for message in removed:
            if message in catalog:
                catalog.delete(message)
        save(catalog, path)
    compile_all(locale_dir)  # every .mo written again from its .po


def sealed_package(out: Path, *, salt: str | None = None, blank: bool = False) -> Path:
    """Copy ``crmlib`` to ``out`` with every chapter's checks sealed (or, ``blank``, with checks
    that keep no key at all: they say the grader judges the answer). Returns ``out``."""
    out = Path(out)
    shutil.copytree(PACKAGE, out, ignore=IGNORED, dirs_exist_ok=True)
    salt = salt or sealing.new_salt()
    sealed_dir = out / "exercises" / sealing.SEALED_DIR
    sealed_dir.mkdir(exist_ok=True)
    for chapter in chapters():
        module = importlib.import_module(f"crmlib.exercises.{chapter}")
        data = sealing.blank_chapter(module) if blank else sealing.seal_chapter(module, salt)
        (sealed_dir / f"{chapter}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8"
        )
        (out / "exercises" / f"{chapter}.py").write_text(
            sealing.chapter_source(chapter, data["doc"]), encoding="utf-8"
        )
    _catalogues_without(out / "locale", teacher_only_messages())
    return out


def build(out: Path, *, wheelhouse: bool = False, echo=print) -> Path:
    """Write the students' copy of the suite to ``out`` (outside the suite's own folders)."""
    out = Path(out).resolve()
    if out == ROOT or (ROOT in out.parents and out.parts[len(ROOT.parts)] in FOLDERS):
        raise ValueError(f"{out}: choose a folder outside the suite's own folders")
    out.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copy2(ROOT / name, out / name)
    for name in FOLDERS + (("wheelhouse",) if wheelhouse else ()):
        if name != "crmlib" and (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, out / name, ignore=IGNORED, dirs_exist_ok=True)
    if (out / "crmlib").exists():
        shutil.rmtree(out / "crmlib")
    sealed_package(out / "crmlib")
    leaked = [p for p in out.rglob("*_solutions.*")]
    if leaked or (out / "solutions").exists():
        raise RuntimeError(f"solutions found in the handout: {leaked}")
    echo(f"Student copy in {out} (no solutions, checks sealed). On each PC: python3 tasks.py lab")
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m crmlib.handout FOLDER [--wheelhouse]``: 0 written, 2 wrong folder."""
    parser = argparse.ArgumentParser(prog="handout", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the students' copy")
    parser.add_argument("--wheelhouse", action="store_true", help="include wheelhouse/")
    args = parser.parse_args(argv)
    try:
        build(args.out, wheelhouse=args.wheelhouse)
    except ValueError as error:
        print(f"error: {error}")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
