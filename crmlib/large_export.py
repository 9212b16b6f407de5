"""Synthetic Taobao exports of any size (millions of orders), for benchmarks and notebook 07.

The small committed sample exports of every platform are :mod:`crmlib.samples`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .datasets.purchases import bgnbd_repeat_purchases

PROVINCES = ["浙江省杭州市西湖区", "广东省深圳市南山区", "上海市浦东新区", "四川省成都市武侯区"]


def large_taobao_export(path: Path, rows: int, customers: int | None = None, seed: int = 0) -> Path:
    """A large GBK Taobao 订单报表 of ``rows`` orders over three years, with the personal
    columns an import masks, written in blocks of a million rows: for the DuckDB engine's
    benchmark and notebook 07. Synthetic and reproducible from ``seed``.

    Buyers behave as the BG/NBD model assumes (notebook 06): each arrives some time in the
    three years, buys at their own rate, and may leave after any repeat purchase. ``customers``
    of them (default one per 8 orders) are drawn, buying fast enough between them to place at
    least ``rows`` orders; the export holds the first ``rows`` in time (a buyer who arrives
    after that places none).
    """
    path = Path(path)
    rng = np.random.default_rng(seed)
    wanted = customers or max(rows // 8, 1)
    days = 3 * 365.0
    drawn, scale = wanted, 0.016  # purchases per day while active: about 5 a year to start
    first = rng.uniform(0, days, drawn)
    rates = rng.gamma(2.0, 0.5, drawn)  # some buyers faster than others, none wildly
    dropout = rng.beta(2.0, 8.0, drawn)
    loyalty = 1.0
    while True:  # the same buyers buy faster, and stay longer, until they place ``rows`` orders
        buyer, repeat_time, _died = bgnbd_repeat_purchases(
            rates * scale, dropout / loyalty, first, days, rng
        )
        if drawn + buyer.size >= rows:
            break
        step = 1.1 * rows / (drawn + buyer.size)
        scale, loyalty = scale * step, loyalty * step
    buyer = np.concatenate([np.arange(drawn), buyer])
    day = np.concatenate([first, repeat_time])
    order = np.argsort(day, kind="stable")[:rows]
    buyer, day = buyer[order], day[order]
    start = pd.Timestamp("2023-01-01").value // 10**9
    seconds = start + (day * 86400).astype(np.int64)
    chunk = 1_000_000
    with path.open("w", encoding="gb18030", newline="") as handle:
        handle.write(
            "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间,退款金额,"
            "收货人姓名,联系手机,收货地址,宝贝总数量,宝贝标题\r\n"
        )
        for offset in range(0, len(buyer), chunk):
            who, t = buyer[offset : offset + chunk], seconds[offset : offset + chunk]
            n = len(who)
            created = pd.to_datetime(t, unit="s").strftime("%Y-%m-%d %H:%M:%S")
            paid = pd.to_datetime(t + rng.integers(30, 3600, n), unit="s").strftime(
                "%Y-%m-%d %H:%M:%S"
            )
            status = np.where(rng.random(n) < 0.93, "交易成功", "交易关闭")
            frame = pd.DataFrame(
                {
                    "id": np.arange(offset, offset + n) + 3_000_000_000_000_000_000,
                    "buyer": "tb" + pd.Series(who).astype(str),
                    "amount": np.round(rng.gamma(2.0, 100.0, n), 2),
                    "status": status,
                    "created": created,
                    "paid": np.where(status == "交易成功", paid, ""),
                    "refund": 0.0,
                    "name": "王" + pd.Series(who % 997).astype(str),
                    "phone": 17000000000 + who,
                    "address": np.array(PROVINCES)[who % 4]
                    + "示例路"
                    + pd.Series(who % 500).astype(str)
                    + "号",
                    "items": rng.integers(1, 4, n),
                    "title": "样品",
                }
            )
            frame.to_csv(handle, header=False, index=False, lineterminator="\r\n")
    return path
