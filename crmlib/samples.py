"""Small synthetic order exports in real formats, with deliberately broken rows, for notebook 07.

``python -m crmlib.samples`` (or ``python3 tasks.py data``) writes them to ``datasets/samples``.
Buyers, names, phones and addresses are synthetic placeholders (张三-style names, 170 numbers,
示例 streets); every broken row is listed in ``BROKEN`` with the problem it carries.
"""

from __future__ import annotations

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
        "#1008": "unknown financial status",
        "#1011": "unparseable date",
    },
    "generic_orders.csv": {4: "amount is not a number", 6: "status not in the status map"},
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


def _base_orders(n_orders: int = 60) -> pd.DataFrame:
    store = load_store()
    orders = store.orders[store.orders["customer_id"] <= 40].head(n_orders).copy()
    people = _people(orders["customer_id"].unique())
    orders = orders.join(people, on="customer_id")
    orders["buyer"] = "tb_buyer" + orders["customer_id"].astype(str).str.zfill(4)
    return orders.reset_index(drop=True)


def taobao_old(orders: pd.DataFrame) -> pd.DataFrame:
    fmt = "%Y-%m-%d %H:%M:%S"
    table = pd.DataFrame(
        {
            " 订单编号 ": '="'
            + (2024_0000_0000_0000 + orders["order_id"] * 7919).astype(str)
            + '"',
            "买家会员名": orders["buyer"],
            "买家实际支付金额": orders["amount_paid"].map("{:.2f}".format),
            "订单状态": orders["status"].astype(str).map(_status_zh),
            "订单创建时间": orders["created_time"].dt.strftime(fmt),
            "订单付款时间": orders["paid_time"].dt.strftime(fmt).fillna(""),
            "退款金额": orders["refund_amount"].map("{:.2f}".format),
            "收货人姓名": orders["name"],
            "联系手机": orders["phone"],
            "收货地址 ": orders["address"],
            "宝贝总数量": orders["items"].astype(str),
        }
    )
    # deliberately broken rows (line numbers in the file: data row i is line i + 2)
    table.loc[1, "订单创建时间"] = "2024-13-45 25:00:00"
    table.loc[3, "买家实际支付金额"] = "abc"
    table.loc[5, "买家实际支付金额"] = "-20.00"
    table.loc[7, " 订单编号 "] = table.loc[6, " 订单编号 "]
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
        created = order.created_time.strftime("%Y-%m-%d %H:%M:%S +0800")
        paid = (
            order.paid_time.strftime("%Y-%m-%d %H:%M:%S +0800") if pd.notna(order.paid_time) else ""
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
            "Refunded Amount": f"{order.refund_amount:.2f}",
            "Lineitem quantity": "1",
            "Lineitem name": "手袋样品",
            "Billing Name": order.name,
            "Billing Phone": order.phone,
            "Billing Address1": order.address,
        }
        rows.append(first)
        if k % 4 == 1:  # a second line item: order fields left empty, as Shopify exports do
            rows.append({"Name": name, "Lineitem quantity": "2", "Lineitem name": "配饰样品"})
    table = pd.DataFrame(rows).fillna("")
    table.loc[table["Name"] == "#1004", "Currency"] = "EUR"
    table.loc[(table["Name"] == "#1008") & (table["Email"] != ""), "Financial Status"] = (
        "chargeback_pending"
    )
    table.loc[(table["Name"] == "#1011") & (table["Email"] != ""), "Created at"] = (
        "31/02/2025 10:00"
    )
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
    """Write the four sample exports (and the generic file's mapping) to ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    orders = _base_orders()
    paths = []
    path = directory / "taobao_orders_gbk.csv"
    path.write_bytes(
        taobao_old(orders).to_csv(index=False, lineterminator="\r\n").encode("gb18030")
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
