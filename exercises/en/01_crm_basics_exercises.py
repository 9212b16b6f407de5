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
# # Exercises 01 · CRM basics
#
# **Textbook:** §7.1. Notebook: `notebooks/en/01_crm_basics.ipynb`.
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
from crmlib import i18n, kpi, rfm
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch01 as check

i18n.set_language("en")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## Task 1
#
# **Repurchase rate.** What share of the shop's buyers made two or more completed orders?
# Give a fraction between 0 and 1. (Use the archive: `archive["orders"]` counts completed orders.)

# %%
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## Task 2
#
# **The Pareto check.** What share of net revenue do the top 20% of *buyers* bring? Use
# `archive["spend"]` (net of refunds). Give a fraction.

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## Task 3
#
# **Which way does R go?** Three customers last bought 5 days ago (A), 100 days ago (B)
# and 400 days ago (C). Which one gets the highest R score? Answer `"A"`, `"B"` or `"C"`.

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## Task 4
#
# **The Chinese 8-class model.** How many buyers are 重要价值客户 (R, F and M all high)
# when each raw value (days since the last purchase, completed orders, net spend; not the
# 1-5 scores) is compared with its **mean**? Remember which way R goes. You may compute the
# classes yourself from `table` below (the RFM table of `rfm.rfm_table(archive)`), or do as
# notebook 01 §6 does: `rfm.cn8_classes` labels each buyer with a class, and then you count the
# buyers labelled 重要价值客户.

# %%
table = rfm.rfm_table(archive)
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## Task 5
#
# **Discussion (§7.1).** How do physical stores and online stores differ in their channels
# to customers, in how they gather customer information, and in how fast they can respond?
# Write a short paragraph as a string. The check does not grade it: it keeps your answer
# for your teacher and shows the points a good answer covers, to assess your own against.

# %%
answer_5 = ...
check.q5(answer_5)
