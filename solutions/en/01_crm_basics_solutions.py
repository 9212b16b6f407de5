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
# # Solutions 01 · CRM basics
#
# **Textbook:** §7.1. Notebook: `notebooks/en/01_crm_basics.ipynb`.
#
# The worked answers, each passing its check, and a worked reflection for every discussion
# task. Try the exercises notebook first.

# %%
from crmlib import i18n, rfm
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
buyers = archive[archive["orders"] > 0]
answer_1 = (buyers["orders"] >= 2).mean()
check.q1(answer_1)

# %% [markdown]
# ## Task 2
#
# **The Pareto check.** What share of net revenue do the top 20% of *buyers* bring? Use
# `archive["spend"]` (net of refunds). Give a fraction.

# %%
spend = archive.loc[archive["orders"] > 0, "spend"].sort_values(ascending=False)
top = spend.head(int(round(0.2 * len(spend))))
answer_2 = top.sum() / spend.sum()
check.q2(answer_2)

# %% [markdown]
# ## Task 3
#
# **Which way does R go?** Three customers last bought 5 days ago (A), 100 days ago (B)
# and 400 days ago (C). Which one gets the highest R score? Answer `"A"`, `"B"` or `"C"`.

# %% [markdown]
# Recency rewards the most recent buyer: fewer days since the last purchase is better.

# %%
answer_3 = "A"
check.q3(answer_3)

# %% [markdown]
# ## Task 4
#
# **The Chinese 8-class model.** How many buyers are 重要价值客户 (R, F and M all high)
# when each raw value (days since the last purchase, completed orders, net spend; not the
# 1-5 scores) is compared with its **mean**? Remember which way R goes. You may use
# `rfm.rfm_table(archive)` and compute the classes yourself, or use `rfm.cn8_classes`:
# `(rfm.cn8_classes(table) == "重要价值客户").sum()` counts that class.

# %%
table = rfm.rfm_table(archive)
mean = table.mean()
r_high = table["days_since_last"] < mean["days_since_last"]  # recent = high
f_high = table["orders"] >= mean["orders"]
m_high = table["spend"] >= mean["spend"]
answer_4 = int((r_high & f_high & m_high).sum())
check.q4(answer_4)

# %% [markdown]
# ## Task 5
#
# **Discussion (§7.1).** How do physical stores and online stores differ in their channels
# to customers, in how they gather customer information, and in how fast they can respond?
# Write a short paragraph (at least 40 characters) as a string.

# %% [markdown]
# A worked reflection (yours may differ and still be good):

# %%
answer_5 = check.model_answer(5)
print(answer_5)
check.q5(answer_5)
