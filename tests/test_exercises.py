"""Every check passes the reference solution and fails typical wrong answers with a useful message."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import clv
from crmlib.exercises import (
    Feedback,
    ch01,
    ch02,
    ch03,
    ch04,
    ch05,
    ch06,
    check_number,
    check_reflection,
)
from crmlib.exercises._shop import archive, store


def ok(feedback: Feedback) -> bool:
    return feedback.correct and str(feedback).startswith("✅")


def says(feedback: Feedback, text: str) -> bool:
    return (not feedback.correct) and str(feedback).startswith("❌") and text in str(feedback)


@pytest.mark.parametrize("module", [ch01, ch02, ch03, ch04, ch05, ch06])
def test_every_task_has_a_hint_a_solution_and_refuses_a_blank(module):
    for n in range(1, 6):
        check = getattr(module, f"q{n}")
        assert says(check(...), "Replace the `...`")
        assert module.hint(n) and module.solution(n)


def test_feedback_never_reveals_the_expected_number():
    fb = check_number(0.3, 0.123456, hint="Divide repeat buyers by buyers.")
    assert "0.123" not in str(fb) and says(fb, "Divide")
    assert says(check_number("abc", 1.0), "Expected a number")


def kept(feedback: Feedback) -> bool:
    """A written answer: neither right nor wrong, kept for the teacher with the rubric."""
    return feedback.correct is None and str(feedback).startswith("📝") and not feedback


def test_reflection_check_shows_the_rubric_and_grades_nothing():
    rubric = ["speed of response", "data the shop has", "cost of channels"]
    assert says(check_reflection("too short", rubric), "at least 40 characters; you have 9")
    shown = check_reflection("Online shops answer in seconds and see every order. " * 2, rubric)
    assert kept(shown)
    assert all(f"{i}. {point}" in str(shown) for i, point in enumerate(rubric, 1))
    # padding and repeating the question earn nothing more than any other answer
    assert str(check_reflection("channel data speed " * 14, rubric)) == str(shown)


@pytest.mark.parametrize("module", [ch01, ch02, ch03, ch04, ch05, ch06])
def test_every_written_task_has_a_model_answer_that_the_check_keeps(module):
    for n, text in module.MODEL_ANSWERS.items():
        assert kept(getattr(module, f"q{n}")(module.model_answer(n)))
        assert len(text) > 200


# --- chapter 01 ---------------------------------------------------------------------------------


def test_ch01_checks():
    a = archive()
    buyers = a[a["orders"] > 0]
    rate = (buyers["orders"] >= 2).mean()
    assert ok(ch01.q1(rate))
    assert says(ch01.q1(100 * rate), "percentage")
    all_orders = (store().orders.groupby("customer_id").size() >= 2).mean()
    assert says(ch01.q1(all_orders), "refunded and closed")
    assert says(ch01.q1((a["orders"] >= 2).mean()), "never bought")

    spend = buyers["spend"].sort_values(ascending=False)
    share = spend.head(round(0.2 * len(spend))).sum() / spend.sum()
    assert ok(ch01.q2(share))
    assert says(ch01.q2(0.8), "rule of thumb")

    assert ok(ch01.q3("a")) and says(ch01.q3("C"), "worst recency") and says(ch01.q3("D"), "one of")

    t = pd.DataFrame({"r": buyers["days_since_last"], "f": buyers["orders"], "m": buyers["spend"]})
    core = ((t.r < t.r.mean()) & (t.f >= t.f.mean()) & (t.m >= t.m.mean())).sum()
    backwards = ((t.r > t.r.mean()) & (t.f >= t.f.mean()) & (t.m >= t.m.mean())).sum()
    assert ok(ch01.q4(int(core)))
    assert says(ch01.q4(int(backwards)), "R backwards")

    good = (
        "Online shops win customers through platform channels such as search and ads, they gather "
        "data on every visit and order instead of seeing people, and they must respond within "
        "seconds in chat, while a physical store relies on passers-by and personal contact during "
        "opening hours only, which changes how relationships are kept."
    )
    assert kept(ch01.q5(good))


# --- chapter 02 ---------------------------------------------------------------------------------


def test_ch02_checks():
    s, a = store(), archive()
    t = s.traffic.groupby("channel", observed=True)[["visitors", "spend"]].sum()
    won = a[a["orders"] > 0].groupby("acquisition_channel", observed=True).size()
    assert ok(ch02.q1(won["referral"] / t.loc["referral", "visitors"]))
    assert says(ch02.q1(t.loc["referral", "visitors"] / won["referral"]), "Upside down")
    assert ok(ch02.q2(t.loc["keyword_ads", "spend"] / won["keyword_ads"]))
    assert says(
        ch02.q2(t.loc["keyword_ads", "spend"] / t.loc["keyword_ads", "visitors"]), "per *visitor*"
    )
    assert ok(ch02.q3("paid")) and not ch02.q3("free").correct
    assert ok(ch02.q4(True)) and not ch02.q4(False).correct
    assert says(ch02.q5("budget"), "Write a few sentences")


# --- chapter 03 ---------------------------------------------------------------------------------


def test_ch03_checks():
    assert ok(ch03.q1("3钻")) and says(ch03.q1("2钻"), "501-1,000")
    a = archive()
    live_repeat = int(
        ((a["orders"] >= 2) & ~((a["orders"] > 0) & (a["days_since_last"] >= 182))).sum()
    )
    assert ok(ch03.q2(live_repeat))
    at_risk_repeat = int(((a["orders"] >= 2) & (a["days_since_last"] >= 182)).sum())
    assert says(ch03.q2(at_risk_repeat), "forgot the NOT")
    asked_not_bought = int(((a["inquiries"] > 0) & (a["orders"] == 0)).sum())
    assert ok(ch03.q3(asked_not_bought))
    assert says(ch03.q3(int((a["orders"] == 0).sum())), "every non-buyer")


def test_reflection_accepts_good_answers_in_other_words():
    english = (
        "A physical store gets customers who walk past its location, while an online shop wins them "
        "through search and ads on the platform. The online shop knows each buyer through purchase "
        "history and chat logs, and it must answer chats within seconds, day and night, because "
        "buyers compare shops instantly and leave if nobody replies."
    )
    assert kept(ch01.q5(english))
    chinese = (
        "实体店的客户来自门店周边的人流，网店的客户来自平台搜索、广告和推荐带来的流量，获客方式不同。"
        "网店能通过订单和聊天记录了解每位客户的购买历史，但看不到客户本人；实体店靠面对面交流收集信息。"
        "网店客户希望几秒内得到回复，回复慢就会流失，而实体店的店员只在营业时间服务。"
    )
    assert kept(ch01.q5(chinese))


# --- chapter 06 ---------------------------------------------------------------------------------


def test_ch06_checks():
    # by hand: A bought on 10 Jan (twice) and 1 Feb; the window ends 31 Mar
    assert ok(ch06.q1((1, 22, 81)))
    assert says(ch06.q1((2, 22, 81)), "*repeat* purchase *days*")
    assert says(ch06.q1((1, 59, 81)), "first to the last purchase")
    assert says(ch06.q1((1, 22, 59)), "from the *first* purchase")
    assert says(ch06.q1("1, 22, 81"), "tuple of three numbers")
    assert ok(ch06.q2("B")) and says(ch06.q2("C"), "not assumed loyal")
    summary, bg, gg = ch06.fitted()
    row = summary.loc[[834]]
    f, r, t = row["frequency"], row["recency"], row["T"]
    assert ok(
        ch06.q3(float(bg.conditional_expected_number_of_purchases_up_to_time(90, f, r, t).iloc[0]))
    )
    wrong = float(bg.conditional_expected_number_of_purchases_up_to_time(90 / 7, f, r, t).iloc[0])
    assert says(ch06.q3(wrong), "fitted in days")
    value = clv.clv(bg, gg, summary, unit="D", months=12, annual_discount_rate=0.10, margin=0.4)
    p_alive = clv.predict(bg, summary, horizon_days=365, unit="D")["p_alive"]
    kept = store().orders.query("status == 'completed'")
    spend = kept.groupby("customer_id")["amount_paid"].sum().reindex(summary.index)
    win_back = (spend >= spend.quantile(0.75)) & (p_alive >= 0.2) & (p_alive < 0.5)
    assert ok(ch06.q4(int((win_back & (value > 20)).sum())))
    revenue = clv.clv(bg, gg, summary, unit="D", months=12, annual_discount_rate=0.10, margin=1.0)
    assert says(ch06.q4(int((win_back & (revenue > 20)).sum())), "margin")
    assert says(ch06.q4(int(win_back.sum())), "whole win-back list")
    assert says(ch06.q1((1, 22, 82)), "*between*")


def test_ch05_checks():
    from crmlib.exercises import ch05

    answers = ch05.NPS_ANSWERS
    promoters = sum(a >= 9 for a in answers)
    detractors = sum(a <= 6 for a in answers)
    assert ok(ch05.q1(100 * (promoters - detractors) / len(answers)))
    assert says(ch05.q1((promoters - detractors) / len(answers)), "multiply by 100")
    assert says(
        ch05.q1(100 * (promoters - sum(a <= 8 for a in answers if a < 9)) / len(answers)),
        "passives",
    )
    scores = store().surveys["csat"]
    assert ok(ch05.q2((scores >= 4).mean()))
    assert says(ch05.q2(scores.mean()), "mean score")
    assert ok(ch05.q3("1-2")) and says(ch05.q3("4-5"), "steepest") and not ch05.q3("2-3").correct


def test_ch04_checks():
    from crmlib import tiers

    inputs = ch04.inputs()
    policy = tiers.textbook_policy()
    assert ok(ch04.q1(int((tiers.evaluate(policy, inputs).level == 3).sum())))
    either = int(tiers.evaluate(policy.with_rule("either"), inputs).counts["diamond"])
    assert either != int(tiers.evaluate(policy, inputs).counts["diamond"])
    assert says(ch04.q1(either), "rolling or cumulative")
    # q2 by brute force: the lowest threshold whose diamond share stays under 1.5%, going down
    shares = {
        t: (tiers.levels(policy.replace_tier("diamond", rolling=t), inputs) == 3).mean()
        for t in range(3000, 1500, -100)
    }
    lowest = 3000
    for t in range(3000, 1500, -100):
        if shares[t] >= 0.015:
            break
        lowest = t
    assert (
        ok(ch04.q2(lowest))
        and says(ch04.q2(lowest - 100), "go higher")
        and says(ch04.q2(lowest + 100), "go lower")
    )
    base = (tiers.levels(policy, inputs) >= 1).sum()
    gains = {
        t: (tiers.levels(policy.replace_tier("silver", rolling=t), inputs) >= 1).sum() - base
        for t in range(490, 0, -10)
    }
    best = max(t for t, g in gains.items() if g >= 200)
    assert (
        ok(ch04.q3(best))
        and says(ch04.q3(best - 10), "cheapest")
        and says(ch04.q3(best + 10), "fewer than 200")
    )
    table = tiers.evaluate(policy, inputs).table
    assert ok(ch04.q4(table.loc["gold", "benefit_cost"] / table.loc["gold", "revenue_12m"]))
    assert says(ch04.q4(100 * table.loc["gold", "cost_share_of_revenue"]), "fraction")
