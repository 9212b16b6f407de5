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
# # 参考答案 03 · 给客户打标签
#
# **教材：** §7.2.2-§7.2.4。配套笔记本：`notebooks/zh/03_tagging.ipynb`。
#
# 这里是每个任务的参考答案（都能通过检查），每道讨论题还附有一份示范答案。
# 请先自己做完练习笔记本，再来看这里。

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
answer_1 = "3钻"  # 1,001-2,000 points
check.q1(answer_1)

# %% [markdown]
# ## 任务 2
#
# **圈选人群。** 使用默认标签时，有多少客户带有 `repeat_buyer`（复购客户）标签，但**没有**
# `churn_risk`（流失风险）标签？

# %%
table = tags.tag_table(archive)
answer_2 = len(tags.select(table, "repeat_buyer AND NOT churn_risk"))
check.q2(answer_2)

# %% [markdown]
# ## 任务 3
#
# **询单未成交。** 有多少客户至少咨询过一次客服（询单），却从来没有完成过订单（未成交）？
# 用客户档案 `archive` 的 `inquiries` 和 `orders` 两列来算。

# %%
answer_3 = int(((archive["inquiries"] > 0) & (archive["orders"] == 0)).sum())
check.q3(answer_3)

# %% [markdown]
# ## 任务 4
#
# **设计标签（§7.2.2）。** 为这家店设计三个客户标签。每个标签都要写出：名称、规则（用客户档案 `archive`
# 里的列，或者标签引擎自动添加的 `birthday_in_days` 列）以及这个标签触发的行动。以字符串的形式填入。
# 可用的列有：`orders` 成交订单数、`spend_12m` 近12个月消费(元)、`days_since_last` 距最近购买天数、
# `complaints` 投诉次数、`inquiries` 咨询次数、`promo_share` 用券/折扣订单占比、`vip88` 是否88VIP、
# `community_member` 是否已加入客户群、`birthday_in_days` 距下次生日天数。

# %% [markdown]
# 示范答案：

# %%
answer_4 = check.model_answer(4)
print(answer_4)
check.q4(answer_4)

# %% [markdown]
# ## 任务 5
#
# **讨论。** 规则标签和 K 均值聚类（k-means）：两种方法各能给店铺带来什么？各自又会漏掉什么？

# %% [markdown]
# 示范答案：

# %%
answer_5 = check.model_answer(5)
print(answer_5)
check.q5(answer_5)
