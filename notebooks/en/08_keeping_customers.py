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
# # 08 · Keeping customers: grades, smart outreach and A/B tests
#
# **Textbook:** §7.3 Maintaining customer relationships (维护客户关系): customer grades and
# differentiated service, smart outreach (智能触达, §7.3.3), keeping customers (§7.3.4); §7.5
# interaction platforms.
#
# Winning a customer costs more than keeping one, so §7.3 asks a shop to **grade** its
# customers into four **customer grades** (客户等级: 普通客户, 成长客户, 成熟客户, 流失客户; not
# notebook 04's membership tiers), to serve each grade differently, and to
# reach the right customers at the right time, for example with the seller back end's 智能触达:
# an SMS to a recommended crowd at a chosen hour. Whether such a message *works* is a question
# the data can answer only with an experiment, an **A/B test**. This notebook does all three
# on our shop, with a simulated coupon campaign whose true effect on every customer is known.
#
# **After this notebook you can**
#
# 1. grade customers by the textbook's four grades with a rule written as data, follow how the
#    grade mix moves over time, and tie a service to each grade;
# 2. turn a crowd into an audience: take out customers without marketing consent and those
#    messaged recently (a frequency cap), and choose a send time;
# 3. design an A/B test (how many customers), randomise it, read its result with a confidence
#    interval, and compare it with the simulator's truth;
# 4. say what a campaign costs and brings, and whom it is worth sending to, by grade;
# 5. tell what a customer group adds from what loyal customers bring to it, and compare the
#    textbook's interaction platforms (§7.5);
# 6. report service quality (first-response time, problems solved) and read what it does and
#    does not show about buying.
#
# The four parts headed "Going deeper (optional)" (how many customers a test needs, the interval
# and p-value, an uplift model, the weighted comparison) are optional: skipping them does not
# affect the rest.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from IPython.display import display

from crmlib import community as cm
from crmlib import customer_grades as cg
from crmlib import experiments as ex
from crmlib import i18n
from crmlib import outreach as out
from crmlib import service_quality as sq
from crmlib import uplift as up
from crmlib.acquisition import compare_groups
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.datasets.campaigns import (
    Campaign,
    previous_contacts,
    run_campaign,
    true_opt_out,
    true_rates,
)

sns.set_theme(style="whitegrid")
i18n.set_language("en")
pd.set_option("display.float_format", "{:,.3f}".format)
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 1. Customer grades (§7.3)
#
# §7.3 grades customers on **quantifiable value** (what they spend, how often they buy, how
# many items and categories) and on value that numbers miss (influence, word of mouth: a
# service agent knows it, the data does not). The quantifiable part, as a rule kept as data
# (`cg.GradeRule`), judged in this order as of 1 January 2026:
#
# * **churned** (流失客户): no purchase for more than 365 days (the lifecycle's churn window of
#   notebook 01);
# * **mature** (成熟客户): in the last 12 months at least 1,000 yuan, 3 purchases and
#   2 categories;
# * **growing** (成长客户, rising spend): at least 2 purchases in 12 months, and the last half
#   year brought at least 1.5 times the spend of the half year before it (6 to 12 months ago); a
#   new customer who first bought in the last half year and has already bought twice counts;
# * **ordinary** (普通客户): every other buyer; customers who never bought are "no purchase".
#
# Note: an "ordinary customer" here is a customer grade, not notebook 04's "ordinary member"
# (普通会员), a different group of people.

# %%
rule = cg.GradeRule()
grades = cg.grade_customers(store.orders, AS_OF, archive.index, rule)
counts = grades.value_counts().reindex(cg.GRADES).rename("customers").to_frame()
counts["share"] = counts["customers"] / counts["customers"].sum()
i18n.show(counts)

# %% [markdown]
# The shares are of all 18,000 customers: among the 12,000 buyers, about one in twenty is
# mature (627) and more than a quarter have churned (3,345). How does the mix
# move? The same rule on four dates, half a year apart (buyers only):

# %%
mix = cg.grade_mix(store.orders, ["2024-07-01", "2025-01-01", "2025-07-01", AS_OF], rule=rule)
fig, ax = plt.subplots(figsize=(8, 4))
i18n.show(mix.T).plot.bar(stacked=True, ax=ax, rot=0, color=sns.color_palette("Set2", 4))
ax.set(xlabel=i18n.t("column.as_of"), ylabel=i18n.t("column.customers"))
ax.set_title(i18n.t("fig.grade_mix_title"))
ax.legend(title=i18n.t("column.grade"))
plt.show()
i18n.show(mix)

# %% [markdown]
# The shop grows (more buyers at each date), its mature group grows with it, and so does the
# churned group: from mid-2025 the buyers of the first half year start to pass a year without
# buying. Grades are a snapshot; the same customer moves between them.
#
# Each grade gets a different service (§7.3's examples: a dedicated channel, priority shipping
# and birthday wishes for high-value customers, here the mature ones; welcome messages for new
# customers), kept as data too
# (`cg.DEFAULT_SERVICE`), so that a shop can change it in one place. Birthday wishes and
# festival greetings are §7.4's customer care (客户关怀):

# %%
i18n.show(cg.service_table())

# %% [markdown]
# §7.3.4 lists seven ways to keep customers. What this suite's data can say about each:
#
# | tactic (§7.3.4) | what the data can show | where |
# |---|---|---|
# | attractive packaging with a gift (美好包装，附赠好礼) | nothing directly: a test (gift for a random half) would | — |
# | offers (运用优惠策略) | whom a coupon moves, and whom it only discounts | this notebook, §3–4 |
# | frequent new products (保持商品更新频率) | which customers to preview them to | notebook 03 (tags) |
# | a customer community (建立客户社群) | why group members' higher buying is not proof of the group's effect | this notebook, §5 |
# | a better shopping experience (提升购物体验) | response times, problems solved, complaints | this notebook, §6; notebook 05 |
# | replying to reviews (积极回应客户评价) | who posts reviews, with photos | notebook 01 (archive) |
# | personalised service (提供个性化服务) | grades, tags and their services | this notebook, §1; notebook 03 |

# %% [markdown]
# ## 2. Smart outreach (智能触达)
#
# The shop plans a campaign: an SMS with a **20-yuan coupon**, valid for 30 days, to every
# buyer who is not mature (the mature already get the richer service above). Before sending,
# the crowd becomes an **audience**: customers without marketing consent (营销授权) may not be
# messaged, and anyone who got a marketing message in the last 7 days is left out, so that the
# shop does not pester people (a frequency cap). In the seller back end these are the steps
# 客户运营平台 → 运营计划 → 智能触达 → 短信触达 → 立即创建, where the system recommends a crowd
# (here our grade rule chooses it) and you set the send time (below). The shop's message log of
# the last two weeks comes from the simulator. Nobody disappears silently: every exclusion is counted.

# %%
crowd = grades.index[grades.isin(["ordinary", "growing", "churned"])]
contacts = previous_contacts(archive.index, AS_OF, share=0.15, days=14, random_state=0)
audience = out.audience(crowd, store.customers, contacts, AS_OF, out.OutreachRule(cap_days=7))
print(i18n.t("text.audience", crowd=audience.crowd, kept=len(audience.ids)))
i18n.show(audience.excluded.rename_axis("exclusion").to_frame())

# %% [markdown]
# **Why a cap?** Customers who get messages too often opt out of marketing for good (trade
# reports say so; the simulator assumes 0.5% of customers opt out after a message, and 4% of
# those messaged within the last week). The expected opt-outs with and without the cap:

# %%
no_cap = out.audience(crowd, store.customers, contacts, AS_OF, out.OutreachRule(cap_days=0))
print(
    i18n.t(
        "text.opt_outs",
        with_cap=true_opt_out(audience.ids, contacts, AS_OF).sum(),
        extra=len(no_cap.ids) - len(audience.ids),
        without_cap=true_opt_out(no_cap.ids, contacts, AS_OF).sum(),
    )
)

# %% [markdown]
# **When to send?** The hour when this audience pays for its orders, from their purchase
# history; the message goes out an hour before the peak, hoping to meet people as they start
# shopping (an assumption: the send time itself could be A/B tested):

# %%
hours = out.purchase_hours(store.orders, audience.ids)
send_at = out.best_send_hour(hours)
fig, ax = plt.subplots(figsize=(8, 3))
ax.bar(hours.index, hours.to_numpy(), color="tab:blue")
ax.axvline(send_at, color="tab:red", ls="--")
ax.set(xlabel=i18n.t("column.hour"), ylabel=i18n.t("fig.share_of_purchases"))
ax.set_title(i18n.t("fig.send_hour_title", hour=send_at))
plt.show()

# %% [markdown]
# ## 3. Does the coupon work? An A/B test
#
# Sending the coupon to everyone and counting buyers says nothing about the coupon: many of
# them would have bought anyway. The reliable way is an **A/B test**: pick at random half of
# the audience to receive the SMS (treatment, A) and keep the other half as the control group
# (B). Because chance alone decides who is in which group, the groups are alike in everything
# else, and the difference in the share who buy within 30 days is the coupon's effect, its
# **uplift**.
#
# ### Going deeper (optional): how many customers?
#
# > Optional: how many customers each group of an A/B test needs, from the significance level and the power. Skipping it does not affect the core path.
#
# Without the coupon, about 8% of this audience buy within 30 days (a
# shop would take this from last month). To detect an uplift of **2 percentage points** (the
# **minimum detectable effect**) with the usual 5% significance level and 80% **power** (the
# chance that the test finds an effect of that size), each group needs:

# %%
base_rate = 0.08
n_needed = ex.sample_size(base_rate, 0.02, alpha=0.05, power=0.8)
print(i18n.t("text.sample_size", n=n_needed, total=2 * n_needed, audience=len(audience.ids)))

# %% [markdown]
# ### The split and the result
#
# The audience is large enough: we test on all of it, half and half, with a fixed random seed
# so that the split can be checked and repeated. The simulator then plays out the 30 days.

# %%
group = ex.assign(audience.ids, treatment_share=0.5, random_state=8)
campaign = Campaign(coupon=20, days=30)
bought = run_campaign(store.truth, group, campaign, random_state=8)
result = ex.read(bought, group)
print(i18n.t("text.ab_result", result=result))
truth = true_rates(store.truth, campaign).loc[audience.ids]
print(i18n.t("text.ab_truth", uplift=100 * truth["true_uplift"].mean()))

# %% [markdown]
# The coupon raised the 30-day purchase rate by about 1.6 percentage points. The 95% confidence
# interval (+0.3 to +2.9; as in notebook 02, the true uplift lies roughly between the two
# numbers) excludes zero, so the gap is hard to explain by chance. Here we can check:
# the simulator knows every customer's true
# chance with and without the coupon, and the true average uplift, 2.6 points, is inside. A real
# shop never sees that last line; it has only the interval.
#
# ### Going deeper (optional): the interval and the p-value
#
# > Optional: what the test's p-value means, and the stricter meaning of its 95% interval. Skipping it does not affect the core path.
#
# p = 0.012: if the coupon did nothing, luck alone would produce a gap at least this large about
# once in a hundred tests (see notebook 02). Repeated a hundred times, such a test would give an
# interval containing the true effect about 95 times.
#
# ### Was it worth it?
#
# Every buyer in the treatment group uses the coupon, including those who
# would have bought without it (about 7.7% of the group, as the control group shows), while
# only the uplift brings *extra* buyers. The working, for the whole audience of 7,440: extra
# buyers = 7,440 × (9.3% − 7.7%) ≈ 120, each worth the mean order value (201 yuan) at a 40%
# margin; coupons = 7,440 × 9.3% × 20 yuan; SMS = 7,440 × 0.05 yuan. Beside the measured
# figures, the simulator's true ones:

# %%
order_value = archive["spend"].sum() / archive["orders"].sum()  # the mean order value
value_all = out.campaign_value(len(audience.ids), result.rate_b, result.rate_a, order_value)
value_true = out.value_from_rates(truth, len(audience.ids), order_value)
break_even = out.break_even_uplift(result.rate_b, order_value)
print(i18n.t("text.break_even", order_value=order_value, uplift=100 * break_even))
with pd.option_context("display.float_format", "{:,.0f}".format):  # yuan and counts
    display(
        i18n.show(pd.DataFrame({"measured": value_all, "true": value_true}).rename_axis("item"))
    )

# %% [markdown]
# Measured, sending to everyone loses about 4,500 yuan: the coupons given to people who would
# have bought anyway cost more than the extra buyers bring. The output's first line gives the
# break-even uplift (2.6 points): the uplift at which the extra margin just pays for the coupons
# and the SMS. It lies inside the test's interval (+0.3 to +2.9 points), so the test cannot tell
# whether the campaign truly loses money; the simulator's truth is in fact close to break-even.
#
# ## 4. Whom to send it to: by grade
#
# The effect differs between customers; the same test read per grade:

# %%
grade_of = grades.loc[audience.ids].astype(str)
by_grade = ex.uplift_by_segment(bought, group, grade_of)
by_grade = by_grade.reindex(["growing", "ordinary", "churned"]).rename_axis("grade")
i18n.show(by_grade)

# %%
fig, ax = plt.subplots(figsize=(6, 3))
points = 100 * by_grade[["uplift", "ci_low", "ci_high"]]
ax.errorbar(
    points["uplift"],
    i18n.names(by_grade.index, "grade"),
    xerr=[points["uplift"] - points["ci_low"], points["ci_high"] - points["uplift"]],
    fmt="o",
    capsize=4,
)
ax.axvline(0, color="grey", lw=1)
ax.set(xlabel=i18n.t("fig.uplift_axis"), title=i18n.t("fig.uplift_by_grade_title"))
plt.show()

# %% [markdown]
# Churned customers respond most (about 3 points, the interval clear of 0) and buy least on
# their own (about 1%), so few of their coupons go to people who would have bought anyway.
# Growing customers already buy often (about 19% in 30 days); their measured uplift is near 0,
# but the interval (−5.5 to +4.3 points) is too wide to say whether the coupon moves them. Almost
# certainly, though, most of their coupons go to orders placed anyway: of 100 growing customers
# about 19 buy without a coupon; even if the coupon brought 4.3 more (the interval's top), 19
# of the about 23 who use a coupon would have bought anyway, so at least three quarters of the
# coupons go to orders placed anyway. Ordinary
# customers' uplift is about 1.4 points, an interval that includes 0. What each choice would
# have brought, measured and (last column) in the simulator's truth:

# %%
sizes = grade_of.value_counts()
targets = {
    "everyone": list(by_grade.index),
    "churned_only": ["churned"],
    "churned_and_ordinary": ["churned", "ordinary"],
}
plans = {}
for name, chosen in targets.items():
    plan = out.value_of_targeting(by_grade, sizes, chosen, order_value)
    picked = truth.loc[grade_of.isin(chosen)]
    plan["true_net"] = out.value_from_rates(picked, len(picked), order_value)["net"]
    plans[name] = plan
with pd.option_context("display.float_format", "{:,.0f}".format):
    display(i18n.show(pd.DataFrame(plans).T.rename_axis("target")))

# %% [markdown]
# Sent only to churned customers, the same coupon earns about 3,700 yuan (the truth: about
# 3,200); sent to everyone it loses. That is the point of §7.3's differentiated service: the
# same offer is a win-back tool for one grade and a giveaway for another. One caution: "churned
# only" was chosen *after* looking at this test, and its value is measured on the same data,
# which flatters it; a shop would confirm the choice with a new test. Adding the ordinary
# customers turns the measured +3,700 into about −200, yet in truth it still earns about 2,900:
# the ordinary customers' uplift sits near their break-even (about 2.8 points, worked out as
# section 3's 2.6, but 8.2% of ordinary customers buy without a coupon, so more coupons are given
# away), inside their wide interval. A test of this size can pick out the churned customers, not judge the
# ordinary ones.

# %% [markdown]
# ### Going deeper (optional): an uplift model
#
# > Optional: an uplift model that predicts the coupon's effect on each customer, and a check of its ranking. Skipping it does not affect the core path.
#
# Grades are a coarse split. An **uplift model** predicts the coupon's effect for each
# customer from what the archive knows about them. The **two-model** approach learns, from the
# treated customers' archive, which of them bought, and separately from the controls; the
# difference between the two predictions for the same customer is the coupon's predicted effect
# on them. The features are orders, 12-month spend, days since the last purchase, share of
# orders with a promotion, order value, channel family and 88VIP. The models learn from a
# random half of the test and are checked on the other half, which they have not seen.
#
# The check is the **Qini curve**: rank the customers of the check half, target the top share,
# and count the extra buyers the campaign brought there (treated buyers minus control buyers,
# scaled to the same size). The grey line is a random order; a good ranking bows above it. Two
# rankings a shop might use without a test are drawn too: most recent buyers first (RFM's R)
# and biggest spenders first (RFM's M). The **Qini coefficient** sums a curve up: above 0 the
# ranking beats random, and higher is better.

# %%
features = ["orders", "spend_12m", "days_since_last", "promo_share", "aov"]
kinds = ["channel_family", "vip88"]
x = archive.loc[audience.ids, features + kinds].astype({"channel_family": str, "vip88": str})
x = x.fillna(0)  # aov of a customer without purchases in the archive is missing
treated = group == "treatment"
fit_half = ex.assign(audience.ids, 0.5, random_state=1) == "treatment"  # which half fits
model = up.TwoModelUplift(up.default_model(features, kinds), random_state=0)
model.fit(x[fit_half], treated[fit_half], bought[fit_half])
check_half = ~fit_half
rankings = {
    "uplift_model": model.predict(x[check_half]),
    "recent_first": -x.loc[check_half, "days_since_last"],
    "spend_first": x.loc[check_half, "spend_12m"],
}
curves = {
    name: up.qini_curve(score, treated[check_half], bought[check_half])
    for name, score in rankings.items()
}
fig, ax = plt.subplots(figsize=(7, 4))
for name, curve in curves.items():
    ax.plot(curve.index, curve["qini"], marker=".", label=i18n.t(f"ranking.{name}"))
ax.plot(curve.index, curve["random"], ls="--", color="grey", label=i18n.t("ranking.random"))
ax.set(xlabel=i18n.t("fig.share_targeted"), ylabel=i18n.t("fig.extra_buyers"))
ax.set_title(i18n.t("fig.qini_title"))
ax.legend()
plt.show()
coefficients = pd.Series({name: up.qini_coefficient(c) for name, c in curves.items()})
i18n.show(coefficients.rename_axis("ranking").rename("qini_coefficient").to_frame())

# %% [markdown]
# The uplift model's curve is slightly above the random line over most of the range; its first
# 30% are no better than random, so its ranking is rough at the top. At the middle of the curve
# each group has about 900 customers, and the extra-buyer count there moves by about ±12 by
# chance alone (one standard error; a 95% range is twice that): the model's lead over the random
# line, up to about 24 buyers, is within that range. The two RFM rankings stay
# *below* the random line almost everywhere: recent buyers and big spenders buy anyway, so a
# coupon sent to them first is mostly wasted.
#
# What sending to the top 30% by each ranking would be worth, with the rates the check half
# measured there, scaled to the audience, next to a random 30% and to everyone; the last column
# is the simulator's truth for the same customers:

# %%
rng = np.random.default_rng(0)
rankings["random"] = pd.Series(rng.random(int(check_half.sum())), index=x.index[check_half])
recipients = round(0.3 * len(audience.ids))
plans = {}
for name, score in rankings.items():
    plan = up.top_share_value(
        score, treated[check_half], bought[check_half], 0.3, recipients, order_value
    )
    picked = truth.loc[up.top_share(score, 0.3)]
    plan["true_net"] = out.value_from_rates(picked, recipients, order_value)["net"]
    plans[name] = plan
plans["everyone"] = pd.concat([value_all, pd.Series({"true_net": value_true["net"]})])
with pd.option_context("display.float_format", "{:,.0f}".format):
    display(i18n.show(pd.DataFrame(plans).T.rename_axis("ranking")))

# %% [markdown]
# A 30% plan changes both what is spent and what is won, so the fair comparison is with a random
# 30% (itself one random draw, as noisy as the others). By the measured rates the model's 30% does no better than the random one
# (about −1,900 against −900 yuan); with about 560 customers per group in each row, gaps like
# these are chance, and so are the negative extra-buyer counts of the RFM rows. The
# simulator's truth for the same customers is clearer: the model's choice earns about 1,100 yuan,
# the random one is about break-even, and the RFM choices lose about 3,700 to 4,200. Learning
# from half a test of 7,440 customers, the model ranks roughly (the archive does not see price
# sensitivity, only traces of it such as coupon use and channel), and here it does not beat the
# churned-only rule of section 4 (truth: about +3,200).

# %% [markdown]
# ## 5. Customer groups (§7.5): what does the group add?
#
# §7.3 lists a customer community (建立客户社群) among the ways to keep customers, and §7.5
# shows the platforms. In our shop 13% of the early buyers are in the shop's customer group
# (`community_member`), and notebook 05's (optional) repurchase model gave group membership its
# largest coefficient. Do these **group members** (群成员, customers who joined the group) buy
# again *because* of the group? Take the buyers whose first purchase came before July 2024, their
# behaviour up to the end of 2024, and whether they bought in 2025. Three answers:
#
# 1. **naive**: group members' share buying again in 2025 minus that of the others;
# 2. **adjusted**: customers not in the group reweighted to look like the group members
#    *before* (orders, spend, coupon use and first order in 2024, and acquisition channel), so
#    that this behaviour cannot explain the gap;
# 3. **the truth**: the simulator gives the group *no* effect on buying at all; group members
#    are drawn among loyal customers, who join groups.

# %%
history = cm.before_and_after(store.orders, "2025-01-01", "2024-07-01")
member = archive.loc[history.index, "community_member"]
naive = cm.naive_gap(history["bought_after"], member)
print(i18n.t("text.community_naive", result=naive))
before = history[cm.BEFORE].assign(
    channel_family=archive.loc[history.index, "channel_family"].astype(str)
)
adjusted = cm.weighted_gap(
    history["bought_after"], member, before, cm.BEFORE, ["channel_family"], reps=200, random_state=0
)
print(
    i18n.t(
        "text.community_weighted",
        members=adjusted.members,
        others=adjusted.weighted_others,
        gap=100 * adjusted.gap,
        low=100 * adjusted.ci_low,
        high=100 * adjusted.ci_high,
    )
)
weights = cm.membership_weights(member, before, cm.BEFORE, ["channel_family"])
i18n.show(cm.balance(member, before, cm.BEFORE, weights).round(2))

# %% [markdown]
# The naive gap, about 19 points (56.8% of group members bought again in 2025, 38.2% of the
# others), shrinks to about 12 once group members are compared with customers outside the group
# who behaved like them in 2024. But the truth is 0: what remains is the
# customers' hidden loyalty, which no column of the archive records. Adjusting for what was
# measured cannot remove what was not. To know what a group adds, the shop would have to
# *test* it: invite a random half of the customers and compare, as in section 3. The output's
# last table is for the optional part below; the core path needs only the conclusion above.
#
# ### Going deeper (optional): how the adjusted comparison works
#
# > Optional: how the customers outside the group are weighted, how the output's last table checks the two groups are alike, and where the interval comes from. Skipping it does not affect the core path.
#
# Customers outside the group who behaved more like the group members in 2024 get a larger
# weight. The output's last table checks that the weighted groups are alike. Its
# standardised differences (difference of the means over the standard deviation; below 0.1 in
# size usually counts as alike) are mostly near 0 after weighting; the largest, 2024 orders at
# -0.14, is a little over the usual 0.1 bar. The interval of the adjusted gap comes from 200
# resamples of the customers (a bootstrap), reweighting each time.
#
# ### Using the groups
#
# That does not make groups useless: they are where loyal customers are easy to reach, so what
# to post there can follow from the tags and the test above (new products for growing
# customers, member events, answers to common questions; coupons only where the uplift is).
# The textbook's platforms:

# %%
i18n.show(cm.platform_table())

# %% [markdown]
# 千牛群 is the one tied to the shop's customer system (tags sync, orders at hand); the others
# reach people where they already are and need to be kept by hand.

# %% [markdown]
# ## 6. Service quality (§7.1.2 ③)
#
# §7.1 counts service quality (fast response, problems solved) among the basics of keeping
# customers. The `service` table records every contact with the time to the first reply and
# whether it was solved at that contact. The figures a service team reports:

# %%
kpis = sq.service_kpis(store.service)
i18n.show(kpis.round(3).astype({"median_response_seconds": "int64"}))

# %% [markdown]
# Pre-sale inquiries (询单) are answered in about half a minute and nearly all are solved;
# complaints take longer and one in five stays unsolved. Does a faster first reply turn an
# inquiry into a purchase more often? Share of pre-sale contacts followed by a purchase within
# 30 days, by first-response time, with 95% intervals:

# %%
outcomes = sq.contact_outcomes(store.service, store.orders, window_days=30)
by_band = sq.rate_by(outcomes[outcomes["kind"] == "pre_sale"], "response_band")
fig, ax = plt.subplots(figsize=(7, 3))
percent = 100 * by_band[["rate", "low", "high"]]
ax.errorbar(
    i18n.names(by_band.index, "response_band"),
    percent["rate"],
    yerr=[percent["rate"] - percent["low"], percent["high"] - percent["rate"]],
    fmt="o",
    capsize=4,
)
ax.set(xlabel=i18n.t("column.response_band"), ylabel=i18n.t("fig.bought_within_30_days"))
ax.set_title(i18n.t("fig.response_time_title"))
plt.show()
i18n.show(by_band.round(3))

# %% [markdown]
# The line is flat: customers answered within 30 seconds bought as often as those who waited
# minutes (the intervals of the slow bands are wide because few waited that long). In this
# simulated shop that is the truth: response times were drawn at random, unrelated to the
# customers. A real shop's data could show a slope, and a slope would still not prove that
# speed causes sales (replies are slower on festival days, when people buy differently); a
# staffing test (faster replies on random days) would. Complaints, solved or not, and a
# purchase within 30 days:

# %%
complaints = outcomes[outcomes["kind"] == "complaint"]
i18n.show(sq.rate_by(complaints, "resolved").round(3))
print(
    i18n.t(
        "text.resolved_gap",
        result=compare_groups(complaints["bought_after"], complaints["resolved"]),
    )
)

# %% [markdown]
# Customers whose complaint was solved bought a little more often (17% against 15%), but the
# difference, +2.4 points, has a 95% interval from about −3.5 to +8.2: with 187 unsolved
# complaints the data cannot tell. In this simulated shop complaints come more often from
# dissatisfied customers (that is how the simulator draws them), and whether one was solved was
# drawn at random, so here it cannot change buying. Solving complaints is still part of
# §7.3.4's better shopping experience.
#
# ## Discussion
#
# 1. The textbook's grading also counts value the data misses (a customer's influence, their
#    reviews, what they tell friends). Which customers of your own experience would the rule
#    grade too low, and how would a service agent record it?
# 2. Which CRM strategies of §7.1 does this notebook carry out (the textbook's discussion 7.1
#    (2)), and which need people?
# 3. How can service staff keep customers (the textbook's discussion 7.3 (2))? Use the grades and the test: whom would you
#    call, whom would you send a coupon, and whom would you leave alone?
#
# ## Summary
#
# * Grades (mature, growing, ordinary, churned) come from a rule written as data; the mix
#   moves as the shop ages, and each grade gets its own service.
# * An audience is a crowd minus those without consent and those messaged recently, with every
#   exclusion counted; send when the audience shops.
# * Only an A/B test measures a campaign's effect: randomise, read the difference with its
#   interval, and count the coupons given to people who would have bought anyway.
# * Target where the uplift is, not where the buyers are: by grade, the churned customers were
#   the ones worth a coupon here.
# * (Optional) An uplift model fitted on the test
#   and checked on customers it has not seen (a Qini curve) beat the RFM rankings here (in the
#   simulator's truth), though the simple churned-only rule did better.
# * Group members (群成员) buy more, but loyal customers are the ones who join: adjusting for earlier
#   behaviour removes part of the gap, only a test would show what the group itself adds.
# * Service quality is measured per contact; a flat line (or a slope) between reply speed and
#   buying is a description, and only a test tells cause.
#
# **Exercises:** `exercises/en/08_keeping_customers_exercises.ipynb`.
