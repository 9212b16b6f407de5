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
# # Exercises 04 · Membership tier design
#
# **Textbook:** §7.2.4. Notebook: `notebooks/en/04_tier_design.ipynb`.
#
# Each task ends in a check. Replace `...` with your answer and run the cell: the check says
# ✅ if you are right, or ❌ with what is wrong and a hint, without giving the answer away
# (✏️ means the task is not answered yet).
# Stuck? `check.hint(n)` gives a nudge for task n.
#
# Discussion tasks have no single right answer and no machine grades them: write your answer
# in quotes (`answer_5 = "..."`, at least 40 characters) and run the check: it shows the points
# a good answer covers, so that you can assess your own answer against them. Your teacher reads
# it in the notebook you hand in and discusses worked answers in class.
#
# Your teacher grades your notebook by running it again on another shop of the same kind: let
# code compute every answer from the data (`answer_1 = kpi.…(archive)`) rather than typing in a
# number. A number copied from a table here is wrong for the other shop.

# %%
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
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## Task 2
#
# **An exclusive top tier.** The shop wants more diamond members, but fewer than 1.5% of
# the members (the 12,000 buyers, as in notebook 04's table). What is the lowest rolling
# diamond threshold, in multiples of 100, that keeps the diamond share under 1.5%? (You can
# also watch the diamond share move with the explorer's slider.)

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## Task 3
#
# **The cheapest nudge.** Lower the silver rolling threshold (in steps of 10 points) just enough to move at least 200 more customers to silver or above. What
# is the highest threshold that does it?

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## Task 4
#
# **The price of gold.** What share of the gold tier's 12-month revenue would its benefits (the
# discount *and* the spend-500-save-120 offer) have cost? Give a fraction.

# %%
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## Task 5
#
# **Discussion (§7.2.4).** How would you run this shop's membership programme? Cover tiers,
# benefits and growth, and what keeps members active.

# %%
answer_5 = ...
check.q5(answer_5)
