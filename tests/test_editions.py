"""A generated edition (crmlib.i18n.editions): Traditional Chinese made from the zh notebooks,
its tables and figures in Traditional characters from the zh_TW catalogue."""

from __future__ import annotations

import warnings
from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

from crmlib import locale
from crmlib.i18n import editions

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "notebooks" / "zh" / "01_crm_basics.py"


@pytest.fixture(scope="module")
def traditional() -> str:
    return editions.generated_edition(SOURCE, "zh_TW")


def test_the_code_is_the_same_but_for_the_language_line(traditional):
    _, made = editions.split(traditional)
    _, zh = editions.split(SOURCE.read_text(encoding="utf-8"))
    assert [c.kind for c in made] == [c.kind for c in zh]
    assert [c.code for c in made if c.kind == "code"] == [c.code for c in zh if c.kind == "code"]
    assert 'i18n.set_language("zh_TW")' in traditional and 'set_language("zh")' not in traditional
    prose = "".join(c.text for c in made if c.kind == "markdown")
    assert "客戶" in prose and "客户" not in prose


def test_only_a_generated_language_can_be_generated(tmp_path):
    with pytest.raises(ValueError, match="not a generated edition"):
        editions.generated_edition(SOURCE, "en")
    assert editions.main(["generate", "fr", str(tmp_path)]) == 2


def test_a_notebook_shows_its_tables_and_figures_in_traditional_characters(traditional, tmp_path):
    notebook = jupytext.reads(traditional, fmt="py:percent")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        NotebookClient(
            notebook,
            kernel_name="python3",
            timeout=300,
            resources={"metadata": {"path": str(ROOT / "notebooks" / "zh")}},
        ).execute()
    shown, images = [], 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            if output.get("name") == "stderr":
                assert "Glyph" not in output["text"] and "MissingLabel" not in output["text"], (
                    output["text"]
                )
            data = output.get("data", {})
            shown.append(
                output.get("text", "") + data.get("text/html", "") + data.get("text/plain", "")
            )
            images += "image/png" in data
    text = "".join(shown)
    assert images >= 2  # its two figures
    assert "客戶" in text
    simplified_only = {
        zh
        for kind, entries in locale.catalogue().items()
        for texts in entries.values()
        if (zh := texts["zh"]) != texts["zh_TW"] and len(zh) >= 3
    }
    assert [label for label in simplified_only if label in text] == []
