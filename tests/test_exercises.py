"""Every check passes the reference solution and fails typical wrong answers with a useful message."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlib import acquisition, clv
from crmlib.exercises import (
    Feedback,
    _shop,
    ch00,
    ch01,
    ch02,
    ch03,
    ch04,
    ch05,
    ch06,
    ch08,
    check_number,
    check_reflection,
)
from crmlib.exercises._shop import archive, store


def ok(feedback: Feedback) -> bool:
    return feedback.correct and str(feedback).startswith("✅")


def says(feedback: Feedback, text: str) -> bool:
    return (not feedback.correct) and str(feedback).startswith("❌") and text in str(feedback)


@pytest.mark.parametrize("module", [ch00, ch01, ch02, ch03, ch04, ch05, ch06, ch08])
def test_every_task_has_a_hint_a_solution_and_refuses_a_blank(module):
    assert sorted(module.HINTS) == sorted(module.SOLUTIONS) == list(range(1, len(module.HINTS) + 1))
    for n in module.HINTS:
        check = getattr(module, f"q{n}")
        blank = check(...)
        assert not blank and not blank.answered and str(blank).startswith("✏️")
        assert "Replace the `...`" in str(blank) and "❌" not in str(blank)
        assert module.hint(n) and module.solution(n)
        assert check.__name__ == f"q{n}" and blank.task == f"{module.__name__[-4:]}.q{n}"


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


@pytest.mark.parametrize("module", [ch01, ch02, ch03, ch04, ch05, ch06, ch08])
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
    family = acquisition.channel_report(a, s.orders, s.traffic, as_of=_shop.as_of(), by="family")

    def interval(days: int, first: str = "social", second: str = "paid"):
        eligible = family[f"eligible_{days}d"]
        hits = (family[f"repurchase_{days}d"] * eligible).round().astype(int)
        return acquisition.compare_proportions(
            hits[first], eligible[first], hits[second], eligible[second]
        )

    test = interval(365)
    assert test.ci_low > 0  # the interval's lower end above 0: significant at 5%
    assert ok(ch02.q4(test.ci_low))
    assert says(ch02.q4(interval(365, "paid", "social").ci_low), "paid minus social")
    assert says(ch02.q4(interval(90).ci_low), "90-day")
    assert says(ch02.q4(100 * test.ci_low), "percentage")
    assert says(ch02.q4(test.difference), "difference itself")
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
    assert says(ch03.q3(int((a["inquiries"] > 0).sum())), "every inquirer")
    # a selection passed instead of its length: told so, and its size is not printed
    selection = a[(a["inquiries"] > 0) & (a["orders"] == 0)]
    shown = str(ch03.q3(selection))
    assert "len(" in shown and str(asked_not_bought) not in shown and "DataFrame" in shown
    assert says(ch03.q2(live_repeat + 1), "") and says(ch03.q1("3心"), "")


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
    assert ok(ch06.q3(float(bg.conditional_expected_purchases(row, 90).iloc[0])))
    wrong = float(bg.conditional_expected_purchases(row, 90 / 7).iloc[0])
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
    # task 6: Pareto/NBD's ΔAIC on the calibration period, twice the log-likelihood gap
    kept_orders = store().orders.query("status == 'completed'")
    cal = clv.calibration_holdout(
        kept_orders, "2025-03-31", "2025-12-31", amount_col="amount_paid", unit="D"
    )
    models = clv.fit_models(cal, unit="D", names=("bgnbd", "pareto_nbd"))
    table = clv.compare_models(models, cal)
    assert ok(ch06.q6(float(table.loc["pareto_nbd", "delta_aic"])))
    gap = models["bgnbd"].log_likelihood_ - models["pareto_nbd"].log_likelihood_
    assert says(ch06.q6(gap), "double it")
    # task 7: customers in the top 500 in 90% of the simulated years; rank_low is refused
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
    bands = clv.interval_table(draws, summary.index, level=0.8, name="clv")
    assert ok(ch06.q7(int((bands["rank_high"] <= 500).sum())))
    assert says(ch06.q7(int((bands["rank_low"] <= 500).sum())), "rank_low")


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
    assert ok(ch05.q2((scores >= 4).mean())) and ok(ch05.q2(round((scores >= 4).mean(), 3)))
    assert says(ch05.q2(scores.mean()), "mean score")
    assert says(ch05.q2(100 * (scores >= 4).mean()), "fraction")
    # another group's CSAT within 0.5% of the shop's (0.759 vs 0.761) is no longer accepted
    assert says(ch05.q2(round((scores >= 4).mean(), 3) - 0.002), "every answer")
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
    # every message is true of the answer given: 2099 is not "1.5% or more", it is not a step
    assert shares[lowest - 100] >= 0.015 > shares[lowest]
    assert says(ch04.q2(lowest - 1), "multiple of 100") and says(ch04.q2(1500), "above gold")
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
    share = table.loc["gold", "benefit_cost"] / table.loc["gold", "revenue_12m"]
    assert ok(ch04.q4(share)) and ok(ch04.q4(round(share, 2)))  # 0.14 as the table shows it
    assert says(ch04.q4(0.1), "120-off-500")
    assert says(ch04.q4(100 * table.loc["gold", "cost_share_of_revenue"]), "fraction")


CANDIDATES = ["A", "B", "C", "D", "free", "paid", "off_platform", "social", "1-2", "2-3", "3-4"]
CANDIDATES += ["4-5"] + [f"{k}{z}" for z in ("心", "钻", "冠") for k in range(1, 6)]


@pytest.mark.parametrize("module", [ch01, ch02, ch03, ch04, ch05, ch06, ch08])
def test_no_hint_or_solution_gives_a_choice_answer_away(module):
    """``hint(n)`` and ``solution(n)`` explain the method; a choice's answer is not in them."""
    for n in range(1, 6):
        check = getattr(module, f"q{n}")
        right = [c for c in CANDIDATES if check(c).correct]  # found by trying every option
        assert len(right) <= 1
        for answer in right:
            said = module.hint(n) + module.solution(n)
            assert f"'{answer}'" not in said and f'"{answer}"' not in said
            assert f"{answer}:" not in said and f"-> {answer}" not in said


def test_ch00_primer_checks():
    a = archive()
    buyers = a[a["orders"] > 0]
    assert ok(ch00.q1(len(a))) and ok(ch00.q1(a.shape[0]))
    assert says(ch00.q1(a.shape[1]), "columns") and says(ch00.q1(len(buyers)), "buyers only")
    assert ok(ch00.q2(int((a["orders"] > 0).sum())))
    assert says(ch00.q2(len(a)), "every customer")
    assert says(ch00.q2(int((a["orders"] >= 2).sum())), "2 or more")  # off by one
    share = (buyers["complaints"] > 0).mean()
    assert ok(ch00.q3(share))
    assert says(ch00.q3(100 * share), "percentage")
    assert says(ch00.q3((a["complaints"] > 0).mean()), "every customer")  # unfiltered
    # by hand: walk n up until fewer than 100 customers have n or more orders
    n = next(n for n in range(1, 100) if (a["orders"] >= n).sum() < 100)
    assert (a["orders"] >= n - 1).sum() >= 100
    assert ok(ch00.q4(n)) and says(ch00.q4(n - 1), "one step further")
    assert says(ch00.q4(n + 1), "stop at the first")
    means = buyers.groupby("channel_family", observed=True)["spend"].mean()
    assert ok(ch00.q5(means.max()))
    everyone = a.groupby("channel_family", observed=True)["spend"].mean().max()
    assert says(ch00.q5(everyone), "Non-buyers")  # unfiltered
    assert says(ch00.q5(means.min()), "lowest")


# --- chapter 08 ---------------------------------------------------------------------------------


def test_ch08_checks():
    from crmlib import experiments as ex
    from crmlib import outreach as out

    # task 1 by the formula: p1 0.10, p2 0.13, p_bar 0.115:
    # (1.959964 * sqrt(2 * 0.115 * 0.885) + 0.841621 * sqrt(0.09 + 0.1131))^2 / 0.03^2 = 1773.3
    assert ex.sample_size(0.10, 0.03) == 1774
    assert ok(ch08.q1(1774)) and says(ch08.q1(2 * 1774), "both groups")
    assert says(ch08.q1(ex.sample_size(0.10, 0.02)), "2 points")
    assert says(ch08.q1(ex.sample_size(0.10, 0.03, power=0.9)), "90% power")
    e = ch08.experiment()
    s = store()
    capped = out.audience(
        e.crowd, s.customers, e.contacts, "2026-01-01", out.OutreachRule(cap_days=14)
    )
    assert len(capped.ids) < len(e.audience.ids)  # a longer cap leaves fewer customers
    assert ok(ch08.q2(len(capped.ids)))
    assert says(ch08.q2(len(e.audience.ids)), "cap_days=14")
    assert says(ch08.q2(len(e.crowd)), "whole crowd")
    r = e.result
    assert ok(ch08.q3(r.ci_low)) and ok(ch08.q3(round(r.ci_low, 3)))
    assert says(ch08.q3(100 * r.ci_low), "percentage points") and says(ch08.q3(r.ci_high), "upper")
    assert says(ch08.q3(round(100 * r.ci_low, 1)), "percentage points")  # as printed
    value = out.value_of_targeting(e.by_grade, e.sizes, ["growing"], e.order_value)
    assert value["net"] < 0  # growing customers buy anyway: the coupon is a giveaway
    assert ok(ch08.q4(value["net"])) and says(ch08.q4(value["extra_profit"]), "extra profit")
    assert says(ch08.q4(-value["net"]), "sign")


def test_a_choice_may_be_written_as_the_tables_show_it():
    """A zh student types the family as the table shows it (站内付费流量), not its code name."""
    from crmlib.exercises import ch02
    from crmlib.exercises.keys import chosen_option

    right = ch02.q3("paid")
    assert right.correct
    for spelt in ("站内付费流量", "站內付費流量", " PAID "):
        assert ch02.q3(spelt).correct, spelt
    assert ch02.q3("社交裂变").correct is False  # another family: wrong, not "not an option"
    assert "one of" in str(ch02.q3("高价值客户"))  # a label of another kind is no option here
    options = ("free", "paid", "off_platform", "social")
    assert chosen_option("站外流量", options) == "off_platform"
    assert chosen_option("站外", options) is None
