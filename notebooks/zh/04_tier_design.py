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
# # 04 · 设计会员体系
#
# **教材：** §7.2.4 网店会员管理。§7.3 讲的客户分级（把客户分成普通、成长、成熟、流失四个**客户等级**）
# 在笔记本 08 里；本笔记本讲的**会员等级**是会员体系里的等级，两者不是一回事。
#
# 会员体系由三部分组成，形成一个闭环：**会员等级**、**会员权益**和**成长值**。它的目的是：让会员比非会员复购更多、客单价更高。本节先用我们这家网店的数据，把教材中服装店的会员方案走一遍，再从数据分析的角度提出几个问题。最后，在**会员等级探索工具**里，你可以随意调整每个门槛和折扣，并立刻看到效果。
#
# **学习目标**
#
# 1. 把会员政策写成数据，保存下来，并检查其中的错误；
# 2. 计算任意日期的成长值，并按滚动消费或累计消费评定会员等级；
# 3. 衡量一项会员政策的效果：各等级会员人数、销售额、客单价、复购率、权益成本、两个周期之间会员等级的变动（迁移矩阵，选学），以及临界客户（差一点就能升级的客户）；
# 4. 比较两项会员政策，说清楚有哪些变化、影响哪些客户、代价是多少。
#
# **选学部分**：第 4 节里的“深入（选学）：会员在两个周期之间去了哪里（迁移矩阵）”可以跳过；其余各节都是核心内容。

# %%
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import display

from crmlib import i18n, tiers
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.explorer import TierExplorer

pd.set_option("display.float_format", "{:,.2f}".format)
sns.set_theme(style="whitegrid")
i18n.set_language("zh")
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 1. 把教材的会员政策写成数据
#
# | 会员等级 | 滚动 12 个月成长值 | 或累计成长值 | 折扣 | 优惠 | 退换货 |
# |---|---|---|---|---|---|
# | 普通会员 | 注册即可 | | 9.8折 | | 7 天 |
# | 银卡会员 | 500 | 800 | 9.5折 | 满 300 减 50 | 15 天 + 免费上门取件 |
# | 金卡会员 | 1,500 | 2,500 | 9折 | 满 500 减 120 | 30 天 + 专属客服 |
# | 钻石会员 | 3,000 | 5,000 | 8.5折 | 满 1,000 减 300 | 部分商品终身免费维修 + 优先发货 |
#
# 专属体验：银卡会员可以优先试用新品，金卡会员可以参加会员专享特卖，钻石会员享受定制服务，生日当月消费可获得双倍成长值。
#
# “9.5折”就是按原价的 95% 付款。在 `crmlib` 里，会员政策就是普通的数据：一份会员等级列表，写明每个等级的门槛和权益，保存为一个 YAML 格式的文本文件（下面打印的就是它的开头）。这样，分析人员可以保留政策的各个版本，并逐项比较它们的差异。下面的代码把政策存成文件，再读回来核对是否一致；其中 `tempfile`（临时文件夹）、`assert`（核对）这些写法不用掌握，看打印出来的文件内容就行。

# %%
policy = tiers.textbook_policy()
path = tiers.save_policy(
    policy, Path(tempfile.mkdtemp()) / "textbook.yaml"
)  # your own folder in practice
print(path.read_text(encoding="utf-8")[:620], "...")
assert tiers.load_policy(path) == policy  # it reads back to the same policy

# %% [markdown]
# 政策文件里的字段名是英文的：`rolling` 滚动门槛，`cumulative` 累计门槛（`null` 表示不设），`discount` 折扣（0.95 即 9.5折），`offer_min`／`offer_off` 满减的门槛／减免金额，`return_days` 退换货天数，`free_pickup` 免费上门取件（`true` 是，`false` 否），`points_multiplier` 成长值倍数。
#
# 如果政策写错了，程序会报错，并在提示信息中指出是哪个等级、哪个字段有问题。例如，把金卡会员的门槛设得比银卡会员还低：

# %%
try:
    policy.replace_tier("gold", rolling=400)
except ValueError as error:
    print(error)

# %% [markdown]
# ## 2. 成长值与会员等级
#
# **成长值**：按扣除退款后的实付金额，每 1 元计 1 点（已退款的订单不计成长值）；每发布一条带图评价，另加 50 点；钻石会员在生日当月的消费可获得双倍成长值（生日取自客户档案）。教材的规则是：每 12 个月，**按最近 12 个月的成长值**对每位会员**重新评定一次等级**（即滚动计算），未达标的会员降一级（“金卡会员周期内成长值未达1500，降为银卡会员”）。表中的累计门槛只在某些店铺采用的另一种规则下才会用到（见第 4 节）。下面是截至 2026 年 1 月 1 日的评定结果：只看这一天，把每位买家从头评定一次（还没有考虑以前的等级，第 4 节再加上）。这里的会员是有过成交的 12,000 位买家；注册了但从没下过单的 6,000 位客户不计入。

# %%
birthdays = store.customers.set_index("customer_id")["birthday"]
inputs = tiers.prepare(store.orders, store.reviews, AS_OF, birthdays=birthdays)
evaluation = tiers.evaluate(policy, inputs, band=0.1)
i18n.show(evaluation.table.round(3))

# %% [markdown]
# 把上面这张表画成图：各等级有多少会员，各等级的权益一年总共花了多少钱，这笔钱又占该等级自己销售额的几成。

# %%
table = evaluation.table
names = i18n.show(table).index  # the tiers' names in the reader's language
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
panels = [
    ("members", "fig.tier_members", "{:,.0f}", "tab:blue"),
    ("benefit_cost", "fig.tier_benefit_cost", "{:,.0f}", "tab:orange"),
    ("cost_share_of_revenue", "fig.tier_cost_share", "{:.0%}", "tab:red"),
]
for ax, (column, title, label, colour) in zip(axes, panels, strict=True):
    bars = ax.bar(names, table[column], color=colour)
    ax.bar_label(bars, labels=[label.format(v) for v in table[column]], fontsize=9)
    ax.set(title=i18n.t(title))
    ax.margins(y=0.15)
    ax.tick_params(axis="y", labelleft=False)
fig.suptitle(i18n.t("fig.tier_programme_title"))
fig.tight_layout()
plt.show()

# %% [markdown]
# **这个金字塔合理吗？** 约五分之四的买家仍是普通会员；银卡会员不到五分之一，金卡会员和钻石会员只占百分之几。塔尖窄的金字塔正是会员体系想要的：高等级会员会觉得自己与众不同，而权益的总成本也不高。但请看“权益成本占营收比”这一列：钻石会员通过折扣和满减拿走了约 18% 的销售额，而普通会员只有 2%。按比例算，高等级会员最“贵”；按总金额算，花钱最多的却是人数多的银卡会员（见上图中间一幅）。
#
# 会员的表现更好吗？表中的“复购率”只看最近 12 个月：这 12 个月里下过两单及以上的会员，占这 12 个月里下过单的会员的比例（和笔记本 01 至今累计的复购率不同）。复购率和客单价都随会员等级明显上升。但要小心：会员等级本来就是*按消费金额*划分的，所以这只说明了各等级的会员是哪些人，并不能说明会员权益对他们起了什么作用。
#
# ## 3. 谁快要升级了？
#
# 会员等级每 12 个月重新评定一次，未达标的会员降一级。临界客户是指成长值低于下一等级门槛、但差距不到 10% 的客户：稍微推一把（发一张优惠券，或者提醒他们下一等级有哪些权益），就可能让他们升级。

# %%
near = evaluation.near_miss
print(i18n.t("text.near_miss_customers", count=len(near)))
i18n.show(
    near.groupby("next_tier")
    .agg(customers=("customer_id", "size"), median_points_needed=("points_needed", "median"))
    .round(1)
)

# %%
i18n.show(near.head(5).merge(archive[["nickname"]], left_on="customer_id", right_index=True))

# %% [markdown]
# ## 4. 两个周期：按教材的规则，还是“滚动或累计”？
#
# 把店铺的数据按两个 12 个月的周期重演一遍（分别在 2025 年 1 月 1 日和 2026 年 1 月 1 日评定等级；表中是各等级客户所占的百分比）。按教材的**滚动**规则（表中写作“近12个月成长值(教材)”），每位会员都要不断积累成长值，才能保住自己的等级。有些店铺采用另一种规则：**滚动或累计**（表中写作“近12个月或累计”）。累计成长值永不过期，所以会员一旦达到某个等级的累计门槛，就会一直保有这个等级（累计成长值达到 2,500 的金卡会员永远不会降级）。

# %%
cycles = tiers.prepare_cycles(
    store.orders, store.reviews, ["2025-01-01", "2026-01-01"], birthdays=birthdays
)
share_above = {}
for rule in ("rolling", "either"):
    table = tiers.replay_table(policy.with_rule(rule), cycles).tiers
    share_above[rule] = {
        cycle: table[cycle].value_counts(normalize=True).reindex(policy.names) for cycle in table
    }
shares = pd.concat({rule: pd.DataFrame(v) for rule, v in share_above.items()}, axis=1)
shares = shares.rename_axis(index="tier", columns=["rule", "cycle"])
i18n.show((100 * shares).round(1), kinds={"rule": "growth_rule"})

# %% [markdown]
# 第一年结束时，两种规则的结果相同（因为滚动窗口和累计窗口是同一段时间）。第二年结束时，按滚动或累计规则，留在银卡及以上等级的会员更多。年头越长，差距越大：按滚动或累计规则，会员等级会不断“膨胀”，权益开支也跟着膨胀。这就是教材按最近 12 个月的成长值重新评定等级的原因。
#
# 表中 2026 年的一列和第 2 节的表略有不同（这里普通会员占 81.8%，第 2 节是 9,883 ÷ 12,000 = 82.4%）：第 2 节只看一天、把每位买家从头评定；这里则从第一个周期开始跟踪每位会员，未达标的会员只降一级（没有任何成长值的金卡会员降为银卡会员，而不是直接降为普通会员）。
#
# ### 深入（选学）：会员在两个周期之间去了哪里（迁移矩阵）
#
# > 选学内容：用迁移矩阵逐格查看会员在两个周期之间是升级、保级、降级，还是本期未活跃。跳过它不影响后面的核心内容。
#
# **迁移矩阵**（也就是会员等级变动表）显示第一个周期各等级的会员，在第二个周期分别去了哪个等级：
# 每一行是上一周期的等级，每一列是本周期的等级，格子里是人数（“本期未活跃”= 第二年完全没有获得成长值；“新入会”= 第二年新加入）。第二张表把这些人数按升级、保级、降级和本期未活跃汇总：

# %%
replay = tiers.replay_table(policy, cycles)
first, second = replay.tiers.columns
moved = tiers.migration(
    replay.tiers[first], replay.tiers[second], policy.names, replay.active[second]
)
display(i18n.show(moved.matrix))
i18n.show(moved.moves.to_frame("members"))

# %% [markdown]
# 画成热力图更直观：每一行是会员在上一周期所在的等级，每一列是本周期所在的等级。行和列是同一个等级的那一格，是保住了原等级的会员；在它右边的是升级的，左边的是降级的（第一行是这一年新入会的会员）。最右边一列“本期未活跃”不属于升级：这些会员第二年没有获得任何成长值，按规则同样降一级（普通会员保持普通），这里把他们单独列出，不计入上表的“降级”人数；第一行新入会的会员也不计入升级、保级和降级。

# %%
fig, ax = plt.subplots(figsize=(7, 4))
sns.heatmap(i18n.show(moved.matrix), annot=True, fmt=",d", cmap="Blues", cbar=False, ax=ax)
ax.set(title=i18n.t("fig.migration_title"))
ax.tick_params(axis="y", rotation=0)
plt.show()

# %% [markdown]
# ## 5. 换一个银卡门槛，会有什么变化？
#
# 把教材的会员政策和另一项政策进行比较：新政策要求 12 个月内成长值达到 800 点才能成为银卡会员，而不是 500 点（其他条件都不变）：

# %%
stricter = policy.replace_tier("silver", rolling=800).with_name("stricter_silver")
result = tiers.compare(policy, stricter, inputs)
name_a, name_b = i18n.names(result.names, "policy_name")
print(i18n.t("text.compare_a_b", a=name_a, b=name_b, count=result.changed))
display(i18n.show(result.changes))
with pd.option_context("display.float_format", "{:,.0f}".format):  # counts and yuan
    display(i18n.show(result.summary.round(0)))

# %% [markdown]
# 银卡门槛提高后，约 1,000 名银卡会员退回普通会员，店铺每年可节省约 43,000 元的权益成本（这里的销售额没有变化，因为用的是去年的实际销售额）。但这些客户失去的权益，也许原本能让他们继续购买：数据只能显示成本这一面，另一面需要做实验才能知道。
#
# ## 6. 会员等级探索工具
#
# 拖动滑块：每调整一次，工具都会在几毫秒内重新评估这项政策（会员等级、各等级占比、销售额和成本、迁移矩阵、临界客户）。这个探索工具只是在上面用过的那些函数外面加了薄薄的一层。要使用它，请在 JupyterLab 中运行本笔记本（菜单“运行 → 运行所有单元格”）：网页版无法运行滑块（上面的表格显示的就是它的初始状态）。对于不用笔记本的同事，可以运行 `python3 tasks.py explorer`，把它作为一个独立的网页提供给他们使用。

# %%
explorer = TierExplorer(policy, cycles, band=0.1)
explorer.widget

# %% [markdown]
# ## 讨论
#
# 1. 网店应该如何做好会员管理（§7.2.4）？如果是一家箱包店，你会保留哪些会员权益，又会修改哪些？
# 2. “滚动或累计”规则对老客户公平吗？还是会让会员权益的开支越滚越大？如果一位钻石会员降为金卡会员，你会怎样向他解释？
# 3. 除了消费金额，你还会用哪些指标给客户分级（§7.3；§7.3 的客户等级见笔记本 08）？
#
# ## 小结
#
# * 会员政策就是数据：会员等级、门槛、权益和成长值规则，保存为政策文件，并经过检查。
# * 成长值来自扣除退款后的消费和带图评价（钻石会员生日当月加倍）；教材每 12 个月按最近 12 个月的成长值重新评定会员等级，未达标的会员每次降一级。
# * 衡量效果要看：各等级的会员人数、销售额、客单价、复购率和权益成本，周期之间的等级迁移（选学），以及临界客户。
# * 另一种“滚动或累计”规则会让会员等级随时间不断膨胀；修改会员政策之前，先把新旧政策比较一下。
#
# **练习：** `exercises/zh/04_tier_design_exercises.ipynb`。
