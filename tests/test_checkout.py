"""A checkout on Windows (Git for Windows sets core.autocrlf=true) holds the same bytes as the
repository: data files, fixtures and notebooks stay byte-exact (.gitattributes)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and a clone"
)
def test_a_clone_with_autocrlf_keeps_every_file_byte_exact(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", "-c", "core.autocrlf=true", str(ROOT), str(clone)],
        check=True,
    )  # fmt: skip
    files = subprocess.run(
        ["git", "ls-files", "*.csv", "*.ipynb", "*.py", "*.yaml", "*.json"],
        cwd=clone, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert len(files) > 200
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True)
    changed = []
    for name in files:
        committed = subprocess.run(
            ["git", "cat-file", "blob", f"{head.stdout.strip()}:{name}"],
            cwd=clone, capture_output=True, check=True,
        ).stdout  # fmt: skip
        if (clone / name).read_bytes() != committed:
            changed.append(name)
    assert changed == []
