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
# # 练习 02 · 客户来源分析
#
# **教材：** §7.2.1。配套笔记本：`notebooks/zh/02_customer_sources.ipynb`。
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
from crmlib import acquisition, i18n
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch02 as check

i18n.set_language("zh")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
report = acquisition.channel_report(archive, store.orders, store.traffic, as_of=AS_OF, by="channel")
family = acquisition.channel_report(archive, store.orders, store.traffic, as_of=AS_OF, by="family")

# %% [markdown]
# ## 任务 1
#
# **转化率（conversion）。** 老客推荐（`referral`）渠道的转化率是多少？转化率 = 这个渠道带来的成交客户数 ÷ 访客数。
# 带来的成交客户：客户表里来源渠道 `acquisition_channel` 为 `referral`、且至少有一笔已完成订单的客户；访客数：
# `store.traffic` 中这个渠道的访客总数（`store.traffic` 的列：`date` 日期、`channel` 渠道、`visitors` 访客数、`spend` 推广花费）。填 0 到 1 之间的小数，不要填百分数。先试着用 `store.traffic`
# 和 `archive` 自己算出来，再到 `report` 里核对。

# %%
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## 任务 2
#
# **获客成本（CAC）。** 直通车（关键词广告，`keyword_ads`）平均每带来一位成交客户，
# 花了多少元？（推广花费在 `store.traffic` 的 `spend` 列。）

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## 任务 3
#
# **价格敏感度。** 哪一类渠道（渠道大类）来的成交客户，首单使用优惠券的比例最高？回答渠道大类的名称：
# `"free"`（站内免费流量）、`"paid"`（站内付费流量）、`"off_platform"`（站外流量）或 `"social"`（社交裂变）。

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## 任务 4（选学）
#
# > 选学：本题用到笔记本 02 的深入（选学）内容“差距会不会只是偶然？”。
#
# **差异是真的吗？** 社交裂变来的成交客户，365 天内再次购买（复购）的比例比站内付费流量来的客户高。
# 这会不会只是偶然？像笔记本 02 那样，用 `acquisition.compare_repurchase(family, "social", "paid", days=365)`
# 检验：社交裂变是 a 组，站内付费是 b 组，只统计首单距数据截止日已满 365 天的成交客户。
# 请给出两组复购率之差的 95% 置信区间的下限（`ci_low`，用小数）。
# 如果连下限都大于 0，这个差异在 5% 的显著性水平下就是显著的。
# 打印结果里的区间以“个百分点”为单位，而答案要用小数（例如 3.5 个百分点写 0.035）。
# 不要抄打印出来的数字：让代码从检验结果 `test` 里取出这个下限，换一家店铺也能算对。

# %%
test = acquisition.compare_repurchase(family, "social", "paid", days=365)
print(test)
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## 任务 5
#
# **课堂讨论（§7.2.1）。** 这家店的客户都是从哪里来的？如果再有 10,000 元营销预算，你会投到哪里？
# 请从成本、客户质量和留存（复购）三个方面说明理由。

# %%
answer_5 = ...
check.q5(answer_5)
