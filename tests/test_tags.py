"""Tags (crmlib.tags): rule and manual tags, crowd expressions, credit levels, Qianniu lists."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tinyshop as tiny
from crmlib import tags


def test_tag_table_and_select(archive):
    manual = pd.DataFrame({"customer_id": [5], "tag": ["wants_navy"], "note": ["asked twice"]})
    table = tags.tag_table(archive, manual=manual)
    assert set(table.loc[table["tag"] == "repeat_buyer", "customer_id"]) == {1, 4}
    assert set(table.loc[table["tag"] == "churn_risk", "customer_id"]) == {3}
    assert table.loc[table["tag"] == "wants_navy", "source"].tolist() == ["manual"]
    ids = archive.index
    assert list(tags.select(table, "repeat_buyer AND NOT complainer", ids)) == [4]
    assert list(tags.select(table, "repeat_buyer or wants_navy", ids)) == [1, 4, 5]
    assert list(tags.select(table, "NOT (repeat_buyer OR one_time_buyer)", ids)) == [5]
    assert list(tags.select(table, "NOT repeat_buyer AND NOT one_time_buyer", ids)) == [5]


def test_birthday_tag_counts_days_to_the_next_birthday(archive):
    countdown = archive["birthday_in_days"]
    assert countdown.loc[1] == 4 and countdown.loc[2] == 364 and countdown.loc[5] == 30


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("repeat_buyer AND", "ends too early"),
        ("(repeat_buyer", "missing '\\)'"),
        ("vip", "unknown tag 'vip'"),
        ("repeat_buyer repeat_buyer", "unexpected"),
        ("repeat_buyer & vip88", "cannot read"),
    ],
)
def test_select_errors(archive, expression, message):
    with pytest.raises(ValueError, match=message):
        tags.select(tags.tag_table(archive), expression)


def test_tag_errors(archive):
    with pytest.raises(ValueError, match="tag 'bad': cannot evaluate rule"):
        tags.tag_table(archive, [tags.Tag("bad", "no_such_column > 1")])
    with pytest.raises(ValueError, match="duplicate tag name"):
        tags.tag_table(archive, [tags.Tag("a", "orders > 0"), tags.Tag("a", "orders > 1")])
    with pytest.raises(ValueError, match=r"1 customer id\(s\) not in the archive"):
        tags.tag_table(archive, manual=pd.DataFrame({"customer_id": [99], "tag": ["x"]}))
    with pytest.raises(ValueError, match="must be a word"):
        tags.Tag("big spender", "orders > 0")


def test_credit_levels_at_the_band_edges():
    points = [0, 3, 4, 10, 11, 250, 251, 1200, 10000, 10001, 500000, 500001]
    labels = tags.credit_level(pd.Series(points))["label"].tolist()
    assert labels == [
        "无",
        "无",
        "1心",
        "1心",
        "2心",
        "5心",
        "1钻",
        "3钻",
        "5钻",
        "1冠",
        "5冠",
        "1金冠",
    ]
    with pytest.raises(ValueError, match="must be numbers 0 or more"):
        tags.credit_level(-1)


def test_qianniu_lists_and_crowds(archive):
    lists = tags.qianniu_lists(archive)
    assert lists.loc[5].tolist() == [False, True, True]  # not bought, inquired
    assert (lists["bought"] ^ lists["not_bought"]).all()
    crowd = tags.crowds(archive, tiny.visits(), as_of=tiny.AS_OF, interest_days=30, new_days=90)
    assert crowd["interest"].to_dict() == {1: False, 2: False, 3: False, 4: False, 5: True}
    assert list(crowd.index[crowd["new_customer"]]) == [2]
    assert list(crowd.index[crowd["repurchase"]]) == [1, 4]


def test_rule_tags_carry_their_meaning_in_the_readers_language(archive):
    from crmlib import i18n

    with i18n.using("zh"):
        zh = tags.tag_table(archive)
    en = tags.tag_table(archive)
    note_zh = zh.loc[zh["tag"] == "repeat_buyer", "note"].iloc[0]
    note_en = en.loc[en["tag"] == "repeat_buyer", "note"].iloc[0]
    assert note_zh == i18n.t("tag_meaning.repeat_buyer", "zh") != note_en
    own = tags.Tag("navy_fan", "orders >= 1", "asked for navy bags")
    assert tags.meaning(own) == "asked for navy bags"


def test_joined_tags_equal_a_join_per_customer():
    from crmlib.exercises._shop import archive as shop_archive
    from crmlib.tags import joined_tags, tag_table

    archive = shop_archive()
    table = tag_table(archive)
    expected = table.groupby("customer_id")["tag"].agg(";".join).reindex(archive.index).fillna("")
    got = joined_tags(table, archive.index)
    assert (got == expected).all() and (got == "").any() and got.str.contains(";").any()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 69)), max_size=200),
    st.sampled_from([5, 70]),  # fewer than 63 tag names (as integers) and more (as rows)
)
def test_joined_tags_with_few_and_many_tag_names(pairs, n_names):
    from crmlib.tags import joined_tags

    table = pd.DataFrame(
        [(c, f"t{tag % n_names:02d}") for c, tag in pairs], columns=["customer_id", "tag"]
    ).drop_duplicates()
    table = table.sort_values(["customer_id", "tag"])
    index = pd.Index(range(12))  # customers 10 and 11 have no tags
    expected = table.groupby("customer_id")["tag"].agg(";".join).reindex(index).fillna("")
    assert joined_tags(table, index).tolist() == expected.tolist()


def test_joined_tags_past_63_tag_names():
    from crmlib.tags import joined_tags

    names = [f"t{i:02d}" for i in range(70)]
    table = pd.DataFrame({"customer_id": [1] * 70 + [2, 2], "tag": names + ["t05", "t69"]})
    got = joined_tags(table, pd.Index([1, 2, 3]))
    assert got.tolist() == [";".join(names), "t05;t69", ""]


def test_a_mistyped_tag_expression_is_explained_in_the_notebooks_language():
    from crmlib import i18n

    with i18n.using("zh"), pytest.raises(ValueError) as error:
        tags.select(pd.DataFrame({"customer_id": [1], "tag": ["vip88"]}), "vip88 AND big_spendr")
    shown = str(error.value)
    assert "'big_spendr'" in shown and "不存在" in shown and "unknown" not in shown
    with pytest.raises(ValueError, match=r"missing '\)' in tag expression"):
        tags.select(pd.DataFrame({"customer_id": [1], "tag": ["vip88"]}), "(vip88")


def test_a_rule_reads_in_the_readers_words():
    from crmlib.locale import t

    rule = "orders > 0 and days_since_last >= 182"
    zh = tags.readable_rule(rule, "zh")
    assert zh == f"{t('column.orders', 'zh')} > 0 且 {t('column.days_since_last', 'zh')} ≥ 182"
    assert tags.readable_rule("vip88 == True or not community_member", "en") == (
        f"{t('column.vip88', 'en')} = yes or not {t('column.community_member', 'en')}"
    )
    assert tags.readable_rule("unknown_column != 2.5", "zh") == "unknown_column ≠ 2.5"
    for tag in tags.DEFAULT_TAGS:  # every shipped rule reads without a column name left
        assert "_" not in tags.readable_rule(tag.rule, "zh"), tag.name
