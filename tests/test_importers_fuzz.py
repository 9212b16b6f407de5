"""Random exports, written as real ones are (quoting, encodings, separators) and full of what
hostile or careless files hold (formulas, long cells, odd numbers and dates, stray quotes),
with personal values planted in every row. Whatever the file, the import must not crash,
must account for every record, and must write no planted value and no live formula."""

from __future__ import annotations

import csv
import io
import string

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmlib import importers as I

NOW = "2026-01-01"
SECRET = b"fuzz-tests-secret-0123456789abcdef"
HEADER = [
    "订单编号", "买家会员名", "买家实际支付金额", "订单状态", "订单创建时间", "订单付款时间",
    "收货人姓名", "联系手机", "收货地址",
]  # fmt: skip
SURNAMES, GIVEN = "王李张刘陈", "大锤小明春花秋月"
FORMULA = ("=", "+", "@", "\t", "\r")

names = st.builds(
    lambda s, g: s + g, st.sampled_from(SURNAMES), st.text(GIVEN, min_size=2, max_size=3)
)
phones = st.builds(lambda d: "1" + d, st.text("3456789", min_size=1, max_size=1).flatmap(
    lambda first: st.text(string.digits, min_size=9, max_size=9).map(lambda rest: first + rest)
))  # fmt: skip
streets = st.builds(
    lambda n, r: f"浙江省杭州市西湖区{r}路{n}号",
    st.integers(1, 999),
    st.sampled_from(["幸福", "文三", "学院"]),
)
accounts = st.builds(
    lambda a, n: f"tb_{a}{n}", st.text("abcdefghij", min_size=3, max_size=6), st.integers(10, 99999)
)
hostile = st.sampled_from(
    ["=1+1", "+1", "@SUM(A1)", "-3", "=HYPERLINK(\"http://x\")", "1_000", "1.234,56", "1,234.50",
     "¥12.00", "", " ", "x" * 3000, "\"", "a,b", "line\nbreak", "0001-01-01 00:00:00"]
)  # fmt: skip
amounts = st.one_of(st.decimals(0, 99999, places=2).map(str), hostile)
statuses = st.one_of(st.sampled_from(["交易成功", "交易关闭", "已发货", "等待买家付款"]), hostile)
times = st.one_of(
    st.datetimes(pd.Timestamp("2023-01-01"), pd.Timestamp("2025-12-31")).map(
        lambda t: t.strftime("%Y-%m-%d %H:%M:%S")
    ),
    st.just("2024-03-01 02:00:00+00:00"),
    hostile,
)
rows = st.lists(
    st.tuples(
        st.integers(1, 40), accounts, amounts, statuses, times, times, names, phones, streets
    ),
    min_size=1,
    max_size=25,
)


def write_export(path, records, encoding: str, delimiter: str, stray_quote: int | None) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(records)
    lines = buffer.getvalue().split("\r\n")
    if stray_quote is not None:  # a careless edit: one quote opened and never closed
        lines[1 + stray_quote % len(records)] += delimiter + '"'
    path.write_bytes("\r\n".join(lines).encode(encoding, errors="replace"))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    records=rows,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    delimiter=st.sampled_from([",", "\t"]),
    stray_quote=st.one_of(st.none(), st.integers(0, 100)),
)
def test_any_export_is_accounted_for_and_leaks_nothing(
    tmp_path, records, encoding, delimiter, stray_quote
):
    path = tmp_path / "export.csv"
    write_export(path, [tuple(map(str, r)) for r in records], encoding, delimiter, stray_quote)
    result = I.read_taobao(path, now=NOW, secret=SECRET)
    # every record read is loaded, quarantined or merged; none is lost without a word
    assert result.rows_read == result.rows_loaded + result.rows_quarantined + result.rows_merged
    if stray_quote is None:
        assert result.rows_read == len(records)
    else:  # the broken record is quarantined, saying why, with the lines it runs over
        assert result.rows_read <= len(records) + 1 and result.rows_quarantined >= 1
    out = tmp_path / "out"
    result.write(out)
    written = "\n".join(p.read_text(encoding="utf-8-sig") for p in out.iterdir())
    planted = {v for r in records for v in (r[1], r[6], str(r[7]), r[8])}
    assert sorted(v for v in planted if v in written) == []
    for name in ("orders.csv", "customers.csv", "quarantine.csv"):
        text = (out / name).read_text(encoding="utf-8-sig")
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                assert not cell.startswith(FORMULA), (name, cell)
                if cell.startswith("-"):
                    float(cell)  # only a number may start with a minus
