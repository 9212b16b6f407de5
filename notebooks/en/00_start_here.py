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
# # 00 · Start here: customer relationship management for an online store
#
# **Textbook:** chapter 7, "Customer relationship management" (客户关系管理), §7.1–§7.5;
# §7.5's interaction platforms are in notebook 08 and appear in the data as the
# customer-group (community) flag.
#
# This suite turns chapter 7 into things you can compute. The numbered notebooks (01, 02, …;
# not to be confused with the textbook's chapter 7) mostly take one section of the chapter each
# (06 follows the trade articles, 07 spans the chapter; see the map below). Each explains the
# idea in a few sentences, computes it on the data of one believable online shop, plots what is
# easier to see than to read, and ends with discussion questions and exercises.
#
# **Who it is for**
#
# * **Students** of the chapter: run the notebooks in order, move the sliders, do the exercises.
# * **Analysts** prototyping CRM policy for a real shop: every computation lives in the
#   `crmlib` package, so the same functions run on your own order exports.
#
# **After this notebook you can**
#
# 1. find your way around the suite and say which notebook covers which textbook section;
# 2. load the shop's tables and say what each one holds;
# 3. explain why refunded and unpaid orders must be handled on purpose, not by accident.

# %% [markdown]
# ## How to run the suite
#
# From the folder you cloned, one command sets everything up and opens JupyterLab:
#
# ```bash
# python3 tasks.py lab                 # add --no-browser --port 8899 on a headless machine
# ```
#
# It creates a private environment (`.venv`) from the pinned package list
# (`requirements.lock`), installs `crmlib`, and registers the Jupyter kernel
# **Python 3 (crm-notebooks)**. Pick that kernel if JupyterLab asks. Run every notebook top to
# bottom (menu *Run → Run All Cells*); the outputs you see on the web were made exactly that way.
#
# ## The notebook map
#
# | notebook | topic | textbook section |
# |---|---|---|
# | `00_start_here` | this tour: the suite and the shop's data | — |
# | `00_python_primer` | Python and pandas as the exercises use them | — |
# | `01_crm_basics` | customer archive (客户档案), KPIs, value and behaviour segments, RFM | §7.1 |
# | `02_customer_sources` | acquisition channels: conversion, CAC, retention (客户来源分析) | §7.2.1 |
# | `03_tagging` | tags (打标签), platform tags (心/钻/冠, 88VIP), Qianniu crowds | §7.2.2–7.2.4 |
# | `04_tier_design` | membership tiers, growth value (成长值), the tier explorer | §7.2.4 |
# | `05_satisfaction_loyalty` | satisfaction (满意度) versus loyalty (忠诚度) | §7.4 |
# | `06_clv` | customer lifetime value (CLV): what each customer is expected to bring in future margin, and so whom to win back and what a customer may cost to win | trade articles (CLV) |
# | `07_your_own_data` | importing a real shop's order exports (the whole notebook is optional) | all of chapter 7 (above all §7.1's customer information) |
# | `08_keeping_customers` | keeping customers: customer grades, smart outreach, coupon A/B tests, customer groups, service quality | §7.3, §7.5 |
#
# Notebooks 01–06 and 08 each have exercises in `exercises/en/` (中文版: `exercises/zh/`); 07 is a walkthrough for your own data,
# and optional as a whole for this course.
#
# Sections marked "Going deeper (optional)" cover statistical models and technical details; you
# can skip them and still follow each notebook's core path.
#
# ## How the exercises work
#
# Never written code? After this notebook, do `00_python_primer` (about 45 minutes), then
# notebook 01: the primer teaches every Python and pandas operation the exercises use.
#
# Notebooks 01–06 and 08 each have an exercise notebook in `exercises/en/` (中文版: `exercises/zh/`) with
# tasks and blanks; your teacher has the solutions. A task ends in a one-line check such as
# `check.q1(answer)` that tells you whether your answer is right, or what is wrong and a hint,
# without giving the answer away. Some tasks are open discussion questions from the textbook: no
# machine grades them. The check shows the points a good answer covers; your teacher reads your
# answer in the notebook you hand in. To grade, your teacher runs your notebook again on another
# shop of the same kind, so let code compute your answers from the data.

# %% [markdown]
# ## The shop
#
# Every notebook analyses the same shop: a Taobao/Tmall-style store selling women's bags and
# accessories, with two years of trading (2024 and 2025). It is **synthetic**: a seeded
# simulator in `crmlib.datasets` produced it, so no real person is in it, and the hidden
# rules behind it are known. That lets later notebooks check whether an analysis finds the
# truth. Personal fields (nickname, phone) are stored masked (脱敏) already.
#
# `load_store()` reads all tables at once; `load_store("orders")` reads one.

# %%
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from crmlib import i18n
from crmlib.datasets import channel_table, describe_store, load_store

pd.set_option("display.precision", 2)
pd.set_option("display.float_format", "{:,.2f}".format)
sns.set_theme(style="whitegrid")
i18n.set_language("en")
store = load_store()
i18n.show(describe_store(store))

# %% [markdown]
# The **customers** table is the start of a customer archive (客户档案, §7.1): who the customer
# is, when they signed up, which channel brought them, and the platform's tags about them
# (credit points behind the hearts/diamonds/crowns level, the 88VIP flag). Some customers never
# bought anything: they asked a question or left something in the cart (询单 / 未成交 customers).

# %%
i18n.show(store.customers.head())

# %% [markdown]
# The **orders** table has one row per order. Note the three statuses: `completed` orders were
# kept; `refunded` orders were paid and then returned, with the money given back; `closed`
# orders were placed but never paid (交易关闭), so they have no paid time.

# %%
i18n.show(store.orders.head())

# %%
status = store.orders.groupby("status", observed=True).agg(
    order_count=("order_id", "size"),
    amount_paid=("amount_paid", "sum"),
    refund_amount=("refund_amount", "sum"),
)
status["share_of_orders_pct"] = 100 * status["order_count"] / status["order_count"].sum()
i18n.show(status.round(1))

# %% [markdown]
# Counting every row as a sale would overstate both the number of purchases and the revenue.
# From notebook 01 on, "revenue" means money paid **net of refunds**, and purchase counts use
# completed orders only; each notebook says so where it matters.
#
# ## When do people buy?
#
# Online shopping in China has festivals: 618 (June 18) and Double 11 (November 11) above
# all, plus Women's Day (March 8, for a bags shop) and Double 12. Paid orders per day:

# %%
paid = store.orders.dropna(subset=["paid_time"])
per_day = paid.set_index("paid_time").resample("D").size()
fig, ax = plt.subplots(figsize=(10, 3.5))
per_day.plot(ax=ax, lw=0.8, x_compat=True)
i18n.date_ticks(ax)
for festival, day in [
    ("womens_day", "2024-03-08"),
    ("618", "2024-06-18"),
    ("double_11", "2024-11-11"),
    ("double_12", "2024-12-12"),
    ("womens_day", "2025-03-08"),
    ("618", "2025-06-18"),
    ("double_11", "2025-11-11"),
    ("double_12", "2025-12-12"),
]:
    ax.annotate(
        i18n.t(f"festival.{festival}"),
        (pd.Timestamp(day), per_day[day]),
        textcoords="offset points",
        xytext=(0, 4),
        ha="center",
    )
ax.margins(y=0.12)  # room for the festival names above the peaks
ax.set(xlabel="", ylabel=i18n.t("fig.paid_orders_per_day"), title=i18n.t("fig.daily_orders_title"))
plt.show()

# %% [markdown]
# ## Where customers come from
#
# The shop's entry channels follow §7.2.1: free on-platform traffic (站内免费流量), paid
# on-platform traffic (站内付费流量), off-platform traffic (站外流量) and social referral
# (社交裂变). The catalogue below lists them; notebook 02 measures what each one is worth.

# %%
i18n.show(channel_table()[["channel", "family"]])

# %% [markdown]
# The other tables: **visits** (each visit to the shop, including visits that ended without an
# order, such as abandoned carts), **service** (inquiries, returns, complaints and response
# times), **reviews**, **surveys** (CSAT, customer satisfaction on a 1–5 scale, and NPS, the
# 0–10 "would you recommend us?" score), **traffic** (daily visitors and marketing
# spend per channel) and **truth** (the hidden traits behind each buyer, which only a simulation
# can show). `datasets/README.md` describes every column.
#
# ## Words that are easy to mix up
#
# Later notebooks explain each of these; come back here when unsure. The full glossary is in
# `README.md`.
#
# | word | what it means in this suite | not to be confused with |
# |---|---|---|
# | member, membership tier (会员, 会员等级) | a member of the shop's membership programme: ordinary, silver, gold, diamond (notebook 04) | a **group member** (群成员) of a customer group such as a Qianniu or WeChat group (notebook 08) |
# | customer grade (客户等级) | §7.3's grading into mature, growing, ordinary and churned customers (notebook 08) | membership tiers; an "ordinary customer" is not an "ordinary member" |
# | active customer (活跃客户) | bought in the last 6 months (under 182 days) | the lifecycle stage "active" leaves out new customers, so it counts fewer (notebook 01) |
# | churn-risk customer (流失风险客户) | no purchase for 182 days or more | churned customer (流失客户): no purchase for over 365 days, a part of the churn-risk group |
# | no purchase (未购买) | never completed an order (e.g. only asked or filled a cart) | the lifecycle calls the same customers "prospects"; churned customers did buy once |
# | repurchase rate (复购率) | share of buyers with two or more purchases (notebook 01) | 02, 04 and 05 also count repurchases within a time window (e.g. "365-day repurchase rate"); each says so |
#
# ## Discussion
#
# 1. The textbook says online shops "meet customers only through data" (§7.1). Which tables
#    above would a physical shop not have, and what would it have instead?
# 2. Why might a shop *want* to keep refunded and unpaid orders in its data, even though they
#    are not sales?
#
# ## Summary
#
# * The suite follows chapter 7 section by section; `crmlib` holds the logic, the notebooks
#   explain and plot it.
# * One synthetic shop, eight tables; personal fields are masked.
# * Orders come in three statuses; only completed orders are kept sales, and revenue is net of
#   refunds.
#
# **Next:** if you have never written code, `00_python_primer` first; then `01_crm_basics`.
# Exercises for each notebook are in `exercises/en/` (中文版: `exercises/zh/`).
