"""The course website: built offline with warnings as errors, links checked, a zh page in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_explorer_browser import BROWSER_ARGS, CHROMIUM, SCREENSHOTS, _require_browser

from crmlib import coursesite, i18n

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return coursesite.build(ROOT, tmp_path_factory.mktemp("site"))


def test_every_edition_and_guide_is_on_the_site_and_no_solution(site):
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    for language in ("zh", "en"):
        assert f"notebooks/{language}/00_python_primer.html" in pages
        assert f"exercises/{language}/01_crm_basics_exercises.html" in pages
    assert {"docs/teachers_guide.zh-CN.html", "docs/teachers_guide.html"} <= pages
    assert not [p for p in pages if "solutions" in p]
    # the explorer cell says, in the page's language, how to open the explorer
    page = (site / "notebooks/zh/04_tier_design.html").read_text(encoding="utf-8")
    assert i18n.t("ui.site_widget_note", "zh") in page and 'lang="zh-CN"' in page


def test_the_link_check_finds_broken_links_anchors_and_outside_loads(tmp_path):
    (tmp_path / "a.html").write_text(
        '<h1 id="top">a</h1><a href="b.html">b</a><a href="a.html#top">ok</a>'
        '<a href="a.html#nowhere">x</a><script src="https://cdn.example/x.js"></script>'
        '<img src="missing.png"><a href="https://example.org">out</a>',
        encoding="utf-8",
    )
    problems = coursesite.check(tmp_path)
    assert len(problems) == 4
    assert any("broken link b.html" in p for p in problems)
    assert any("broken anchor a.html#nowhere" in p for p in problems)
    assert any("outside resource https://cdn.example/x.js" in p for p in problems)
    assert any("missing file missing.png" in p for p in problems)


def test_a_chinese_page_shows_chinese_text_its_figures_and_the_bundled_font(site):
    _require_browser()
    from playwright.sync_api import sync_playwright

    font_loaded = """async () => {
        const faces = await document.fonts.load('16px "CRM Sans SC"', '客户关系管理');
        return faces.length > 0 && document.fonts.check('16px "CRM Sans SC"', '客户关系管理');
    }"""
    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=[*BROWSER_ARGS, "--allow-file-access-from-files"]
        )
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on(
            "request",
            lambda r: None if r.url.startswith(("file://", "data:")) else outside.append(r.url),
        )
        page.goto((site / "notebooks/zh/01_crm_basics.html").as_uri(), wait_until="load")
        assert page.get_attribute("html", "lang") == "zh-CN"
        assert "复购率" in page.inner_text("article")
        assert page.evaluate(font_loaded), "the bundled Chinese font did not load"
        widths = page.eval_on_selector_all("article img", "imgs => imgs.map(i => i.naturalWidth)")
        assert len(widths) >= 2 and min(widths) > 100  # the figures are drawn
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("article img").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "site_zh_01.png"))
        browser.close()
    assert outside == []
