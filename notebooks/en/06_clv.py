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
# # 06 · Customer lifetime value: the margin each customer may still bring
#
# **Textbook:** the trade articles' KPIs (customer lifetime value, CLV/LTV 客户终身价值),
# building on §7.1's value segments (notebook 01) and §7.2.4's membership tiers (notebook 04).
#
# A customer's value is not what they spent, but what they *will* spend. This notebook
# predicts who will buy again, how often, and how much, with two classic models, checks them
# on data they have not seen, compares them with their rivals, says how sure each prediction
# is, and turns them into a CLV ranking a shop can act on.
#
# **After this notebook you can**
#
# 1. tell the BG/NBD and Gamma-Gamma stories in plain words and name the three numbers they use
#    per customer (frequency, recency, T); (optional) say what each parameter means;
# 2. build frequency / recency / T summaries, fit the models, and reproduce a published result;
# 3. check a model on a holdout period before trusting it;
# 4. compute P(alive), expected purchases and a discounted CLV with the time unit and discount
#    rate spelled out, and decide whom to win back and whom not to chase;
# 5. choose between BG/NBD, MBG/NBD and Pareto/NBD, and read a CLV ranking with its
#    prediction intervals: which customers' order is actually known.
#
# **Optional:** the parts headed "Going deeper (optional)" (section 2, reproducing the paper;
# the two model checks in section 3; the heat maps in section 4; section 6, choosing a model;
# section 7, prediction intervals) cover fitting, checking and comparing the models; skipping
# them does not affect the rest. The core is sections 1, 3, 4 and 5: how a CLV is computed, and
# how to decide with it.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from crmlib import clv, i18n, tiers
from crmlib.archive import build_archive
from crmlib.datasets import load_cdnow, load_store
from crmlib.segments import value_segments

sns.set_theme(style="whitegrid")
i18n.set_language("en")

# %% [markdown]
# ## 1. The models in plain words
#
# In this notebook a buyer's CLV = expected purchases in the next 12 months × average spend
# per purchase × margin, converted to today's money with a **discount rate** (贴现率). The
# discount rate is the time value of money: a yuan next year is worth less than a yuan today,
# so future money is marked down by a yearly rate (10% here) to its value today; it has nothing
# to do with the 折 discounts of notebook 04. The first two numbers must be predicted, with two
# classic models:
#
# * **BG/NBD** predicts *how many more purchases*. While a customer has not left the shop (the
#   model calls them "alive"), they buy now and then at their own pace, some monthly, some once
#   a year; after each repeat purchase they may never come back. Online customers leave without
#   saying so: the shop can only infer it from a long silence.
# * **Gamma-Gamma** predicts *how much per purchase*: each customer has a personal average
#   order value, and their orders vary around it. A customer with many purchases is judged
#   mostly on their own average; one with few is pulled towards the shop's average.
#
# Both need only the order log. The code first turns each customer's completed orders into one
# summary row (`summary` in the code) with three numbers:
#
# * **frequency** (复购频次): on how many different days the customer bought again after the
#   first purchase. The first day does not count, several purchases on one day count once, and
#   a one-order buyer has 0.
# * **recency** (首购到最近一次购买的时长): days from the first purchase to the last; 0 for a
#   one-order buyer, and larger when the last purchase came later.
# * **T** (观察期长度): days from the first purchase to the end of the data, that is, how long
#   we have watched the customer.
#
# The summary also keeps each customer's average spend on repeat purchases, for Gamma-Gamma.
#
# **Careful: these are not notebook 01's R and F.** In RFM, R is the days *since* the last
# purchase (fewer is better); here, recency runs from the first purchase *to* the last (larger
# is better). RFM's F counts all orders; frequency counts only *repeat* purchase days. Same
# words, two models; this notebook always means the ones above.
#
# ## Going deeper (optional): 2. Reproducing the paper: CDNOW
# > Optional: the models' parameters, and a check that the fits reproduce the published CDNOW results. Skipping it does not affect the core path.
#
# In mathematical terms, **BG/NBD** (beta-geometric / negative binomial distribution; Fader,
# Hardie & Lee, 2005) says:
#
# * *Buy while alive.* While a customer is "alive", they buy at their own steady rate λ
#   (purchases per day or week, at random times). Rates differ between customers, following a
#   gamma distribution with parameters **r** and **α** (mean rate r/α).
# * *Leave after a repeat purchase.* After each repeat purchase, a customer leaves for good with
#   their own probability p. These probabilities follow a beta distribution with parameters
#   **a** and **b** (mean a/(a+b)).
#
# From a customer's frequency, recency and T (section 1), the model infers how likely they are
# to be still alive and how much they will buy. **Gamma-Gamma**'s personal mean order values
# differ across customers following parameters **p**, **q** and **γ**. (This p is another
# quantity than the BG/NBD dropout probability p; they only share the letter.)
#
# The paper fits the model to 2,357 customers of the CD retailer CDNOW who first bought in
# early 1997, with a 39-week calibration period and weeks as the time unit. Frequency, recency
# and T come from the transaction log; purchases on the same day count once.

# %%
cdnow = load_cdnow("sample")
cd = clv.calibration_holdout(
    cdnow, "1997-09-30", "1998-06-30", time_col="date", amount_col="amount", unit="W"
)
cd_bg = clv.BGNBD().fit(cd, unit="W")
cd_gg = clv.GammaGamma().fit(cd)
published = pd.Series(
    {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "p": 6.25, "q": 3.74, "v": 15.44}
)
fitted = pd.concat([cd_bg.params_, cd_gg.params_])
i18n.show(
    pd.DataFrame({"fitted": fitted, "published": published}).rename_axis("parameter").round(3)
)

# %% [markdown]
# The fits match the published parameters to the precision the papers print (two or three
# decimals: q 3.744 and γ 15.444 are published as 3.74 and 15.44): BG/NBD as in Fader, Hardie
# & Lee (2005), "Counting your customers the easy way"; Gamma-Gamma (fitted on the 946 repeat
# buyers) as in Fader & Hardie's note "The Gamma-Gamma model of monetary value". crmlib fits
# the models itself (the `lifetimes` package gives the same numbers and serves as the test
# suite's check); like lifetimes, it calls γ `v`.
#
# **Does it predict?** The paper's key check: group customers by how often they bought in the
# calibration period, and compare the average number of purchases each group *actually* made
# in the next 39 weeks with what the model predicted.

# %%
by_freq = clv.holdout_by_frequency(cd_bg, cd)
ax = i18n.show(by_freq[["actual", "predicted"]]).plot(marker="o", figsize=(7, 4))
ax.set(
    xlabel=i18n.t("fig.cdnow_repeat_weeks"),
    ylabel=i18n.t("fig.cdnow_holdout_weeks"),
    title=i18n.t("fig.cdnow_conditional"),
)
plt.show()
i18n.show(by_freq.round(3))

# %% [markdown]
# The model gets the shape right, as in the paper's figure: the more a customer bought before,
# the more they buy later. But it predicts too little in every group, by about a quarter for
# customers with one or two repeat purchases. Over the whole holdout, summed over customers
# (MAE and RMSE are the mean absolute and root-mean-square error per customer):

# %%
i18n.show(clv.holdout_errors(cd_bg, cd).round(3).to_frame("value").T)

# %% [markdown]
# How to read it: on average a customer's prediction is about 0.8 purchases off (MAE); the
# total error is negative, so the model predicted 12% fewer purchases than were made.
#
# ## 3. The shop: does the model find the truth?
#
# Our shop was simulated *from* these two models, with the parameters in the "true" column
# below, so we can check that fitting recovers them. Purchases are completed orders
# only (refunded and unpaid orders are not purchases); the time unit is the **day**.

# %%
store = load_store()
kept = store.orders[store.orders["status"] == "completed"]
summary = clv.transaction_summary(kept, "2025-12-31", amount_col="amount_paid", unit="D")
bg = clv.BGNBD().fit(summary, unit="D")
gg = clv.GammaGamma().fit(summary)
truth = pd.Series(store.params.as_dict()).rename({"gamma": "v"})
fitted = pd.concat([bg.params_, gg.params_])
i18n.show(pd.DataFrame({"fitted": fitted, "true": truth}).rename_axis("parameter").round(3))

# %% [markdown]
# Take one thing from this table: the "fitted" column, learned from the orders of 12,000
# buyers, is close to the "true" column the simulation was set with, so the model learned well.
# The letters (r, α, a, b, p, q, γ) are the model's parameters, the few numbers that describe
# how fast the shop's customers buy, how readily they leave and how much they spend per order;
# the core path does not use them. The following sections use the models fitted here. A real
# shop has no "true" column and must hold back its last half year to check (the optional part
# below does so).
#
# ### Going deeper (optional): Which parameters are hard to pin down? Checking the spend model's assumption
# > Optional: which two parameters are hardest to estimate, and the assumption Gamma-Gamma makes about spend and frequency, with how to check it. Skipping it does not affect the core path.
#
# The rates and the spend are close. The dropout parameters a and b are the hardest to pin down
# (b 3.57 against a true 2.8); their ratio, the mean dropout a/(a+b), is estimated much better
# (0.19 against 0.20).
#
# Gamma-Gamma assumes that how much a customer spends per purchase does not depend on how
# often they buy. Check it before using the model: the correlation between the two among the
# repeat buyers should be small. A correlation runs from −1 to 1, and near 0 means the two are
# hardly related (Fader & Hardie report 0.11 for CDNOW; this check calls anything below 0.3 in
# size small).

# %%
i18n.show(clv.gamma_gamma_check(summary).to_frame("value").T.infer_objects().round(3))

# %% [markdown]
# Practically zero here: the simulated shop draws spend independently of frequency. In a real
# shop where frequent buyers place smaller orders (or larger ones), the correlation would be
# clearly away from 0 and Gamma-Gamma's spend predictions would be biased; each customer's own
# average order value is then the safer estimate.
#
# ### Going deeper (optional): Calibration and holdout
# > Optional: checking the model's predictions on half a year of data held back, as a real shop must. Skipping it does not affect the core path.
#
# A real shop has no truth column, so it checks predictions on time it held back: fit on the
# data up to 30 June 2025 (calibration) and predict July–December 2025 (holdout).

# %%
cal = clv.calibration_holdout(kept, "2025-06-30", "2025-12-31", amount_col="amount_paid", unit="D")
cal_bg = clv.BGNBD().fit(cal, unit="D")
check = clv.holdout_by_frequency(cal_bg, cal)
ax = i18n.show(check[["actual", "predicted"]]).plot(marker="o", figsize=(7, 4))
ax.set(
    xlabel=i18n.t("fig.shop_repeat_to_june"),
    ylabel=i18n.t("fig.shop_holdout_purchases"),
    title=i18n.t("fig.shop_holdout_title"),
)
plt.show()
i18n.show(clv.holdout_errors(cal_bg, cal).round(3).to_frame("value").T)

# %% [markdown]
# Two more checks. **Repeat-purchase distribution** (period transactions): does the model reproduce how many customers made
# 0, 1, 2 … repeat purchases in the calibration period? **Cumulative tracking**: does the
# expected running total of repeat purchases follow the actual one, also beyond the
# calibration period?

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
i18n.show(clv.period_transactions(cal_bg, cal)).plot.bar(ax=axes[0], rot=0)
axes[0].set(title=i18n.t("fig.period_transactions_title"), ylabel=i18n.t("column.customers"))
first = kept.groupby("customer_id")["paid_time"].min()
cohort = first[first <= "2025-06-30"]
tracking = clv.cumulative_tracking(cal_bg, kept, cohort, "2025-12-31", unit="D")
i18n.show(tracking).plot(ax=axes[1], x_compat=True)
i18n.date_ticks(axes[1])
axes[1].axvline(pd.Timestamp("2025-06-30"), color="grey", ls="--")
axes[1].set(title=i18n.t("fig.cumulative_tracking_title"), xlabel="")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. Is the customer still alive?
#
# P(alive) is the probability that a customer has not left yet. Below are two customers, with
# the model fitted on the whole period: a one-off buyer and a frequent buyer (8 orders or
# more), each from their first purchase on. For the frequent buyer, P(alive) *falls* from 1 at
# the first repeat purchase (from then on the model allows them to leave), climbs back part of
# the way at each later purchase, and sinks while they are silent: the more often someone used
# to buy, the more a long silence says they have gone.

# %%
counts = kept.groupby("customer_id").size()
one_off = counts[counts == 1].index[0]
loyal = counts[counts >= 8].index[0]
fig, ax = plt.subplots(figsize=(9, 3.5))
for cid, who in [(one_off, "one_off_buyer"), (loyal, "loyal_buyer")]:
    times = kept.loc[kept["customer_id"] == cid, "paid_time"]
    clv.alive_history(bg, times, "2024-01-01", "2025-12-31", unit="D").plot(
        ax=ax, label=i18n.t(f"fig.{who}", id=cid), x_compat=True
    )
i18n.date_ticks(ax)
ax.set(ylabel=i18n.t("column.p_alive"), title=i18n.t("fig.p_alive_over_time"), ylim=(0, 1.05))
ax.legend()
plt.show()

# %% [markdown]
# The one-off buyer's line stays at 1. That is the model, not a bug: in BG/NBD a customer can
# only leave *after a repeat purchase*, so someone who never bought again has had no chance to
# leave. Their low *expected purchases* (slow buyers) carry the bad news instead: the longer
# ago a one-off buyer's first purchase (the larger T) with no return, the fewer purchases the
# model expects. That is how it tells a promising one-off buyer from a hopeless one.
#
# ### Going deeper (optional): P(alive) heat maps
# > Optional: two heat maps showing the predictions for every combination of frequency and recency. Skipping it does not affect the core path.
#
# The maps below show, for any frequency and recency (with T = one year), the expected
# purchases in the next 90 days and P(alive). Recency near 365 means the last purchase was
# recent. The best customers bought often and recently (top right); frequent buyers whose last
# purchase was long ago (top left) have probably left, while a customer with the same recency
# but fewer purchases (lower left) may just be a slow buyer. The bottom row is the one-off
# buyers: their recency is always 0, so the row is the same colour across.

# %%
freq = np.arange(0, 21)
rec = np.arange(0, 366, 15)
F, R = np.meshgrid(freq, rec, indexing="ij")
grid = pd.DataFrame(
    {"frequency": F.ravel(), "recency": np.where(F.ravel() == 0, 0, R.ravel()), "T": 365.0}
)
pred = clv.predict(bg, grid, horizon_days=90, unit="D")
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
for ax, column, title in [
    (axes[0], "expected_purchases", "fig.expected_purchases_90d"),
    (axes[1], "p_alive", "column.p_alive"),
]:
    values = pred[column].to_numpy().reshape(F.shape)
    frame = pd.DataFrame(values, index=freq, columns=rec)
    sns.heatmap(frame, ax=ax, cmap="viridis", cbar=True, yticklabels=2)  # every 2nd: legible
    ax.set(
        xlabel=i18n.t("fig.bgnbd_recency_axis"),
        ylabel=i18n.t("column.frequency"),
        title=i18n.t(title),
    )
    ax.invert_yaxis()
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 5. Customer lifetime value
#
# CLV here = expected **gross profit** over the next **12 months**: each month's expected
# purchases (BG/NBD) × the expected spend per purchase (Gamma-Gamma) × a **40% margin**,
# discounted at **10% a year** (the discount rate of section 1, converted to a monthly rate).
# The model was fitted in days, so
# a month is 30.44 days. Every CLV function is told the time unit (`unit="D"`) explicitly: that
# avoids the classic error of applying a daily model's numbers as if they were weeks.

# %%
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
value = clv.clv(bg, gg, summary, unit="D", months=12, annual_discount_rate=0.10, margin=0.4)
pred_now = clv.predict(bg, summary, horizon_days=365, unit="D", gamma_gamma=gg)
ranking = archive.loc[summary.index, ["nickname", "orders", "spend", "days_since_last"]].assign(
    p_alive=pred_now["p_alive"], purchases_next_year=pred_now["expected_purchases"], clv=value
)
i18n.show(ranking.sort_values("clv", ascending=False).head(10).round(2))

# %% [markdown]
# Nicknames are masked (脱敏). The top of the ranking mixes frequent, recent buyers with big
# spenders whose few orders were large: CLV multiplies how often by how much.
#
# ### What is a channel's customer worth?
#
# Notebook 02 measured what a new buyer costs (CAC) per channel. Put it next to the average
# 12-month CLV of the buyers each channel brought:

# %%
won = archive.loc[summary.index]
by_channel = pd.DataFrame({"clv": value, "channel": won["acquisition_channel"].astype(str)})
spend = store.traffic.groupby("channel", observed=True)["spend"].sum()
table = by_channel.groupby("channel").agg(buyers=("clv", "size"), mean_clv=("clv", "mean"))
table["cac"] = spend.reindex(table.index).to_numpy() / table["buyers"]
table["clv_to_cac"] = table["mean_clv"] / table["cac"].where(table["cac"] > 0)
i18n.show(table.sort_values("mean_clv", ascending=False).round(2))

# %% [markdown]
# Free channels have no marketing spend, so their ratio is not computed (—): free is not the
# same as costless (notebook 02). A ratio above 1 means a channel's average buyer is expected to earn back what winning them
# cost within a year (from profit on *future* purchases alone, before counting their first
# order). By value segment (notebook 01), CLV falls off steeply outside the high-value group:

# %%
segment = value_segments(archive).loc[summary.index]
by_segment = pd.DataFrame({"clv": value, "value_segment": segment})
stats = by_segment.groupby("value_segment", observed=True)["clv"].agg(
    buyers="count", mean_clv="mean", median_clv="median", max_clv="max"
)
i18n.show(stats.round(2))

# %% [markdown]
# **Budget by group.** A budget looks at a group's total: the 1,175 high-value customers
# average 317.97 yuan of CLV, together about 374,000 yuan of margin over the next 12 months; the
# 6,129 churn-risk customers average only 31.32 yuan. Whether one customer buys next year is
# hard to say, but in a group those who buy more and those who buy less even out, so a total is
# far more reliable. Budget by group; use the individual ranking as a guide.
#
# And by membership tier (the textbook's policy, notebook 04): the tiers sort future value
# well, and the cost of a tier's benefits can be set against it.

# %%
birthdays = store.customers.set_index("customer_id")["birthday"]
inputs = tiers.prepare(store.orders, store.reviews, AS_OF, birthdays=birthdays)
tier = tiers.tiers_as_of(tiers.textbook_policy(), inputs)
by_tier = pd.DataFrame({"clv": value, "tier": tier.reindex(summary.index)})
i18n.show(
    by_tier.groupby("tier")["clv"]
    .agg(buyers="count", mean_clv="mean", median_clv="median")
    .reindex(tiers.textbook_policy().names)
    .round(2)
)

# %% [markdown]
#
# ### Whom to win back, whom not to chase
#
# Past value and future value are different things. A simple action map:
#
# * **Win back**: customers who spent a lot (top quarter of spend) whose P(alive) has dropped
#   below one half but not below 0.2: valuable, and probably still reachable.
# * **Do not chase**: customers whose 12-month CLV is below 20 yuan, the cost of a typical
#   coupon: a discount would cost more than they are expected to bring.

# %%
rich = ranking["spend"] >= ranking["spend"].quantile(0.75)
fading = ranking["p_alive"].between(0.2, 0.5, inclusive="left")
win_back = ranking[rich & fading].sort_values("clv", ascending=False)
do_not_chase = ranking[ranking["clv"] < 20]
print(i18n.t("text.win_back", win_back=len(win_back), skip=len(do_not_chase), buyers=len(ranking)))
i18n.show(win_back.head(5).round(2))

# %% [markdown]
# The two lists are built on different measures (past spend and P(alive), future CLV), so a
# few customers are on both. Exercise 06, task 4, counts the others: the win-back customers
# whose 12-month CLV covers a 20-yuan coupon.
#
# ## Going deeper (optional): 6. Which model? BG/NBD, MBG/NBD and Pareto/NBD
# > Optional: two other assumptions about how customers leave, and choosing between three models by log-likelihood, AIC/BIC and holdout errors. Skipping it does not affect the core path.
#
# BG/NBD makes one assumption about how customers leave. Two rival models assume otherwise:
#
# * **MBG/NBD** (modified BG/NBD; Batislam, Denizel & Filiztekin, 2007): a customer may also
#   leave right after the *first* purchase, so a one-off buyer's P(alive) is below 1 too.
# * **Pareto/NBD** (Schmittlein, Morrison & Colombo, 1987; the oldest of the three): a
#   customer may leave at any *moment*, not only after a purchase. How long a customer stays
#   is random (exponentially distributed: leaving is equally likely in every week they are
#   still there), and how fast customers leave differs between them, following a gamma
#   distribution with parameters **s** and **β**.
#
# All three have four parameters and are fitted the same way. Which one to use is a question
# for the data, asked twice:
#
# 1. *How well does each describe the calibration period?* The **log-likelihood** measures it
#    (higher, that is closer to 0, is better). **AIC** and **BIC** (Akaike's and the Bayesian
#    information criterion) turn it into a score where lower is better, with a penalty for
#    each parameter; as all three models have four parameters here, the penalty is the same
#    and ΔAIC equals ΔBIC. A difference (Δ) from the best below 2 is no real difference;
#    above 10 it is a strong one.
# 2. *How well does each predict the holdout?* The errors of notebook section 2.

# %%
models = clv.fit_models(cd, unit="W")
i18n.show(clv.compare_models(models, cd).round(3))

# %% [markdown]
# On CDNOW, Pareto/NBD's log-likelihood is −9595.0, the figure Fader & Hardie publish, and
# BG/NBD's is −9582.4. By the calibration period, MBG/NBD is best and BG/NBD only 0.6 behind
# (no real difference), while Pareto/NBD is clearly worse (ΔAIC about 26). The holdout says
# the opposite: Pareto/NBD has the smallest errors on all three measures (MAE 0.755, RMSE
# 1.603, total −11.5%), and MBG/NBD the largest total error (−16.2%). By group (figure and
# table below), Pareto/NBD comes closest for customers with 1, 2 and 4 or more repeat
# purchases, where the other two predict too little, but it is the furthest off for the 1,411
# customers with none (0.138 against an actual 0.237).
#
# So on CDNOW no model wins both questions, and the differences in holdout error are small:
# for forecasting the whole base, any of the three would do, and the paper's BG/NBD is a
# reasonable choice.

# %%
expectations = clv.conditional_expectations(models, cd)
ax = i18n.show(expectations.drop(columns="customers")).plot(marker="o", figsize=(7, 4))
ax.set(
    xlabel=i18n.t("fig.cdnow_repeat_weeks"),
    ylabel=i18n.t("fig.cdnow_holdout_weeks"),
    title=i18n.t("fig.model_choice_cdnow"),
)
plt.show()
i18n.show(expectations.round(3))

# %% [markdown]
# The same comparison on the shop, calibration to June 2025 and holdout July–December:

# %%
shop_models = clv.fit_models(cal, unit="D")
i18n.show(clv.compare_models(shop_models, cal).round(3))

# %% [markdown]
# Here BG/NBD wins clearly (ΔAIC 45 and 148 for the others), and rightly: the shop was
# simulated from BG/NBD, so AIC picked the model that made the data. The holdout errors
# hardly differ (MAE 0.687 to 0.693), which is common: for a 6-month forecast of the whole
# base, any of the three does; where they differ is more likely in *which* customers they
# think have left.
#
# **One cut-off is not enough.** The comparison above used a single cut-off. A **backtest**
# (rolling origin) repeats "fit on the data before the cut-off, predict the half-year after"
# several times: here on CDNOW with cut-offs at the end of June, September and December 1997,
# each predicting the next 181 days, and averages the errors.

# %%
results = clv.backtest(
    cdnow, ["1997-06-30", "1997-09-30", "1997-12-31"], 181, unit="W", time_col="date"
)
choice = clv.recommend(results)
print(
    i18n.t(
        "text.backtest_choice",
        cutoffs=results["cutoff"].nunique(),
        model=i18n.t(f"purchase_model.{choice.model}"),
        aic=i18n.t(f"purchase_model.{choice.by_aic}"),
    )
)
i18n.show(choice.summary.round(3))

# %% [markdown]
# Over the three backtests MBG/NBD has the best mean AIC rank (1.33) but the largest error in
# the holdout total (12.2% on average); Pareto/NBD has the worst AIC rank (3rd every time) and
# the smallest error in the total (8.2%), best at two cut-offs of three; per customer (mean
# absolute error) the three are nearly equal (0.589 to 0.602). AIC asks which model describes
# what has happened best; a backtest asks which predicts what comes next best, and the answers
# can differ.
#
# **How to choose.** Decide first what the model is for: to forecast total purchases (budgets,
# stock), choose by the backtest's error of the total, and say which criterion the
# recommendation used; keep AIC (or BIC) beside it, and trust the choice more when they agree.
# Check the holdout predictions by frequency group; when the numbers do not separate the
# models, prefer the assumption that fits your shop (do customers drift away at any time, or
# after a disappointing purchase?). And whichever you choose, say so: every CLV is computed
# under some model, and a report should name it.
#
# ## Going deeper (optional): 7. How sure are we? Prediction intervals
# > Optional: how uncertain a single customer's CLV and rank are, how reliable a group's total is, and how to check the intervals. Skipping it does not affect the core path.
#
# A CLV ranking lists one number per customer. Each is uncertain for two reasons:
#
# * **the parameters are estimated** from 12,000 buyers, so they carry an error; a parameter's
#   **standard error** says how far the estimate may be from the true value (the more buyers,
#   the smaller it is), and its **confidence interval** gives the range of plausible values;
# * **the future is random**: even with the true parameters, a customer who is expected to buy
#   1.2 times may buy 0, 1, 2 or 3 times. A **prediction interval** gives the range of what a
#   customer will actually do, so it covers both sources.
#
# First the parameters, with 95% confidence intervals (low and high):

# %%
i18n.show(pd.concat([clv.parameter_table(bg), clv.parameter_table(gg)]).round(3))

# %% [markdown]
# The relative standard errors (standard error over estimate) of the rate and spend
# parameters are 2–10%; the dropout parameters a and b are the least certain (11% and 14%),
# as section 3 found. What this means for the predictions themselves, from the parameters'
# uncertainty alone:

# %%
spread = clv.parameter_intervals(bg, summary, horizon_days=365, unit="D", level=0.9, random_state=1)
alive_width = spread["p_alive_high"] - spread["p_alive_low"]
purchases_ratio = spread["expected_purchases_high"] / spread["expected_purchases_low"]
print(
    i18n.t(
        "text.parameter_uncertainty",
        alive=alive_width.max(),
        alive_median=alive_width.median(),
        ratio=purchases_ratio.max(),
        ratio_median=purchases_ratio.median(),
    )
)

# %% [markdown]
# For the median customer, the parameters' uncertainty hardly moves the predictions (P(alive)
# within 0.008, expected purchases within 6%); for the few most affected it moves them
# noticeably (up to 0.074, and a factor 1.46). The future moves them far more. The next cell
# simulates 500 possible next years of the whole customer base: in each, the parameters are
# drawn from their uncertainty; for every customer, what we cannot see (whether they are still
# a customer, how often they buy, how much per order) is drawn from what their history says
# about it; and their purchases and spend are simulated month by month. Dropping the highest
# and lowest 10% of a customer's 500 values leaves the middle 80%: their 80% prediction
# interval. Where they rank among all customers in each simulated year gives their rank
# interval in the same way.

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
bands = clv.interval_table(draws, summary.index, level=0.8, name="clv").assign(clv=value)
top = bands.sort_values("clv", ascending=False)
i18n.show(top.head(10).round(1))

# %% [markdown]
# The simulated means are close to the formula's CLV (the last column; within 8%: 500
# simulations leave some randomness), and the 80% intervals are wide: for four of the top ten
# the interval starts at 0 yuan, so each has at least a one-in-ten chance of buying nothing
# next year. The rank intervals say the same about the ranking: in 80% of the simulated years
# customer 834 ranks between 1st and 341st, and customer 9144 anywhere between 1st and
# 4,763rd (in a year when someone buys nothing, they share the place after the last buyer
# with everyone else who buys nothing). No customer's place is known exactly; even the steadiest move by hundreds of places. The
# "top ten" is a list of promising candidates, not a fixed order.

# %%
shown = top.head(30).iloc[::-1]
fig, ax = plt.subplots(figsize=(8, 7))
ax.hlines(range(len(shown)), shown["clv_low"], shown["clv_high"], color="tab:blue", alpha=0.6)
ax.plot(shown["clv"], range(len(shown)), "o", color="tab:blue")
ranks = range(len(shown), 0, -1)
ax.set_yticks(
    range(len(shown)), [f"{rank} ({cid})" for rank, cid in zip(ranks, shown.index, strict=True)]
)
ax.set(
    xlabel=i18n.t("fig.clv_axis"),
    ylabel=i18n.t("fig.clv_rank_axis"),
    title=i18n.t("fig.clv_intervals_title"),
)
plt.show()

# %% [markdown]
# For a **group**, the picture changes: some customers buy more than expected and some less,
# and in a total these even out. Adding up the simulated values of each value segment, year by
# year, gives intervals for segment totals, which are what a budget needs:

# %%
i18n.show(clv.group_intervals(draws, segment).rename_axis("value_segment").round(0).astype(int))

# %% [markdown]
# Each segment's 12-month total is known to within about 6–12% either way (95% interval; the
# high-value segment's from −8% to +9%), while each of its members' values is uncertain by a
# factor of several. Plan budgets by groups; use an individual ranking as a guide, not a
# verdict.
#
# **Are the intervals right?** Check them on time held back, as for the point predictions.
# With the model fitted to June 2025, simulate July–December 500 times and see where each
# customer's actual number of purchases falls among their own 500 simulated numbers: near 0
# if they bought less than almost every simulation, near 1 if more. (Purchases are whole
# numbers, so a customer whose actual count equals many simulated ones is placed at random
# within that tie; the statistic is called the randomised PIT, probability integral
# transform.) If the intervals are right, the positions are spread evenly: each tenth of the
# range holds a tenth of the customers. And intervals for the totals of random groups of 100
# customers (the last group smaller) should hold the actual totals about as often as their
# level says.

# %%
holdout_days = (pd.Timestamp("2025-12-31") - pd.Timestamp("2025-06-30")).days
holdout_draws = clv.future_purchases(
    cal_bg, cal, horizon_days=holdout_days, unit="D", n_draws=500, random_state=3
)
pit = clv.randomised_pit(holdout_draws, cal["frequency_holdout"].to_numpy(), random_state=3)
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.hist(pit, bins=10, range=(0, 1), color="tab:blue", alpha=0.7)
ax.axhline(len(pit) / 10, color="black", ls="--", label=i18n.t("fig.pit_even"))
ax.set(
    xlabel=i18n.t("fig.pit_axis"), ylabel=i18n.t("column.customers"), title=i18n.t("fig.pit_title")
)
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), frameon=False)
plt.show()
groups = np.random.default_rng(3).permutation(len(cal)) // 100
i18n.show(clv.interval_coverage(holdout_draws, cal["frequency_holdout"], groups).round(3))

# %% [markdown]
# The bars are nearly level (each tenth holds 9.4% to 10.7% of the customers), but the two end
# bars are a little high: slightly more customers than predicted bought unusually little or
# unusually much, a hint that the intervals are a little too narrow. The group intervals cover
# 80% and 93% of the 90 groups at the 80% and 95% levels. The course's automatic tests run
# the same check on many simulated shops and require 75–85% and 92–98%.
#
# ## Discussion
#
# 1. Why is P(alive) exactly 1 for a customer who bought once, and what does the model use to
#    tell a promising one-off buyer from a hopeless one?
# 2. The model assumes customers buy at a steady rate while alive. Which parts of an online
#    shop's year (618, Double 11) break that assumption, and what would you expect the holdout
#    check to show if they mattered?
# 3. Off-platform traffic has CLV/CAC of only about 1: it just pays back. Should the shop stop
#    buying it? What else would you want to know?
# 4. Customer 9144 is second by expected CLV, but whether one customer buys next year is hard to
#    say (section 5, budget by group): they may buy nothing at all. Would
#    you give them a VIP gift worth 200 yuan? And if the shop gave that gift to every member
#    of the high-value segment, budgeted on the segment's total, would you decide differently?
#
# ## Summary
#
# * BG/NBD: buy at your own rate while alive, and after each repeat purchase leave with your
#   own probability. Gamma-Gamma: spend varies around a personal mean.
# * The fits reproduce the published CDNOW parameters and come close to the simulated shop's
#   truth (a and b less so, their ratio well).
# * Check on a holdout period before trusting a model; state the time unit, horizon and
#   discount rate of every CLV.
# * Compare models by AIC/BIC and by their holdout errors; say which model a CLV comes from.
# * A single customer's CLV is uncertain by a factor of several; a segment's total to within
#   about a tenth (95% interval). Use individual rankings as a guide, budget by groups.
# * Use CLV to decide whom to win back and what a channel's customers are worth against CAC.
#
# **Exercises:** `exercises/en/06_clv_exercises.ipynb`.
