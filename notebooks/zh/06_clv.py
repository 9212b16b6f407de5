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
# # 06 · 客户终身价值：预测每位客户将来还能带来多少毛利
#
# **教材对应：**行业文章中的关键指标——客户终身价值（CLV）；本节承接 §7.1 的价值细分（笔记本 01）和 §7.2.4 的会员等级（笔记本 04）。
#
# 一位客户值多少钱，不只看他过去花了多少，更要看他*将来*还会花多少。客户终身价值回答的就是这个问题：这位买家今后还会买几次？每次大约花多少？两者相乘、再乘以毛利率，就是他预计还能给店铺带来的毛利。本笔记本先用两个模型替店里每位买家做出这两项预测，再把结果排成一份 CLV 排名，用它来决定：该挽回哪些客户、不必追哪些客户，一个渠道的获客成本花到多少还划算，各价值分层和会员等级的预算怎么做。
#
# **学习目标**
#
# 学完本笔记本，你能够：
#
# 1. 用自己的话讲清 CLV 的算法：预计购买次数 × 每次平均金额 × 毛利率，并写明预测多长时间、按什么贴现率折算；
# 2. 说出两个模型各管什么：BG/NBD 模型预测客户还会买几次，Gamma-Gamma 模型预测每次花多少；并说出它们从每位客户的订单里用到的三个数：复购频次、首购到最近一次购买的时长和观察期长度；
# 3. 读懂存活概率（客户还没有离开店铺的可能性），并解释为什么只买过一次的客户，存活概率总是 1；
# 4. 读懂 CLV 排名，并据此做决定：列出挽回名单和“不必追”名单，用 CLV 衡量各渠道的获客成本是否划算，按组做预算。
#
# **选学：**标题中带“深入（选学）”的部分——第 2 节（模型参数与论文结果的复现）、第 3 节里的两项模型检验、第 4 节里的热力图、第 6 节（选哪个模型）和第 7 节（预测区间）——讲模型的拟合、检验和比较，跳过它们不影响其余内容。核心内容是第 1、3、4、5 节：CLV 是怎么算出来的，又怎样用它做决定。

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from crmlib import clv, i18n, tiers
from crmlib.archive import build_archive
from crmlib.datasets import load_cdnow, load_store
from crmlib.segments import value_segments

sns.set_theme(style="whitegrid")
i18n.set_language("zh")

# %% [markdown]
# ## 1. 客户终身价值：还会买几次 × 每次花多少
#
# 在本笔记本里，一位买家的 CLV = 未来 12 个月的预计购买次数 × 每次购买的平均金额 × 毛利率，再按**贴现率**把将来的钱折算成今天的钱。贴现率体现的是钱的时间价值：明年的一元钱不如今天的一元钱值钱，所以将来的钱要按每年一定的比例（本笔记本用 10%）打个折，算回今天的价值；它和笔记本 04 里会员打几“折”的折扣毫无关系。前两个数要靠预测，我们用两个经典模型：
#
# * **BG/NBD 模型**预测客户*还会买几次*。它这样设想：客户还没有离开店铺（模型说他还“存活”）时，按自己的节奏时不时买一次，有人一个月买一次，有人一年才买一次；每次复购之后，他都有一定的可能从此不再回来。网店的客户要走时不会打招呼，店铺只能从“很久没来”去推断他是不是已经走了。
# * **Gamma-Gamma 模型**预测客户*每次花多少钱*：每位客户都有自己的平均每单金额，他的每笔订单在这个平均数上下波动。买得多的客户，主要看他自己的平均数；只买过一两次的客户，模型会把他往全店的平均水平拉一拉。
#
# 两个模型用到的原料都在订单记录里。代码先把每位客户的已完成订单整理成一行摘要（代码里叫 `summary`），每行有三个数：
#
# * **复购频次**（`frequency`）：首次购买之后，又在几个不同的日子里下过单。首次购买那天不算；同一天买了几次，只算一天；只买过一次的客户是 0。
# * **首购到最近一次购买的时长**（`recency`）：从首次购买到最近一次购买，相隔多少天。只买过一次的客户是 0；这个数越大，说明最近一次购买来得越晚。
# * **观察期长度**（`T`）：从首次购买到数据截止日，相隔多少天，也就是我们已经观察这位客户多久了。
#
# 摘要里还记下每位客户复购时平均每单花了多少钱，给 Gamma-Gamma 模型用。
#
# **注意：这里的 `recency` 和 `frequency` 不是笔记本 01 里 RFM 的 R 和 F。** RFM 的 R 是*距今*多少天，天数越少越好；这里的 `recency` 是从首次购买*到*最近一次购买的时长，越长越好。RFM 的 F 数的是全部订单；这里的 `frequency` 只数*复购*的日子。词相同，含义不同；本笔记本说的都是这里的含义。
#
# ## 深入（选学）：2. 模型参数与论文结果的复现
# > 选学内容：两个模型各有哪些参数，以及用论文的原始数据复现已发表的结果。跳过它不影响后面的核心内容。
#
# **BG/NBD 模型**（贝塔-几何/负二项分布模型）的两条设定写成数学语言是：
#
# * *“存活”就会买。* 客户在“存活”期间，按自己固定的速率 λ 购买（平均每天或每周买几次，具体哪天买是随机的）。不同客户的速率各不相同，服从参数为 **r** 和 **α** 的伽马分布（平均速率为 r/α）。
# * *每次复购后都可能离开。* 客户每完成一次复购，都有一个属于他自己的概率 p 从此永久离开。不同客户的 p 服从参数为 **a** 和 **b** 的贝塔分布（平均值为 a/(a+b)）。
#
# 模型根据第 1 节介绍的三个数（`frequency`、`recency` 和 `T`）推断每位客户现在仍然“存活”的可能性有多大，以及将来还会买多少。
#
# **Gamma-Gamma 模型**用参数 **p**、**q**、**γ** 描述不同客户的平均每单金额怎样分布。（这里的 p 和上面 BG/NBD 的离开概率 p 只是字母相同，含义不同。）
#
# **论文的数据。** 论文使用网上唱片店 CDNOW 的 2,357 位客户的数据，这些客户都在 1997 年初首次购买。前 39 周是**校准期**（用来拟合模型的那段时间），之后的 39 周是**保留期**（故意不给模型看、专门用来检验预测的时间）；时间单位为“周”。复购频次、`recency` 和 `T` 都由交易记录算出；同一天内的多次购买只算一次。
#
# 参考文献：Fader、Hardie 和 Lee 于 2005 年提出 BG/NBD 模型的论文，以及前两位作者关于 Gamma-Gamma 模型的技术说明。

# %%
cdnow = load_cdnow("sample")
cd = clv.calibration_holdout(
    cdnow, "1997-09-30", "1998-06-30", time_col="date", amount_col="amount", unit="W"
)
cd_bg = clv.BGNBD().fit(cd, unit="W")
cd_gg = clv.GammaGamma().fit(cd)
published = pd.Series(
    {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "p": 6.25, "q": 3.74, "v": 15.44}
)
fitted = pd.concat([cd_bg.params_, cd_gg.params_])
i18n.show(
    pd.DataFrame({"fitted": fitted, "published": published}).rename_axis("parameter").round(3)
)

# %% [markdown]
# 表中“拟合值”是本课程的工具包 `crmlib` 算出的参数，“论文发表值”是论文公布的参数。两者在论文给出的精度内完全一致（论文只公布到两三位小数，例如 q = 3.744、γ = 15.444 在论文中写作 3.74 和 15.44）。Gamma-Gamma 模型只用 946 位有过复购的客户拟合。另一个常用工具包 `lifetimes` 算出的结果相同，课程的测试用它来核对；和它一样，`crmlib` 也把参数 γ 记作 `v`。
#
# **模型预测得准吗？** 论文的关键检验是：按客户在校准期内的复购次数给客户分组，比较每组在接下来 39 周里*实际*的平均购买次数和模型预测的次数。

# %%
by_freq = clv.holdout_by_frequency(cd_bg, cd)
ax = i18n.show(by_freq[["actual", "predicted"]]).plot(marker="o", figsize=(7, 4))
ax.set(
    xlabel=i18n.t("fig.cdnow_repeat_weeks"),
    ylabel=i18n.t("fig.cdnow_holdout_weeks"),
    title=i18n.t("fig.cdnow_conditional"),
)
plt.show()
i18n.show(by_freq.round(3))

# %% [markdown]
# 和论文中的图一样，模型抓住了整体规律：客户以前买得越多，以后也买得越多。但模型在每一组都预测偏低；对复购一到两次的客户，大约少估了四分之一。下面看整个保留期的误差：实际和预测的购买总数是把所有客户加起来得到的；平均绝对误差和均方根误差则按每位客户计算（均方根误差对大的偏差罚得更重）：

# %%
i18n.show(clv.holdout_errors(cd_bg, cd).round(3).to_frame("value").T)

# %% [markdown]
# 怎么读：平均每位客户的预测次数和实际次数相差约 0.8 次（平均绝对误差）；合计误差为负，说明模型预测的购买总数比实际少了 12%。
#
# ## 3. 我们的网店：让模型从订单里学规律
#
# 本课程这家网店的数据本身就是*按*这两个模型模拟出来的，模拟时设定的参数就是下表“真实值”一列，所以可以检查模型能不能从订单里把它们找回来。让模型从每位客户的订单记录里学出全店客户“买得多快、多容易离开、每单花多少”的规律，这一步叫**拟合**。这里的“购买”只算已完成的订单（已退款和未付款的订单不算）；时间单位是**天**。

# %%
store = load_store()
kept = store.orders[store.orders["status"] == "completed"]
summary = clv.transaction_summary(kept, "2025-12-31", amount_col="amount_paid", unit="D")
bg = clv.BGNBD().fit(summary, unit="D")
gg = clv.GammaGamma().fit(summary)
truth = pd.Series(store.params.as_dict()).rename({"gamma": "v"})
fitted = pd.concat([bg.params_, gg.params_])
i18n.show(pd.DataFrame({"fitted": fitted, "true": truth}).rename_axis("parameter").round(3))

# %% [markdown]
# 这张表只需要看一点：“拟合值”一列是模型从 12,000 位买家的订单里学到的，和模拟时设定的“真实值”很接近，说明模型学得不错。表中每一行的字母（r、α、a、b、p、q、γ）是模型内部用来描述全店客户“买得多快、多容易离开、每单花多少”的几个数，叫作参数，后面的核心内容用不到，不必记住。后面几节用的都是这里拟合好的模型。真实的网店没有“真实值”这一列，只能留出最近半年的数据来检验（下面的选学内容就这样做）。
#
# ### 深入（选学）：哪些参数难估准？消费金额的前提检验
# > 选学内容：哪两个参数最难估准，以及使用 Gamma-Gamma 模型之前要检验的一个前提。跳过它不影响后面的核心内容。
#
# 购买速率和消费金额的参数与真实值很接近。流失参数 a 和 b 最难估准（b 估计为 3.57，真实值 2.8）；不过它们的比例，即平均流失概率 a/(a+b)，估得准得多（0.19 对 0.20）。
#
# Gamma-Gamma 模型有一个前提：客户每次花多少钱，与他多久买一次无关。使用模型之前先检验这个前提：在有过复购的客户中，复购次数与每位客户平均每单金额的相关系数应当很小。相关系数在 −1 到 1 之间，接近 0 表示两者几乎无关（前面提到的技术说明报告论文数据的相关系数为 0.11；这里把绝对值小于 0.3 视为“很小”）。

# %%
i18n.show(clv.gamma_gamma_check(summary).to_frame("value").T.infer_objects().round(3))

# %% [markdown]
# 这里的相关系数几乎为零：模拟网店生成消费金额时，本来就与购买频次无关。在真实网店里，如果常买的客户每单买得更少（或更多），相关系数就会明显偏离 0，Gamma-Gamma 对消费金额的预测也会因此产生偏差；这时宁可直接用每位客户自己的平均每单金额来估算。
#
# ### 深入（选学）：校准期与保留期
# > 选学内容：像真实网店那样，留出半年的数据来检验模型的预测。跳过它不影响后面的核心内容。
#
# 真实的网店没有“真实值”这一列，只能留出一段时间来检验预测：用截至 2025 年 6 月 30 日的数据拟合模型（校准期），再预测 2025 年 7 月至 12 月的购买（保留期）。图和表的读法与第 2 节相同。

# %%
cal = clv.calibration_holdout(kept, "2025-06-30", "2025-12-31", amount_col="amount_paid", unit="D")
cal_bg = clv.BGNBD().fit(cal, unit="D")
check = clv.holdout_by_frequency(cal_bg, cal)
ax = i18n.show(check[["actual", "predicted"]]).plot(marker="o", figsize=(7, 4))
ax.set(
    xlabel=i18n.t("fig.shop_repeat_to_june"),
    ylabel=i18n.t("fig.shop_holdout_purchases"),
    title=i18n.t("fig.shop_holdout_title"),
)
plt.show()
i18n.show(clv.holdout_errors(cal_bg, cal).round(3).to_frame("value").T)

# %% [markdown]
# 结果：模型预测这半年一共购买 5,412 次，实际是 5,619 次，只少估了约 4%；平均每位客户的预测和实际相差约 0.7 次。
#
# 再做两项检验。**复购次数分布**：模型能否还原校准期内复购 0 次、1 次、2 次……的客户各有多少？**累计复购次数**：预期的累计复购次数能否跟上实际的累计次数，包括在校准期结束以后？

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
i18n.show(clv.period_transactions(cal_bg, cal)).plot.bar(ax=axes[0], rot=0)
axes[0].set(title=i18n.t("fig.period_transactions_title"), ylabel=i18n.t("column.customers"))
first = kept.groupby("customer_id")["paid_time"].min()
cohort = first[first <= "2025-06-30"]
tracking = clv.cumulative_tracking(cal_bg, kept, cohort, "2025-12-31", unit="D")
i18n.show(tracking).plot(ax=axes[1], x_compat=True)
i18n.date_ticks(axes[1])
axes[1].axvline(pd.Timestamp("2025-06-30"), color="grey", ls="--")
axes[1].set(title=i18n.t("fig.cumulative_tracking_title"), xlabel="")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. 客户还“活着”吗？
#
# **存活概率**是客户还没有离开店铺的可能性，在 0 到 1 之间。下面画出两位客户的存活概率随时间的变化：一位只买过一次，另一位是常客（买过 8 次及以上），都从各自首次购买那天开始画。常客第一次复购时，存活概率会从 1 *降*下来（模型认为从这时起客户才可能离开）；以后每次复购，它会回升一截；客户长时间不下单，它就逐渐下降。以前买得越勤的客户，长时间不下单就越说明他可能已经走了。

# %%
counts = kept.groupby("customer_id").size()
one_off = counts[counts == 1].index[0]
loyal = counts[counts >= 8].index[0]
fig, ax = plt.subplots(figsize=(9, 3.5))
for cid, who in [(one_off, "one_off_buyer"), (loyal, "loyal_buyer")]:
    times = kept.loc[kept["customer_id"] == cid, "paid_time"]
    clv.alive_history(bg, times, "2024-01-01", "2025-12-31", unit="D").plot(
        ax=ax, label=i18n.t(f"fig.{who}", id=cid), x_compat=True
    )
i18n.date_ticks(ax)
ax.set(ylabel=i18n.t("column.p_alive"), title=i18n.t("fig.p_alive_over_time"), ylim=(0, 1.05))
ax.legend()
plt.show()

# %% [markdown]
# 只买过一次的客户，曲线一直停在 1。这是模型本身的设定，不是程序出错：在 BG/NBD 中，客户只能在*一次复购之后*离开，从没复购过的人还没有“离开的机会”。对这类客户，坏消息改由很低的*预计购买次数*来体现：模型把他们看作买得很慢的客户。首次购买离现在越久、一直没再来，模型预计他将来买得就越少——模型正是靠这一点区分“有希望”和“没希望”的一次性购买客户。
#
# ### 深入（选学）：存活概率热力图
# > 选学内容：用两张热力图一次看遍各种购买记录对应的预测。跳过它不影响后面的核心内容。
#
# 下面两张热力图假定观察期 `T` 为一年，显示每一种复购频次（纵轴）和首次到最近一次购买的天数（横轴，即第 1 节的 `recency`）的组合，对应的未来 90 天预计购买次数和存活概率。横轴越接近 365，说明最近一次购买离今天越近。最好的客户买得多、最近也买过（右上角）；买得多、但最近一次购买已经是很久以前的客户（左上角），很可能已经离开；而横轴位置相同、但购买次数少的客户（左下角），可能只是买得慢而已。最下面一行是只买过一次的客户，他们的 `recency` 总是 0，所以整行颜色一样。

# %%
freq = np.arange(0, 21)
rec = np.arange(0, 366, 15)
F, R = np.meshgrid(freq, rec, indexing="ij")
grid = pd.DataFrame(
    {"frequency": F.ravel(), "recency": np.where(F.ravel() == 0, 0, R.ravel()), "T": 365.0}
)
pred = clv.predict(bg, grid, horizon_days=90, unit="D")
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
for ax, column, title in [
    (axes[0], "expected_purchases", "fig.expected_purchases_90d"),
    (axes[1], "p_alive", "column.p_alive"),
]:
    values = pred[column].to_numpy().reshape(F.shape)
    frame = pd.DataFrame(values, index=freq, columns=rec)
    sns.heatmap(frame, ax=ax, cmap="viridis", cbar=True, yticklabels=2)  # every 2nd: legible
    ax.set(
        xlabel=i18n.t("fig.bgnbd_recency_axis"),
        ylabel=i18n.t("column.frequency"),
        title=i18n.t(title),
    )
    ax.invert_yaxis()
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 5. 客户终身价值
#
# 这里的 CLV = 未来 **12 个月**内预计带来的**毛利**，算法是：每个月的预计购买次数（BG/NBD）× 每次购买的预计金额（Gamma-Gamma）× **40% 的毛利率**，再按**每年 10% 的贴现率**（见第 1 节）折算成今天的钱，最后把 12 个月加起来。模型按“天”拟合，所以一个月按 30.44 天计算；代码里每个计算 CLV 的函数都写明了时间单位 `unit="D"`（天），以免把按天算出的数字当成按周的来用，这是很常见的错误。
#
# 下表列出 CLV 最高的 10 位客户，后三列是模型的预测：存活概率、未来一年预计购买次数和 CLV。

# %%
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
value = clv.clv(bg, gg, summary, unit="D", months=12, annual_discount_rate=0.10, margin=0.4)
pred_now = clv.predict(bg, summary, horizon_days=365, unit="D", gamma_gamma=gg)
ranking = archive.loc[summary.index, ["nickname", "orders", "spend", "days_since_last"]].assign(
    p_alive=pred_now["p_alive"], purchases_next_year=pred_now["expected_purchases"], clv=value
)
i18n.show(ranking.sort_values("clv", ascending=False).head(10).round(2))

# %% [markdown]
# 昵称已做脱敏处理。排名靠前的客户有两类：一类买得勤、最近也买过（如客户 834，48 单，4 天前刚买过）；另一类订单不多，但每单金额很大（如客户 9144，9 单共花了 2 万多元）。这是因为 CLV 是“多久买一次”乘以“每次花多少”。
#
# ### 一个渠道带来的客户值多少钱？
#
# 笔记本 02 按渠道算出了获得一位新成交客户的成本，即获客成本（CAC）。现在把它和各渠道带来的客户的平均 12 个月 CLV 放在一起比较，最后一列是两者之比：

# %%
won = archive.loc[summary.index]
by_channel = pd.DataFrame({"clv": value, "channel": won["acquisition_channel"].astype(str)})
spend = store.traffic.groupby("channel", observed=True)["spend"].sum()
table = by_channel.groupby("channel").agg(buyers=("clv", "size"), mean_clv=("clv", "mean"))
table["cac"] = spend.reindex(table.index).to_numpy() / table["buyers"]
table["clv_to_cac"] = table["mean_clv"] / table["cac"].where(table["cac"] > 0)
i18n.show(table.sort_values("mean_clv", ascending=False).round(2))

# %% [markdown]
# 免费渠道没有推广花费，所以不计算比值（表中为“—”）；但免费不等于没有代价（见笔记本 02）。比值大于 1，说明这个渠道带来的平均客户，预计一年内就能把获取他的成本赚回来（这里只算*未来*购买带来的毛利，还没算上他的首单）。反过来看，一个渠道的平均 CLV 就是它获客成本的参考上限：老客推荐带来的客户平均 CLV 为 116.91 元，每获取一位花 30 元仍然很划算；站外引流的比值只有 1 左右，刚好保本。
#
# 再按价值分层（笔记本 01）来看，高价值客户组以外，CLV 急剧下降：

# %%
segment = value_segments(archive).loc[summary.index]
by_segment = pd.DataFrame({"clv": value, "value_segment": segment})
stats = by_segment.groupby("value_segment", observed=True)["clv"].agg(
    buyers="count", mean_clv="mean", median_clv="median", max_clv="max"
)
i18n.show(stats.round(2))

# %% [markdown]
# **按组做预算。**做预算时看的是一组客户的合计：高价值客户 1,175 人，平均 CLV 317.97 元，合起来预计未来 12 个月带来约 37.4 万元毛利；流失风险客户多达 6,129 人，平均却只有 31.32 元。单个客户明年买不买很难说准，但一组客户里多买的和少买的会互相抵消，合计数要可靠得多。所以预算按组来做，个人排名只作参考。
#
# 再按会员等级来看（采用教材中的会员政策，见笔记本 04）：会员等级能很好地区分客户的未来价值；各等级权益的成本，也可以拿来和这个价值相比较。

# %%
birthdays = store.customers.set_index("customer_id")["birthday"]
inputs = tiers.prepare(store.orders, store.reviews, AS_OF, birthdays=birthdays)
tier = tiers.tiers_as_of(tiers.textbook_policy(), inputs)
by_tier = pd.DataFrame({"clv": value, "tier": tier.reindex(summary.index)})
i18n.show(
    by_tier.groupby("tier")["clv"]
    .agg(buyers="count", mean_clv="mean", median_clv="median")
    .reindex(tiers.textbook_policy().names)
    .round(2)
)

# %% [markdown]
#
# ### 该挽回谁，不必追谁
#
# 过去的价值和未来的价值是两回事。下面是一张简单的行动图：
#
# * **挽回**：消费金额高（消费额排在前四分之一）、存活概率已降到 0.5 以下但不低于 0.2 的客户——他们有价值，而且很可能还能争取回来。
# * **不必追**：未来 12 个月 CLV 低于 20 元（一张普通优惠券的成本）的客户——给他们发优惠券，花的钱会比他们预计带来的还多。

# %%
rich = ranking["spend"] >= ranking["spend"].quantile(0.75)
fading = ranking["p_alive"].between(0.2, 0.5, inclusive="left")
win_back = ranking[rich & fading].sort_values("clv", ascending=False)
do_not_chase = ranking[ranking["clv"] < 20]
print(i18n.t("text.win_back", win_back=len(win_back), skip=len(do_not_chase), buyers=len(ranking)))
i18n.show(win_back.head(5).round(2))

# %% [markdown]
# 两份名单依据的指标不同（挽回名单看过去的消费和存活概率，“不必追”看未来的 CLV），所以有少数客户同时出现在两份名单上。练习 06 的任务 4 请你数的是另一部分：挽回名单中 12 个月 CLV 高于 20 元、足以抵付一张 20 元优惠券的客户。
#
# ## 深入（选学）：6. 选哪个模型？BG/NBD、MBG/NBD 与 Pareto/NBD
# > 选学内容：另外两种关于“客户怎样离开”的假设，以及怎样用对数似然值、AIC/BIC 和保留期误差在三个模型中做出选择。跳过它不影响后面的核心内容。
#
# BG/NBD 对“客户怎样流失”做了一种假设。另外两个模型的假设不同：
#
# * **MBG/NBD**（修正的 BG/NBD 模型；Batislam 等，2007）：客户在*首次*购买之后也可能马上离开，所以只买过一次的客户，存活概率也会低于 1。
# * **帕累托/NBD 模型**（Schmittlein 等，1987；三者中最早的一个，表中写作 Pareto/NBD）：客户在任何*时刻*都可能离开，而不只是在购买之后。客户会留多久是随机的（服从指数分布：只要还没离开，每一周离开的可能性都一样大）；不同客户离开的快慢也不一样，服从参数为 **s** 和 **β** 的伽马分布。
#
# 三个模型都有 4 个参数，拟合方法也相同。选哪一个，要向数据问两个问题：
#
# 1. *哪个模型对校准期的描述更好？* 用**对数似然值**衡量，越大（越接近 0）越好。**AIC**（赤池信息准则）和 **BIC**（贝叶斯信息准则）在它的基础上按参数个数扣分，数值越小越好；这里三个模型的参数个数相同，扣分一样，所以表中“与最优模型的 AIC 差”和“与最优模型的 BIC 差”两列相等。与最优模型相差不到 2，可以认为没有差别；超过 10 就是明显的差别。
# 2. *哪个模型对保留期的预测更准？* 看第 2 节用过的各项误差。

# %%
models = clv.fit_models(cd, unit="W")
i18n.show(clv.compare_models(models, cd).round(3))

# %% [markdown]
# 在论文数据上，帕累托/NBD 模型的对数似然值为 −9595.0，与文献公布的数字一致；BG/NBD 为 −9582.4。按校准期来看，MBG/NBD 最好，BG/NBD 只比它差 0.6（可以认为没有差别），帕累托/NBD 明显差一些（AIC 差约 26）。保留期给出的结论却正好相反：帕累托/NBD 的三项误差都最小（平均绝对误差 0.755，均方根误差 1.603，合计误差 −11.5%），MBG/NBD 的合计误差最大（−16.2%）。按组来看（见下面的图和表），对复购 1 次、2 次和 4 次及以上的客户，帕累托/NBD 最接近实际，另外两个模型都预测偏低；但对没有复购的 1,411 位客户，帕累托/NBD 偏得最远（预测 0.138，实际 0.237）。
#
# 所以在论文数据上，没有哪个模型在两个问题上都胜出，而且三个模型在保留期上的误差相差不大：预测全体客户的购买，三个模型哪个都可以，论文选用的 BG/NBD 是合理的选择。

# %%
expectations = clv.conditional_expectations(models, cd)
ax = i18n.show(expectations.drop(columns="customers")).plot(marker="o", figsize=(7, 4))
ax.set(
    xlabel=i18n.t("fig.cdnow_repeat_weeks"),
    ylabel=i18n.t("fig.cdnow_holdout_weeks"),
    title=i18n.t("fig.model_choice_cdnow"),
)
plt.show()
i18n.show(expectations.round(3))

# %% [markdown]
# 再在网店数据上做同样的比较：校准期截至 2025 年 6 月，保留期为 7 月至 12 月。

# %%
shop_models = clv.fit_models(cal, unit="D")
i18n.show(clv.compare_models(shop_models, cal).round(3))

# %% [markdown]
# 在这家网店上，BG/NBD 明显胜出（另外两个模型的 AIC 差分别为 45 和 148），而且选对了：这家网店本来就是按 BG/NBD 模拟出来的，AIC 正确地选出了生成这批数据所用的模型。三个模型在保留期上的误差却几乎相同（平均绝对误差在 0.687 到 0.693 之间），这很常见：预测全体客户未来半年的购买，三个模型哪个都行；它们的分歧更可能在于认为*哪些*客户已经离开。
#
# **只看一个截止日不够。** 上面的比较只用了一个截止日。**回测**（滚动起点）把“用截止日以前的数据拟合、预测之后半年”重复做几次：这里在 CDNOW 数据上取 1997 年 6 月底、9 月底和 12 月底三个截止日，每次都预测之后的 181 天，再把三次的误差平均。

# %%
results = clv.backtest(
    cdnow, ["1997-06-30", "1997-09-30", "1997-12-31"], 181, unit="W", time_col="date"
)
choice = clv.recommend(results)
print(
    i18n.t(
        "text.backtest_choice",
        cutoffs=results["cutoff"].nunique(),
        model=i18n.t(f"purchase_model.{choice.model}"),
        aic=i18n.t(f"purchase_model.{choice.by_aic}"),
    )
)
i18n.show(choice.summary.round(3))

# %% [markdown]
# 三次回测里，AIC 平均名次最好的是 MBG/NBD（1.33），它的保留期合计误差却最大（平均偏差 12.2%）；帕累托/NBD 的 AIC 名次最差（每次都是第 3），合计误差反而最小（8.2%），三次里有两次最准；按每位客户的平均绝对误差，三个模型几乎一样（0.589 到 0.602）。AIC 问的是“哪个模型把已经发生的事描述得最好”，回测问的是“哪个模型对接下来的事预测得最准”，两个问题的答案可以不同。
#
# **怎么选。** 先想清楚要拿模型做什么：要预测未来的购买总量（做预算、备货），就按回测的合计误差选，推荐结果要写明按的是哪个标准；AIC（或 BIC）放在旁边参考，它和回测一致时更可以放心。再按复购次数分组检查保留期的预测；如果数字分不出高下，就选更符合自己网店情况的假设（客户是随时可能悄悄流失，还是在一次不满意的购买之后离开？）。无论选哪个都要写明：任何 CLV 都是按某个模型算出来的，报告时要注明用的是哪个模型。
#
# ## 深入（选学）：7. 有多大把握？预测区间
# > 选学内容：单个客户的 CLV 和名次有多不确定、一组客户的合计有多可靠，以及怎样检验预测区间准不准。跳过它不影响后面的核心内容。
#
# CLV 排名给每位客户一个数字。这个数字有两方面的不确定性：
#
# * **参数是估计出来的**：它来自 12,000 位买家的数据，会有误差。参数的**标准误**表示估计值可能偏离真实值多少（买家越多，标准误越小）；**置信区间**给出参数真实值可能落在的范围；
# * **未来本身是随机的**：即使参数完全正确，一位预计购买 1.2 次的客户，实际也可能买 0 次、1 次、2 次或 3 次。**预测区间**给出的是客户实际表现可能落在的范围，它把这两方面的不确定性都包括在内。
#
# 先看参数及其 95% 置信区间（下限和上限）：

# %%
i18n.show(pd.concat([clv.parameter_table(bg), clv.parameter_table(gg)]).round(3))

# %% [markdown]
# 购买速率和消费金额这几个参数的相对标准误（标准误与估计值之比）在 2%–10% 之间；最不确定的是流失参数 a 和 b（分别为 11% 和 14%），与第 3 节的发现一致。只看参数的不确定性，对预测本身有多大影响？

# %%
spread = clv.parameter_intervals(bg, summary, horizon_days=365, unit="D", level=0.9, random_state=1)
alive_width = spread["p_alive_high"] - spread["p_alive_low"]
purchases_ratio = spread["expected_purchases_high"] / spread["expected_purchases_low"]
print(
    i18n.t(
        "text.parameter_uncertainty",
        alive=alive_width.max(),
        alive_median=alive_width.median(),
        ratio=purchases_ratio.max(),
        ratio_median=purchases_ratio.median(),
    )
)

# %% [markdown]
# 对中位数的客户来说，参数的不确定性几乎不影响预测（存活概率的区间宽度只有 0.008，预计购买次数只差 6%）；对受影响最大的少数客户，影响才比较明显（最宽 0.074，相差 1.46 倍）。让预测变动大得多的，是未来本身。下一个单元格把全体客户的“明年”模拟 500 次：每一次都先按参数的不确定性抽取一组参数；再根据每位客户的历史，抽取我们看不到的情况（他是否还是客户、多久买一次、每单花多少）；然后逐月模拟他的购买和消费。把一位客户的 500 个模拟值去掉最高和最低各 10%，中间 80% 的范围就是他的 80% 预测区间；每次模拟中他在全部客户里排第几名，用同样的办法得到他的名次区间。

# %%
draws = clv.clv_draws(
    bg,
    gg,
    summary,
    unit="D",
    months=12,
    annual_discount_rate=0.10,
    margin=0.4,
    n_draws=500,
    random_state=7,
)
bands = clv.interval_table(draws, summary.index, level=0.8, name="clv").assign(clv=value)
top = bands.sort_values("clv", ascending=False)
i18n.show(top.head(10).round(1))

# %% [markdown]
# 模拟均值和公式算出的 CLV（最后一列）很接近（相差不超过 8%，500 次模拟本身有一定的随机误差），但 80% 区间很宽：前十名中有四位的区间下限是 0 元，也就是说，他们每人至少有一成的可能明年一单都不买。名次区间说明的是同一件事：在 80% 的模拟年份里，客户 834 排在第 1 到第 341 名之间，而客户 9144 可能排第 1，也可能排第 4,763（某一年一单不买的客户，都并列排在最后一位买家之后）。没有哪位客户的名次是完全确定的，即使最稳定的客户，名次也可能变动几百位。“前十名”只是一份比较有希望的名单，不是固定的先后顺序。

# %%
shown = top.head(30).iloc[::-1]
fig, ax = plt.subplots(figsize=(8, 7))
ax.hlines(range(len(shown)), shown["clv_low"], shown["clv_high"], color="tab:blue", alpha=0.6)
ax.plot(shown["clv"], range(len(shown)), "o", color="tab:blue")
ranks = range(len(shown), 0, -1)
ax.set_yticks(
    range(len(shown)), [f"{rank} ({cid})" for rank, cid in zip(ranks, shown.index, strict=True)]
)
ax.set(
    xlabel=i18n.t("fig.clv_axis"),
    ylabel=i18n.t("fig.clv_rank_axis"),
    title=i18n.t("fig.clv_intervals_title"),
)
plt.show()

# %% [markdown]
# 对一**组**客户来说，情况就不同了：有的客户比预期多买，有的少买，加在一起就互相抵消了。把每个价值分层的模拟值按模拟年份逐年相加，就得到各分层合计值的区间，做预算需要的正是它：

# %%
i18n.show(clv.group_intervals(draws, segment).rename_axis("value_segment").round(0).astype(int))

# %% [markdown]
# 每个分层 12 个月合计值的 95% 区间，上下只差 6%–12% 左右（高价值客户分层是 −8% 到 +9%），而其中每位成员的价值，不确定的幅度能达到好几倍。预算要按组来做；个人排名只能作参考，不能当成定论。
#
# **预测区间准不准？** 和检验预测值一样，用留出的时间来检验。用截至 2025 年 6 月的数据拟合模型，把 7 月至 12 月模拟 500 次，看每位客户实际的购买次数落在他自己的 500 个模拟次数中的什么位置：比几乎所有模拟都少，就接近 0；比几乎所有模拟都多，就接近 1。（购买次数是整数，实际次数往往和很多个模拟值相同，这时就在这些相同的值之间随机取一个位置；这种做法叫“随机化的概率积分变换”。）如果预测区间是准确的，这些位置应当均匀分布：从 0 到 1 每一成的范围里，各有一成客户。同样，把客户随机分成 100 人一组（最后一组人数少些），各组合计购买次数的区间覆盖实际合计的比例，应当与区间水平相当。

# %%
holdout_days = (pd.Timestamp("2025-12-31") - pd.Timestamp("2025-06-30")).days
holdout_draws = clv.future_purchases(
    cal_bg, cal, horizon_days=holdout_days, unit="D", n_draws=500, random_state=3
)
pit = clv.randomised_pit(holdout_draws, cal["frequency_holdout"].to_numpy(), random_state=3)
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.hist(pit, bins=10, range=(0, 1), color="tab:blue", alpha=0.7)
ax.axhline(len(pit) / 10, color="black", ls="--", label=i18n.t("fig.pit_even"))
ax.set(
    xlabel=i18n.t("fig.pit_axis"), ylabel=i18n.t("column.customers"), title=i18n.t("fig.pit_title")
)
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), frameon=False)
plt.show()
groups = np.random.default_rng(3).permutation(len(cal)) // 100
i18n.show(clv.interval_coverage(holdout_draws, cal["frequency_holdout"], groups).round(3))

# %% [markdown]
# 各条柱子大致一样高（每一成里有 9.4% 到 10.7% 的客户），但两端的柱子略高：买得特别少或特别多的客户，比预测的稍多一些，说明预测区间可能略窄。80% 和 95% 的组区间分别覆盖了 90 组中的 80% 和 93%。课程的自动检验程序在许多家模拟网店上做同样的检验，要求覆盖率分别落在 75%–85% 和 92%–98% 之间。
#
# ## 课堂讨论
#
# 1. 为什么只买过一次的客户，存活概率正好等于 1？模型又靠什么来区分“有希望”的和“没希望”的一次性购买客户？
# 2. 模型假设客户在“存活”期间以稳定的节奏购买。网店一年中的哪些时段（如 618、双十一）会打破这个假设？如果这些时段影响很大，拿模型的预测和后来实际的购买次数一比，你预计会看到什么？
# 3. 站外引流的 CLV/获客成本只有 1 左右，刚好保本。网店应该停止在这个渠道投放吗？你还想了解哪些信息？
# 4. 客户 9144 的预期 CLV 排第二，但单个客户明年买不买很难说准（第 5 节“按组做预算”），他明年也可能一单都不买。你会送他一份价值 200 元的 VIP 礼品吗？如果店铺要给高价值客户分层的每一位客户都送这份礼品，预算按整个分层的合计值来算，你的决定会有什么不同？
#
# ## 小结
#
# * CLV = 未来一段时间的预计购买次数（BG/NBD）× 每次的预计金额（Gamma-Gamma）× 毛利率，再按贴现率折算成今天的钱；给出任何 CLV 时，都要写明时间单位、预测多长时间和贴现率。
# * BG/NBD：客户“存活”时按自己的节奏购买，每次复购后都可能离开（首次购买后不会），所以只买过一次的客户存活概率为 1，模型靠很低的预计购买次数来区分他们。Gamma-Gamma：每次消费金额围绕客户个人的平均值上下波动。
# * 用 CLV 排名决定该挽回哪些客户、不必追哪些客户，并把各渠道客户的价值和获客成本（CAC）相比较。
# * 单个客户的 CLV 很不确定，一组客户的合计可靠得多：个人排名只作参考，预算按组来做。
# * 选学：拟合结果复现了论文公布的参数，也接近模拟网店的真实参数（a、b 偏差较大，但两者的比例估得准）；先在保留期上检验，再相信模型。
# * 选学：用 AIC/BIC 和保留期的预测误差比较模型，给出 CLV 时写明它来自哪个模型；一个分层合计值的 95% 区间大约在 ±10% 以内。
#
# **练习：**`exercises/zh/06_clv_exercises.ipynb`。
