"""The benchmarks' one way to time a command and read its peak memory on any OS."""

from __future__ import annotations

import sys

import pytest

from benchmarks.measure import run_measured

HOLD = "import time; block = bytearray({size}); block[::4096] = b'x' * len(block[::4096]); time.sleep(0.6); print('done')"


def test_the_peak_memory_of_a_command_and_of_the_processes_it_starts_is_seen():
    alone = run_measured([sys.executable, "-c", HOLD.format(size=300_000_000)], every=0.05)
    assert alone[1] > 0.3 and alone[2].strip() == "done" and alone[0] >= 0.6
    code = (
        "import subprocess, sys\n"
        f"subprocess.run([sys.executable, '-c', {HOLD.format(size=300_000_000)!r}], check=True)"
    )
    nested = run_measured([sys.executable, "-c", code], every=0.05)
    assert nested[1] > 0.3  # a child's memory counts: the GBK converter's workers are children


def test_a_failing_command_raises_with_its_output():
    with pytest.raises(RuntimeError, match="boom"):
        run_measured([sys.executable, "-c", "raise SystemExit('boom')"])
