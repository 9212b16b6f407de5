"""Checks for the chapter 02 exercises (customer sources, §7.2.1)."""

from __future__ import annotations

import functools

import pandas as pd

from .. import acquisition
from . import Feedback, _, check_choice, check_number, check_reflection, close_to, helpers, task
from ._shop import archive, as_of, store

HINTS = {
    1: _(
        "Conversion = new buyers won by the channel / visitors from the channel. New buyers: customers with at least one completed order whose acquisition_channel is the channel; visitors: the channel's total in store.traffic."
    ),
    2: _("CAC = the channel's marketing spend / the new buyers it brought."),
    3: _("Compare the share of first orders that used a coupon, per channel family."),
    4: _(
        "The cell above already runs the test (social is group a, paid group b, 365-day repurchase). Its printout gives the interval in percentage points; the test result itself also keeps the lower end, as a fraction, under the name ci_low."
    ),
    5: _(
        "Think about cost, precision, the kind of customer each channel brings, and how long they stay."
    ),
}
SOLUTIONS = {
    1: _("channel_report(...).loc['referral', 'conversion']"),
    2: _("channel_report(...).loc['keyword_ads', 'cac']"),
    3: _("channel_report(..., by='family')['first_order_coupon'].idxmax()"),
    4: _("acquisition.compare_repurchase(family, 'social', 'paid', days=365).ci_low"),
    5: _("See the worked reflection in the solutions notebook."),
}

MODEL_ANSWERS = {
    5: _(
        "Most buyers come from free on-platform traffic (search, recommendation, direct) and from paid traffic, about two fifths each; social referral brings a tenth and off-platform a few percent. Among channels with spend, social platforms (CAC about 9 yuan) and platform events (about 13) win customers most cheaply, then referral (30). Among channels with spend, referral and social-platform customers also come back the most: 365-day repurchase 0.74 and 0.61 against about 0.52 for paid traffic, and referral converts best of all channels. So a referral programme (a coupon for the referrer) is the first place for the budget. Platform events are cheap but bring the most coupon-driven, price-sensitive buyers; off-platform traffic has the highest CAC and the lowest conversion and repurchase. Free search still needs investment in titles, reviews and ranking even though its CAC shows zero."
    ),
}

hint, solution, model_answer = helpers(HINTS, SOLUTIONS, MODEL_ANSWERS)


@functools.cache
def _report(by: str = "channel") -> pd.DataFrame:
    s = store()
    return acquisition.channel_report(archive(), s.orders, s.traffic, as_of=as_of(), by=by)


@task
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


@task
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


@task
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


@task
def q4(answer: object) -> Feedback:
    """The lower end of the 95% interval for social minus paid 365-day repurchase (a fraction)."""
    family = _report("family")
    right_way = acquisition.compare_repurchase(family, "social", "paid", days=365)
    ninety = acquisition.compare_repurchase(family, "social", "paid", days=90)
    return check_number(
        answer,
        right_way.ci_low,
        rel_tol=0.01,
        mistakes=[
            (close_to(100 * right_way.ci_low, 0.01), _("Give a fraction, not a percentage.")),
            (
                close_to(-right_way.ci_high, 0.01),
                _("That is paid minus social: put social first (a), paid second (b)."),
            ),
            (
                close_to(ninety.ci_low, 0.01),
                _("That uses the 90-day columns; the task asks for 365 days."),
            ),
            (
                close_to(right_way.ci_high, 0.01),
                _("That is the upper end of the interval; give the lower end (ci_low)."),
            ),
            (
                close_to(right_way.difference, 0.01),
                _("That is the difference itself; give the lower end of its interval (ci_low)."),
            ),
        ],
        right=_(
            "Even the interval's lower end is above 0: the gap is far larger than chance would make with samples of this size."
        ),
        hint=HINTS[4],
    )


@task
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
