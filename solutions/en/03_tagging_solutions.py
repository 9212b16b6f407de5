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
# # Solutions 03 · Tagging customers
#
# **Textbook:** §7.2.2-§7.2.4. Notebook: `notebooks/en/03_tagging.ipynb`.
#
# The worked answers, each passing its check, and a worked reflection for every discussion
# task. Try the exercises notebook first.

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
answer_1 = "3钻"  # 1,001-2,000 points
check.q1(answer_1)

# %% [markdown]
# ## Task 2
#
# **A crowd.** With the default tags, how many customers are tagged `repeat_buyer` and
# *not* `churn_risk`?

# %%
table = tags.tag_table(archive)
answer_2 = len(tags.select(table, "repeat_buyer AND NOT churn_risk"))
check.q2(answer_2)

# %% [markdown]
# ## Task 3
#
# **Inquired but not bought.** How many customers asked customer service at least once
# (询单) but never completed an order (未成交)? Use the archive's `inquiries` and `orders`
# columns.

# %%
answer_3 = int(((archive["inquiries"] > 0) & (archive["orders"] == 0)).sum())
check.q3(answer_3)

# %% [markdown]
# ## Task 4
#
# **Design (§7.2.2).** Propose three tags for this shop: for each, a name, the rule (on the
# archive's columns, or `birthday_in_days`, which the tag engine adds) and the action it
# triggers. Write them as a string. Columns you can use: `orders`, `spend_12m`,
# `days_since_last`, `complaints`, `inquiries`, `promo_share`, `vip88`, `community_member`,
# `birthday_in_days` (days to the next birthday).

# %% [markdown]
# A worked answer:

# %%
answer_4 = check.model_answer(4)
print(answer_4)
check.q4(answer_4)

# %% [markdown]
# ## Task 5
#
# **Discussion.** Rule tags or k-means clusters: what does each give a shop, and what does
# each miss?

# %% [markdown]
# A worked reflection:

# %%
answer_5 = check.model_answer(5)
print(answer_5)
check.q5(answer_5)
