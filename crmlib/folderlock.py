"""One writer per output folder: a second import or grading run into the same folder stops
with a clear message instead of both reporting success while the last one wins.

The lock is an operating-system lock on ``FOLDER/.lock`` (filelock: ``fcntl`` on POSIX,
``msvcrt`` on Windows), so it is released when its process ends, even when it is killed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout  # OS file locks that work the same on POSIX and Windows

LOCK_NAME = ".lock"


class FolderBusy(RuntimeError):
    """Another process is writing to the folder."""


@contextmanager
def writing(folder: Path, what: str) -> Iterator[Path]:
    """Hold ``folder``'s lock while the block writes to it (the folder is created first).

    Raises
    ------
    FolderBusy
        when another process holds it: ``what`` names the kind of run ("an import").
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / LOCK_NAME, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise FolderBusy(
            f"{folder}: {what} is already writing to this folder; wait for it, "
            "or choose another --out"
        ) from None
    try:
        yield folder
    finally:
        lock.release()
