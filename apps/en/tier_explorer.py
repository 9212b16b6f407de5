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
# # Membership tier explorer (会员等级设计)
#
# Move a threshold, a discount, the qualification rule or the near-miss band: the tier
# distribution, revenue and cost per tier, the migration between the last two 12-month cycles
# and the near-miss count update at once. The starting point is the textbook's clothing-shop
# programme (§7.2.4) on the suite's synthetic shop. Serve this page on its own with
# `python3 tasks.py explorer --lang en`; notebook 04 explains every number.

# %%
from crmlib import i18n, tiers
from crmlib.datasets import load_store
from crmlib.explorer import TierExplorer

i18n.set_language("en")
store = load_store()
birthdays = store.customers.set_index("customer_id")["birthday"]
cycles = tiers.prepare_cycles(
    store.orders, store.reviews, ["2025-01-01", "2026-01-01"], birthdays=birthdays
)
explorer = TierExplorer(tiers.textbook_policy(), cycles, band=0.1)
explorer.widget
