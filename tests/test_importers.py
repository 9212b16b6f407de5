"""Importers (crmlib.importers): every format, each kind of bad row, reconciliation, masking."""

from __future__ import annotations

import json

import importer_fixtures as fixtures
import pandas as pd
import pytest

from crmlib import importers as I
from crmlib.privacy import pseudonym
from crmlib.samples import BROKEN, SAMPLE_SECRET, SAMPLES_DIR, write_samples

NOW = "2026-01-01"
SECRET = SAMPLE_SECRET


def test_committed_samples_regenerate_byte_for_byte(tmp_path):
    for path in write_samples(tmp_path):
        assert path.read_bytes() == (SAMPLES_DIR / path.name).read_bytes(), (
            f"{path.name}: run tasks.py data"
        )


def _quarantined(result) -> dict:
    """Row -> reason, without the "(expected ...)" part every reason ends with."""
    reasons = result.quarantine["reason"].str.replace(r" \(expected .*\)$", "", regex=True)
    return dict(zip(result.quarantine["row"], reasons, strict=True))


def test_taobao_gbk_old_format():
    path = SAMPLES_DIR / "taobao_orders_gbk.csv"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # really GBK
    result = I.read_taobao(path, now=NOW, secret=SECRET)
    assert result.rows_read == 60 and len(result.orders) == 54
    expected = {
        3: "unparseable date",
        5: "not a number",
        7: "negative amount",
        11: "date in the future",
        13: "unknown order status",
    }
    got = _quarantined(result)
    assert {row: got[row] for row in expected} == expected
    assert got[9] == "same order id as row 8, with different values (that row was kept)"
    assert set(got) == set(BROKEN["taobao_orders_gbk.csv"])
    # order numbers kept as text without the ="…" wrapper; headers with stray spaces understood
    assert result.orders["order_id"].str.fullmatch(r"\d{19}").all()  # ="…", plain or tab-led
    assert set(result.orders["status"]) == {"completed", "in_progress", "refunded", "closed"}
    refunded = result.orders[result.orders["status"] == "refunded"]
    assert (refunded["refund_amount"] > 0).all()
    closed = result.orders[result.orders["status"] == "closed"]
    assert closed["paid_time"].isna().all() and (closed["amount_paid"] == 0).all()
    assert "GBK" in result.report()


def test_taobao_new_format_with_sub_orders_and_bom():
    path = SAMPLES_DIR / "taobao_orders_new_utf8bom.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = I.read_taobao(path, now=NOW, secret=SECRET)
    assert result.rows_merged == 2 and result.rows_read == 62
    assert _quarantined(result) == {4: "missing buyer", 6: "unparseable date"}
    assert "in_progress" in set(result.orders["status"])
    assert result.orders["order_id"].is_unique


def test_masking_on_import_and_opt_out():
    masked = I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, secret=SECRET).customers
    assert masked["phone"].str.fullmatch(r"170\*{4}\d{4}").all()
    assert masked["name"].str.contains(r"\*").all() and masked["address"].str.endswith("****").all()
    assert masked["nickname"].str.contains(r"\*").all()
    kept = I.read_taobao(
        SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, keep_personal=True
    ).customers
    assert (
        kept["phone"].str.fullmatch(r"170\d{8}").all()
        and not kept["name"].str.contains(r"\*").any()
    )


def test_shopify_groups_line_items_and_converts_offsets():
    result = I.read_shopify(SAMPLES_DIR / "shopify_orders.csv", now=NOW, secret=SECRET)
    assert result.rows_read == 25 and result.rows_merged == 5
    assert set(_quarantined(result).values()) == {
        "currency differs from the file's main currency CNY",
        "unknown financial status",
        "unparseable date",
    }
    raw = pd.read_csv(SAMPLES_DIR / "shopify_orders.csv", dtype=str).fillna("")
    first = raw[raw["Name"] == "#1001"].iloc[0]
    loaded = result.orders.set_index("order_id").loc["#1001"]
    # +0800 in the file, Asia/Shanghai in the table: the same wall-clock time
    assert loaded["created_time"] == pd.Timestamp(first["Created at"][:19])
    two_lines = raw["Name"].value_counts()
    multi = two_lines[two_lines > 1].index[0]
    assert result.orders.set_index("order_id").loc[multi, "items"] == 3
    # the e-mail is the buyer's key: pseudonymised on import, the same e-mail the same pseudonym
    keys = result.customers["customer_key"]
    assert not keys.str.contains("@").any() and keys.str.fullmatch(r"buyer_[0-9a-f]{12}").all()
    emails = raw.loc[raw["Email"] != "", "Email"].str.strip().unique()
    assert set(keys) <= {pseudonym(e, secret=SECRET) for e in emails} and keys.is_unique
    assert set(result.orders["customer_key"]) == set(keys)
    personal = I.read_shopify(SAMPLES_DIR / "shopify_orders.csv", keep_personal=True)
    assert personal.customers["customer_key"].str.endswith("@example.com").all()


def test_generic_csv_excel_parquet(tmp_path):
    spec = json.loads((SAMPLES_DIR / "generic_mapping.json").read_text())
    csv = I.read_generic(
        SAMPLES_DIR / "generic_orders.csv",
        spec["mapping"],
        status_map=spec["status_map"],
        now=NOW,
        secret=SECRET,
    )
    assert _quarantined(csv) == {4: "not a number", 6: "unknown order status"}
    frame = pd.read_csv(SAMPLES_DIR / "generic_orders.csv", dtype=str, keep_default_na=False)
    frame.to_excel(tmp_path / "g.xlsx", index=False)
    frame.to_parquet(tmp_path / "g.parquet")
    for name in ("g.xlsx", "g.parquet"):
        other = I.read_generic(
            tmp_path / name, spec["mapping"], status_map=spec["status_map"], now=NOW, secret=SECRET
        )
        pd.testing.assert_frame_equal(other.orders, csv.orders)
        assert _quarantined(other) == _quarantined(csv)


def test_missing_columns_list_found_and_expected(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("订单编号,买家会员名\n1,a\n", encoding="utf-8")
    with pytest.raises(
        I.ImportProblem,
        match=r"missing required column\(s\) \['amount_paid', 'status', 'created_time'\].*the file has \['订单编号', '买家会员名'\]",
    ):
        I.read_taobao(bad, secret=SECRET)
    with pytest.raises(I.ImportProblem, match="missing required column"):
        I.read_generic(
            bad,
            {"order_id": "订单编号", "customer_key": "y", "created_time": "z", "amount_paid": "w"},
            secret=SECRET,
        )
    with pytest.raises(I.ImportProblem, match="none of the columns of a generic export"):
        I.read_generic(
            bad,
            {"order_id": "x", "customer_key": "y", "created_time": "z", "amount_paid": "w"},
            secret=SECRET,
        )


def test_strict_mode_stops_at_the_first_problem_naming_file_row_column_value():
    with pytest.raises(
        I.ImportProblem,
        match=r"taobao_orders_gbk.csv, row 3, column '订单创建时间': unparseable date \(expected .*\) \(value '2024-13-45 25:00:00'\)",
    ):
        I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", strict=True, now=NOW, secret=SECRET)


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("-5", "negative amount"),
        ("5000000", "implausibly large amount"),
        ("12.5x", "not a number"),
        ("", "missing amount"),
    ],
)
def test_each_kind_of_bad_amount(tmp_path, cell, reason):
    path = tmp_path / "t.csv"
    header = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间\n"
    path.write_text(
        header + f"1,a,10,交易成功,2024-01-01 10:00:00\n2,b,{cell},交易成功,2024-01-02 10:00:00\n",
        encoding="utf-8",
    )
    result = I.read_taobao(path, now=NOW, secret=SECRET)
    assert len(result.orders) == 1 and result.quarantine["reason"].iloc[0].startswith(reason)
    assert result.quarantine["row"].iloc[0] == 3


def test_imported_tables_feed_the_suite(tmp_path):
    from crmlib.archive import build_archive

    result = I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, secret=SECRET)
    result.write(tmp_path)
    orders, customers = I.read_imported(tmp_path)
    archive = build_archive(customers, orders)
    assert archive["orders"].sum() == (orders["status"].isin(["completed", "in_progress"])).sum()
    assert len(archive) == customers.shape[0]


def test_no_output_file_holds_a_raw_personal_value(tmp_path):
    """Every file an import writes is searched for the raw names, phones, buyer keys and
    streets of the sample exports: none may appear unless keep_personal is asked for."""
    raw = pd.concat(
        [
            I.read_text_table(SAMPLES_DIR / "taobao_orders_gbk.csv")[0],
            pd.read_csv(SAMPLES_DIR / "shopify_orders.csv", dtype=str, keep_default_na=False),
        ]
    )
    personal = [
        "买家会员名",
        "收货人姓名",
        "联系手机",
        "收货地址",
        "Email",
        "Billing Name",
        "Billing Phone",
    ]
    cells = raw[[c for c in personal if c in raw]].fillna("").astype(str).stack()
    values = {v.strip() for v in cells if len(v.strip()) >= 4}
    assert len(values) > 50
    I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, secret=SECRET).write(
        tmp_path / "t"
    )
    I.read_shopify(SAMPLES_DIR / "shopify_orders.csv", now=NOW, secret=SECRET).write(tmp_path / "s")
    written = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.csv"))
    leaked = sorted(v for v in values if v in written)
    assert leaked == []
    kept = I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, keep_personal=True)
    assert kept.customers["customer_key"].isin(raw["买家会员名"]).all()


def test_pseudonymising_needs_the_projects_secret():
    with pytest.raises(ValueError, match="project_secret"):
        I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW)


def _taobao(tmp_path, rows: list[str], encoding: str = "gbk"):
    path = tmp_path / "t.csv"
    header = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\n"
    path.write_bytes((header + "\n".join(rows) + "\n").encode(encoding))
    return I.read_taobao(path, now=NOW, secret=SECRET)


def test_yuan_signs_and_partial_shipments_load(tmp_path):
    # GBK has no ¥ (U+00A5): GBK exports write ￥ (U+FFE5), and some 元 after the number
    result = _taobao(
        tmp_path,
        [
            "1,a,￥128.00,交易成功,2024-01-01 10:00:00,2024-01-01 10:05:00",
            "2,b,68.00元,交易成功,2024-01-02 10:00:00,2024-01-02 10:05:00",
            '3,c,"1,280.50",卖家部分发货,2024-01-03 10:00:00,2024-01-03 10:05:00',
        ],
    )
    assert result.quarantine.empty
    assert result.orders["amount_paid"].tolist() == [128.0, 68.0, 1280.5]
    assert result.orders["status"].astype(str).tolist() == ["completed", "completed", "in_progress"]


def test_excel_damage_and_missing_paid_times_are_quarantined_by_the_exports_names(tmp_path):
    result = _taobao(
        tmp_path,
        [
            "3.07347E+18,a,10.00,交易成功,2024-01-01 10:00:00,2024-01-01 10:05:00",
            "2,b,10.00,交易成功,2024-01-02 10:00:00,",
            "3,c,10.00,交易关闭,2024-01-03 10:00:00,",  # never paid: no paid time is right
            "4,d,10.00,交易成功,2024-01-04 10:00:00,2024-01-04 10:05:00",
        ],
    )
    q = result.quarantine.set_index("row")
    assert q.loc[2, "column"] == "订单编号" and "Excel rounded it" in q.loc[2, "reason"]
    assert q.loc[3, "column"] == "订单付款时间" and "without a paid time" in q.loc[3, "reason"]
    assert set(q.index) == {2, 3} and len(result.orders) == 2
    assert result.rows_read == len(result.orders) + len(result.quarantine)


ROWS = [
    "1,a,10.00,交易成功,2024-01-01 10:00:00,2024-01-01 10:05:00",
    "2,b,20.00,交易成功,2024-01-02 10:00:00,2024-01-02 10:05:00",
    "3,c,30.00,交易成功,2024-01-03 10:00:00,2024-01-03 10:05:00",
]


def test_one_broken_row_is_quarantined_and_the_rest_load(tmp_path):
    header = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\n"
    body = (
        (header + ROWS[0] + "\n").encode("gbk")
        + b"9,x\xff,5.00,\xbd\xbb\xd2\xd7\xb3\xc9\xb9\xa6,2024-01-05 10:00:00,2024-01-05 10:05:00\n"
        + (ROWS[1] + ",extra field\n" + ROWS[2] + "\n").encode("gbk")
    )
    path = tmp_path / "t.csv"
    path.write_bytes(body)
    result = I.read_taobao(path, now=NOW, secret=SECRET)
    assert result.orders["order_id"].tolist() == ["1", "3"]
    q = result.quarantine.set_index("row")["reason"]
    assert q[3].startswith("bytes that are neither UTF-8 nor GBK")
    assert q[4].startswith("wrong number of fields (expected 6 as in the header, found 7")
    assert result.rows_read == 4 and "GBK" in result.report()


def test_excel_resaves_load_like_the_csv(tmp_path):
    header = "订单编号\t买家会员名\t买家实际支付金额\t订单状态\t订单创建时间\t订单付款时间\n"
    utf16 = tmp_path / "unicode_text.txt"  # Excel's "Unicode Text": UTF-16, tab-separated
    utf16.write_bytes(
        (header + "\n".join(r.replace(",", "\t") for r in ROWS) + "\n").encode("utf-16")
    )
    from_text = I.read_taobao(utf16, now=NOW, secret=SECRET)
    workbook = tmp_path / "resaved.xlsx"  # a workbook handed to the Taobao reader
    pd.DataFrame([r.split(",") for r in ROWS], columns=header.strip().split("\t")).to_excel(
        workbook, index=False
    )
    from_xlsx = I.read_taobao(workbook, now=NOW, secret=SECRET)
    for result in (from_text, from_xlsx):
        assert result.quarantine.empty and result.orders["amount_paid"].tolist() == [10, 20, 30]
    assert "UTF-16" in from_text.report() and "Excel (.xlsx)" in from_xlsx.report()


def test_empty_files_and_atomic_writes(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(I.ImportProblem, match="empty.csv: the file is empty"):
        I.read_taobao(tmp_path / "empty.csv", now=NOW, secret=SECRET)
    result = _taobao(tmp_path, ROWS)
    out = tmp_path / "imp"
    result.write(out)
    _taobao(tmp_path, ROWS[:1]).write(out)  # a second import replaces all three files
    assert len(pd.read_csv(out / "orders.csv")) == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".import-")) == []


def test_exact_repeats_are_merged_and_conflicts_name_the_row_kept(tmp_path):
    result = _taobao(
        tmp_path,
        [
            ROWS[0],
            ROWS[1],
            ROWS[0],  # the same row again: nothing new
            ROWS[1].replace("20.00", "25.00"),  # the same order with another amount
        ],
    )
    assert result.orders["order_id"].tolist() == ["1", "2"] and result.rows_merged == 1
    assert result.quarantine[["row", "reason"]].values.tolist() == [
        [5, "same order id as row 3, with different values (that row was kept)"]
    ]
    assert result.rows_read == 4


def test_generic_closed_orders_were_never_paid(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(
        "id,who,when,paid,state\n1,a,2024-01-01 10:00,10.00,done\n2,b,2024-01-02 10:00,99.00,cancelled\n",
        encoding="utf-8",
    )
    mapping = {
        "order_id": "id",
        "customer_key": "who",
        "created_time": "when",
        "amount_paid": "paid",
        "status": "state",
    }
    result = I.read_generic(
        path,
        mapping,
        status_map={"done": "completed", "cancelled": "closed"},
        now=NOW,
        secret=SECRET,
    )
    closed = result.orders[result.orders["status"] == "closed"].iloc[0]
    assert closed["amount_paid"] == 0 and pd.isna(closed["paid_time"])


def test_the_report_and_the_reasons_read_in_chinese():
    from crmlib import i18n

    result = I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, secret=SECRET)
    with i18n.using("zh"):
        report = result.report()
        shown = i18n.show(result.quarantine, kinds={"reason": "message"})
    assert "读取的行数: 60" in report and "隔离的行数: 6" in report and "文件编码：GBK" in report
    assert "与第 8 行的订单编号相同" in " ".join(shown["原因"])
    assert not any(c.isascii() and c.isalpha() for c in "".join(shown["原因"]).replace("GBK", ""))
    assert "rows read: 60" in result.report()  # the CLI's language stays English


def test_the_strict_error_reads_in_chinese_reason_and_all():
    from crmlib import i18n

    with pytest.raises(I.ImportProblem) as problem:
        I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", strict=True, now=NOW, secret=SECRET)
    assert i18n.tr_text(str(problem.value), "zh") == (
        "taobao_orders_gbk.csv 第 3 行，'订单创建时间' 列：无法识别的日期（应为日期和时间，例如 "
        "2024-01-31 10:00:00）（值为 '2024-13-45 25:00:00'）"
    )


def test_shopify_pos_orders_without_an_email_are_recognised_by_phone(tmp_path):
    header = "Name,Email,Financial Status,Paid at,Created at,Currency,Total,Billing Phone\n"
    rows = [
        "#1,lily@example.com,paid,2024-01-01 10:00:00 +0800,2024-01-01 10:00:00 +0800,CNY,10.00,",
        "#2,,paid,2024-01-02 10:00:00 +0800,2024-01-02 10:00:00 +0800,CNY,20.00,+86 170-0000-1234",
        "#3,,paid,2024-01-03 10:00:00 +0800,2024-01-03 10:00:00 +0800,CNY,30.00,17000001234",
        "#4,,paid,2024-01-04 10:00:00 +0800,2024-01-04 10:00:00 +0800,CNY,40.00,",
    ]
    path = tmp_path / "pos.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    result = I.read_shopify(path, now=NOW, secret=SECRET)
    # the two phone-only orders are one buyer (the same digits, +86 or not), pseudonymised
    keys = result.orders.set_index("order_id")["customer_key"]
    assert keys["#2"] == keys["#3"] != keys["#1"]
    assert result.quarantine["row"].tolist() == [5]
    assert "neither an e-mail nor a phone" in result.quarantine["reason"].iloc[0]
    assert "2 orders without an e-mail recognised by the buyer's phone" in result.report()
    assert not keys.str.contains("170").any()


def test_quarantined_rows_carry_no_personal_value_and_no_formula(tmp_path):
    result = I.read_taobao(fixtures.planted_export(tmp_path / "t.csv"), now=NOW, secret=SECRET)
    assert result.orders["order_id"].tolist() == ["1"] and result.rows_quarantined == 4
    result.write(tmp_path / "out")
    written = "\n".join(p.read_text(encoding="utf-8-sig") for p in (tmp_path / "out").iterdir())
    assert [v for v in fixtures.PLANTED if v in written] == []
    reasons = result.quarantine.set_index("row")["reason"]
    assert reasons[3].startswith("wrong number of fields") and reasons[5] == "unknown order status"
    quarantine = pd.read_csv(tmp_path / "out" / "quarantine.csv", dtype=str, encoding="utf-8-sig")
    assert not quarantine["value"].str.match(r"[=+\-@]").any()
    kept = I.read_taobao(tmp_path / "t.csv", now=NOW, keep_personal=True)
    assert "王大锤" in kept.quarantine["value"].str.cat()


@pytest.mark.parametrize(
    ("broken", "loaded", "reason"),
    [
        ("eof", 4, "an unclosed quote: this row runs over lines 6 to 21 of the file"),
        ("resync", 14, "a cell holds line breaks followed by whole rows"),
        ("note", 20, None),
    ],
)
def test_an_unclosed_quote_never_swallows_rows_unseen(tmp_path, broken, loaded, reason):
    result = I.read_taobao(
        fixtures.quoted_export(tmp_path / "t.csv", broken), now=NOW, secret=SECRET
    )
    assert result.rows_loaded == loaded
    if reason is None:
        assert result.quarantine.empty and result.rows_read == 20
    else:
        # the rows before the quote load; the record holding the rest is quarantined, by name
        assert result.orders["order_id"].tolist()[:4] == ["1", "2", "3", "4"]
        assert result.quarantine["row"].tolist() == [6]
        assert result.quarantine["reason"].iat[0].startswith(reason)


def test_a_cell_longer_than_the_limit_is_quarantined_and_the_next_rows_load(tmp_path):
    path = fixtures.quoted_export(tmp_path / "t.csv", "none")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace("buyer4", "x" * 2_000_001)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = I.read_taobao(path, now=NOW, secret=SECRET)
    assert result.rows_loaded == 19 and result.quarantine["row"].tolist() == [5]
    assert result.quarantine["reason"].iat[0].startswith("a cell longer than 2,000,000 characters")


RULES_HEADER = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间\n"


@pytest.mark.parametrize(
    ("amount", "created", "loaded", "reason"),
    [
        # a time with an offset is converted to the shop's clock (Asia/Shanghai, UTC+8)
        ("10.00", "2024-01-02 02:00:00+00:00", (10.0, "2024-01-02 10:00:00"), None),
        ("10.00", "2024-01-02 02:00:00Z", (10.0, "2024-01-02 10:00:00"), None),
        ("10.00", "2024-01-02 10:00:00+08:00", (10.0, "2024-01-02 10:00:00"), None),
        # commas group thousands; anything else with a comma is not read as a number
        ('"1,234.50"', "2024-01-02 10:00:00", (1234.5, "2024-01-02 10:00:00"), None),
        ('"1.234,56"', "2024-01-02 10:00:00", None, "a decimal comma (1.234,56)"),
        ('"12,5"', "2024-01-02 10:00:00", None, "a decimal comma (1.234,56)"),
        ('"1,2345"', "2024-01-02 10:00:00", None, "not a number"),
        ("1_000", "2024-01-02 10:00:00", None, "not a number"),
        ("1 000", "2024-01-02 10:00:00", None, "not a number"),
        # a spreadsheet's empty or damaged date does not reach the scores
        ("10.00", "0001-01-01 00:00:00", None, "implausible date (before 2000"),
        ("10.00", "1900-01-01 00:00:00", None, "implausible date (before 2000"),
    ],
)
def test_one_rule_for_offsets_commas_separators_and_old_years(
    tmp_path, amount, created, loaded, reason
):
    path = tmp_path / "t.csv"
    path.write_text(RULES_HEADER + f"1,a,{amount},交易成功,{created},{created}\n", "utf-8")
    result = I.read_taobao(path, now=NOW, secret=SECRET)
    if reason is None:
        order = result.orders.iloc[0]
        assert (order["amount_paid"], str(order["created_time"])) == loaded
        assert order["paid_time"] == order["created_time"]
    else:
        assert result.orders.empty and result.rows_quarantined == 1
        assert result.quarantine["reason"].str.startswith(reason).any()


def test_a_spec_that_says_decimal_comma_reads_them_and_a_zone_must_exist(tmp_path):
    path = tmp_path / "t.csv"
    row = '1,a,"1.234,56",交易成功,2024-01-02 10:00:00,2024-01-02 10:00:00\n'
    path.write_text(RULES_HEADER + row, "utf-8")
    spec = I.builtin_specs()["taobao"].model_copy(update={"decimal_comma": True})
    result = I.read_orders(path, spec, now=NOW, secret=SECRET)
    assert result.orders["amount_paid"].tolist() == [1234.56]
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        I.FormatSpec(**{**spec.model_dump(), "timezone": "Mars/Olympus"})


def test_a_header_named_twice_or_a_wrong_file_gets_a_clear_error(tmp_path):
    ok = "1,tb_a,10.00,交易成功,2024-01-01 10:00:00,2024-01-01 10:05:00"
    unused = tmp_path / "unused.csv"  # a repeated column the format does not read: renamed
    unused.write_text(RULES_HEADER.strip() + ",备注,备注\n" + ok + ",x,y\n", "utf-8")
    assert I.read_taobao(unused, now=NOW, secret=SECRET).rows_loaded == 1
    used = tmp_path / "used.csv"  # the amount named twice: which one is meant?
    used.write_text(RULES_HEADER.strip() + ",买家实际支付金额\n" + ok + ",99.00\n", "utf-8")
    with pytest.raises(I.ImportProblem, match=r"names \['买家实际支付金额'\] more than once"):
        I.read_taobao(used, now=NOW, secret=SECRET)
    wrong = tmp_path / "passwd"  # not an export: its first line is not echoed
    wrong.write_text("root:x:0:0:root:/root:/bin/bash\nuser:x:1000:1000::/home/user:/bin/sh\n")
    with pytest.raises(I.ImportProblem) as error:
        I.read_taobao(wrong, now=NOW, secret=SECRET)
    assert "none of the columns of a" in str(error.value) and "root" not in str(error.value)


def test_a_refund_larger_than_the_payment_is_quarantined_not_kept_as_negative_money(tmp_path):
    path = tmp_path / "generic.csv"
    path.write_text(
        "id,buyer,time,paid,refund,state\n"
        "1,a,2024-01-01 10:00:00,100.00,30.00,refunded\n"
        "2,b,2024-01-02 10:00:00,100.00,130.00,closed\n",
        encoding="utf-8",
    )
    mapping = {"order_id": "id", "customer_key": "buyer", "created_time": "time",
               "amount_paid": "paid", "refund_amount": "refund", "status": "state"}  # fmt: skip
    result = I.read_generic(path, mapping, now=NOW, secret=SECRET)
    assert result.orders["order_id"].tolist() == ["1"]
    assert result.quarantine["reason"].tolist() == [
        "a refund larger than the amount paid (the order's net amount would be negative)"
    ]
    assert result.quarantine["column"].tolist() == ["refund"]


def test_ctrl_c_while_the_outputs_are_moved_in_leaves_no_mix(tmp_path, monkeypatch):
    import os
    import signal

    from crmlib.importers import result as results

    old = I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, secret=SECRET)
    old.write(tmp_path / "out")
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    new = I.read_taobao(fixtures.quoted_export(tmp_path / "t.csv", "none"), now=NOW, secret=SECRET)
    real = os.replace

    def interrupted(source, target):  # Ctrl-C pressed as the first file moves in
        os.kill(os.getpid(), signal.SIGINT)
        real(source, target)

    monkeypatch.setattr(results.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        new.write(tmp_path / "out")
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert set(after) == set(before) and all(after[n] != before[n] for n in after)


def test_an_output_held_open_leaves_every_earlier_output_as_it_was(tmp_path, monkeypatch):
    """On Windows a file Excel shows cannot be replaced: the earlier outputs stay whole (no
    mix of two imports), this import's go to a new folder beside them, and a warning names
    the file held and that folder."""
    I.read_taobao(SAMPLES_DIR / "taobao_orders_gbk.csv", now=NOW, secret=SECRET).write(
        tmp_path / "out"
    )
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    fixtures.hold_open(monkeypatch, "quarantine.csv")
    new = I.read_taobao(fixtures.quoted_export(tmp_path / "t.csv", "none"), now=NOW, secret=SECRET)
    with pytest.warns(I.OutputsElsewhere, match=r"quarantine.csv is open in another program"):
        written = new.write(tmp_path / "out")
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert after == before
    assert {p.parent for p in written} == {tmp_path / "out (2)"}
    assert sorted(p.name for p in written) == sorted(before)
    again = {p.name: p.read_bytes() for p in (tmp_path / "out (2)").iterdir()}
    assert again != before and set(again) == set(before)  # the new import, whole
    with pytest.warns(I.OutputsElsewhere, match=r"out \(3\)"):
        new.write(tmp_path / "out")  # still held: the next free name
