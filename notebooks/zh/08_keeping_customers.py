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
# # 08 · 维护客户关系：客户分级、智能触达与 A/B 测试
#
# **教材：** §7.3 维护客户关系（客户分级与差异化服务；§7.3.3 维护客户资源中的智能触达；§7.3.4 留住客户），
# §7.5 搭建客户互动平台。
#
# 开发一位新客户的成本，比留住一位老客户高得多。所以 §7.3 要求网店给客户**分级**，分成四个
# **客户等级**（普通客户、成长客户、成熟客户、流失客户；它们和笔记本 04 的会员等级不是一回事），
# 对不同等级的客户提供不同的服务，并在合适的时间把合适的信息
# 发给合适的人，例如千牛后台的**智能触达**：选一个系统推荐的人群，在选定的时间给他们发短信。
# 这样一条短信到底**有没有用**，只有做试验才能回答，这种试验就是 **A/B 测试**。本笔记本用我们
# 这家店的数据把这三件事都做一遍；其中的优惠券活动是模拟出来的，模拟器知道它对每位客户的
# 真实效果。
#
# **学完这个笔记本，你能够**
#
# 1. 按教材的四个等级给客户分级，观察等级构成随时间的变化，并为每个等级
#    配上相应的服务；
# 2. 把人群变成可以发送的受众：去掉没有同意接收营销信息的客户和最近刚发过消息的客户
#    （发送频率上限），并选好发送时间；
# 3. 设计一次 A/B 测试：随机分组，比较两组的购买率，读出优惠券带来的提升，并和模拟器的真实值比较；
# 4. 算清一次活动的成本和收益，按客户等级判断发给谁才划算；
# 5. 分清客户群本身的作用和“忠诚的客户本来就爱进群”，并比较教材介绍的几种互动平台（§7.5）；
# 6. 统计服务质量（首次响应时间、解决率），并说清它和客户购买之间的关系能说明什么、不能说明什么。
#
# 标为“深入（选学）”的四个小节（测试需要多少客户、置信区间和 p 值、提升模型、加权比较）是选学内容，
# 跳过它们不影响其余部分的学习。

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from IPython.display import display

from crmlib import community as cm
from crmlib import customer_grades as cg
from crmlib import experiments as ex
from crmlib import i18n
from crmlib import outreach as out
from crmlib import service_quality as sq
from crmlib import uplift as up
from crmlib.acquisition import compare_groups
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.datasets.campaigns import (
    Campaign,
    previous_contacts,
    run_campaign,
    true_opt_out,
    true_rates,
)

sns.set_theme(style="whitegrid")
i18n.set_language("zh")
pd.set_option("display.float_format", "{:,.3f}".format)
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)

# %% [markdown]
# ## 1. 客户分级（§7.3）
#
# §7.3 按两类价值给客户分级：一类是**可以量化的价值**（消费金额、购买频率、购买的件数和品类），
# 另一类是数字反映不出来的价值（影响力、口碑：客服心里有数，数据里却没有）。可以量化的部分
# 写成一条规则，各项门槛集中写在一处（想调整只改这一处）。截至 2026 年 1 月 1 日，按下面的顺序判断：
#
# * **流失客户**：超过 365 天没有购买（和笔记本 01 生命周期中的“流失”用同一个期限）；
# * **成熟客户**：近 12 个月消费至少 1,000 元、购买至少 3 次、买过至少 2 个品类；
# * **成长客户**（消费在上升）：近 12 个月至少购买 2 次，而且最近半年的消费至少是再往前半年
#   （6～12 个月前）的 1.5 倍；最近半年才第一次购买、已经买过 2 次的新客户也算成长客户；
# * **普通客户**：其余的成交客户；从没买过的客户记为“未购买”。
#
# 注意：这里的“普通客户”是客户等级，和笔记本 04 会员等级里的“普通会员”不是同一群人。

# %%
rule = cg.GradeRule()
grades = cg.grade_customers(store.orders, AS_OF, archive.index, rule)
counts = grades.value_counts().reindex(cg.GRADES).rename("customers").to_frame()
counts["share"] = counts["customers"] / counts["customers"].sum()
i18n.show(counts)

# %% [markdown]
# 表中的占比是相对全部 18,000 位客户而言的：在 12,000 位成交客户中，大约每 20 位有 1 位是
# 成熟客户（627 位），流失客户（3,345 位）超过了四分之一。等级构成是怎样变化的？
# 用同一条规则，每隔半年评定一次（只统计已经成交的客户）：

# %%
mix = cg.grade_mix(store.orders, ["2024-07-01", "2025-01-01", "2025-07-01", AS_OF], rule=rule)
fig, ax = plt.subplots(figsize=(8, 4))
i18n.show(mix.T).plot.bar(stacked=True, ax=ax, rot=0, color=sns.color_palette("Set2", 4))
ax.set(xlabel=i18n.t("column.as_of"), ylabel=i18n.t("column.customers"))
ax.set_title(i18n.t("fig.grade_mix_title"))
ax.legend(title=i18n.t("column.grade"))
plt.show()
i18n.show(mix)

# %% [markdown]
# 店铺在成长（每个日期的成交客户都比上一次多），成熟客户跟着增加，流失客户也在增加：从 2025 年
# 年中开始，第一批客户中有人已经一年多没有再买了。等级只是某一天的“快照”，同一位客户会在
# 不同等级之间移动。
#
# 每个等级都配有不同的服务（§7.3 举的例子：教材说的高价值客户，在这里就是成熟客户，有专属通道、优先发货和生日祝福；新客户
# 有欢迎消息），服务同样集中写在一处。表中的生日祝福、节日问候，
# 就是 §7.4 说的“客户关怀”：

# %%
i18n.show(cg.service_table())

# %% [markdown]
# §7.3.4 列出了留住客户的七种做法。本套笔记本的数据对每一种能说明什么：
#
# | 做法（§7.3.4） | 数据能说明什么 | 在哪里 |
# |---|---|---|
# | 美好包装，附赠好礼 | 数据本身说明不了；可以做测试（随机选一半客户送小礼物） | — |
# | 运用优惠策略 | 优惠券能打动谁、对谁只是白白打折 | 本笔记本第 3、4 节 |
# | 保持商品更新频率 | 新品预览该发给哪些客户 | 笔记本 03（标签） |
# | 建立客户社群 | 为什么“群成员买得多”不能证明社群有用 | 本笔记本第 5 节 |
# | 提升购物体验 | 响应时间、问题解决、投诉 | 本笔记本第 6 节；笔记本 05 |
# | 积极回应客户评价 | 谁在写评价、谁晒图 | 笔记本 01（客户档案） |
# | 提供个性化服务 | 客户等级、标签以及相应的服务 | 本笔记本第 1 节；笔记本 03 |

# %% [markdown]
# ## 2. 智能触达
#
# 店铺准备做一次活动：给所有不是成熟客户的成交客户发一条短信，附一张 **20 元优惠券**，
# 30 天内有效（成熟客户已经享受上面那些更丰富的服务）。发送之前，要先把人群变成**受众**：
# 没有同意接收营销信息（营销授权）的客户不能发；最近 7 天内已经收到过营销消息的客户也先不发，
# 免得打扰客户（这就是发送频率上限）。这些步骤对应教材里的操作：客户运营平台 → 运营计划 → 智能触达 →
# 短信触达 → 立即创建，教材里由系统推荐人群，这里用我们自己的分级规则选出人群，再设置发送时间（就是下面的发送时间）。店铺最近两周的发送记录由模拟器生成。没有人会被悄悄漏掉：
# 每一个被排除的客户都记录了原因。

# %%
crowd = grades.index[grades.isin(["ordinary", "growing", "churned"])]
contacts = previous_contacts(archive.index, AS_OF, share=0.15, days=14, random_state=0)
audience = out.audience(crowd, store.customers, contacts, AS_OF, out.OutreachRule(cap_days=7))
print(i18n.t("text.audience", crowd=audience.crowd, kept=len(audience.ids)))
i18n.show(audience.excluded.rename_axis("exclusion").to_frame())

# %% [markdown]
# **为什么要设发送频率上限？** 消息收得太频繁的客户，会干脆退订营销消息（行业文章常这样说；模拟器
# 假设：一般客户收到一条消息后有 0.5% 会退订，一周内已经收到过消息的客户则有 4% 会退订）。设不设
# 上限，预计退订的人数：

# %%
no_cap = out.audience(crowd, store.customers, contacts, AS_OF, out.OutreachRule(cap_days=0))
print(
    i18n.t(
        "text.opt_outs",
        with_cap=true_opt_out(audience.ids, contacts, AS_OF).sum(),
        extra=len(no_cap.ids) - len(audience.ids),
        without_cap=true_opt_out(no_cap.ids, contacts, AS_OF).sum(),
    )
)

# %% [markdown]
# **几点发送？** 看这批受众以前通常在几点付款；短信在高峰前一小时发出，希望正好赶上大家开始逛店
# （这只是一个假设，发送时间本身也可以用 A/B 测试来比较）：

# %%
hours = out.purchase_hours(store.orders, audience.ids)
send_at = out.best_send_hour(hours)
fig, ax = plt.subplots(figsize=(8, 3))
ax.bar(hours.index, hours.to_numpy(), color="tab:blue")
ax.axvline(send_at, color="tab:red", ls="--")
ax.set(xlabel=i18n.t("column.hour"), ylabel=i18n.t("fig.share_of_purchases"))
ax.set_title(i18n.t("fig.send_hour_title", hour=send_at))
plt.show()

# %% [markdown]
# ## 3. 优惠券有用吗？做一次 A/B 测试
#
# 给所有人都发券，然后数一数有多少人买了，这并不能说明优惠券的作用：其中很多人不发券也会买。
# 可靠的办法是 **A/B 测试**：从受众中随机抽一半人发短信（实验组，A 组），另一半不发，作为
# 对照组（B 组）。谁进哪一组完全由随机决定，所以两组在其他方面都差不多；30 天内购买的比例
# 之差，就是优惠券带来的效果，叫作**提升**。
#
# ### 深入（选学）：需要多少客户？
#
# > 选学内容：按显著性水平和检验功效，算出 A/B 测试每组至少需要多少客户。跳过它不影响后面的核心内容。
#
# 不发券时，这批受众 30 天内大约有 8% 会购买（实际店铺可以用上个月的数据
# 估计）。要发现 **2 个百分点**的提升（这叫**最小可检测效果**），按常用的 5% 显著性水平和
# 80% 的**检验功效**（效果确实有这么大时，测试能发现它的概率），每组需要：

# %%
base_rate = 0.08
n_needed = ex.sample_size(base_rate, 0.02, alpha=0.05, power=0.8)
print(i18n.t("text.sample_size", n=n_needed, total=2 * n_needed, audience=len(audience.ids)))

# %% [markdown]
# ### 分组和测试结果
#
# 受众有 7,440 人，足够做这次测试（需要多少人怎么算，见上面的选学小节）。我们把全部受众随机
# 对半分组，并固定随机种子，这样分组可以核对、也可以重做。然后由模拟器模拟接下来的 30 天。

# %%
group = ex.assign(audience.ids, treatment_share=0.5, random_state=8)
campaign = Campaign(coupon=20, days=30)
bought = run_campaign(store.truth, group, campaign, random_state=8)
result = ex.read(bought, group)
print(i18n.t("text.ab_result", result=result))
truth = true_rates(store.truth, campaign).loc[audience.ids]
print(i18n.t("text.ab_truth", uplift=100 * truth["true_uplift"].mean()))

# %% [markdown]
# 输出的第一行是测试结果：实验组有 9.3% 的人在 30 天内购买，对照组是 7.7%，发券让购买率提高了约 1.6 个
# 百分点。括号里的 95% 置信区间（+0.3 到 +2.9 个百分点；和笔记本 02 一样，真实的提升大致落在这两个数之间）
# 整个都在 0 以上，说明优惠券多半真有效果，
# 这个差距不像是碰运气碰出来的。第二行是模拟器才知道的真实值：真实的平均提升是 2.6 个百分点，
# 正好落在这个区间里。真实的店铺看不到这一行，手里只有测试结果。
#
# ### 深入（选学）：置信区间和 p 值
#
# > 选学内容：解释测试结果里的 p 值，以及 95% 置信区间更严格的含义。跳过它不影响后面的核心内容。
#
# p = 0.012 的意思是：如果优惠券其实没用，单靠运气出现至少这么大差距的可能大约只有百分之一
# （见笔记本 02）。95% 置信区间的意思是：如果把同样的测试重复做 100 次，大约有 95 次算出的区间
# 会把真实效果包含在内。
#
# ### 这次活动划算吗？
#
# 实验组里每一位购买的客户都会用券，包括那些不发券也会买的客户（从对照组
# 看，约占实验组的 7.7%），而只有提升的那部分才带来**多出来**的购买者。给全部 7,440 位受众发券的
# 账是这样算的：多出的购买人数 = 7,440 ×（9.3% − 7.7%）≈ 120，每人按平均客单价 201 元、40% 的
# 毛利率计算；优惠券成本 = 7,440 × 9.3% × 20 元；短信费 = 7,440 × 0.05 元。表中测得的数字旁边，
# 是模拟器的真实值：

# %%
order_value = archive["spend"].sum() / archive["orders"].sum()  # the mean order value
value_all = out.campaign_value(len(audience.ids), result.rate_b, result.rate_a, order_value)
value_true = out.value_from_rates(truth, len(audience.ids), order_value)
break_even = out.break_even_uplift(result.rate_b, order_value)
print(i18n.t("text.break_even", order_value=order_value, uplift=100 * break_even))
with pd.option_context("display.float_format", "{:,.0f}".format):  # yuan and counts
    display(
        i18n.show(pd.DataFrame({"measured": value_all, "true": value_true}).rename_axis("item"))
    )

# %% [markdown]
# 按测得的数字，发给所有人要亏约 4,500 元：发给本来就会买的人的优惠券，花掉的钱比多出来的购买者
# 赚的还多。输出第一行的“不亏本所需的提升”（2.6 个百分点）是说：提升至少要有这么大，多出来的毛利
# 才刚好抵得上优惠券和短信的花费。它落在测试的区间（+0.3 到 +2.9 个百分点）之内，所以这次测试说不清
# 这次活动到底亏不亏；模拟器的真实值其实接近不赚不亏。
#
# ## 4. 发给谁？按客户等级来选
#
# 优惠券对不同客户的效果不一样；把同一次测试按客户等级分开来看：

# %%
grade_of = grades.loc[audience.ids].astype(str)
by_grade = ex.uplift_by_segment(bought, group, grade_of)
by_grade = by_grade.reindex(["growing", "ordinary", "churned"]).rename_axis("grade")
i18n.show(by_grade)

# %%
fig, ax = plt.subplots(figsize=(6, 3))
points = 100 * by_grade[["uplift", "ci_low", "ci_high"]]
ax.errorbar(
    points["uplift"],
    i18n.names(by_grade.index, "grade"),
    xerr=[points["uplift"] - points["ci_low"], points["ci_high"] - points["uplift"]],
    fmt="o",
    capsize=4,
)
ax.axvline(0, color="grey", lw=1)
ax.set(xlabel=i18n.t("fig.uplift_axis"), title=i18n.t("fig.uplift_by_grade_title"))
plt.show()

# %% [markdown]
# 流失客户对优惠券的反应最大（约 3 个百分点，区间整个在 0 以上），而且不发券时他们很少会买（约 1%），
# 所以发给他们的券很少落到“本来就会买”的人手里。成长客户本来就常买（30 天内约 19%），测得的
# 提升接近 0，但区间很宽（−5.5 到 +4.3 个百分点），测试说不清券对他们有没有用。不过可以相当
# 有把握地说：每 100 位成长客户里，不发券也有约 19 位会买；即使券真能多带来 4.3 位（区间上限），
# 用券的约 23 位里也有 19 位本来就会买，也就是说，用掉的券至少四分之三落在本来就会下的订单上。
# 普通客户的提升约 1.4 个百分点，区间同样包含 0。
# 三种发法各能带来什么（最后一列是模拟器的真实值）：

# %%
sizes = grade_of.value_counts()
targets = {
    "everyone": list(by_grade.index),
    "churned_only": ["churned"],
    "churned_and_ordinary": ["churned", "ordinary"],
}
plans = {}
for name, chosen in targets.items():
    plan = out.value_of_targeting(by_grade, sizes, chosen, order_value)
    picked = truth.loc[grade_of.isin(chosen)]
    plan["true_net"] = out.value_from_rates(picked, len(picked), order_value)["net"]
    plans[name] = plan
with pd.option_context("display.float_format", "{:,.0f}".format):
    display(i18n.show(pd.DataFrame(plans).T.rename_axis("target")))

# %% [markdown]
# 只发给流失客户，同一张优惠券能赚约 3,700 元（真实值约 3,200 元）；发给所有人却是亏的。这正是
# §7.3 差异化服务的道理：同样的优惠，对一个等级是挽回的工具，对另一个等级只是白送。要注意：
# “只发流失客户”是看了这次测试的结果之后才选出来的，又用同一批数据来算账，数字会偏乐观；
# 店铺应当再做一次测试来确认。再加上普通客户，测得的净收益从约 +3,700 元变成约 −200 元，真实值
# 却仍约赚 2,900 元：普通客户不亏本所需的提升约为 2.8 个百分点（算法和第 3 节的 2.6 个百分点一样，
# 只是普通客户不发券时本来就有 8.2% 会买，白送的券更多），正好落在他们那条很宽的区间里。这样
# 规模的测试能认出流失客户，却判断不了普通客户。

# %% [markdown]
# ### 深入（选学）：用提升模型选发券对象
#
# > 选学内容：用提升模型预测优惠券对每一位客户的效果，再检验这样排序好不好。跳过它不影响后面的核心内容。
#
# 按等级划分还比较粗。**提升模型**根据客户档案里的信息，预测优惠券对**每一位**
# 客户的效果。**双模型法**的做法是：用实验组客户的档案，让电脑总结出“收到券的人里，哪些人会买”
# 的规律；再用对照组总结出“没收到券的人里，哪些人会买”的规律。两条规律对同一位客户的预测一相减，
# 就是券对他的预测提升。用到的客户信息有：成交订单数、近 12 个月消费、距最近购买天数、用券/折扣
# 订单占比、客单价、渠道大类、是否 88VIP。我们用测试中随机的一半客户来总结规律，用没参与总结的
# 另一半来检验。
#
# 检验用的是 **Qini 曲线**：把检验用的那一半客户排好序，只发给排在前面的一部分，数一数活动在
# 这部分客户中带来了多少“多出来的购买者”（实验组的购买人数减去对照组的购买人数，按人数折算到
# 同样规模）。灰色虚线是随机顺序；排序越好，曲线越往上拱。图中还画了店铺不做测试时可能会用的
# 两种排序：最近买过的排在前面（RFM 的 R），消费最多的排在前面（RFM 的 M）。**Qini 系数**把
# 一条曲线概括成一个数：大于 0 说明排序比随机好，越大越好。

# %%
features = ["orders", "spend_12m", "days_since_last", "promo_share", "aov"]
kinds = ["channel_family", "vip88"]
x = archive.loc[audience.ids, features + kinds].astype({"channel_family": str, "vip88": str})
x = x.fillna(0)  # aov of a customer without purchases in the archive is missing
treated = group == "treatment"
fit_half = ex.assign(audience.ids, 0.5, random_state=1) == "treatment"  # which half fits
model = up.TwoModelUplift(up.default_model(features, kinds), random_state=0)
model.fit(x[fit_half], treated[fit_half], bought[fit_half])
check_half = ~fit_half
rankings = {
    "uplift_model": model.predict(x[check_half]),
    "recent_first": -x.loc[check_half, "days_since_last"],
    "spend_first": x.loc[check_half, "spend_12m"],
}
curves = {
    name: up.qini_curve(score, treated[check_half], bought[check_half])
    for name, score in rankings.items()
}
fig, ax = plt.subplots(figsize=(7, 4))
for name, curve in curves.items():
    ax.plot(curve.index, curve["qini"], marker=".", label=i18n.t(f"ranking.{name}"))
ax.plot(curve.index, curve["random"], ls="--", color="grey", label=i18n.t("ranking.random"))
ax.set(xlabel=i18n.t("fig.share_targeted"), ylabel=i18n.t("fig.extra_buyers"))
ax.set_title(i18n.t("fig.qini_title"))
ax.legend()
plt.show()
coefficients = pd.Series({name: up.qini_coefficient(c) for name, c in curves.items()})
i18n.show(coefficients.rename_axis("ranking").rename("qini_coefficient").to_frame())

# %% [markdown]
# 提升模型的曲线在大部分范围内略高于随机线；但排在最前面的 30% 并不比随机好，说明它在最前面的
# 排序还很粗糙（曲线中点每组约 900 位客户，这里“多出来的购买者”单靠偶然就会上下波动约 12 人，
# 这是一个标准误，95% 的范围约为它的两倍；提升模型最多高出随机线约 24 人，仍在这个范围之内）。两种 RFM
# 排序的曲线几乎处处都在随机线**下面**：最近买过的和消费多的客户本来就会买，优先发给他们的券
# 大多白送了。
#
# 如果按各种排序只发给前 30% 的客户（购买率用检验那一半客户中测得的数值，再按全部受众折算），
# 并和随机选 30%、发给所有人相比，能赚多少（最后一列是同样这些客户在模拟器里的真实值）：

# %%
rng = np.random.default_rng(0)
rankings["random"] = pd.Series(rng.random(int(check_half.sum())), index=x.index[check_half])
recipients = round(0.3 * len(audience.ids))
plans = {}
for name, score in rankings.items():
    plan = up.top_share_value(
        score, treated[check_half], bought[check_half], 0.3, recipients, order_value
    )
    picked = truth.loc[up.top_share(score, 0.3)]
    plan["true_net"] = out.value_from_rates(picked, recipients, order_value)["net"]
    plans[name] = plan
plans["everyone"] = pd.concat([value_all, pd.Series({"true_net": value_true["net"]})])
with pd.option_context("display.float_format", "{:,.0f}".format):
    display(i18n.show(pd.DataFrame(plans).T.rename_axis("ranking")))

# %% [markdown]
# 只发给 30% 的客户，花的钱和多赚的钱都跟着变，所以公平的比较对象是“随机选 30%”（它本身也只是
# 一次随机抽取，同样有波动）。按测得的购买率，
# 提升模型选出的 30% 并不比随机选的好（提升模型约亏 1,900 元，随机选约亏 900 元）；每一行里每组只有约 560 人，这样的
# 差距属于随机波动，RFM 两行“多出的购买人数”为负数也是随机波动，并不是优惠券让人少买了。模拟器
# 对同样这些客户的真实值看得更清楚：提升模型的选择约赚 1,100 元，随机选大约不赚不亏，按 RFM 选
# 要亏约 3,700 到 4,200 元。提升模型只从 7,440 位客户中的一半学习，排序还很粗糙（客户档案看不到
# 客户对价格有多敏感，只能看到用券、来源渠道这些“痕迹”），在这里它并没有胜过第 4 节“只发流失客户”
# 的规则（真实值约赚 3,200 元）。

# %% [markdown]
# ## 5. 客户社群（§7.5）：社群本身带来了什么？
#
# §7.3 把建立客户社群列为留住客户的方法之一，§7.5 介绍了各种互动平台。我们这家店早期的买家中，
# 有 13% 加入了店铺的客户群（`community_member`）；笔记本 05 选学部分的复购模型里，
# “已加入客户群”也是影响最大的一项。这些**群成员**（已入群的客户）是**因为**进了群才回来买的吗？
# 取首次购买在 2024 年 7 月之前的买家，看他们到 2024 年底为止的购买行为，以及 2025 年有没有再买。
# 有三种回答：
#
# 1. **直接比较**：群成员 2025 年再次购买的比例，减去未入群客户的这一比例；
# 2. **调整后比较**：把未入群客户按 **2025 年之前**的表现（2024 年的订单数、消费、用券/折扣订单占比、
#    首单金额，以及来源渠道）“配平”，相当于只和那时表现与群成员相似的未入群客户比，这样这些行为就
#    解释不了差距；
# 3. **真实值**：在模拟器里，客户群对购买**没有任何**作用；只是忠诚的客户更愿意进群。

# %%
history = cm.before_and_after(store.orders, "2025-01-01", "2024-07-01")
member = archive.loc[history.index, "community_member"]
naive = cm.naive_gap(history["bought_after"], member)
print(i18n.t("text.community_naive", result=naive))
before = history[cm.BEFORE].assign(
    channel_family=archive.loc[history.index, "channel_family"].astype(str)
)
adjusted = cm.weighted_gap(
    history["bought_after"], member, before, cm.BEFORE, ["channel_family"], reps=200, random_state=0
)
print(
    i18n.t(
        "text.community_weighted",
        members=adjusted.members,
        others=adjusted.weighted_others,
        gap=100 * adjusted.gap,
        low=100 * adjusted.ci_low,
        high=100 * adjusted.ci_high,
    )
)
weights = cm.membership_weights(member, before, cm.BEFORE, ["channel_family"])
i18n.show(cm.balance(member, before, cm.BEFORE, weights).round(2))

# %% [markdown]
# 输出第一行是直接比较：群成员 2025 年再次购买的比例是 56.8%，未入群客户是 38.2%，差距约 19 个百分点。
# 第二行是调整后比较：和 2024 年表现相似的未入群客户相比，差距缩小到约 12 个百分点。但真实值是 0：
# 剩下的差距来自客户隐藏的忠诚度，而客户档案里没有哪一列记录它。只对测量到的因素做调整，
# 消除不了没有测量到的因素的影响。要想知道客户群到底带来了什么，店铺只能**测试**：随机邀请一半
# 客户进群，再和另一半比较，就像第 3 节那样。输出最后那张表是给下面的选学小节用的，核心内容只需要
# 读懂上面这两行的结论。
#
# ### 深入（选学）：调整后比较是怎么做的
#
# > 选学内容：说明怎样给未入群客户加权、怎样用输出最后那张表检查两组是否相似，以及区间是怎样用重抽样算出来的。跳过它不影响后面的核心内容。
#
# 调整后比较给未入群客户**加权**：2024 年的表现越像群成员的未入群客户，权重越大，让加权后的未入群客户在
# 2025 年之前和群成员看起来一样。输出最后那张表检查加权后两组是否真的相似。表中的**标准化差异**是两组某项特征的平均值之差除以标准差，
# 绝对值小于 0.1 一般就算相似：加权前，群成员的 2024 年订单数比未入群客户多 0.41 个标准差；加权后
# 大多接近 0，最大的是 2024 年订单数，绝对值 0.14，略超过常用的 0.1 标准。第二行的 95% 区间
# （+6.0 到 +15.9）是用**重抽样**得出的：从这些客户中有放回地重新抽样 200 次，每次重新加权、
# 重算一遍差距，取中间 95% 的范围。
#
# ### 客户群怎么用
#
# 这并不是说客户群没有用：群里聚集了不少忠诚的客户，在群里很容易联系到他们。群里发什么，可以参考上面
# 的标签和测试结果（给成长客户推新品、办会员活动、解答常见问题；优惠券只发给提升大的客户）。
# 教材介绍的几种互动平台：

# %%
i18n.show(cm.platform_table())

# %% [markdown]
# 千牛群是唯一和店铺客户系统绑定的平台（客户标签同步，订单一查就有）；其他平台能在客户已经
# 常去的地方找到他们，但需要人工维护。

# %% [markdown]
# ## 6. 服务质量（§7.1.2 ③）
#
# §7.1 把服务质量（响应快、能解决问题）列为留住客户的基础之一。`service` 表记录了每一次接待，
# 包括首次响应时间，以及问题有没有在这次接待中解决。客服团队常报的几项指标：

# %%
kpis = sq.service_kpis(store.service)
i18n.show(kpis.round(3).astype({"median_response_seconds": "int64"}))

# %% [markdown]
# 售前咨询（询单）大约半分钟就有回复，几乎都能解决；投诉的响应更慢，大约五分之一没有解决。
# 首次回复越快，询单就越容易变成购买吗？下面按首次响应时间分组，看售前咨询之后 30 天内购买的
# 比例（竖线为 95% 置信区间）：

# %%
outcomes = sq.contact_outcomes(store.service, store.orders, window_days=30)
by_band = sq.rate_by(outcomes[outcomes["kind"] == "pre_sale"], "response_band")
fig, ax = plt.subplots(figsize=(7, 3))
percent = 100 * by_band[["rate", "low", "high"]]
ax.errorbar(
    i18n.names(by_band.index, "response_band"),
    percent["rate"],
    yerr=[percent["rate"] - percent["low"], percent["high"] - percent["rate"]],
    fmt="o",
    capsize=4,
)
ax.set(xlabel=i18n.t("column.response_band"), ylabel=i18n.t("fig.bought_within_30_days"))
ax.set_title(i18n.t("fig.response_time_title"))
plt.show()
i18n.show(by_band.round(3))

# %% [markdown]
# 这条线是平的：30 秒内就得到回复的客户，和等了几分钟的客户，买的比例差不多（响应慢的几组人少，
# 所以区间很宽）。在这家模拟网店里，这就是真实情况：响应时间是随机生成的，和客户本身无关。真实
# 店铺的数据也许会看到一条斜线，但即使看到了，也不能证明是响应快“带来”了购买（大促期间回复慢，
# 客户的购买行为也不同）；要证明这一点，可以做一次排班测试（随机选一些日子加派客服、回复更快，
# 再比较）。投诉有没有解决，和之后 30 天内购买的关系：

# %%
complaints = outcomes[outcomes["kind"] == "complaint"]
i18n.show(sq.rate_by(complaints, "resolved").round(3))
print(
    i18n.t(
        "text.resolved_gap",
        result=compare_groups(complaints["bought_after"], complaints["resolved"]),
    )
)

# %% [markdown]
# 投诉得到解决的客户，之后购买的比例略高一些（17% 对 15%），但两者之差约 2.4 个百分点，95% 区间约为
# −3.5 到 +8.2：没有解决的投诉只有 187 次，数据还说不清楚。在这家模拟网店里，投诉更多来自不满意的客户
# （模拟器就是这样生成的），而投诉有没有解决是随机决定的，所以在这里它不会影响购买。把投诉解决好，
# 仍然是 §7.3.4 所说的“提升购物体验”的一部分。
#
# ## 课堂讨论
#
# 1. 教材的客户分级还要看数据反映不出来的价值（客户的影响力、评价、向朋友的推荐）。根据你自己
#    的经验，哪些客户会被这条规则低估？客服应该怎样把这些信息记录下来？
# 2. 本笔记本实现了 §7.1 中的哪些客户关系管理策略（教材 7.1 课堂讨论第 2 题）？哪些还需要靠人来做？
# 3. 客服人员可以怎样留住客户（教材 7.3 课堂讨论第 2 题）？结合客户等级和这次测试：你会给谁打电话、给谁发券、
#    对谁什么都不做？
#
# ## 小结
#
# * 客户等级（成熟、成长、普通、流失）来自一条写成数据的规则；店铺越来越“老”，等级构成随之变化，
#   每个等级配有自己的服务。
# * 受众 = 人群 − 没有营销授权的客户 − 最近刚发过消息的客户，每一个被排除的人都要计数；
#   在受众常逛店的时间发送。
# * 只有 A/B 测试才能衡量一次活动的效果：随机分组，用置信区间读出差异，并算上发给“本来就会买”
#   的客户的优惠券。
# * 要把券发给提升大的客户，而不是发给本来就买得多的客户：按客户等级看，这次只发流失客户最划算。
# * （选学）提升模型预测券对每位客户的效果；在这里（按模拟器的真实值）它比按 RFM 排序好，
#   但不如简单的“只发流失客户”。
# * 客户群的群成员买得多，但进群的本来就是忠诚的客户：按早先的行为调整只能去掉一部分差距，
#   客户群本身有多大作用，只有测试才能说清。
# * 服务质量按每一次接待来统计；响应速度和购买之间是平的还是斜的，都只是描述，要说清因果还得靠测试。
#
# **练习：**`exercises/zh/08_keeping_customers_exercises.ipynb`。
