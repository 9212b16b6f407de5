"""The tier explorer as a web page: served by Voila, driven in headless Chromium by Playwright.

Needs Debian's chromium (``python3 tasks.py test`` installs it with apt-get). Without it the
test fails with a message saying so; set CRM_ALLOW_NO_BROWSER=1 to turn that into a visible skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from crmlib import tiers as T
from crmlib.exercises._shop import store

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    message = (
        "NO BROWSER: Chromium is not installed, so the tier explorer was NOT tested in a browser. "
        "`python3 tasks.py test` installs Debian's chromium with apt-get (as root); or run "
        "`apt-get install chromium` yourself. Set CRM_ALLOW_NO_BROWSER=1 to skip instead of failing."
    )
    if os.environ.get("CRM_ALLOW_NO_BROWSER"):
        pytest.skip(message)
    pytest.fail(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def explorer_url():
    _require_browser()
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "voila",
        "apps/tier_explorer.ipynb",
        f"--port={port}",
        "--no-browser",
    ]
    cmd.append("--Voila.ip=127.0.0.1")
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            output = server.stdout.read().decode(errors="replace")[-2000:]
            pytest.fail(f"Voila did not start on {url}:\n{output}")
        time.sleep(0.5)
    yield url
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def _counts(page) -> dict[str, int]:
    return {
        e.get_attribute("data-tier"): int(e.inner_text())
        for e in page.query_selector_all(".tier-count")
    }


def test_moving_a_slider_updates_the_counts_to_what_crmlib_computes(explorer_url):
    from playwright.sync_api import sync_playwright

    s = store()
    birthdays = s.customers.set_index("customer_id")["birthday"]
    cycles = T.prepare_cycles(
        s.orders, s.reviews, ["2025-01-01", "2026-01-01"], birthdays=birthdays
    )
    policy = T.textbook_policy()
    expected_before = T.evaluate(policy, cycles.inputs[-1]).counts.to_dict()
    moved = policy.replace_tier("silver", rolling=600)
    expected_after = T.evaluate(moved, cycles.inputs[-1]).counts.to_dict()
    near_after = len(T.evaluate(moved, cycles.inputs[-1], 0.1).near_miss)
    assert expected_before != expected_after

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            page.goto(explorer_url, timeout=90_000)
            page.wait_for_selector(".tier-count", timeout=90_000)
            assert _counts(page) == expected_before

            slider = page.locator(".widget-slider", has_text="silver · 12-month")
            readout = slider.locator(".widget-readout")
            assert readout.inner_text() == "500"
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type("600")
            page.keyboard.press("Enter")
            page.wait_for_function(
                "document.querySelector('.tier-count[data-tier=silver]').innerText"
                f" === '{expected_after['silver']}'",
                timeout=30_000,
            )
            assert _counts(page) == expected_after
            assert int(page.inner_text(".near-miss-count")) == near_after
        finally:
            browser.close()
