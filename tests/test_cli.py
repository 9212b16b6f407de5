"""The ``crmlib`` command (crmlib.cli), through the real entry points: import, score, policy,
exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from crmlib.samples import SAMPLES_DIR

NOW = "2026-01-01"


# --- the command line, through the real entry points -------------------------------------------


def run_cli(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command in ``cwd``, with the user's secret kept in ``cwd/secret``."""
    import os

    env = {**os.environ, "CRMLIB_SECRET_FILE": str(cwd / "secret"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "crmlib", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def test_cli_import_score_policy(tmp_path):
    done = run_cli(
        "import",
        str(SAMPLES_DIR / "taobao_orders_gbk.csv"),
        "--format",
        "taobao",
        "--out",
        "imp",
        "--now",
        NOW,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr  # imported, with quarantined rows
    # the project's secret is made on the first import, said once, and reused: same pseudonyms
    assert f"created {tmp_path / 'secret'}" in done.stderr and (tmp_path / "secret").exists()
    again = run_cli(
        "import",
        str(SAMPLES_DIR / "taobao_orders_gbk.csv"),
        "--format",
        "taobao",
        "--out",
        "imp2",
        "--now",
        NOW,
        cwd=tmp_path,
    )
    assert "created" not in again.stderr
    first, second = (pd.read_csv(tmp_path / d / "customers.csv") for d in ("imp", "imp2"))
    assert first["customer_key"].equals(second["customer_key"])
    assert "rows quarantined: 6" in done.stdout and (tmp_path / "imp" / "quarantine.csv").exists()
    strict = run_cli(
        "import",
        str(SAMPLES_DIR / "taobao_orders_gbk.csv"),
        "--format",
        "taobao",
        "--strict",
        "--now",
        NOW,
        cwd=tmp_path,
    )
    assert (
        strict.returncode == 3
        and "row 3, column '订单创建时间'" in strict.stderr
        and "Traceback" not in strict.stderr
    )
    scored = run_cli("score", "imp", "--out", "scores.csv", cwd=tmp_path)
    assert scored.returncode == 0, scored.stderr
    scores = pd.read_csv(tmp_path / "scores.csv")
    assert {"rf_segment", "cn8_class", "lifecycle", "tags", "tier", "clv_12m"} <= set(
        scores.columns
    )
    assert scores["nickname"].str.contains(r"\*").all()
    # the sample's 22 buyers are too few for a CLV model: the columns stay empty, and it says so
    assert scores["clv_12m"].isna().all() and "22 customer(s) are too few" in scored.stderr
    from crmlib import samples

    orders = samples.sample_orders(n_orders=None, customers=600)  # 599 buyers
    kept = orders[orders["refund_amount"].fillna(0) == 0]  # refunds: a question for scoring
    shop = samples.taobao_old(kept)
    (tmp_path / "big_gbk.csv").write_bytes(shop.to_csv(index=False).encode("gb18030"))
    big = run_cli(
        "--quiet", "import", "big_gbk.csv", "--format", "taobao", "--out", "big", "--now", NOW,
        cwd=tmp_path,
    )  # fmt: skip
    assert big.returncode in (0, 1), big.stderr  # 1: a few rows set aside (see quarantine)
    plain = run_cli("--quiet", "score", "big", "--out", "plain.csv", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    clv_12m = pd.read_csv(tmp_path / "plain.csv")["clv_12m"]
    assert clv_12m.notna().all() and (clv_12m >= 0).all()
    # a penalizer shrinks the fits (#16): CLV changes
    penalized = run_cli(
        "--quiet", "score", "big", "--out", "pen.csv", "--penalizer", "0.001", cwd=tmp_path
    )
    assert penalized.returncode == 0, penalized.stderr
    shrunk = pd.read_csv(tmp_path / "pen.csv")["clv_12m"]
    assert shrunk.notna().all() and not shrunk.round(6).equals(clv_12m.round(6))
    # another purchase model, by name (#16)
    pareto = run_cli("score", "big", "--out", "par.csv", "--model", "pareto_nbd", cwd=tmp_path)
    assert pareto.returncode == 0 and "fitting Pareto/NBD and Gamma-Gamma" in pareto.stderr
    assert pd.read_csv(tmp_path / "par.csv")["clv_12m"].notna().all()
    from crmlib import tiers

    tiers.save_policy(tiers.textbook_policy(), tmp_path / "p.yaml")
    policy = run_cli("policy", "p.yaml", "--data", "imp", cwd=tmp_path)
    assert policy.returncode == 0 and "near-miss customers" in policy.stdout


def test_usage_errors_exit_2_and_a_missing_file_3(tmp_path, monkeypatch, capsys):
    """The same entry point in this process (argparse stops before any work)."""
    from crmlib import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CRMLIB_SECRET_FILE", str(tmp_path / "secret"))
    with pytest.raises(SystemExit) as refused:
        cli.main(["score", "imp", "--penalizer", "-1"])
    assert refused.value.code == 2 and "expected 0 or more" in capsys.readouterr().err
    with pytest.raises(SystemExit) as unknown:
        cli.main(["score", "imp", "--model", "gamma"])
    assert unknown.value.code == 2 and "invalid choice" in capsys.readouterr().err
    with pytest.raises(SystemExit) as nope:
        cli.main(["import", "x.csv", "--format", "nope"])
    assert nope.value.code == 2
    assert cli.main(["import", "missing.csv", "--format", "taobao"]) == 3
    with pytest.raises(SystemExit) as helped:
        cli.main(["--help"])
    assert helped.value.code == 0 and "Exit codes" in capsys.readouterr().out


def test_console_script_is_installed():
    import shutil

    # crmlib on POSIX, crmlib.exe on Windows (which() adds what PATHEXT says)
    script = shutil.which("crmlib", path=str(Path(sys.executable).parent))
    assert script is not None
    out = subprocess.run(
        [str(script), "import", "--help"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0 and "--strict" in out.stdout


def test_policy_errors_are_one_line_with_exit_3(tmp_path):
    (tmp_path / "bad.yaml").write_text("tiers:\n  - name: a\n   rolling: [\n", encoding="utf-8")
    (tmp_path / "wrong.yaml").write_text(
        "tiers:\n  - {name: a}\n  - {name: b, rolling: 100, benefits: {discount: 1.5}}\n",
        encoding="utf-8",
    )
    (tmp_path / "imp").mkdir()
    for name, message in (
        ("bad.yaml", "bad.yaml, line 3: not valid YAML"),
        ("wrong.yaml", "tier 'b', field 'discount': expected a price multiplier"),
    ):
        done = run_cli("policy", name, "--data", "imp", cwd=tmp_path)
        assert done.returncode == 3 and message in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_formats_come_from_the_readers_registry():
    from crmlib.cli import build_parser
    from crmlib.importers import READERS

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    choices = next(a for a in sub.choices["import"]._actions if a.dest == "format").choices
    assert sorted(choices) == sorted(READERS)


def test_score_refuses_an_import_without_orders(tmp_path):
    header = "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间\n"
    (tmp_path / "h.csv").write_bytes(header.encode("gbk"))
    done = run_cli("import", "h.csv", "--format", "taobao", "--out", "imp", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    scored = run_cli("score", "imp", cwd=tmp_path)
    assert scored.returncode == 3 and "holds no orders" in scored.stderr
    assert "Traceback" not in scored.stderr


def test_score_writes_csv_parquet_and_excel_and_refuses_what_excel_cannot_hold(
    tmp_path, monkeypatch, capsys
):
    from crmlib import cli, spreadsheet

    imported = tmp_path / "imp"
    run_cli(
        "import",
        str(SAMPLES_DIR / "taobao_orders_gbk.csv"),
        "--format",
        "taobao",
        "--out",
        str(imported),
        "--now",
        NOW,
        cwd=tmp_path,
    )
    tables = {}
    for suffix in (".csv", ".parquet", ".xlsx"):
        out = tmp_path / f"scores{suffix}"
        assert cli.main(["--quiet", "score", str(imported), "--out", str(out)]) == 0
        read = {".csv": pd.read_csv, ".parquet": pd.read_parquet, ".xlsx": pd.read_excel}[suffix]
        tables[suffix] = read(out)
    assert len({len(t) for t in tables.values()}) == 1
    assert (tables[".xlsx"]["spend"].round(4) == tables[".csv"]["spend"].round(4)).all()
    assert tables[".xlsx"]["clv_12m"].isna().equals(tables[".csv"]["clv_12m"].isna())
    assert cli.main(["score", str(imported), "--out", str(tmp_path / "s.txt")]) == 2
    monkeypatch.setattr(spreadsheet, "EXCEL_MAX_ROWS", 10)  # a sheet of 9 customers at most
    assert cli.main(["score", str(imported), "--out", str(tmp_path / "big.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "do not fit in an Excel sheet" in err and "write .parquet or .csv" in err
    assert not (tmp_path / "big.xlsx").exists()


def test_the_command_line_speaks_chinese_when_asked(tmp_path):
    """``--lang zh`` (or CRMLIB_LANG=zh): progress, results, notes and errors in Chinese, the
    same files written; English stays the default."""
    import os

    sample = str(SAMPLES_DIR / "taobao_orders_gbk.csv")
    done = run_cli(
        "--lang", "zh", "import", sample, "--format", "taobao", "--out", "imp", "--now", NOW,
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "正在读取" in done.stderr and "已写出 imp/（customers.csv" in done.stderr
    assert f"提示：已创建 {tmp_path / 'secret'}" in done.stderr
    assert "隔离" in done.stdout and "rows quarantined" not in done.stdout
    env = {**os.environ, "CRMLIB_LANG": "zh"}
    scored = subprocess.run(
        [sys.executable, "-m", "crmlib", "score", "imp", "--out", "s.csv"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, env=env,
    )  # fmt: skip
    assert scored.returncode == 0, scored.stderr
    assert scored.stdout.startswith("已为 ") and "位客户评分 -> s.csv" in scored.stdout
    assert "正在建立客户档案" in scored.stderr and "提示：" in scored.stderr
    assert "tags left out" not in scored.stderr  # the note itself is translated
    empty = run_cli("--lang", "zh", "score", "nowhere", "--out", "x.txt", cwd=tmp_path)
    assert empty.returncode == 2 and "crmlib score 出错：--out 的文件名必须以" in empty.stderr
    english = run_cli("--quiet", "score", "imp", "--out", "e.csv", cwd=tmp_path)
    assert english.stdout.startswith("scored ")
    assert pd.read_csv(tmp_path / "s.csv").equals(pd.read_csv(tmp_path / "e.csv"))


def test_errors_keep_their_exit_codes_and_print_no_traceback(tmp_path):
    """A wrong mapping, a folder another import holds, a read-only folder, a bug: one line
    each, the documented code, and nothing from the file echoed."""
    import json
    import os

    from crmlib import cli, folderlock

    sample = str(SAMPLES_DIR / "taobao_orders_gbk.csv")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(["order_id", "订单编号"]), encoding="utf-8")
    listed = run_cli(
        "import", sample, "--format", "generic", "--mapping", str(mapping), cwd=tmp_path
    )
    assert listed.returncode == 3 and "expected a JSON object" in listed.stderr
    assert "Traceback" not in listed.stderr
    with folderlock.writing(tmp_path / "busy", "another import"):
        busy = run_cli("import", sample, "--format", "taobao", "--out", "busy", cwd=tmp_path)
    assert busy.returncode == 2 and "already writing to this folder" in busy.stderr
    if os.name == "posix" and os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        denied = run_cli(
            "import", sample, "--format", "taobao", "--out", "locked/imp", cwd=tmp_path
        )
        assert denied.returncode == 3 and "permission denied" in denied.stderr
    log_home = tmp_path / "logs"
    code = None
    original = cli.cmd_secret
    try:  # a fault of ours: exit 4, one line, the traceback in a private log
        cli.cmd_secret = lambda args: 1 / 0
        os.environ["XDG_STATE_HOME"] = str(log_home)
        code = cli.main(["secret", "--path"])
    finally:
        cli.cmd_secret = original
        os.environ.pop("XDG_STATE_HOME", None)
    assert code == 4
    (log,) = log_home.rglob("crmlib-secret-*.log")
    assert "ZeroDivisionError" in log.read_text() and log.stat().st_mode & 0o077 == 0


def test_the_secret_command_shows_where_the_secret_lives(tmp_path):
    done = run_cli("secret", "--path", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == str(tmp_path / "secret")
    assert "does not exist yet" in done.stderr


def test_a_keep_personal_import_can_be_scored(tmp_path):
    sample = str(SAMPLES_DIR / "taobao_orders_gbk.csv")
    done = run_cli(
        "--quiet", "import", sample, "--format", "taobao", "--out", "imp", "--keep-personal",
        "--now", NOW, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    scored = run_cli("--quiet", "score", "imp", "--out", "s.csv", cwd=tmp_path)
    assert scored.returncode == 0, scored.stderr
    scores = pd.read_csv(tmp_path / "s.csv", dtype=str, encoding="utf-8-sig")
    assert len(scores) == 22 and scores["nickname"].str.contains(r"\*").all()  # still masked


def test_a_mapping_saved_by_notepad_as_gbk_or_with_a_bom_is_read(tmp_path):
    mapping = (SAMPLES_DIR / "generic_mapping.json").read_text(encoding="utf-8")
    for name, raw in (
        ("gbk.json", mapping.encode("gbk")),
        ("bom.json", b"\xef\xbb\xbf" + mapping.encode()),
    ):
        (tmp_path / name).write_bytes(raw)
        done = run_cli(
            "--quiet", "import", str(SAMPLES_DIR / "generic_orders.csv"), "--format", "generic",
            "--mapping", name, "--out", f"imp-{name}", "--now", NOW, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr


def test_an_import_over_a_file_held_open_goes_to_a_new_folder(tmp_path, monkeypatch, capsys):
    """Excel holds quarantine.csv: the import still completes, beside the earlier one."""
    from importer_fixtures import hold_open

    from crmlib import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CRMLIB_SECRET_FILE", str(tmp_path / "secret"))
    sample = str(SAMPLES_DIR / "taobao_orders_gbk.csv")
    common = ["--quiet", "import", sample, "--format", "taobao", "--now", NOW, "--out", "imp"]
    assert cli.main(common) == 1

    def outputs(folder: str) -> dict[str, bytes]:  # not the folder's lock file
        return {p.name: p.read_bytes() for p in (tmp_path / folder).glob("[!.]*")}

    before = outputs("imp")
    hold_open(monkeypatch, "quarantine.csv")
    capsys.readouterr()
    assert cli.main(["--lang", "zh", *common]) == 1
    err = capsys.readouterr().err
    assert "quarantine.csv" in err and "imp (2)" in err and "Traceback" not in err
    assert "is open in another program" not in err  # said in Chinese
    assert outputs("imp") == before
    assert sorted(outputs("imp (2)")) == sorted(before)


def test_an_import_does_not_load_the_clv_models_or_scikit_learn(tmp_path):
    """Start-up is paid by every command: reading the options loads neither SciPy's optimiser
    (the CLV models) nor scikit-learn (they cost 0.4 s and 0.7 s of each start)."""
    import subprocess

    code = (
        "import sys; from crmlib.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('scipy.optimize', 'sklearn', 'crmlib.clv.base') "
        "if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert found.stdout.strip() == "[]", found.stdout + found.stderr
