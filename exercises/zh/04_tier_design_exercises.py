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
# # 练习 04 · 会员等级设计
#
# **教材：** §7.2.4 网店会员管理。配套笔记本：`notebooks/zh/04_tier_design.ipynb`。
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
from crmlib import i18n, tiers
from crmlib.datasets import load_store
from crmlib.exercises import ch04 as check

i18n.set_language("zh")

store = load_store()
policy = tiers.textbook_policy()
birthdays = store.customers.set_index("customer_id")["birthday"]
inputs = tiers.prepare(store.orders, store.reviews, "2026-01-01", birthdays=birthdays)

# %% [markdown]
# ## 任务 1
#
# **数一数会员。** 截至 2026 年 1 月 1 日，按教材的会员政策，店铺有多少位钻石会员？（按教材规则定级：看滚动 12 个月成长值，也就是最近 12 个月的成长值。）

# %%
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## 任务 2
#
# **钻石会员要少而精。** 店铺想让钻石会员多一些，但人数必须少于全部会员（即有过成交的 12,000 位买家，和笔记本 04 的表一样）的 1.5%。钻石会员的滚动门槛最低能降到多少（取 100 的整数倍），才能让钻石会员的占比仍低于 1.5%？（也可以在会员等级探索工具里拖动钻石门槛的滑块，观察占比的变化。）

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## 任务 3
#
# **用最小的调整推一把。** 把银卡会员的滚动门槛往下调（每次调 10 点），调到刚好能让银卡及以上等级的会员至少增加 200 人。满足要求的门槛最高是多少？

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## 任务 4
#
# **金卡的代价。** 如果兑现金卡会员的权益（9折折扣，再加满 500 减 120），这些权益的成本占金卡会员最近 12 个月销售额的比例是多少？填 0 到 1 之间的小数，不要填百分数。

# %%
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## 任务 5
#
# **讨论（§7.2.4）。** 如果由你来运营这家店的会员体系，你会怎么做？请谈谈会员等级、会员权益和成长值，以及怎样让会员保持活跃。

# %%
answer_5 = ...
check.q5(answer_5)
