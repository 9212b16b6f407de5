"""A class sharing the tier explorer page: 40 visitors opening it within a minute.

Serves the zh explorer exactly as ``python3 tasks.py explorer`` does (idle kernels culled after
120 s here rather than 600, so that the run ends, but only after the whole class has arrived),
then lets 40 visitors arrive at seeded random times within 60 s. Each visitor is an HTTP
client that waits for the whole page: Voila sends it only after the page's kernel has run the
notebook, so this is the time to first render without the browser's own drawing (40 real Chromium pages would overload the same 2 cores the server runs on).

Reported: time to the page for one visitor alone (the baseline, measured in the same run), the
median, 90th percentile and slowest under the class's load, their ratio to the baseline, the
peak number of kernels and the peak memory of the server and its kernels (RSS), and how long
after the last visit the kernels are culled and the memory is back.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import tasks  # noqa: E402  (the same command the README's explorer task runs)

VISITORS, WINDOW_S, CULL_S, PORT = 40, 60.0, 120, 8877  # no kernel culled while the class arrives


def tree(server: psutil.Process) -> tuple[int, int]:
    """(kernels, RSS bytes) of the server and everything it started."""
    processes, kernels = [server], 0
    for child in server.children(recursive=True):
        processes.append(child)
    rss = 0
    for process in processes:
        try:
            rss += process.memory_info().rss
            kernels += "ipykernel" in " ".join(process.cmdline())
        except psutil.NoSuchProcess:
            pass
    return kernels, rss


def visit(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        response.read()
    return time.perf_counter() - started


def main() -> None:
    url = f"http://127.0.0.1:{PORT}/"
    command = tasks.voila_command(sys.executable, "zh", PORT, "127.0.0.1", cull_after=CULL_S)
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=tasks.voila_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    process = psutil.Process(server.pid)
    try:
        while True:  # the server is up when it serves the font (which starts no kernel)
            try:
                font = "voila/files/crmlib/fonts/CRMSansSC-Regular.otf"
                urllib.request.urlopen(f"{url}{font}", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        idle_kernels, idle_rss = tree(process)
        alone = visit(url)
        print(f"one visitor alone: page in {alone:.1f} s")

        peak = {"kernels": 0, "rss": 0}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                kernels, rss = tree(process)
                peak["kernels"] = max(peak["kernels"], kernels)
                peak["rss"] = max(peak["rss"], rss)
                time.sleep(0.5)

        sampler = threading.Thread(target=sample)
        sampler.start()
        arrivals = np.sort(np.random.default_rng(0).uniform(0, WINDOW_S, VISITORS))
        times: list[float] = []
        start = time.perf_counter()

        def visitor(at: float) -> None:
            time.sleep(max(0.0, at - (time.perf_counter() - start)))
            times.append(visit(url))

        threads = [threading.Thread(target=visitor, args=(at,)) for at in arrivals]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        last = time.perf_counter()
        culled = None
        while time.perf_counter() - last < CULL_S + 60:
            if tree(process)[0] == 0:
                culled = time.perf_counter() - last
                break
            time.sleep(1)
        done.set()
        sampler.join()
        _, after_rss = tree(process)
    finally:
        server.terminate()
        server.wait(timeout=30)

    times.sort()
    p90 = times[int(0.9 * len(times)) - 1]
    print(
        f"{VISITORS} visitors within {WINDOW_S:.0f} s on {psutil.cpu_count()} cores: page in median "
        f"{statistics.median(times):.1f} s, 90% within {p90:.1f} s, slowest {times[-1]:.1f} s "
        f"({p90 / alone:.1f}x one visitor alone at the 90th percentile)"
    )
    print(
        f"peak: {peak['kernels']} kernels, {peak['rss'] / 2**30:.1f} GiB RSS "
        f"(server idle: {idle_kernels} kernels, {idle_rss / 2**20:.0f} MiB)"
    )
    when = f"{culled:.0f} s" if culled is not None else f"more than {CULL_S + 60} s"
    print(
        f"visitors that never come back (no goodbye beacon) are culled {when} after the last "
        f"visit (idle timeout {CULL_S} s here, 600 s in tasks.py explorer); "
        f"memory then {after_rss / 2**20:.0f} MiB"
    )
