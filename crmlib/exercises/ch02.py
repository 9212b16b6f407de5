"""Checks for the chapter 02 exercises (customer sources, §7.2.1)."""

from __future__ import annotations

import functools

import pandas as pd

from .. import acquisition
from . import Feedback, _, check_choice, check_number, check_reflection, close_to, helpers
from ._shop import archive, as_of, store

HINTS = {
    1: _(
        "Conversion = new buyers won by the channel / visitors from the channel. New buyers: customers with at least one completed order whose acquisition_channel is the channel; visitors: the channel's total in store.traffic."
    ),
    2: _("CAC = the channel's marketing spend / the new buyers it brought."),
    3: _("Compare the share of first orders that used a coupon, per channel family."),
    4: _(
        "Compare 365-day repurchase of social vs paid buyers with acquisition.compare_proportions."
    ),
    5: _(
        "Think about cost, precision, the kind of customer each channel brings, and how long they stay."
    ),
}
SOLUTIONS = {
    1: _("channel_report(...).loc['referral', 'conversion']"),
    2: _("channel_report(...).loc['keyword_ads', 'cac']"),
    3: _("channel_report(..., by='family')['first_order_coupon'].idxmax() -> 'paid'"),
    4: _("compare_proportions(successes and eligible counts of social and paid) -> p_value < 0.05"),
    5: _("See the worked reflection in the solutions notebook."),
}

MODEL_ANSWERS = {
    5: _(
        "Most buyers come from free on-platform traffic (search, recommendation, direct) and from paid traffic, about two fifths each; social referral brings a tenth and off-platform a few percent. Per yuan, social platforms (CAC about 9) and referral (30) win customers cheaply, and those customers come back the most: 365-day repurchase 0.61-0.74 against about 0.52 for paid traffic. Referral also converts best of all channels. So a referral programme (a coupon for the referrer) is the first place for the budget. Platform events have a low CAC but bring the most coupon-driven, price-sensitive buyers; off-platform traffic has the highest CAC and the lowest conversion and repurchase. Free search still needs investment in titles, reviews and ranking even though its CAC shows zero."
    ),
}

hint, solution, model_answer = helpers(HINTS, SOLUTIONS, MODEL_ANSWERS)


@functools.cache
def _report(by: str = "channel") -> pd.DataFrame:
    s = store()
    return acquisition.channel_report(archive(), s.orders, s.traffic, as_of=as_of(), by=by)


def q1(answer: object) -> Feedback:
    """Conversion rate of old-customer referral (老客推荐), as a fraction."""
    row = _report().loc["referral"]
    return check_number(
        answer,
        row["conversion"],
        rel_tol=0.01,
        mistakes=[
            (
                close_to(100 * row["conversion"], 0.01),
                _("That looks like a percentage: give a fraction."),
            ),
            (
                close_to(row["visitors"] / row["new_buyers"], 0.01),
                _("Upside down: new buyers go on top, visitors below."),
            ),
        ],
        right=_("Referred visitors convert several times better than most channels."),
        hint=HINTS[1],
    )


def q2(answer: object) -> Feedback:
    """Customer acquisition cost of keyword ads (直通车), in yuan per new buyer."""
    row = _report().loc["keyword_ads"]
    return check_number(
        answer,
        row["cac"],
        rel_tol=0.01,
        mistakes=[
            (
                close_to(row["marketing_spend"] / row["visitors"], 0.01),
                _("That is the cost per *visitor*; CAC is the cost per *new buyer*."),
            ),
            (
                close_to(row["marketing_spend"], 0.001),
                _("That is the total spend; divide it by the new buyers won."),
            ),
        ],
        right=_("Every new buyer from keyword ads cost this much before they spent anything."),
        hint=HINTS[2],
    )


def q3(answer: object) -> Feedback:
    """Which channel family's buyers used a coupon on their first order most often?"""
    report = _report("family")
    return check_choice(
        answer,
        report["first_order_coupon"].idxmax(),
        options=list(report.index),
        right=_("Paid traffic brings more price-sensitive customers, as §7.2.1 says."),
        hint=HINTS[3],
    )


def q4(answer: object) -> Feedback:
    """True or False: social-referral buyers' 365-day repurchase rate differs from paid-traffic
    buyers' at the 5% significance level."""
    family = _report("family")
    successes = (family["repurchase_365d"] * family["eligible_365d"]).round().astype(int)
    test = acquisition.compare_proportions(
        successes["social"],
        family.loc["social", "eligible_365d"],
        successes["paid"],
        family.loc["paid", "eligible_365d"],
    )
    expected = test.p_value < 0.05
    if answer is Ellipsis or answer is None:
        return check_choice(answer, str(expected), options=["True", "False"])
    return check_choice(
        str(bool(answer)) if isinstance(answer, bool) else answer,
        str(expected),
        options=["True", "False"],
        right=_("The gap is far larger than chance would make with samples of this size."),
        hint=HINTS[4],
    )


def q5(answer: object) -> Feedback:
    """Discussion: where do a shop's customers come from, and where would you invest?"""
    return check_reflection(
        answer,
        [
            _("cost (CAC, spend, free vs paid)"),
            _("customer quality (conversion, coupons, price sensitivity)"),
            _("retention and long-term value"),
        ],
    )
