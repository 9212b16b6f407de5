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
# # 00 · 从这里开始：网店的客户关系管理
#
# **对应教材**：第 7 章“客户关系管理”（CRM），§7.1–§7.4；
# §7.5 讲的客户互动平台，在数据里体现为“是否加入了客户群（社群）”这一标记。
#
# 这套笔记本把第 7 章的内容变成可以动手计算的练习。每个带编号的笔记本（01、02……；
# 注意这个编号不是教材的章号）对应本章的一节：先用几句话讲清概念，再用一家贴近真实的
# 网店的数据算一算，把看图比读表更清楚的结果画成图，最后是课堂讨论题和练习。
#
# **适用对象**
#
# * **学生**：按顺序运行笔记本，拖动滑块试一试，完成练习。
# * **数据分析人员**：想为真实店铺先做一个 CRM 策略原型的人。所有计算都放在 `crmlib` 包里，
#   同样的函数可以直接用在你自己店铺导出的订单数据上。
#
# **学完这个笔记本，你能够**
#
# 1. 熟悉这套笔记本的结构，说出每个笔记本对应教材的哪一节；
# 2. 读取店铺的各张数据表，说出每张表里存的是什么；
# 3. 说明为什么退款订单和未付款订单必须有意识地专门处理，而不能不加区分地混在一起算。

# %% [markdown]
# ## 如何运行这套笔记本
#
# 在你克隆（下载）下来的项目文件夹里，一条命令就能装好全部环境并打开 JupyterLab：
#
# ```bash
# python3 tasks.py lab                 # 在没有图形界面的机器上，加上 --no-browser --port 8899
# ```
#
# 这条命令会按照锁定了版本的软件包清单（`requirements.lock`）创建一个独立的环境（`.venv`），
# 安装 `crmlib`，并注册一个名为 `Python 3 (crm-notebooks)` 的**内核**（真正执行笔记本里代码的
# 程序）。如果打开笔记本时弹出“选择内核”，就选它。每个笔记本都要从头到尾完整运行（菜单
# “运行 → 运行所有单元格”）；网页上看到的输出结果就是这样运行得到的。
#
# ## 笔记本地图
#
# 这套笔记本有中文版和英文版，文件名相同：中文版在 `notebooks/zh/`，英文版在 `notebooks/en/`。
#
# | 笔记本 | 主题 | 教材章节 |
# |---|---|---|
# | `00_start_here` | 导览：这套笔记本和店铺的数据 | — |
# | `00_python_primer` | Python 与 pandas 入门：练习要用到的操作 | — |
# | `01_crm_basics` | 客户档案、关键绩效指标（KPI）、价值细分与行为细分、RFM | §7.1 |
# | `02_customer_sources` | 客户来源分析：各获客渠道的转化率、获客成本（CAC）、留存 | §7.2.1 |
# | `03_tagging` | 打标签、官方客户标签（心/钻/冠、88VIP）、千牛人群 | §7.2.2–7.2.4 |
# | `04_tier_design` | 会员等级、成长值、会员等级探索工具 | §7.2.4, §7.3 |
# | `05_satisfaction_loyalty` | 满意度与忠诚度的区别 | §7.4 |
# | `06_clv` | 用 BG/NBD 和 Gamma-Gamma 模型计算客户终身价值（CLV） | 行业文章（CLV） |
# | `07_your_own_data` | 导入真实店铺导出的订单数据 | 第 7 章全部内容 |
# | `08_keeping_customers` | 维护客户关系：客户分级、智能触达、优惠券的 A/B 测试、客户社群、服务质量 | §7.3、§7.5 |
#
# 笔记本 01–06 和 08 都配有练习，放在 `exercises/zh/` 里；07 是一份用你自己的数据动手操作的分步指南。
#
# 各笔记本里标有“深入（选学）”的小节讲统计模型和技术细节，属于选学内容；跳过它们，也能读懂
# 笔记本的核心内容。
#
# ## 练习怎么做
#
# 从没写过代码？先学 `00_python_primer`（编程入门，约 45 分钟），练习里要用到的操作那里都讲了。
#
# 笔记本 01–06 和 08 在 `exercises/zh/` 里各有一个学生练习本，里面有任务和要填的空；参考答案在老师那里。
# 每个任务最后有一行检查代码，例如 `check.q1(answer)`：它会告诉你答案对不对；如果不对，会指出
# 错在哪里并给出提示，但不会直接把答案告诉你。有些任务是教材里的开放式课堂讨论题，不由电脑打分：
# 检查会列出好答案应包含的要点，老师会在你交上来的笔记本里批阅。老师评分时会把你的笔记本放在
# 另一家同类店铺的数据上重新运行，所以答案要用代码从数据里算出来。

# %% [markdown]
# ## 这家店铺
#
# 每个笔记本分析的都是同一家店：一家淘宝/天猫风格的网店，主营女包和配饰，有两年的经营数据
# （2024 年和 2025 年）。这些数据是**模拟生成的**：由 `crmlib.datasets` 里一个
# 设定了随机种子的模拟器生成，所以里面没有任何真实的人，而且数据背后的隐藏规则是已知的。
# 这样，后面的笔记本就能检验某种分析方法到底有没有找到真相。昵称、手机号等个人信息
# 在存储时就已经做了脱敏处理。
#
# `load_store()` 一次读取所有数据表；`load_store("orders")` 只读取其中一张。

# %%
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from crmlib import i18n
from crmlib.datasets import channel_table, describe_store, load_store

pd.set_option("display.precision", 2)
pd.set_option("display.float_format", "{:,.2f}".format)
sns.set_theme(style="whitegrid")
i18n.set_language("zh")
store = load_store()
i18n.show(describe_store(store))

# %% [markdown]
# `customers`（客户表）是客户档案（§7.1）的起点：客户是谁、什么时候注册、从哪个渠道来，
# 以及平台给他们打的标签（决定心/钻/冠等级的信用积分、是否为 88VIP）。有些客户从来没有
# 买过东西：他们只是咨询过问题，或者把商品加进了购物车（即询单客户 / 未成交客户）。

# %%
i18n.show(store.customers.head())

# %% [markdown]
# `orders`（订单表）每一行是一笔订单。注意订单的三种交易状态：**交易成功**（代码里是
# `completed`）表示订单成交且没有退货；**已退款**（`refunded`）表示付款后又退货，钱已经退还给
# 客户；**交易关闭**（`closed`）表示下了单但从未付款，所以没有付款时间。

# %%
i18n.show(store.orders.head())

# %%
status = store.orders.groupby("status", observed=True).agg(
    order_count=("order_id", "size"),
    amount_paid=("amount_paid", "sum"),
    refund_amount=("refund_amount", "sum"),
)
status["share_of_orders_pct"] = 100 * status["order_count"] / status["order_count"].sum()
i18n.show(status.round(1))

# %% [markdown]
# 如果把每一行都当作一笔销售，购买次数和收入都会被高估。从笔记本 01 开始，“收入”一律指
# **扣除退款后**实际收到的钱，购买次数只统计已完成的订单；在需要注意的地方，每个笔记本都会特别说明。
#
# ## 顾客什么时候买？
#
# 中国的网购有自己的购物节：最重要的是 618（6 月 18 日）和双 11（11 月 11 日），另外还有
# 三八妇女节（3 月 8 日，对一家卖包的店很重要）和双 12。下图是每天的已付款订单数：

# %%
paid = store.orders.dropna(subset=["paid_time"])
per_day = paid.set_index("paid_time").resample("D").size()
fig, ax = plt.subplots(figsize=(10, 3.5))
per_day.plot(ax=ax, lw=0.8, x_compat=True)
i18n.date_ticks(ax)
for festival, day in [
    ("womens_day", "2024-03-08"),
    ("618", "2024-06-18"),
    ("double_11", "2024-11-11"),
    ("double_12", "2024-12-12"),
    ("womens_day", "2025-03-08"),
    ("618", "2025-06-18"),
    ("double_11", "2025-11-11"),
    ("double_12", "2025-12-12"),
]:
    ax.annotate(
        i18n.t(f"festival.{festival}"),
        (pd.Timestamp(day), per_day[day]),
        textcoords="offset points",
        xytext=(0, 4),
        ha="center",
    )
ax.margins(y=0.12)  # room for the festival names above the peaks
ax.set(xlabel="", ylabel=i18n.t("fig.paid_orders_per_day"), title=i18n.t("fig.daily_orders_title"))
plt.show()

# %% [markdown]
# ## 客户从哪里来
#
# 店铺的进店渠道按照 §7.2.1 的分类：站内免费流量、站内付费流量、站外流量和社交裂变。
# 下面的渠道清单列出了这些渠道；笔记本 02 会衡量每个渠道的价值。

# %%
i18n.show(channel_table()[["channel", "family"]])

# %% [markdown]
# 其他数据表还有：`visits`（访问记录：每一次进店访问，包括没有下单就离开的访问，比如加购后
# 没有付款）、`service`（客服记录：咨询、退货、投诉以及响应时间）、`reviews`（评价）、
# `surveys`（问卷：满意度评分（CSAT 问题），1–5 分；推荐意愿评分（NPS 问题），0–10 分，问的是“你愿意把
# 我们推荐给别人吗？”）、`traffic`（流量：每个渠道每天的访客数和推广花费），以及 `truth`
# （真实情况：每个买家背后的隐藏特征，只有模拟数据才能提供）。表格显示时，每一列的中文含义都写在表头里；写代码时用的英文列名，练习题里会一并给出。
#
# ## 课堂讨论
#
# 1. 教材说网店“只能通过数据认识客户”（§7.1）。上面这些数据表中，哪些是实体店没有的？
#    实体店又会用什么信息来代替它们？
# 2. 退款订单和未付款订单虽然不算销售，为什么店铺可能反而*愿意*把它们保留在数据里？
#
# ## 小结
#
# * 这套笔记本按第 7 章逐节展开；计算逻辑都在 `crmlib` 里，笔记本负责讲解和画图。
# * 一家模拟店铺，八张数据表；个人信息已经脱敏。
# * 订单有三种状态；只有已完成的订单才算真正成交的销售，收入要扣除退款。
#
# **下一个笔记本**：`01_crm_basics`。各个笔记本的练习在 `exercises/zh/` 里。
