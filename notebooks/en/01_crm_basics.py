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
# # 01 · CRM basics: the customer archive, KPIs, segments and RFM
#
# **Textbook:** §7.1 Customer relationship management basics (客户关系管理基础), and the
# trade articles' RFM and lifecycle methods.
#
# An online shop meets its customers only through data, so CRM starts with a systematic
# **customer archive** (客户档案). From it we compute the figures a shop watches, split
# customers into segments (客户细分) that deserve different treatment, and score them with RFM.
#
# **After this notebook you can**
#
# 1. build a customer archive from raw order, service and review tables, with personal fields
#    desensitised (脱敏);
# 2. compute repurchase rate, average order value (客单价), active customers and CAC, and test
#    the "20% of customers bring 80% of revenue" claim with a Lorenz curve;
# 3. state, apply and criticise rules for value segments, behaviour segments and lifecycle
#    stages;
# 4. score customers with RFM the right way round, and map them to the 10-segment R×F grid and
#    to the Chinese 8-class model (重要价值客户 …).
#
# **Optional part:** only "Going deeper (optional): how tied buyers are scored" in section 6 is
# optional and can be skipped; every other section is core.

# %%
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from crmlib import i18n, kpi, rfm, sale_stages, segments
from crmlib.archive import build_archive
from crmlib.datasets import load_store

pd.set_option("display.float_format", "{:,.2f}".format)
sns.set_theme(style="whitegrid")
i18n.set_language("en")
store = load_store()

# %% [markdown]
# ## 1. The customer archive (客户档案)
#
# The textbook's archive has four parts: basic information, interaction history, a value
# class, and personalised service. `build_archive` assembles the first two (and the facts the
# value class needs) from the raw tables, **as of** a date: only what happened before it
# counts. Here that is 1 January 2026, the day after the last order. Two conventions matter:
#
# * `orders` counts **completed** orders only; refunded and unpaid orders are counted apart.
# * `spend` is money kept, **net of refunds**; `aov` (average order value, 客单价) is spend
#   per completed order.
#
# Personal fields (nickname, phone) come out masked (脱敏); that is the default.

# %%
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
print(
    i18n.t(
        "text.as_of_counts",
        as_of=AS_OF,
        customers=len(archive),
        buyers=int((archive.orders > 0).sum()),
    )
)
i18n.show(archive.head(3)).T

# %% [markdown]
# ## 2. The KPIs a shop watches
#
# KPIs (key performance indicators, 关键绩效指标) are the few figures a shop checks every week:
#
# * **Repurchase rate** (复购率): share of buyers with two or more completed orders.
# * **Average order value** (客单价): net revenue per completed order.
# * **Active customers** (活跃客户): bought within the last 6 months, i.e. less than 182 days
#   ago (new customers included; the table says "active customers (last 6 months)"). The same window serves every notebook: a buyer silent for 182
#   days or more is no longer active and is at **churn risk** (section 3).
# * **CAC** (customer acquisition cost, 获客成本): marketing spend per new buyer, by channel
#   (notebook 02 goes deeper).

# %%
kpis = pd.Series(
    {
        "buyers": f"{int((archive['orders'] > 0).sum()):,}",
        "repurchase_rate": f"{kpi.repurchase_rate(archive):.1%}",
        "aov": f"{kpi.average_order_value(store.orders):,.2f}",
        "active_6m": f"{kpi.active_customers(archive):,}",
    }
)
i18n.show(kpis.to_frame("value"))

# %%
i18n.show(kpi.cac_by_channel(store.traffic, archive).round(2))

# %% [markdown]
# Free channels show a CAC of 0: the shop paid nothing per new buyer there. That does not make
# them free to win (search ranking takes work), which is why notebook 02 also looks at what
# customers from each channel are worth.
#
# ### Is it 80/20? The Pareto check
#
# The textbook says high-value core customers are "about 20% of customers bringing about 80%
# of revenue". The **Lorenz curve** sorts buyers from smallest to largest spend and plots the
# cumulative share of revenue against the cumulative share of customers; the diagonal would be
# a shop where everyone spends the same. The **Gini coefficient** measures the gap (0 = equal).

# %%
spend = archive.loc[archive["orders"] > 0, "spend"]
top20 = kpi.top_share(spend, top=0.2)
curve = kpi.lorenz_curve(spend)
fig, ax = plt.subplots(figsize=(5, 5))
ax.plot(curve["customer_share"], curve["value_share"], label=i18n.t("fig.this_shop"))
ax.plot([0, 1], [0, 1], ls="--", c="grey", label=i18n.t("fig.everyone_equal"))
# the top 20% of buyers bring the gap between the curve at 80% and the top (1 = all revenue)
ax.annotate(
    "", xy=(0.8, 1), xytext=(0.8, 1 - top20), arrowprops={"arrowstyle": "<->", "color": "tab:red"}
)
ax.plot([0.8], [1 - top20], "o", c="tab:red")
ax.text(
    0.77,
    1 - top20 / 2,
    i18n.t("fig.top20_revenue", share=top20),
    ha="right",
    va="center",
    c="tab:red",
)
ax.set(
    xlabel=i18n.t("fig.share_of_buyers_small_first"),
    ylabel=i18n.t("fig.share_of_net_revenue"),
    title=i18n.t("fig.lorenz_title", gini=kpi.gini(spend)),
)
ax.legend(loc="upper left")
plt.show()

# %% [markdown]
# How to read it: at 0.8 on the horizontal axis the curve is at about 0.41, so the 80% of
# buyers who spent least brought 41% of revenue, and the top 20% the rest, 1 − 0.41 ≈ 59% (the
# red arrow). The Gini coefficient runs from 0 (everyone spends the same) towards 1 (one buyer
# brings everything); 0.54 is a clear concentration.
#
# In this shop the top 20% bring about three fifths of revenue, not four fifths. "80/20" is a
# rule of thumb; measure it before building a programme on it.
#
# ## 3. Value segments (价值维度)
#
# The textbook's value dimension uses the last 12 months. Stated as a rule, with its
# parameters in `segments.ValueRule`:
#
# 1. a buyer with **no purchase for 182 days (6 months)** or more is **churn risk** (流失风险);
# 2. the other buyers are ranked by **12-month net spend**: the top **20%** are **high value**
#    (高价值客户),
#    the bottom **30%** **low value** (低价值客户), the rest **mid value** (中价值客户);
# 3. customers who never completed an order (they only asked or filled a cart) are `no_purchase` (未购买).
#
# (The textbook also mentions margin contribution; our data has no product costs, so spend
# stands in for it.)

# %%
value = segments.value_segments(
    archive, segments.ValueRule(churn_days=segments.ACTIVE_DAYS, high_share=0.2, low_share=0.3)
)
value_table = archive.groupby(value, observed=True).agg(
    customers=("orders", "size"), spend_12m=("spend_12m", "sum")
)
value_table["share_of_12m_revenue"] = value_table["spend_12m"] / value_table["spend_12m"].sum()
i18n.show(value_table.round(3))

# %% [markdown]
# The high-value 20% bring 45% of 12-month revenue here, not the 59% of the Lorenz curve: that
# 20% is taken of the *active* buyers only (churn risk set aside) and ranked on the last 12
# months, while the Lorenz curve ranks all 12,000 buyers on two years of spend. Same words
# ("the top 20%"), different groups: always say which.
#
# ## 4. Behaviour segments (行为维度)
#
# The behaviour dimension looks at *how* people shop: browsing, reliance on reviews, promotion
# use, and loyalty to the shop. Our rule (`segments.BehaviourRule`) uses browsing, review
# reading and loyalty; promotion use is in the archive (`promo_share`) for you to try adding:
#
# * **loyal repeat** (忠诚复购型): 3+ purchases and at least half of their visits arrive
#   directly or by precise search (they know the shop);
# * otherwise **comparison shoppers** (理性对比型): 8+ pages per visit on average, or reading
#   the reviews on 60%+ of visits;
# * otherwise **impulse buyers** (冲动型).
#
# Because the shop is simulated, we can check the rule against the hidden truth: how often does
# it name the type the simulator actually used?

# %%
behaviour = segments.behaviour_segments(archive, store.visits)
truth = store.truth.set_index("customer_id")["behaviour"]
buyers = behaviour.index[archive["orders"] > 0]
agreement = pd.crosstab(
    behaviour[buyers].rename("rule_says"), truth.reindex(buyers).rename("truth")
)
agrees = (behaviour[buyers].astype(str) == truth.reindex(buyers).astype(str)).mean()
print(i18n.t("text.rule_agrees", share=agrees))
i18n.show(agreement, kinds={"rule_says": "behaviour", "truth": "behaviour"})

# %% [markdown]
# Comparison shoppers are easy to spot (many pages, reviews read). Loyal repeat buyers and
# impulse buyers overlap more: one purchase says little about habits. Real shops have no
# truth column, so a rule's errors stay invisible: state rules openly and revisit them.
#
# ## 5. Lifecycle stages (生命周期)
#
# The trade articles follow customers through a lifecycle. As of the archive date
# (`segments.LifecycleRule`), each buyer gets exactly one stage, checked in this order:
# **new** (新客) = first purchase in the last 90 days; otherwise **active** (活跃) = last
# purchase less than 182 days ago; **sleeping** (沉睡) = 182-365 days; **churned** (流失客户) =
# more than a year; non-buyers are **prospects** (the `no_purchase` customers of section 3).
# Because new customers are a stage of their own, the stage "active" leaves them out and is
# smaller than the KPI of section 2: its 5,871 active customers = 1,781 new + 4,090 active below.
#
# The windows are the same in every rule and notebook: 182 days (6 months, the textbook's
# figure) separate active buyers from churn risk, and the lifecycle splits churn risk at one
# year into sleeping and churned. So the churn-risk buyers of section 3 are exactly the
# sleeping and churned ones here.

# %%
stage = segments.lifecycle_stages(archive)
i18n.show(stage.value_counts().reindex(segments.LIFECYCLE_STAGES).to_frame("customers"))

# %% [markdown]
# ## 6. RFM
#
# RFM scores each buyer on **R**ecency (days since the last purchase), **F**requency
# (completed orders) and **M**onetary value (net spend), 1 (worst) to 5 (best) by quintile:
# sorted from worst to best, the first fifth of buyers scores 1, the next fifth 2, and so on.
#
# **Direction.** For R, *fewer* days is *better*: the most recent buyers get R = 5. Many
# copied tutorials score days ascending and so give 5 to the customers who left longest ago;
# `rfm.quintile_scores(..., higher_is_better=False)` avoids that, and an automatic check in the suite keeps it so.
#
# **Same value, same score.** Nearly half of the buyers (48.8%) bought once; they all score
# F = 1, far more than a fifth. So F = 2 is empty below and F = 3 means exactly two orders.
# (How tied buyers are scored in detail: see the optional part after the table.)

# %%
table = rfm.rfm_scores(rfm.rfm_table(archive))
i18n.show(
    pd.DataFrame(
        {score: table[score].value_counts().reindex(range(1, 6), fill_value=0) for score in "RFM"}
    ).rename_axis("score")
)

# %% [markdown]
# ### Going deeper (optional): how tied buyers are scored
#
# > Optional: how quintile scoring treats buyers with exactly the same value. Skipping it does not affect the core path.
#
# **Ties.** Nearly half of the buyers (48.8%) bought once, so frequency has a huge tie. Customers with the same value
# always get the same score here (the score where their block starts), so some F scores stay
# empty rather than splitting identical customers by row order. Here F = 2 is empty and F = 3
# means exactly two orders. (An automatic check keeps this rule too.)

# %% [markdown]
# ### The R × F map: ten segments
#
# A common map names every cell of the 5 × 5 R × F grid: champions bought recently and often,
# "can't lose them" bought often long ago, and so on. Each cell belongs to exactly one segment.
# What the ten segments are, and what shops usually do with them (R and F score 1–5, 5 best;
# this shop has no F = 2, and F = 3 means exactly two orders, as above):
#
# | segment | R and F | who they are | what the shop can do |
# |---|---|---|---|
# | champions (冠军客户) | R = 5, F = 4–5 | bought very recently, and often | member perks, early looks at new items; ask for reviews and referrals |
# | loyal (常购客户) | R = 3–4, F = 4–5 | buy often, came recently | suggest related items to raise order value; invite to the customer group |
# | potential loyalists (潜在常购客户) | R = 4–5, F = 2–3 | bought recently and have repurchased | use growth value and tiers to encourage more orders |
# | new (新近首购客户) | R = 5, F = 1 | just made a first order | welcome message and shopping guide, good after-sales; aim for a second order |
# | promising (有潜力客户) | R = 4, F = 1 | bought once, fairly recently | a second-order offer or a personal recommendation |
# | need attention (需要关注) | R = 3, F = 3 | middling on both | reminders with a small incentive: a time-limited offer, member perks |
# | about to sleep (即将休眠) | R = 3, F = 1–2 | away for a while, few orders | cheap reminders (SMS, group message) before they drift off |
# | at risk (待挽回客户) | R = 1–2, F = 3–4 | used to buy a fair amount, long gone | a return visit to ask why, a win-back offer |
# | can't lose them (重点挽回客户) | R = 1–2, F = 5 | used to buy the most, long gone | win back first: a personal call, a generous win-back offer |
# | hibernating (休眠客户) | R = 1–2, F = 1–2 | long gone, bought little | an occasional cheap reminder; do not spend much on them |
#
# In the figure, each cell shows its segment and its number of buyers; darker means more.

# %%
grid = rfm.rf_segment_grid()
counts = (
    table.groupby(["R", "F"])
    .size()
    .unstack(fill_value=0)
    .reindex(index=[5, 4, 3, 2, 1], columns=range(1, 6), fill_value=0)
)
fig, ax = plt.subplots(figsize=(8, 5))
sns.heatmap(
    counts,
    annot=grid.map(lambda s: i18n.t(f"rf_segment.{s}")).to_numpy()
    + "\n"
    + counts.astype(str).to_numpy(),
    fmt="",
    cmap="Blues",
    cbar=False,
    ax=ax,
    annot_kws={"size": 8},
)
ax.set(
    title=i18n.t("fig.rf_grid_title"),
    xlabel=i18n.t("fig.f_score"),
    ylabel=i18n.t("fig.r_score"),
)
plt.show()

# %%
seg = rfm.rf_segments(table)
i18n.show(seg.value_counts().rename_axis("rf_segment").to_frame("buyers"))

# %% [markdown]
# ### The Chinese 8-class RFM model
#
# Chinese e-commerce teams often use a simpler scheme: compare each of the *raw* R, F, M
# values (days, orders, yuan; not the 1-5 scores) with its **mean** (or median) and call it
# high or low, giving 2 × 2 × 2 = 8 classes. "R high" again means *recent*: days since the
# last purchase **below** the mean. The classes, with their pattern (↑ high, ↓ low):

# %%
i18n.show(rfm.cn8_meanings())

# %% [markdown]
# In this shop:

# %%
cn8 = rfm.cn8_classes(table, center="mean")
cn8_table = table.groupby(cn8, observed=True).agg(
    buyers=("orders", "size"),
    mean_days_since_last=("days_since_last", "mean"),
    mean_orders=("orders", "mean"),
    mean_spend=("spend", "mean"),
)
i18n.show(cn8_table.round(1))

# %% [markdown]
# 重要价值客户 (recent, frequent, big spenders) deserve member perks. 重要保持客户 (frequent
# big spenders who have gone quiet) and 重要挽留客户 (big but rare spenders gone quiet) have
# not bought for about a year on average (380 and 436 days): by the lifecycle rule about half
# of them are already churned, so they need a win-back offer soon, not a routine reminder. 一般发展客户 (recent one-off small buyers) are where a
# second purchase would make the biggest difference.
#
# Note the names: the R × F segment "new" (R = 5, F = 1: bought once, very recently) is not
# the lifecycle stage "new" (first purchase in the last 90 days) and counts differently.
#
# "Has not come back for a long time" also has several names, from different splits, with
# different counts:
#
# | name | from which split | rule | buyers here |
# |---|---|---|---|
# | churn risk (流失风险客户) | section 3, value | no purchase for 182 days or more | 6,129 |
# | sleeping (沉睡客户) | section 5, lifecycle | last purchase 182–365 days ago | 2,784 |
# | churned (流失客户) | section 5, lifecycle (notebook 08's grades use it too) | no purchase for over 365 days | 3,345 |
# | about to sleep (即将休眠) | section 6, R × F | R = 3, F = 1–2 | 1,100 |
# | hibernating (休眠客户) | section 6, R × F | R = 1–2, F = 1–2 | 2,978 |
#
# The first three go by days: sleeping plus churned is exactly churn risk (2,784 + 3,345 =
# 6,129). The R × F segments go by scores: R = 1–2 means the two fifths of buyers who have been
# away longest, which matches no day threshold.

# %% [markdown]
# ## 7. Staying in touch across the sale: before, during and after
#
# §7.1 asks the shop to stay in touch before, during and after every sale: **before** (pop-ups,
# service bots and reminders for prospects), **during** (order confirmation, shipping news) and
# **after** (a satisfaction follow-up, fast fixes, a thank-you). The shop's data shows part of
# each stage; the three tables below take one stage each.
#
# **Before the sale.** Every visit records whether the buyer asked customer service and whether
# it ended in an order:

# %%
i18n.show(sale_stages.pre_sale(store.visits))

# %% [markdown]
# Of the 16,246 visits with a question, 5,126 ended in an order, a conversion of about 32%;
# visits without a question converted at about 51%. Does asking service put buyers off? Put
# yourself in the buyer's place (换位思考): buyers who have made up their mind just order; those
# who ask are often still hesitating and comparing (the comparison shoppers of section 4). The
# table says that those who ask are harder to win, not whether service helps; winning them is
# pre-sale service's job (notebook 08, section 6, looks at response speed and purchases).
#
# **During the sale.** After placing an order, the buyer still has to pay:

# %%
i18n.show(sale_stages.during_sale(store.orders))

# %% [markdown]
# Of 33,327 orders, 31,532 were paid (about 95%), half of them within 8 minutes of being placed;
# 1,795 were closed unpaid. An order confirmation or a payment reminder belongs in these first
# minutes: sent later, the buyer may be gone. The order table has no shipping records, so
# "telling the buyer how the delivery goes" cannot be seen in this data.
#
# **After the sale.** Returns and complaints record their reasons:

# %%
i18n.show(sale_stages.after_sale(store.service), kinds={"reason": "service_reason"})

# %% [markdown]
# The top reasons for returns are "changed their mind" (30%), wrong size (29%) and colour unlike
# the photos (21%); complaints are mostly about slow delivery (34%), product quality (30%) and
# items not as described (20%). About half of these the shop can prevent before the sale: a
# clear size chart, photos with true colours, an honest description, and a word in advance when
# shipping is slow. These are notebook 05's levers for satisfaction: what the buyer expects
# should match what arrives.
#
# ## Discussion
#
# 1. Which basic CRM methods of §7.1 did this notebook carry out with data, and which need
#    people (return visits, events, training)?
# 2. Our value rule puts a buyer who spent 5,000 yuan eight months ago into "churn risk" next
#    to someone who spent 50 yuan. Is that what a shop wants? How would you change the rule?
# 3. How do physical and online stores differ in channels, in gathering customer information,
#    and in response speed?
# 4. **Put yourself in the buyer's place (换位思考):** you are hesitating and ask service "will a
#    14-inch laptop fit in this bag?" What answer makes you buy? Given the "wrong size" returns
#    of section 7, what could the shop do before the sale?
#
# ## Summary
#
# * The archive joins profile, purchases (completed, net of refunds) and interactions, with
#   personal fields masked.
# * Repurchase rate, AOV, active customers and CAC summarise the shop; its revenue is
#   concentrated, but less than 80/20.
# * Segment rules are parameters, not facts: state them, check them, revisit them.
# * Contact before, during and after the sale leaves traces in the data: buyers who ask are
#   harder to win, the minutes after an order are the time for a payment reminder, and the
#   reasons for returns and complaints show what the shop can prevent before the sale.
# * RFM rewards *recent* buyers; ties share a score; the 10-segment grid and the 8-class model
#   turn scores into actions.
#
# **Exercises:** `exercises/en/01_crm_basics_exercises.ipynb`. **Next:** `02_customer_sources`.
