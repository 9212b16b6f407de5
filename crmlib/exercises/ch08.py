"""Checks for the chapter 08 exercises (keeping customers, §7.3: grades, outreach, A/B tests)."""

from __future__ import annotations

from .. import experiments as ex
from .. import outreach as out
from . import Feedback, _, check_number, check_reflection, close_to, helpers, task
from ._shop import as_of, store
from .setups import experiment

PUBLIC = ("experiment",)  # set-ups a student notebook uses, kept in their copy

HINTS = {
    1: _(
        "ex.sample_size(p_control, mde) gives the customers per group: the rate without the coupon, and the effect to detect as a fraction (3 points = 0.03)."
    ),
    2: _(
        "Build the audience again as notebook 08 §2 does, with out.audience and the same crowd, customers, contacts and date, but with a rule whose frequency cap (cap_days) is 14 days instead of 7; then count the customer ids in it."
    ),
    3: _("result is the test read for the whole audience; its interval is ci_low to ci_high."),
    4: _(
        "out.value_of_targeting(by_grade, sizes, [the grade], order_value) gives the campaign's value; read its net. In code the growing grade is written 'growing' (in quotes)."
    ),
    5: _(
        "Use the grades and the test: what each grade gets, who gets a call and who a coupon, who is left alone, and how you would know it worked."
    ),
    6: _(
        "Take the five parts in turn: goal, who is invited and where, rules and who answers, a week of posts, and the numbers you would watch. Notebook 08 §5 shows why members and non-members cannot simply be compared."
    ),
}
SOLUTIONS = {
    1: _("ex.sample_size(0.10, 0.03)"),
    2: _("len(out.audience(crowd, ..., out.OutreachRule(cap_days=14)).ids)"),
    3: _("result.ci_low"),
    4: _("out.value_of_targeting(by_grade, sizes, ['growing'], order_value)['net']"),
    5: _("See the worked reflection in the solutions notebook."),
    6: _("See the worked plan in the solutions notebook."),
}
MODEL_ANSWERS = {
    5: _(
        "Start from the grades. Mature customers get a person: a dedicated agent who answers fast, remembers their sizes and preferences, and calls after a problem; priority shipping and a birthday message keep the tie. Growing customers get attention that helps them grow: personal recommendations after each order, an invitation to the customer group, a reminder of how close the next grade is. Churned customers get one win-back message with a coupon, but only those who agreed to marketing messages, and not more often than once a week. The test showed why the grades matter: the coupon brought churned customers back but only gave a discount to growing customers who buy anyway, so I would not send coupons to everyone. Staff should also answer every review and solve complaints at the first contact, because a complaint handled well keeps a customer. Whether a new measure works I would check as the shop did here: try it on a random half and compare."
    ),
    6: _(
        "Goal: a Qianniu group for buyers of our handbags, so that the shop can announce new items and member offers and answer questions in one place, and members get early news, member-only coupons and quick answers. Who: buyers with a completed order in the last 12 months, invited on the card in the parcel, in the thank-you message after a good review, and by service staff after an after-sale problem was solved; only customers who agreed to marketing messages. Creating it: in the Qianniu workbench, 接待中心 → 我管理的群 → 创建普通群, named after the shop's line (for example 女包), with the entry conditions and the group rules set there. Rules: no advertising by members, questions answered by the on-duty agent within 5 minutes in working hours, complaints moved to a private chat at once, at most one promotion a day. A week: Monday new arrivals with real photos and a size chart; Wednesday a styling tip or a buyer's photo (with permission); Friday a member-only coupon; Sunday a question asking for feedback on a recent item; answers every day. Measures: members who post or open links each week, complaints and how fast they are solved, and repurchase of members against comparable non-members (same channel and earlier purchases, as notebook 08 §5 adjusts), not the naive gap, which flatters the group."
    ),
}

RUBRIC_GROUP = [
    _("the group's goal, for the shop and for its members (why join)"),
    _("who is invited, where the invitation appears, and consent"),
    _("how the group is created and its rules: who answers, how fast, what is not allowed"),
    _("a content calendar: what is posted when"),
    _("what to measure, compared fairly (not members against all others)"),
]

hint, solution, model_answer = helpers(HINTS, SOLUTIONS, MODEL_ANSWERS)

RUBRIC = [
    _("differentiated service by grade (mature, growing, ordinary, churned)"),
    _("who gets a personal contact, who a coupon, and who is left alone (consent, frequency cap)"),
    _("service quality: fast answers, complaints solved, reviews answered"),
    _("the uplift, not the buyers: coupons wasted on customers who buy anyway"),
    _("how to know a measure works: a random test with a control group"),
]


@task
def q1(answer: object) -> Feedback:
    """Customers per group to detect 3 points on a 10% rate (5% level, 80% power)."""
    n = ex.sample_size(0.10, 0.03)
    return check_number(
        answer,
        n,
        rel_tol=0,
        abs_tol=0.5,
        mistakes=[
            (
                close_to(2 * n, 0.001),
                _("That is both groups together; the question asks per group."),
            ),
            (
                close_to(ex.sample_size(0.10, 0.03, power=0.9), 0.001),
                _("That is for 90% power; the test asks for 80%."),
            ),
            (
                close_to(ex.sample_size(0.10, 0.02), 0.001),
                _("That is for an effect of 2 points; the shop wants to detect 3."),
            ),
        ],
        right=_(
            "Smaller effects need many more customers: the number needed is roughly inversely proportional to the square of the effect."
        ),
        hint=HINTS[1],
    )


@task
def q2(answer: object) -> Feedback:
    """How many customers may get the SMS with a 14-day frequency cap (consent required)?"""
    e = experiment()
    s = store()
    capped = out.audience(e.crowd, s.customers, e.contacts, as_of(), out.OutreachRule(cap_days=14))
    no_cap = out.audience(e.crowd, s.customers, e.contacts, as_of(), out.OutreachRule(cap_days=0))
    return check_number(
        answer,
        len(capped.ids),
        rel_tol=0,
        abs_tol=0.5,
        mistakes=[
            (
                close_to(len(e.audience.ids), 0.0001),
                _("That is the 7-day audience of the notebook; set cap_days=14."),
            ),
            (
                close_to(len(no_cap.ids), 0.0001),
                _("That keeps everyone messaged recently: the frequency cap takes them out."),
            ),
            (
                close_to(len(e.crowd), 0.0001),
                _(
                    "That is the whole crowd: take out those without consent, and those messaged recently."
                ),
            ),
        ],
        right=_(
            "A longer cap protects customers from too many messages, and shrinks the audience."
        ),
        hint=HINTS[2],
    )


@task
def q3(answer: object) -> Feedback:
    """The lower end of the 95% interval of the coupon's uplift on the whole audience (fraction)."""
    r = experiment().result
    return check_number(
        answer,
        r.ci_low,
        rel_tol=0,
        abs_tol=0.0005,
        mistakes=[
            (
                close_to(100 * r.ci_low, 0, 0.06),  # as printed, in points (e.g. 0.3)
                _("That is in percentage points: give a fraction."),
            ),
            (close_to(r.ci_high, 0.01), _("That is the upper end of the interval.")),
            (
                close_to(r.difference, 0.01),
                _("That is the estimate itself; the interval is around it."),
            ),
        ],
        right=_("Above zero: the coupon's effect is unlikely to be chance."),
        hint=HINTS[3],
    )


@task
def q4(answer: object) -> Feedback:
    """The net value in yuan of sending the coupon only to growing customers."""
    e = experiment()
    value = out.value_of_targeting(e.by_grade, e.sizes, ["growing"], e.order_value)
    everyone = out.value_of_targeting(e.by_grade, e.sizes, list(e.by_grade.index), e.order_value)
    return check_number(
        answer,
        value["net"],
        rel_tol=0.01,
        mistakes=[
            (
                close_to(value["extra_profit"], 0.01),
                _("That is the extra profit alone: the coupons and messages cost money too."),
            ),
            (
                close_to(everyone["net"], 0.01),
                _("That is sending to everyone; keep the growing grade only."),
            ),
            (
                close_to(-value["net"], 0.01),
                _("Check the sign: does this plan earn or lose money?"),
            ),
        ],
        right=_(
            "Growing customers buy anyway: the coupon mostly discounts orders they would have placed."
        ),
        hint=HINTS[4],
    )


@task
def q5(answer: object) -> Feedback:
    """Discussion 7.3(2): how service staff keep customers, with the grades and the test."""
    return check_reflection(answer, RUBRIC)


@task
def q6(answer: object) -> Feedback:
    """§7.5 task: a plan for the shop's customer group (goal, invitations, rules, posts,
    measures), and how to create it in Qianniu."""
    return check_reflection(answer, RUBRIC_GROUP)
