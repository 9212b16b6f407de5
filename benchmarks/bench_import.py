"""Importing and scoring a large shop: a GBK Taobao order report with millions of rows.

Writes a synthetic GBK Taobao export of N order rows (default 10 million; CRM_BENCH_ROWS
changes it, CRM_BENCH_CUSTOMERS how many buyers, default one per 8 orders), then times and
measures the peak memory, each in a fresh process, of
(1) the baselines, measured in the same run: ``pandas.read_csv`` of the same file (no checks),
    and the floor (:data:`FLOOR`: UTF-8, DuckDB read, group by buyer, Parquet);
(2) ``crmlib import --outputs parquet`` (read, check, quarantine, pseudonymise, write Parquet);
(3) ``crmlib score`` on that import (archive, RFM, segments, tags, tier, BG/NBD + Gamma-Gamma CLV).
Run it at 10 M and at 30 M rows with the same buyers: memory follows the buyers, not the rows.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import run_measured
from crmlib.large_export import large_taobao_export as write_export

ROWS = int(os.environ.get("CRM_BENCH_ROWS", 10_000_000))


def child(code: str) -> tuple[float, float, str]:
    """Run code in a fresh interpreter; its seconds, the peak memory of it and the processes it
    starts together (GB; the GBK converter's workers included), and its last line of output."""
    seconds, peak, output = run_measured([sys.executable, "-c", code])
    return seconds, peak, output.strip().splitlines()[-1]


FLOOR = """
import duckdb
from pathlib import Path
from crmlib.importers.sources import utf8_source
text, _, _ = utf8_source(Path({path!r}), Path({tmp!r}))
con = duckdb.connect()
con.sql(
    "COPY (SELECT 买家会员名 AS buyer, max(订单创建时间) AS recency, count(*) AS frequency, "
    "sum(TRY_CAST(买家实际支付金额 AS DOUBLE)) AS monetary "
    "FROM read_csv('" + str(text) + "', header = true, all_varchar = true) GROUP BY buyer) "
    "TO '{tmp}/floor.parquet' (FORMAT parquet)"
)
print(con.execute("SELECT count(*) FROM '{tmp}/floor.parquet'").fetchall()[0][0], "buyers")
"""
"""The floor the issue set: convert to UTF-8, DuckDB ``read_csv``, group by buyer for recency,
frequency and monetary, write Parquet; nothing checked, nothing masked, nothing scored."""


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
        floor, floor_gb, floor_msg = child(FLOOR.format(path=str(path), tmp=tmp))
        secret = Path(tmp) / "secret"
        imported = Path(tmp) / "imported"
        imp, imp_gb, msg = child(
            "import sys\nfrom crmlib.cli import main\n"
            f"code = main(['--quiet', 'import', {str(path)!r}, '--format', 'taobao', '--outputs', "
            f"'parquet', '--out', {str(imported)!r}, '--now', '2026-06-01', '--secret-file', "
            f"{str(secret)!r}])\nprint('exit', code)"
        )
        score, score_gb, msg2 = child(
            "from crmlib.cli import main\n"
            f"code = main(['--quiet', 'score', {str(imported)!r}, '--out', "
            f"{str(Path(tmp) / 'scores.parquet')!r}])\nprint('exit', code)"
        )
    total = imp + score
    print(f"baseline pandas.read_csv:        {base:6.1f} s (peak {base_gb:.1f} GB)")
    print(f"floor (UTF-8, read, RFM, write):  {floor:6.1f} s (peak {floor_gb:.1f} GB; {floor_msg})")
    print(
        f"crmlib import --outputs parquet: {imp:6.1f} s  x{imp / base:.1f} of the baseline  ({msg})"
    )
    print(f"crmlib score:                    {score:6.1f} s  ({msg2})")
    print(
        f"import + score:                  {total:6.1f} s  x{total / base:.1f} of the baseline, "
        f"x{total / floor:.1f} of the floor (the target is x3)"
    )
    print(
        f"peak memory: import {imp_gb:.1f} GB (its GBK workers included), score {score_gb:.1f} GB"
    )


if __name__ == "__main__":
    main()
