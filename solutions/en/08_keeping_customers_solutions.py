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
# # Solutions 08 · Keeping customers
#
# **Textbook:** §7.3 Maintaining customer relationships. Notebook: `notebooks/en/08_keeping_customers.ipynb`.
#
# The worked answers, each passing its check, and a worked reflection for the discussion
# task. Try the exercises notebook first.


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
# ## Task 1
#
# **How many customers?** Another campaign: without it, 10% of a crowd buy within 30 days, and
# the shop wants to detect an uplift of **3 percentage points** at the 5% significance level with
# 80% power. How many customers does each group need?


# %%
answer_1 = ex.sample_size(0.10, 0.03)
check.q1(answer_1)


# %% [markdown]
# ## Task 2
#
# **A longer frequency cap.** The shop decides that nobody should get a marketing message more
# often than once in **14 days** (consent still required). With the same crowd and message log,
# how many customers may get the SMS?


# %%
capped = out.audience(crowd, store.customers, contacts, AS_OF, out.OutreachRule(cap_days=14))
answer_2 = len(capped.ids)
check.q2(answer_2)


# %% [markdown]
# ## Task 3
#
# **Reading the test.** What is the lower end of the 95% confidence interval of the coupon's
# uplift on the whole audience? Give a fraction (1.5 percentage points = 0.015).


# %%
answer_3 = result.ci_low
check.q3(answer_3)


# %% [markdown]
# ## Task 4
#
# **Whom to send to.** What would the campaign's net value have been, in yuan, had the shop sent
# the coupon **only to growing customers** (成长客户), with the purchase rates the test measured for
# them (treatment and control)?


# %%
answer_4 = out.value_of_targeting(by_grade, sizes, ["growing"], order_value)["net"]
check.q4(answer_4)


# %% [markdown]
# ## Task 5
#
# **Discussion (§7.3, 课堂讨论 7.3(2)).** How can service staff keep customers? Use the grades
# and the test: what each grade gets, whom you would call, whom you would send a coupon, whom you
# would leave alone, and how you would know a measure works.


# %% [markdown]
# A worked reflection (yours may differ and still be good):


# %%
answer_5 = check.model_answer(5)
print(answer_5)
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


# %% [markdown]
# A worked plan (yours may differ and still be good):


# %%
answer_6 = check.model_answer(6)
print(answer_6)
check.q6(answer_6)
