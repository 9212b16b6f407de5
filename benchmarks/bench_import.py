"""Importing and scoring a large shop: a GBK Taobao order report with millions of rows.

Writes a synthetic GBK Taobao export of N order rows (default 10 million; CRM_BENCH_ROWS
changes it, CRM_BENCH_CUSTOMERS the number of buyers, default one per 8 orders), then times and
measures the peak memory, each in a fresh process, of
(1) the baseline, measured in the same run: ``pandas.read_csv`` of the same file (no checks);
(2) ``crmlib import --engine duckdb`` (read, check, quarantine, pseudonymise, write Parquet);
(3) ``crmlib score`` on that import (archive, RFM, segments, tags, tier, BG/NBD + Gamma-Gamma CLV).
Run it at 10 M and at 30 M rows with the same buyers: memory follows the buyers, not the rows.
"""

from __future__ import annotations

import os
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
                    "address": np.array(PROVINCES)[buyer % 4]
                    + "示例路"
                    + pd.Series(buyer % 500).astype(str)
                    + "号",
                    "items": rng.integers(1, 4, n),
                    "title": "样品",
                }
            )
            frame.to_csv(handle, header=False, index=False, lineterminator="\r\n")


def child(code: str) -> tuple[float, float, str]:
    """Run code in a fresh interpreter; return seconds, its own peak memory (GB) and its last
    line of output."""
    code += "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    *_, last, peak_kb = out.stdout.strip().splitlines()
    return seconds, int(peak_kb) / 1024**2, last


def main() -> None:
    customers = int(os.environ.get("CRM_BENCH_CUSTOMERS", 0)) or None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.csv"
        t0 = time.perf_counter()
        write_export(path, ROWS, customers)
        print(
            f"{ROWS:,} rows, {path.stat().st_size / 1e9:.2f} GB (GBK) written in "
            f"{time.perf_counter() - t0:.0f} s"
        )
        base, base_gb, _ = child(
            f"import pandas as pd; d = pd.read_csv({str(path)!r}, dtype=str, encoding='gb18030'); "
            "print(len(d))"
        )
        secret = Path(tmp) / "secret"
        imported = Path(tmp) / "imported"
        imp, imp_gb, msg = child(
            "import sys\nfrom crmlib.cli import main\n"
            f"code = main(['--quiet', 'import', {str(path)!r}, '--format', 'taobao', '--engine', "
            f"'duckdb', '--out', {str(imported)!r}, '--now', '2026-06-01', '--secret-file', "
            f"{str(secret)!r}])\nprint('exit', code)"
        )
        score, score_gb, msg2 = child(
            "from crmlib.cli import main\n"
            f"code = main(['--quiet', 'score', {str(imported)!r}, '--out', "
            f"{str(Path(tmp) / 'scores.parquet')!r}])\nprint('exit', code)"
        )
    total = imp + score
    print(f"baseline pandas.read_csv:        {base:6.1f} s (peak {base_gb:.1f} GB)")
    print(
        f"crmlib import --engine duckdb:   {imp:6.1f} s  x{imp / base:.1f} of the baseline  ({msg})"
    )
    print(f"crmlib score:                    {score:6.1f} s  ({msg2})")
    print(f"import + score:                  {total:6.1f} s  x{total / base:.1f} of the baseline")
    print(f"peak memory: import {imp_gb:.1f} GB, score {score_gb:.1f} GB (each its own process)")


if __name__ == "__main__":
    main()
