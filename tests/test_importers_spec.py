"""Format specs (crmlib.importers.spec) and the formats they describe: JD.com, Douyin shop."""

from __future__ import annotations

import pytest
import yaml
from importer_fixtures import douyin_export, jd_export

from crmlib import importers as I

NOW = "2025-01-01"
SECRET = b"spec-tests-secret-0123456789abcdef"


def test_every_builtin_spec_names_its_source_and_required_columns():
    specs = I.builtin_specs()
    assert {"taobao", "jd", "douyin"} <= set(specs)
    for spec in specs.values():
        assert spec.confirmed_from and set(I.spec.REQUIRED) <= set(spec.required)


def test_a_spec_file_with_a_mistake_is_refused_naming_the_file_and_the_field(tmp_path):
    good = yaml.safe_load((I.spec.FORMATS_DIR / "jd.yaml").read_text(encoding="utf-8"))
    cases = {
        "unknown_field": {**good, "colums": {}},
        "unknown_status": {**good, "statuses": {"完成": "done"}},
        "no_buyer": {
            **good,
            "columns": {k: v for k, v in good["columns"].items() if k != "customer_key"},
        },
    }
    for name, data in cases.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        with pytest.raises(
            I.ImportProblem, match=rf"{name}\.yaml: .*(colums|statuses|customer_key)"
        ):
            I.load_spec(path)
    (tmp_path / "broken.yaml").write_text("name: [", encoding="utf-8")
    with pytest.raises(I.ImportProblem, match=r"broken\.yaml: not valid YAML"):
        I.load_spec(tmp_path / "broken.yaml")


def test_a_generic_mapping_to_an_unknown_column_is_refused():
    with pytest.raises(I.ImportProblem, match="mapping: .*colour"):
        I.spec_from_mapping(
            {
                "order_id": "a",
                "customer_key": "b",
                "created_time": "c",
                "amount_paid": "d",
                "colour": "e",
            }
        )


def test_jd_orders_of_several_skus_are_one_order_and_statuses_map(tmp_path):
    result = I.read_jd(jd_export(tmp_path), now=NOW, secret=SECRET)
    orders = result.orders.set_index("order_id")
    assert result.rows_read == 6 and result.rows_merged == 1
    assert result.quarantine["reason"].tolist() == ["unknown order status"]
    assert result.quarantine["column"].tolist() == ["订单状态"]
    # the order's amount is on every SKU row: counted once, the quantities added up
    assert orders.loc["11729384072", "amount_paid"] == 932.45
    assert orders.loc["11729384072", "items"] == 2
    assert orders.loc["11729384072", "list_amount"] == 1097.00
    assert orders.loc["11729384073", "status"] == "in_progress"  # (删除)等待确认收货
    cancelled = orders.loc["11729384074"]  # cancelled after payment: refunded in full
    assert cancelled["status"] == "refunded" and cancelled["refund_amount"] == 99.0
    unpaid = orders.loc["11729384075"]
    assert unpaid["status"] == "closed" and unpaid["amount_paid"] == 0
    assert result.customers["customer_key"].str.fullmatch(r"buyer_[0-9a-f]{12}").all()
    assert result.customers["phone"].str.fullmatch(r"1\d\d\*{4}\d{4}").all()


def test_douyin_sub_orders_add_up_and_dashes_are_empty(tmp_path):
    result = I.read_douyin(douyin_export(tmp_path), now=NOW, secret=SECRET)
    orders = result.orders.set_index("order_id")
    assert result.rows_read == 5 and result.rows_merged == 1 and result.quarantine.empty
    first = orders.loc["6917926768823643751"]  # the tab before the id is gone
    assert first["amount_paid"] == 218.0 and first["items"] == 3 and first["discount"] == 10.0
    assert first["status"] == "completed" and first["channel"] == "直播"
    refunded = orders.loc["6917926768823643760"]
    assert refunded["status"] == "refunded" and refunded["refund_amount"] == 128.0
    assert orders.loc["6917926768823643770", "status"] == "closed"
    assert orders.loc["6917926768823643780", "status"] == "in_progress"
    # the recipient's phone is the buyer's key: two buyers, pseudonymised
    assert result.customers["customer_key"].nunique() == 2
    assert set(result.customers["address"]) == {"浙江省杭州市西湖区****", "广东省深圳市南山区****"}


def test_the_jd_and_douyin_samples_quarantine_what_they_break():
    from crmlib.samples import BROKEN, SAMPLE_SECRET, SAMPLES_DIR

    for name, read in (("jd_orders_gbk.csv", I.read_jd), ("douyin_orders.csv", I.read_douyin)):
        result = read(SAMPLES_DIR / name, now="2026-01-01", secret=SAMPLE_SECRET)
        reasons = result.quarantine.set_index("row")["reason"]
        reasons = reasons.str.replace(r" \(expected .*\)$", "", regex=True)
        expected = {
            row: r.replace("amount is not a number", "not a number")
            for row, r in BROKEN[name].items()
        }
        assert reasons.to_dict() == expected
        assert result.rows_merged > 0 and set(result.orders["status"]) >= {"completed", "refunded"}
        result.check_reconciles()


def test_the_format_table_lists_every_builtin_spec():
    table = I.format_table()
    assert list(table.index) == list(I.builtin_specs())
    assert (table["columns_read"] >= 5).all() and table["confirmed_from"].str.len().gt(20).all()


def test_an_order_with_one_bad_item_is_quarantined_whole(tmp_path):
    """Douyin adds up its sub-orders' amounts: one item's amount that is not a number makes the
    order a problem, instead of loading the other items' total."""
    from importer_fixtures import DOUYIN_HEADER, DOUYIN_ROWS, write

    rows = list(DOUYIN_ROWS)
    rows[1] = rows[1].replace(",50.00,100.00,", ",50.00,免费,")  # the second item's amount
    path = write(tmp_path / "douyin_bad_item.csv", DOUYIN_HEADER, rows, "utf-8-sig")
    spec = I.builtin_specs()["douyin"]
    result = I.read_orders(path, spec, now=NOW, secret=SECRET)
    assert result.quarantine["row"].tolist() == [2]
    assert result.quarantine["column"].tolist() == ["订单应付金额"]
    assert result.rows_merged == 1 and result.rows_loaded == 3


def test_a_generic_mapping_sets_the_formats_rules_and_nothing_else():
    spec = I.spec_from_mapping(
        {"order_id": "id", "customer_key": "buyer", "created_time": "t", "amount_paid": "paid"},
        timezone="Europe/Berlin",
        decimal_comma=True,
    )
    assert (spec.timezone, spec.decimal_comma, spec.earliest_year) == ("Europe/Berlin", True, 2000)
    with pytest.raises(I.ImportProblem, match=r"unknown option\(s\) \['timezon'\]"):
        I.spec_from_mapping({"order_id": "id"}, timezon="UTC")
