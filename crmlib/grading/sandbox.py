"""Where a submission runs: a bubblewrap sandbox on Linux when one can start, else a plain
child process with a time limit (and a memory limit where the system has one), said loudly.

In the sandbox (``bwrap``) the notebook sees a read-only system, Python environment and copy of
``crmlib`` whose checks hold no key, the teacher's variant of the shop, its own writable folder
and an empty ``/tmp``; no network, no other user or process, none of the teacher's files
(``solutions/``, other students, the suite itself). It runs as ``nobody`` with no capabilities,
in its own process namespace: when the run ends or its time is up, every process it started
dies with it.

Without a sandbox (Windows, macOS, Linux without bubblewrap or user namespaces) the notebook
runs as the teacher's own user: it can read and write whatever the teacher can, and a process
that leaves its session can outlive the run. The grader says so at the start and in its report.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PYTHON = Path(sys.executable)
THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


@dataclass(frozen=True)
class Sandbox:
    """How submissions are isolated: ``"bubblewrap"`` or ``"none"``, and why."""

    kind: Literal["bubblewrap", "none"]
    detail: str

    @property
    def isolated(self) -> bool:
        return self.kind == "bubblewrap"


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64"):
        path = Path(top)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), top]
        elif path.is_dir():
            args += ["--ro-bind", top, top]
    for etc in ("/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives", "/etc/fonts"):
        args += ["--ro-bind-try", etc, etc]
    prefixes = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    for prefix in sorted(prefixes):
        if not str(prefix).startswith("/usr/"):
            args += ["--ro-bind", str(prefix), str(prefix)]
    return args


def environment(tree: Path, *, base: dict[str, str] | None = None) -> dict[str, str]:
    """The variables a submission runs with: the copy of crmlib first on the path, one thread."""
    env = dict(base or {})
    path = os.pathsep.join([str(PYTHON.parent), "/usr/local/bin", "/usr/bin", "/bin"])
    env.update({"PYTHONPATH": str(tree), "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"})
    env.update({name: "1" for name in THREADS})
    if base is None:  # inside the sandbox: nothing of the teacher's environment
        env.update({"PATH": path, "HOME": "/tmp", "LANG": "C.UTF-8", "TMPDIR": "/tmp"})
        env["JUPYTER_RUNTIME_DIR"] = "/tmp/jupyter-runtime"
    return env


def bwrap_command(tree: Path, work: Path, argv: list[str]) -> list[str]:
    """The bubblewrap command that runs ``argv`` with ``tree`` and ``work`` visible."""
    command = [
        "bwrap",
        "--unshare-all",
        "--unshare-user",
        "--uid",
        "65534",
        "--gid",
        "65534",
        "--hostname",
        "sandbox",
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        "--tmpfs",
        "/tmp",  # before every bind: the suite, its venv and the work folder may live under /tmp
        *_system_binds(),
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--ro-bind",
        str(tree),
        str(tree),
        "--bind",
        str(work),
        str(work),
        "--chdir",
        str(work),
        "--remount-ro",
        "/",
    ]
    for name, value in environment(tree).items():
        command += ["--setenv", name, value]
    return command + ["--", *argv]


@functools.cache
def detect() -> Sandbox:
    """The best isolation this machine offers, tried once with a real start of Python."""
    if sys.platform != "linux":
        return Sandbox("none", f"no sandbox on {sys.platform}: notebooks run as your own user")
    if shutil.which("bwrap") is None:
        return Sandbox("none", "bubblewrap (bwrap) is not installed: apt-get install bubblewrap")
    try:
        with tempfile.TemporaryDirectory() as empty:
            probe = bwrap_command(Path(empty), Path(empty), [str(PYTHON), "-c", "pass"])
            result = subprocess.run(probe, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return Sandbox("none", f"bubblewrap did not start ({type(error).__name__})")
    if result.returncode != 0:
        reason = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
        return Sandbox("none", f"bubblewrap cannot start here: {reason[0][:120]}")
    return Sandbox("bubblewrap", "bubblewrap: no network, read-only system, nothing of yours")


@dataclass(frozen=True)
class Run:
    """How a sandboxed run ended: its exit code (None: killed at the time limit), seconds."""

    returncode: int | None
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run(sandbox: Sandbox, tree: Path, work: Path, argv: list[str], timeout: float) -> Run:
    """Run ``argv`` for one submission; kill it and everything it started at ``timeout``."""
    if sandbox.isolated:
        command, env = bwrap_command(tree, work, argv), None
    else:
        command, env = argv, environment(tree, base=dict(os.environ))
    started = time.perf_counter()
    options = {"start_new_session": True} if os.name == "posix" else {}
    process = subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **options,
    )
    try:
        code: int | None = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        code = None
    _kill_group(process)
    return Run(code, time.perf_counter() - started)


def _kill_group(process: subprocess.Popen) -> None:
    """End the run's whole process group (in the sandbox: its whole process namespace)."""
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    else:
        process.kill()
    process.wait()
