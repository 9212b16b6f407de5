# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (crm-notebooks)
#     language: python
#     name: crm-notebooks
# ---

# %% [markdown]
# # 练习 06 · 客户终身价值
#
# **教材：** 行业文章中的客户终身价值（CLV）与客户生命周期方法。配套笔记本：`notebooks/zh/06_clv.ipynb`。
#
# 每个任务最后都有一个检查单元格。把 `...` 换成你的答案，再运行这个单元格：答对了显示 ✅；
# 答错了显示 ❌，并告诉你哪里不对、给一点提示，但不会直接说出答案（显示 ✏️ 表示这题还没作答）。
# 卡住了？运行 `check.hint(n)`，可以得到第 n 题的提示。
#
# 讨论题没有唯一的标准答案，也不由电脑打分：把你的答案写在英文双引号里（例如 `answer_5 = "……"`，
# 至少 40 个字），再运行检查。检查会列出一份好答案应包含的要点（评分要点），请对照要点自评；
# 老师会在你交上来的笔记本里批阅，并在课堂上讲解示范答案。
#
# 老师评分时，会把你的笔记本放在另一家同类店铺的数据上重新运行一遍。所以每个答案都要用代码从
# 数据里算出来（例如 `answer_1 = kpi.…(archive)`），不要直接填数字：从这里的表格里抄来的数字，
# 换一家店铺就不对了。

# %%

from crmlib import clv, i18n
from crmlib.datasets import load_store
from crmlib.exercises import ch06 as check

i18n.set_language("zh")

store = load_store()
kept = store.orders[store.orders["status"] == "completed"]
summary = clv.transaction_summary(kept, "2025-12-31", amount_col="amount_paid", unit="D")
bg = clv.BGNBD().fit(summary, unit="D")
gg = clv.GammaGamma().fit(summary)

# %% [markdown]
# ## 任务 1
#
# **手算 `frequency`、`recency` 和 `T`。** 这三个数是 CLV 模型的原料，和笔记本 01 里 RFM 的 R、F 含义不同：
#
# * `frequency`（复购频次）：有过复购的天数。首次购买那天不算；同一天买了几次，只算一天。
# * `recency`：从首次购买到最近一次购买，相隔多少天（只买过一次的客户为 0）。
# * `T`（观察期长度）：从首次购买到观察截止日，相隔多少天。
#
# 下面是三位客户的购买记录，观察到 2024 年 3 月 31 日当天结束为止（这一天的购买也算；`T` = 3 月 31 日减去首次购买的日期，是两个日期相减，不把首尾两天都算上；2024 年 2 月有 29 天）：
#
# | 客户 | 购买时间 |
# |---|---|
# | A | 1月10日 10:00、1月10日 21:00、2月1日 |
# | B | 1月5日、2月5日、3月5日 |
# | C | 3月20日 |
#
# 先在纸上算出 A 的（frequency, recency, T），都按整天计，再写成一个元组（tuple），例如 `(2, 15, 40)`。（`check.TOY` 里存着这张表，算完后可以用 `clv.transaction_summary(check.TOY, check.END, unit="D")` 核对。）

# %%
answer_1 = ...  # (frequency, recency, T)
check.q1(answer_1)

# %% [markdown]
# ## 任务 2
#
# **只买过一次的客户的存活概率。** 为什么只购买过一次的客户，存活概率（P(alive)）恰好等于 1？A）模型算不出这类客户的存活概率；B）在 BG/NBD 模型里，客户只有在复购之后才可能流失，没有复购就没有流失的机会；C）模型假定只买过一次的客户都是忠诚客户。

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## 任务 3
#
# **注意时间单位。** 模型 `bg` 是以“天”为单位拟合的。它预计客户 834 在接下来的 90 天里会购买多少次？请填模型算出的小数，不要取整。用 `clv.predict` 来算（笔记本 06 第 5 节用过它）：预测期按天数传给
# `horizon_days`，再用 `unit` 写明模型的时间单位。它返回一张表，每位客户一行（行标签就是客户编号），
# `expected_purchases` 一列是预计购买次数。

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## 任务 4
#
# **挽回预算。** 和配套笔记本里一样，挽回名单是这样一批买家：消费额（只算已完成的订单）排在前 25%，而且 P(alive) 不低于 0.2、低于 0.5。每人将收到一张 20 元优惠券。其中有多少人的 12 个月 CLV（年贴现率 10%，毛利率 40%）高于 20 元，也就是这位客户预计带来的毛利至少够付这张券？（这张券本身能不能把客户拉回来，是另一个问题，要用设对照组的测试来回答。）下面前三行代码算出了笔记本里用到的数值，请补全挽回名单并数一数。

# %%
value = clv.clv(bg, gg, summary, unit="D", months=12, annual_discount_rate=0.10, margin=0.4)
p_alive = clv.predict(bg, summary, horizon_days=365, unit="D")["p_alive"]
spend = kept.groupby("customer_id")["amount_paid"].sum().reindex(summary.index)
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## 任务 5
#
# **讨论。** 某个渠道带来的买家，平均 12 个月 CLV 低于这个渠道的获客成本（CAC），即 CLV/CAC < 1。店铺应该停止在这个渠道投放吗？做决定之前，你还想了解哪些情况？

# %%
answer_5 = ...
check.q5(answer_5)

# %% [markdown]
# ## 任务 6（选学）
#
# > 选学：本题用到笔记本 06 的深入（选学）内容“6. 选哪个模型？BG/NBD、MBG/NBD 与 Pareto/NBD”。
#
# **选哪个模型？** 这次换一个比笔记本更长的保留期：校准期截至 2025 年 3 月 31 日，保留期为 2025 年 4 月至 12 月（已完成订单，时间单位为天；即下面的 `cal`）。用 `clv.fit_models` 在 `cal` 上只拟合这两个模型（时间单位为天；两个模型在代码里叫 `"bgnbd"` 和 `"pareto_nbd"`，通过参数 `names` 传入），再像笔记本 06 第 6 节那样，用 `clv.compare_models` 在同一个 `cal` 上比较。Pareto/NBD 的 AIC 比 BG/NBD 高多少？也就是表中“与最优模型的 AIC 差”一列（代码里叫 `delta_aic`）在 `pareto_nbd` 这一行的值。答案至少保留一位小数。

# %%
cal = clv.calibration_holdout(kept, "2025-03-31", "2025-12-31", amount_col="amount_paid", unit="D")
answer_6 = ...
check.q6(answer_6)

# %% [markdown]
# ## 任务 7（选学）
#
# > 选学：本题用到笔记本 06 的深入（选学）内容“7. 有多大把握？预测区间”。
#
# **排名靠前的客户，名次确定吗？** 按笔记本 06 第 7 节的方法模拟明年的 CLV（下面前两行，约需 6 秒）。`rank_high` 一列在表中显示为“最差名次”：名次的数字越大越靠后，`rank_high` 是名次区间里数字大、也就是名次差的那一端，客户在 90% 的模拟年份里都能达到或好于这个名次。在至少 90% 的模拟年份里都排进前 500 名的客户、也就是 `rank_high` 不超过 500 的客户，一共有多少位？

# %%
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
answer_7 = ...
check.q7(answer_7)
