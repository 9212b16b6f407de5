"""Any export as UTF-8 CSV for the import engine (:mod:`.bulk`).

GBK and UTF-16 exports are converted block by block (on both cores for large GBK files); an
``.xlsx`` workbook or a Parquet file is written out as UTF-8 CSV first. Nothing here checks
a value: the engine reads the result once, in SQL.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from itertools import repeat
from pathlib import Path

import pandas as pd

from .result import ImportProblem
from .rules import literal, one_of, quoted
from .spec import FormatSpec
from .text import header_name, sniff_delimiter

BLOCK = 1 << 25  # bytes converted at a time (32 MiB)


def utf8_source(path: Path, workdir: Path) -> tuple[Path, str, bool]:
    """The export as a UTF-8 file DuckDB can read, the encoding it came in, and whether it
    may hold U+FFFD (bytes that were no text): UTF-8 as it is; UTF-16 (Excel's "Unicode
    Text") and GBK converted block by block, bytes that are neither becoming U+FFFD (their rows
    are quarantined)."""
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    target = workdir / "export-utf8.csv"
    if head.startswith(b"PK\x03\x04"):  # a zip container: an .xlsx workbook
        return as_csv(workbook(path), target), "Excel (.xlsx)", False
    if head.startswith(b"PAR1"):
        return as_csv(parquet(path), target), "Parquet", False
    if not head.strip():
        raise ImportProblem(f"{path.name}: the file is empty (not even a header row)")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        replaced = False
        with path.open("rb") as source, target.open("w", encoding="utf-8", newline="") as out:
            while block := source.read(BLOCK):
                text = decoder.decode(block)
                replaced = replaced or "\ufffd" in text
                out.write(text)
            out.write(decoder.decode(b"", final=True))
        return target, "UTF-16", replaced
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return path, "UTF-8", True  # not scanned: the check runs on every row
    except UnicodeDecodeError:
        pass
    return target, "GBK/GB18030", gbk_to_utf8(path, target)


def workbook(path: Path) -> pd.DataFrame:
    """The first sheet of an Excel workbook, every cell as text (openpyxl through pandas:
    DuckDB reads no .xlsx without an extension it would download)."""
    try:
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    except Exception as exc:  # a damaged zip, an encrypted or an old .xls workbook
        raise ImportProblem(
            f"{path.name}: looks like an Excel workbook but cannot be read "
            f"({type(exc).__name__}); save it again as .xlsx or CSV"
        ) from None


def parquet(path: Path) -> pd.DataFrame:
    """A Parquet file's columns as text, missing values empty."""
    frame = pd.read_parquet(path)
    text = frame.astype(str).where(frame.notna(), "")
    return text.replace({"nan": "", "None": "", "NaT": ""})


def as_csv(frame: pd.DataFrame, target: Path) -> Path:
    """A table of text written as the UTF-8 CSV the engine reads (its rows keep their order,
    so row numbers are those of the sheet: the header is row 1)."""
    frame.columns = [str(c) for c in frame.columns]
    frame.to_csv(target, index=False, encoding="utf-8", lineterminator="\n")
    return target


def convert_lines(path: Path, start: int, end: int, part: Path) -> bool:
    """Write the bytes from ``start`` to ``end`` (both at line starts) of a GB18030 file to
    ``part`` as UTF-8; True when some bytes were no text (U+FFFD)."""
    with path.open("rb") as handle:
        handle.seek(start)
        text = handle.read(end - start).decode("gb18030", errors="replace")
    part.write_bytes(text.encode("utf-8"))
    return "\ufffd" in text


def gbk_to_utf8(path: Path, target: Path) -> bool:
    """Convert a GBK/GB18030 file to UTF-8 on every core: the file is cut at line ends (byte
    0x0A is never inside a GB18030 character), each block written to its own file by a worker
    and the blocks joined in order by the kernel (no bytes pass between processes). True when
    some bytes were no text."""
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as handle:
        while cuts[-1] + BLOCK < size:
            handle.seek(cuts[-1] + BLOCK)
            handle.readline()
            cuts.append(min(handle.tell(), size))
    cuts.append(size)
    ranges = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
    parts = [target.with_name(f"{target.name}.{i}") for i in range(len(ranges))]
    starts, ends = zip(*ranges, strict=True)
    workers = min(os.cpu_count() or 1, len(parts))
    replaced = False
    with ExitStack() as stack:
        pool = stack.enter_context(ProcessPoolExecutor(workers)) if workers > 1 else None
        converted = (pool.map if pool else map)(convert_lines, repeat(path), starts, ends, parts)
        out = stack.enter_context(target.open("wb", buffering=0))
        for part, bad in zip(parts, converted, strict=True):  # in order, as each block is done
            append_part(out, part)
            part.unlink()
            replaced = replaced or bad
    return replaced


def append_part(out, part: Path) -> None:
    """Append the file ``part`` to the open file ``out``, in the kernel where it can."""
    with part.open("rb") as block:
        if not hasattr(os, "sendfile"):  # Windows
            shutil.copyfileobj(block, out, 1 << 24)
            return
        offset, size = 0, part.stat().st_size
        while offset < size:
            offset += os.sendfile(out.fileno(), block.fileno(), offset, size - offset)


def read_header(path: Path) -> tuple[list[str], str]:
    """The export's header as written, and its delimiter (tab for Excel's text saves)."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        first = handle.readline()
    delimiter = sniff_delimiter(first)
    return next(csv.reader(io.StringIO(first), delimiter=delimiter)), delimiter


def count_lines(path: Path) -> int:
    """The lines of a text file (a last line without a line break counts), block by block."""
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(BLOCK):
            lines, last = lines + block.count(b"\n"), block[-1:]
    return lines + (last != b"\n")


def unique_header(header: list[str]) -> list[str]:
    """The header with a repeated name numbered (``备注``, ``备注 (2)``)."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def located_columns(
    header: list[str], spec: FormatSpec, source: str
) -> tuple[dict[str, str], dict]:
    """{our column: the export's header} (:meth:`FormatSpec.locate`) and {our column: SQL for
    its text}, the spec's empty markers read as empty."""
    written = {header_name(h): h for h in header}  # the header as the file spells it
    found, joined = spec.locate(list(written), source)
    empties = ", ".join(literal(v) for v in spec.empty_values)

    def cell(name: str) -> str:
        sql = f"coalesce({quoted(written[name])}, '')"
        if not empties:
            return sql
        # trim only the values that hold a marker: most hold none
        holds = " OR ".join(f"contains({sql}, {literal(v.strip())})" for v in spec.empty_values)
        marker = one_of(f"trim({sql})", [literal(v) for v in spec.empty_values])
        return f"CASE WHEN ({holds}) AND {marker} THEN '' ELSE {sql} END"

    text = {ours: cell(name) for ours, name in found.items()}
    headers = dict(found)
    for ours, parts in joined.items():
        text[ours] = "trim(" + " || ".join(cell(p) for p in parts) + ")"
        headers[ours] = "+".join(parts)
    return headers, text
