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
# # 04 · Designing a membership programme
#
# **Textbook:** §7.2.4 Membership management (网店会员管理). §7.3's customer grading (four
# **customer grades**, 客户等级: ordinary, growing, mature, churned) is in notebook 08; the
# **membership tiers** (会员等级) here are the tiers of the membership programme, a different thing.
#
# A membership programme has three parts in a closed loop: **tiers** (等级), **benefits**
# (权益) and **growth** (成长值). Its aim: members buy again more often and spend more per order
# than non-members. This notebook walks the textbook's clothing-shop programme on our shop's
# data, then asks an analyst's questions. At the end, the **tier explorer** lets you move every
# threshold and discount and see the impact at once.
#
# **After this notebook you can**
#
# 1. write a membership policy as data, save it, and check it for mistakes;
# 2. compute growth value and assign tiers as of any date, by rolling or cumulative spend;
# 3. measure a policy's impact: members per tier, revenue, order value, repurchase, benefit
#    cost, migration between cycles (optional), near-miss customers;
# 4. compare two policies and explain what changes, for whom, at what cost.
#
# **Optional part:** "Going deeper (optional): where members went between cycles (the migration
# matrix)", in section 4, can be skipped; every other section is core.

# %%
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import display

from crmlib import i18n, tiers
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.explorer import TierExplorer

pd.set_option("display.float_format", "{:,.2f}".format)
sns.set_theme(style="whitegrid")
i18n.set_language("en")
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 1. The textbook's policy, as data
#
# | tier | rolling 12-month growth value | or cumulative | discount (折) | offer | returns |
# |---|---|---|---|---|---|
# | ordinary 普通会员 | sign-up | | 9.8折 | | 7 days |
# | silver 银卡 | 500 | 800 | 9.5折 | 50 off 300 | 15 days + free pick-up |
# | gold 金卡 | 1,500 | 2,500 | 9折 | 120 off 500 | 30 days + dedicated agent |
# | diamond 钻石 | 3,000 | 5,000 | 8.5折 | 300 off 1,000 | lifetime repair, priority shipping |
#
# Experiences: silver members try new products first, gold members get member-only sales,
# diamond members customised service and double growth points in their birthday month.
#
# "9.5折" means paying 95% of the price. In `crmlib` a policy is plain data: a list of tiers with
# thresholds and benefits, saved as YAML so an analyst can keep versions and diff them. The code
# below saves the policy to a file and reads it back to check it; `tempfile` (a temporary folder)
# and `assert` (a check) are not things to learn here: just read the printed file.

# %%
policy = tiers.textbook_policy()
path = tiers.save_policy(
    policy, Path(tempfile.mkdtemp()) / "textbook.yaml"
)  # your own folder in practice
print(path.read_text(encoding="utf-8")[:620], "...")
assert tiers.load_policy(path) == policy  # it reads back to the same policy

# %% [markdown]
# Mistakes are caught with a message that names the tier and the field, for example a gold
# threshold below silver's:

# %%
try:
    policy.replace_tier("gold", rolling=400)
except ValueError as error:
    print(error)

# %% [markdown]
# ## 2. Growth value and tiers
#
# **Growth value** (成长值): 1 point per yuan paid net of refunds (refunded orders earn
# nothing), plus 50 points for each review with photos; diamond members earn double points on
# purchases in their birthday month (the birthday comes from the customer archive). The
# textbook's rule: every 12 months each member is **re-judged on the last 12 months' growth
# value** (rolling), and one who falls short drops a tier ("金卡会员周期内成长值未达1500，降为
# 银卡会员"). The cumulative thresholds in the table are used only by an alternative rule some
# shops apply (section 4). The table below gives the tiers as of 1 January 2026, judging every
# buyer afresh on that one date
# (no tier history yet: section 4 adds it). Members here are the 12,000 buyers; the 6,000
# registered customers who never ordered are not counted:

# %%
birthdays = store.customers.set_index("customer_id")["birthday"]
inputs = tiers.prepare(store.orders, store.reviews, AS_OF, birthdays=birthdays)
evaluation = tiers.evaluate(policy, inputs, band=0.1)
i18n.show(evaluation.table.round(3))

# %% [markdown]
# The same table as a picture: how many members each tier has, what their benefits cost in
# total, and what that cost is as a share of the tier's own revenue.

# %%
table = evaluation.table
names = i18n.show(table).index  # the tiers' names in the reader's language
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
panels = [
    ("members", "fig.tier_members", "{:,.0f}", "tab:blue"),
    ("benefit_cost", "fig.tier_benefit_cost", "{:,.0f}", "tab:orange"),
    ("cost_share_of_revenue", "fig.tier_cost_share", "{:.0%}", "tab:red"),
]
for ax, (column, title, label, colour) in zip(axes, panels, strict=True):
    bars = ax.bar(names, table[column], color=colour)
    ax.bar_label(bars, labels=[label.format(v) for v in table[column]], fontsize=9)
    ax.set(title=i18n.t(title))
    ax.margins(y=0.15)
    ax.tick_params(axis="y", labelleft=False)
fig.suptitle(i18n.t("fig.tier_programme_title"))
fig.tight_layout()
plt.show()

# %% [markdown]
# **Is the pyramid sensible?** About four in five buyers stay ordinary members; silver holds
# under a fifth, gold and diamond a few percent. A pyramid with a narrow top is what a
# programme wants: the top tiers feel special and cost little in total. But look at the
# cost share of revenue: the diamond tier gives away about 18% of its revenue in discounts and
# offers, against 2% for ordinary members. As a share, the top tiers are the dearest; in total,
# the many silver members cost the most (the middle panel above).
#
# Do members behave better? The table's repurchase rate covers the last 12 months only: members
# with two or more orders in those 12 months, out of those with any (unlike notebook 01's rate,
# which counts all time). Repurchase rate and average order value rise steeply with the tier,
# but careful: the tiers are *defined* by spending, so this shows who they are, not what the
# benefits did to them.
#
# ## 3. Who is about to rise?
#
# Tiers are re-judged every 12 months; a member who falls short drops one tier. Near-miss
# customers are within 10% below the next tier's threshold: a small nudge (a coupon, a reminder
# of what the next tier brings) could move them up.

# %%
near = evaluation.near_miss
print(i18n.t("text.near_miss_customers", count=len(near)))
i18n.show(
    near.groupby("next_tier")
    .agg(customers=("customer_id", "size"), median_points_needed=("points_needed", "median"))
    .round(1)
)

# %%
i18n.show(near.head(5).merge(archive[["nickname"]], left_on="customer_id", right_index=True))

# %% [markdown]
# ## 4. Two cycles: the textbook's rule, or "rolling or cumulative"?
#
# Replay the shop through two 12-month cycles (judged on 1 January 2025 and 2026; the table
# shows the percentage of customers in each tier). Under the textbook's **rolling** rule every
# member must keep earning their tier. Some shops use an alternative, **rolling or cumulative**
# (`"either"`): cumulative growth never expires, so a member who once passed a cumulative
# threshold keeps that tier for good (a gold member with 2,500 cumulative points never drops).

# %%
cycles = tiers.prepare_cycles(
    store.orders, store.reviews, ["2025-01-01", "2026-01-01"], birthdays=birthdays
)
share_above = {}
for rule in ("rolling", "either"):
    table = tiers.replay_table(policy.with_rule(rule), cycles).tiers
    share_above[rule] = {
        cycle: table[cycle].value_counts(normalize=True).reindex(policy.names) for cycle in table
    }
shares = pd.concat({rule: pd.DataFrame(v) for rule, v in share_above.items()}, axis=1)
shares = shares.rename_axis(index="tier", columns=["rule", "cycle"])
i18n.show((100 * shares).round(1), kinds={"rule": "growth_rule"})

# %% [markdown]
# After the first year the two rules agree (rolling and cumulative windows are the same). After
# the second, the cumulative rule keeps more members in silver and above. Over more years the
# gap grows: cumulative tiers inflate, and so does the benefit bill. That is why the textbook
# re-judges on the last 12 months.
#
# The 2026 column differs a little from the table of section 2 (81.8% ordinary here, 9,883 of
# 12,000 = 82.4% there): section 2 judged every buyer afresh on one date, while this replay follows each
# member from the first cycle, and a member who falls short drops only one level (a gold
# member with no growth value becomes silver, not ordinary).
#
# ### Going deeper (optional): where members went between cycles (the migration matrix)
#
# > Optional: a migration matrix, cell by cell, of members moving up, staying, moving down or lapsing between the two cycles. Skipping it does not affect the core path.
#
# The **migration matrix** shows where each member of the first cycle went in the second
# ("lapsed" = earned no growth value at all in the second year; "new" = joined during it):

# %%
replay = tiers.replay_table(policy, cycles)
first, second = replay.tiers.columns
moved = tiers.migration(
    replay.tiers[first], replay.tiers[second], policy.names, replay.active[second]
)
display(i18n.show(moved.matrix))
i18n.show(moved.moves.to_frame("members"))

# %% [markdown]
# As a heat map, each row is where members stood in the first cycle, each column where they are
# in the second. A cell whose row and column name the same tier counts members who kept their
# tier; cells to its right moved up, to its left moved down (the first row joined during the
# year). The last column, lapsed, is not an upgrade: those members earned nothing in the second
# year and by the rule also drop one level (ordinary stays ordinary); they are shown apart and
# not counted as downgrades above; nor are the first row's new members counted as moves.

# %%
fig, ax = plt.subplots(figsize=(7, 4))
sns.heatmap(i18n.show(moved.matrix), annot=True, fmt=",d", cmap="Blues", cbar=False, ax=ax)
ax.set(title=i18n.t("fig.migration_title"))
ax.tick_params(axis="y", rotation=0)
plt.show()

# %% [markdown]
# ## 5. What would a different silver threshold change?
#
# Compare the textbook policy with one whose silver tier needs 800 points in 12 months
# instead of 500 (nothing else changes):

# %%
stricter = policy.replace_tier("silver", rolling=800).with_name("stricter_silver")
result = tiers.compare(policy, stricter, inputs)
name_a, name_b = i18n.names(result.names, "policy_name")
print(i18n.t("text.compare_a_b", a=name_a, b=name_b, count=result.changed))
display(i18n.show(result.changes))
with pd.option_context("display.float_format", "{:,.0f}".format):  # counts and yuan
    display(i18n.show(result.summary.round(0)))

# %% [markdown]
# A stricter silver tier sends about 1,000 silver members back to ordinary and saves about
# 43,000 yuan of benefits a year (revenue is unchanged here because it is last year's actual
# revenue). But those customers lose benefits that might have kept them buying: the data shows
# the cost side; the other side needs an experiment.
#
# ## 6. The tier explorer
#
# Move the sliders: each move re-evaluates the policy (tiers, shares, revenue and cost, the
# migration matrix, near-miss customers) in a few milliseconds. The explorer is a thin layer over
# the functions used above. Run this notebook in JupyterLab to use it: a page on the web cannot
# run sliders (the tables above show its starting position). `python3 tasks.py explorer` serves
# it as a standalone page for colleagues who do not use Jupyter.

# %%
explorer = TierExplorer(policy, cycles, band=0.1)
explorer.widget

# %% [markdown]
# ## Discussion
#
# 1. How should a shop run its membership programme (§7.2.4)? Which benefits would you keep for
#    a bags shop, and which would you change?
# 2. Is a "rolling or cumulative" rule fair to long-standing customers, or a slow leak of
#    benefits? What would you tell a diamond member who drops to gold?
# 3. Which indicators would you use to grade customers (§7.3; its customer grades are in
#    notebook 08), beyond spend?
#
# ## Summary
#
# * A policy is data: tiers, thresholds, benefits and a growth rule, saved as YAML and checked.
# * Growth value comes from net spend and photo reviews (double in a diamond member's birthday
#   month); the textbook re-judges members every 12 months on the last 12 months' growth value,
#   and a member who falls short drops one tier at a time.
# * Impact means members, revenue, order value, repurchase and the cost of benefits per tier,
#   migration between cycles (optional), and near-miss customers.
# * The alternative "rolling or cumulative" rule inflates tiers over time; compare policies
#   before changing them.
#
# **Exercises:** `exercises/en/04_tier_design_exercises.ipynb`.
