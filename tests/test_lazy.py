"""crmlib.lazy: a package's names loaded when first used, on a package made for the test."""

from __future__ import annotations

import sys

import pytest


@pytest.fixture
def package(tmp_path, monkeypatch):
    root = tmp_path / "lazypkg"
    root.mkdir()
    (root / "__init__.py").write_text(
        "from crmlib.lazy import lazy_names\n"
        "WHERE = {'heavy_value': 'heavy', 'light_value': 'light'}\n"
        "__getattr__, __dir__ = lazy_names(__name__, WHERE)\n",
        encoding="utf-8",
    )
    (root / "heavy.py").write_text("heavy_value = 42\n", encoding="utf-8")
    (root / "light.py").write_text("light_value = 'x'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield __import__("lazypkg")
    for name in [m for m in sys.modules if m == "lazypkg" or m.startswith("lazypkg.")]:
        del sys.modules[name]


def test_a_name_loads_its_module_only_when_used(package):
    assert "lazypkg.heavy" not in sys.modules
    assert package.light_value == "x"
    assert "lazypkg.heavy" not in sys.modules  # the other module is still not loaded
    assert package.heavy_value == 42 and "lazypkg.heavy" in sys.modules
    assert "heavy_value" in vars(package)  # once loaded, an ordinary attribute


def test_dir_lists_the_lazy_names_and_an_unknown_name_is_an_attribute_error(package):
    assert {"heavy_value", "light_value"} <= set(dir(package))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        package.nothing  # noqa: B018
