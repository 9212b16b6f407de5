"""Checks for the chapter 03 exercises (tagging, §7.2.2-7.2.3)."""

from __future__ import annotations

from .. import tags
from . import Feedback, _, check_choice, check_number, check_reflection, close_to, helpers, task
from ._shop import archive

HINTS = {
    1: _(
        "Find the band the points fall in, in the table of notebook 03 §3 (251-500 is one diamond, 501-1,000 two, and so on)."
    ),
    2: _("Build the tag table with the default tags, then select with AND and NOT."),
    3: _(
        "Use the archive: `inquiries` counts pre-sale contacts with customer service, `orders` counts completed orders."
    ),
    4: _("A good tag is a rule anyone can read and check, with an action attached to it."),
    5: _(
        "Rules say what you already believe matters; clusters show groups you did not define. What does each miss?"
    ),
}
SOLUTIONS = {
    1: _("tags.credit_level(1200)['label'], or the band table in notebook 03"),
    2: _("len(tags.select(tags.tag_table(archive), 'repeat_buyer AND NOT churn_risk'))"),
    3: _("(qianniu_lists(archive).inquired & qianniu_lists(archive).not_bought).sum()"),
    4: _("See the worked reflection in the solutions notebook."),
    5: _("See the worked reflection in the solutions notebook."),
}

MODEL_ANSWERS = {
    4: _(
        "1. birthday_vip: birthday_in_days <= 7 and spend_12m >= 500 -> send a birthday greeting with a 50 yuan coupon; it shows care to customers whose loyalty is worth keeping. 2. unhappy_repeat: complaints >= 1 and orders >= 3 -> a care call from a senior agent within two days, because a loyal customer who complained is at risk of churn. 3. asked_not_bought: inquiries >= 1 and orders == 0 -> an SMS with a small first-order offer, because they showed interest and talked to us but something stopped them."
    ),
    5: _(
        "Rules are readable: anyone can see the threshold, explain why a customer carries a tag and change it when the policy changes, and the tag stays stable from month to month. But rules only find what we already believe matters: someone has to think of a group before a rule can name it. Clusters are data-driven and can propose a group nobody wrote a rule for; here, unprompted, they set apart a large group of lapsed repeat buyers with higher spend. Their boundaries are drawn by the data, so they move when the data, k or the random seed change, and each cluster still needs a human to name it and interpret it before anyone can act on it."
    ),
}

hint, solution, model_answer = helpers(HINTS, SOLUTIONS, MODEL_ANSWERS)


@task
def q1(answer: object) -> Feedback:
    """The credit level of a buyer with 1,200 credit points, as a label such as '2心'."""
    labels = [f"{k}{z}" for z in ("心", "钻", "冠", "金冠") for k in range(1, 6)] + ["无"]
    return check_choice(
        answer,
        tags.credit_level(1200)["label"].iat[0],
        options=labels,
        mistakes={
            "2钻": _("2 diamonds is 501-1,000 points; 1,200 is in the next band."),
            "4钻": _("4 diamonds starts at 2,001 points."),
            "1冠": _("Crowns start at 10,001 points."),
        },
        right=_("1,001-2,000 points is three diamonds."),
        hint=HINTS[1],
    )


@task
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
            (
                close_to(either, 0),
                _("That is OR, not AND: the crowd must satisfy both conditions."),
            ),
            (
                close_to(both, 0),
                _("You forgot the NOT: we want repeat buyers who are *not* at risk."),
            ),
        ],
        right=_(
            "These are the repeat buyers still active: the crowd for a new-collection preview."
        ),
        hint=HINTS[2],
    )


@task
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
                _("That counts every non-buyer; keep only those who inquired."),
            ),
            (
                close_to(int(lists["inquired"].sum()), 0),
                _("That counts every inquirer, buyers included."),
            ),
        ],
        right=_("Customer service talked to them and they still did not buy: worth a follow-up."),
        hint=HINTS[3],
    )


@task
def q4(answer: object) -> Feedback:
    """Design: propose three tags for the shop (name, rule, and the action each triggers)."""
    return check_reflection(
        answer,
        [
            _("a rule on the archive's columns"),
            _("the action the tag triggers"),
            _("why it matters for the relationship"),
        ],
    )


@task
def q5(answer: object) -> Feedback:
    """Discussion: rule tags or k-means clusters — what does each give, and what does each miss?"""
    return check_reflection(
        answer,
        [
            _("readability and control of rules"),
            _("what clusters discover"),
            _("stability and naming"),
        ],
    )
