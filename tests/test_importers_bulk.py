"""The import engine (crmlib.importers.bulk): the files it writes, rows numbered as a
spreadsheet shows them, GBK converted in blocks, workbooks and UTF-16 text, strict mode, and
nothing personal or swallowed. (What each format's rows become is in test_importers.py:
read_orders runs this engine.)"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from importer_fixtures import douyin_export, jd_export

from crmlib import importers as I
from crmlib.importers import sources
from crmlib.importers.bulk import import_large
from crmlib.samples import SAMPLES_DIR

NOW = "2025-01-01"
SECRET = b"bulk-tests-secret-0123456789abcdef"


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values only: both engines' missing values as None, times to the microsecond."""
    out = frame.copy()
    for column in out:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].astype("datetime64[us]")
    return out.astype(object).where(out.notna(), None).reset_index(drop=True)


def assert_files_hold_the_tables(path, spec, tmp_path, **options):
    """What ``import_large`` writes (Parquet and quarantine.csv) is what ``read_orders``
    returns in memory: the same orders (in the file's order there, by time here), customers,
    counts and quarantine."""
    expected = I.read_orders(path, spec, now=NOW, secret=SECRET, **options)
    got = import_large(path, spec, tmp_path / "out", now=NOW, secret=SECRET, **options)
    orders, customers = I.read_imported(tmp_path / "out")
    orders = orders.sort_values(["created_time", "order_id"], kind="stable")
    pd.testing.assert_frame_equal(_plain(orders), _plain(expected.orders))
    pd.testing.assert_frame_equal(_plain(customers), _plain(expected.customers))
    written = pd.read_csv(
        tmp_path / "out" / "quarantine.csv", dtype={"value": str}, keep_default_na=False,
        encoding="utf-8-sig",
    )  # fmt: skip
    assert written["row"].tolist() == expected.quarantine["row"].astype(int).tolist()
    assert written["reason"].tolist() == expected.quarantine["reason"].tolist()
    assert (got.rows_read, got.rows_loaded, got.rows_merged) == (
        expected.rows_read,
        expected.rows_loaded,
        expected.rows_merged,
    )
    assert got.report() == expected.report()
    return expected


@pytest.mark.parametrize("name", ["taobao_orders_gbk.csv", "taobao_orders_new_utf8bom.csv"])
def test_the_taobao_samples(name, tmp_path):
    result = assert_files_hold_the_tables(SAMPLES_DIR / name, I.builtin_specs()["taobao"], tmp_path)
    assert len(result.quarantine) > 0 and result.rows_loaded > 0


def test_the_generic_sample(tmp_path):
    mapping = json.loads((SAMPLES_DIR / "generic_mapping.json").read_text(encoding="utf-8"))
    spec = I.spec_from_mapping(mapping["mapping"], mapping["status_map"])
    assert_files_hold_the_tables(SAMPLES_DIR / "generic_orders.csv", spec, tmp_path)


def test_jd_and_douyin(tmp_path):
    assert_files_hold_the_tables(jd_export(tmp_path), I.builtin_specs()["jd"], tmp_path / "jd")
    assert_files_hold_the_tables(
        douyin_export(tmp_path), I.builtin_specs()["douyin"], tmp_path / "dy"
    )


@pytest.mark.parametrize("block", [None, 2048])
def test_broken_rows_are_numbered_as_a_spreadsheet_shows_them(block, tmp_path, monkeypatch):
    """Rows the CSV reader rejects (a field too many, bytes that are no text) are the gaps
    between the rows read: every later row keeps its own number, also when the GBK file is
    converted in blocks on every core."""
    if block:
        monkeypatch.setattr(sources, "BLOCK", block)
    lines = (SAMPLES_DIR / "taobao_orders_gbk.csv").read_bytes().split(b"\r\n")
    lines[4] = lines[4] + b",extra"  # row 5: a field too many
    lines[9] = lines[9].replace(b"tb_buyer", b"tb_\xff\xfe")  # row 10: not GBK
    lines[20] = lines[20] + b",x,y"
    path = tmp_path / "broken.csv"
    path.write_bytes(b"\r\n".join(lines))
    result = assert_files_hold_the_tables(path, I.builtin_specs()["taobao"], tmp_path)
    reasons = result.quarantine.set_index("row")["reason"]
    assert reasons[5].startswith("wrong number of fields") and reasons[21].startswith("wrong")
    assert "neither UTF-8 nor GBK" in reasons[10]


def test_excel_unicode_text_is_read_too(tmp_path):
    frame, _encoding, _problems = I.read_text_table(SAMPLES_DIR / "taobao_orders_gbk.csv")
    path = tmp_path / "unicode.txt"
    frame.drop(columns="_row").to_csv(path, sep="\t", index=False, encoding="utf-16")
    got = import_large(path, I.builtin_specs()["taobao"], tmp_path / "out", now=NOW, secret=SECRET)
    assert "UTF-16" in got.report() and got.rows_read == 60


def test_strict_mode_stops_at_the_first_problem_and_writes_nothing(tmp_path):
    path, spec = SAMPLES_DIR / "taobao_orders_gbk.csv", I.builtin_specs()["taobao"]
    with pytest.raises(I.ImportProblem, match=r"taobao_orders_gbk.csv, row \d+, column '"):
        import_large(path, spec, tmp_path / "out", now=NOW, secret=SECRET, strict=True)
    assert not (tmp_path / "out").exists()


def test_a_new_import_replaces_the_old_files_whole(tmp_path):
    """An import's CSV files are replaced, not joined, by a later import's Parquet files."""
    path, spec = SAMPLES_DIR / "taobao_orders_gbk.csv", I.builtin_specs()["taobao"]
    I.read_orders(path, spec, now=NOW, secret=SECRET).write(tmp_path / "out")
    import_large(path, spec, tmp_path / "out", now=NOW, secret=SECRET)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["customers.parquet", "orders.parquet", "quarantine.csv"]


def test_a_workbook_saved_over_the_export_reads_like_the_csv(tmp_path):
    frame = pd.read_csv(SAMPLES_DIR / "generic_orders.csv", dtype=str, keep_default_na=False)
    frame.to_excel(tmp_path / "orders.xlsx", index=False)
    frame.to_parquet(tmp_path / "orders.parquet", index=False)
    mapping = json.loads((SAMPLES_DIR / "generic_mapping.json").read_text(encoding="utf-8"))
    spec = I.spec_from_mapping(mapping["mapping"], mapping["status_map"])
    from_csv = I.read_orders(SAMPLES_DIR / "generic_orders.csv", spec, now=NOW, secret=SECRET)
    for name, kind in (("orders.xlsx", "Excel (.xlsx)"), ("orders.parquet", "Parquet")):
        got = I.read_orders(tmp_path / name, spec, now=NOW, secret=SECRET)
        pd.testing.assert_frame_equal(_plain(got.orders), _plain(from_csv.orders))
        assert got.quarantine["row"].tolist() == from_csv.quarantine["row"].tolist()
        assert f"encoding: {kind}" in got.report()
    (tmp_path / "damaged.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(I.ImportProblem, match=r"damaged.xlsx: looks like an Excel workbook"):
        I.read_orders(tmp_path / "damaged.xlsx", spec, now=NOW, secret=SECRET)


def test_the_raw_personal_values_are_in_no_output(tmp_path):
    path = jd_export(tmp_path)
    import_large(path, I.builtin_specs()["jd"], tmp_path / "out", now=NOW, secret=SECRET)
    written = b"".join(
        pd.read_parquet(p).to_csv().encode() if p.suffix == ".parquet" else p.read_bytes()
        for p in (tmp_path / "out").iterdir()
    ).decode()
    for raw in ("jd_alice", "jd_bob", "张小明", "13812345678", "建国路1号"):
        assert raw not in written


def test_gbk_is_converted_block_by_block_as_a_whole_decode_would(tmp_path, monkeypatch):
    """Cut at line ends, converted by worker processes and joined in order: the same bytes as
    decoding the file at once, and bytes that are no text are found in whichever block."""
    raw = (SAMPLES_DIR / "taobao_orders_gbk.csv").read_bytes()
    monkeypatch.setattr(sources, "BLOCK", 1500)
    assert len(raw) > 4 * 1500
    whole = raw.decode("gb18030").encode("utf-8")
    assert sources.gbk_to_utf8(SAMPLES_DIR / "taobao_orders_gbk.csv", tmp_path / "a.csv") is False
    assert (tmp_path / "a.csv").read_bytes() == whole
    broken = raw[:-40] + b"\xff" + raw[-39:]  # in the last block
    (tmp_path / "b-gbk.csv").write_bytes(broken)
    assert sources.gbk_to_utf8(tmp_path / "b-gbk.csv", tmp_path / "b.csv") is True
    assert (tmp_path / "b.csv").read_bytes() == broken.decode("gb18030", "replace").encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b-gbk.csv", "b.csv"]


def test_quarantined_rows_carry_no_personal_value_and_no_formula(tmp_path):
    from importer_fixtures import PLANTED, planted_export

    path = planted_export(tmp_path / "t.csv")
    result = import_large(
        path, I.builtin_specs()["taobao"], tmp_path / "out", now=NOW, secret=SECRET
    )
    assert result.rows_loaded == 1 and result.rows_quarantined == 4
    written = b"".join(
        pd.read_parquet(p).to_csv().encode() if p.suffix == ".parquet" else p.read_bytes()
        for p in (tmp_path / "out").iterdir()
    ).decode("utf-8-sig")
    assert [v for v in PLANTED if v in written] == []
    quarantine = pd.read_csv(tmp_path / "out" / "quarantine.csv", dtype=str, encoding="utf-8-sig")
    assert not quarantine["value"].str.match(r"[=+\-@]").any()


@pytest.mark.parametrize("broken", ["eof", "resync", "note"])
def test_an_unclosed_quote_is_quarantined_in_the_written_files_too(broken, tmp_path):
    from importer_fixtures import quoted_export

    path = quoted_export(tmp_path / "t.csv", broken)
    expected = assert_files_hold_the_tables(path, I.builtin_specs()["taobao"], tmp_path)
    assert expected.rows_read == (20 if broken == "note" else 15 if broken == "resync" else 5)


def test_a_cell_over_the_limit_is_quarantined_and_the_next_rows_load(tmp_path):
    from importer_fixtures import quoted_export

    path = quoted_export(tmp_path / "t.csv", "none")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace("buyer4", "x" * 2_000_001)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = assert_files_hold_the_tables(path, I.builtin_specs()["taobao"], tmp_path)
    assert expected.quarantine["row"].tolist() == [5] and expected.rows_loaded == 19


def test_ctrl_c_stops_a_running_import_at_once_and_writes_nothing(tmp_path):
    import os
    import signal
    import threading
    import time

    from crmlib.large_export import large_taobao_export

    path = large_taobao_export(tmp_path / "big.csv", 600_000, None)  # about 4 s to import
    later = "2030-01-01"  # every order in the past: all 600,000 rows are loaded and written
    pressed = []

    def press() -> None:
        pressed.append(time.perf_counter())
        os.kill(os.getpid(), signal.SIGINT)

    steps = []

    def step(what) -> None:  # press Ctrl-C while the outputs are being written, inside
        steps.append(what)  # DuckDB's block (writing takes about 1.4 s here); a press at a fixed
        if len(steps) == 3:  # time could land anywhere on a loaded machine
            threading.Timer(0.2, press).start()

    with pytest.raises(KeyboardInterrupt):
        import_large(
            path,
            I.builtin_specs()["taobao"],
            tmp_path / "out",
            now=later,
            secret=SECRET,
            progress=step,
        )
    assert len(steps) == 3 and pressed  # pressed while numbering buyers and writing
    assert time.perf_counter() - pressed[0] < 1.5  # at once, not after the running query
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["big.csv"]  # no working folder left
