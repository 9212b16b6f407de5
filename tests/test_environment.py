"""One list of truth for dependencies: pyproject.toml; environment.yml and the lock agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(spec: str) -> str:
    return _normalise(re.split(r"[\s<>=!~;\[]", spec.strip(), maxsplit=1)[0])


def pyproject_packages() -> set[str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = meta["dependencies"] + meta["optional-dependencies"]["dev"]
    return {_requirement_name(s) for s in specs}


def environment_packages() -> set[str]:
    """Package names listed in environment.yml (conda and pip sections), minus the tooling."""
    names = set()
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("\ndependencies:", 1)[1].splitlines():
        match = re.match(r"^\s+-\s+([A-Za-z0-9_.\-]+)\s*(?:[<>=!].*)?$", line)
        if match:
            names.add(_normalise(match.group(1)))
    return names - {"python", "pip"}


def locked_packages() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins.setdefault(_normalise(match.group(1)), match.group(2))
    return pins


def test_environment_yml_names_the_same_packages_as_pyproject():
    assert environment_packages() == pyproject_packages()


def test_required_packages_are_declared():
    required = {"jupyterlab", "pandas", "seaborn", "scikit-learn", "lifetimes", "ipywidgets"}
    required |= {"nbval", "pytest", "jupytext", "ruff"}
    assert required <= pyproject_packages()


def test_every_declared_package_is_pinned_in_the_lock():
    pins = locked_packages()
    assert pyproject_packages() - set(pins) == set()
    assert len(pins) > len(pyproject_packages()), "the lock should pin transitive packages too"


def test_helpers_parse_what_they_claim():
    assert _requirement_name("scikit-learn>=1.3 ; python_version>'3'") == "scikit-learn"
    assert _requirement_name("Jupyter_Lab[extra]") == "jupyter-lab"
