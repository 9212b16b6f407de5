"""``crmlib`` on the command line (also ``python -m crmlib``): import, score, evaluate a policy.

Exit codes scripts can rely on: 0 success; 1 imported, but some rows were quarantined (see
quarantine.csv); 2 wrong usage (or the --out folder is being written by another import);
3 the input could not be used (missing file or columns, strict-mode problem, invalid policy,
permission denied); 4 an internal error (a fault in crmlib: one line, and the traceback in a
log file only the user can read); 130 interrupted (Ctrl-C). Errors print one line and never a
traceback; ``--debug`` shows it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from contextlib import nullcontext
from pathlib import Path

import pandas as pd

from . import i18n
from .i18n import Message, _, message_of, tr
from .locale import shown
from .progress import Progress
from .spreadsheet import OUTPUT_SUFFIXES, fits_in_excel, too_long_for_excel, write_table
from .textfiles import read_text

EXIT_OK, EXIT_QUARANTINED, EXIT_USAGE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it


LARGE_FILE = 200 * 2**20  # bytes: larger exports are written as Parquet by default


def _error(command: str, problem: str) -> None:
    """The one line an error prints on stderr, in the reader's language."""
    message = tr(_("crmlib {command}: error: {error}"), command=command, error=shown(problem))
    print(message, file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from . import importers
    from .privacy import LooseSecret, project_secret, secret_path

    if args.format == "generic":
        if not args.mapping:
            raise importers.ImportProblem(
                "--format generic needs --mapping FILE.json ({our column: their column})"
            )
        spec = json.loads(read_text(args.mapping))  # Notepad's BOM or GBK are fine
        if not isinstance(spec, dict):
            raise importers.ImportProblem(
                f"{args.mapping}: expected a JSON object {{our column: their column}}, "
                f"found a {type(spec).__name__}"
            )
        if "mapping" in spec:  # {mapping, status_map, and the format's rules}
            options = {k: v for k, v in spec.items() if k not in ("mapping", "status_map")}
            format_spec = importers.spec_from_mapping(
                spec["mapping"], spec.get("status_map"), **options
            )
        else:  # just {our column: their column}
            format_spec = importers.spec_from_mapping(spec)
    else:  # None for shopify: its own reader (line items, currencies, time zones)
        format_spec = importers.builtin_specs().get(args.format)
    outputs = args.outputs
    if outputs == "auto":
        large = Path(args.file).exists() and Path(args.file).stat().st_size > LARGE_FILE
        outputs = "parquet" if large and format_spec is not None else "csv"
    if outputs == "parquet" and format_spec is None:
        raise importers.ImportProblem(
            f"--outputs parquet is written for {', '.join(importers.builtin_specs())} and "
            f"generic exports, not {args.format}: use --outputs csv"
        )
    secret = None
    if not args.keep_personal:
        secret_file = Path(args.secret_file) if args.secret_file else secret_path()
        created = not secret_file.exists()
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always", LooseSecret)
            secret = project_secret(secret_file)
        for warning in said:
            print(tr(_("warning: {warning}"), warning=shown(warning.message)), file=sys.stderr)
        if created:
            message = _(
                "note: created {file}, your pseudonymisation secret: the same secret gives the "
                "same pseudonyms on every import; copy it to another computer to keep them "
                "there, and never share it or put it under version control"
            )
            print(tr(message, file=secret_file), file=sys.stderr)
    common = {
        "strict": args.strict,
        "keep_personal": args.keep_personal,
        "secret": secret,
        "now": args.now,
    }
    from .folderlock import writing
    from .importers import OutputsElsewhere

    with writing(Path(args.out), "another import"), warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", OutputsElsewhere)
        result, folder = _import(args, outputs, format_spec, common)
    for warning in said:  # an earlier output held open: this import's went elsewhere
        print(tr(_("warning: {warning}"), warning=shown(warning.message)), file=sys.stderr)
    files = ", ".join(sorted(p.name for p in folder.iterdir() if p.name[0] != "."))
    print(tr(_("wrote {folder}/ ({files})"), folder=folder, files=files), file=sys.stderr)
    print(result.report())
    return EXIT_QUARANTINED if len(result.quarantine) else EXIT_OK


def _import(args: argparse.Namespace, outputs: str, format_spec, common: dict):
    """Read the export (DuckDB, or Shopify's own reader) and write the outputs as Parquet
    (straight from the engine: memory follows the buyers, not the orders) or CSV; the
    import's result and the folder its outputs are in."""
    from . import importers

    if outputs == "parquet":
        from .importers.bulk import import_large

        with Progress(3, args.quiet) as progress:
            result = import_large(
                args.file, format_spec, args.out, progress=progress.step, **common
            )
        return result, result.directory
    else:
        with Progress(2, args.quiet) as progress:
            progress.step(Message(_("reading {file}"), file=args.file))
            if format_spec is not None:
                result = importers.read_orders(args.file, format_spec, **common)
            else:
                result = importers.READERS[args.format](args.file, **common)
            progress.step(Message(_("writing {file}"), file=args.out))
            written = result.write(args.out)
    return result, written[0].parent


def cmd_score(args: argparse.Namespace) -> int:
    from . import scoring, tiers
    from .archive import default_as_of
    from .importers import ImportProblem, read_imported

    path = Path(args.out)
    if path.suffix not in OUTPUT_SUFFIXES:
        problem = _("--out must end in {suffixes}, got {name}")
        _error("score", problem.format(suffixes=", ".join(OUTPUT_SUFFIXES), name=path.name))
        return EXIT_USAGE
    policy = tiers.load_policy(args.policy) if args.policy else tiers.textbook_policy()
    with Progress(5, args.quiet) as progress:
        progress.step(Message(_("reading {file}"), file=args.data))
        options = {
            "policy": policy,
            "penalizer": args.penalizer,
            "model": args.model,
            "progress": progress.step,
        }
        by_engine = (Path(args.data) / "orders.parquet").exists()  # the DuckDB engine's import
        if by_engine:
            from .scoring_sql import customer_inputs_sql, last_order_day

            as_of = pd.Timestamp(args.as_of) if args.as_of else last_order_day(args.data)
            if as_of is None:
                raise ImportProblem(_no_orders(args.data))
            progress.step(_("adding up the orders per customer (DuckDB)"))
            # the tiers' totals without each order of the year: memory follows the buyers
            inputs = customer_inputs_sql(args.data, as_of=as_of, policy=policy, per_order=False)
            customers = inputs.archive
        else:
            orders, customers = read_imported(args.data)
            if orders.empty:
                raise ImportProblem(_no_orders(args.data))
        if path.suffix == ".xlsx" and not fits_in_excel(len(customers)):
            progress.bar.close()
            _error("score", too_long_for_excel(len(customers)))
            return EXIT_USAGE
        if by_engine:
            scores = scoring.score_inputs(inputs, **options)
        else:
            as_of = pd.Timestamp(args.as_of) if args.as_of else default_as_of(orders)
            scores = scoring.score_customers(customers, orders, as_of=as_of, **options)
        progress.step(Message(_("writing {file}"), file=args.out))
        out = scores.table
        out = out.assign(  # column by column: rounding the frame at once copies it whole
            **{c: out[c].round(4) for c in out.select_dtypes("float").columns}
        )
        write_table(out, path)
    for note in scores.notes:
        print(tr(_("note: {note}"), note=shown(note)), file=sys.stderr)
    print(tr(_("scored {count} customers -> {path}"), count=f"{len(out):,}", path=path))
    return EXIT_OK


def _no_orders(data: str) -> str:
    return _(
        "{data}: the import holds no orders, so there is nothing to score (see its "
        "quarantine.csv for rows that were set aside)"
    ).format(data=data)


def cmd_policy(args: argparse.Namespace) -> int:
    from . import tiers
    from .archive import default_as_of
    from .importers import read_imported

    policy = tiers.load_policy(args.policy)
    orders, customers = read_imported(args.data)
    as_of = pd.Timestamp(args.as_of) if args.as_of else default_as_of(orders)
    inputs = tiers.prepare(
        orders, None, as_of, policy.growth, birthdays=tiers.birthdays_of(customers)
    )
    evaluation = tiers.evaluate(policy, inputs, args.band)
    with pd.option_context("display.width", 120, "display.float_format", "{:,.2f}".format):
        heading = _("policy {name} as of {date} (rule: {rule})")
        print(tr(heading, name=repr(policy.name), date=as_of.date(), rule=policy.rule))
        print(evaluation.table.to_string())
        near = _("near-miss customers (within {band} of the next tier): {count}")
        print(tr(near, band=f"{args.band:.0%}", count=f"{len(evaluation.near_miss):,}"))
    return EXIT_OK


def cmd_secret(args: argparse.Namespace) -> int:
    """``crmlib secret --path``: the secret's file (one per user), and whether it exists yet.
    The secret itself is never printed."""
    from .privacy import secret_path

    path = secret_path()
    print(path)
    if not path.exists():
        print(tr(_("note: {file} does not exist yet: the first import creates it"), file=path),
              file=sys.stderr)  # fmt: skip
    return EXIT_OK


def _non_negative(text: str) -> float:
    """An argparse type: a number that is 0 or more (a usage error otherwise, exit 2)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crmlib",
        description="Customer relationship management for online stores: import order exports, "
        "score customers, evaluate membership policies.",
        epilog="Exit codes: 0 ok, 1 imported with quarantined rows, 2 usage error (or --out busy), "
        "3 unusable input, 4 internal error (see the log it names), 130 interrupted.",
    )
    parser.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=os.environ.get("CRMLIB_LANG", "en"),
        help="language of the messages, progress and reports (zh: Chinese; default: the "
        "CRMLIB_LANG environment variable, else en); options and help stay English",
    )
    from .clv.names import MODEL_NAMES  # the purchase models' names, without the models

    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help="read an order export, validate it, write clean tables")
    p.add_argument("file", help="the export file (CSV; generic also .xlsx or .parquet)")
    from .importers import READERS  # the one list of formats

    p.add_argument("--format", choices=sorted(READERS), required=True)
    p.add_argument(
        "--mapping",
        help="generic format: JSON {our column: their column} (or {mapping, status_map})",
    )
    p.add_argument(
        "--out", default="imported", help="folder for orders.csv, customers.csv, quarantine.csv"
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first problem row instead of quarantining",
    )
    p.add_argument(
        "--keep-personal",
        action="store_true",
        help="do not mask names, phones and addresses, nor pseudonymise buyer keys",
    )
    p.add_argument(
        "--secret-file",
        default=None,
        help="the pseudonymisation secret, created on first use (default: one per user, "
        "see `crmlib secret --path`; or set CRMLIB_SECRET_FILE)",
    )
    p.add_argument(
        "--now", default=None, help="treat dates after this as 'in the future' (default: now)"
    )
    p.add_argument(
        "--outputs",
        choices=["auto", "csv", "parquet"],
        default="auto",
        help="csv (orders.csv, customers.csv: open in Excel) or parquet (for millions of rows: "
        "memory follows the buyers); auto: parquet for files over 200 MB",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("score", help="score imported customers: RFM, segments, tags, tier, CLV")
    p.add_argument("data", help="folder written by `crmlib import`")
    p.add_argument("--out", default="scores.csv", help="output file: .csv, .parquet or .xlsx")
    p.add_argument("--policy", help="membership policy file (.yaml/.json); default: the textbook's")
    p.add_argument(
        "--as-of",
        default=None,
        help="score as of this date (default: the day after the last order)",
    )
    p.add_argument(
        "--penalizer",
        type=_non_negative,
        default=0.0,
        help="L2 penalty for the purchase and Gamma-Gamma fits (e.g. 0.001-0.1) when they do not "
        "converge; it shrinks the parameters a little (default 0)",
    )
    p.add_argument(
        "--model",
        choices=list(MODEL_NAMES),
        default="bgnbd",
        help="purchase model behind p_alive, purchases and CLV (default bgnbd)",
    )
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("policy", help="evaluate a membership policy file on imported data")
    p.add_argument("policy", help="policy file (.yaml/.json)")
    p.add_argument("--data", required=True, help="folder written by `crmlib import`")
    p.add_argument("--as-of", default=None)
    p.add_argument(
        "--band", type=float, default=0.1, help="near-miss band below the next tier (fraction)"
    )
    p.set_defaults(func=cmd_policy)

    p = sub.add_parser("secret", help="where your pseudonymisation secret is kept")
    p.add_argument("--path", action="store_true", help="print the secret file's path")
    p.set_defaults(func=cmd_secret)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # usage errors exit with 2
    same = args.lang == i18n.language()
    with nullcontext() if same else i18n.using(args.lang):
        try:
            return args.func(args)
        except Exception as exc:
            if args.debug:
                raise
            return _failed(args.command, exc)
        except KeyboardInterrupt:
            if args.debug:
                raise
            return _interrupted(args.command)


def _interrupted(command: str) -> int:
    """Ctrl-C: one line, and the shell's code for it."""
    message = _("crmlib {command}: interrupted; earlier outputs are unchanged")
    print(tr(message, command=command), file=sys.stderr)
    return EXIT_INTERRUPTED


def _failed(command: str, exc: Exception) -> int:
    """The exit code and one line for an error: the input's problem (3), a folder another
    run is writing (2), an interrupted query (130), else a bug of ours (4, with a log)."""
    from .folderlock import FolderBusy

    if isinstance(exc, FolderBusy):
        _error(command, message_of(exc))
        return EXIT_USAGE
    if isinstance(exc, PermissionError):
        problem = _("permission denied: {path} (check who may read or write it)")
        _error(command, Message(problem, path=exc.filename or "?"))
        return EXIT_INPUT
    if isinstance(exc, ValueError | KeyError | FileNotFoundError | OSError):
        _error(command, message_of(exc))
        return EXIT_INPUT
    if isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower():  # DuckDB's Ctrl-C
        return _interrupted(command)
    log = _log_error(command, exc)
    message = _(
        "crmlib {command}: internal error (a fault in crmlib, not in your file); details in {log}"
    )
    print(tr(message, command=command, log=log), file=sys.stderr)
    return EXIT_INTERNAL


def _log_error(command: str, exc: Exception) -> Path:
    """Write the traceback to a file only the user can read, in their log folder; its path."""
    import tempfile
    import time
    import traceback

    from platformdirs import user_log_path  # each OS's own place for a user's logs

    folder = user_log_path("crmlib", appauthor=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir())
    path = folder / f"crmlib-{command}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write("".join(traceback.format_exception(exc)))
    return path


if __name__ == "__main__":
    sys.exit(main())
