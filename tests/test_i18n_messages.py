"""Every message a reader can be shown exists in every language's catalogue (crmlib/locale)."""

from __future__ import annotations

import pytest

from crmlib import i18n, locale
from crmlib.exercises import ch02, ch04
from crmlib.locale.__main__ import fields, marked_messages


def test_the_checks_mark_their_messages():
    assert len(marked_messages()) > 300


@pytest.mark.parametrize("language", [lang for lang in locale.LANGUAGES if lang != "en"])
def test_every_marked_message_is_translated_with_the_same_fields(language):
    table = locale.read_catalogue(language, "messages")
    marked = marked_messages()
    assert [m for m in marked if m not in table] == []
    assert [m for m in table if m not in marked] == [], "entries nothing shows any more"
    assert [m for (_, m) in marked if fields(m) != fields(table[(None, m)])] == []


def test_a_check_answers_in_the_readers_language():
    from crmlib.exercises.ch04 import T, inputs

    share = T.evaluate(T.textbook_policy(), inputs()).table.loc["gold", "cost_share_of_revenue"]
    wrong = ch04.q4(100 * share)  # a percentage where a fraction is asked for
    with i18n.using("zh"):
        shown_zh = str(wrong)
        hint_zh = ch02.hint(2)
    assert shown_zh.startswith("❌ 还不对。") and "请填 0 到 1 之间的小数" in shown_zh
    assert str(wrong).startswith("❌ Not yet.")  # then "(try n)" when other tests tried it
    assert str(wrong).endswith(" Give a fraction between 0 and 1.")
    assert hint_zh == locale.tr(ch02.HINTS[2], "zh") != ch02.hint(2)


def test_a_missing_translation_warns_and_shows_the_english():
    with pytest.warns(i18n.MissingLabel, match="no 'zh' message"):
        assert i18n.tr("Not a message of the suite.", "zh") == "Not a message of the suite."
    assert i18n.tr("{n} of {m}", "en", n=1, m=2) == "1 of 2"
