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
# # Exercises 05 · Satisfaction versus loyalty
#
# **Textbook:** §7.4. Notebook: `notebooks/en/05_satisfaction_loyalty.ipynb`.
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
from crmlib import i18n
from crmlib import satisfaction as sat
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch05 as check

i18n.set_language("en")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## Task 1
#
# **NPS by hand.** Ten customers answered "How likely are you to recommend us?" (0–10):
# `check.NPS_ANSWERS`. Count promoters and detractors on paper and give the NPS (points,
# from −100 to 100).

# %%
print(check.NPS_ANSWERS)
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## Task 2
#
# **CSAT.** What is the shop's CSAT over all answers in `store.surveys`, using this
# suite's definition? The scores are in the column `store.surveys["csat"]`. Give a fraction
# with three decimals (e.g. 0.123).

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## Task 3
#
# **Where is the curve flat?** Compute the satisfaction–loyalty curve
# (`sat.satisfaction_curve(sat.loyalty_after_survey(store.surveys, store.orders, "2026-01-01"))`).
# Between which two neighbouring CSAT scores does repurchase barely change? Answer `"1-2"`,
# `"2-3"`, `"3-4"` or `"4-5"`.

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## Task 4
#
# **Design (§7.4).** Design one customer-care action or privilege for the shop's mercenaries
# (satisfied but not loyal): what it is, who gets it, and how you would measure whether it works.

# %%
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## Task 5
#
# **Discussion.** Why might hostages (loyal but not satisfied) be more dangerous to a shop
# than defectors?

# %%
answer_5 = ...
check.q5(answer_5)
