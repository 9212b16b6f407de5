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
# # 07 · 导入自己的数据：读取真实店铺导出的订单
#
# **教材：** 第 7 章全章，特别是 §7.1 中的“系统化的客户信息”：从平台后台收集信息，
# 核实信息，并做脱敏处理。
#
# 做数据分析的人不会把订单一条一条重新录入，而是直接从店铺后台导出。他们希望本套工具能
# 直接读取这些文件，清楚地指出哪里有问题，不丢失任何数据，最后给出可以马上拿来跟进的客户
# 名单。本笔记本导入几种真实格式的示例导出文件（每个文件都故意放了几行有错误的数据），
# 阅读导入报告：哪些行载入了，哪些行被放进了**隔离区**；再用前面几个笔记本的方法分析导入
# 的店铺，最后处理一份几十万行的大文件。
#
# **学习目标**（学完本笔记本，你能够）
#
# 1. 导入淘宝/天猫、京东和抖店后台导出的订单文件；
# 2. 看懂导入摘要和其中的隔离区表格，并核对各项数量是否对得上；
# 3. 对导入的数据建立客户档案，做 RFM 分析，划分会员等级；
# 4. 读懂给每位买家打分的结果，说出各价值分层各有多少买家。
#
# **这个笔记本在课程里的位置：** 对本课程来说，整个笔记本 07 都是选学内容，没有配套练习；
# 它写给想把这套方法用到自己店铺真实数据上的同学。如果你选学它，先走它的主线，也就是标题里
# 不带“深入（选学）”的第 1–4 节：导入、核对数量、用前面笔记本的方法分析、给每位买家打分。
# 标有“深入（选学）”的几节讲技术细节，选学本笔记本时也可以跳过。它们是：
# 新版报表与文件编码、严格模式、海外独立站的导出文件、其他系统的文件与列映射、在导入的数据上
# 拟合 CLV 模型、大文件是怎样处理的、CLV 模型算不出结果时、不用笔记本而用命令行。

# %%
import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from crmlib import clv, i18n, importers, rfm, scoring, tiers
from crmlib.archive import build_archive, default_as_of
from crmlib.importers.bulk import import_large
from crmlib.large_export import large_taobao_export
from crmlib.orders import purchases
from crmlib.samples import SAMPLE_SECRET, SAMPLES_DIR
from crmlib.scoring_sql import customer_inputs_sql, last_order_day

i18n.set_language("zh")

pd.set_option("display.float_format", "{:,.2f}".format)
NOW = "2026-01-01"  # the exports were made on this day: later dates are "in the future"

# %% [markdown]
# ## 1. 淘宝订单报表
#
# 淘宝/天猫的卖家后台可以把订单导出成一个 CSV 文件（各列之间用逗号隔开的表格文件，Excel
# 能打开）。报表有 46 列，表头都是中文：订单编号、买家会员名、买家实际支付金额、订单状态、
# 订单创建时间……为了不让 Excel 把 19 位的订单编号和手机号这类长数字改乱，导出时还会给它们
# 加上各种记号。读取函数 `read_taobao` 能处理这些情况，只读取它需要的列。我们的示例文件有
# 60 行，其中 6 行是故意做错的。
#
# 运行下面的单元格，会打印一份**导入摘要**：读取了多少行、载入了多少笔订单、有几行被放进了
# 隔离区（有问题、暂时不用的行），以及每种问题各有几行。最后的“说明”写的是文件的编码，也就是
# 电脑保存汉字的方式；读取函数会自动识别，不用你操心。

# %%
taobao = importers.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, secret=SAMPLE_SECRET)
print(taobao.report())

# %% [markdown]
# 没有任何数据会凭空消失：每一行要么被成功载入，要么被放进隔离区。核对一下：载入的 54 笔订单
# 加上隔离的 6 行，再加上合并的 0 行，正好是读取的 60 行。
#
# 隔离区表格记下了每个问题行的来源文件、行号（和用表格软件打开时的行号一致，表头为第 1 行）、
# 导出文件里的原列名、值和原因。这里的值和其他个人信息一样做了脱敏：订单编号、手机号这类长数字
# 只保留前三位和后四位，所以要按行号回到源文件里找到这一行。你可以在源文件中改正这些行后重新
# 导入，也可以在清楚了解情况之后接受它们。

# %%
i18n.show(taobao.quarantine, kinds={"reason": "message"})

# %% [markdown]
# 下面是载入后的订单，已经整理成本套工具统一的格式：金额变成了数字，各种订单状态统一成四种：
# 交易成功、已付款未完成（已经付款，还在发货或配送途中）、已退款（付过款，后来退了款）和交易关闭
# （下了单但没有付款）。“渠道”一列是空的：订单报表里不记录客户是从哪个渠道进店的。
#
# 第二张是客户表：姓名、手机号、收货地址在导入时已经脱敏。买家会员名也属于个人信息，“客户标识”
# 一列把它换成了假名（以 `buyer_` 开头）。假名是用一个**密钥**（只有店铺自己保存的一串随机字符）
# 算出来的：密钥相同，同一个会员名总是得到同一个假名；但从假名反推不出会员名，没有密钥也猜不
# 出来。示例数据用的是固定密钥 `SAMPLE_SECRET`。“客户编号”是本工具给每位买家编的序号。昵称
# 脱敏后只保留首尾两个字符，不同的人可能显示成一样的昵称，要用客户编号来区分。

# %%
i18n.show(taobao.orders.head())

# %%
people = taobao.customers[["customer_id", "customer_key", "nickname", "name", "phone", "address"]]
i18n.show(people.rename(columns={"name": "person_name"}).head())

# %% [markdown]
# ### 深入（选学）：新版报表与文件编码
# > 选学内容：电脑怎样保存汉字（文件编码），以及老版、新版淘宝报表里的特殊写法。跳过它不影响后面的核心内容。
#
# 文件里的汉字是按某种**编码**（把每个字存成一串数字的规则）保存的，用错了编码去读，汉字就会
# 变成乱码。淘宝的老版报表传统上用 GBK 编码（一种中文编码），新版导出文件用 UTF-8 编码（国际
# 通用的编码），文件开头还带一个看不见的标记（BOM），告诉软件这是 UTF-8 文件。读取函数会自动
# 判断编码，并写在摘要的“说明”一行里。
#
# 老版报表里还有几种防止 Excel 改乱长数字的写法：19 位的订单编号有的写成 `="…"`，有的原样写出，
# 有的前面带一个制表符；手机号前面带一个撇号；有几个表头末尾还多了一个空格。
#
# 新版报表改了几个列名（主订单编号/子订单编号、买家实付金额、买家会员昵称），并把一笔订单里的
# 各个子订单分成多行列出。同一个读取函数也能处理，还会统计有多少子订单行被合并到了所属的主订单中：

# %%
print(
    importers.read_taobao(
        SAMPLES_DIR / "taobao_orders_new_utf8bom.csv", now=NOW, secret=SAMPLE_SECRET
    ).report()
)

# %% [markdown]
# ### 深入（选学）：严格模式
# > 选学内容：让导入一遇到问题就停下的严格模式。跳过它不影响后面的核心内容。
#
# 平时的导入会把有问题的行放进隔离区，其余的行照常载入。如果一行都不允许出错，可以用严格模式
# （`strict=True`）导入：遇到第一个问题就立即停止，并指出文件、行、列和值：

# %%
try:
    importers.read_taobao(
        SAMPLES_DIR / "taobao_orders_gbk.csv", strict=True, now=NOW, secret=SAMPLE_SECRET
    )
except importers.ImportProblem as problem:
    print(i18n.tr_text(problem))  # the message in the reader's language

# %% [markdown]
# ## 深入（选学）：海外独立站的导出文件
# > 选学内容：海外建站平台导出文件的读法，以及为什么不同币种的行要隔离。跳过它不影响后面的核心内容。
#
# Shopify 是海外卖家常用的独立站建站平台。它的导出文件里，每个**商品明细**（一笔订单里的一种
# 商品）占一行；订单层面的字段只出现在这笔订单的第一行；客户用电子邮箱来识别；时间后面带着时区
# （`+0800` 表示北京时间）；付款状态列 `Financial Status` 的取值有 `paid`（已付款）、`refunded`
# （已退款）、`partially_refunded`（部分退款）、`voided`（已作废）等。用第二种货币付款的行会被
# 隔离：把人民币和欧元直接相加是错误的。

# %%
shopify = importers.read_shopify(
    SAMPLES_DIR / "shopify_orders.csv", timezone="Asia/Shanghai", now=NOW, secret=SAMPLE_SECRET
)
print(shopify.report())
i18n.show(shopify.quarantine, kinds={"reason": "message"})

# %% [markdown]
# ## 深入（选学）：其他系统的文件与列映射
# > 选学内容：写一份映射文件，导入任何系统导出的订单表。跳过它不影响后面的核心内容。
#
# 对于其他系统导出的文件，你要写一份**映射文件**，说明你的哪一列对应我们的哪一列，以及你的
# 订单状态分别对应我们的哪一种。CSV、Excel 文件和后面讲到的 Parquet 文件都可以导入。列映射的
# 写法是 `"我们的列名": "你的列名"`；我们的列名有：`order_id`（订单编号）、`customer_key`（客户
# 标识，如买家会员名）、`created_time`（下单时间）、`amount_paid`（实付金额）、`status`（交易
# 状态）、`refund_amount`（退款金额）。状态映射的写法是 `"你的状态": "我们的状态"`，我们的状态有
# `completed`（交易成功）、`in_progress`（已付款未完成）、`refunded`（已退款）、`closed`（交易
# 关闭）。下面先打印示例映射文件，再按它导入：

# %%
spec = json.loads((SAMPLES_DIR / "generic_mapping.json").read_text(encoding="utf-8"))
print(json.dumps(spec, indent=2))
generic = importers.read_generic(
    SAMPLES_DIR / "generic_orders.csv",
    spec["mapping"],
    status_map=spec["status_map"],
    now=NOW,
    secret=SAMPLE_SECRET,
)
print(generic.report())

# %% [markdown]
# ## 2. 京东和抖店：换个平台，只需换一份格式说明
#
# 每个平台导出的表头都不一样，平台改版时还常给列改名。本套工具给每个平台写了一份小小的**格式
# 说明**文件：哪个表头对应我们的哪一列（一列可以接受几个名字）、哪种订单状态算什么，以及这些
# 表头是从哪里核实的（依据公开的、读取这类导出文件的程序代码，出处写在每份格式说明里）。淘宝/天猫、
# 京东、抖店三个平台共用同一个读取程序；要支持一个新平台，只需再写一份格式说明，不用改程序。
# 读取时只用需要的列，比如淘宝报表的 46 列里只用 13 列。

# %%
i18n.show(importers.format_table()[["export_name", "columns_read"]])

# %% [markdown]
# 京东的导出文件里，一笔订单买了几种商品（同一款商品的不同颜色、尺码也各算一种），就占几行，
# 订单金额在每一行都重复一遍，读取时会把它们合并成一笔订单；付款后被取消的订单（状态为“取消”
# 且有付款时间）算作已退款。京东的订单状态里没有“退款中”（申请售后的订单显示为“锁定”），所以
# 示例中写着“退款中”的那一行被隔离了。
#
# 抖店的导出文件每个子订单占一行，各有自己的金额；较长的编号前面带一个制表符，空白的格子写成
# `-`。文件里没有买家账号，只能用收件人手机号来区分买家（平台可能只给出加密后的号码；同一位
# 买家换了收货手机号，就会被算成两个人）。
#
# 看这两份导入摘要时照样核对：读取的行数 = 载入的订单数 + 合并的行数 + 隔离的行数。

# %%
jd = importers.read_jd(SAMPLES_DIR / "jd_orders_gbk.csv", now=NOW, secret=SAMPLE_SECRET)
print(jd.report())
i18n.show(jd.quarantine, kinds={"reason": "message"})

# %%
douyin = importers.read_douyin(SAMPLES_DIR / "douyin_orders.csv", now=NOW, secret=SAMPLE_SECRET)
print(douyin.report())
i18n.show(douyin.orders[["order_id", "created_time", "amount_paid", "items", "status"]].head())

# %% [markdown]
# ## 3. 用前面几个笔记本的方法分析导入的店铺
#
# 导入后的表格和各个笔记本使用的表格结构相同，所以同样的函数可以直接运行。
# 先建立客户档案（笔记本 01），并做 RFM 分析：

# %%
AS_OF = default_as_of(taobao.orders)  # the day after the export's last order
archive = build_archive(taobao.customers, taobao.orders, as_of=AS_OF)
table = rfm.rfm_table(archive)
scored = archive[["nickname", "orders", "spend", "days_since_last"]].join(rfm.cn8_classes(table))
i18n.show(scored.sort_values("spend", ascending=False).head())

# %% [markdown]
# 上表是消费金额最高的 5 位买家，最右一列是他们的 RFM 八类客户类别。接下来按教材中的会员政策
# 划分会员等级（笔记本 04）。这家示例店只有 22 位买家：18 位普通会员、3 位银卡会员、1 位金卡
# 会员，还没有钻石会员。

# %%
birthdays = taobao.customers.set_index("customer_id")["birthday"]  # empty in Taobao exports
inputs = tiers.prepare(taobao.orders, None, AS_OF, birthdays=birthdays)
i18n.show(tiers.evaluate(tiers.textbook_policy(), inputs).table.round(2))

# %% [markdown]
# ### 深入（选学）：在导入的数据上拟合 CLV 模型
# > 选学内容：为什么这份小文件拟合不了 BG/NBD 模型。跳过它不影响后面的核心内容。
#
# 那 BG/NBD 模型（笔记本 06）呢？这里的“购买”既包括交易成功的订单，*也*包括已付款未完成的
# 订单：导入的报表里有已经付款、还在配送途中的订单，而笔记本 06 中那家店的数据里没有这类订单。
# 数据太少时，模型自己并不会报错：只有 22 位客户时，BG/NBD 学不到客户是怎样流失的，会把每位
# 客户的存活概率（客户还没有离开店铺的概率）都算成 1。所以本套工具不会用太少的客户去拟合模型：
# 每个参数大约需要 10 位客户，BG/NBD 有 4 个参数，至少要 40 位，不够时它会说明原因。拟合 CLV
# 模型，应当使用有数百位复购客户的历史数据，比如第 4 节的大文件。

# %%
bought = purchases(taobao.orders, AS_OF)  # completed and in-progress orders
summary = clv.transaction_summary(bought, AS_OF - pd.Timedelta(days=1), unit="D")
try:
    clv.BGNBD().fit(summary, unit="D")
except ValueError as problem:  # too few customers: crmlib says so instead of guessing
    print(i18n.tr_text(problem))  # the message in the reader's language

# %% [markdown]
# ## 4. 几十万行的大文件
#
# 生意好的店铺，一份订单报表就有几百万行。下面生成一份模拟的淘宝导出文件：约 2.4 万位买家的
# 20 万条订单（买家何时购买、何时不再回来，按笔记本 06 的模型随机生成），用专门导入大文件的
# `import_large` 导入。检查的内容、摘要里的各项数量都和前面一样；这份文件没有故意放错的行，
# 所以隔离 0 行。

# %%
work = Path(tempfile.mkdtemp())  # a scratch folder: nothing large is kept in the project
export = large_taobao_export(work / "big_taobao_gbk.csv", rows=200_000, seed=1)
big = import_large(
    export, importers.builtin_specs()["taobao"], work / "imported", now=NOW, secret=SAMPLE_SECRET
)
print(big.report())

# %% [markdown]
# ### 深入（选学）：大文件是怎样处理的
# > 选学内容：本套工具怎样在不占满内存的情况下导入和汇总几百万行订单。跳过它不影响后面的核心内容。
#
# 把几百万行读进内存、再一行一行检查，太慢，也太占内存。其实上面的每一次导入都交给了
# **DuckDB 引擎**：一种装在本套工具里直接运行的分析型数据库，不需要单独的服务器。遇到大文件，
# `import_large` 不把数据表读进内存，而是在引擎里做同样的检查，得到同样的数量和隔离区，直接把
# 结果写成 Parquet 文件（一种体积小、读得快的数据表文件，Excel 打不开，本套工具可以直接读取）；
# 打分时也在引擎里按客户汇总订单，所以占用的内存取决于买家人数，而不是订单条数。在课程用的
# 电脑上，1000 万行导入要 35 到 40 秒，打分 15 秒左右，两步加起来不到一分钟（测速命令是
# `python3 tasks.py bench import`）。

# %% [markdown]
# ### 给每位买家打分
#
# 打分的结果是每位买家一行：客户档案、RFM 分类、价值分层、标签、会员等级和 CLV。打分时给出的
# 提示会说明哪些内容没有算出来、为什么：“投诉过”“晒图评价”两个标签要用到客服记录和评价记录，
# 导出文件里没有，所以没有计算；生日月的成长值也没法算（导出文件里没有生日）。
#
# 第二张表按“未来12个月CLV”从高到低列出前 5 位买家。“存活概率”是估计客户还没有离开店铺的
# 概率；“未来12个月CLV”是预计这位客户未来 12 个月能给店铺带来的毛利（见笔记本 06）。排在前面的
# 都是下过几十单的高价值客户，而且都是钻石会员。

# %%
AS_OF_BIG = last_order_day(work / "imported")
inputs_big = customer_inputs_sql(work / "imported", as_of=AS_OF_BIG, policy=tiers.textbook_policy())
scores = scoring.score_inputs(inputs_big)
for note in scores.notes:
    print(i18n.tr_text(note))

# %%
columns = ["orders", "spend", "value_segment", "tier", "p_alive", "clv_12m"]
i18n.show(scores.table[columns].sort_values("clv_12m", ascending=False).head().round(2))

# %% [markdown]
# 将近一半的买家（11,461 位，约占 48%）属于流失风险客户：和笔记本 01 一样，指已有 182 天及以上
# 没有购买的买家。“未购买”也和笔记本 01 一样，指从没成交过一笔订单的客户；不过导入的订单报表里
# 只有下过单的人（没有只咨询、加购的客户），所以这里的 119 位都是订单全部关闭或退款的买家。

# %%
shutil.rmtree(work)  # the scratch folder is no longer needed
segments = scores.table["value_segment"].value_counts().rename_axis("value_segment")
i18n.show(segments.rename("customers").to_frame())

# %% [markdown]
# ## 深入（选学）：CLV 模型算不出结果时
# > 选学内容：CLV 模型不收敛时，打分结果会怎样，有哪些补救办法。跳过它不影响后面的核心内容。
#
# 本例中两个 CLV 模型都收敛了（算出了稳定的结果）。如果某个模型没有收敛（反复计算也得不到
# 稳定的结果），打分结果不会硬猜，而是把 CLV 各列留空，并在提示里写明是哪个模型、有哪些补救
# 办法。第一个补救办法是设一个很小的**惩罚系数**：`score_inputs(..., penalizer=0.001)`，或者在
# 命令行里用 `crmlib score --penalizer 0.001`。它是一个让模型别把参数估得太极端的小数字，越大
# 越保守。如果一个模型非要很大的惩罚系数才能拟合，说明它并不适合这家店的数据：先像笔记本 06
# 那样比较几种模型。

# %% [markdown]
# ## 深入（选学）：不用笔记本，使用命令行
# > 选学内容：在终端里用 `crmlib` 命令导入和打分，以及命令的退出码。跳过它不影响后面的核心内容。
#
# 同样的步骤也可以在终端（命令行窗口）里运行。在本套工具的环境中，Windows 上用
# `.venv\Scripts\crmlib`，其他系统上用 `.venv/bin/crmlib`；各系统都可以用 `python -m crmlib`：
#
# ```bash
# crmlib import orders.csv --format taobao --out imported        # 如果有行被隔离，退出码为 1
# crmlib score imported --out scores.xlsx --policy my_policy.yaml  # 客户档案、RFM、标签、会员等级、CLV
# crmlib policy my_policy.yaml --data imported                     # 评估这套会员政策：各等级人数、权益成本
# ```
#
# `--format` 可以是 `taobao`（淘宝/天猫）、`jd`（京东）、`douyin`（抖店）、`shopify` 或 `generic`
# （按映射文件导入）。超过 200 MB 的文件导入后会自动写成 Parquet 文件（也可以用 `--outputs parquet`
# 指定）；几百万位买家的打分结果请用 `crmlib score` 写成 `.parquet` 或 `.csv` 文件（Excel 一张表
# 最多约一百万行）。上面的补救办法对应的选项是 `--penalizer 0.001`。
#
# `crmlib --help` 会解释每一个选项（帮助文字是英文的）。命令结束时会给出一个**退出码**（告诉
# 调用它的程序结果如何的数字）：0 表示成功，1 表示已导入但有行被隔离，2 表示用法错误，3 表示
# 输入数据无法使用，4 表示程序内部出错（会给出日志文件的位置）。出错信息只有一行；加上 `--debug`
# 可以看到完整的出错经过。

# %% [markdown]
# ## 课堂讨论
#
# 1. 被隔离的行中，哪些你会回到源头去改正，哪些你会直接接受？店里应该由谁来决定？
# 2. 教材要求店铺对客户数据做脱敏处理。做客户关系管理分析时，订单导出文件中哪些字段是
#    真正需要的？哪些字段绝不应该离开店铺后台？
# 3. 用一家新店铺的历史数据拟合出 CLV 模型后，在相信它之前，你会先检查哪些方面？
#
# ## 小结
#
# * 真实的导出文件往往很“乱”：编码不同、长编号外面包着记号、一笔订单分成几行、时间带时区、
#   货币不一致。导入函数能处理这些问题，并准确说明哪些数据无法使用。
# * 每个平台的格式是一份说明（表头、订单状态、金额规则）；淘宝/天猫、京东和抖店共用同一个
#   读取程序。
# * 数量总能对得上：读取行数 = 载入的订单数 + 隔离行数 + 被合并进订单的明细行数。
# * 大文件也做同样的检查和计数，并按客户汇总后打分（选学：引擎和文件格式的细节）。
# * 除非你另行要求，个人信息字段在导入时都会被脱敏，买家会员名换成假名。
# * 导入的数据可以用各个笔记本里的函数来分析（选学：也可以用 `crmlib` 命令来处理）。
#
# **用你自己的数据：** 把导出文件放进项目里的 `my_data/` 文件夹，把上面代码中的文件路径
# （`SAMPLES_DIR / "taobao_orders_gbk.csv"`）改成 `"my_data/你的文件名.csv"`，把
# `secret=SAMPLE_SECRET` 换成 `secret=privacy.project_secret("my_data/.crmlib-secret")`，并加上
# `from crmlib import privacy`（这是你这个项目自己的密钥，第一次使用时自动生成；请妥善保存，丢了
# 假名就会变），再从头运行。真实客户数据不要拷到机房的公用电脑上。
