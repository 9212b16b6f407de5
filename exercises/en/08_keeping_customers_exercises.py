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
# # Exercises 08 · Keeping customers
#
# **Textbook:** §7.3 Maintaining customer relationships. Notebook: `notebooks/en/08_keeping_customers.ipynb`.
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
from crmlib import experiments as ex
from crmlib import i18n
from crmlib import outreach as out
from crmlib.datasets import load_store
from crmlib.exercises import ch08 as check

i18n.set_language("en")

store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
e = check.experiment()  # the notebook's campaign, played out with the same seeds
crowd, contacts, audience, result = e.crowd, e.contacts, e.audience, e.result
by_grade, sizes, order_value = e.by_grade, e.sizes, e.order_value


# %% [markdown]
# ## Task 1 (optional)
#
# > Optional: this task uses notebook 08's optional section "how many customers?".
#
# **How many customers?** Another campaign: without it, 10% of a crowd buy within 30 days, and
# the shop wants to detect an uplift of **3 percentage points** at the 5% significance level with
# 80% power. How many customers does each group need?


# %%
answer_1 = ...
check.q1(answer_1)


# %% [markdown]
# ## Task 2
#
# **A longer frequency cap.** The shop decides that nobody should get a marketing message more
# often than once in **14 days** (consent still required). With the same crowd and message log,
# how many customers may get the SMS?


# %%
answer_2 = ...
check.q2(answer_2)


# %% [markdown]
# ## Task 3
#
# **Reading the test.** What is the lower end of the 95% confidence interval of the coupon's
# uplift on the whole audience? Give a fraction (1.5 percentage points = 0.015). The 95%
# confidence interval is a range the test gives: the true uplift lies roughly between its two
# numbers. In the test result printed in notebook 08 §3, the two numbers in brackets are its
# lower and upper end (in percentage points).


# %%
answer_3 = ...
check.q3(answer_3)


# %% [markdown]
# ## Task 4
#
# **Whom to send to.** What would the campaign's net value have been, in yuan, had the shop sent
# the coupon **only to growing customers** (成长客户), with the purchase rates the test measured for
# them (treatment and control)?


# %%
answer_4 = ...
check.q4(answer_4)


# %% [markdown]
# ## Task 5
#
# **Discussion (§7.3, 课堂讨论 7.3(2)).** How can service staff keep customers? Use the grades
# and the test: what each grade gets, whom you would call, whom you would send a coupon, whom you
# would leave alone, and how you would know a measure works.


# %%
answer_5 = ...
check.q5(answer_5)

# %% [markdown]
# ## Task 6
#
# **Practical task (§7.5, interaction platforms).** Write a short plan for this handbag shop's
# Qianniu group (千牛群), in five parts:
#
# 1. **Goal:** what the group does for the shop, and why customers would want to join;
# 2. **Who and where:** which customers are invited, and where (the card in the parcel, an
#    after-sale message, a service chat); how their consent is respected;
# 3. **Creating it, and its rules:** how the group is made in the Qianniu workbench (接待中心 →
#    我管理的群 → 创建普通群), what the rules say, who answers questions and how fast;
# 4. **A week of posts:** what is posted on which day (new items, member-only offers, answers,
#    requests for feedback);
# 5. **Measures:** which numbers tell whether the group works (notebook 08 §5 warns that
#    comparing members with everyone else overstates what the group does).


# %%
answer_6 = ...
check.q6(answer_6)
