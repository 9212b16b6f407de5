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
# # 05 · Satisfaction versus loyalty
#
# **Textbook:** §7.4 Raising customer loyalty (提高客户忠诚度).
#
# **Satisfaction** (满意度) is a customer's judgement of an experience against what they
# expected; **loyalty** (忠诚度) is a stable tendency to come back, spend more, care less about
# price and recommend the shop. The textbook says satisfaction is the precondition of loyalty
# but does not guarantee it: a satisfied customer without an emotional tie or an incentive
# still leaves for a better price. Are all satisfied customers loyal? We answer with the shop's
# survey and what respondents did afterwards.
#
# **After this notebook you can**
#
# 1. compute CSAT and NPS, state their definitions, and give NPS a confidence interval;
# 2. measure loyalty from behaviour after a survey, without counting windows that have not
#    passed;
# 3. draw the satisfaction–loyalty curve and find Jones & Sasser's non-linearity;
# 4. sort customers into loyalists, mercenaries, hostages and defectors;
# 5. say how a shop raises satisfaction and loyalty (§7.4).
#
# The last section, "Going deeper (optional): a model of repurchase", is optional: skipping it
# does not affect the rest.

# %%
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from crmlib import i18n
from crmlib import satisfaction as sat
from crmlib.archive import build_archive
from crmlib.datasets import load_store

sns.set_theme(style="whitegrid")
i18n.set_language("en")
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
surveys = store.surveys

# %% [markdown]
# ## 1. CSAT and NPS
#
# After their first order, some buyers answered two questions: "How satisfied are you?" (1–5)
# and "How likely are you to recommend us to a friend?" (0–10).
#
# * **CSAT** (customer satisfaction score) here is the share of 4s and 5s. Some reports give
#   the *mean* score instead; always say which.
# * **NPS** (net promoter score) = % promoters (9–10) − % detractors (0–6); passives (7–8)
#   count only in the total. It runs from −100 to +100.
#
# Per channel family, with a few hundred answers or fewer, NPS is uncertain: the last two columns
# are a 95% confidence interval (as in notebook 02: the true NPS lies roughly between the two
# numbers), wider when there are fewer answers.

# %%
family = archive["channel_family"].reindex(surveys["customer_id"]).set_axis(surveys.index)
overall = sat.satisfaction_by(surveys)
by_family = sat.satisfaction_by(surveys, family.rename("channel_family"))
i18n.show(pd.concat([overall, by_family]).rename_axis("channel_family").round(2))

# %% [markdown]
# (The 95% interval of NPS here is an analytic one, from the shares of promoters and
# detractors.) Most respondents are satisfied (CSAT about three quarters), yet NPS is barely above zero:
# satisfied is not the same as enthusiastic. Social-referral customers are the clear
# exception. Off-platform has too few answers for its interval to say much.
#
# **Who answered?** Not a random sample: invitations went to 40% of buyers, and engaged,
# loyal customers answered more often. Everything below describes respondents, who are
# likely more loyal than the average buyer.
#
# ## 2. Loyalty after the survey
#
# For each respondent we look at what they *did* next: a completed order within 365 days of
# the survey (only for respondents surveyed at least 365 days before the end of the data,
# otherwise "no" might just mean "not yet"), orders and spend per year, and price sensitivity
# (share of orders bought with a coupon or discount).
#
# From here on, "repurchase rate" means the first of these: the share of respondents with a
# completed order within 365 days after the survey. It looks at that one year only, so it is not
# notebook 01's repurchase rate (two or more purchases at any time).

# %%
loyalty = sat.loyalty_after_survey(surveys, store.orders, AS_OF, window_days=365)
eligible = loyalty.dropna(subset=["repurchased"])
print(i18n.t("text.respondents_window", respondents=len(loyalty), eligible=len(eligible)))
i18n.show(
    eligible.groupby("csat")[["orders_per_year", "spend_per_year", "promo_share"]].mean().round(2)
)

# %% [markdown]
# Over the 830 respondents with a full year: from 1 to 4 points, orders and spend per year stay
# low (0.6 to 1.1 orders); at 5 they jump (3.0 orders, 609 yuan). The share of orders with a
# promotion does not fall as satisfaction rises (0.26 to 0.28 at scores 1 and 2, 0.32 to 0.36
# at 3 to 5): these respondents are no less price-sensitive for being satisfied.

# %% [markdown]
# ## 3. The satisfaction–loyalty curve
#
# Jones & Sasser ("Why satisfied customers defect", Harvard Business Review, 1995) found the
# relationship is not a straight line: merely "satisfied" customers (4 of 5) defected far more
# often than "completely satisfied" ones (5 of 5). Repurchase within a year by CSAT score, with
# 95% intervals (Wilson intervals: a confidence interval for a share that behaves well for
# small groups):

# %%
curve = sat.satisfaction_curve(loyalty, "csat")
fig, ax = plt.subplots(figsize=(7, 4))
ax.errorbar(
    curve.index,
    curve["repurchase_rate"],
    yerr=[curve["repurchase_rate"] - curve["low"], curve["high"] - curve["repurchase_rate"]],
    marker="o",
    capsize=4,
)
ax.set(
    xlabel=i18n.t("fig.csat_axis"),
    ylabel=i18n.t("column.repurchase_365d"),
    title=i18n.t("fig.satisfaction_vs_loyalty"),
    xticks=range(1, 6),
    ylim=(0, 1),
)
plt.show()
i18n.show(curve.round(3))

# %% [markdown]
# Between 1 and 2 repurchase barely moves: a customer who is a little less unhappy is no more
# likely to come back (Jones & Sasser's "zone of defection"). From 2 on it climbs with every point, and the last step is the largest:
# completely satisfied customers (5) came back far more often than merely satisfied ones (4),
# about 80% against 62%. The curve bends upwards, the non-linearity Jones & Sasser described:
# "satisfied" is not enough; completely satisfied respondents are the ones who came back most
# often. (That is an association in self-selected respondents, not proof that raising a score
# brings a customer back: see the optional section at the end.) By NPS answer the trend is
# similar but the groups are smaller and the numbers bumpier: 10 (77%) is not above 9 (79%), and 5 is below 4:

# %%
i18n.show(sat.satisfaction_curve(loyalty, "nps").round(3))

# %% [markdown]
# ## 4. Four kinds of customers
#
# Crossing satisfaction with behaviour (`sat.QuadrantRule`: satisfied = CSAT 4 or 5; loyal =
# bought again within 365 days) gives Jones & Sasser's four types:
#
# | | loyal | not loyal |
# |---|---|---|
# | **satisfied** | loyalists (apostles at the top) | **mercenaries**: satisfied but not loyal |
# | **not satisfied** | **hostages**: loyal but not satisfied | defectors |

# %%
kind = sat.quadrants(loyalty, sat.QuadrantRule(satisfied_from=4))
i18n.show(kind.value_counts().reindex(list(sat.QUADRANTS)).to_frame("respondents"))

# %% [markdown]
# Who are the mercenaries? Compare them with loyalists: their price sensitivity and the
# channels that brought them. (Nicknames masked.)

# %%
profile = loyalty.assign(
    customer_type=kind, channel_family=archive["channel_family"].reindex(loyalty.index)
)
i18n.show(
    profile.groupby("customer_type", observed=True)
    .agg(
        respondents=("csat", "size"), promo_share=("promo_share", "mean"), mean_nps=("nps", "mean")
    )
    .round(2)
)

# %%
i18n.show(
    pd.crosstab(profile["customer_type"], profile["channel_family"], normalize="index").round(2)
)

# %%
mercenaries = profile.index[profile["customer_type"] == "mercenary"]
i18n.show(
    archive.loc[
        mercenaries[:5], ["nickname", "acquisition_channel", "orders", "spend", "promo_share"]
    ].round(2)
)

# %% [markdown]
# On average, mercenaries bought with a promotion more often than loyalists (42% of their orders
# against 31%) and came more from paid traffic: they were happy with the deal, not attached to
# the shop. Single customers differ (the five above are just the first in the list, and their
# orders and promotion share count all their history, while "not loyal" looks only at the
# year after the survey): the averages are the finding. Hostages (unhappy but still buying)
# are a warning: they stay while they must and leave, loudly, when they can.
#
# ## 5. Raising satisfaction and loyalty (§7.4)
#
# The textbook's levers:
#
# * **raising satisfaction**: product quality, accurate descriptions, a smooth site and service,
#   and expectations kept realistic (no over-promising);
# * **raising loyalty**: **customer care** (客户关怀: after-sales follow-up, holiday and birthday
#   messages) builds an emotional tie, and **privileges** (member prices, early access, exclusive
#   events) give a reason to come back that is not the next discount. These two aim at the
#   mercenaries.

# %% [markdown]
# ## Going deeper (optional): a model of repurchase
#
# > Optional: a statistical model that predicts which respondents buy again, how well it predicts, and what it cannot claim. Skipping it does not affect the core path.
#
# What predicts a repurchase within 180 days of the survey? Features known *at survey time*:
# the CSAT answer (1–5), the NPS answer (0–10), first-order value, whether the first order used a coupon or discount (price
# sensitivity), complaints before the survey, channel family, community membership and 88VIP.
# We train on respondents surveyed in 2024 and test on those surveyed in 2025, as a shop would
# use the model: on the future.

# %%
loyalty180 = sat.loyalty_after_survey(surveys, store.orders, AS_OF, window_days=180)
features = sat.repurchase_features(loyalty180, archive, store.orders, store.service)
train, test = sat.time_split(loyalty180, "2025-01-01")
y = loyalty180["repurchased"].astype("float")
results = {}
for kind_name in ("logistic", "boosting"):
    model = sat.repurchase_model(kind_name, random_state=0)
    results[kind_name] = sat.evaluate(
        model, features.loc[train], y.loc[train], features.loc[test], y.loc[test]
    )
print(i18n.t("text.train_test", train=len(train), test=len(test)))
scores = pd.DataFrame({name: result.scores() for name, result in results.items()})
i18n.show(scores.rename_axis("metric").round(3))

# %% [markdown]
# **ROC AUC** is the chance the model ranks a random repurchaser above a random
# non-repurchaser (0.5 = coin toss, 1 = perfect); the **Brier score** is the mean squared
# error of the predicted probabilities (lower is better). The gradient-boosted model is not
# better than logistic regression here, so we keep the simpler, readable one. Is it
# **calibrated**, do its probabilities mean what they say? (The base rate, 0.542, is the
# share of test respondents who did repurchase: a model that always predicted it would score a
# Brier of 0.542 × 0.458 ≈ 0.248, so 0.225 is a modest improvement.) The window is now 180
# days, not 365: respondents surveyed in 2025 have not had a full year by the end of the data.
# Of the 813 surveyed in 2025, the 395 surveyed early enough to have 180 days form the test set.

# %%
calibration = results["logistic"].calibration
fig, ax = plt.subplots(figsize=(4.5, 4.5))
ax.plot(
    calibration["mean_predicted"],
    calibration["observed"],
    marker="o",
    label=i18n.t("column.logistic"),
)
ax.plot([0, 1], [0, 1], ls="--", c="grey", label=i18n.t("fig.perfect_calibration"))
ax.set(
    xlabel=i18n.t("fig.predicted_probability"),
    ylabel=i18n.t("fig.observed_repurchase_rate"),
    title=i18n.t("fig.calibration_title"),
)
ax.legend()
plt.show()
i18n.show(calibration.round(3))

# %% [markdown]
# Mostly yes: the middle three groups lie on the diagonal. At both ends the model predicted
# too low (the lowest group 25% where 32% came back, the highest 74% where 84% did), but with
# 79 customers per group, gaps of this size are within chance.
#
# Which features matter? **Logistic regression** models the log-odds of repurchase as a
# weighted sum of the features; numbers are **standardised** (in standard deviations) and
# categories **one-hot** encoded (one 0/1 column per category, yes/no flags as a single column),
# so the coefficients show direction and relative weight: positive makes a repurchase more
# likely, negative less, and a larger size matters more (roughly: a yes/no flag's coefficient
# is for switching it on, a number's for one standard deviation; and the CSAT and NPS answers
# overlap, so they share their weight). (The gradient-boosted model combines
# many small decision trees.) Off-platform's coefficient rests on a few dozen training
# respondents: treat it as noise.

# %%
logistic = sat.repurchase_model("logistic").fit(features.loc[train], y.loc[train])
names = logistic[0].get_feature_names_out()
coefficients = pd.Series(logistic[-1].coef_[0], index=names, name="coefficient")
i18n.show(coefficients.sort_values().round(3).rename_axis("feature").to_frame())

# %% [markdown]
# The strongest are community membership (0.52) and the CSAT answer (0.45); paid traffic
# (−0.40) weighs most against a repurchase.
#
# **What the model cannot say.** It predicts; it does not explain. Community members come back
# more, but loyal customers may simply be the ones who join a group. Satisfaction goes with
# repurchase, but the data cannot tell whether raising a customer's satisfaction would *cause* them to
# return: loyal customers may simply be the ones who rate highly. Respondents are a self-selected
# group, so the model may not carry over to customers who never answer. A test of a real care
# action (give it to a random half, compare) is the way to learn what works.
#
# ## Discussion
#
# 1. Are all satisfied customers loyal? Use the curve and the mercenaries to answer, and say
#    how a shop can avoid "satisfied but not loyal" churn.
# 2. Evaluate a care activity you have seen a shop run (a birthday coupon, a follow-up message
#    after delivery). Which customers does it reach, and how would you measure whether it works?
# 3. Why might hostages be more dangerous to a shop than defectors?
#
# ## Summary
#
# * CSAT (the share of the top two boxes, 4 and 5) and NPS (promoters − detractors) measure
#   different things; give NPS an
#   interval and say who answered.
# * Loyalty is measured by behaviour after the survey, over windows that have passed.
# * The curve is flat at the bottom and steep at the top: completely satisfied respondents came
#   back most often.
# * Mercenaries are satisfied but more price-sensitive than loyalists; care and privileges, not discounts, aim at them.
# * Satisfaction is raised by product, accurate descriptions, smooth service and realistic
#   expectations; loyalty by customer care and privileges.
# * (Optional) A repurchase model ranks customers moderately well; it cannot tell what would change them.
#
# **Exercises:** `exercises/en/05_satisfaction_loyalty_exercises.ipynb`.
