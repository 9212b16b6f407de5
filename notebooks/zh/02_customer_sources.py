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
# # 02 · 客户来源：各渠道带来什么样的客户，又要花多少钱
#
# **教材：** §7.2.1 客户来源分析。
#
# 客户进入网店的渠道分为四大类：**站内免费流量**（搜索、推荐信息流、直接访问）；
# **站内付费流量**（直通车即关键词广告，钻展即展示广告，超级推荐即推荐广告，
# 还有平台活动和直播/短视频）；**站外流量**；**社交裂变**（社交平台和老客户推荐）。
# 在代码中，这四类分别记作 `free`、`paid`、`off_platform` 和 `social`；表格和图里显示中文名称。
# 教材对这几类渠道有几个判断：免费流量“低成本、高精准”；
# 付费流量“可控、见效快”，但带来的客户对价格比较敏感；
# 老客户推荐来的客户，转化率比普通新客户高。
# 这个笔记本用数据检验这些说法，还要回答一个教材没有提出的问题：老客推荐来的客户是不是也*留得更久*？
#
# **学习目标**
#
# 1. 按渠道和渠道大类计算以下指标：访客数、转化率、带来的成交客户数、获客成本（CAC）、
#    首单金额、优惠券使用情况、90 天和 365 天复购率、每位买家带来的收入，以及简单的投资回报率（ROI）；
# 2. 用数据检验教材的说法：两组的比例相差多少个百分点，而不是只凭眼睛看表格下结论
#    （选学：再用统计检验判断这个差距会不会只是偶然）；
# 3. 按渠道读懂转化漏斗和留存曲线。
#
# **选学部分**：第 2 节之后的“深入（选学）：差距会不会只是偶然？”讲统计检验（p 值和置信区间），
# 可以跳过；其余各节都是核心内容。

# %%
import matplotlib.pyplot as plt
import seaborn as sns
from adjustText import adjust_text

from crmlib import acquisition, i18n
from crmlib.archive import build_archive
from crmlib.datasets import channel_table, load_store

FAMILY_COLOURS = {
    "free": "tab:blue",
    "paid": "tab:orange",
    "off_platform": "tab:green",
    "social": "tab:red",
}
sns.set_theme(style="whitegrid")
i18n.set_language("zh")
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 1. 渠道报表
#
# `acquisition.channel_report` 为每个渠道汇总以下内容：
#
# * **访客数**（取自流量报表，把每天的独立访客数在两年内累加）和
#   **带来的成交客户数**（客户表中来源渠道 `acquisition_channel` 为该渠道、且有已完成订单的客户）；
# * **转化率** = 带来的成交客户数 / 访客数。访客中也包括回头客，
#   所以对主要把老客户带回来的渠道（如“直接访问”），这个比率会低估它把新访客变成买家的能力；
#   **获客成本**（CAC）= 推广花费 / 带来的成交客户数；
# * **首单金额**，以及**首单用券率**（使用了优惠券的首单所占的比例；表中写作“首单用券占比”）；
# * **首次购买后 90 天内和 365 天内的复购率**。只统计观察期已经走完的买家（表中“可计算90/365天复购的客户数”两列给出人数）：
#   上个月才下首单的客户，还没满 90 天，如果把他们算作“没有复购”，复购率就会被压低；
# * **每位买家带来的收入**（至今的净收入）和**投资回报率**（ROI）=
#   （收入 × 毛利率 − 花费）/ 花费，毛利率按 40% 计算；没有推广花费的渠道不计算 ROI（表中显示为“—”）。例如 ROI 为 3.52，表示每花 1 元推广费，扣除这 1 元后还多赚回约 3.52 元毛利。
#   “至今”的收入对买家来得早的渠道有利，因为这些买家有更长的时间消费；
#   上面的复购率按固定时间窗口统计，没有这个偏差。
#
# 比率都用小数表示（0.06 = 6%）；金额单位为元。注意：这里的复购率只看首单之后固定天数内是否再买，
# 和笔记本 01 的复购率（51.2%，至今买过两次及以上）不是同一个数。

# %%
report = acquisition.channel_report(
    archive, store.orders, store.traffic, as_of=AS_OF, by="channel", margin=0.4
)
i18n.show(report.round(acquisition.DISPLAY_DECIMALS))

# %% [markdown]
# 先看站内免费流量里的两种搜索：**精准搜索**（搜品牌、型号）的转化率是 0.0574，**泛需求搜索**
# （如搜“送女友礼物”）只有 0.0196，相差近 3 倍。需求明确的客户更容易成交，这正是教材说免费流量
# “高精准”的意思；直接访问（0.0848）的客户本来就认识这家店，转化率更高。
#
# 按渠道大类汇总，结果如下：

# %%
family = acquisition.channel_report(
    archive, store.orders, store.traffic, as_of=AS_OF, by="family", margin=0.4
)
i18n.show(family.round(acquisition.DISPLAY_DECIMALS))

# %% [markdown]
# 下面是市场人员常用的一张图：横轴是转化率，纵轴是 365 天复购率，每个点代表一个渠道，
# 点的大小表示带来的成交客户数。越靠右上方越好。

# %%
catalogue = channel_table().set_index("channel")
points = report.assign(family=catalogue["family"])
fig, ax = plt.subplots(figsize=(8, 5))
sns.scatterplot(
    data=i18n.show(points),  # headers and family names in the reader's language
    x=i18n.t("column.conversion"),
    y=i18n.t("column.repurchase_365d"),
    hue=i18n.t("column.family"),
    palette={i18n.t(f"family.{key}"): colour for key, colour in FAMILY_COLOURS.items()},
    size=i18n.t("column.new_buyers"),
    sizes=(40, 400),
    ax=ax,
)
labels = [
    ax.text(row["conversion"], row["repurchase_365d"], i18n.t(f"channel.{name}"), fontsize=8)
    for name, row in points.iterrows()
]
adjust_text(  # labels pushed off each other and off the dots, a grey line back to their dot
    labels,
    x=points["conversion"].to_numpy(),
    y=points["repurchase_365d"].to_numpy(),
    ax=ax,
    expand=(1.3, 1.6),
    arrowprops={"arrowstyle": "-", "color": "grey", "lw": 0.5},
)
ax.set(
    xlabel=i18n.t("fig.conversion_axis"),
    ylabel=i18n.t("column.repurchase_365d"),
    title=i18n.t("fig.channels_title"),
)
ax.legend(loc="lower right", fontsize=8)
plt.show()

# %% [markdown]
# ## 2. 检验教材的说法
#
# **说法一：付费流量带来的客户对价格更敏感。**
# 比较首单用券的比例：付费类渠道对比其他所有渠道。
#
# 下面的输出先给出两组的比例（括号里是人数），再给出两组相差几个百分点。
# 括号里接着是 **95% 置信区间**：我们只看到了这家店这两年的客户，换一批客户来算，差距会稍有不同；
# 置信区间给出两个数，真实的差距大致落在这两个数之间（有 95% 的把握）。区间整个在 0 以上，
# 说明这个差距不是碰巧出现的；区间把 0 包含在内，就说不清两组到底有没有差别。
# 最后的“p”（p 值）是判断“会不会只是碰巧”的另一种办法，在本节后面的选学部分讲解，核心内容不用看它。

# %%
journey = acquisition.first_and_second_purchase(store.orders, AS_OF)
journey["family"] = archive["channel_family"].reindex(journey.index).astype(str)
paid = journey["family"] == "paid"
test = acquisition.compare_proportions(
    int(journey.loc[paid, "first_coupon"].sum()),
    int(paid.sum()),
    int(journey.loc[~paid, "first_coupon"].sum()),
    int((~paid).sum()),
)
print(i18n.t("text.coupon_paid_vs_others"), test)

# %% [markdown]
# 付费流量买家首单用券的比例是 35.9%，其他渠道的买家是 21.6%，高出约 14 个百分点，
# 置信区间（+12.7 至 +16.0 个百分点）整个在 0 以上：付费流量带来的客户确实更爱用券，也就是对价格更敏感。
#
# **说法二：老客推荐来的客户转化率更高**（教材的说法），**而且留得更久**（我们额外提出的问题）。
# 转化率见上面的报表：老客推荐渠道的转化率是所有渠道中最高的。
# 至于留存，我们比较社交裂变类买家和付费流量类买家的 365 天复购率：

# %%
test = acquisition.compare_repurchase(family, "social", "paid", days=365)
print(i18n.t("text.repurchase_social_vs_paid"), test)

# %% [markdown]
# 社交裂变类买家的 365 天复购率是 68.1%，付费流量类买家是 51.8%，高出约 16 个百分点，
# 置信区间（+12.1 至 +20.4 个百分点）同样整个在 0 以上。
# 两个说法在这家店都成立：老客推荐的转化率最高，直接从报表上就能读出来；“留得更久”比较的是
# 整个社交裂变大类（社交平台加老客推荐）和付费流量。
# 请注意数据*没有*说明的事：它并不能证明是渠道*造成了*客户忠诚。
# 老客推荐也许只是接触到了本来就会成为忠诚客户的人
# （在这里，模拟数据恰恰就是这样构造的）。
#
# ## 深入（选学）：差距会不会只是偶然？
#
# > 选学内容：用双比例检验、p 值和置信区间判断两组的差距是不是偶然造成的。跳过它不影响后面的核心内容。
#
# 两组之间的差异，可能只是偶然造成的。`compare_proportions` 和 `compare_repurchase`
# 做的是**双比例 z 检验**，它回答这样一个问题：
# 如果两组的真实比率其实相同，出现至少这么大差异的可能性有多大？
# 这个概率就是 **p 值**；p 值小于 0.05 时，我们就说这个差异**在 5% 的水平上显著**。
# **95% 置信区间**第 2 节已经讲过：真实的差距大致落在这两个数之间。两者的结论通常一致：
# 区间离 0 越远，p 值越小。
#
# 回头读上面两行输出：说法一相差 +14.3 个百分点，95% 置信区间为 +12.7 至 +16.0 个百分点；
# 说法二相差 +16.2 个百分点，区间为 +12.1 至 +20.4 个百分点；两处都是 p < 0.001。
# 区间离 0 很远，p 值远小于 0.05：在这样的样本量下，单靠偶然几乎不可能产生这么大的差距。
# 做了检验的是首单用券率（说法一），以及整个社交裂变大类和付费流量的 365 天复购率；
# 老客推荐转化率更高这一点是从报表上读出来的，没有做检验。
# 检验也同样不能证明因果：它只说明差距不太可能是偶然，并不说明差距是渠道造成的。
#
# ## 3. 转化漏斗与留存曲线
#
# 按渠道大类画出的漏斗：访客 → 成交客户 → 至少复购过一次的客户。
# 这里的“复购”统计的是截至目前的任何时间，所以和 `repurchase_365d`（365 天复购率）不同，
# 它也包括首购还不满一年的买家；越晚进来的买家，这一比例就越低。

# %%
funnel = acquisition.funnel(family, archive, by="family")
i18n.show(
    funnel.assign(
        conversion=funnel["new_buyers"] / funnel["visitors"],
        repeat_share=funnel["repeat_buyers"] / funnel["new_buyers"],
    ).round(4)
)

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
share = funnel.div(funnel["visitors"], axis=0)
i18n.show(share[["new_buyers", "repeat_buyers"]]).plot.bar(
    ax=axes[0], rot=0, color=["tab:gray", "black"]
)
axes[0].set(title=i18n.t("fig.funnel_title"), ylabel=i18n.t("fig.share_of_visitors"), xlabel="")
curves = acquisition.retention_curves(archive, store.orders, as_of=AS_OF, by="family", horizon=365)
i18n.show(curves.rename_axis(columns="family")).plot(
    ax=axes[1], color=[FAMILY_COLOURS[c] for c in curves.columns]
)
axes[1].set(
    title=i18n.t("fig.bought_again_title"),
    xlabel=i18n.t("column.days_since_first"),
    ylabel=i18n.t("fig.share_of_cohort"),
)
plt.tight_layout()
plt.show()

# %% [markdown]
# 右图是**留存曲线**：把同一类渠道带来的买家看作一批（图中叫“同期群”），
# 横轴是距首次购买的天数，纵轴是这批买家中到这一天为止已经再次购买的比例。
# 曲线越高，这类渠道的买家回头越多、越早。
# 留存曲线只包括被完整观察了一年的买家（首次购买在 2025 年 1 月之前），
# 所以从第 0 天到第 365 天，每条曲线的分母都相同。
#
# ## 课堂讨论
#
# 1. 这家店的客户从哪里来？如果下一笔 10,000 元预算只能投给一个渠道，你会选哪个？
#    请同时参考获客成本、转化率*和*留存。
# 2. 免费流量的获客成本显示为 0。要获得这些流量，实际要付出什么代价？
# 3. 在这里，站外流量的转化率和 ROI 都是最差的。为什么店铺有时仍然要购买站外流量？
#
# ## 小结
#
# * 各渠道在流量大小、转化率、成本以及带来的客户类型上都不一样。
# * 付费流量带来更多用券的客户；老客推荐渠道转化率最高（0.0957），365 天复购率也最高（0.738）。
# * 复购率只在观察期已经走完的时间窗口内计算；看到差异，先想一想它会不会只是偶然
#   （看 95% 置信区间是否整个在 0 以上；选学部分讲怎样检验），也不要急着把它当成渠道造成的结果。
#
# **练习：** `exercises/zh/02_customer_sources_exercises.ipynb`。**下一个笔记本：** `03_tagging`。
