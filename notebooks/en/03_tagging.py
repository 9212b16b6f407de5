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
# # 03 · Tagging customers: rules, staff notes, platform tags, crowds and clusters
#
# **Textbook:** §7.2.2 Tagging in Qianniu (千牛打标签), §7.2.3 Official platform tags
# (官方客户标签), and Qianniu's customer operations platform (客户运营平台, §7.2.4).
#
# While chatting, service staff add a note or tag (备注) to a buyer. Tags turn scattered facts
# ("asked for the navy colour", "complained about delivery") into structured, reusable data: a
# crowd that can be selected, counted, and sent a message. This notebook builds a small tag
# engine and compares hand-written rule tags with clusters found by k-means.
#
# **After this notebook you can**
#
# 1. write tags as readable rules, add staff tags, and build a tidy customer × tag table;
# 2. select a crowd with AND / OR / NOT;
# 3. derive the platform's buyer credit level (心/钻/冠) and read the 88VIP tag;
# 4. build Qianniu's customer lists (成交/未成交/询单) and crowds (兴趣/新客户/复购人群);
# 5. (optional) cluster customers on RFM with k-means, argue the choice of k, and compare
#    clusters with rule tags.
#
# **Optional part:** "Going deeper (optional): k-means clustering on RFM", after section 4, can be
# skipped; sections 1-4 and the closing discussion and summary are core.

# %%
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from crmlib import clusters, i18n, rfm, tags
from crmlib.archive import build_archive
from crmlib.datasets import load_store

pd.set_option("display.float_format", "{:,.2f}".format)
sns.set_theme(style="whitegrid")
i18n.set_language("en")
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 1. Rule tags
#
# A tag is a name, a rule and a description. The rule is a pandas query over the customer
# archive's columns (notebook 01), so anyone can read it and check it; the table writes it in
# words ("orders ≥ 2" is `orders >= 2` in code). The suite ships a few default tags:

# %%
i18n.show(tags.describe_tags(tags.DEFAULT_TAGS), kinds={"rule": "tag_rule"})

# %% [markdown]
# Staff add tags by hand while serving customers (Qianniu 备注). Here are three, as a service
# agent might type them; `tag_table` checks that the customers exist and the names are valid,
# then joins them with the rule tags into one tidy table: one row per (customer, tag).

# %%
staff_tags = pd.DataFrame(
    {
        "customer_id": [2, 15, 15],
        "tag": ["wants_navy", "gift_buyer", "prefers_phone"],
        "note": ["问藏青色托特包何时补货", "给妈妈买", "请打电话，不要发消息"],
    }
)
tag_table = tags.tag_table(archive, tags.DEFAULT_TAGS, manual=staff_tags)
i18n.show(tag_table[tag_table["customer_id"] == 15], kinds={"source": "tag_source"})

# %%
i18n.show(
    tag_table.groupby(["tag", "source"])
    .size()
    .rename("customers")
    .reset_index()
    .sort_values("customers", ascending=False),
    kinds={"source": "tag_source"},
)

# %% [markdown]
# ## 2. Selecting a crowd
#
# `select` takes an expression with AND, OR, NOT and parentheses. Who should see a
# new-collection preview? Repeat buyers who are not at risk of churning. And who gets a care
# call? Complainers who spent a lot or hold 88VIP (an 88VIP holder is worth keeping even after
# one small order).

# %%
preview = tags.select(tag_table, "repeat_buyer AND NOT churn_risk", universe=archive.index)
care = tags.select(tag_table, "complainer AND (big_spender OR vip88)", universe=archive.index)
print(i18n.t("text.preview_and_care", preview=len(preview), care=len(care)))
i18n.show(
    archive.loc[care[:5], ["nickname", "phone", "orders", "spend_12m", "vip88", "complaints"]]
)

# %% [markdown]
# The shown nicknames and phones are masked (脱敏): exports and screens never need the full
# number, and the textbook asks to desensitise personal data.
#
# ## 3. Official platform tags (§7.2.3)
#
# The platform shows each buyer's **credit level** from their credit points: hearts (心),
# then diamonds (钻), crowns (冠) and gold crowns (金冠), five of each. In the bands below,
# "symbol" is the kind of icon and "symbols shown" how many (3 diamonds = 3钻):

# %%
bands = pd.DataFrame(tags.CREDIT_LEVELS, columns=["from_points", "symbol", "symbols"])
bands["label"] = tags.credit_level(bands["from_points"])["label"]
i18n.show(bands)

# %%
levels = tags.credit_level(archive["credit_points"]).set_index(archive.index)
order = [f"{k}{s}" for s in ("心", "钻", "冠") for k in range(1, 6)]
level_counts = levels["label"].value_counts().reindex(["无", *order], fill_value=0)
i18n.show(
    pd.DataFrame(
        {
            "customers": level_counts,
            "share_88vip": archive.groupby(levels["label"])["vip88"]
            .mean()
            .reindex(level_counts.index)
            .round(2),
        }
    )
)

# %% [markdown]
# The **88VIP share** rises with the credit level: about 5% of customers up to 2 diamonds, about
# 20% from 3 diamonds up, as the platform's premium membership (5% off and coupons) goes to
# frequent, high-spending shoppers (§7.2.3). Most 88VIP holders are still at the lower levels,
# simply because most buyers
# are. `无` means no level yet (fewer than 4 credit points); groups of a few customers (`无`,
# the crowns) are too small to read much into.
#
# ## 4. Qianniu's lists and crowds
#
# Qianniu's customer operations platform lists customers as **bought** (成交), **not bought**
# (未成交) and **inquired** (询单), and builds crowds automatically: **interest** (兴趣人群:
# carted or inquired in the last 30 days without buying since), **new customers** (新客户:
# first purchase in the last 90 days) and **repurchase** (复购人群: two or more purchases).

# %%
lists = tags.qianniu_lists(archive)
i18n.show(
    pd.crosstab(
        lists["inquired"].map({True: "inquired", False: "not_inquired"}).rename("did_inquire"),
        lists["bought"].map({True: "bought", False: "not_bought"}).rename("did_buy"),
    ),
    kinds={"did_inquire": "qianniu", "did_buy": "qianniu"},
)

# %%
crowd_sizes = tags.crowds(archive, store.visits, as_of=AS_OF, interest_days=30, new_days=90).sum()
i18n.show(crowd_sizes.rename_axis("crowd").rename("customers").to_frame())

# %% [markdown]
# Inquired-but-not-bought customers talked to the shop and still left: the textbook's
# follow-up target, and the interest crowd is the place for a targeted coupon. The lists count
# all history, the interest crowd only the last 30 days, so the crowd is much smaller.
#
# ## Going deeper (optional): k-means clustering on RFM
#
# > Optional: letting the data propose groups with k-means, choosing k, and comparing the clusters with the R × F segments. Skipping it does not affect the core path.
#
# Rules encode what we already believe. Clustering lets the data propose groups.
# **k-means** (K均值聚类) splits customers into k groups so that each customer is close to the
# centre of its group: it starts from k guessed centres, assigns every customer to the nearest,
# moves each centre to the mean of its customers, and repeats until nothing changes.
#
# "Close" needs comparable scales, so we first take logs (spend and frequency are very skewed)
# and **standardise** each feature (subtract its mean, divide by its standard deviation), so
# that yuan do not outweigh days. Two guides for k: the **elbow** of the **inertia** curve
# (inertia is the total squared distance of customers to their centres; it always falls as k
# grows, and the "elbow" is where it stops falling much) and the **silhouette** score (how much
# closer customers are to their own cluster than to the next one; from -1 to 1, higher is
# better).

# %%
table = rfm.rfm_table(archive)
scores = clusters.choose_k(table, ks=range(2, 9), random_state=0)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
scores["inertia"].plot(ax=axes[0], marker="o", title=i18n.t("fig.elbow_title"))
scores["silhouette"].plot(ax=axes[1], marker="o", title=i18n.t("fig.silhouette_title"))
for ax in axes:
    ax.set_xlabel(i18n.t("fig.k_clusters"))
plt.tight_layout()
plt.show()
i18n.show(
    scores.assign(
        inertia=scores["inertia"].round().astype(int),
        silhouette=scores["silhouette"].map("{:.3f}".format),
    )
)

# %% [markdown]
# The silhouette is highest at k = 2, a coarse split (with k = 2 the clusters are, roughly,
# buyers with one or two orders versus regular repeat buyers: a split we already know), and the elbow bends around k = 4. We take **k = 4**: still well separated (silhouette about
# 0.34), and each cluster can be named and acted on. The table gives each cluster's *medians*;
# its name comes from comparing them with the medians of all buyers (187 days, 2 orders, 274 yuan),
# so "higher spend" here is relative, not the 1,000-yuan tag `big_spender`. A name describes
# the middle of a cluster, not every member: "mostly one order" clusters also hold some
# customers with two or three orders.

# %%
model = clusters.RFMClusters(k=4, random_state=0).fit(table)
i18n.show(model.profile_, kinds={"name": "cluster_name"})

# %% [markdown]
# How do the clusters line up with the R × F rule segments of notebook 01?

# %%
names = model.predict_names(table)
segments_rf = rfm.rf_segments(rfm.rfm_scores(table))
cross = pd.crosstab(segments_rf, names)
fig, ax = plt.subplots(figsize=(8, 5))
sns.heatmap(
    i18n.show(cross.div(cross.sum(axis=1), axis=0)),
    annot=True,
    fmt=".0%",
    cmap="Greens",
    cbar=False,
    ax=ax,
)
ax.set(
    title=i18n.t("fig.rf_vs_clusters_title"),
    xlabel=i18n.t("fig.kmeans_cluster"),
    ylabel=i18n.t("column.rf_segment"),
)
plt.show()

# %% [markdown]
# Each row of the heat map adds up to 100%: where that R × F segment's buyers went among the
# clusters. Clusters and rules agree at the extremes: most champions are in "recent, repeat, higher
# spend", and about nine in ten hibernating and about-to-sleep buyers are in "lapsed, mostly
# one order, lower spend". They disagree in the middle: the grid's "loyal" segment (R = 3-4) splits between
# the recent and the lapsed repeat clusters, because the clusters draw the recency line near
# the median while the grid uses quintiles. Neither is wrong: a rule's threshold is chosen by
# people in advance, a cluster's boundary is drawn by the data and moves when the data or k
# changes; they answer different questions.
#
# ## Discussion
#
# 1. Propose three tags for this shop: the rule, and the action each triggers (a birthday
#    coupon, a care call, a new-collection preview…).
# 2. (Optional) Rule tags or clusters: what does each give the shop, and what does each miss?
# 3. Which platform tags (credit level, 88VIP) would change how service staff talk to a buyer?
#
# ## Summary
#
# * Tags are named, readable rules plus staff notes, kept in one tidy customer × tag table.
# * Crowds come from tag expressions with AND / OR / NOT.
# * Platform credit levels follow published point bands; 88VIP marks heavy shoppers.
# * (Optional) k-means on scaled RFM proposes groups; choose k with the elbow and silhouette *and* with
#   whether the groups can be named and acted on.
#
# **Exercises:** `exercises/en/03_tagging_exercises.ipynb`. **Next:** `04_tier_design`.
