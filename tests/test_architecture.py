"""The house rules of crmlib: its floors and no import circle (import-linter, pyproject.toml),
and no module over 400 lines of code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "crmlib"
LIMIT = 400  # lines of code: not blank, not only a comment (docstrings count)


def lines_of_code(path: Path) -> int:
    return sum(
        1
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    )


def test_no_module_is_over_the_limit():
    sizes = {str(p.relative_to(ROOT)): lines_of_code(p) for p in PACKAGE.rglob("*.py")}
    assert len(sizes) > 80
    assert {name: n for name, n in sizes.items() if n > LIMIT} == {}


def test_lines_of_code_leave_out_blank_lines_and_comments(tmp_path):
    path = tmp_path / "m.py"
    path.write_text('"""Doc."""\n\n# a comment\nx = 1  # counted\n    \n', encoding="utf-8")
    assert lines_of_code(path) == 2


def lint(root: Path) -> subprocess.CompletedProcess:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint_imports), str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
    )


@pytest.fixture
def house(tmp_path) -> Path:
    """A copy of crmlib and its contract, to break."""
    shutil.copytree(
        PACKAGE, tmp_path / "crmlib", ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.po")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_contract_holds(house):
    done = lint(house)
    assert done.returncode == 0, done.stdout
    assert "2 kept, 0 broken" in done.stdout


def test_an_import_from_a_higher_floor_breaks_the_contract(house):
    rfm = house / "crmlib" / "rfm.py"
    rfm.write_text(
        rfm.read_text(encoding="utf-8") + "\nfrom . import i18n  # noqa\n", encoding="utf-8"
    )
    done = lint(house)
    assert done.returncode == 1
    assert "crmlib.rfm -> crmlib.i18n" in done.stdout


def add_import(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")


def test_the_bottom_floor_imports_nothing_from_crmlib(house):
    add_import(house / "crmlib" / "locale" / "__init__.py", "from .. import fonts")
    done = lint(house)
    assert done.returncode == 1
    assert "crmlib.locale -> crmlib.fonts" in done.stdout


def test_a_circle_on_one_floor_breaks_the_contract(house):
    add_import(house / "crmlib" / "orders.py", "from . import archive")  # archive imports orders
    done = lint(house)
    assert done.returncode == 1
    assert (
        "Floors: commands -> checks -> presentation -> analyses -> data -> vocabulary KEPT"
        in done.stdout
    )
    assert "No import circles among the modules of any package BROKEN" in done.stdout
    assert "- .orders -> .archive (1 import)" in done.stdout


@pytest.mark.parametrize("package", ["crmlib.clv", "crmlib.datasets"])
def test_no_lazily_exported_name_is_shadowed_by_a_submodule(package):
    """A package that loads its names when first used (PEP 562) must not export a name that is
    also one of its modules: importing the module would replace the function by the module
    (``clv.predict`` was a function and a module)."""
    import importlib
    import pkgutil
    import types

    module = importlib.import_module(package)
    submodules = {m.name for m in pkgutil.iter_modules(module.__path__)} - {"__main__"}
    assert set(module.__all__) & submodules == set()
    for name in submodules:
        importlib.import_module(f"{package}.{name}")
    assert not any(isinstance(getattr(module, n), types.ModuleType) for n in module.__all__)
