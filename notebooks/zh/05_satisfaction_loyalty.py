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
# # 05 · 满意度与忠诚度
#
# **教材：** §7.4 提高客户忠诚度。
#
# **满意度**是客户把实际体验和自己的预期相比较后作出的评价。**忠诚度**是客户稳定的
# 购买倾向：愿意再次光顾、愿意多花钱、对价格不那么敏感，还会向别人推荐这家店。
# 教材指出：满意度是忠诚度的前提，但满意不等于忠诚。一个满意的客户，如果和店铺没有
# 情感联系，也没有其他激励，遇到更便宜的价格照样会离开。那么，满意的客户都是忠诚的吗？
# 本笔记本用店铺的满意度调查问卷，以及受访者在调查之后的实际行为来回答这个问题。
#
# **学习目标**（学完本笔记本，你能够）
#
# 1. 数出各档打分的人数，算出 CSAT 和 NPS，并说出它们的定义；
# 2. 用调查之后的实际购买行为衡量忠诚度，观察期还没有结束的客户不计入；
# 3. 画出并读懂满意度–忠诚度曲线，说明为什么只做到“满意”还不够；
# 4. 把客户分成忠诚型、图利型、人质型和叛离型四类，看清“满意却不忠诚”的是哪些客户；
# 5. 说出提高满意度和忠诚度的办法（§7.4）。
#
# 最后一节“深入（选学）：复购预测模型”是选学内容，跳过它不影响其余各节的学习。

# %%
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from crmlib import i18n
from crmlib import satisfaction as sat
from crmlib.archive import build_archive
from crmlib.datasets import load_store

sns.set_theme(style="whitegrid")
i18n.set_language("zh")
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
surveys = store.surveys

# %% [markdown]
# ## 1. CSAT 和 NPS
#
# 部分买家在首次下单后回答了两个问题：“您对这次购物满意吗？”（1–5 分）和
# “您有多大可能把我们推荐给朋友？”（0–10 分）。
#
# * **CSAT**（客户满意度得分）在这里指打 4 分和 5 分的人所占的比例。有些报告用的是*平均分*，
#   所以一定要说明用的是哪一种。
# * **NPS**（净推荐值）= 推荐者（9–10 分）所占的百分比 − 贬损者（0–6 分）所占的百分比；
#   被动者（7–8 分）只计入总人数。NPS 的取值范围是 −100 到 +100。
#
# 下表第一行是全部答卷，下面几行按渠道大类分组。分组以后，每组只有几百份甚至更少的回答，
# 算出的 NPS 说不太准：最后两列是 NPS 的 95% 置信区间（和笔记本 02 一样：真实的 NPS 大致落在
# 这两个数之间），回答越少，这个范围越宽。

# %%
family = archive["channel_family"].reindex(surveys["customer_id"]).set_axis(surveys.index)
overall = sat.satisfaction_by(surveys)
by_family = sat.satisfaction_by(surveys, family.rename("channel_family"))
i18n.show(pd.concat([overall, by_family]).rename_axis("channel_family").round(2))

# %% [markdown]
# 大多数受访者是满意的（CSAT 约为四分之三），但 NPS 只比零高一点点：满意并不等于热情。
# 社交裂变带来的客户是明显的例外。站外流量只有 50 份回答，区间从 −42 一直到 +2，说明不了多少问题。
#
# **谁回答了问卷？** 受访者不是随机挑选的：问卷邀请只发给了 40% 的买家，而且投入度高、
# 更忠诚的客户回答得更多。因此，下面的所有结论描述的都是受访者，他们很可能比一般买家
# 更忠诚。
#
# ## 2. 调查之后的忠诚度
#
# 对每一位受访者，我们看他们接下来实际*做了*什么：
#
# * 调查后 365 天内有没有已完成的订单（只统计调查日期距离数据截止日至少 365 天的受访者，
#   否则“没有复购”可能只是“还没到时候”）；
# * 每年的订单数和消费金额；
# * 价格敏感度（使用优惠券或折扣购买的订单所占的比例）。
#
# 本笔记本后面说的“复购率”都是指第一条：调查后 365 天内又有已完成订单的受访者所占的比例。
# 它只看调查后这一年，和笔记本 01 的复购率（至今买过两次及以上）不是同一个数。

# %%
loyalty = sat.loyalty_after_survey(surveys, store.orders, AS_OF, window_days=365)
eligible = loyalty.dropna(subset=["repurchased"])
print(i18n.t("text.respondents_window", respondents=len(loyalty), eligible=len(eligible)))
i18n.show(
    eligible.groupby("csat")[["orders_per_year", "spend_per_year", "promo_share"]].mean().round(2)
)

# %% [markdown]
# 上表只统计观察满一年的 830 位受访者：从 1 分到 4 分，每年的订单数和消费额都不高（每年 0.6 到 1.1 单）；
# 到 5 分一下子跳上去（每年 3.0 单、609 元）。用券/折扣订单占比并没有随满意度升高而下降（1、2 分是 0.26 到 0.28，
# 3 到 5 分是 0.32 到 0.36）：满意的受访者并没有因此对价格不那么敏感。

# %% [markdown]
# ## 3. 满意度–忠诚度曲线
#
# 琼斯和萨瑟（Jones & Sasser）1995 年在《哈佛商业评论》上发表的《为什么满意的客户会流失》
# 一文发现，满意度和忠诚度的关系不是一条直线：仅仅“满意”的客户（5 分中打 4 分）流失的比例，
# 远远高于“完全满意”的客户（打 5 分）。下面按满意度评分分组，算出每组在调查后一年内的复购率，
# 画成折线图。图上每个点的竖线是 95% 置信区间：这一组的人数越少，竖线越长，这个复购率也就越说不准。

# %%
curve = sat.satisfaction_curve(loyalty, "csat")
fig, ax = plt.subplots(figsize=(7, 4))
ax.errorbar(
    curve.index,
    curve["repurchase_rate"],
    yerr=[curve["repurchase_rate"] - curve["low"], curve["high"] - curve["repurchase_rate"]],
    marker="o",
    capsize=4,
)
ax.set(
    xlabel=i18n.t("fig.csat_axis"),
    ylabel=i18n.t("column.repurchase_365d"),
    title=i18n.t("fig.satisfaction_vs_loyalty"),
    xticks=range(1, 6),
    ylim=(0, 1),
)
plt.show()
i18n.show(curve.round(3))

# %% [markdown]
# 从 1 分到 2 分，复购率几乎没有变化：只要客户还不满意，分数高一点也不会让他更愿意回来
# （琼斯和萨瑟把这一段叫作“叛离区”）。从 2 分开始，每高一分，复购率就上升一截，而且最后一步
# 升得最多：完全满意的客户（5 分）回来购买的比例远高于仅仅满意的客户（4 分），大约是 80%
# 对 62%。曲线向上弯曲，这正是两位学者描述的关系：只做到“满意”还不够，
# 打“完全满意”的受访者回来购买得最多。
#
# 不过，这只是在自愿答卷的受访者中看到的关联，并不能证明提高评分就能让客户回头：也可能是
# 本来就忠诚的客户爱打高分。要弄清某项措施有没有用，得做试验：随机挑一半客户实施这项措施，
# 再和另一半比较。
#
# 按推荐意愿评分来看，大体趋势相同，但每组人数更少，数字有起伏：
# 10 分（77%）并不比 9 分（79%）高，5 分也比 4 分低：

# %%
i18n.show(sat.satisfaction_curve(loyalty, "nps").round(3))

# %% [markdown]
# ## 4. 四类客户
#
# 把满意度和实际行为交叉起来看：CSAT 打 4 分或 5 分算“满意”，调查后 365 天内再次购买算“忠诚”
# （这条规则写在 `sat.QuadrantRule` 里），就得到琼斯和萨瑟提出的四类客户：
#
# | | 忠诚 | 不忠诚 |
# |---|---|---|
# | **满意** | 忠诚型客户（其中最忠实、还主动向别人推荐本店的，叫“传道者”） | **图利型客户**：满意但不忠诚 |
# | **不满意** | **人质型客户**：忠诚但不满意 | 叛离型客户 |
#
# 输出的表格显示中文名称；代码里用英文代号区分这四类：`loyalist`（忠诚型）、`mercenary`（图利型）、
# `hostage`（人质型）、`defector`（叛离型）。

# %%
kind = sat.quadrants(loyalty, sat.QuadrantRule(satisfied_from=4))
i18n.show(kind.value_counts().reindex(list(sat.QUADRANTS)).to_frame("respondents"))

# %% [markdown]
# 图利型客户是些什么样的客户？把他们和忠诚型客户比一比：看看他们对价格的敏感程度，以及把他们
# 带来的渠道。（昵称已做脱敏处理。）

# %%
profile = loyalty.assign(
    customer_type=kind, channel_family=archive["channel_family"].reindex(loyalty.index)
)
i18n.show(
    profile.groupby("customer_type", observed=True)
    .agg(
        respondents=("csat", "size"), promo_share=("promo_share", "mean"), mean_nps=("nps", "mean")
    )
    .round(2)
)

# %%
i18n.show(
    pd.crosstab(profile["customer_type"], profile["channel_family"], normalize="index").round(2)
)

# %%
mercenaries = profile.index[profile["customer_type"] == "mercenary"]
i18n.show(
    archive.loc[
        mercenaries[:5], ["nickname", "acquisition_channel", "orders", "spend", "promo_share"]
    ].round(2)
)

# %% [markdown]
# 平均来看，图利型客户比忠诚型客户更常用优惠或折扣下单（订单占比 42% 对 31%），也更多来自站内付费流量：
# 他们满意的是那一次的优惠，而不是这家店。单个客户会有例外（上面五位只是名单里的前五位；
# 他们的订单数和用券比例统计的是全部历史，而“不忠诚”只看调查后一年）：结论看的是平均值。
# 人质型客户（不满意，却仍在购买）是一个警告信号：他们只是迫不得已才
# 留下来，一旦有机会就会离开，而且离开时会大声抱怨。
#
# ## 5. 怎样提高满意度和忠诚度（§7.4）
#
# 上面的数据说明了两件事：客户要“完全满意”才最可能回来；满意的客户里，还有一批只冲着优惠来的
# 图利型客户。教材从两方面给出了办法：
#
# * **提高满意度**：保证商品质量；商品描述准确，不夸大；网店页面和客服服务流畅；
#   不过度承诺，管理好客户的预期。
# * **提高忠诚度**：**客户关怀**（售后跟进、情感关怀、节日和生日问候、促销推送）用来建立
#   情感联系；**特权**（会员价、一对一服务、抢先购买、专属活动）给客户一个再次光顾的理由，
#   而这个理由不是下一次打折。这两种手段正是针对图利型客户的。

# %% [markdown]
# ## 深入（选学）：复购预测模型
#
# > 选学内容：用统计模型预测哪些受访者会复购，检验预测准不准，并说明模型不能得出哪些结论。跳过它不影响后面的核心内容。
#
# 哪些因素能预测客户在调查后 180 天内会不会复购？我们只用*调查时*已经知道的特征：
# 满意度评分、推荐意愿评分、首单金额、首单是否使用了优惠券或折扣（反映价格敏感度）、调查前的投诉次数、
# 渠道大类、是否加入客户群、是否为 88VIP。用 2024 年参加调查的受访者训练模型（训练集），
# 用 2025 年参加调查的受访者检验模型（测试集）。测试集就是**留出集**：故意留出来、不参与训练的数据，
# 专门用来检验预测准不准。这和店铺实际使用模型的方式一样：用过去的数据预测未来。
# 我们试了两种模型：**逻辑回归**，以及把许多棵小决策树组合在一起的**梯度提升模型**。

# %%
loyalty180 = sat.loyalty_after_survey(surveys, store.orders, AS_OF, window_days=180)
features = sat.repurchase_features(loyalty180, archive, store.orders, store.service)
train, test = sat.time_split(loyalty180, "2025-01-01")
y = loyalty180["repurchased"].astype("float")
results = {}
for kind_name in ("logistic", "boosting"):
    model = sat.repurchase_model(kind_name, random_state=0)
    results[kind_name] = sat.evaluate(
        model, features.loc[train], y.loc[train], features.loc[test], y.loc[test]
    )
print(i18n.t("text.train_test", train=len(train), test=len(test)))
scores = pd.DataFrame({name: result.scores() for name, result in results.items()})
i18n.show(scores.rename_axis("metric").round(3))

# %% [markdown]
# 表中第一行 **ROC AUC**（排序能力）的含义是：随机抽一位复购的客户和一位没有复购的客户，
# 模型把复购客户排在前面的概率（0.5 相当于抛硬币，1 表示完美）。第二行**布里尔分数**是预测概率
# 和实际结果（复购记 1，没复购记 0）之差的平方的平均值，越低越好。第三行“测试集实际复购率”0.542
# 是测试集里真正复购的比例：一个永远只猜这个平均值的模型，布里尔分数是 0.542 × 0.458 ≈ 0.248，
# 所以 0.225 只是略有改进。梯度提升模型并不比逻辑回归好，所以我们保留更简单、更容易看懂的逻辑回归。
#
# 这里的观察期改用 180 天而不是 365 天：2025 年的受访者到数据截止日还不满一年。2025 年的 813 位
# 受访者中，只有答卷较早、已满 180 天的 395 位进入测试集。
#
# 逻辑回归的**校准**好不好？也就是说，它给出的概率是否名副其实：预测复购概率 30% 的客户里，
# 是否真有约 30% 复购？下面把测试集的客户按预测概率从低到高分成五组，比较每组的平均预测概率和
# 实际复购率：

# %%
calibration = results["logistic"].calibration
fig, ax = plt.subplots(figsize=(4.5, 4.5))
ax.plot(
    calibration["mean_predicted"],
    calibration["observed"],
    marker="o",
    label=i18n.t("column.logistic"),
)
ax.plot([0, 1], [0, 1], ls="--", c="grey", label=i18n.t("fig.perfect_calibration"))
ax.set(
    xlabel=i18n.t("fig.predicted_probability"),
    ylabel=i18n.t("fig.observed_repurchase_rate"),
    title=i18n.t("fig.calibration_title"),
)
ax.legend()
plt.show()
i18n.show(calibration.round(3))

# %% [markdown]
# 大体上是名副其实的：中间三组几乎落在对角线上。两端的预测都偏低：预测概率最低的一组预测 25%、
# 实际有 32% 复购；最高的一组预测 74%、实际 84%。不过每组只有 79 人，这样大小的差距仍在偶然
# 波动的范围内。
#
# 哪些特征更重要？逻辑回归把复购的**对数几率**（复购概率除以不复购概率，再取对数）表示为各个特征的
# 加权和。数值特征做了**标准化**（换算成比平均值高或低几个标准差），类别特征做了**独热编码**
# （每个类别一列 0/1，“是/否”类的标记只用一列），所以系数能显示每个特征的
# 作用方向和相对大小：系数为正，表示更可能复购；为负，表示更不可能；绝对值越大，影响越大。
# 这只能粗略比较：“是/否”标记的系数表示从“否”变成“是”，数值特征的系数表示增加一个标准差；
# 而且满意度评分和推荐意愿评分高度相关，两者分摊了权重。站外流量的系数只基于训练集里几十位受访者，
# 应当把它看作噪声。

# %%
logistic = sat.repurchase_model("logistic").fit(features.loc[train], y.loc[train])
names = logistic[0].get_feature_names_out()
coefficients = pd.Series(logistic[-1].coef_[0], index=names, name="coefficient")
i18n.show(coefficients.sort_values().round(3).rename_axis("feature").to_frame())

# %% [markdown]
# 影响最大的是“已加入客户群”（0.52）和满意度评分（0.45）；站内付费流量（−0.40）最不利于复购。
#
# **模型不能说明什么。** 模型能做预测，但不能解释原因。加入客户群的客户复购更多，但也可能只是
# 忠诚的客户更愿意进群。满意度高的客户复购也多，但这些
# 数据无法告诉我们：提高一位客户的满意度，会不会*使*他回来购买——也可能只是忠诚的客户
# 本来就爱打高分。受访者是自己选择回答问卷的一群人，所以这个模型不一定适用于从不回答
# 问卷的客户。要知道哪种关怀措施真正有效，办法是做试验：随机挑一半客户实施这项措施，
# 再和另一半客户比较。
#
# ## 课堂讨论
#
# 1. 满意的客户都是忠诚的吗？请结合满意度–忠诚度曲线和图利型客户来回答，并说说店铺怎样
#    才能避免“满意却不忠诚”的客户流失。
# 2. 评价一次你见过的店铺客户关怀活动（例如生日优惠券、收货后的回访消息）。它能触达
#    哪些客户？你会怎样衡量它是否有效？
# 3. 为什么说人质型客户对店铺的危险可能比叛离型客户更大？
#
# ## 小结
#
# * CSAT（打 4、5 分的人所占的比例）和 NPS（推荐者占比 − 贬损者占比）衡量的是不同的东西；
#   回答少的分组 NPS 说不太准，还要说明是哪些人回答了问卷。
# * 忠诚度要用调查之后的实际行为来衡量，而且只统计已经结束的观察期。
# * 曲线在低分段平缓、在高分段陡峭：打“完全满意”的受访者回来购买得最多。
# * 图利型客户满意，但比忠诚型客户对价格更敏感；要留住他们，靠的是客户关怀和特权，而不是打折。
# * 提高满意度靠商品质量、准确的描述、流畅的服务和管理好预期；提高忠诚度靠客户关怀和特权。
# * （选学）复购模型给客户排序的效果中等；它无法告诉我们什么措施能改变客户的行为。
#
# **练习：** `exercises/zh/05_satisfaction_loyalty_exercises.ipynb`。
