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
# # 01 · CRM 基础：客户档案、KPI、客户细分与 RFM
#
# **对应教材**：§7.1 客户关系管理基础，以及行业文章中的 RFM 分析和客户生命周期方法。
#
# 网店只能通过数据认识客户，所以客户关系管理（CRM）要从建立系统的**客户档案**开始。
# 有了客户档案，我们就能计算店铺日常关注的各项指标，把客户分成需要区别对待的不同群体
# （客户细分），再用 RFM 给客户打分。
#
# **学完这个笔记本，你能够**
#
# 1. 用原始的订单表、客服记录表和评价表建立客户档案，并对个人信息做脱敏处理；
# 2. 计算复购率、客单价、活跃客户数和获客成本（CAC），并用洛伦兹曲线检验
#    “20% 的客户带来 80% 的收入”这一说法；
# 3. 说出、运用并批判性地评价价值细分、行为细分和生命周期阶段的划分规则；
# 4. 按正确的方向给客户做 RFM 打分，并把客户对应到含 10 个分群的 R×F 分群图，
#    以及国内常用的 RFM 八类模型（重要价值客户……）；
# 5. 用店铺的访问、订单和客服记录，看售前、售中、售后三个环节各发生了什么（全程互动）。
#
# **选学部分**：只有第 6 节里的“深入（选学）：分数相同的买家怎样打分”是选学内容，可以跳过；其余各节都是核心内容。

# %%
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from crmlib import i18n, kpi, rfm, sale_stages, segments
from crmlib.archive import build_archive
from crmlib.datasets import load_store

pd.set_option("display.float_format", "{:,.2f}".format)
sns.set_theme(style="whitegrid")
i18n.set_language("zh")
store = load_store()

# %% [markdown]
# ## 1. 客户档案
#
# 教材中的客户档案包括四部分：基本信息、互动记录、价值类别和个性化服务。`build_archive`
# 从原始数据表中整理出前两部分（以及划分价值类别所需的数据），并且以某一天为**截止日期**：
# 只统计这一天之前发生的事。这里的截止日期是 2026 年 1 月 1 日，也就是最后一笔
# 订单的第二天。有两条约定很重要：
#
# * `orders` 只统计**已完成**的订单；退款订单和未付款订单另外单独统计。
# * `spend`（消费金额）是店铺实际留下的钱，即**扣除退款后**的金额；`aov`（客单价）
#   是平均每笔已完成订单的 `spend`。
#
# 昵称、手机号等个人信息输出时已经脱敏，这是默认设置。

# %%
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
print(
    i18n.t(
        "text.as_of_counts",
        as_of=AS_OF,
        customers=len(archive),
        buyers=int((archive.orders > 0).sum()),
    )
)
i18n.show(archive.head(3)).T

# %% [markdown]
# ## 2. 店铺关注的 KPI
#
# **关键绩效指标**（KPI）是店铺每周都要查看的几个关键数字：
#
# * **复购率**：有两笔及以上已完成订单的买家，占全部买家的比例。
# * **客单价**：平均每笔已完成订单的净收入（扣除退款后）。
# * **活跃客户**：最近 6 个月内（不到 182 天）有购买的客户（包括新客户；表中写作“活跃客户数(近6个月)”）。
#   所有笔记本都用这同一个期限：连续 182 天及以上没有购买的买家，就不再算活跃，而是**流失风险**客户（见第 3 节）。
# * **获客成本**（CAC）：按渠道计算，平均每获得一个新买家花了多少
#   营销费用（笔记本 02 会深入讲解）。

# %%
kpis = pd.Series(
    {
        "buyers": f"{int((archive['orders'] > 0).sum()):,}",
        "repurchase_rate": f"{kpi.repurchase_rate(archive):.1%}",
        "aov": f"{kpi.average_order_value(store.orders):,.2f}",
        "active_6m": f"{kpi.active_customers(archive):,}",
    }
)
i18n.show(kpis.to_frame("value"))

# %%
i18n.show(kpi.cac_by_channel(store.traffic, archive).round(2))

# %% [markdown]
# 免费渠道的获客成本显示为 0：店铺在这些渠道上获得新买家时，没有为每个人付费。但这并不等于
# 这些客户是白来的（搜索排名要花功夫去做），所以笔记本 02 还会看每个渠道带来的客户值多少。
#
# ### 真的是“二八开”吗？用数据检验二八法则
#
# 教材说，高价值核心客户大约是“20% 的客户带来约 80% 的收入”，这就是常说的**二八法则**。
# 用**洛伦兹曲线**可以检验它：把买家按消费额从少到多排好，横轴是累计客户占比，纵轴是累计
# 收入占比；如果每个人花的钱都一样多，曲线就是那条对角线。曲线离对角线越远，收入越集中。
# **基尼系数**把这段距离概括成一个数字：0 表示人人花得一样多，越接近 1，收入越集中在
# 少数客户身上。

# %%
spend = archive.loc[archive["orders"] > 0, "spend"]
top20 = kpi.top_share(spend, top=0.2)
curve = kpi.lorenz_curve(spend)
fig, ax = plt.subplots(figsize=(5, 5))
ax.plot(curve["customer_share"], curve["value_share"], label=i18n.t("fig.this_shop"))
ax.plot([0, 1], [0, 1], ls="--", c="grey", label=i18n.t("fig.everyone_equal"))
# the top 20% of buyers bring the gap between the curve at 80% and the top (1 = all revenue)
ax.annotate(
    "", xy=(0.8, 1), xytext=(0.8, 1 - top20), arrowprops={"arrowstyle": "<->", "color": "tab:red"}
)
ax.plot([0.8], [1 - top20], "o", c="tab:red")
ax.text(
    0.77,
    1 - top20 / 2,
    i18n.t("fig.top20_revenue", share=top20),
    ha="right",
    va="center",
    c="tab:red",
)
ax.set(
    xlabel=i18n.t("fig.share_of_buyers_small_first"),
    ylabel=i18n.t("fig.share_of_net_revenue"),
    title=i18n.t("fig.lorenz_title", gini=kpi.gini(spend)),
)
ax.legend(loc="upper left")
plt.show()

# %% [markdown]
# 怎么读这张图：横轴 0.8 处，曲线的高度约为 0.41，也就是说消费最少的 80% 买家只带来了 41% 的
# 收入，剩下的 1 − 0.41 ≈ 59% 来自消费最多的 20% 买家（图中红色箭头）。基尼系数在 0（人人花得
# 一样多）和 1（全部收入来自一个人）之间，0.54 说明收入相当集中。
#
# 在这家店，消费最多的前 20% 买家带来了约五分之三的收入，而不是五分之四。二八法则只是一条
# 经验法则；在以它为基础设计运营方案之前，先用数据量一量。
#
# ## 3. 价值细分（价值维度）
#
# 教材的价值维度看的是最近 12 个月的数据。把它写成明确的规则，规则参数放在
# `segments.ValueRule` 里：
#
# 1. 连续 **182 天**（6 个月）及以上没有购买的买家，属于**流失风险**客户（`churn_risk`）；
# 2. 其余买家按**最近 12 个月的净消费额**排名：前 **20%** 是**高价值客户**（`high`），
#    后 **30%** 是**低价值客户**（`low`），其余的是**中价值客户**（`mid`）；
# 3. 从没完成过一笔订单的客户（只咨询过或加购过）归为**未购买**（`no_purchase`）。
#
# （教材还提到了毛利贡献；我们的数据里没有商品成本，所以用消费额来代替。）

# %%
value = segments.value_segments(
    archive, segments.ValueRule(churn_days=segments.ACTIVE_DAYS, high_share=0.2, low_share=0.3)
)
value_table = archive.groupby(value, observed=True).agg(
    customers=("orders", "size"), spend_12m=("spend_12m", "sum")
)
value_table["share_of_12m_revenue"] = value_table["spend_12m"] / value_table["spend_12m"].sum()
i18n.show(value_table.round(3))

# %% [markdown]
# 这里的高价值客户（20%）只带来了近 12 个月营收的 45%，而洛伦兹曲线上是 59%：这里的 20%
# 只从仍然活跃的买家中选出（流失风险客户已经先分出去了），而且按近 12 个月的消费排名；洛伦兹
# 曲线则是把全部 12,000 位买家按两年的总消费排名。同样说“前 20%”，指的却是不同的一群人，
# 所以每次都要说清楚是哪一群。
#
# ## 4. 行为细分（行为维度）
#
# 行为维度关注的是客户*怎样*购物：浏览习惯、是否依赖评价、是否参加促销，以及对本店是否忠诚。
# 我们的规则（`segments.BehaviourRule`）用到了浏览、看评价和忠诚度这三个方面；促销参与情况
# 也记录在客户档案里（`promo_share`，用券/折扣订单占比），你可以试着把它加进规则。
#
# * **忠诚复购型**（`loyal_repeat`）：购买 3 次及以上，并且至少一半的访问是直接进店或通过
#   精准搜索进店（说明他们认识这家店）；
# * 不满足上一条的，如果平均每次访问浏览 8 页及以上，或者 60% 及以上的访问都看了评价，
#   就是**理性对比型**（`comparison`）；
# * 其余的是**冲动型**（`impulse`）。
#
# 因为这家店是模拟出来的，我们可以拿规则的结果和隐藏的真实类型做比较：规则给出的类型，
# 有多大比例和模拟器实际设定的类型一致？

# %%
behaviour = segments.behaviour_segments(archive, store.visits)
truth = store.truth.set_index("customer_id")["behaviour"]
buyers = behaviour.index[archive["orders"] > 0]
agreement = pd.crosstab(
    behaviour[buyers].rename("rule_says"), truth.reindex(buyers).rename("truth")
)
agrees = (behaviour[buyers].astype(str) == truth.reindex(buyers).astype(str)).mean()
print(i18n.t("text.rule_agrees", share=agrees))
i18n.show(agreement, kinds={"rule_says": "behaviour", "truth": "behaviour"})

# %% [markdown]
# 理性对比型客户很容易识别（浏览页数多、会看评价）。忠诚复购型和冲动型之间的重叠比较多：
# 只买过一次，很难看出一个人的购物习惯。真实的店铺没有“真实类型”这一列，规则出了错也看不出来，
# 所以要把规则公开写清楚，并定期回头检查。
#
# ## 5. 客户生命周期阶段
#
# 行业文章按生命周期来跟踪客户。以客户档案的截止日期为准（规则见 `segments.LifecycleRule`），
# 每个买家只属于一个阶段，按下面的顺序判断：**新客户**（`new`）：首次购买在最近 90 天内；
# 否则看最近一次购买：不到 182 天的是**活跃**（`active`）客户；在 182-365 天前的是
# **沉睡**（`sleeping`）客户；超过一年的是**流失客户**（`churned`）；从没买过的是**潜在客户**
# （`prospect`，也就是第 3 节的“未购买”客户）。因为新客户单独算一个阶段，这里的“活跃客户”阶段不含新客户，
# 人数比第 2 节的 KPI 少：KPI 的 5,871 位活跃客户 = 下表的 1,781 位新客户 + 4,090 位活跃客户。
#
# 各条规则、各个笔记本用的期限都一样：以 182 天（6 个月，教材给的数字）划分活跃客户和流失风险客户；
# 生命周期再以一年为界，把流失风险客户分成沉睡客户和流失客户。所以第 3 节的流失风险客户，正好就是这里的沉睡客户加流失客户。

# %%
stage = segments.lifecycle_stages(archive)
i18n.show(stage.value_counts().reindex(segments.LIFECYCLE_STAGES).to_frame("customers"))

# %% [markdown]
# ## 6. RFM
#
# RFM 从三个方面给每个买家打分：**R**（最近一次消费：距离上次购买的天数）、
# **F**（消费频率：已完成订单数）和 **M**（消费金额：扣除退款后的净消费额）。
# 这三个字母取自 Recency、Frequency、Monetary 三个英文单词的首字母。
# 每项都打 1 分（最差）到 5 分（最好）：把买家从最差到最好排好，按人数平均分成五份，
# 最前面五分之一的买家得 1 分，下一个五分之一得 2 分，依此类推（这叫按五分位数打分）。
#
# **方向**：对 R 来说，天数*越少*越好，最近刚买过的买家 R = 5。网上很多照抄来的教程直接按天数
# 升序打分（天数越多分数越高），结果把 5 分给了离开最久的客户；
# `rfm.quintile_scores(..., higher_is_better=False)` 可以避免这个错误，程序里有自动检查，保证方向不会被弄反。
#
# **买得一样多，分数也一样**：将近一半的买家（48.8%）只买过一次，他们的 F 都是 1 分，
# 人数远远超过五分之一。所以下表中 F = 2 一个人也没有，F = 3 表示正好两笔订单。
# （分数相同的买家具体怎样打分，见表后的选学部分。）

# %%
table = rfm.rfm_scores(rfm.rfm_table(archive))
i18n.show(
    pd.DataFrame(
        {score: table[score].value_counts().reindex(range(1, 6), fill_value=0) for score in "RFM"}
    ).rename_axis("score")
)

# %% [markdown]
# ### 深入（选学）：分数相同的买家怎样打分
#
# > 选学内容：按五分位数打分时，数值完全相同的买家怎样处理。跳过它不影响后面的核心内容。
#
# 很多买家的数值完全相同时（叫作“并列”），按人数五等分就会遇到麻烦：同样只买过一次的两个人，
# 可能一个落在前五分之一、一个落在第二个五分之一。这里的规则是：数值相同的买家总是得到相同的分数，
# 也就是这一组买家在排好的队伍里**开始位置**所对应的分数。
#
# 以 F 为例：5,856 位只买过一次的买家（48.8%）排在最前面，从第 1 名开始，所以全部得 1 分；
# 他们占满了前 40%，还多出一截，于是 2 分这一档空着。正好买过两次的买家从第 48.8% 的位置开始，
# 落在 40%–60% 这一段，所以得 3 分。另一种做法是按表格里行的先后顺序，把完全一样的买家
# 硬分到不同的分数，那样两个一模一样的买家可能一个得 1 分、一个得 2 分，没有道理。
# 程序里有自动检查，保证这条规则不会被改掉。

# %% [markdown]
# ### R × F 分群图：十个分群
#
# 一种常见的分群图给 5 × 5 的 R × F 网格里的每一格都起了名字：“冠军客户”最近买过，
# 而且经常买；“重点挽回客户”以前经常买，但已经很久没买了；等等。
# 每一格只属于一个分群。十个分群的含义和常见做法如下（R、F 都是 1–5 分，5 分最好；
# 本店 F 没有 2 分，F = 3 就是正好买过两次，见上文）：
#
# | 组名 | R 和 F 的范围 | 是什么样的客户 | 店铺可以怎么做 |
# |---|---|---|---|
# | 冠军客户 | R = 5，F = 4–5 | 最近刚买过，而且经常买 | 给会员权益、新品抢先看，请他们写评价、推荐朋友 |
# | 常购客户 | R = 3–4，F = 4–5 | 经常买，最近也来过 | 推荐相关商品，提高客单价；邀请加入客户群 |
# | 潜在常购客户 | R = 4–5，F = 2–3 | 最近买过，而且已经复购 | 用成长值和会员等级鼓励他们多买几次 |
# | 新近首购客户 | R = 5，F = 1 | 最近刚买了第一单 | 发欢迎消息和购物指南，做好售后，争取第二单 |
# | 有潜力客户 | R = 4，F = 1 | 近期只买过一次 | 发第二单优惠或个性化推荐 |
# | 需要关注 | R = 3，F = 3 | 最近一次购买和购买次数都在中间 | 提醒加小激励：限时优惠、会员权益提醒 |
# | 即将休眠 | R = 3，F = 1–2 | 有一段时间没来，买得也少 | 用短信、群消息低成本提醒，别让他们睡过去 |
# | 待挽回客户 | R = 1–2，F = 3–4 | 以前买得不少，但已经很久没来 | 回访了解原因，发挽回优惠 |
# | 重点挽回客户 | R = 1–2，F = 5 | 以前买得最多，却很久没来 | 最先召回：专人回访，力度较大的挽回优惠 |
# | 休眠客户 | R = 1–2，F = 1–2 | 很久没来，以前也买得少 | 偶尔低成本提醒，不要在他们身上花太多钱 |
#
# 下图每一格写着分群的名称和人数，颜色越深，买家越多。

# %%
grid = rfm.rf_segment_grid()
counts = (
    table.groupby(["R", "F"])
    .size()
    .unstack(fill_value=0)
    .reindex(index=[5, 4, 3, 2, 1], columns=range(1, 6), fill_value=0)
)
fig, ax = plt.subplots(figsize=(8, 5))
sns.heatmap(
    counts,
    annot=grid.map(lambda s: i18n.t(f"rf_segment.{s}")).to_numpy()
    + "\n"
    + counts.astype(str).to_numpy(),
    fmt="",
    cmap="Blues",
    cbar=False,
    ax=ax,
    annot_kws={"size": 8},
)
ax.set(
    title=i18n.t("fig.rf_grid_title"),
    xlabel=i18n.t("fig.f_score"),
    ylabel=i18n.t("fig.r_score"),
)
plt.show()

# %%
seg = rfm.rf_segments(table)
i18n.show(seg.value_counts().rename_axis("rf_segment").to_frame("buyers"))

# %% [markdown]
# ### 国内常用的 RFM 八类模型
#
# 国内电商团队常用一种更简单的方法：把 R、F、M 的*原始*数值（天数、订单数、元，而不是 1-5 分）
# 分别和它的**平均值**（也可以用中位数）比较，分成“高”和“低”，
# 于是得到 2 × 2 × 2 = 8 类。这里“R 高”同样表示*最近买过*：距离上次购买的天数**低于**平均值。
# 各类客户及其特征（↑ 高，↓ 低）如下：

# %%
i18n.show(rfm.cn8_meanings())

# %% [markdown]
# 本店的情况：

# %%
cn8 = rfm.cn8_classes(table, center="mean")
cn8_table = table.groupby(cn8, observed=True).agg(
    buyers=("orders", "size"),
    mean_days_since_last=("days_since_last", "mean"),
    mean_orders=("orders", "mean"),
    mean_spend=("spend", "mean"),
)
i18n.show(cn8_table.round(1))

# %% [markdown]
# 重要价值客户（最近买过、经常买、花钱多）应该享受会员专属权益。重要保持客户（经常买、花钱多，
# 但最近没动静了）和重要挽留客户（花钱多但买得少，最近也没动静了）平均已经一年左右没有购买
# （分别为 380 天和 436 天）：按生命周期规则，其中很大一部分（约一半）已经是流失客户，需要尽快用挽回
# 优惠召回，而不是一般的提醒。
# 一般发展客户（最近只买过一次、金额不大）最值得争取第二次购买，促成第二单在这里效果最明显。
#
# 注意名称的区别：R × F 分群里的“新近首购客户”（`new`，R = 5、F = 1：最近刚买过一次）和
# 生命周期阶段里的“新客户”（`new`，首次购买在最近 90 天内）不是一回事，统计出来的人数也不同。
#
# “很久没来”的客户也有好几种叫法，各自出自不同的分法，人数也不同：
#
# | 叫法 | 出自哪种分法 | 规则 | 本店人数 |
# |---|---|---|---|
# | 流失风险客户 | 第 3 节价值细分 | 已有 182 天及以上没有购买 | 6,129 |
# | 沉睡客户 | 第 5 节生命周期 | 最后一次购买在 182–365 天前 | 2,784 |
# | 流失客户 | 第 5 节生命周期（笔记本 08 的客户等级也用它） | 超过 365 天没有购买 | 3,345 |
# | 即将休眠 | 第 6 节 R × F 分群 | R = 3，F = 1–2 | 1,100 |
# | 休眠客户 | 第 6 节 R × F 分群 | R = 1–2，F = 1–2 | 2,978 |
#
# 前三种按天数划分：沉睡客户加流失客户正好是流失风险客户（2,784 + 3,345 = 6,129）。R × F 分群按
# 得分划分：R 只有 1–2 分，说明这位买家在全部买家里属于最久没来的五分之二，和天数门槛对不上。

# %% [markdown]
# ## 7. 全程互动：售前、售中、售后
#
# 教材 §7.1 要求在一笔交易的前、中、后都和客户保持互动：**售前**用弹窗、智能客服和提醒接待潜在客户，
# **售中**做订单确认、告知发货进度，**售后**做满意度回访、快速处理问题、发感谢信息。
# 店铺的数据能看到每个环节的一部分，下面三张表各看一个环节。
#
# **售前。** 每次进店访问都记下了买家有没有咨询客服、最后有没有下单：

# %%
i18n.show(sale_stages.pre_sale(store.visits))

# %% [markdown]
# 咨询过客服的 16,246 次访问里，5,126 次下了单，转化率约 32%；没有咨询的访问转化率约 51%。
# 问过客服的反而买得少，是客服没用吗？**换位思考**一下：已经拿定主意的买家直接下单，
# 会来提问的多半还在犹豫、在比较（第 4 节的理性对比型买家）。这张表只说明“提问的人更难成交”，
# 说明不了客服有没有用；售前客服的任务，正是把这些犹豫的人留住（笔记本 08 第 6 节会看响应速度和成交的关系）。
#
# **售中。** 下单以后，买家还要付款：

# %%
i18n.show(sale_stages.during_sale(store.orders))

# %% [markdown]
# 33,327 笔订单里有 31,532 笔付了款（约 95%），一半的订单在下单后 8 分钟内付款；
# 另有 1,795 笔没付款就关闭了。售中的订单确认和付款提醒，就应该在这几分钟到十几分钟里发出，
# 太晚发，买家可能已经走了。订单表里没有发货和物流记录，所以“告知发货进度”这一项在数据里看不到。
#
# **售后。** 退货和投诉都记下了原因：

# %%
i18n.show(sale_stages.after_sale(store.service), kinds={"reason": "service_reason"})

# %% [markdown]
# 退货的前三个原因是不喜欢/不想要（30%）、尺寸不符（29%）和颜色与图片不符（21%）；
# 投诉最多的是物流太慢（34%）、商品质量（30%）和描述不符（20%）。其中一半左右，
# 店铺在售前就能预防：写清尺码表、用不偏色的实拍图、如实描述商品，发货慢就提前告诉买家。
# 这正是笔记本 05 讲的提高满意度的办法：让买家的预期和实际收到的东西一致。
#
# ## 课堂讨论
#
# 1. §7.1 讲的 CRM 基本方法中，哪些在这个笔记本里用数据实现了？哪些需要靠人去做（回访、活动、培训）？
# 2. 按我们的价值规则，八个月前花了 5,000 元的买家和只花了 50 元的买家一样，都被归为“流失风险”。
#    这是店铺想要的结果吗？你会怎样修改这条规则？
# 3. 实体店和网店在互动渠道、收集客户信息的方式和响应速度上，有哪些不同？
# 4. **换位思考**：假如你是一位正在犹豫、来问客服“这个包装得下 14 寸电脑吗”的买家，什么样的回答会让你下单？
#    对照第 7 节售后原因表里的“尺寸不符”，店铺在售前可以主动做些什么？
#
# ## 小结
#
# * 客户档案把客户资料、购买记录（只算已完成订单，扣除退款）和互动记录整合在一起，个人信息已脱敏。
# * 复购率、客单价、活跃客户数和获客成本概括了店铺的整体情况；本店的收入比较集中，但达不到二八开。
# * 细分规则是人为设定的参数，不是客观事实：要把规则写清楚、检验它，并定期修订。
# * 售前、售中、售后的互动都留在数据里：提问的买家更难成交，下单后几分钟内是付款提醒的时机，退货和投诉的原因指出售前能预防什么。
# * RFM 奖励*最近*购买的买家（R 的方向不能弄反）；数值相同的买家得到相同的分数；10 个分群的分群图和八类模型把分数变成具体行动。
#
# **练习**：`exercises/zh/01_crm_basics_exercises.ipynb`。**下一个笔记本**：`02_customer_sources`。
