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
# # 练习 08 · 维护客户关系
#
# **教材：** §7.3 维护客户关系。配套笔记本：`notebooks/zh/08_keeping_customers.ipynb`。
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
from crmlib import experiments as ex
from crmlib import i18n
from crmlib import outreach as out
from crmlib.datasets import load_store
from crmlib.exercises import ch08 as check

i18n.set_language("zh")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
e = check.experiment()  # the notebook's campaign, played out with the same seeds
crowd, contacts, audience, result = e.crowd, e.contacts, e.audience, e.result
by_grade, sizes, order_value = e.by_grade, e.sizes, e.order_value


# %% [markdown]
# ## 任务 1（选学）
#
# > 选学：本题用到笔记本 08 的深入（选学）内容“需要多少客户？”。
#
# **需要多少客户？** 另一次活动：不做活动时，人群中有 10% 会在 30 天内购买；店铺想在 5% 的
# 显著性水平、80% 的检验功效下，发现 **3 个百分点**的提升。每组需要多少位客户？


# %%
answer_1 = ...
check.q1(answer_1)


# %% [markdown]
# ## 任务 2
#
# **更长的发送频率上限。** 店铺规定：任何人 **14 天**内最多只收到一条营销消息（仍然要求有营销
# 授权）。人群和发送记录不变，有多少位客户可以收到这条短信？


# %%
answer_2 = ...
check.q2(answer_2)


# %% [markdown]
# ## 任务 3
#
# **读懂测试结果。** 对全部受众来说，优惠券带来的提升，其 95% 置信区间的下限是多少？用小数
# 表示（1.5 个百分点写 0.015）。95% 置信区间是测试给出的一个范围：真实的提升大致落在这两个数
# 之间。笔记本 08 第 3 节打印的测试结果里，括号中的两个数就是它的下限和上限（单位是个百分点）。


# %%
answer_3 = ...
check.q3(answer_3)


# %% [markdown]
# ## 任务 4
#
# **发给谁？** 如果店铺**只给成长客户**发券，按测试中测得的成长客户购买率（实验组、对照组各自的购买率）
# 计算，这次活动的净收益是多少元？


# %%
answer_4 = ...
check.q4(answer_4)


# %% [markdown]
# ## 任务 5
#
# **课堂讨论（§7.3，课堂讨论 7.3（2））。** 客服人员可以怎样留住客户？结合客户等级和这次测试
# 来写：每个等级得到什么服务，你会给谁打电话、给谁发券、对谁什么都不做，以及怎样知道一项做法
# 有没有用。


# %%
answer_5 = ...
check.q5(answer_5)

# %% [markdown]
# ## 任务 6
#
# **任务实训（§7.5 客户互动平台）。** 为这家女包店的千牛群写一份简短的运营方案，分五部分：
#
# 1. **目标**：这个群对店铺有什么用，客户为什么愿意进群；
# 2. **邀请谁、在哪里邀请**：哪些客户，在包裹卡片、售后消息还是千牛接待时邀请，怎样尊重客户的意愿；
# 3. **建群和群规**：在千牛工作台里怎样建群（接待中心 → 我管理的群 → 创建普通群），群规写什么，谁来回答问题、多快回答；
# 4. **一周的内容安排**：哪天发什么（新品、会员专享优惠、答疑、征求意见）；
# 5. **怎样衡量**：看哪些数字判断这个群办得好不好（笔记本 08 第 5 节提醒你：直接拿群成员和未入群客户比较，会高估社群的作用）。


# %%
answer_6 = ...
check.q6(answer_6)
