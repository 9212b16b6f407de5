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
# # 00 · Python 与 pandas 入门
#
# **适合：** 从没写过代码的同学（先读 `00_start_here`，再学这个笔记本）。**用时：** 约 45 分钟。**教材：** 这个笔记本不对应具体章节，是学习第 7 章各笔记本
# （§7.1–§7.5）要用到的“工具箱”。
#
# **学完这个笔记本，你能够：**
# - 运行单元格，用变量保存一个值，分清数字、文字和 `True`/`False`（真/假）；
# - 使用列表（`list`）、`for` 循环和 `if` 判断；
# - 查看一张数据表（代码里叫 `DataFrame`），取出一列，按条件筛选行；
# - 计数、求和、求平均，并用 `True`/`False` 的平均值算出**比例**；
# - 用 `groupby` 按组汇总。
#
# 后面各个笔记本的练习要用到的操作，这里都讲到了。这个笔记本穿插了 5 道带检查的小题：把 `...` 换成你的答案，
# 然后运行单元格（按 `Shift+Enter`）。做题卡住了，就在一个代码单元格里运行 `check.hint(n)`（n 是题号，
# 例如 `check.hint(1)`），可以看到第 n 题的提示；各个练习本里也是这样。

# %% [markdown]
# ## 1. 单元格、数字和文字
#
# 按 `Shift+Enter`（按住 Shift 键的同时按回车键）运行一个代码单元格，最后一行的值会显示在单元格
# 下方。`=` 把一个值存到一个名字（**变量**）里，后面的单元格就能接着用。文字要加引号（`"paid"`）；
# 不加引号，就会被当成变量名，去找同名的变量。

# %%
from crmlib import i18n
from crmlib.archive import build_archive
from crmlib.datasets import load_store
from crmlib.exercises import ch00 as check

i18n.set_language("zh")

price = 128.0
quantity = 3
price * quantity

# %%
channel = "paid"
print(channel, len(channel), price > 100)

# %% [markdown]
# `len(...)` 求长度（这里是 4 个字母）；`price > 100` 是一个比较，结果是 `True`（真）或 `False`（假）。
# **列表**（`list`，用方括号）按顺序存放多个值；**元组**（`tuple`，用圆括号）也一样，但不能修改。两者都从 0 开始编号。

# %%
thresholds = [500, 1500, 3000]
answer_triple = (2, 15, 40)  # a tuple: exercise 06 asks for one like this
print(thresholds[0], thresholds[-1], len(thresholds), sum(thresholds), answer_triple[1])

# %% [markdown]
# ## 2. 循环和判断
#
# `for` 循环把缩进的几行代码，对每个值各执行一遍；`range(3000, 1500, -500)` 表示从 3000 开始、每次减 500，
# 一直数到 1500 之前（不含 1500）。`if` 只在条件成立时执行它下面的代码；`break` 提前跳出循环。
# 下面的循环把试过的门槛记进列表（`tried.append(...)`），遇到第一个低于 2200 的就停下。会员等级练习里找门槛，用的就是这个办法。

# %%
tried = []
for threshold in range(3000, 1500, -500):
    if threshold < 2200:
        break
    tried.append(threshold)
print(tried, threshold)

# %% [markdown]
# ## 3. 一张表：客户档案
#
# 店铺的数据都是表格。`build_archive` 生成**客户档案**：每位客户一行，每项信息一列。`.head()` 显示前几行，
# `.shape` 给出（行数, 列数）。姓名、手机号等个人信息已经脱敏。

# %%
store = load_store()
AS_OF = "2026-01-01"  # "today" for this shop: the day after its last order
archive = build_archive(store.customers, store.orders, store.service, store.reviews, as_of=AS_OF)
archive.shape

# %%
columns = ["orders", "spend", "complaints", "channel_family", "days_since_last"]
i18n.show(archive[columns].head())

# %% [markdown]
# 上面这张表的表头显示的是每一列的中文含义；写代码时，要用列的名字（英文）来取这一列。这个笔记本用到的列名和含义如下：

# %%
import pandas as pd

meanings = {name: i18n.t(f"column.{name}") for name in columns}
i18n.show(pd.DataFrame({"name": list(meanings), "meaning": list(meanings.values())}))

# %% [markdown]
# `archive["orders"]` 取出一列（代码里叫 `Series`，即一列数据）；用两层方括号可以一次取出几列，得到一张表。
# 左边的行标签（1、2、……）是客户编号。
#
# **任务 1.** 客户档案一共有多少位客户（多少行）？

# %%
answer_1 = ...
check.q1(answer_1)

# %% [markdown]
# ## 4. 条件、计数和比例
#
# 对一列做比较，会给每位客户一个 `True` 或 `False`。计算时 `True` 当作 1、`False` 当作 0，所以对条件求
# `.sum()` 就是**数出**满足条件的客户有多少位，求 `.mean()` 就是这些客户所占的**比例**（0 到 1 之间的小数；
# 乘以 100 就是百分数）。

# %%
big = archive["spend"] >= 1000
print(big.head(3).tolist(), big.sum(), round(big.mean(), 3))

# %% [markdown]
# （下面用到的 182 天约等于 6 个月，就是笔记本 01 里“流失风险”的门槛。）
#
# 把条件放进方括号就能**筛选**行：`archive[条件]` 只保留条件为 `True` 的行。多个条件用 `&`（并且）、
# `|`（或者）、`~`（不是）连接，每个条件各自用圆括号括起来。

# %%
repeat = archive[archive["orders"] >= 2]
quiet_repeat = archive[(archive["orders"] >= 2) & (archive["days_since_last"] >= 182)]
print(len(repeat), len(quiet_repeat))

# %% [markdown]
# **任务 2.** 有多少位客户至少有一笔成交订单（`orders` 大于 0）？他们就是店铺的成交客户。

# %%
answer_2 = ...
check.q2(answer_2)

# %% [markdown]
# **任务 3.** 只看成交客户，至少投诉过一次（`complaints` 大于 0）的客户占多大比例？填小数。
# （先筛选，再对条件求平均。）

# %%
answer_3 = ...
check.q3(answer_3)

# %% [markdown]
# ## 5. 排序、前几行、取一个值
#
# `.sort_values(ascending=False)` 从大到小排序，`.head(n)` 保留前 n 个，`.loc[行, 列]` 读出一个值，
# `.max()` 给出最大值本身，`.idxmax()` 给出最大值所在的行标签。想取排在最前面的 20%：先用 `len(...)` 数出一共有多少个，乘以 0.2
# 再用 `int(...)` 取整，得到要保留的个数，例如 `spend.head(int(len(spend) * 0.2))`。

# %%
spend = archive.loc[archive["orders"] > 0, "spend"].sort_values(ascending=False)
print(spend.head(3).round(0).tolist(), spend.idxmax() == spend.index[0])

# %% [markdown]
# **任务 4.** 用循环找一找：订单数至少为 `n` 的客户少于 100 位时，最小的 `n` 是多少？
# （提示：让 n 从 1 开始往上试，每次用 `(archive["orders"] >= n).sum()` 数一数人数，
# 第一次少于 100 时用 `break` 停下。）

# %%
answer_4 = ...
check.q4(answer_4)

# %% [markdown]
# ## 6. 每组一个数
#
# `groupby(列名)` 按这一列的取值把行分成若干组；再选一列做汇总：`.size()` 数行数，`.mean()` 求平均，
# `.sum()` 求和。`observed=True` 表示只列出实际出现的组。

# %%
buyers = archive[archive["orders"] > 0]
per_family = buyers.groupby("channel_family", observed=True)
counts = per_family.size().rename("buyers")
mean_orders = per_family["orders"].mean().rename("mean_orders")  # one column, then .mean()
i18n.show(pd.concat([counts, mean_orders], axis=1).round(2))

# %% [markdown]
# **任务 5.** 在成交客户中，按渠道大类（`channel_family`）分组，平均消费金额（`spend`）最高的一组是多少元？

# %%
answer_5 = ...
check.q5(answer_5)

# %% [markdown]
# ## 小结
#
# - `=` 保存一个值；文字要加引号；`len`、`sum`、`round` 是常用函数。
# - `for … in range(…)`、`if` 和 `break` 可以一步步查找。
# - `表格["列名"]` 取一列；`表格[条件]` 筛选行；用 `&`、`|`、`~` 组合条件。
# - 对条件求 `.sum()` 是计数，求 `.mean()` 是比例；还有 `.sort_values`、`.head`、`.loc`。
# - `groupby(...)[列名].mean()` 按组汇总。
#
# 做题卡住了？运行 `check.hint(n)`。接下来：学笔记本 01，然后做 `exercises/zh/` 里的练习。
