"""Time and peak memory of a command, the same way on Linux, macOS and Windows (psutil: the
POSIX-only ``resource`` module is not on Windows)."""

from __future__ import annotations

import subprocess
import threading
import time

import psutil  # installed with Jupyter: memory of a process and all it starts


def tree_memory(process: psutil.Process) -> int:
    """Resident bytes of a process and all its descendants, now."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:  # ended between the listing and the reading
            pass
    return total


def run_measured(command: list[str], every: float = 0.1) -> tuple[float, float, str]:
    """Run ``command``; its wall seconds, the peak resident memory of its whole process tree
    in GB (sampled every ``every`` seconds, so a spike shorter than that can be missed), and
    its output (stdout and stderr). A failing command raises with the end of its output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    watched = psutil.Process(process.pid)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            try:
                peak[0] = max(peak[0], tree_memory(watched))
            except psutil.Error:
                return
            time.sleep(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    text = output.decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise RuntimeError(text[-3000:])
    return seconds, peak[0] / 1e9, text
