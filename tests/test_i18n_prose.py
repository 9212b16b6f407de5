"""The English left in the Chinese edition (crmlib.i18n.prose), counted by hand and on the
notebooks themselves (issue #27: fewer than 150 Latin-letter words in the zh prose)."""

from __future__ import annotations

import json
from pathlib import Path

from crmlib.i18n import prose

ROOT = Path(__file__).resolve().parents[1]


def test_prose_words_by_hand():
    text = (
        "复购率（repurchase rate）用 `orders` 列算，见 [说明](https://example.com/Help)。\n"
        "```python\nshop = load_store()\n```\n"
        "公式 $p = k / n$，模型 BG/NBD 和 Gamma-Gamma，会员 88VIP，昵称 w***9，第 k 位，**bold**。"
    )
    assert prose.prose_words(text) == [
        "repurchase", "rate", "BG", "NBD", "Gamma", "Gamma", "88VIP", "bold",
    ]  # fmt: skip
    assert prose.prose_words(text, {"BG", "NBD", "Gamma", "88VIP"}) == [
        "repurchase",
        "rate",
        "bold",
    ]


def test_table_words_by_hand():
    html = (
        "<table><thead><tr><th>客户编号</th><th>ROC AUC</th></tr></thead><tbody>"
        "<tr><th>C00012</th><td>w***9</td></tr><tr><th>model</th><td>0.5</td></tr>"
        "<tr><th>高消费(big_spender)</th><td>orders.csv</td></tr>"
        "</tbody></table>"
    )
    assert prose.table_words(html) == ["ROC", "AUC", "model"]
    assert prose.table_words(html, {"AUC"}) == ["ROC", "model"]


def test_english_left_reads_a_notebook_and_its_source(tmp_path):
    cells = [
        {"cell_type": "markdown", "source": ["## 标题 title\n", "正文 `code`"]},
        {"cell_type": "code", "source": "show(x)", "outputs": [
            {"output_type": "execute_result", "data": {"text/html": "<table><td>yes</td></table>"}}
        ]},
        {"cell_type": "code", "source": "print(1)", "outputs": [
            {"output_type": "stream", "text": "English in a printed line"}
        ]},
    ]  # fmt: skip
    notebook = tmp_path / "n.ipynb"
    notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    found = prose.english_left(notebook)
    assert found.prose == ["title"] and found.tables == {1: ["yes"]}
    assert found.tables_with_english == 1
    source = tmp_path / "n.py"
    source.write_text("# %% [markdown]\n# ## 标题 words here\n\n# %%\nx = 1\n", encoding="utf-8")
    assert prose.english_left(source).prose == ["words", "here"]


def test_the_glossary_abbreviations_are_read_from_its_table(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "# x\n## 中英术语表\n| 中文 | English | 释义 | 首次出现 |\n|---|---|---|---|\n"
        "| BG/NBD 模型 | BG/NBD model | 模型 | — |\n"
        "| 客户终身价值 | customer lifetime value (CLV) | 价值 | — |\n"
        "| 复购率 | repurchase rate | 比例 | — |\n## 下一节\n| RFM | x | y | z |\n",
        encoding="utf-8",
    )
    assert prose.glossary_abbreviations(readme) == {"BG", "NBD", "CLV"}


def test_the_chinese_edition_keeps_english_to_the_glossary():
    """Counted over notebooks/zh (prose from the sources): fewer than 150 Latin-letter words
    outside code and the glossary's abbreviations."""
    allowed = prose.glossary_abbreviations(ROOT / "README.zh-CN.md")
    counts = {
        source.name: len(prose.english_left(source, allowed).prose)
        for source in sorted((ROOT / "notebooks" / "zh").glob("*.py"))
    }
    assert sum(counts.values()) < 150, counts
