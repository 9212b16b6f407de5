"""Small synthetic order exports in real formats, with deliberately broken rows, for notebook 07.

``python -m crmlib.samples`` (or ``python3 tasks.py data``) writes them to ``datasets/samples``.
Buyers, names, phones and addresses are synthetic placeholders (张三-style names, 170 numbers,
示例 streets); every broken row is listed in ``BROKEN`` with the problem it carries.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from .datasets.store import DATA_DIR, load_store

SAMPLES_DIR = DATA_DIR.parent / "samples"
SAMPLE_SECRET = hashlib.sha256(b"crm-notebooks synthetic sample exports").digest()
"""The pseudonymisation secret of the sample exports: fixed, so that notebook 07's committed
outputs are reproducible. The samples are synthetic; a real project uses its own secret
(:func:`crmlib.privacy.project_secret`)."""
SURNAMES = list("张王李赵刘陈杨黄周吴")
GIVEN = ["三", "四", "五", "六", "小明", "小红", "小芳", "小强"]
CITIES = ["浙江省杭州市", "广东省深圳市", "江苏省南京市", "上海市", "北京市", "四川省成都市"]
BROKEN = {
    "taobao_orders_gbk.csv": {
        3: "unparseable date",
        5: "amount is not a number",
        7: "negative amount",
        9: "same order id as an earlier row, with different values",
        11: "date in the future",
        13: "unknown order status",
    },
    "taobao_orders_new_utf8bom.csv": {4: "missing buyer", 6: "unparseable date"},
    "shopify_orders.csv": {
        "#1004": "currency EUR",
        "#1016": "currency USD",
        "#1008": "unknown financial status",
        "#1011": "unparseable date",
    },
    "generic_orders.csv": {4: "amount is not a number", 6: "unknown order status"},
    "jd_orders_gbk.csv": {
        6: "amount is not a number",
        10: "unknown order status",
        12: "missing buyer",
    },
    "douyin_orders.csv": {8: "unparseable date", 11: "amount is not a number"},
}


def _people(ids: np.ndarray) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = len(ids)
    return pd.DataFrame(
        {
            "name": [SURNAMES[i % 10] + GIVEN[(i // 10) % 8] for i in ids],
            "phone": [f"170{rng.integers(0, 10**8):08d}" for _ in range(n)],
            "address": [f"{CITIES[i % 6]}示例区样例路{i % 97 + 1}号" for i in ids],
        },
        index=ids,
    )


def _status_zh(status: str) -> str:
    return {"completed": "交易成功", "refunded": "交易关闭", "closed": "交易关闭"}[status]


def sample_orders(n_orders: int | None = 60, customers: int = 40) -> pd.DataFrame:
    """The committed shop's first ``n_orders`` orders (all, if None) of its first ``customers``
    customers, with made-up names, phones and addresses: what the platform writers export."""
    store = load_store()
    orders = store.orders[store.orders["customer_id"] <= customers]
    orders = (orders if n_orders is None else orders.head(n_orders)).copy()
    people = _people(orders["customer_id"].unique())
    orders = orders.join(people, on="customer_id")
    orders["buyer"] = "tb_buyer" + orders["customer_id"].astype(str).str.zfill(4)
    return orders.reset_index(drop=True)


TAOBAO_COLUMNS = [  # the 订单报表 of 2017 (46 columns), spaces after six names as exported
    "订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分",
    "总金额", "返点积分", "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言",
    "收货人姓名", "收货地址 ", "运送方式", "联系电话 ", "联系手机", "订单创建时间", "订单付款时间 ",
    "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注", "宝贝总数量", "店铺Id",
    "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单",
    "分阶段订单信息", "特权订金订单id", "是否上传合同照片", "是否上传小票", "是否代付", "定金排名",
    "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易",
    "退款金额", "预约门店",
]  # fmt: skip
POSTCODES = {"浙江省": "310000", "广东省": "518000", "江苏省": "210000", "上海市": "200000", "北京市": "100000", "四川省": "610000"}  # fmt: skip


def taobao_old(orders: pd.DataFrame) -> pd.DataFrame:
    """The classic 订单报表 (46 columns, GBK, every field quoted): order ids of 19 digits in
    every form exports carry them (="…", plain, led by a tab), phones led by an apostrophe,
    addresses as 省 市 区 street (postcode), every status, a buyer's message over two lines."""
    fmt = "%Y-%m-%d %H:%M:%S"
    status = orders["status"].astype(str).map(_status_zh)
    paid = orders["paid_time"].notna()
    k = pd.Series(orders.index, index=orders.index)
    status = status.where(~(paid & (k % 10 == 4)), "卖家已发货，等待买家确认")
    status = status.where(~(paid & (k % 10 == 6)), "买家已付款，等待卖家发货")
    status = status.where(~(paid & (k % 20 == 8)), "卖家部分发货")
    status = status.where(~(~paid & (k % 2 == 0)), "等待买家付款")
    ids = (3_000_000_000_000_000_000 + orders["order_id"] * 7919).astype(str)
    ids = ids.where(k % 5 != 2, "\t" + ids).where(k % 5 == 2, '="' + ids + '"')
    ids = ids.where(k % 7 != 3, ids.str.replace('="', "", regex=False).str.rstrip('"'))
    province = orders["address"].str.extract(r"^(.+?[省市])")[0]
    address = (
        orders["address"]
        .str.replace(r"^(.+?[省市])(.+?市)?", r"\1 \2 ", regex=True)
        .str.replace("示例区", "示例区 ", regex=False)
        .str.replace(r"\s+", " ", regex=True)
        + "("
        + province.map(POSTCODES)
        + ")"
    )
    shipped = status.isin(["交易成功", "卖家已发货，等待买家确认", "卖家部分发货"])
    closed = status.isin(["交易关闭", "等待买家付款"])
    table = pd.DataFrame({c: "" for c in TAOBAO_COLUMNS}, index=orders.index)
    table["订单编号"] = ids
    table["买家会员名"] = orders["buyer"]
    table["买家支付宝账号"] = orders["buyer"] + "@example.com"
    table["买家应付货款"] = orders["list_amount"].map("{:.2f}".format)
    table["买家应付邮费"] = "0.00"
    table[["买家支付积分", "返点积分", "买家实际支付积分", "店铺Id", "卖家服务费"]] = "0"
    table["总金额"] = orders["list_amount"].map("{:.2f}".format)
    table["买家实际支付金额"] = orders["amount_paid"].map("{:.2f}".format)
    table["订单状态"] = status
    table["收货人姓名"] = orders["name"]
    table["收货地址 "] = address
    table["运送方式"] = "快递"
    table["联系手机"] = "'" + orders["phone"]
    table["订单创建时间"] = orders["created_time"].dt.strftime(fmt)
    table["订单付款时间 "] = orders["paid_time"].dt.strftime(fmt).fillna("")
    table["宝贝标题 "] = "手袋样品"
    table["宝贝种类 "] = "1"
    table["物流单号 "] = np.where(shipped, "No:YT" + (7_000_000_000 + k * 37).astype(str), "")
    table["物流公司"] = np.where(shipped, "圆通速递", "")
    table["宝贝总数量"] = orders["items"].astype(str)
    table["店铺名称"] = "示例旗舰店"
    table["订单关闭原因"] = np.where(
        closed, np.where(orders["refund_amount"] > 0, "退款", "买家未付款"), "订单未关闭"
    )
    table["买家服务费"] = "0元"
    table["是否手机订单"] = np.where(k % 3 == 0, "手机订单", "")
    table["特权订金订单id"] = '=""'
    table[["是否上传合同照片", "是否上传小票", "是否代付"]] = "否"
    table[["天猫卡券抵扣", "集分宝抵扣"]] = "0.00"
    table["退款金额"] = orders["refund_amount"].map("{:.2f}".format)
    table.loc[16, "买家留言"] = "请用纸箱包装\n周末不在家，请工作日送"
    # deliberately broken rows (row numbers as a spreadsheet shows them: data row i is row i + 2)
    table.loc[1, "订单创建时间"] = "2024-13-45 25:00:00"
    table.loc[3, "买家实际支付金额"] = "abc"
    table.loc[5, "买家实际支付金额"] = "-20.00"
    table.loc[7, "订单编号"] = table.loc[6, "订单编号"]
    table.loc[9, "订单创建时间"] = "2031-01-01 10:00:00"
    table.loc[11, "订单状态"] = "交易异常"
    return table


def taobao_new(orders: pd.DataFrame) -> pd.DataFrame:
    fmt = "%Y/%m/%d %H:%M"
    main = (3000_0000_0000 + orders["order_id"] * 31).astype(str)
    table = pd.DataFrame(
        {
            "主订单编号": main,
            "子订单编号": main + "01",
            "买家会员昵称": orders["buyer"],
            "买家实付金额": orders["amount_paid"].map("{:.2f}".format),
            "订单状态": orders["status"]
            .astype(str)
            .map(_status_zh)
            .where(
                (orders.index % 9 != 4) | orders["paid_time"].isna(), "卖家已发货，等待买家确认"
            ),
            "订单创建时间": orders["created_time"].dt.strftime(fmt),
            "订单付款时间": orders["paid_time"].dt.strftime(fmt).fillna(""),
            "退款金额": orders["refund_amount"].map("{:.2f}".format),
        }
    )
    # two orders with a second sub-order line (same main order)
    extra = table.iloc[[10, 20]].copy()
    extra["子订单编号"] = extra["主订单编号"] + "02"
    table = pd.concat([table, extra]).sort_index(kind="stable").reset_index(drop=True)
    table.loc[2, "买家会员昵称"] = ""
    table.loc[4, "订单创建时间"] = "昨天"
    return table


def shopify(orders: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for k, order in enumerate(orders.head(20).itertuples()):
        name = f"#{1001 + k}"
        status = {"completed": "paid", "refunded": "refunded", "closed": "voided"}[
            str(order.status)
        ]
        # every financial status Shopify writes: refunds in part, payments pending or in part
        status = (
            {6: "partially_refunded", 9: "pending", 12: "partially_paid", 14: "authorized"}.get(
                k, status
            )
            if status == "paid"
            else ("expired" if k == 17 and status == "voided" else status)
        )
        # some stores export in UTC: the same moment, written with another offset
        utc = k % 5 == 2
        stamp = (
            (lambda t: (t - pd.Timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S +0000"))
            if utc
            else (lambda t: t.strftime("%Y-%m-%d %H:%M:%S +0800"))
        )
        created = stamp(order.created_time)
        paid = (
            stamp(order.paid_time)
            if pd.notna(order.paid_time) and status not in ("pending", "authorized", "expired")
            else ""
        )
        first = {
            "Name": name,
            "Email": f"buyer{order.customer_id:04d}@example.com",
            "Financial Status": status,
            "Paid at": paid,
            "Created at": created,
            "Cancelled at": created if status == "voided" else "",
            "Currency": "CNY",
            "Total": f"{order.amount_paid:.2f}",
            "Discount Amount": f"{order.discount:.2f}",
            "Refunded Amount": f"{order.amount_paid / 4 if status == 'partially_refunded' else order.refund_amount:.2f}",
            "Lineitem quantity": "1",
            "Lineitem name": "手袋样品",
            "Billing Name": order.name,
            "Billing Phone": order.phone,
            "Billing Address1": order.address,
        }
        rows.append(first)
        if k % 4 == 1:  # a second line item: the name and e-mail repeated, order fields empty
            rows.append(
                {
                    "Name": name,
                    "Email": first["Email"],
                    "Lineitem quantity": "2",
                    "Lineitem name": "配饰样品",
                }
            )
    table = pd.DataFrame(rows).fillna("")
    table.loc[table["Name"] == "#1004", "Currency"] = "EUR"
    table.loc[(table["Name"] == "#1016") & (table["Currency"] != ""), "Currency"] = "USD"
    order_rows = table["Financial Status"] != ""  # an order's first row carries its fields
    table.loc[(table["Name"] == "#1008") & order_rows, "Financial Status"] = "chargeback_pending"
    table.loc[(table["Name"] == "#1011") & order_rows, "Created at"] = "31/02/2025 10:00"
    return table


JD_COLUMNS = (
    "订单号,商品ID,商品名称,订购数量,支付方式,下单时间,京东价,订单金额,结算金额,余额支付,应付金额,"
    "订单状态,订单类型,下单帐号,客户姓名,客户地址,联系电话,订单备注,发票类型,发票抬头,发票内容,"
    "商家备注,商家备注等级（等级1-5为由高到低）,运费金额,付款确认时间,增值税发票,货号,订单完成时间,"
    "订单来源,订单渠道"
).split(",")
DOUYIN_COLUMNS = (
    "主订单编号,子订单编号,选购商品,商品规格,商品数量,商品ID,商家编码,商品单价,订单应付金额,运费,"
    "优惠总金额,平台优惠,商家优惠,达人优惠,商家改价,支付优惠,红包抵扣,支付方式,手续费,收件人,"
    "收件人手机号,省,市,区,街道,详细地址,是否修改过地址,地址修改时段,买家留言,订单提交时间,旗帜颜色,"
    "商家备注,订单完成时间,支付完成时间,APP渠道,流量来源,订单状态,承诺发货时间,订单类型,鲁班落地页ID,"
    "达人ID,达人昵称,所属门店ID,售后状态,取消原因,预约发货时间,仓库ID,仓库名称,序列号,是否安心购,"
    "广告渠道,流量类型,流量体裁,流量渠道,发货主体,发货主体明细,发货时间,降价类优惠,"
    "平台实际承担优惠金额,商家实际承担优惠金额,达人实际承担优惠金额,预计送达时间,是否平台仓自流转,车型,"
    "商品69码,发货SN码,发货IMEI码1,发货IMEI码2,预约送达时间,建议发货时间（起）,建议发货时间（止）,"
    "物流SN码,物流IMEI码1,物流IMEI码2"
).split(",")


def jd(orders: pd.DataFrame) -> pd.DataFrame:
    """A JD.com 订单导出 (30 columns, GBK): one row per SKU with the order's amounts repeated,
    cancellations after payment, (删除) statuses."""
    fmt = "%Y-%m-%d %H:%M:%S"
    paid = orders["paid_time"].notna()
    status = np.where(orders["status"].astype(str).eq("completed"), "完成", "取消")
    status = np.where((orders.index % 7 == 3) & paid & (status == "完成"), "等待确认收货", status)
    status = np.where(orders.index % 11 == 5, "(删除)" + status, status)
    table = pd.DataFrame({c: "" for c in JD_COLUMNS}, index=orders.index)
    table["订单号"] = (110_000_000_00 + orders["order_id"] * 13).astype(str)
    table["商品ID"] = "100012"
    table["商品名称"] = "手袋样品"
    table["订购数量"] = orders["items"].astype(str)
    table["支付方式"] = "在线支付"
    table["下单时间"] = orders["created_time"].dt.strftime(fmt)
    table["京东价"] = orders["list_amount"].map("{:.2f}".format)
    table["订单金额"] = orders["list_amount"].map("{:.2f}".format)
    table["结算金额"] = orders["amount_paid"].map("{:.2f}".format)
    table["余额支付"] = "0.00"
    table["应付金额"] = orders["amount_paid"].map("{:.2f}".format)
    table["订单状态"] = status
    table["订单类型"] = "普通订单"
    table["下单帐号"] = "jd_" + orders["buyer"].str.removeprefix("tb_")
    table["客户姓名"] = orders["name"]
    table["客户地址"] = orders["address"]
    table["联系电话"] = orders["phone"]
    table["运费金额"] = "0.00"
    table["付款确认时间"] = orders["paid_time"].dt.strftime(fmt).fillna("")
    table["订单完成时间"] = np.where(status == "完成", orders["paid_time"].dt.strftime(fmt), "")
    table["订单来源"] = np.where(orders.index % 3 == 0, "京东APP", "京东商城")
    table["订单渠道"] = np.where(orders.index % 3 == 0, "APP", "PC")
    # a second SKU in some orders: the order's amounts repeated, as the export writes them
    extra = table.iloc[[2, 12, 22]].copy()
    extra["商品ID"], extra["商品名称"], extra["订购数量"] = "100013", "钱包样品", "1"
    table = pd.concat([table, extra]).sort_index(kind="stable").reset_index(drop=True)
    table.loc[4, "应付金额"] = "待定"
    table.loc[8, "订单状态"] = "退款中"
    table.loc[10, "下单帐号"] = ""
    return table


def douyin(orders: pd.DataFrame) -> pd.DataFrame:
    """A Douyin shop 订单导出 (73 columns, UTF-8 with BOM): one row per sub-order with its own
    amount, ids led by a tab, - for nothing, a buyer's message over two lines."""
    fmt = "%Y-%m-%d %H:%M:%S"
    paid = orders["paid_time"].notna()
    status = np.where(orders["status"].astype(str).eq("completed"), "已完成", "已关闭")
    status = np.where((orders.index % 6 == 2) & (status == "已完成"), "已发货", status)
    main = (6_917_926_768_823_600_000 + orders["order_id"] * 17).astype(str)
    table = pd.DataFrame({c: "-" for c in DOUYIN_COLUMNS}, index=orders.index)
    table["主订单编号"] = "\t" + main
    table["子订单编号"] = "\t" + (main.astype("int64") + 1).astype(str)
    table["选购商品"] = "手袋样品"
    table["商品规格"] = "黑色"
    table["商品数量"] = orders["items"].astype(str)
    table["商品ID"] = "3456789"
    table["商品单价"] = orders["list_amount"].map("{:.2f}".format)
    table["订单应付金额"] = orders["amount_paid"].map("{:.2f}".format)
    table["运费"] = "0.00"
    table["优惠总金额"] = (orders["discount"] + orders["coupon"]).map("{:.2f}".format)
    table["支付方式"] = np.where(paid, "抖音支付", "-")
    table["收件人"] = orders["name"]
    table["收件人手机号"] = orders["phone"]
    region = orders["address"].str.extract(r"^(.+?[省市])(.+?市)?(示例区)(样例路.*)$")
    table["省"] = region[0]
    table["市"] = region[1].fillna(region[0])
    table["区"] = region[2]
    table["街道"] = "样例街道"
    table["详细地址"] = region[3]
    table["是否修改过地址"] = "否"
    table["订单提交时间"] = orders["created_time"].dt.strftime(fmt)
    table["支付完成时间"] = orders["paid_time"].dt.strftime(fmt).fillna("-")
    table["订单完成时间"] = np.where(status == "已完成", orders["paid_time"].dt.strftime(fmt), "-")
    table["APP渠道"] = np.where(orders.index % 2 == 0, "抖音", "抖音极速版")
    table["流量来源"] = np.array(["直播", "短视频", "商品卡"])[orders.index % 3]
    table["订单状态"] = status
    table["售后状态"] = np.where(status == "已关闭", np.where(paid, "退款成功", "-"), "-")
    table.loc[1, "买家留言"] = "请尽快发货\n谢谢"
    # a second item in some orders, with its own amount
    extra = table.iloc[[3, 13]].copy()
    extra["子订单编号"] = extra["子订单编号"] + "2"
    extra["选购商品"], extra["订单应付金额"], extra["商品数量"] = "钱包样品", "30.00", "1"
    table = pd.concat([table, extra]).sort_index(kind="stable").reset_index(drop=True)
    table.loc[6, "订单提交时间"] = "2024/13/01 10:00"
    table.loc[9, "订单应付金额"] = "免费"
    return table


def generic(orders: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    table = pd.DataFrame(
        {
            "OrderNo": "G" + orders["order_id"].astype(str).str.zfill(6),
            "Customer": orders["buyer"],
            "Date": orders["created_time"].dt.strftime("%Y-%m-%d %H:%M"),
            "Paid": orders["amount_paid"].map("{:.2f}".format),
            "State": orders["status"]
            .astype(str)
            .map({"completed": "done", "refunded": "returned", "closed": "cancelled"}),
            "Refund": orders["refund_amount"].map("{:.2f}".format),
        }
    ).head(30)
    table.loc[2, "Paid"] = "n/a"
    table.loc[4, "State"] = "lost"
    mapping = {
        "mapping": {
            "order_id": "OrderNo",
            "customer_key": "Customer",
            "created_time": "Date",
            "amount_paid": "Paid",
            "status": "State",
            "refund_amount": "Refund",
        },
        "status_map": {"done": "completed", "returned": "refunded", "cancelled": "closed"},
    }
    return table, mapping


def write_samples(directory: str | Path = SAMPLES_DIR) -> list[Path]:
    """Write the six sample exports (and the generic file's mapping) to ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    orders = sample_orders()
    paths = []
    path = directory / "taobao_orders_gbk.csv"
    path.write_bytes(
        taobao_old(orders)
        .to_csv(index=False, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
        .encode("gb18030")
    )
    paths.append(path)
    path = directory / "taobao_orders_new_utf8bom.csv"
    path.write_bytes(
        taobao_new(orders).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    )
    paths.append(path)
    path = directory / "shopify_orders.csv"
    shopify(orders).to_csv(path, index=False, lineterminator="\n")
    paths.append(path)
    path = directory / "jd_orders_gbk.csv"
    path.write_bytes(jd(orders).to_csv(index=False, lineterminator="\r\n").encode("gb18030"))
    paths.append(path)
    path = directory / "douyin_orders.csv"
    path.write_bytes(douyin(orders).to_csv(index=False, lineterminator="\n").encode("utf-8-sig"))
    paths.append(path)
    table, mapping = generic(orders)
    path = directory / "generic_orders.csv"
    table.to_csv(path, index=False, lineterminator="\n")
    paths.append(path)
    path = directory / "generic_mapping.json"
    path.write_text(json.dumps(mapping, indent=2) + "\n", encoding="utf-8")
    paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write_samples():
        print(f"wrote {p}")
