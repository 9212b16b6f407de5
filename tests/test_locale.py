"""The gettext catalogues (crmlib.locale): complete, compiled faithfully, and a language is a folder."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest

from crmlib import locale
from crmlib.locale.__main__ import compile_all, extract, load, main, problems, save

HERE = locale.LOCALE_DIR


def test_every_catalogue_is_complete_with_no_fuzzy_entry_and_the_same_fields():
    assert problems() == []
    assert main(["check"]) == 0


def test_every_language_has_every_label():
    table = locale.catalogue()
    assert sum(len(entries) for entries in table.values()) > 600
    for kind, entries in table.items():
        for key, texts in entries.items():
            assert set(texts) == set(locale.LANGUAGES), (kind, key)
            assert all(text.strip() for text in texts.values()), (kind, key)


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the catalogues, without compiled files."""
    folder = tmp_path / "locale"
    shutil.copytree(HERE, folder, ignore=shutil.ignore_patterns("*.py", "*.mo", "__pycache__"))
    return folder


def test_the_compiled_catalogue_holds_what_the_po_says(copy):
    from_po = {
        (lang, domain): locale.read_catalogue(lang, domain, copy)
        for lang in locale.LANGUAGES
        for domain in locale.DOMAINS
    }
    written = compile_all(copy)
    assert len(written) == len(list(copy.glob("*/LC_MESSAGES/*.po")))
    for (lang, domain), entries in from_po.items():
        assert locale.read_catalogue(lang, domain, copy) == entries, (lang, domain)
    zh = from_po[("zh", "labels")]
    assert zh[("value_segment", "high")] == "高价值客户"  # as the .po file spells it
    assert from_po[("en", "labels")][("value_segment", "high")] == "high value"


def test_a_compiled_file_older_than_its_po_is_not_used(copy):
    compile_all(copy)
    po = locale.catalogue_path("zh", "labels", copy)
    catalog = load(po)
    catalog.get("high", context="value_segment").string = "高价值(改过)"
    save(catalog, po)
    mo = po.with_suffix(".mo")
    os.utime(mo, (po.stat().st_mtime - 10, po.stat().st_mtime - 10))
    assert locale.read_catalogue("zh", "labels", copy)[("value_segment", "high")] == "高价值(改过)"


def test_a_fuzzy_entry_is_not_shown_and_is_reported(copy):
    po = locale.catalogue_path("zh", "messages", copy)
    catalog = load(po)
    entry = catalog.get("missing buyer")
    entry.flags.add("fuzzy")
    save(catalog, po)
    assert (None, "missing buyer") not in locale.read_catalogue("zh", "messages", copy)
    assert any("fuzzy 'missing buyer'" in p for p in problems(copy))
    compile_all(copy)  # gettext leaves fuzzy entries out of the compiled file too
    assert (None, "missing buyer") not in locale.read_catalogue("zh", "messages", copy)


def test_different_fields_are_reported(copy):
    po = locale.catalogue_path("zh", "messages", copy)
    catalog = load(po)
    catalog.get("note: {note}").string = "提示：{remark}"
    save(catalog, po)
    assert any("fields differ in 'note: {note}'" in p for p in problems(copy))


def test_a_new_language_is_a_folder(copy):
    assert locale._languages(copy) == locale.LANGUAGES
    (copy / "fr" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(copy / "en" / "LC_MESSAGES" / "labels.po", copy / "fr" / "LC_MESSAGES")
    assert locale._languages(copy) == (*locale.LANGUAGES[:2], "fr", *locale.LANGUAGES[2:])
    assert locale.LANGUAGES[:2] == ("zh", "en")  # the first edition first


def test_extract_adds_new_messages_and_removes_what_no_code_shows(tmp_path, copy):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text(
        'from crmlib.locale import _, pgettext\nX = _("missing buyer")\n'
        'Y = _("hello {name}")\nZ = pgettext("menu", "open")\n',
        encoding="utf-8",
    )
    before = len(locale.read_catalogue("zh", "messages", copy))
    assert extract(copy, package)["zh"] == (2, before - 1)
    path = locale.catalogue_path("zh", "messages", copy)
    entries = {(m.context, m.id): m.string for m in load(path) if m.id}
    assert entries == {
        (None, "missing buyer"): "缺少买家",
        (None, "hello {name}"): "",
        ("menu", "open"): "",
    }
    assert any("untranslated 'hello {name}'" in p for p in problems(copy))


def test_messages_are_translated_before_their_fields_are_filled_in():
    # the field's value is an English message: tr leaves it as given, tr_text translates it
    shown = locale.tr("note: {note}", "zh", note="missing buyer")
    assert shown == "提示：missing buyer"
    assert locale.tr_text("note: missing buyer", "zh") == "提示：缺少买家"
    assert locale.tr("{n} of {m}", "en", n=1, m=2) == "1 of 2"
    assert locale.tr_text(3, "zh") == 3
    with pytest.warns(locale.MissingLabel):
        assert locale.tr_text("no such text", "zh") == "no such text"


def test_a_missing_label_warns_and_shows_its_key():
    with pytest.warns(locale.MissingLabel, match="no 'zh' label for 'column.nonsense'"):
        assert locale.t("column.nonsense", "zh") == "nonsense"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert locale.t("fig.month_tick", "zh", year=2024, month=3, abbr="Mar") == "2024年3月"
        assert locale.t("fig.month_tick", "en", year=2024, month=3, abbr="Mar") == "Mar 2024"


def test_activate_refuses_a_language_without_a_catalogue():
    with pytest.raises(ValueError, match="language must be one of"):
        locale.activate("fr")
    before = locale.current()
    locale.activate("zh")
    try:
        assert locale.t("value_segment.high") == "高价值客户"
    finally:
        locale.activate(before)


def test_a_message_is_translated_first_and_filled_in_after():
    inner = locale.Message(locale._("timed out after {timeout} s"), timeout=60)
    outer = locale.Message(locale._("This notebook could not be graded: {reason}."), reason=inner)
    assert outer == "This notebook could not be graded: timed out after 60 s."
    assert (
        locale.tr_text(outer, "zh") == "这个笔记本无法评分：" + locale.tr_text(inner, "zh") + "。"
    )
    assert "60" in locale.tr_text(inner, "zh") and "timed out" not in locale.tr_text(inner, "zh")
    assert locale.tr_text(outer, "en") == str(outer) and type(locale.tr_text(outer, "en")) is str
    # a file name that happens to be a message's text is still filled in as it is
    reading = locale.Message(locale._("reading {file}"), file="done")
    assert locale.tr_text(reading, "zh") == "正在读取 done"


def test_a_message_survives_pickling_and_an_exception():
    import pickle

    message = locale.Message(locale._("reading {file}"), file="a.csv")
    again = pickle.loads(pickle.dumps(message))
    assert (
        again == message
        and again.template == message.template
        and again.values == {"file": "a.csv"}
    )
    error = ValueError(message)
    assert locale.message_of(error) is message and str(error) == "reading a.csv"
    assert locale.tr_text(error, "zh") == "正在读取 a.csv"
    assert locale.shown(KeyError("no such column")) == "'no such column'"


def test_the_traditional_catalogues_are_made_from_the_simplified_ones(copy):
    from crmlib.locale.__main__ import make_traditional

    for path in make_traditional(copy):  # made again from the copy's zh
        committed = HERE / path.relative_to(copy)
        made = {(m.context, m.id): m.string for m in load(path) if m.id}
        assert made == {(m.context, m.id): m.string for m in load(committed) if m.id}, path.name


def test_code_fields_and_the_words_of_the_export_stay_as_written():
    from crmlib.locale.__main__ import to_traditional

    text = "用 `rfm_table` 找出 '重要价值客户' 的 {count} 个客户（交易成功）"
    assert to_traditional(text, keep=("交易成功",)) == (
        "用 `rfm_table` 找出 '重要价值客户' 的 {count} 個客戶（交易成功）"
    )
    assert to_traditional("会员等级与满意度") == "會員等級與滿意度"


def test_a_translation_broken_by_hand_is_reported_and_never_crashes_a_reader(copy, monkeypatch):
    po = locale.catalogue_path("zh", "messages", copy)
    catalog = load(po)
    catalog.get("note: {note}").string = "提示：{note"  # a brace lost in an editor
    save(catalog, po)
    assert any("fields differ in 'note: {note}'" in p for p in problems(copy))
    entries = locale.read_catalogue("zh", "messages", copy)
    monkeypatch.setattr(locale, "_entries", lambda language, domain: entries)
    with pytest.warns(locale.MissingLabel, match="unusable 'zh' message"):
        assert locale.tr("note: {note}", "zh", note="x") == "note: x"  # the English instead
    with pytest.raises(KeyError):
        locale.tr("{a} and {b}", "en", a=1)  # the code's own template stays an error
