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
# # 07 · Bring your own data: importing a real shop's order exports
#
# **Textbook:** all of chapter 7; §7.1's "systematic customer information" in particular:
# collect from the platform back end, verify, and desensitise (脱敏).
#
# Analysts do not retype their data. They export orders from the shop's back end and expect
# the suite to read them, say clearly what is wrong, lose nothing, and hand back customer
# lists they can act on. This notebook imports sample exports in three real formats (each
# with a few deliberately broken rows), reads the quarantine report, runs the earlier
# notebooks' analyses on the imported shop, and ends with a large export.
#
# **After this notebook you can**
#
# 1. import a Taobao/Tmall order report (GBK or UTF-8), a JD.com or Douyin shop export, a
#    Shopify export, or any CSV, Excel or Parquet file with a column mapping;
# 2. read an import summary and its quarantine table, and check that the counts reconcile;
# 3. run the archive, RFM, tiers and CLV on imported data, in a notebook or on the command line;
# 4. import and score an export of hundreds of thousands of orders with the DuckDB engine.
#
# **Where this notebook sits in the course:** notebook 07 as a whole is optional for the course
# and has no exercises; it is for students who want to use these methods on their own shop's
# real data. If you take it, follow its main line first: sections 1–4, whose headings do not say
# "Going deeper (optional)": import, check the counts, analyse with the earlier notebooks'
# methods, score every buyer. The sections marked "Going deeper (optional)" cover technical
# details and can be skipped even then: newer reports and file encodings, strict mode, a Shopify export,
# other systems with a column mapping, CLV models on imported data, how large exports are
# handled, when a CLV model does not settle, and the command line.

# %%
import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from crmlib import clv, i18n, importers, rfm, scoring, tiers
from crmlib.archive import build_archive, default_as_of
from crmlib.importers.bulk import import_large
from crmlib.large_export import large_taobao_export
from crmlib.orders import purchases
from crmlib.samples import SAMPLE_SECRET, SAMPLES_DIR
from crmlib.scoring_sql import customer_inputs_sql, last_order_day

i18n.set_language("en")

pd.set_option("display.float_format", "{:,.2f}".format)
NOW = "2026-01-01"  # the exports were made on this day: later dates are "in the future"

# %% [markdown]
# ## 1. A Taobao order report (订单报表)
#
# Taobao's seller back end exports orders as CSV, traditionally **GBK**-encoded, with 46
# Chinese headers (订单编号, 买家会员名, 买家实际支付金额, 订单状态, 订单创建时间 …, some with a
# stray space at the end) and every field in quotes. Long order numbers (19 digits) come
# wrapped as `="…"`, plain, or led by a tab, and phones led by an apostrophe, all so that Excel
# does not mangle them. `read_taobao` handles all of that and reads the columns it needs. Our
# sample has 60 rows, six of them broken on purpose.

# %%
taobao = importers.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, secret=SAMPLE_SECRET)
print(taobao.report())

# %% [markdown]
# Nothing disappears: every row was either loaded or set aside in the **quarantine** (54 orders
# loaded + 6 rows quarantined + 0 merged = 60 rows read). The quarantine keeps the
# file, the row (numbered as a spreadsheet shows it: the header is row 1), the column as the
# export names it, the value, and the reason with what was expected. The value is masked
# (脱敏) like everything personal: long numbers such as order ids and phones keep only their
# first three and last four digits, so use the row number to find the row in your file. Fix
# them in the source and import again, or accept them knowingly.

# %%
i18n.show(taobao.quarantine, kinds={"reason": "message"})

# %% [markdown]
# The loaded orders, in the suite's tidy shape (amounts as numbers, statuses stored as codes:
# 交易成功 → completed, 交易关闭 with a refund → refunded, without → closed, 已发货/已付款 →
# in_progress; tables still show them in the reader's language), and the customers: name,
# phone and address masked on import, and the buyer's account name, personal too, replaced by
# a pseudonym in `customer_key` (a keyed hash: with the same secret, the same account always
# gets the same pseudonym, which cannot be turned back into the name, nor guessed without the
# secret; the samples use a fixed one, `SAMPLE_SECRET`). `customer_id` is the suite's own
# number for each buyer. Masks
# keep only the first and last characters, so two people can look alike: the id tells them
# apart.

# %%
i18n.show(taobao.orders.head())

# %%
people = taobao.customers[["customer_id", "customer_key", "nickname", "name", "phone", "address"]]
i18n.show(people.rename(columns={"name": "person_name"}).head())

# %% [markdown]
# ### Going deeper (optional): newer reports and file encodings
# > Optional: how text is stored in a file (its encoding), and what newer Taobao reports change. Skipping it does not affect the core path.
#
# Newer exports rename columns (主订单编号/子订单编号, 买家实付金额, 买家会员昵称) and list
# sub-orders on separate rows; they come as UTF-8 with a BOM. The same reader copes, and counts
# sub-order rows merged into their main order:

# %%
print(
    importers.read_taobao(
        SAMPLES_DIR / "taobao_orders_new_utf8bom.csv", now=NOW, secret=SAMPLE_SECRET
    ).report()
)

# %% [markdown]
# ### Going deeper (optional): strict mode
# > Optional: an import that stops at the first problem. Skipping it does not affect the core path.
#
# A strict import stops at the first problem instead, naming file, row, column and value:

# %%
try:
    importers.read_taobao(
        SAMPLES_DIR / "taobao_orders_gbk.csv", strict=True, now=NOW, secret=SAMPLE_SECRET
    )
except importers.ImportProblem as problem:
    print(i18n.tr_text(problem))  # the message in the reader's language

# %% [markdown]
# ## Going deeper (optional): a Shopify export
# > Optional: reading a Shopify export, and why rows in a second currency are quarantined. Skipping it does not affect the core path.
#
# Shopify writes one row per **line item**; order fields appear only on an order's first row,
# customers are identified by e-mail, timestamps carry an offset (`+0800`), and
# `Financial Status` says paid, refunded, partially_refunded, voided … Rows in a second
# currency are quarantined: adding yuan to euros would be wrong.

# %%
shopify = importers.read_shopify(
    SAMPLES_DIR / "shopify_orders.csv", timezone="Asia/Shanghai", now=NOW, secret=SAMPLE_SECRET
)
print(shopify.report())
i18n.show(shopify.quarantine, kinds={"reason": "message"})

# %% [markdown]
# ## Going deeper (optional): anything else, with a column mapping
# > Optional: a mapping file that imports an order table from any system. Skipping it does not affect the core path.
#
# For other systems, say which of your columns is which of ours, written `"ours": "yours"`
# (ours: `order_id`, `customer_key`, `created_time`, `amount_paid`, `status`,
# `refund_amount`), and how your statuses map to ours (completed / in_progress / refunded /
# closed), written `"yours": "ours"`. CSV, Excel and Parquet all work.

# %%
spec = json.loads((SAMPLES_DIR / "generic_mapping.json").read_text(encoding="utf-8"))
print(json.dumps(spec, indent=2))
generic = importers.read_generic(
    SAMPLES_DIR / "generic_orders.csv",
    spec["mapping"],
    status_map=spec["status_map"],
    now=NOW,
    secret=SAMPLE_SECRET,
)
print(generic.report())

# %% [markdown]
# ## 2. JD.com and Douyin shop: a format is a description
#
# Each platform's export is described in one small file: which headers mean which of our
# columns (exports rename them between versions, so several names are accepted), which order
# statuses mean what, and where the headers were confirmed (public code that reads these
# exports; each file names its sources). Taobao/Tmall, JD.com and Douyin shop share one reader;
# a new platform is a new description, not new code. The reader uses only the columns it needs:
# 13 of Taobao's 46, for instance.

# %%
i18n.show(importers.format_table()[["export_name", "columns_read"]])

# %% [markdown]
# JD.com writes one row per product (SKU: one product in one colour or size), repeating the
# order's amounts on each row; an order cancelled after payment (取消 with a payment time) was
# refunded. JD has no status 退款中 (an order under after-sale review shows as 锁定), so the
# sample's row with it is quarantined. Douyin shop writes one row per
# sub-order, each with its own amount, puts a tab before long ids, writes `-` for "nothing",
# and names no buyer account: the recipient's phone is the only key (the platform may show it
# encrypted; one buyer shipping to two phones then counts as two).
#
# Check both summaries the same way: rows read = orders loaded + rows merged + rows quarantined.

# %%
jd = importers.read_jd(SAMPLES_DIR / "jd_orders_gbk.csv", now=NOW, secret=SAMPLE_SECRET)
print(jd.report())
i18n.show(jd.quarantine, kinds={"reason": "message"})

# %%
douyin = importers.read_douyin(SAMPLES_DIR / "douyin_orders.csv", now=NOW, secret=SAMPLE_SECRET)
print(douyin.report())
i18n.show(douyin.orders[["order_id", "created_time", "amount_paid", "items", "status"]].head())

# %% [markdown]
# ## 3. The earlier notebooks on the imported shop
#
# The imported tables have the shape the notebooks use, so the same functions run on them.
# The customer archive (notebook 01) with RFM:

# %%
AS_OF = default_as_of(taobao.orders)  # the day after the export's last order
archive = build_archive(taobao.customers, taobao.orders, as_of=AS_OF)
table = rfm.rfm_table(archive)
scored = archive[["nickname", "orders", "spend", "days_since_last"]].join(rfm.cn8_classes(table))
i18n.show(scored.sort_values("spend", ascending=False).head())

# %% [markdown]
# The five biggest spenders, with their RFM 8-class in the last column.
# Membership tiers under the textbook policy (notebook 04): of this small shop's 22 buyers, 18 are
# ordinary members, 3 silver, 1 gold, and none diamond.

# %%
birthdays = taobao.customers.set_index("customer_id")["birthday"]  # empty in Taobao exports
inputs = tiers.prepare(taobao.orders, None, AS_OF, birthdays=birthdays)
i18n.show(tiers.evaluate(tiers.textbook_policy(), inputs).table.round(2))

# %% [markdown]
# ### Going deeper (optional): CLV models on imported data
# > Optional: why this small export cannot fit the BG/NBD model. Skipping it does not affect the core path.
#
# And the BG/NBD model (notebook 06)? Purchases here are completed *and* in-progress orders:
# an imported report contains paid orders still on their way, which notebook 06's finished
# shop did not. A model fitted on too little data does not complain by itself: with 22
# customers BG/NBD cannot learn how customers leave, and would give every one of them
# P(alive) = 1. So crmlib refuses to fit a model to fewer than about ten customers a parameter
# (40 for BG/NBD's four) and says why. Fit CLV models on histories with hundreds of repeat
# buyers, such as the large export of section 4.

# %%
bought = purchases(taobao.orders, AS_OF)  # completed and in-progress orders
summary = clv.transaction_summary(bought, AS_OF - pd.Timedelta(days=1), unit="D")
try:
    clv.BGNBD().fit(summary, unit="D")
except ValueError as problem:  # too few customers: crmlib says so instead of guessing
    print(i18n.tr_text(problem))  # the message in the reader's language

# %% [markdown]
# ## 4. A large export
#
# A busy shop's report has millions of rows. Here a synthetic export of 200,000 orders from about
# 24,000 buyers (GBK, as Taobao writes it; when buyers buy and when they stop is drawn as the
# BG/NBD model of notebook 06 assumes) goes through `import_large` with the same checks and
# counts as above. It has no broken rows, so nothing is quarantined.

# %%
work = Path(tempfile.mkdtemp())  # a scratch folder: nothing large is kept in the project
export = large_taobao_export(work / "big_taobao_gbk.csv", rows=200_000, seed=1)
big = import_large(
    export, importers.builtin_specs()["taobao"], work / "imported", now=NOW, secret=SAMPLE_SECRET
)
print(big.report())

# %% [markdown]
# ### Going deeper (optional): how large exports are handled
# > Optional: how the suite imports and adds up millions of orders without filling the memory. Skipping it does not affect the core path.
#
# Checking millions of rows one by one in pandas takes too long. Every import above already ran
# on the **DuckDB engine** (an analytical database that runs inside Python, no server); for a
# large export, `import_large` keeps the tables out of memory and writes them straight to Parquet
# files (a compact table format that reads fast; Excel does not open it, the suite and pandas do),
# with the same checks, counts and quarantine; the scores then add up the orders per customer
# inside DuckDB, so memory follows the number of buyers, not of orders. (On the course machines
# 10 million rows take 35 to 40 seconds to import and about 15 seconds to score, under a minute
# together: `python3 tasks.py bench import`.)

# %% [markdown]
# ### Scoring every buyer
#
# Scoring gives one row per buyer: archive, RFM class, value segment, tags, tier and CLV. The
# notes say what could not be computed and why: here two tags that need service and review
# records, and birthday points (exports carry no birthdays).
#
# The second table lists the five buyers with the highest 12-month CLV. "P(alive)" is the
# estimated chance that a customer has not left the shop; the 12-month CLV is the margin the
# customer is expected to bring in the next 12 months (notebook 06). At the top are high-value
# diamond members with dozens of orders each.

# %%
AS_OF_BIG = last_order_day(work / "imported")
inputs_big = customer_inputs_sql(work / "imported", as_of=AS_OF_BIG, policy=tiers.textbook_policy())
scores = scoring.score_inputs(inputs_big)
for note in scores.notes:
    print(i18n.tr_text(note))

# %%
columns = ["orders", "spend", "value_segment", "tier", "p_alive", "clv_12m"]
i18n.show(scores.table[columns].sort_values("clv_12m", ascending=False).head().round(2))

# %% [markdown]
# Almost half the buyers (11,461, about 48%) are churn risks: as in notebook 01, no purchase for
# 182 days or more. "No purchase" also means what it means in notebook 01, customers who never
# completed an order; but an order report holds only people who placed orders (nobody who only
# asked or filled a cart), so these 119 are buyers whose orders were all closed or refunded.

# %%
shutil.rmtree(work)  # the scratch folder is no longer needed
segments = scores.table["value_segment"].value_counts().rename_axis("value_segment")
i18n.show(segments.rename("customers").to_frame())

# %% [markdown]
# ## Going deeper (optional): when a CLV model does not settle
# > Optional: what scoring does when a CLV model does not settle, and the remedies. Skipping it does not affect the core path.
#
# Both CLV models settled here. When one does not (repeated computation finds no stable answer),
# the CLV columns stay empty and the note names the model and the remedies instead of guessing.
# The first remedy is a small **penalizer** (`score_inputs(..., penalizer=0.001)`, or
# `crmlib score --penalizer 0.001`): a small number that keeps the model's parameters from
# running to extremes, the larger the more cautious; a model that fits only with a large one does
# not describe the shop: compare models first, as in notebook 06.

# %% [markdown]
# ## Going deeper (optional): without a notebook, the command line
# > Optional: importing and scoring with the `crmlib` command in a terminal, and its exit codes. Skipping it does not affect the core path.
#
# The same steps run from a terminal (in the suite's environment: `.venv/bin/crmlib` on macOS
# and Linux, `.venv\Scripts\crmlib` on Windows, or `python -m crmlib` anywhere):
#
# ```bash
# crmlib import orders.csv --format taobao --out imported        # exit 1 if rows were quarantined
# crmlib score imported --out scores.xlsx --policy my_policy.yaml  # archive, RFM, tags, tier, CLV
# crmlib policy my_policy.yaml --data imported                     # the policy's impact
# ```
#
# `--format` is `taobao`, `jd`, `douyin`, `shopify` or `generic`. An import of a file over
# 200 MB is written as Parquet by itself (`--outputs parquet` asks for it); `crmlib score` then writes the
# scores of millions of buyers to `.parquet` or `.csv` (Excel holds about a million rows).
# `--penalizer 0.001` is the remedy above.
#
# `crmlib --help` explains every option. Exit codes: 0 ok, 1 imported with quarantined rows,
# 2 wrong usage, 3 unusable input, 4 an internal error (with the path of a log). Errors are one
# line; `--debug` shows the traceback.

# %% [markdown]
# ## Discussion
#
# 1. Which of the quarantined rows would you fix at the source, and which would you simply
#    accept? Who in the shop should decide?
# 2. The textbook asks shops to desensitise customer data. Which fields of an order export does
#    a CRM analysis really need, and which should never leave the back end?
# 3. What would you check before trusting a CLV model fitted on a new shop's history?
#
# ## Summary
#
# * Real exports are messy: encodings, wrapped order numbers, sub-orders, line items, offsets,
#   currencies. The importers handle them and say exactly what they could not use.
# * A platform's format is a description (headers, statuses, amount rules); Taobao/Tmall, JD.com
#   and Douyin shop share one reader.
# * Large exports go through the DuckDB engine (going deeper): same checks and counts, Parquet files, scores
#   added up inside the database.
# * Counts always reconcile: rows read = orders loaded + rows quarantined + line items merged
#   into their order.
# * Personal fields are masked and buyer keys pseudonymised on import unless you ask otherwise.
# * Imported data runs through every notebook's functions, or (going deeper) through the `crmlib` command.
#
# **Your own data:** put your export in the project's `my_data/` folder (git ignores it), change
# the file path above (`SAMPLES_DIR / "taobao_orders_gbk.csv"`) to
# `"my_data/your_file.csv"`, replace `secret=SAMPLE_SECRET` by
# `secret=privacy.project_secret("my_data/.crmlib-secret")` after `from crmlib import privacy`
# (your project's own secret, created on first use; keep it, or the pseudonyms change), and run from the top. Do not copy real
# customers' data to shared lab computers.
