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
# # Exercises 06 · Customer lifetime value
#
# **Textbook:** the trade articles' CLV and lifecycle methods. Notebook: `notebooks/en/06_clv.ipynb`.
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

from crmlib import clv, i18n
from crmlib.datasets import load_store
from crmlib.exercises import ch06 as check

i18n.set_language("en")

store = load_store()
kept = store.orders[store.orders["status"] == "completed"]
summary = clv.transaction_summary(kept, "2025-12-31", amount_col="amount_paid", unit="D")
bg = clv.BGNBD().fit(summary, unit="D")
gg = clv.GammaGamma().fit(summary)

# %% [markdown]
# ## Task 1
#
# **Frequency, recency and T by hand.** These three numbers feed the CLV model; they are not
# RFM's R and F from notebook 01:
#
# * `frequency`: the number of days with a repeat purchase. The first purchase day does not
#   count, and several purchases on one day count as one.
# * `recency`: the days from the first purchase to the last one (0 for a one-time buyer).
# * `T`: the days from the first purchase to the end of the observation.
#
# Three customers' purchases, observed until the end of
# 31 March 2024 (purchases on that day count; T is 31 March minus the first purchase day, a
# date difference that does not count both end days; 2024 has 29 February):
#
# | customer | purchases |
# |---|---|
# | A | 10 Jan 10:00, 10 Jan 21:00, 1 Feb |
# | B | 5 Jan, 5 Feb, 5 Mar |
# | C | 20 Mar |
#
# Work out A's (frequency, recency, T) in whole days on paper, then give it as a tuple such as
# `(2, 15, 40)`. (`check.TOY`
# holds the table if you want to verify with `clv.transaction_summary(check.TOY, check.END, unit="D")`
# afterwards.)

# %%
answer_1 = ...  # (frequency, recency, T)
check.q1(answer_1)

# %% [markdown]
# ## Task 2
#
# **P(alive) of a one-time buyer.** Why is P(alive) exactly 1 for a customer who bought only
# once? A) the model cannot compute it for them; B) in BG/NBD a customer can leave only after a
# repeat purchase, so without one there was no chance to leave; C) the model assumes one-time
# buyers are loyal.

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# ## Task 3
#
# **Mind the unit.** The model `bg` was fitted in days. How many purchases does it expect from
# customer 834 in the next 90 days? Give the model's decimal, not a rounded whole number.
# Use `clv.predict`, as notebook 06 §5 does: give it the horizon in days as `horizon_days` and
# the model's time unit as `unit`. It returns a table with one row per customer (labelled by
# customer id); the column `expected_purchases` holds the expected purchases.

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## Task 4
#
# **A win-back budget.** As in the notebook, the win-back list is buyers in the top quarter of
# spend (completed orders) whose P(alive) is at least 0.2 and below 0.5. Each would get a
# 20-yuan coupon. How many of them have a 12-month CLV (10% annual discount rate, 40% margin)
# above 20 yuan, so that the profit they are expected to bring covers the coupon? (Whether the
# coupon itself brings them back is another question: that needs a test with a control group.)
# The first three lines compute what the notebook did; complete the list and count.

# %%
value = clv.clv(bg, gg, summary, unit="D", months=12, annual_discount_rate=0.10, margin=0.4)
p_alive = clv.predict(bg, summary, horizon_days=365, unit="D")["p_alive"]
spend = kept.groupby("customer_id")["amount_paid"].sum().reindex(summary.index)
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## Task 5
#
# **Discussion.** A channel's buyers have an average 12-month CLV below the channel's CAC
# (CLV/CAC < 1). Should the shop stop buying that channel? What else would you want to know?

# %%
answer_5 = ...
check.q5(answer_5)

# %% [markdown]
# ## Task 6 (optional)
#
# > Optional: this task uses notebook 06's optional section "6. Which model? BG/NBD, MBG/NBD and Pareto/NBD".
#
# **Which model?** Fit BG/NBD and Pareto/NBD on a longer holdout than the notebook's: the
# calibration period ends on 31 March 2025 and the holdout runs from April to December 2025
# (completed orders, days; `cal` below). Fit just these two models on `cal` with
# `clv.fit_models` (in days; in code the models are called `"bgnbd"` and `"pareto_nbd"`, passed
# as `names`) and compare them on the same `cal` with `clv.compare_models`, as in notebook 06
# §6. By how much is Pareto/NBD's AIC higher
# than BG/NBD's? That is the table's ΔAIC column, named `delta_aic` in code, in the row
# `pareto_nbd`. Give it to at least one decimal.

# %%
cal = clv.calibration_holdout(kept, "2025-03-31", "2025-12-31", amount_col="amount_paid", unit="D")
answer_6 = ...
check.q6(answer_6)

# %% [markdown]
# ## Task 7 (optional)
#
# > Optional: this task uses notebook 06's optional section "7. How sure are we? Prediction intervals".
#
# **Is the top of the ranking known?** Simulate next year's CLV as in notebook 06 §7 (the first
# two lines below; about 6 seconds). `rank_high`, shown as "worst rank", is the high-numbered,
# that is the worse, end of a customer's rank range: the rank a customer reaches or beats in 90%
# of the simulated years. How many customers are in the top 500 in at
# least 90% of the simulated years, that is, have `rank_high` of 500 or better (lower)?

# %%
draws = clv.clv_draws(
    bg,
    gg,
    summary,
    unit="D",
    months=12,
    annual_discount_rate=0.10,
    margin=0.4,
    n_draws=500,
    random_state=7,
)
bands = clv.interval_table(draws, summary.index, level=0.8, name="clv")
answer_7 = ...
check.q7(answer_7)
