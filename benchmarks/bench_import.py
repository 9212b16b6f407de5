"""Importing and scoring a large shop: a Taobao order report with millions of rows.

Writes a synthetic UTF-8 Taobao export of N order rows (default 10 million; set
CRM_BENCH_ROWS to change), then times and measures peak memory, in child processes, of
(1) ``read_taobao`` and (2) scoring: archive, RFM, tiers and a BG/NBD fit. Baseline, measured
in the same run: plain ``pandas.read_csv`` of the same file, the least any importer must do.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROWS = int(os.environ.get("CRM_BENCH_ROWS", 10_000_000))


PROVINCES = ["浙江省杭州市西湖区", "广东省深圳市南山区", "上海市浦东新区", "四川省成都市武侯区"]


def write_export(path: Path, rows: int, customers: int | None = None, seed: int = 0) -> None:
    """A GBK Taobao 订单报表 of ``rows`` orders from ``customers`` buyers (default one per 8
    orders), with the personal columns an import masks, written in blocks of a million rows."""
    rng = np.random.default_rng(seed)
    customers = customers or max(rows // 8, 1)
    start = pd.Timestamp("2023-01-01").value // 10**9
    chunk = 1_000_000
    with path.open("w", encoding="gb18030", newline="") as handle:
        handle.write(
            "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间,退款金额,"
            "收货人姓名,联系手机,收货地址,宝贝总数量,宝贝标题\r\n"
        )
        for offset in range(0, rows, chunk):
            n = min(chunk, rows - offset)
            t = start + rng.integers(0, 3 * 365 * 86400, n)
            created = pd.to_datetime(t, unit="s").strftime("%Y-%m-%d %H:%M:%S")
            paid = pd.to_datetime(t + rng.integers(30, 3600, n), unit="s").strftime(
                "%Y-%m-%d %H:%M:%S"
            )
            buyer = rng.integers(0, customers, n)
            status = np.where(rng.random(n) < 0.93, "交易成功", "交易关闭")
            frame = pd.DataFrame(
                {
                    "id": np.arange(offset, offset + n) + 3_000_000_000_000_000_000,
                    "buyer": "tb" + pd.Series(buyer).astype(str),
                    "amount": np.round(rng.gamma(2.0, 100.0, n), 2),
                    "status": status,
                    "created": created,
                    "paid": np.where(status == "交易成功", paid, ""),
                    "refund": 0.0,
                    "name": "王" + pd.Series(buyer % 997).astype(str),
                    "phone": 17000000000 + buyer,
                    "address": np.array(PROVINCES)[buyer % 4] + "示例路" + pd.Series(buyer % 500).astype(str) + "号",
                    "items": rng.integers(1, 4, n),
                    "title": "样品",
                }
            )
            frame.to_csv(handle, header=False, index=False, lineterminator="\r\n")


def child(code: str) -> tuple[float, float, str]:
    """Run code in a fresh interpreter; return seconds, peak GB and its last output line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024**2, out.stdout.strip().splitlines()[-1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.csv"
        t0 = time.perf_counter()
        write_export(path, ROWS)
        print(
            f"{ROWS:,} rows, {path.stat().st_size / 1e9:.2f} GB written in {time.perf_counter() - t0:.0f} s"
        )
        base, base_gb, _ = child(
            f"import pandas as pd; d = pd.read_csv({str(path)!r}, dtype=str); print(len(d))"
        )
        imp, imp_gb, msg = child(
            "from crmlib import importers as I\nfrom crmlib.samples import SAMPLE_SECRET\n"
            f"r = I.read_taobao({str(path)!r}, now='2026-01-01', secret=SAMPLE_SECRET)\n"
            f"r.write({str(Path(tmp) / 'imp')!r})\n"
            "print(f'{len(r.orders):,} orders loaded, {len(r.quarantine):,} quarantined')"
        )
        score, score_gb, msg2 = child(
            "import sys, pandas as pd\n"
            "from crmlib import importers as I, scoring\n"
            "from crmlib.archive import default_as_of\n"
            f"o, c = I.read_imported({str(Path(tmp) / 'imp')!r})\n"
            "out = scoring.score_customers(c, o, as_of=default_as_of(o)).table\n"
            "print(f'{len(out):,} customers scored')"
        )
    print(f"baseline pandas.read_csv: {base:6.1f} s (peak {base_gb:.1f} GB)")
    print(f"crmlib import + write:    {imp:6.1f} s  x{imp / base:.1f} of the baseline  ({msg})")
    print(f"crmlib score:             {score:6.1f} s  ({msg2})")
    print(
        f"peak memory of any step so far: {max(base_gb, imp_gb, score_gb):.1f} GB (machine: 24 GB)"
    )


if __name__ == "__main__":
    main()
