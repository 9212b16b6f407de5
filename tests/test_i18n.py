"""The label catalogue and the display helper (crmlib.i18n), and the bundled font (crmlib.fonts)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from crmlib import i18n, rfm, satisfaction, segments, tiers
from crmlib.datasets import CHANNELS, FAMILY_ORDER
from crmlib.fonts import FAMILY, FONT_FILE
from crmlib.locale import LANGUAGES, catalogue

ROOT = Path(__file__).resolve().parents[1]


def test_every_label_exists_in_every_language():
    for kind, entries in catalogue().items():
        for key, texts in entries.items():
            assert set(texts) == set(LANGUAGES), (kind, key)
            assert all(t.strip() for t in texts.values()), (kind, key)


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("value_segment", segments.VALUE_SEGMENTS),
        ("lifecycle", segments.LIFECYCLE_STAGES),
        ("behaviour", segments.BEHAVIOUR_SEGMENTS),
        ("customer_type", satisfaction.QUADRANTS),
        ("tier", tiers.textbook_policy().names),
        ("channel", CHANNELS),
        ("family", FAMILY_ORDER),
        ("rf_segment", rfm.RF_SEGMENTS),
    ],
)
def test_every_category_the_library_produces_has_a_label(kind, values):
    assert all(i18n.has(f"{kind}.{v}") for v in values)


def test_chinese_labels_are_chinese():
    cjk = lambda s: any("\u4e00" <= ch <= "\u9fff" for ch in s)  # noqa: E731
    table = catalogue()
    for kind in ("value_segment", "lifecycle", "tier", "channel", "family", "customer_type"):
        assert all(cjk(texts["zh"]) for texts in table[kind].values()), kind


def test_every_label_renders_without_missing_glyphs(tmp_path):
    """Draw every label of every language with the bundled font; a missing glyph fails."""
    from crmlib.fonts import use_in_matplotlib

    use_in_matplotlib()
    texts = [t for entries in catalogue().values() for e in entries.values() for t in e.values()]
    fig, ax = plt.subplots(figsize=(8, 4))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        for i, text in enumerate(texts):
            ax.text(0, i % 40 / 40, text)
        fig.savefig(tmp_path / "labels.png", dpi=40)
    plt.close(fig)
    assert (tmp_path / "labels.png").stat().st_size > 0


def test_the_font_is_the_bundled_subset_and_small():
    from matplotlib import font_manager

    from crmlib.fonts import use_in_matplotlib

    use_in_matplotlib()
    found = font_manager.findfont(
        font_manager.FontProperties(family=FAMILY), fallback_to_default=False
    )
    assert found == str(FONT_FILE)
    assert FONT_FILE.stat().st_size < 5_000_000  # a subset, not the 16 MB original
    assert (FONT_FILE.parent / "OFL.txt").read_text(encoding="utf-8").count(
        "SIL OPEN FONT LICENSE"
    ) == 1


def test_show_translates_headers_and_categories_but_not_the_data():
    frame = pd.DataFrame(
        {"value_segment": pd.Categorical(["high", "low"]), "spend": [1.0, 2.0]},
        index=pd.Index(["gold", "silver"], name="tier"),
    )
    zh = i18n.show(frame, "zh")
    assert list(zh.columns) == ["价值分层", "消费金额(元)"]
    assert list(zh.index) == ["金卡会员", "银卡会员"] and zh.index.name == "会员等级"
    assert list(zh.iloc[:, 0]) == ["高价值客户", "低价值客户"]
    assert list(frame.columns) == ["value_segment", "spend"]  # the original is untouched
    en = i18n.show(frame, "en")
    assert list(en.columns) == ["value segment", "spend (CNY)"]


def test_a_missing_label_warns_and_falls_back():
    with pytest.warns(i18n.MissingLabel, match="no 'zh' label for 'column.nonsense'"):
        assert i18n.t("column.nonsense", "zh") == "nonsense"
    with pytest.raises(ValueError, match="language must be one of"):
        i18n.set_language("fr")  # type: ignore[arg-type]


GLOSSARY_KINDS = (
    "value_segment",
    "lifecycle",
    "behaviour",
    "customer_type",
    "movement",
    "service_kind",
    "family",
    "rf_segment",
)


def _glossary() -> list[dict[str, str]]:
    """The rows of README.zh-CN.md's 中英术语表 table."""
    text = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    section = text.split("## 中英术语表", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header == ["中文", "English", "释义", "首次出现"]
    return [
        dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True))
        for line in lines[2:]
    ]


def test_the_glossary_names_every_category_as_the_catalogue_does():
    rows = _glossary()
    english_of = {}
    for row in rows:
        english_of.setdefault(row["中文"], set()).add(row["English"])
    labels = catalogue()
    wanted = [
        (entry["zh"], entry["en"])
        for kind in (*GLOSSARY_KINDS, "tier")
        for key, entry in labels[kind].items()
        if (kind != "tier" or key in {"ordinary", "silver", "gold", "diamond"})
        and key != "all"  # a total row beside the categories, not a term
    ]
    missing = [zh for zh, _ in wanted if zh not in english_of]
    assert missing == [], f"the glossary lacks {missing}"
    # a Chinese term the catalogue uses is glossed with one of the catalogue's English names
    catalogue_english = {}
    for zh, en in wanted:
        catalogue_english.setdefault(zh, set()).add(en)
    wrong = [
        zh
        for zh, en in english_of.items()
        if zh in catalogue_english and not en & catalogue_english[zh]
    ]
    assert wrong == []
    assert len(rows) == len({row["中文"] for row in rows}), "a term is listed twice"


def test_every_glossary_row_has_a_definition_and_a_real_first_use():
    for row in _glossary():
        assert len(row["释义"]) >= 6 and re.search(r"[\u4e00-\u9fff]", row["释义"]), row
        link = re.fullmatch(r"\[\d\d\]\((notebooks/zh/[\w.]+\.ipynb)\)|—", row["首次出现"])
        assert link, row
        if link.group(1):
            assert (ROOT / link.group(1)).exists(), row
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "README.zh-CN.md" in "\n".join(readme.splitlines()[:5]), (
        "README.md links the Chinese one at the top"
    )


def test_show_writes_values_as_a_reader_would():
    frame = pd.DataFrame(
        {
            "gender": ["F", "M"],
            "vip88": [True, False],
            "signup_date": pd.to_datetime(["2024-04-18", None]),
            "roi": [3.5, float("nan")],
        }
    )
    with pd.option_context("display.float_format", "{:,.2f}".format):
        zh = i18n.show(frame, "zh")
        en = i18n.show(frame, "en")
    assert zh.iloc[:, 0].tolist() == ["女", "男"] and en.iloc[:, 0].tolist() == ["female", "male"]
    assert zh.iloc[:, 1].tolist() == ["是", "否"] and en.iloc[:, 1].tolist() == ["yes", "no"]
    assert zh.iloc[:, 2].tolist() == ["2024-04-18", i18n.MISSING]
    assert zh.iloc[:, 3].tolist() == ["3.50", i18n.MISSING]
    assert frame["roi"].isna().sum() == 1 and frame["vip88"].dtype == bool  # untouched


def test_months_are_written_in_the_readers_language():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    assert i18n.month_label(pd.Timestamp("2024-01-31"), "zh") == "2024年1月"
    assert i18n.month_label(pd.Timestamp("2025-10-01"), "en") == "Oct 2025"
    days = pd.Series(1.0, index=pd.date_range("2024-01-01", "2024-12-31", freq="D"))
    fig, ax = plt.subplots()
    days.plot(ax=ax, x_compat=True)
    with i18n.using("zh"):
        i18n.date_ticks(ax)
        fig.canvas.draw()
        ticks = [label.get_text() for label in ax.get_xticklabels()]
    plt.close(fig)
    assert ticks[:4] == ["2024年1月", "2024年4月", "2024年7月", "2024年10月"]


def test_a_true_false_index_reads_yes_no():
    table = pd.DataFrame({"spend": [1.0, 2.0]}, index=pd.Index([True, False], name="vip88"))
    assert list(i18n.show(table, "zh").index) == ["是", "否"]
    assert list(i18n.show(table, "en").index) == ["yes", "no"]


def test_a_filled_in_message_is_translated_by_its_template():
    from crmlib.i18n import tr_text

    filled = "implausibly large amount (over 1,000,000)"
    assert tr_text(filled, "zh") == "金额大得不合常理（超过 1,000,000）"
    assert tr_text(filled, "en") == filled and tr_text(3.5, "zh") == 3.5
    assert tr_text("missing amount", "zh") == "缺少金额"  # a whole text, by lookup
    with pytest.warns(i18n.MissingLabel):
        assert tr_text("a text nobody wrote", "zh") == "a text nobody wrote"


def test_a_missing_category_is_shown_as_missing_not_nan():
    frame = pd.DataFrame({"channel": pd.Series(["search_precise", None], dtype="category")})
    frame["tier"] = pd.Series(["gold", float("nan")], dtype=object)
    zh = i18n.show(frame, "zh")
    assert zh.iloc[1].tolist() == [i18n.MISSING, i18n.MISSING]
    assert zh.iloc[0].tolist() == [
        i18n.t("channel.search_precise", "zh"),
        i18n.t("tier.gold", "zh"),
    ]
