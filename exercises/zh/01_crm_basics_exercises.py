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
# # 练习 01 · 客户关系管理基础
#
# **教材：** §7.1。配套笔记本：`notebooks/zh/01_crm_basics.ipynb`。
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
from crmlib import i18n, kpi, rfm
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch01 as check

i18n.set_language("zh")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 任务 1
#
# **复购率（repurchase rate）。** 本店的成交客户中，有多少比例的人完成了两笔或两笔以上的订单？
# 填 0 到 1 之间的小数，不要填百分数。（用客户档案 `archive` 来算：`archive["orders"]` 是每个客户的已完成订单数。）

# %%
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## 任务 2
#
# **验证二八法则。** 消费额排在前 20% 的**成交客户**，贡献了净销售额的多大比例？
# 用 `archive["spend"]`（已扣除退款的净消费额）来算。填 0 到 1 之间的小数，不要填百分数。

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## 任务 3
#
# **R 怎样才算“高”？** 有三位客户，最近一次购买分别在 5 天前（A）、100 天前（B）和 400 天前（C）。
# 谁的 R（最近一次消费，Recency）得分最高？回答 `"A"`、`"B"` 或 `"C"`。

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## 任务 4
#
# **RFM 八类客户模型（中国常用的分法）。** 把每个原始值（距最近一次购买的天数、已完成订单数、
# 净消费额；不是 1–5 分的得分）分别与它的**平均值**比较，R、F、M 三项都“高”的是重要价值客户。
# 这样的成交客户有多少位？注意 R 的方向。可以用下面的 `table`（`rfm.rfm_table(archive)` 算出的 RFM 表）
# 自己划分类别；也可以像笔记本 01 第 6 节那样，用 `rfm.cn8_classes` 给每位客户标出所属的类别，
# 再数一数其中有几位是重要价值客户。

# %%
table = rfm.rfm_table(archive)
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## 任务 5
#
# **课堂讨论（§7.1）。** 实体店和网店在接触客户的渠道、收集客户信息的方式、响应客户的速度
# 这三个方面有什么不同？写一小段话，以字符串的形式填入。检查不会给讨论题自动打分：
# 它把你的答案留给老师批阅，并列出好答案应包含的要点，请对照要点检查自己的答案。

# %%
answer_5 = ...
check.q5(answer_5)
