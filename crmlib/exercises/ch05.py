"""Checks for the chapter 05 exercises (satisfaction versus loyalty, §7.4)."""

from __future__ import annotations

from .. import satisfaction as sat
from . import Feedback, _, check_choice, check_number, check_reflection, close_to, helpers, task
from ._shop import as_of, store

HINTS = {
    1: _(
        "Promoters answer 9 or 10, detractors 0 to 6. NPS = 100 x (promoters - detractors) / all answers."
    ),
    2: _(
        "CSAT is the share of answers that score 4 or 5, not the mean score. Mark each answer in the csat column of store.surveys as satisfied or not with a condition, then take the share of True, as in Python primer §4."
    ),
    3: _(
        "Look at the curve: between which two neighbouring scores does the repurchase rate hardly move?"
    ),
    4: _(
        "Name the action, who gets it, and how you would measure its effect (a comparison group)."
    ),
    5: _(
        "Mercenaries: satisfied, not loyal. Hostages: loyal, not satisfied. What happens when a hostage's alternatives appear?"
    ),
}
SOLUTIONS = {
    1: _(
        "count the 9s and 10s (promoters) and the 0 to 6s (detractors): NPS = 100 x (promoters - detractors) / answers"
    ),
    2: "sat.csat(store.surveys['csat'])",
    3: _(
        "look at the curve's repurchase_rate column and compare each step between neighbouring scores"
    ),
    4: _("See the worked reflection in the solutions notebook."),
    5: _("See the worked reflection in the solutions notebook."),
}
NPS_ANSWERS = [10, 9, 9, 8, 7, 6, 3, 10, 5, 9]

MODEL_ANSWERS = {
    4: _(
        "Action: a members' early-access preview of each new collection, with a handwritten thank-you card in the next parcel: a privilege and a care touch, not another discount. Who: respondents with CSAT 4-5 who used a coupon on most orders and have not bought again within 90 days: an early sign of the mercenary profile (satisfied, fond of coupons, not back yet). Measurement: pick half of them at random to receive it and keep the other half as a control group; compare the 180-day repurchase rate and spend of the two halves, and check that coupon use does not simply rise."
    ),
    5: _(
        "Hostages look loyal in the numbers: they keep buying, so repurchase metrics hide their anger. They stay only because an alternative is missing (a product nobody else sells, a price nobody else matches); when a competitor appears they switch at once. Meanwhile they complain and leave negative reviews and bad word of mouth, which costs the shop new customers. Defectors are gone and quiet; hostages are still inside and talking."
    ),
}

hint, solution, model_answer = helpers(HINTS, SOLUTIONS, MODEL_ANSWERS)


@task
def q1(answer: object) -> Feedback:
    """NPS of the ten answers in ``NPS_ANSWERS``, computed by hand."""
    expected = sat.nps(NPS_ANSWERS)
    n = len(NPS_ANSWERS)
    promoters = sum(a >= 9 for a in NPS_ANSWERS)
    detractors = sum(a <= 6 for a in NPS_ANSWERS)
    passives_as_detractors = 100 * (promoters - sum(a <= 8 for a in NPS_ANSWERS)) / n
    passives_as_promoters = 100 * (sum(a >= 7 for a in NPS_ANSWERS) - detractors) / n
    return check_number(
        answer,
        expected,
        abs_tol=1e-9,
        mistakes=[
            (
                close_to(expected / 100, 1e-9),
                _("NPS is given in points from -100 to 100: multiply by 100."),
            ),
            (
                close_to(passives_as_detractors, 0, 1e-9),
                _("7 and 8 are passives, not detractors: detractors answer 0 to 6."),
            ),
            (
                close_to(passives_as_promoters, 0, 1e-9),
                _("Promoters answer 9 or 10 only; 8 and 7 are passives."),
            ),
            (
                close_to(100 * promoters / n, 0, 1e-9),
                _("That is the share of promoters; subtract the share of detractors."),
            ),
        ],
        right=_("Five promoters, two passives, three detractors: 50% - 30% = 20."),
        hint=HINTS[1],
    )


@task
def q2(answer: object) -> Feedback:
    """The shop's CSAT (share of 4s and 5s) over all survey answers, as a fraction."""
    scores = store().surveys["csat"]
    return check_number(
        answer,
        sat.csat(scores),
        rel_tol=0,
        abs_tol=0.0005,  # three decimals: other groups' CSAT lie within 0.5% of this one
        mistakes=[
            (
                close_to(float(scores.mean())),
                _("That is the mean score; CSAT here is the share of 4s and 5s."),
            ),
            (
                close_to(float((scores == 5).mean())),
                _("Count the 4s too: CSAT is the share of the top two boxes (4 and 5)."),
            ),
            (close_to(100 * sat.csat(scores)), _("Give a fraction between 0 and 1.")),
            (
                close_to(sat.csat(scores), 0.02),
                _(
                    "Close: compute it yourself over every answer in store.surveys and give three decimals (the notebook's table rounds to two, and one channel family's CSAT is not the shop's)."
                ),
            ),
        ],
        right=_("About three quarters of respondents are satisfied."),
        hint=HINTS[2],
    )


@task
def q3(answer: object) -> Feedback:
    """Between which neighbouring CSAT scores is the curve flat: "1-2", "2-3", "3-4" or "4-5"?"""
    curve = sat.satisfaction_curve(
        sat.loyalty_after_survey(store().surveys, store().orders, as_of())
    )
    rates = curve["repurchase_rate"]
    steps = {f"{k}-{k + 1}": rates[k + 1] - rates[k] for k in range(1, 5)}
    flat = min(steps, key=lambda k: abs(steps[k]))
    return check_choice(
        answer,
        flat,
        options=list(steps),
        mistakes={"4-5": _("From 4 to 5 is the steepest rise, the opposite of flat.")},
        right=_("Below 3, better scores hardly change behaviour; the payoff comes at the top."),
        hint=HINTS[3],
    )


@task
def q4(answer: object) -> Feedback:
    """Design a care action for mercenaries and say how to measure whether it works."""
    return check_reflection(
        answer,
        [
            _("the action (care or privilege, not just a discount)"),
            _("who receives it"),
            _("how to measure it (comparison group, metric)"),
        ],
    )


@task
def q5(answer: object) -> Feedback:
    """Discussion: why might hostages be more dangerous than defectors?"""
    return check_reflection(
        answer,
        [
            _("they leave when alternatives appear"),
            _("they spread bad word of mouth meanwhile"),
            _("they look loyal in the numbers"),
        ],
    )
