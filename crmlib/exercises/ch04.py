"""Checks for the chapter 04 exercises (membership tier design, §7.2.4, §7.3)."""

from __future__ import annotations

import functools

import numpy as np

from .. import tiers as T
from . import Feedback, Grid, _, check_number, check_reflection, close_to, helpers, task
from ._shop import as_of, birthdays, store

HINTS = {
    1: _("tiers.evaluate(policy, inputs).counts gives members per tier."),
    2: _(
        "Try diamond rolling thresholds from 3,000 down in steps of 100 and watch the diamond share."
    ),
    3: _(
        "Evaluate policy.replace_tier('silver', rolling=490) as notebook 04 §2 does, add up the members of silver, gold and diamond and compare with the textbook policy; then try 480, 470, ... until at least 200 more."
    ),
    4: _(
        "The column “benefit cost / revenue” of notebook 04's first table (`cost_share_of_revenue`): the tier's benefit cost divided by its revenue."
    ),
    5: _(
        "Think about tiers, benefits and growth as a loop, the cost of benefits, and what keeps a member active."
    ),
}
SOLUTIONS = {
    1: _("tiers.evaluate(tiers.textbook_policy(), inputs).counts['diamond']"),
    2: _("the lowest multiple of 100 with diamond share < 1.5%, searching down from 3000"),
    3: _("the highest multiple of 10 below 500 that adds at least 200 members at silver or above"),
    4: _("evaluate(...).table.loc['gold', 'cost_share_of_revenue']"),
    5: _("See the worked reflection in the solutions notebook."),
}

MODEL_ANSWERS = {
    5: _(
        "Keep four tiers but judge them on rolling 12-month growth value only, so tiers do not inflate and members have a reason to stay active; a member who falls short drops one level, with a reminder a month before re-judgement. Benefits should cost less than they bring back: the diamond tier already gives away about 18% of its revenue, so swap part of the discount for privileges that cost little (early access, a dedicated agent, free repairs). Growth points for photo reviews and shares turn members into word of mouth, and near-miss customers get a nudge."
    ),
}

hint, solution, model_answer = helpers(HINTS, SOLUTIONS, MODEL_ANSWERS)


@functools.cache
def inputs() -> T.TierInputs:
    s = store()
    return T.prepare(s.orders, s.reviews, as_of(), birthdays=birthdays())


def diamond_share(threshold: int) -> float:
    """The diamond share of members with the textbook policy's diamond rolling threshold moved."""
    policy = T.textbook_policy().replace_tier("diamond", rolling=int(threshold))
    return float(T.evaluate(policy, inputs()).table.loc["diamond", "share"])


def lowest_diamond_threshold(max_share: float = 0.015) -> int:
    """Lowest diamond rolling threshold (multiple of 100, above gold's) with share below max."""
    best = 3000
    for threshold in range(3000, 1500, -100):
        if diamond_share(threshold) >= max_share:
            break
        best = threshold
    return best


def silver_threshold_for(extra: int = 200) -> int:
    """Highest silver rolling threshold (multiple of 10) adding ``extra`` members at silver+."""
    policy = T.textbook_policy()
    base = int((T.evaluate(policy, inputs()).level >= 1).sum())
    for threshold in range(490, 0, -10):
        level = T.evaluate(policy.replace_tier("silver", rolling=threshold), inputs()).level
        if (level >= 1).sum() - base >= extra:
            return threshold
    raise RuntimeError("no threshold adds that many members")


@task
def q1(answer: object) -> Feedback:
    """How many diamond members does the textbook policy have as of 2026-01-01?"""
    counts = T.evaluate(T.textbook_policy(), inputs()).counts
    either = T.evaluate(T.textbook_policy().with_rule("either"), inputs()).counts
    return check_number(
        answer,
        counts["diamond"],
        rel_tol=0,
        mistakes=[
            (
                close_to(either["diamond"], 0),
                _(
                    "That is under the 'rolling or cumulative' rule some shops use; the textbook "
                    "re-judges on the last 12 months' growth value only (the policy's default rule)."
                ),
            )
        ],
        right=_("A small top tier."),
        hint=HINTS[1],
    )


@task
def q2(answer: object) -> Feedback:
    """The lowest diamond rolling threshold (multiple of 100) keeping diamond under 1.5% of members."""
    expected = lowest_diamond_threshold(0.015)
    return check_number(
        answer,
        expected,
        rel_tol=0,
        mistakes=[
            (
                lambda v: v % 100 != 0,
                _("Give a multiple of 100 (the thresholds move in steps of 100)."),
            ),
            (lambda v: v <= 1500, _("Diamond must stay above gold's 1,500.")),
            (
                lambda v: diamond_share(v) >= 0.015,  # every message is true of the answer
                _("At that threshold diamond holds 1.5% or more of members: go higher."),
            ),
            (lambda v: v > expected, _("Still under 1.5% there, but you can go lower.")),
            (
                lambda v: v < expected,
                _(
                    "Under 1.5% there, but between 3,000 and your threshold there is one where diamond already holds 1.5%: searching down from 3,000, the answer is the last threshold before that one."
                ),
            ),
        ],
        grid=Grid(0, 10_000, 100),  # the students' copy keeps a verdict for each of these
        right=_("Lower than the textbook's 3,000 and the top tier still stays exclusive."),
        hint=HINTS[2],
    )


@task
def q3(answer: object) -> Feedback:
    """The highest silver rolling threshold (multiple of 10) that adds 200+ members at silver or above."""
    expected = silver_threshold_for(200)
    return check_number(
        answer,
        expected,
        rel_tol=0,
        mistakes=[
            (
                lambda v: v % 10 != 0,
                _("Give a multiple of 10 (the thresholds move in steps of 10)."),
            ),
            (
                lambda v: v < expected,
                _(
                    "That adds 200 members too, but a higher threshold already does: find the cheapest change."
                ),
            ),
            (lambda v: v > expected, _("At that threshold fewer than 200 customers move up.")),
        ],
        grid=Grid(0, 1_000, 10),
        right=_("The smallest cut that moves 200 near-miss customers up."),
        hint=HINTS[3],
    )


@task
def q4(answer: object) -> Feedback:
    """The gold tier's benefit cost as a share of its 12-month revenue (a fraction)."""
    table = T.evaluate(T.textbook_policy(), inputs()).table
    expected = float(table.loc["gold", "cost_share_of_revenue"])
    only_discount = float(
        np.sum(
            inputs().order_amount[
                T.evaluate(T.textbook_policy(), inputs()).level[inputs().order_customer] == 2
            ]
        )
        * 0.1
    ) / float(table.loc["gold", "revenue_12m"])
    return check_number(
        answer,
        expected,
        rel_tol=0,
        abs_tol=0.005,  # 0.14, as the notebook's table shows it, is close enough
        mistakes=[
            (close_to(100 * expected, 0.02), _("Give a fraction between 0 and 1.")),
            (close_to(only_discount, 0.01), _("Add the 120-off-500 offer to the 10% discount.")),
        ],
        right=_("About one yuan in seven of gold revenue goes back as benefits."),
        hint=HINTS[4],
    )


@task
def q5(answer: object) -> Feedback:
    """Discussion (§7.2.4): how would you run this shop's membership programme?"""
    return check_reflection(
        answer,
        [
            _("tiers and thresholds"),
            _("benefits and their cost"),
            _("growth and keeping members active"),
        ],
    )
