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
# with a few deliberately broken rows), reads the quarantine report, and runs the earlier
# notebooks' analyses on the imported shop.
#
# **After this notebook you can**
#
# 1. import a Taobao/Tmall order report (GBK or UTF-8), a Shopify export, or any CSV, Excel or
#    Parquet file with a column mapping;
# 2. read an import summary and its quarantine table, and check that the counts reconcile;
# 3. run the archive, RFM, tiers and CLV on imported data, in a notebook or on the command line.

# %%
import json

import pandas as pd

from crmlib import clv, i18n, importers, rfm, tiers
from crmlib.archive import build_archive, default_as_of
from crmlib.orders import purchases
from crmlib.samples import SAMPLE_SECRET, SAMPLES_DIR

i18n.set_language("en")

pd.set_option("display.float_format", "{:,.2f}".format)
NOW = "2026-01-01"  # the exports were made on this day: later dates are "in the future"

# %% [markdown]
# ## 1. A Taobao order report (订单报表)
#
# Taobao's seller back end exports orders as CSV, traditionally **GBK**-encoded, with Chinese
# headers (订单编号, 买家会员名, 买家实际支付金额, 订单状态, 订单创建时间 …), long order numbers
# wrapped as `="…"` so that Excel does not mangle them, and sometimes stray spaces in headers.
# `read_taobao` handles all of that. Our sample has 60 rows, six of them broken on purpose.

# %%
taobao = importers.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, secret=SAMPLE_SECRET)
print(taobao.report())

# %% [markdown]
# Nothing disappears: every row was either loaded or set aside in the **quarantine** with the
# file, the row (numbered as a spreadsheet shows it: the header is row 1), the column as the
# export names it, the value, and the reason with what was expected. Fix them in the source and
# import again, or accept them knowingly.

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
# A strict import stops at the first problem instead, naming file, row, column and value:

# %%
try:
    importers.read_taobao(
        SAMPLES_DIR / "taobao_orders_gbk.csv", strict=True, now=NOW, secret=SAMPLE_SECRET
    )
except importers.ImportProblem as problem:
    print(i18n.tr_text(str(problem)))  # the message in the reader's language

# %% [markdown]
# ## 2. A Shopify export
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
# ## 3. Anything else: a column mapping
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
# ## 4. The earlier notebooks on the imported shop
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
# Membership tiers under the textbook policy (notebook 04):

# %%
birthdays = taobao.customers.set_index("customer_id")["birthday"]  # empty in Taobao exports
inputs = tiers.prepare(taobao.orders, None, AS_OF, birthdays=birthdays)
i18n.show(tiers.evaluate(tiers.textbook_policy(), inputs).table.round(2))

# %% [markdown]
# And the BG/NBD model (notebook 06). Purchases here are completed *and* in-progress orders:
# an imported report contains paid orders still on their way, which notebook 06's finished
# shop did not. A warning about size: with 22 customers the model cannot learn how customers
# leave, and it says so by giving every customer P(alive) = 1. Fit CLV models on histories
# with hundreds of repeat buyers. The table summarises the 22 customers' P(alive) and their
# expected purchases in the next 180 days.

# %%
bought = purchases(taobao.orders, AS_OF)  # completed and in-progress orders
summary = clv.transaction_summary(bought, AS_OF - pd.Timedelta(days=1), unit="D")
bg = clv.BGNBD().fit(summary, unit="D")
prediction = clv.predict(bg, summary, horizon_days=180, unit="D")  # the next 180 days
i18n.show(prediction.describe().rename_axis("statistic").round(2))

# %% [markdown]
# ## 5. Without a notebook: the command line
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
# `crmlib --help` explains every option. Exit codes: 0 ok, 1 imported with quarantined rows,
# 2 wrong usage, 3 unusable input. Errors are one line; `--debug` shows the traceback.
#
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
# * Counts always reconcile: rows read = orders loaded + rows quarantined + line items merged
#   into their order.
# * Personal fields are masked and buyer keys pseudonymised on import unless you ask otherwise.
# * Imported data runs through every notebook's functions, or through the `crmlib` command.
#
# **Your own data:** put your export in the project's `my_data/` folder (git ignores it), change
# the file path above (`SAMPLES_DIR / "taobao_orders_gbk.csv"`) to
# `"my_data/your_file.csv"`, replace `secret=SAMPLE_SECRET` by
# `secret=privacy.project_secret("my_data/.crmlib-secret")` after `from crmlib import privacy`
# (your project's own secret, created on first use; keep it, or the pseudonyms change), and run from the top. Do not copy real
# customers' data to shared lab computers.
