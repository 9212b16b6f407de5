"""Every message a check can show exists in every language (crmlib.i18n.messages)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from crmlib import i18n
from crmlib.exercises import ch02, ch04
from crmlib.i18n.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[1] / "crmlib"


def marked_messages() -> list[str]:
    """Every string marked ``_("...")`` in crmlib: the texts shown to students."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append(node.args[0].value)
    return list(dict.fromkeys(found))


def fields(text: str) -> list[str]:
    return sorted(f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name)


def test_the_checks_mark_their_messages():
    assert len(marked_messages()) > 100


@pytest.mark.parametrize("language", sorted(MESSAGES))
def test_every_marked_message_is_translated_with_the_same_fields(language):
    table = MESSAGES[language]
    marked = marked_messages()
    assert [m for m in marked if m not in table] == []
    assert [m for m in table if m not in marked] == [], "entries nothing shows any more"
    assert [m for m in marked if fields(m) != fields(table[m])] == []


def test_a_check_answers_in_the_readers_language():
    from crmlib.exercises.ch04 import T, inputs

    share = T.evaluate(T.textbook_policy(), inputs()).table.loc["gold", "cost_share_of_revenue"]
    wrong = ch04.q4(100 * share)  # a percentage where a fraction is asked for
    with i18n.using("zh"):
        shown_zh = str(wrong)
        hint_zh = ch02.hint(2)
    assert (
        shown_zh.startswith("❌ 还不对。")
        and MESSAGES["zh"]["Give a fraction between 0 and 1."] in shown_zh
    )
    assert str(wrong).startswith("❌ Not yet.")  # then "(try n)" when other tests tried it
    assert str(wrong).endswith(" Give a fraction between 0 and 1.")
    assert hint_zh == MESSAGES["zh"][ch02.HINTS[2]] != ch02.hint(2)


def test_a_missing_translation_warns_and_shows_the_english():
    with pytest.warns(i18n.MissingLabel, match="no 'zh' message"):
        assert i18n.tr("Not a message of the suite.", "zh") == "Not a message of the suite."
    assert i18n.tr("{n} of {m}", "en", n=1, m=2) == "1 of 2"
