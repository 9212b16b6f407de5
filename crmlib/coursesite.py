"""The course website: the executed notebooks of every edition, the READMEs and the teacher's
guide, as a static site built offline (Sphinx + myst-nb; ``python3 tasks.py site``).

The sources are copied into a scratch folder first (``prepare``): nothing is executed, the
committed outputs are shown, solutions are left out, and a widget's output (which needs a kernel)
becomes a note in the page's language. ``check`` then proves, without a network, that every
internal link and anchor resolves and that no page loads anything from an outside host.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .i18n import LANGUAGES, t

WIDGET = "application/vnd.jupyter.widget-view+json"
PAGES = ("notebooks/{lang}/*.ipynb", "exercises/{lang}/*_exercises.ipynb")
LOADS = {
    ("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
    ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"),
}  # fmt: skip


def _widgets_to_notes(path: Path, language: str) -> None:
    """A static page cannot run a widget: put a note in the reader's language in its place."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    note = t("ui.site_widget_note", language)
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if WIDGET in output.get("data", {}):
                output["data"] = {
                    "text/html": f'<p class="widget-note">{note}</p>',
                    "text/plain": note,
                }
    notebook.get("metadata", {}).pop("widgets", None)
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")


def prepare(root: Path, src: Path) -> int:
    """Copy the site's sources into ``src``; return the number of notebooks."""
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(root / "site", src)
    for name in (
        "README.md",
        "README.zh-CN.md",
        *(p.relative_to(root) for p in root.glob("docs/*.md")),
    ):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, src / name)
    count = 0
    for language in LANGUAGES:
        for pattern in PAGES:
            for notebook in sorted(root.glob(pattern.format(lang=language))):
                target = src / notebook.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(notebook, target)
                _widgets_to_notes(target, language)
                count += 1
    for name in ("CRMSansSC-Regular.otf", "CRMSansTC-Regular.otf", "OFL.txt"):
        shutil.copy2(root / "crmlib" / "fonts" / name, src / "_static" / name)
    return count


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.ids.update(a[key] for key in ("id", "name") if a.get(key))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for loading_tag, attr in LOADS:
            if tag == loading_tag and a.get(attr) and a.get("rel") != "canonical":
                self.loads.append(a[attr])


def _outside(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https") or url.startswith("//")


def check(html: Path) -> list[str]:
    """Problems of a built site: broken internal links or anchors, missing or outside loads."""
    pages = {p.resolve(): _Page() for p in html.rglob("*.html")}
    for path, page in pages.items():
        page.feed(path.read_text(encoding="utf-8"))
    problems = []
    for path, page in pages.items():
        where = path.relative_to(html.resolve())
        for url in page.loads:
            local = (path.parent / unquote(urlsplit(url).path)).exists()
            if _outside(url):
                problems.append(f"{where}: loads an outside resource {url}")
            elif not urlsplit(url).scheme and not local:
                problems.append(f"{where}: loads a missing file {url}")
        for url in page.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue  # links out (the theme's credits) are not loads; not followed offline
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.exists():
                problems.append(f"{where}: broken link {url}")
            elif (
                parts.fragment
                and target in pages
                and unquote(parts.fragment) not in pages[target].ids
            ):
                problems.append(f"{where}: broken anchor {url}")
    outside_css = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?:https?:)?//""")
    for css in html.rglob("*.css"):
        if outside_css.search(css.read_text(encoding="utf-8")):
            problems.append(f"{css.relative_to(html)}: loads an outside resource")
    cdn = re.compile(r"""https?://(?:cdn|unpkg|cdnjs|fonts\.googleapis)[^\s'"]*""")
    for js in html.rglob("*.js"):
        for url in cdn.findall(js.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{js.relative_to(html)}: mentions a CDN {url}")
    return problems


def build(root: Path, out: Path) -> Path:
    """Prepare, build with every warning an error, check; return the HTML folder."""
    src, html = out / "src", out / "html"
    count = prepare(root, src)
    shutil.rmtree(html, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-E", "-q", "-b", "html", "-W", "--keep-going"]
    command += ["-d", str(out / "doctrees"), str(src), str(html)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the site build failed:\n{result.stderr or result.stdout}")
    problems = check(html)
    if problems:
        raise SystemExit("the site has problems:\n" + "\n".join(problems))
    print(f"site: {count} notebooks, {len(list(html.rglob('*.html')))} pages -> {html}/index.html")
    return html


if __name__ == "__main__":
    build(Path.cwd(), Path(sys.argv[1] if len(sys.argv) > 1 else "build/site"))
