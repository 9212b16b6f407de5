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
# # 参考答案 04 · 会员等级设计
#
# **教材：** §7.2.4 网店会员管理、§7.3 维护客户关系。配套笔记本：`notebooks/zh/04_tier_design.ipynb`。
#
# 这里是每个任务的参考答案（都能通过检查），讨论题还附有一份示范答案。请先自己做完练习笔记本，再来看这里。

# %%
import pandas as pd
from IPython.display import display

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
answer_1 = int(tiers.evaluate(policy, inputs).counts["diamond"])
check.q1(answer_1)

# %% [markdown]
# ## 任务 2
#
# **钻石会员要少而精。** 店铺想让钻石会员多一些，但人数必须少于全部会员（即有过成交的 12,000 位买家，和笔记本 04 的表一样）的 1.5%。钻石会员的滚动门槛最低能降到多少（取 100 的整数倍），才能让钻石会员的占比仍低于 1.5%？（也可以在会员等级探索工具里拖动钻石门槛的滑块，观察占比的变化。）

# %%
shares = {
    t: tiers.evaluate(policy.replace_tier("diamond", rolling=t), inputs).table.loc[
        "diamond", "share"
    ]
    for t in range(3000, 1500, -100)
}
display(
    i18n.show(pd.Series(shares, name="share").rename_axis("diamond_threshold").round(4).to_frame())
)
answer_2 = min(
    t for t, s in shares.items() if s < 0.015 and all(shares[u] < 0.015 for u in shares if u > t)
)
check.q2(answer_2)

# %% [markdown]
# ## 任务 3
#
# **用最小的调整推一把。** 把银卡会员的滚动门槛往下调（每次调 10 点），调到刚好能让银卡及以上等级的会员至少增加 200 人。满足要求的门槛最高是多少？

# %%
base = (tiers.evaluate(policy, inputs).level >= 1).sum()
answer_3 = next(
    t
    for t in range(490, 0, -10)
    if (tiers.evaluate(policy.replace_tier("silver", rolling=t), inputs).level >= 1).sum() - base
    >= 200
)
check.q3(answer_3)

# %% [markdown]
# ## 任务 4
#
# **金卡的代价。** 如果兑现金卡会员的权益（9折折扣，再加满 500 减 120），这些权益的成本占金卡会员最近 12 个月销售额的比例是多少？填 0 到 1 之间的小数，不要填百分数。

# %%
answer_4 = tiers.evaluate(policy, inputs).table.loc["gold", "cost_share_of_revenue"]
check.q4(answer_4)

# %% [markdown]
# ## 任务 5
#
# **讨论（§7.2.4）。** 如果由你来运营这家店的会员体系，你会怎么做？请谈谈会员等级、会员权益和成长值，以及怎样让会员保持活跃。

# %% [markdown]
# 示范答案：

# %%
answer_5 = check.model_answer(5)
print(answer_5)
check.q5(answer_5)
