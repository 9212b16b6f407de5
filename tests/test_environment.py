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


def test_the_offline_wheelhouse_takes_each_lab_systems_own_pins():
    """pip download evaluates markers on this machine; tasks.lock_for evaluates the lab's."""
    import sys

    sys.path.insert(0, str(ROOT))
    import tasks

    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    names = {
        system: {pin.split("==")[0] for pin in tasks.lock_for(lock, markers)}
        for system, (_, markers) in tasks.PLATFORMS.items()
    }
    assert {"pywinpty", "colorama"} <= names["windows"] and "pexpect" not in names["windows"]
    assert "appnope" in names["macos"] and "pywinpty" not in names["macos"]
    assert "pexpect" in names["linux"] and not {"appnope", "colorama"} & names["linux"]
    everywhere = {"pandas", "lifetimes", "jupyterlab", "nbval"}
    assert all(everywhere <= pins for pins in names.values())
    # every pin of the lock lands in at least one system's list
    pinned = {line.split("==")[0] for line in lock.splitlines() if "==" in line}
    assert pinned - set().union(*names.values()) <= {"pywin32"} | {
        name for name in pinned if "emscripten" in name
    }


def test_a_browser_is_looked_for_where_each_system_installs_one(tmp_path):
    """Chromium, Chrome or Edge, on the PATH or in their usual folders: the Windows and macOS
    paths are worked out here on any system, and one is found where it exists."""
    import tasks

    windows = tasks.browser_candidates(
        "Windows",
        {"PROGRAMFILES": r"C:\Program Files", "LOCALAPPDATA": r"C:\Users\li\AppData\Local"},
    )
    assert Path(r"C:\Program Files", "Google", "Chrome", "Application", "chrome.exe") in windows
    assert Path(r"C:\Program Files", "Microsoft", "Edge", "Application", "msedge.exe") in windows
    mac = tasks.browser_candidates("Darwin", {})
    assert Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome") in mac
    fake = tmp_path / "bin" / "msedge"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    assert tasks.find_browser("Linux", {"PATH": str(fake.parent)}) == fake
    empty = tasks.find_browser("Windows", {"PATH": str(tmp_path), "PROGRAMFILES": str(tmp_path)})
    assert empty is None


def test_an_offline_setup_names_the_python_its_wheelhouse_was_made_for():
    import pytest

    import tasks

    wheels = [
        "numpy-2.3.1-cp311-cp311-win_amd64.whl",
        "numpy-2.3.1-cp312-cp312-win_amd64.whl",
        "pandas-3.0.0-cp312-cp312-win_amd64.whl",
        "six-1.17.0-py2.py3-none-any.whl",
    ]
    assert tasks.wheelhouse_pythons(wheels) == {"3.11", "3.12"}
    tasks.check_wheelhouse_python(wheels, (3, 12), "Windows")  # fine: no error
    with pytest.raises(SystemExit, match=r"run `py -3.12 tasks.py lab`"):
        tasks.check_wheelhouse_python(wheels, (3, 14), "Windows")
    with pytest.raises(SystemExit, match=r"run `python3.12 tasks.py lab`"):
        tasks.check_wheelhouse_python(wheels, (3, 13), "Linux")
    tasks.check_wheelhouse_python(wheels[-1:], (3, 14), "Linux")  # pure-Python wheels only


def test_stopping_tasks_server_stops_the_server_it_started(tmp_path):
    """SIGTERM to `tasks.py lab` or `explorer` (kill, a service manager) stops their server
    too, instead of leaving it running without a parent."""
    import signal
    import subprocess
    import sys
    import time

    import psutil
    import pytest

    if not hasattr(signal, "SIGTERM") or sys.platform == "win32":
        pytest.skip("POSIX signals")
    script = tmp_path / "serve.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import tasks\n"
        "tasks._serve([sys.executable, '-c', 'import time; time.sleep(120)'])\n",
        encoding="utf-8",
    )
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not psutil.Process(parent.pid).children() and time.monotonic() < deadline:
        time.sleep(0.1)
    (server,) = psutil.Process(parent.pid).children()
    parent.send_signal(signal.SIGTERM)
    assert parent.wait(timeout=20) == 128 + signal.SIGTERM
    gone, alive = psutil.wait_procs([server], timeout=10)
    assert alive == [], "the server outlived tasks.py"
