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
# # Exercises 02 · Customer sources
#
# **Textbook:** §7.2.1. Notebook: `notebooks/en/02_customer_sources.ipynb`.
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
from crmlib import acquisition, i18n
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch02 as check

i18n.set_language("en")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
report = acquisition.channel_report(archive, store.orders, store.traffic, as_of=AS_OF, by="channel")
family = acquisition.channel_report(archive, store.orders, store.traffic, as_of=AS_OF, by="family")

# %% [markdown]
# ## Task 1
#
# **Conversion.** What is the conversion rate of old-customer referral (老客推荐,
# `referral`): new buyers won divided by visitors? New buyers are customers with at least
# one completed order whose `acquisition_channel` (customers table) is `referral`; visitors are
# the channel's total in `store.traffic` (columns `date`, `channel`, `visitors`, `spend`).
# Give a fraction. Try computing it from
# `store.traffic` and `archive` before reading it off `report`.

# %%
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## Task 2
#
# **Acquisition cost.** What did one new buyer from keyword ads (直通车, `keyword_ads`)
# cost, in yuan? (The marketing spend is the `spend` column of `store.traffic`.)

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## Task 3
#
# **Price sensitivity.** Which channel family's buyers used a coupon on their first order
# most often? Answer with the family's name (`"free"`, `"paid"`, `"off_platform"` or `"social"`).

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## Task 4 (optional)
#
# > Optional: this task uses notebook 02's optional section "could the gap be chance?".
#
# **Is the difference real?** Social-referral buyers came back within 365 days more often
# than paid-traffic buyers. Could that be chance? Test it as notebook 02 does, with
# `acquisition.compare_repurchase(family, "social", "paid", days=365)` (social is group a, paid
# group b; only buyers whose first order is at least 365 days old count), and give the lower
# end of the 95% confidence interval of the difference (`ci_low`, a fraction). If even the lower
# end is above 0, the difference is significant at the 5% level. The printout gives the
# interval in percentage points, but the answer is a fraction (3.5 points would be 0.035). Do
# not copy the printed number: let code take the lower end from the test result `test`, so that
# it is right for another shop too.

# %%
test = acquisition.compare_repurchase(family, "social", "paid", days=365)
print(test)
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## Task 5
#
# **Discussion (§7.2.1).** Where do this shop's customers come from, and where would you
# put the next 10,000 yuan of marketing budget? Argue with cost, customer quality and retention.

# %%
answer_5 = ...
check.q5(answer_5)
