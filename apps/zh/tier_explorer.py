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
# # 会员等级探索工具
#
# 拖动等级门槛、折扣、定级规则或临界区间的滑块，会员等级分布、各等级的营收与权益成本、最近两个
# 12个月周期之间的等级迁移以及临界客户人数都会立即更新。起点是教材中服装店的会员方案（§7.2.4），
# 数据是本套笔记本的模拟网店。用 `python3 tasks.py explorer` 可以单独打开这个网页；每个数字的含义
# 在笔记本 04 中都有讲解。

# %%
from crmlib import i18n, tiers
from crmlib.datasets import load_store
from crmlib.explorer import TierExplorer

i18n.set_language("zh")
store = load_store()
birthdays = store.customers.set_index("customer_id")["birthday"]
cycles = tiers.prepare_cycles(
    store.orders, store.reviews, ["2025-01-01", "2026-01-01"], birthdays=birthdays
)
explorer = TierExplorer(tiers.textbook_policy(), cycles, band=0.1)
explorer.widget
