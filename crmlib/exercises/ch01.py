"""Checks for the chapter 01 exercises (CRM basics, §7.1)."""

from __future__ import annotations

from .. import kpi, rfm
from . import Feedback, _, check_choice, check_number, check_reflection, close_to, helpers, task
from ._shop import archive, store

HINTS = {
    1: _(
        "A buyer has at least one completed order; a repeat buyer has two or more. Divide repeat buyers by buyers."
    ),
    2: _(
        "Rank buyers by net spend (the archive's `spend`), take the top 20% of them, divide their spend by all spend."
    ),
    3: _("R rewards recency: the customer who bought most recently scores highest."),
    4: _(
        "Use the raw values (days, orders, yuan), not the 1-5 scores. Compare each with its mean: R is high when days since last purchase are *below* the mean."
    ),
    5: _(
        "Think about where customers come from, what you can know about them, and how fast you can answer."
    ),
}
SOLUTIONS = {
    1: _(
        "kpi.repurchase_rate(archive): buyers with orders >= 2 divided by buyers with orders >= 1."
    ),
    2: _("kpi.top_share(archive.loc[archive.orders > 0, 'spend'], top=0.2)."),
    3: _(
        "Order the three by days since the last purchase; the fewest days gets the highest R score."
    ),
    4: _("(rfm.cn8_classes(rfm.rfm_table(archive)) == '重要价值客户').sum()"),
    5: _("See the worked reflection in the solutions notebook."),
}

MODEL_ANSWERS = {
    5: _(
        "Channels: a physical store meets customers who walk past or live nearby, an online store wins traffic through platform search, recommendation feeds, ads and social referral, so it competes for attention with every other shop. Information: the physical store learns by seeing and talking; the online store has data on every visit, cart and order, and builds a customer archive from it, but never sees the customer. Response speed: online customers expect a reply within seconds in chat, day and night, and judge the shop on it; in a physical store the clerk is there, but only during opening hours."
    ),
}

hint, solution, model_answer = helpers(HINTS, SOLUTIONS, MODEL_ANSWERS)


def _repurchase_all_orders() -> float:
    counts = store().orders.groupby("customer_id").size()
    return float((counts >= 2).mean())


@task
def q1(answer: object) -> Feedback:
    """The shop's repurchase rate (复购率) as a fraction of buyers."""
    a = archive()
    expected = kpi.repurchase_rate(a)
    return check_number(
        answer,
        expected,
        mistakes=[
            (
                close_to(100 * expected),
                _("That looks like a percentage: give a fraction between 0 and 1."),
            ),
            (
                close_to(_repurchase_all_orders()),
                _(
                    "You counted every order, including refunded and closed ones: count completed orders only."
                ),
            ),
            (
                close_to(float((a["orders"] >= 2).mean())),
                _("Your denominator includes customers who never bought: divide by buyers only."),
            ),
        ],
        right=_("About half of the buyers came back at least once."),
        hint=HINTS[1],
    )


@task
def q2(answer: object) -> Feedback:
    """Share of net revenue brought by the top 20% of buyers."""
    a = archive()
    spend = a.loc[a["orders"] > 0, "spend"]
    expected = kpi.top_share(spend, 0.2)
    gross = store().orders.query("status != 'closed'").groupby("customer_id")["amount_paid"].sum()
    return check_number(
        answer,
        expected,
        mistakes=[
            (
                close_to(expected, 0.05),
                _(
                    "Close, but compute it exactly from the data rather than rounding a figure from the text."
                ),
            ),
            (
                close_to(0.8, 0.02),
                _("0.8 is the rule of thumb, not this shop's figure: compute it from the data."),
            ),
            (
                close_to(100 * expected),
                _("That looks like a percentage: give a fraction between 0 and 1."),
            ),
            (
                close_to(kpi.top_share(gross, 0.2)),
                _("Use spend net of refunds: refunded orders are not revenue."),
            ),
            (
                close_to(kpi.top_share(a["spend"], 0.2)),
                _("Rank buyers only: customers who never bought should not fill the top 20%."),
            ),
        ],
        right=_("Revenue is concentrated, but less than the 80/20 rule of thumb says."),
        hint=HINTS[2],
    )


@task
def q3(answer: object) -> Feedback:
    """Which customer gets the highest R score: A (5 days), B (100 days) or C (400 days)?"""
    return check_choice(
        answer,
        "A",
        options=["A", "B", "C"],
        mistakes={
            "C": _(
                "C has the *most* days since the last purchase: that is the worst recency, not the best."
            )
        },
        right=_("Recent = good: fewer days since the last purchase means a higher R score."),
        hint=HINTS[3],
    )


@task
def q4(answer: object) -> Feedback:
    """How many buyers are 重要价值客户 in the Chinese 8-class RFM (centre: mean)?"""
    table = rfm.rfm_table(archive())
    expected = int((rfm.cn8_classes(table) == "重要价值客户").sum())
    backwards = table.assign(days_since_last=-table["days_since_last"])
    wrong_r = int((rfm.cn8_classes(backwards) == "重要价值客户").sum())
    median = int((rfm.cn8_classes(table, center="median") == "重要价值客户").sum())
    scored = rfm.rfm_scores(table)[["R", "F", "M"]]
    on_scores = int(
        (
            (scored["R"] >= scored["R"].mean())
            & (scored["F"] >= scored["F"].mean())
            & (scored["M"] >= scored["M"].mean())
        ).sum()
    )
    return check_number(
        answer,
        expected,
        rel_tol=0,
        mistakes=[
            (
                close_to(wrong_r, 0),
                _(
                    "You have R backwards: 'R high' means *recent*, i.e. days since last purchase below the mean."
                ),
            ),
            (
                close_to(on_scores, 0),
                _(
                    "That compares the 1-5 scores; compare the raw values (days, orders, yuan) with their means."
                ),
            ),
            (
                close_to(median, 0),
                _("That is the count with the median as centre; this task uses the mean."),
            ),
        ],
        right=_("These customers bought recently, often and a lot: the shop's core."),
        hint=HINTS[4],
    )


@task
def q5(answer: object) -> Feedback:
    """Discussion: how do physical and online stores differ in CRM?"""
    return check_reflection(
        answer,
        [
            _("channels (where and how customers meet the shop)"),
            _("information gathering (what data the shop has)"),
            _("response speed (how fast the shop can answer)"),
        ],
    )
