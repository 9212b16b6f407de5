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
# # 练习 03 · 给客户打标签
#
# **教材：** §7.2.2-§7.2.4。配套笔记本：`notebooks/zh/03_tagging.ipynb`。
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
from crmlib import i18n, tags
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch03 as check

i18n.set_language("zh")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 任务 1
#
# **信用等级。** 一位买家有 1,200 个信用积分，他的平台信用等级是什么？用等级标签回答，例如
# `"2心"`（两颗心）、`"4钻"`（四颗钻）或 `"1冠"`（一个皇冠）。先按配套笔记本里列出的积分区间
# 自己推算，再用 `tags.credit_level` 核对。

# %%
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## 任务 2
#
# **圈选人群。** 使用默认标签时，有多少客户带有 `repeat_buyer`（复购客户）标签，但**没有**
# `churn_risk`（流失风险）标签？

# %%
table = tags.tag_table(archive)
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## 任务 3
#
# **询单未成交。** 有多少客户至少咨询过一次客服（询单），却从来没有完成过订单（未成交）？
# 用客户档案 `archive` 的 `inquiries` 和 `orders` 两列来算。

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## 任务 4
#
# **设计标签（§7.2.2）。** 为这家店设计三个客户标签。每个标签都要写出：名称、规则（用客户档案 `archive`
# 里的列，或者标签引擎自动添加的 `birthday_in_days` 列）以及这个标签触发的行动。以字符串的形式填入。
# 可用的列有：`orders` 成交订单数、`spend_12m` 近12个月消费(元)、`days_since_last` 距最近购买天数、
# `complaints` 投诉次数、`inquiries` 咨询次数、`promo_share` 用券/折扣订单占比、`vip88` 是否88VIP、
# `community_member` 是否已加入客户群、`birthday_in_days` 距下次生日天数。

# %%
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## 任务 5（选学）
#
# > 选学：本题用到笔记本 03 的深入（选学）内容“让数据自己分组——K 均值聚类”。
#
# **讨论。** 规则标签和 K 均值聚类（k-means）：两种方法各能给店铺带来什么？各自又会漏掉什么？

# %%
answer_5 = ...
check.q5(answer_5)
