"""Ctrl-C during an import: DuckDB's running query stops at once, and nothing is written."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


@contextmanager
def interruptible(con):
    """Ctrl-C interrupts DuckDB's running query at once (by default it may let the query
    finish first) and ends the import with KeyboardInterrupt; in the main thread only, where
    Python receives the signal."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = []

    def stop(number, frame) -> None:
        pressed.append(number)
        con.interrupt()  # a running query stops within a second
        raise KeyboardInterrupt  # Python code stops at once

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    except Exception:
        if pressed:  # DuckDB's "interrupted" error, or what followed from it
            raise KeyboardInterrupt from None
        raise
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt
