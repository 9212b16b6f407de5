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
# # Solutions 04 · Membership tier design
#
# **Textbook:** §7.2.4, §7.3. Notebook: `notebooks/en/04_tier_design.ipynb`.
#
# The worked answers, each passing its check, and a worked reflection for the discussion
# task. Try the exercises notebook first.

# %%
import pandas as pd
from IPython.display import display

from crmlib import i18n, tiers
from crmlib.datasets import load_store
from crmlib.exercises import ch04 as check

i18n.set_language("en")

store = load_store()
policy = tiers.textbook_policy()
birthdays = store.customers.set_index("customer_id")["birthday"]
inputs = tiers.prepare(store.orders, store.reviews, "2026-01-01", birthdays=birthdays)

# %% [markdown]
# ## Task 1
#
# **Counting members.** How many diamond members does the textbook policy have as of
# 1 January 2026 (the textbook's rule: the last 12 months' growth value)?

# %%
answer_1 = int(tiers.evaluate(policy, inputs).counts["diamond"])
check.q1(answer_1)

# %% [markdown]
# ## Task 2
#
# **An exclusive top tier.** The shop wants more diamond members, but fewer than 1.5% of
# the members (the 12,000 buyers, as in notebook 04's table). What is the lowest rolling
# diamond threshold, in multiples of 100, that keeps the diamond share under 1.5%? (You can
# also watch the diamond share move with the explorer's slider.)

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
# ## Task 3
#
# **The cheapest nudge.** Lower the silver rolling threshold (in steps of 10 points) just enough to move at least 200 more customers to silver or above. What
# is the highest threshold that does it?

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
# ## Task 4
#
# **The price of gold.** What share of the gold tier's 12-month revenue would its benefits (the
# discount *and* the spend-500-save-120 offer) have cost? Give a fraction.

# %%
answer_4 = tiers.evaluate(policy, inputs).table.loc["gold", "cost_share_of_revenue"]
check.q4(answer_4)

# %% [markdown]
# ## Task 5
#
# **Discussion (§7.2.4).** How would you run this shop's membership programme? Cover tiers,
# benefits and growth, and what keeps members active.

# %% [markdown]
# A worked reflection:

# %%
answer_5 = check.model_answer(5)
print(answer_5)
check.q5(answer_5)
