"""Inside the sandbox: run one notebook top to bottom, then write its answers as data.

``python -m crmlib.grading.runner NOTEBOOK OUT_DIR --timeout S --memory MIB`` writes
``OUT_DIR/answers.json`` (from the student's kernel, see :mod:`crmlib.grading.answers`) and
``OUT_DIR/status.json`` (how the run ended and which cells failed). Both are the student's
side of the wall: the grader reads them as untrusted data.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path


def limit_memory(mebibytes: int) -> bool:
    """Cap this process and its children (the kernel) at ``mebibytes`` of address space."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return False
    size = mebibytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
    return True


def execute(notebook_path: Path, out: Path, timeout: int) -> dict:
    """Run the notebook with the capture cell appended; how it ended."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from .answers import capture_cell

    try:
        notebook = nbformat.read(notebook_path, as_version=4)
    except Exception as error:  # any malformed notebook
        return {"status": "unreadable", "detail": type(error).__name__}
    notebook.cells = [c for c in notebook.cells if c.get("cell_type") in ("code", "markdown")]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    notebook.cells.append(nbformat.v4.new_code_cell(capture_cell(str(out / "answers.json"))))
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(notebook_path.parent)}},
    )
    status = "finished"
    try:
        client.execute()
    except CellTimeoutError:
        status = "timed out"
    except DeadKernelError:
        status = "crashed"
    except Exception as error:  # the kernel did not start, or died in a way nbclient reports
        status = f"crashed ({type(error).__name__})"
    errors = []
    for number, cell in enumerate(notebook.cells[:-1], 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                errors.append(f"cell {number}: {str(output.get('ename', '?'))[:60]}")
    return {"status": status, "errors": errors[:50]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crmlib.grading.runner")
    parser.add_argument("notebook", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--memory", type=int, default=4096)
    args = parser.parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    limit_memory(args.memory)
    result = execute(args.notebook, args.out, args.timeout)
    (args.out / "status.json").write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
