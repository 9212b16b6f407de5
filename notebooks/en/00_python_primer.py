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
# # 00 · A Python and pandas primer
#
# **For:** students who have never written code (read `00_start_here` first). **Time:** about
# 45 minutes. **Textbook:** none yet; this is the toolkit for the chapter 7 notebooks (§7.1–§7.5).
#
# **You will be able to:**
# - run a cell, keep a value in a variable, and tell numbers, text and True/False apart;
# - use a list, a `for` loop and an `if`;
# - look at a table (a pandas **DataFrame**), pick a column, filter rows with a condition;
# - count, add up and average, and get a **share** as the mean of True/False;
# - summarise per group with `groupby`.
#
# Every operation the notebooks' exercises ask for is here. Five checked tasks are spread through
# the notebook: replace `...` with your answer and run the cell (Shift+Enter). Stuck? Run
# `check.hint(n)` in a code cell (n is the task number, e.g. `check.hint(1)`) for a hint; the
# exercise notebooks work the same way.

# %% [markdown]
# ## 1. Cells, numbers and text
#
# A code cell runs when you press **Shift+Enter**; the value of its last line is shown below it.
# `=` stores a value under a name (a **variable**) so later cells can use it. Text goes in
# quotes (`"paid"`); without quotes Python looks for a variable of that name.

# %%
from crmlib import i18n
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch00 as check

i18n.set_language("en")

price = 128.0
quantity = 3
price * quantity

# %%
channel = "paid"
print(channel, len(channel), price > 100)

# %% [markdown]
# `len(...)` gives the length of something (here, 4 letters); `price > 100` is a comparison,
# whose answer is `True` or `False`. A **list** holds several values in order, a **tuple**
# (round brackets) too but cannot be changed; both start counting at 0.

# %%
thresholds = [500, 1500, 3000]
answer_triple = (2, 15, 40)  # a tuple: exercise 06 asks for one like this
print(thresholds[0], thresholds[-1], len(thresholds), sum(thresholds), answer_triple[1])

# %% [markdown]
# ## 2. Loops and decisions
#
# A `for` loop repeats its indented lines once per value; `range(3000, 1500, -500)` counts from
# 3,000 down to (not including) 1,500 in steps of 500. `if` runs its lines only when the
# condition is true; `break` leaves the loop early. Below, the loop keeps each threshold it tried
# (`tried.append(...)`) and stops at the first under 2,200. This is how the tier exercises search
# for a threshold.

# %%
tried = []
for threshold in range(3000, 1500, -500):
    if threshold < 2200:
        break
    tried.append(threshold)
print(tried, threshold)

# %% [markdown]
# ## 3. A table: the customer archive
#
# The shop's data are tables. `build_archive` makes the **customer archive** (客户档案): one row
# per customer, one column per fact. `.head()` shows the first rows; `.shape` gives (rows,
# columns). Personal fields are masked.

# %%
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
archive.shape

# %%
columns = ["orders", "spend", "complaints", "channel_family", "days_since_last"]
i18n.show(archive[columns].head())

# %% [markdown]
# The table above shows each column's meaning as its header; in code a column is called by its
# name. The names this primer uses, and what each holds:

# %%
import pandas as pd

meanings = {name: i18n.t(f"column.{name}") for name in columns}
i18n.show(pd.DataFrame({"name": list(meanings), "meaning": list(meanings.values())}))

# %% [markdown]
# `archive["orders"]` picks one column (a **Series**); double brackets pick several columns as
# a table. The row labels on the left (1, 2, …) are customer ids.
#
# **Task 1.** How many customers (rows) does the archive have?

# %%
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## 4. Conditions, counts and shares
#
# A comparison on a column gives one True/False per customer. Python counts `True` as 1 and
# `False` as 0, so `.sum()` of a condition **counts** the customers who meet it, and `.mean()`
# gives their **share** (a fraction between 0 and 1; multiply by 100 for a percentage).

# %%
big = archive["spend"] >= 1000
print(big.head(3).tolist(), big.sum(), round(big.mean(), 3))

# %% [markdown]
# Put a condition in square brackets to **filter** rows: `archive[condition]` keeps the rows
# where it is True. Combine conditions with `&` (and), `|` (or) and `~` (not), each condition in
# its own round brackets.

# %%
repeat = archive[archive["orders"] >= 2]
quiet_repeat = archive[(archive["orders"] >= 2) & (archive["days_since_last"] >= 182)]
print(len(repeat), len(quiet_repeat))

# %% [markdown]
# **Task 2.** How many customers have at least one completed order (`orders` above 0)? These
# are the shop's buyers.

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# **Task 3.** Among the buyers only, what share complained at least once (`complaints` above
# 0)? Give a fraction. (Filter first, then take the mean of a condition.)

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## 5. Sorting, the top rows, one value
#
# `.sort_values(ascending=False)` puts the largest first, `.head(n)` keeps the first n, and
# `.loc[row, column]` reads one value. `.max()` gives the largest value, `.idxmax()` its label. To keep
# the top 20%: count the values with `len(...)`, multiply by 0.2 and round down with `int(...)`,
# e.g. `spend.head(int(len(spend) * 0.2))`.

# %%
spend = archive.loc[archive["orders"] > 0, "spend"].sort_values(ascending=False)
print(spend.head(3).round(0).tolist(), spend.idxmax() == spend.index[0])

# %% [markdown]
# **Task 4.** Use a loop: what is the smallest number of orders `n` for which fewer than 100
# customers have `n` or more orders? (Start at n = 1 and go up; each time count
# `(archive["orders"] >= n).sum()`, and `break` at the first n where it is below 100.)

# %%
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## 6. One number per group
#
# `groupby(column)` splits the rows into groups, one per value of the column; then pick a
# column and summarise it: `.size()` counts rows, `.mean()` and `.sum()` average and add up.
# `observed=True` lists only the groups that occur.

# %%
buyers = archive[archive["orders"] > 0]
per_family = buyers.groupby("channel_family", observed=True)
counts = per_family.size().rename("buyers")
mean_orders = per_family["orders"].mean().rename("mean_orders")  # one column, then .mean()
i18n.show(pd.concat([counts, mean_orders], axis=1).round(2))

# %% [markdown]
# **Task 5.** Among buyers, what is the highest average `spend` of any channel family (yuan)?

# %%
answer_5 = ...
check.q5(answer_5)

# %% [markdown]
# ## Summary
#
# - `=` stores a value; text goes in quotes; `len`, `sum`, `round` are everyday functions.
# - `for … in range(…)`, `if` and `break` search step by step.
# - `table["column"]` picks a column; `table[condition]` filters rows; `&`, `|`, `~` combine.
# - `.sum()` of a condition counts, `.mean()` gives a share; `.sort_values`, `.head`, `.loc`.
# - `groupby(...)[column].mean()` summarises per group.
#
# Stuck in a task? `check.hint(n)`. Next: notebook 01 and its exercises in `exercises/en/`.
