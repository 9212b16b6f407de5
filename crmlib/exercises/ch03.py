"""Checks for the chapter 03 exercises (tagging, §7.2.2-7.2.3)."""

from __future__ import annotations

from .. import tags
from . import Feedback, check_choice, check_number, check_reflection, close_to, helpers
from ._shop import archive, store

HINTS = {
    1: "Find the band: 251-500 is one diamond, 501-1,000 two, 1,001-2,000 three …",
    2: "Build the tag table with the default tags, then select with AND and NOT.",
    3: "Use the archive: `inquiries` counts pre-sale contacts with customer service, `orders` counts completed orders.",
    4: "A good tag is a rule anyone can read and check, with an action attached to it.",
    5: "Rules say what you already believe matters; clusters show groups you did not define. What does each miss?",
}
SOLUTIONS = {
    1: "tags.credit_level(1200).label -> '3钻' (three diamonds)",
    2: "len(tags.select(tags.tag_table(archive), 'repeat_buyer AND NOT churn_risk'))",
    3: "(qianniu_lists(archive).inquired & qianniu_lists(archive).not_bought).sum()",
    4: "See the worked reflection in the solutions notebook.",
    5: "See the worked reflection in the solutions notebook.",
}

hint, solution = helpers(HINTS, SOLUTIONS)


def q1(answer: object) -> Feedback:
    """The credit level of a buyer with 1,200 credit points, as a label such as '2心'."""
    labels = [f"{k}{z}" for z in ("心", "钻", "冠", "金冠") for k in range(1, 6)] + ["无"]
    return check_choice(
        answer,
        tags.credit_level(1200)["label"].iat[0],
        options=labels,
        mistakes={
            "2钻": "2 diamonds is 501-1,000 points; 1,200 is in the next band.",
            "4钻": "4 diamonds starts at 2,001 points.",
            "1冠": "Crowns start at 10,001 points.",
        },
        right="1,001-2,000 points is three diamonds.",
        hint=HINTS[1],
    )


def q2(answer: object) -> Feedback:
    """How many customers are tagged repeat_buyer AND NOT churn_risk (default tags)?"""
    table = tags.tag_table(archive())
    expected = len(tags.select(table, "repeat_buyer AND NOT churn_risk"))
    either = len(tags.select(table, "repeat_buyer OR NOT churn_risk"))
    both = len(tags.select(table, "repeat_buyer AND churn_risk"))
    return check_number(
        answer,
        expected,
        rel_tol=0,
        mistakes=[
            (close_to(either, 0), "That is OR, not AND: the crowd must satisfy both conditions."),
            (close_to(both, 0), "You forgot the NOT: we want repeat buyers who are *not* at risk."),
        ],
        right="These are the repeat buyers still active: the crowd for a new-collection preview.",
        hint=HINTS[2],
    )


def q3(answer: object) -> Feedback:
    """How many customers inquired (询单) but never bought (未成交)?"""
    lists = tags.qianniu_lists(archive())
    expected = int((lists["inquired"] & lists["not_bought"]).sum())
    return check_number(
        answer,
        expected,
        rel_tol=0,
        mistakes=[
            (
                close_to(int(lists["not_bought"].sum()), 0),
                "That counts every non-buyer; keep only those who inquired.",
            ),
            (
                close_to(int(lists["inquired"].sum()), 0),
                "That counts every inquirer, buyers included.",
            ),
        ],
        right="Customer service talked to them and they still did not buy: worth a follow-up.",
        hint=HINTS[3],
    )


def q4(answer: object) -> Feedback:
    """Design: propose three tags for the shop (name, rule, and the action each triggers)."""
    return check_reflection(
        answer,
        {
            "a rule on the archive's columns": [
                "orders",
                "spend",
                "days",
                "rating",
                "complaint",
                "coupon",
                ">=",
                "<=",
                "==",
                ">",
                "<",
                "inquir",
                "birthday",
                "visit",
            ],
            "the action the tag triggers": [
                "coupon",
                "message",
                "sms",
                "greeting",
                "call",
                "gift",
                "send",
                "offer",
                "短信",
                "关怀",
                "email",
                "push",
                "remind",
                "推送",
                "优惠券",
            ],
            "why it matters for the relationship": [
                "loyal",
                "churn",
                "value",
                "retain",
                "satisf",
                "忠诚",
                "流失",
                "满意",
                "care",
                "relationship",
                "keep",
                "关系",
                "trust",
            ],
        },
        min_words=30,
    )


def q5(answer: object) -> Feedback:
    """Discussion: rule tags or k-means clusters — what does each give, and what does each miss?"""
    _ = store()
    return check_reflection(
        answer,
        {
            "readability and control of rules": [
                "rule",
                "readable",
                "explain",
                "threshold",
                "control",
                "规则",
                "clear",
                "transparent",
                "business",
            ],
            "what clusters discover": [
                "cluster",
                "discover",
                "data-driven",
                "pattern",
                "k-means",
                "聚类",
                "group",
                "unsupervised",
                "hidden",
                "segment",
            ],
            "stability and naming": [
                "stable",
                "name",
                "change",
                "random",
                "k ",
                "interpret",
                "boundar",
                "seed",
                "vary",
                "label",
                "稳定",
                "命名",
            ],
        },
    )
