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
# # Exercises 03 · Tagging customers
#
# **Textbook:** §7.2.2-§7.2.4. Notebook: `notebooks/en/03_tagging.ipynb`.
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
from crmlib import i18n, tags
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch03 as check

i18n.set_language("en")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## Task 1
#
# **Credit level.** A buyer has 1,200 credit points. What is their platform credit level?
# Answer with a label such as `"2心"` (two hearts), `"4钻"` (four diamonds) or `"1冠"` (one
# crown). Work it out from the bands in the notebook before checking with `tags.credit_level`.

# %%
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## Task 2
#
# **A crowd.** With the default tags, how many customers are tagged `repeat_buyer` and
# *not* `churn_risk`?

# %%
table = tags.tag_table(archive)
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## Task 3
#
# **Inquired but not bought.** How many customers asked customer service at least once
# (询单) but never completed an order (未成交)? Use the archive's `inquiries` and `orders`
# columns.

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## Task 4
#
# **Design (§7.2.2).** Propose three tags for this shop: for each, a name, the rule (on the
# archive's columns, or `birthday_in_days`, which the tag engine adds) and the action it
# triggers. Write them as a string. Columns you can use: `orders`, `spend_12m`,
# `days_since_last`, `complaints`, `inquiries`, `promo_share`, `vip88`, `community_member`,
# `birthday_in_days` (days to the next birthday).

# %%
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## Task 5 (optional)
#
# > Optional: this task uses notebook 03's optional section "k-means clustering on RFM".
#
# **Discussion.** Rule tags or k-means clusters: what does each give a shop, and what does
# each miss?

# %%
answer_5 = ...
check.q5(answer_5)
