"""Checks for the chapter 06 exercises (customer lifetime value)."""

from __future__ import annotations

import functools

import pandas as pd

from .. import clv
from . import (
    Feedback,
    _,
    check_choice,
    check_number,
    check_reflection,
    check_tuple,
    close_to,
    helpers,
    task,
)
from ._shop import store

HINTS = {
    1: _(
        "frequency = repeat purchase *days* (the first day does not count; two purchases on one day count once); recency = first to last purchase; T = first purchase to the end."
    ),
    2: _("When can a customer leave in BG/NBD: at any moment, or only at a particular event?"),
    3: _(
        "The model was fitted in days: ask for 90 days, with the customer's own frequency, recency and T, and give the model's decimal (do not round it)."
    ),
    4: _(
        "The win-back list is the one of notebook 06 §5 (whom to win back): spend at or above its 0.75 quantile (the top quarter) and p_alive at least 0.2 but below 0.5. Join these two conditions and a third one on value (CLV above 20 yuan) with &, then count the customers who meet all three."
    ),
    5: _(
        "Think about what CLV leaves out (first-order profit, referrals, brand effects), the uncertainty of the estimate, and what happens to the other channels."
    ),
    6: _(
        "Fit on the calibration summary `cal` (to March 2025), not on the whole-period summary: clv.fit_models with just the two models the task names, then clv.compare_models on the same `cal`, as notebook 06 §6 does. The answer is in the delta_aic column, in Pareto/NBD's row."
    ),
    7: _(
        "rank_high is the worst rank a customer still reaches in 90% of the simulated years, and a smaller number is a better rank. In the table bands, count the customers whose rank_high is 500 or less, with a condition as in Python primer §4."
    ),
}
SOLUTIONS = {
    1: _(
        "count A's purchase days, then the days from the first purchase day to the last, and to the end date"
    ),
    2: _(
        "re-read when the BG/NBD model lets a customer leave, then ask whether a one-time buyer had that chance"
    ),
    3: _("clv.predict(bg, summary.loc[[834]], horizon_days=90, unit='D')['expected_purchases']"),
    4: _("((ranking.clv > 20) & win_back_mask).sum() with the notebook's definitions"),
    5: _("See the worked reflection in the solutions notebook."),
    6: _("clv.compare_models(models, cal).loc['pareto_nbd', 'delta_aic']"),
    7: _("int((bands['rank_high'] <= 500).sum())"),
}
END = "2024-03-31"
TOY = pd.DataFrame(
    {
        "customer_id": ["A", "A", "A", "B", "B", "B", "C"],
        "paid_time": pd.to_datetime(
            [
                "2024-01-10 10:00",
                "2024-01-10 21:00",
                "2024-02-01 12:00",
                "2024-01-05 09:00",
                "2024-02-05 09:00",
                "2024-03-05 09:00",
                "2024-03-20 15:00",
            ]
        ),
    }
)

MODEL_ANSWERS = {
    5: _(
        "Not straight away. Our CLV counts only the next 12 months of profit on future purchases: it leaves out the profit on the first order, purchases beyond the horizon, and referrals or word of mouth from those buyers. It is also an estimate, and a channel with few buyers gives an uncertain one, so I would check it on a holdout period first. Then I would ask where the budget would go instead: if other channels have spare capacity at a better CLV/CAC, shift money gradually and compare (cut the spend in part of the weeks or regions and compare them with the rest) rather than stopping at once."
    ),
}

hint, solution, model_answer = helpers(HINTS, SOLUTIONS, MODEL_ANSWERS)


@functools.cache
def fitted():
    """The notebook's fit: completed orders, whole period, days."""
    kept = store().orders.query("status == 'completed'")
    summary = clv.transaction_summary(kept, "2025-12-31", amount_col="amount_paid", unit="D")
    return summary, clv.BGNBD().fit(summary, unit="D"), clv.GammaGamma().fit(summary)


@task
def q1(answer: object) -> Feedback:
    """Customer A's (frequency, recency, T) in days, as a tuple of three numbers."""
    f, r, t = (float(v) for v in clv.transaction_summary(TOY, END, unit="D").loc["A"])
    return check_tuple(
        answer,
        (f, r, t),
        shape=_("Give a tuple of three numbers (frequency, recency, T); got {answer!r}."),
        mistakes=[
            (
                {0: 2},
                _(
                    "Frequency counts *repeat* purchase *days*: not the first purchase, and one day counts once."
                ),
            ),
            (
                {0: 1, 1: 59},
                _(
                    "Recency in BG/NBD is the time from the first to the last purchase, not days since the last."
                ),
            ),
            (
                {0: f, 1: r, 2: t + 1},
                _(
                    "T counts the days *between* the first purchase day and the end date (31 Mar − 10 Jan), not both ends."
                ),
            ),
            (
                {0: f, 1: r},
                _(
                    "Frequency and recency are right; T runs from the *first* purchase to the end date."
                ),
            ),
        ],
        right=_(
            "Two purchase days, so one repeat; 22 days between first and last; 81 days observed."
        ),
        hint=HINTS[1],
    )


@task
def q2(answer: object) -> Feedback:
    """Why is P(alive) exactly 1 for a customer who bought once? Answer "A", "B" or "C"."""
    return check_choice(
        answer,
        "B",
        options=["A", "B", "C"],
        mistakes={
            "A": _("The model computes it fine; the value 1 follows from its assumptions."),
            "C": _(
                "One-time buyers are not assumed loyal; most of them buy slowly or never again."
            ),
        },
        right=_(
            "A customer can leave only after a repeat purchase: no repeat purchase, no chance to leave."
        ),
        hint=HINTS[2],
    )


@task
def q3(answer: object) -> Feedback:
    """Expected purchases of customer 834 in the next 90 days."""
    summary, bg, _gamma_gamma = fitted()
    row = summary.loc[[834]]
    expected = float(clv.predict(bg, row, horizon_days=90, unit="D")["expected_purchases"].iloc[0])
    as_weeks = float(bg.conditional_expected_purchases(row, 90 / 7).iloc[0])
    times_seven = float(bg.conditional_expected_purchases(row, 90 * 7).iloc[0])
    return check_number(
        answer,
        expected,
        rel_tol=0.01,
        mistakes=[
            (
                close_to(as_weeks, 0.01),
                _("You gave the model 90/7: it was fitted in days, so the horizon is 90."),
            ),
            (
                close_to(times_seven, 0.01),
                _("You gave the model 90 x 7: it was fitted in days, so the horizon is 90."),
            ),
        ],
        right=_("A frequent, recent buyer: several purchases expected in three months."),
        hint=HINTS[3],
    )


def _ranking(margin: float) -> pd.DataFrame:
    summary, bg, gg = fitted()
    value = clv.clv(bg, gg, summary, unit="D", months=12, annual_discount_rate=0.10, margin=margin)
    p_alive = clv.predict(bg, summary, horizon_days=365, unit="D")["p_alive"]
    spend = (
        store().orders.query("status == 'completed'").groupby("customer_id")["amount_paid"].sum()
    )
    return pd.DataFrame({"clv": value, "p_alive": p_alive, "spend": spend.reindex(summary.index)})


def _count(margin: float) -> int:
    r = _ranking(margin)
    win_back = (r["spend"] >= r["spend"].quantile(0.75)) & r["p_alive"].between(
        0.2, 0.5, inclusive="left"
    )
    return int((win_back & (r["clv"] > 20)).sum())


def _win_back_size() -> int:
    r = _ranking(0.4)
    return int(
        (
            (r["spend"] >= r["spend"].quantile(0.75))
            & r["p_alive"].between(0.2, 0.5, inclusive="left")
        ).sum()
    )


@task
def q4(answer: object) -> Feedback:
    """How many win-back customers have a 12-month CLV above the 20-yuan coupon they would get?"""
    return check_number(
        answer,
        _count(0.4),
        rel_tol=0,
        mistakes=[
            (
                close_to(_win_back_size(), 0),
                _(
                    "That is the whole win-back list (or every customer on it passes with margin 1): keep only "
                    "those whose 12-month CLV at a 40% margin is above 20 yuan."
                ),
            ),
            (
                close_to(_count(1.0), 0),
                _("That uses revenue (margin 1); CLV here is profit: use margin=0.4."),
            ),
        ],
        right=_(
            "These customers are expected to bring more profit within a year than the 20-yuan coupon costs (whether the coupon brings them back is for a test with a control group)."
        ),
        hint=HINTS[4],
    )


@task
def q5(answer: object) -> Feedback:
    """Discussion: a channel's CLV/CAC is below 1. Stop buying it?"""
    return check_reflection(
        answer,
        [
            _("what CLV leaves out (first order, referrals, beyond 12 months)"),
            _("uncertainty of the estimate"),
            _("alternatives and the rest of the budget"),
        ],
    )


@functools.cache
def _comparison() -> tuple[float, float, float]:
    """Pareto/NBD's ΔAIC on the calibration period, its log-likelihood gap, and its ΔAIC on
    the whole period (a fit on the wrong summary)."""
    kept = store().orders.query("status == 'completed'")
    cal = clv.calibration_holdout(
        kept, "2025-03-31", "2025-12-31", amount_col="amount_paid", unit="D"
    )
    names = ("bgnbd", "pareto_nbd")
    table = clv.compare_models(clv.fit_models(cal, unit="D", names=names), cal)
    summary, _bg, _gg = fitted()
    whole = clv.fit_models(summary, unit="D", names=names)
    whole_delta = 2 * (whole["bgnbd"].log_likelihood_ - whole["pareto_nbd"].log_likelihood_)
    gap = table.loc["bgnbd", "log_likelihood"] - table.loc["pareto_nbd", "log_likelihood"]
    return float(table.loc["pareto_nbd", "delta_aic"]), float(gap), float(abs(whole_delta))


@task
def q6(answer: object) -> Feedback:
    """Pareto/NBD's ΔAIC against BG/NBD, calibration period to March 2025."""
    if answer is Ellipsis or answer is None:  # unanswered: no need to fit anything
        return check_number(answer, 0)
    delta, gap, whole = _comparison()
    return check_number(
        answer,
        delta,
        rel_tol=0.005,
        mistakes=[
            (
                close_to(gap, 0.005),
                _("That is the log-likelihood difference: AIC is -2 log L + 2k, so double it."),
            ),
            (
                close_to(whole, 0.005),
                _(
                    "That comparison is on the whole period: fit on the calibration summary `cal` (to March 2025), so that the holdout columns of the same table mean something."
                ),
            ),
        ],
        right=_(
            "A difference far above 10: the data clearly prefer BG/NBD, the model the shop was simulated from."
        ),
        hint=HINTS[6],
    )


@functools.cache
def _bands() -> pd.DataFrame:
    summary, bg, gg = fitted()
    draws = clv.clv_draws(
        bg,
        gg,
        summary,
        unit="D",
        months=12,
        annual_discount_rate=0.10,
        margin=0.4,
        n_draws=500,
        random_state=7,
    )
    return clv.interval_table(draws, summary.index, level=0.8, name="clv")


@task
def q7(answer: object) -> Feedback:
    """How many customers are in the top 500 in at least 90% of the simulated years?"""
    if answer is Ellipsis or answer is None:  # unanswered: no need to simulate anything
        return check_number(answer, 0)
    bands = _bands()
    return check_number(
        answer,
        int((bands["rank_high"] <= 500).sum()),
        rel_tol=0,
        mistakes=[
            (
                close_to(int((bands["rank_low"] <= 500).sum()), 0),
                _(
                    "That counts rank_low, the rank reached in a lucky year: anyone can get lucky. Use rank_high."
                ),
            ),
            (
                close_to(500, 0),
                _(
                    "Not every customer of the expected-CLV top 500 stays there: count rank_high <= 500."
                ),
            ),
        ],
        right=_(
            "Hardly anyone: even among the best customers, a single year can go either way. Budget by groups, and read an individual ranking as a rough guide, not a verdict."
        ),
        hint=HINTS[7],
    )
