"""Sphinx configuration of the course website (built by `python3 tasks.py site`).

Renders the committed outputs of the notebooks (no execution, no kernel) and loads
nothing from outside hosts: no MathJax, no require.js, no web fonts from a CDN.
"""

project = "crm-notebooks"
author = "crm-notebooks"
copyright = "crm-notebooks"
language = "en"  # pages of the zh edition get lang="zh-CN" below

extensions = ["myst_nb"]
root_doc = "index"
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**/*.py", "**/*_solutions.ipynb", "**/.ipynb_checkpoints"]

# myst-nb: show what is committed, never start a kernel
nb_execution_mode = "off"
nb_merge_streams = True
nb_output_stderr = "show"
myst_heading_anchors = 3  # slugs for ## and ### headings, so links to #sections resolve
suppress_warnings = []  # keep every warning: the build runs with -W --keep-going

# Offline: no math in the suite, and none may pull MathJax from a CDN.
# (If a notebook ever gets $...$, vendor MathJax under _static and set mathjax_path to it.)
mathjax_path = (
    "mathjax-not-bundled.js"  # never emitted unless a page has math; the grep test catches it
)
nb_ipywidgets_js = {}  # never add require.js / html-manager from cdnjs / jsdelivr

html_theme = "furo"
html_title = "crm-notebooks"
html_static_path = ["_static"]
html_css_files = ["fonts.css"]
html_copy_source = False  # no _sources/*.ipynb.txt copies (halves the size)
html_show_sourcelink = False
html_theme_options = {
    "light_css_variables": {
        "font-stack": '-apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, '
        '"Microsoft YaHei", "PingFang SC", "CRM Sans SC", sans-serif',
    },
}

# Search: jieba splits Chinese words for the index; English words are still indexed and stemmed.
html_search_language = "zh"
try:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter in the build log
except ImportError:  # without jieba the index has no Chinese words at all
    pass

# linkcheck (only internal links are checked; runs offline)
linkcheck_ignore = [r"https?://.*", r"mailto:.*"]

ZH_PAGES = ("README.zh-CN", "docs/teachers_guide.zh-CN", "notebooks/zh/", "exercises/zh/")


def _page_language(app, pagename, templatename, context, doctree):
    if pagename.startswith(ZH_PAGES):
        context["language"] = "zh-CN"


def setup(app):
    app.connect("html-page-context", _page_language)
    # Sphinx 9.0.4 names the JS stemmer after language_name, but the zh search uses the
    # English stemmer: "ChineseStemmer is not defined" and search hangs (sphinx-doc/sphinx#14229,
    # fixed upstream by #14416, not yet released). Drop this when Sphinx > 9.0.4 is pinned.
    from sphinx.search.zh import SearchChinese

    class SearchChineseFixed(SearchChinese):
        language_name = "English"

    app.add_search_language(SearchChineseFixed)
