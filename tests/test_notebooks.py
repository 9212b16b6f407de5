"""Notebooks are source code: paired, executed top to bottom, and really checked by nbval."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(
    p
    for d in ("notebooks", "exercises", "apps")
    for p in (ROOT / d).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def _cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def test_there_are_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


def test_every_edition_has_every_notebook_with_the_same_code_and_sections():
    from crmlib.i18n.editions import differences, pairs

    found = pairs(ROOT)
    assert {other.parent.name for _, other, _ in found} >= {"zh"}
    missing = [str(other) for _, other, _ in found if not other.exists()]
    assert missing == [], f"editions lack {missing}"
    extra = [
        p
        for base in ("notebooks", "exercises")
        for p in (ROOT / base).glob("*/*.py")
        if not (ROOT / base / "en" / p.name).exists()
    ]
    assert extra == [], f"notebooks without an English edition: {extra}"
    problems = [d for ref, other, _ in found for d in differences(ref, other)]
    assert problems == [], "\n".join(problems)


def test_the_chinese_edition_is_written_in_chinese():
    from crmlib.i18n.editions import split

    def cjk_share(text: str) -> float:
        letters = [ch for ch in text if ch.isalpha()]
        return sum("\u4e00" <= ch <= "\u9fff" for ch in letters) / max(len(letters), 1)

    for base in ("notebooks", "exercises"):
        for source in sorted((ROOT / base / "zh").glob("*.py")):
            _, cells = split(source.read_text(encoding="utf-8"))
            for i, cell in enumerate(cells):
                if cell.kind != "markdown":
                    continue
                prose = re.sub(r"`[^`]*`|\$[^$]*\$|\(https?:[^)]*\)", "", cell.text)
                prose = re.sub(r"(?m)^# %% \[markdown\]", "", prose)
                # Chinese characters carry ~2 letters' worth of meaning: main language = zh
                assert cjk_share(prose) > 0.25, (
                    f"{source.name} markdown cell {i} is not mainly Chinese"
                )


def test_the_language_line_matches_the_folder():
    from crmlib.i18n.editions import LANGUAGE_LINE

    for path in NOTEBOOKS:
        if path.parent.name in ("en", "zh"):
            found = LANGUAGE_LINE.findall(path.with_suffix(".py").read_text(encoding="utf-8"))
            assert found == [path.parent.name], f"{path}: language line {found}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_paired_with_an_in_sync_percent_source(path: Path):
    source = path.with_suffix(".py")
    assert source.exists(), f"{path.name} has no paired {source.name}"
    assert "format_name: percent" in source.read_text(encoding="utf-8")
    from_py = jupytext.read(source)
    from_ipynb = nbformat.read(path, as_version=4)
    assert _cells(from_py) == _cells(from_ipynb), (
        f"{path.name} and {source.name} differ: run `python3 tasks.py notebooks {source}`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_was_executed_top_to_bottom_without_errors(path: Path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    counts = [c.execution_count for c in code]
    assert None not in counts, f"{path.name}: unexecuted cells"
    assert counts == list(range(1, len(code) + 1)), f"{path.name}: not run top to bottom in one go"
    errors = [
        i
        for i, c in enumerate(code)
        if any(o.output_type == "error" for o in c.outputs)
        and "NBVAL_RAISES_EXCEPTION" not in c.source
    ]
    assert errors == [], f"{path.name}: error outputs in code cells {errors}"
    assert nb.metadata["kernelspec"]["name"] == "crm-notebooks"
    # a warning (a label missing from the catalogue, a glyph missing from the font) is a failure
    stderr = [i for i, c in enumerate(code) if any(o.get("name") == "stderr" for o in c.outputs)]
    assert stderr == [], f"{path.name}: cells {stderr} wrote to stderr"


SHOWN_WORDS = {"title", "xlabel", "ylabel", "label"}


def _words_written_in_code(source: str) -> list[str]:
    """String literals a reader would see in a figure or printed line, written in a cell."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        texts = [k.value for k in node.keywords if k.arg in SHOWN_WORDS]
        if name in {"set_title", "set_xlabel", "set_ylabel", "suptitle", "annotate", "print"}:
            texts += node.args[:1]
        found += [
            ast.unparse(t)
            for t in texts
            if isinstance(t, ast.JoinedStr)
            or (
                isinstance(t, ast.Constant)
                and isinstance(t.value, str)
                and any(c.isalpha() for c in t.value)
            )
        ]
    return found


@pytest.mark.parametrize(
    "path", sorted((ROOT / "notebooks" / "en").glob("*.py")), ids=lambda p: p.stem
)
def test_words_in_figures_and_printed_lines_come_from_the_catalogue(path: Path):
    """Two editions, one code: a title written in a cell would be English in the zh edition."""
    code = "\n".join(
        c.source
        for c in jupytext.read(path).cells
        if c.cell_type == "code" and not c.source.startswith("%")
    )
    assert _words_written_in_code(code) == []


def _nbval(path: Path) -> subprocess.CompletedProcess:
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "--nbval",
        "--nbval-current-env",
        f"--nbval-sanitize-with={SANITIZE}",
        "-p",
        "no:cacheprovider",
        "-q",
        str(path),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=path.parent, timeout=300)


def test_strict_nbval_fails_a_notebook_whose_stored_output_was_edited(tmp_path: Path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import numpy as np\nrng = np.random.default_rng(1)"),
        nbformat.v4.new_code_cell("round(float(rng.normal()), 4)"),
        nbformat.v4.new_code_cell("object()  # a memory address: sanitised, so it may vary"),
    ]
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    good = tmp_path / "good.ipynb"
    nbformat.write(nb, good)
    passed = _nbval(good)
    assert passed.returncode == 0, passed.stdout + passed.stderr

    stored = nb.cells[1].outputs[0]["data"]
    stored["text/plain"] = str(float(stored["text/plain"]) + 0.0001)
    edited = tmp_path / "edited.ipynb"
    nbformat.write(nb, edited)
    failed = _nbval(edited)
    assert failed.returncode != 0
    assert "1 failed" in failed.stdout, failed.stdout
