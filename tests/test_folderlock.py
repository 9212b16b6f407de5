"""One writer per output folder: a second process is refused while the first holds the lock,
and the lock goes with its process, even a killed one."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from crmlib import folderlock

HOLD = textwrap.dedent(
    """
    import sys, time
    from crmlib import folderlock
    with folderlock.writing(sys.argv[1], "an import"):
        print("holding", flush=True)
        time.sleep(60)
    """
)


def _holder(folder):
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "holding"
    return process


def test_a_second_writer_is_refused_by_name_while_the_first_holds_the_folder(tmp_path):
    out = tmp_path / "imported"
    process = _holder(out)
    try:
        with pytest.raises(folderlock.FolderBusy, match="an import is already writing"):
            with folderlock.writing(out, "an import"):
                pass
    finally:
        process.kill()
        process.wait()
    # killed, not released: the operating system drops the lock with the process
    with folderlock.writing(out, "an import") as folder:
        assert folder == out and out.is_dir()


def test_the_lock_is_released_when_the_block_ends_even_by_an_error(tmp_path):
    out = tmp_path / "deep" / "er"
    with pytest.raises(KeyError), folderlock.writing(out, "a grading run"):
        raise KeyError("boom")
    started = time.perf_counter()
    with folderlock.writing(out, "a grading run"):
        assert time.perf_counter() - started < 5
