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
# # 03 · 给客户打标签：规则、客服备注、官方标签、人群与聚类
#
# **教材：** §7.2.2 千牛打标签，§7.2.3 官方客户标签，以及千牛的客户运营平台（§7.2.4）。
#
# 客服在和买家聊天时，会在千牛里给买家添加备注或标签。
# 标签能把零散的信息（“问过藏青色什么时候有货”“投诉过物流慢”）变成结构化、可重复使用的数据：
# 形成一个可以筛选、可以统计、可以统一发消息的人群。
# 这个笔记本搭建一个小型标签引擎；选学部分还会把手工编写的规则标签和 K 均值聚类找到的客户分组进行比较。
#
# **学习目标**
#
# 1. 把标签写成易读的规则，添加客服标签，并建立一张整洁的客户 × 标签表（每行一位客户和一个标签）；
# 2. 用 `AND`（并且）、`OR`（或者）、`NOT`（不是）组成的标签表达式筛选人群；
# 3. 推算平台的买家信用等级（心/钻/冠），并读懂 88VIP 标签；
# 4. 生成千牛的客户列表（成交/未成交/询单）和人群（兴趣/新客户/复购人群）；
# 5. （选学）用 K 均值聚类按 RFM 给客户分组，说明选择 k 值的理由，并把聚类结果和规则标签进行比较。
#
# **选学部分**：第 4 节之后的“深入（选学）：让数据自己分组——K 均值聚类”可以跳过；
# 第 1—4 节以及最后的课堂讨论和小结都是核心内容。

# %%
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from crmlib import clusters, i18n, rfm, tags
from crmlib.archive import build_archive
from crmlib.datasets import load_store

pd.set_option("display.float_format", "{:,.2f}".format)
sns.set_theme(style="whitegrid")
i18n.set_language("zh")
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 1. 规则标签
#
# 一个标签由名称、规则和说明三部分组成。
# 规则是一个针对客户档案各列的筛选条件（客户档案见笔记本 01），谁都能看懂，也都能核对。
# 下表“规则”一列用中文写出了每条规则；在代码里它写作 `orders >= 2` 这样的式子
# （“成交订单数 ≥ 2”），列名就是客户档案的列名。
# 本套笔记本预置了几个默认标签：

# %%
i18n.show(tags.describe_tags(tags.DEFAULT_TAGS), kinds={"rule": "tag_rule"})

# %% [markdown]
# 客服在接待客户时会手动添加标签（千牛备注）。下面是三个例子，就像客服随手输入的那样；
# `tag_table` 先检查这些客户是否存在、标签名是否有效，
# 再把它们和规则标签合并成一张整洁的表：每一行是一个（客户，标签）组合。

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
# ## 2. 筛选人群
#
# `select`（筛选）接受由标签名、`AND`（并且）、`OR`（或者）、`NOT`（不是）和括号组成的
# 标签表达式，例如下面代码里的 `repeat_buyer AND NOT churn_risk`（是复购客户，并且没有流失风险）。
# 新品预览该发给谁？发给复购客户中没有流失风险的人。
# 关怀电话该打给谁？打给投诉过、并且消费多或持有 88VIP 的客户
# （持有 88VIP 的客户哪怕只在本店下过一笔小订单，也值得留住）。

# %%
preview = tags.select(tag_table, "repeat_buyer AND NOT churn_risk", universe=archive.index)
care = tags.select(tag_table, "complainer AND (big_spender OR vip88)", universe=archive.index)
print(i18n.t("text.preview_and_care", preview=len(preview), care=len(care)))
i18n.show(
    archive.loc[care[:5], ["nickname", "phone", "orders", "spend_12m", "vip88", "complaints"]]
)

# %% [markdown]
# 这里显示的昵称和电话都做了脱敏处理：导出的文件和屏幕上都不需要完整号码，
# 教材也要求对个人信息进行脱敏。
#
# ## 3. 官方客户标签（§7.2.3）
#
# 平台根据买家的信用积分显示其**信用等级**：从低到高依次是心、钻、冠和金冠，每种各分 5 级。
# 下表中，“标志”是图标的种类，“图标个数”是显示几个图标（例如 3钻 = 3 颗钻）。各等级的积分段如下：

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
# **88VIP 比例**随信用等级升高而上升：2 钻及以下的客户中约 5% 是 88VIP，3 钻及以上约 20%，
# 因为平台的这项高级会员（享 95 折和优惠券）主要由购物频繁、消费高的买家持有（§7.2.3）。
# 不过大多数 88VIP 客户仍处在较低等级，原因很简单：大多数客户本来就在较低等级。
# `无` 表示还没有等级（信用积分不到 4 分）；
# 只有几个客户的组（`无` 和各个冠级）人数太少，不宜过度解读。
#
# ## 4. 千牛的客户列表与人群
#
# 千牛客户运营平台把客户分成**成交**、**未成交**和**询单**三个列表，
# 并自动生成人群：**兴趣人群**（`interest`：近 30 天内加购或咨询过、之后没有购买）、
# **新客户**（`new_customer`：首次购买在近 90 天内）和**复购人群**（`repurchase`：购买过两次及以上）。

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
# 询单但未成交的客户已经和店铺聊过，却还是走了：这正是教材所说的重点跟进对象；
# 而兴趣人群正适合发放定向优惠券。千牛的三个列表统计的是全部历史，兴趣人群只看近 30 天，
# 所以兴趣人群要小得多。
#
# ## 深入（选学）：让数据自己分组——K 均值聚类
#
# > 选学内容：用 K 均值聚类按 RFM 给买家分组、选择组数 k，并和规则分群比较。跳过它不影响后面的核心内容。
#
# 规则表达的是我们已有的判断；聚类则让数据自己提出分组。
# **K 均值聚类**把客户分成 k 组，让每个客户都尽量靠近本组的中心：
# 先随意猜 k 个中心，把每个客户分给离他最近的中心，再把每个中心移到本组客户的平均位置，
# 如此反复，直到不再变化为止。
#
# “靠近”要求各项特征的尺度可以相互比较。所以我们先取对数（消费金额和购买频次的分布都很偏），
# 再对每项特征做**标准化**（减去平均值，再除以标准差），这样“元”就不会压过“天”。
# 选择 k 有两个参考：一是**簇内平方和**曲线的**肘部**。
# 簇内平方和是所有客户到各自中心的距离平方和，k 越大它总会越小，“肘部”就是它不再明显下降的地方；
# 二是**轮廓系数**，衡量客户离本组比离相邻的另一组近多少，
# 取值在 -1 到 1 之间，越高越好。

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
# 轮廓系数在 k = 2 时最高，但这是一种很粗的划分
# （k = 2 时，两组大致是“只买过一两次的买家”和“经常复购的买家”，这个划分我们早就知道），
# 而肘部大约在 k = 4 处弯折。我们选 **k = 4**：各组之间仍然分得比较开（轮廓系数约 0.34），
# 而且每一组都能起名字、能据此采取行动。
# 表中给出的是每组的*中位数*；每组的名称，是把这些中位数和全体买家的中位数（距最近购买 187 天、
# 2 笔订单、消费 274 元）相比较得出的。所以这里的“消费较高”是相对而言，不是标签“高消费”
# （`big_spender`，近 12 个月消费满 1,000 元）。名称描述的是一组的中间情况，不是每一位成员：
# “以一次购买为主”的组里也有买过两三次的客户。

# %%
model = clusters.RFMClusters(k=4, random_state=0).fit(table)
i18n.show(model.profile_, kinds={"name": "cluster_name"})

# %% [markdown]
# 这些聚类和笔记本 01 中的 R × F 规则分群对得上吗？

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
# 热力图的每一行加起来是 100%：它表示这个 R×F 分群的买家分到各个聚类的比例。
# 聚类和规则在两端是一致的：大多数冠军客户落在“近期来过、多次购买、消费较高”这一组；休眠客户和即将休眠的买家中，
# 约十分之九落在“久未购买、以一次购买为主、消费较低”这一组。
# 分歧出现在中间：R × F 网格中的常购客户（R = 3-4）分散在近期复购组和久未购买的复购组之间，
# 因为聚类把“距最近购买天数”的分界线划在中位数附近，而网格用的是五分位数（按人数五等分）。
# 两者都没有错：规则的门槛是人事先定下的，聚类的分界是数据划出来的，数据或 k 一变，分界也跟着变；
# 两者回答的是不同的问题。
#
# ## 课堂讨论
#
# 1. 为这家店设计三个标签：写出规则，以及每个标签触发的行动（送生日优惠券、打关怀电话、发新品预览……）。
# 2. （选学）规则标签和聚类：各自能给店铺带来什么？各自又会漏掉什么？
# 3. 哪些平台标签（信用等级、88VIP）会改变客服和买家沟通的方式？
#
# ## 小结
#
# * 标签就是有名称、易读懂的规则，再加上客服备注，统一存放在一张整洁的客户 × 标签表里。
# * 人群由 `AND` / `OR` / `NOT` 组成的标签表达式筛选出来。
# * 平台信用等级按公布的积分段划分；88VIP 标记的是购物多、消费高的买家。
# * （选学）在标准化后的 RFM 数据上做 K 均值聚类，可以让数据提出分组；
#   选择 k 时既要看肘部和轮廓系数，*也要*看这些组能不能命名、能不能据此采取行动。
#
# **练习：** `exercises/zh/03_tagging_exercises.ipynb`。**下一个笔记本：** `04_tier_design`。
