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
# # 练习 05 · 满意度与忠诚度
#
# **教材：** §7.4 提高客户忠诚度。配套笔记本：`notebooks/zh/05_satisfaction_loyalty.ipynb`。
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
from crmlib import i18n
from crmlib import satisfaction as sat
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch05 as check

i18n.set_language("zh")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 任务 1
#
# **手算 NPS。** 10 位客户回答了“你有多大可能把我们店推荐给别人？”（0–10 分），答案存在 `check.NPS_ANSWERS` 里。先在纸上数出推荐者（promoters）和贬损者（detractors）各有几位，再算出净推荐值（NPS）。NPS 用分数表示，范围从 −100 到 100。

# %%
print(check.NPS_ANSWERS)
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## 任务 2
#
# **CSAT。** 按配套笔记本里的定义，用 `store.surveys` 中的全部答卷（满意度评分在 `store.surveys["csat"]` 这一列），算出店铺的客户满意度得分（CSAT）。填 0 到 1 之间的小数，保留三位（例如 0.123），不要填百分数。

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## 任务 3
#
# **曲线在哪里是平的？** 先算出满意度–忠诚度曲线（`sat.satisfaction_curve(sat.loyalty_after_survey(store.surveys, store.orders, "2026-01-01"))`）。在哪两个相邻的满意度评分之间，复购率几乎没有变化？填 `"1-2"`、`"2-3"`、`"3-4"` 或 `"4-5"`。

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## 任务 4
#
# **设计（§7.4）。** 店里有一批图利型客户（mercenaries）：满意，但不忠诚。请为他们设计一项客户关怀活动或会员特权：它是什么，发给谁，怎样衡量它有没有效果。

# %%
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## 任务 5
#
# **讨论。** 人质型客户（hostages）忠诚，但不满意。为什么说他们对店铺的危害可能比叛离型客户（defectors）更大？

# %%
answer_5 = ...
check.q5(answer_5)
