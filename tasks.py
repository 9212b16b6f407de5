#!/usr/bin/env python3
"""The suite's commands: set up, open, test, re-execute notebooks, re-lock, benchmark.

Needs only Python 3.11+ (standard library); everything else is installed into ``.venv``
from ``requirements.lock``. Run ``python3 tasks.py --help`` for the list.

    python3 tasks.py lab            # set up, then open JupyterLab on the suite
    python3 tasks.py test           # set up, then run every test (ruff, unit tests, nbval)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".crm-setup-stamp"
LAB_CONFIG = VENV / "etc" / "crm-lab-config"  # the suite's own JupyterLab config folder
KERNEL_NAME = "crm-notebooks"
KERNEL_DISPLAY = "Python 3 (crm-notebooks)"
NOTEBOOK_DIRS = ("notebooks", "exercises", "solutions", "apps")
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
MIN_PYTHON = (3, 11)


def _venv_bin(name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    exe = name + (".exe" if os.name == "nt" else "")
    return VENV / sub / exe


def _run(cmd: list[str | Path], **kwargs) -> None:
    printable = " ".join(str(c) for c in cmd)
    print(f"$ {printable}", flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=kwargs.pop("cwd", ROOT), **kwargs)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def _serve(cmd: list[str | Path], **kwargs) -> None:
    """Run a server (JupyterLab, the explorer) until Ctrl+C, or until this process is told to
    stop (SIGTERM, SIGHUP: a closed terminal, ``kill``, a service manager): then the server
    is stopped too, not left running without a parent."""
    import signal

    printable = " ".join(str(c) for c in cmd)
    print(f"$ {printable}", flush=True)
    server = subprocess.Popen([str(c) for c in cmd], cwd=kwargs.pop("cwd", ROOT), **kwargs)

    import threading

    stopped: list[int] = []
    killer = threading.Timer(10, server.kill)  # a server that ignores SIGTERM is killed
    killer.daemon = True

    def stop(number, _frame) -> None:  # no wait() here: the main thread holds Popen's lock
        stopped.append(number)
        server.terminate()
        killer.start()

    for name in ("SIGTERM", "SIGHUP"):  # SIGHUP does not exist on Windows
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    try:
        code = server.wait()
    except KeyboardInterrupt:  # the terminal sent Ctrl+C to the server as well: let it finish
        code = server.wait()
    if stopped:
        killer.cancel()
        raise SystemExit(128 + stopped[0])
    if code not in (0, -2, 130):  # 130 / -SIGINT: stopped with Ctrl+C
        raise SystemExit(code)


def _fingerprint() -> str:
    """What the environment was built from: the lock, the package metadata and the interpreter."""
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


WHEELHOUSE = ROOT / "wheelhouse"  # an offline copy of every locked package (tasks.py wheelhouse)


def _pip_source() -> list[str]:
    """Where pip takes packages from: the suite's wheelhouse when it has one, else the index."""
    if WHEELHOUSE.is_dir() and any(WHEELHOUSE.glob("*.whl")):
        return ["--no-index", "--find-links", str(WHEELHOUSE)]
    return []


def wheelhouse_pythons(names: list[str]) -> set[str]:
    """The Python versions (``3.12``) a wheelhouse has compiled wheels for, from the wheels'
    file names (``numpy-2.3.1-cp312-cp312-win_amd64.whl``)."""
    import re

    tags = (re.search(r"-cp(\d)(\d+)-", name) for name in names)
    return {f"{t.group(1)}.{t.group(2)}" for t in tags if t}


def check_wheelhouse_python(names: list[str], version: tuple[int, int], system: str) -> None:
    """Stop before pip fails when an offline wheelhouse has no wheels for this Python (``py``
    on Windows starts the newest one installed), naming the command to use instead."""
    have = wheelhouse_pythons(names)
    mine = f"{version[0]}.{version[1]}"
    if have and mine not in have:
        best = max(have, key=lambda v: tuple(map(int, v.split("."))))
        command = (
            f"py -{best} tasks.py lab" if system == "Windows" else f"python{best} tasks.py lab"
        )
        raise SystemExit(
            f"The offline wheelhouse holds packages for Python {', '.join(sorted(have))}, and "
            f"this is Python {mine}: run `{command}` (or add {mine} with `tasks.py wheelhouse`)."
        )


def _compile_catalogues(python: Path, force: bool = False) -> None:
    """Compile crmlib's gettext catalogues (``.po`` -> ``.mo``) when one is missing or stale."""
    stale = [
        po
        for po in (ROOT / "crmlib" / "locale").glob("*/LC_MESSAGES/*.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale or force:
        _run([python, "-m", "crmlib.locale", "compile"])


def setup(force: bool = False) -> Path:
    """Create ``.venv`` from the lock if it is missing or stale; install crmlib; register the kernel.

    With a ``wheelhouse/`` folder beside this file (``tasks.py wheelhouse``), nothing is
    downloaded: a lab without internet installs from it. Returns the environment's Python.
    """
    if sys.version_info < MIN_PYTHON:
        raise SystemExit(
            f"crm-notebooks needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; "
            f"this is {sys.version.split()[0]}. Run this file with a newer python3."
        )
    if _pip_source():
        import platform

        wheels = [p.name for p in WHEELHOUSE.glob("*.whl")]
        check_wheelhouse_python(wheels, sys.version_info[:2], platform.system())
    python = _venv_bin("python")
    wanted = _fingerprint()
    if not force and python.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        _compile_catalogues(python)
        return python
    started = time.perf_counter()
    if not python.exists():
        print(f"Creating the virtual environment in {VENV} ...", flush=True)
        _run([sys.executable, "-m", "venv", VENV])
    print("Installing the locked packages (first time: a few minutes) ...", flush=True)
    source = _pip_source()
    if source:
        print(f"Installing offline from {WHEELHOUSE} ...", flush=True)
    else:
        _run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    _run([python, "-m", "pip", "install", "--quiet", *source, "-r", LOCK])
    _run([python, "-m", "pip", "install", "--quiet", *source, "--no-deps", "-e", "."])
    _run(
        [
            python,
            "-m",
            "ipykernel",
            "install",
            "--sys-prefix",
            "--name",
            KERNEL_NAME,
            "--display-name",
            KERNEL_DISPLAY,
        ]
    )
    _compile_catalogues(python, force=True)
    STAMP.write_text(wanted)
    print(f"Environment ready in {time.perf_counter() - started:.0f} s.", flush=True)
    return python


def _lab_settings(language: str) -> None:
    """JupyterLab's defaults in the suite's own environment: the interface language, no news."""
    import json

    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    overrides = {
        "@jupyterlab/translation-extension:plugin": {
            "locale": "zh_CN" if language == "zh" else "en"
        },
        "@jupyterlab/apputils-extension:notification": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }
    (settings / "overrides.json").write_text(json.dumps(overrides, indent=2), encoding="utf-8")
    # Chinese in the interface and in notebooks without a system CJK font: JupyterLab's custom
    # CSS loads crmlib's bundled font (served from the suite's folder) as a fallback font.
    custom = LAB_CONFIG / "custom"
    custom.mkdir(parents=True, exist_ok=True)
    fonts = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, \"CRM Sans SC\", sans-serif"
    (custom / "custom.css").write_text(
        '@font-face { font-family: "CRM Sans SC"; '
        'src: url("../files/crmlib/fonts/CRMSansSC-Regular.otf") format("opentype"); }\n'
        f"body {{ --jp-ui-font-family: {fonts} !important; "
        f"--jp-content-font-family: {fonts} !important; }}\n",
        encoding="utf-8",
    )


def lab_command(
    python: str | Path,
    language: str,
    *,
    port: int | None = None,
    ip: str | None = None,
    no_browser: bool = False,
) -> tuple[list[str | Path], dict[str, str]]:
    """JupyterLab on the first notebook of an edition, in that language (command, environment).
    The browser test starts it the same way."""
    _lab_settings(language)
    first = f"notebooks/{language}/00_start_here.ipynb"
    cmd: list[str | Path] = [
        python,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.default_url=/lab/tree/{first}",
        # one kernel to choose: the suite's own
        f"--KernelSpecManager.allowed_kernelspecs={KERNEL_NAME}",
        "--KernelSpecManager.ensure_native_kernel=False",
        "--ContentsManager.hide_globs=['__pycache__', '*.pyc', '*.egg-info', '.*']",
        f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}",
        "--LabApp.custom_css=True",
        # the terminal shows what a student needs (the URL to open) and real problems only
        "--ServerApp.log_level=WARN",
        "--LabApp.log_level=WARN",
    ]
    if no_browser:
        cmd.append("--no-browser")
    if port:
        cmd.append(f"--port={port}")
    if ip:
        cmd.append(f"--ip={ip}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    quiet = "ignore::DeprecationWarning"  # extensions' notices for developers, not for students
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(LAB_CONFIG), "PYTHONWARNINGS": quiet}
    return cmd, env


def lab(args: argparse.Namespace) -> None:
    python = setup()
    notebooks = [str(p.with_suffix(".ipynb")) for p in notebook_paths()]
    subprocess.run(  # the committed notebooks were made here: open them as trusted
        [python, "-m", "jupyter", "trust", *notebooks],
        cwd=ROOT,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    cmd, env = lab_command(
        python, args.lang, port=args.port, ip=args.ip, no_browser=args.no_browser
    )
    print(
        f"Opening JupyterLab on notebooks/{args.lang}/00_start_here.ipynb; stop it with Ctrl+C.",
        flush=True,
    )
    _serve(cmd, env=env)


def notebook_paths(dirs: tuple[str, ...] = NOTEBOOK_DIRS) -> list[Path]:
    """Every paired notebook source (``*.py`` beside a notebook, or meant to be), in order,
    in every edition (``notebooks/en``, ``notebooks/zh``, ...)."""
    found: list[Path] = []
    for d in dirs:
        found.extend(sorted((ROOT / d).rglob("*.py")))
    return [p for p in found if not p.name.startswith("_") and ".ipynb_checkpoints" not in p.parts]


CJK_FONT_DIR = Path("/usr/share/fonts/opentype/noto")  # where Debian's fonts-noto-cjk goes


def browser_candidates(system: str, environ: dict[str, str]) -> list[Path]:
    """Where Chromium, Chrome or Edge usually are on ``system`` (``platform.system()``), in the
    order they are tried (after the PATH)."""
    if system == "Windows":
        roots = [environ.get(k) for k in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
        apps = [
            ("Google", "Chrome", "Application", "chrome.exe"),
            ("Microsoft", "Edge", "Application", "msedge.exe"),
            ("Chromium", "Application", "chrome.exe"),
        ]
        return [Path(root, *app) for root in roots if root for app in apps]
    if system == "Darwin":
        return [
            Path(f"/Applications/{name}.app/Contents/MacOS/{name}")
            for name in ("Chromium", "Google Chrome", "Microsoft Edge")
        ]
    return [
        Path("/usr/bin/chromium"),
        Path("/usr/bin/chromium-browser"),
        Path("/usr/bin/google-chrome"),
    ]


def find_browser(system: str | None = None, environ: dict[str, str] | None = None) -> Path | None:
    """A Chromium-family browser the browser tests can drive (Playwright, no download):
    chromium, chrome or msedge on the PATH, else where each OS usually installs them."""
    import platform

    system = system or platform.system()
    environ = dict(os.environ) if environ is None else environ
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome", "msedge"):
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return Path(found)
    return next((p for p in browser_candidates(system, environ) if p.exists()), None)


def ensure_browser() -> None:
    """Install Debian's chromium, and a CJK system font for it (fonts-noto-cjk), for the
    browser tests if they are missing (root + apt). The pages themselves need no system font."""
    packages = [
        package
        for package, present in [
            ("chromium", find_browser() is not None),
            ("fonts-noto-cjk", any(CJK_FONT_DIR.glob("NotoSansCJK*"))),
            ("bubblewrap", shutil.which("bwrap") is not None),  # the grader's sandbox
        ]
        if not present
    ]
    if not packages:
        return
    if (
        os.name == "posix"
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
        and shutil.which("apt-get")
    ):
        print(f"Installing Debian's {' and '.join(packages)} for the browser tests ...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=False, env=env)
    if find_browser() is None:
        print(
            "WARNING: no Chromium, Chrome or Edge: the browser tests will FAIL on Linux (skip "
            "elsewhere). Install Debian's "
            "chromium (apt-get install chromium), or set CRM_ALLOW_NO_BROWSER=1 to skip it.",
            flush=True,
        )


# The longest test modules start first, so that none is left running alone at the end.
SLOW_FIRST = (
    "tests/test_grading_sandbox.py",
    "tests/test_explorer_browser.py",
    "tests/test_cli.py",
)


# BLAS and OpenMP pools of one thread each in the test run: two workers, each with kernels,
# on two cores, with every numpy, scipy and scikit-learn pool starting a busy-waiting thread
# per core, spent most of their time waiting for each other (the notebooks took 206 s with the
# pools, 143 s without; one bootstrap cell 45 s against 5 s).
ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


def test(args: argparse.Namespace) -> None:
    python = setup()
    ensure_browser()
    started = time.perf_counter()
    _run([python, "-m", "ruff", "format", "--check", "."])
    _run([python, "-m", "ruff", "check", "."])
    _run([_venv_bin("lint-imports")])  # the floors of crmlib and no import circle (pyproject.toml)
    # One pytest run for the unit tests and the notebooks, on every worker at once: the
    # notebooks fill the time the unit tests spend waiting (browsers, kernels, sandboxes), and
    # no worker idles between the two. Each test module and each notebook stays on one worker.
    notebooks = [str(p.with_suffix(".ipynb").relative_to(ROOT)) for p in notebook_paths()]
    _run(
        [
            python,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            f"--nbval-sanitize-with={SANITIZE.relative_to(ROOT)}",
            "--nbval-cell-timeout=600",
            "-n",
            str(args.jobs),
            "--dist",
            "loadscope",
            "-p",
            "no:cacheprovider",
            "-q",
            *SLOW_FIRST,
            "tests",
            *notebooks,
            *args.pytest_args,
        ],
        env={**os.environ, **ONE_THREAD},
    )
    print(f"All tests passed in {time.perf_counter() - started:.0f} s.", flush=True)


def notebooks(args: argparse.Namespace) -> None:
    """Re-execute notebooks in place from their paired ``.py`` sources, top to bottom."""
    python = setup()
    targets = [str(Path(p).resolve().with_suffix(".py")) for p in args.paths]
    targets = targets or [str(p) for p in notebook_paths()]
    _run([python, "-m", "ruff", "format", "--quiet", *targets])  # format the source first
    _run([python, "-m", "crmlib.i18n.editions", "sync"])  # every edition gets the same code
    _run([python, str(ROOT / "tasks.py"), "_execute", *targets])


def _execute(args: argparse.Namespace) -> None:
    """Inside the environment: .py source -> executed .ipynb, and the .py re-normalised."""
    import jupytext
    import nbclient

    for raw in args.paths:
        src = Path(raw)
        if src.suffix == ".ipynb":
            src = src.with_suffix(".py")
        started = time.perf_counter()
        nb = jupytext.read(src)
        nb.metadata["jupytext"] = {
            "formats": "ipynb,py:percent",
            "text_representation": {"extension": ".py", "format_name": "percent"},
        }
        nb.metadata["kernelspec"] = {
            "name": KERNEL_NAME,
            "display_name": KERNEL_DISPLAY,
            "language": "python",
        }
        if src.parent.parent.name == "apps":  # a Voila page: its browser-tab title, in its language
            from crmlib import i18n

            nb.metadata["title"] = i18n.t("ui.page_title", src.parent.name)
        for i, cell in enumerate(nb.cells):  # stable ids keep diffs to what really changed
            cell["id"] = f"cell-{i:03d}"
        client = nbclient.NotebookClient(
            nb,
            timeout=900,
            kernel_name=KERNEL_NAME,
            record_timing=False,
            resources={"metadata": {"path": str(src.parent)}},
        )
        client.execute()
        noise = [  # warnings (a missing label or glyph, a numerical problem) are failures
            f"cell {i}: {out.get('text', '')[:300]}"
            for i, cell in enumerate(nb.cells)
            for out in cell.get("outputs", [])
            if out.get("name") == "stderr"
        ]
        if noise:
            raise SystemExit(f"{src.relative_to(ROOT)} wrote to stderr:\n" + "\n".join(noise))
        # widget state stays (static viewers and the course site draw the widgets from it)
        jupytext.write(nb, src.with_suffix(".ipynb"))
        jupytext.write(nb, src, fmt="py:percent")
        print(f"executed {src.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s")


# pip's platform tags for each lab system (for macOS pip also takes older versions) and its
# environment markers. Intel Macs are not offered: some locked packages (argon2-cffi-bindings
# 26.2) publish no macOS x86_64 wheel, so they would need a compiler there.
PLATFORMS = {
    "windows": (
        ["win_amd64"],
        {"sys_platform": "win32", "os_name": "nt", "platform_system": "Windows"},
    ),
    "macos": (
        ["macosx_14_0_arm64"],
        {"sys_platform": "darwin", "os_name": "posix", "platform_system": "Darwin"},
    ),
    "linux": (  # pip does not widen manylinux tags by itself
        [f"manylinux_2_{minor}_x86_64" for minor in range(17, 29)] + ["manylinux2014_x86_64"],
        {"sys_platform": "linux", "os_name": "posix", "platform_system": "Linux"},
    ),
}


def lock_for(lock_text: str, markers: dict[str, str], python: str = "3.11") -> list[str]:
    """The lock's pins that apply on another OS and Python (pip download evaluates markers on
    this machine's)."""
    from packaging.markers import Marker

    environment = {"python_version": python, "python_full_version": f"{python}.0"}
    environment |= {"implementation_name": "cpython", "platform_python_implementation": "CPython"}
    environment |= {"platform_machine": "x86_64", **markers}
    pins = []
    for line in lock_text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        requirement, _, marker = line.partition(";")
        if not marker.strip() or Marker(marker.strip()).evaluate(environment):
            pins.append(requirement.strip())
    return pins


def wheelhouse(args: argparse.Namespace) -> None:
    """Download every locked package, for the lab's systems, into ``wheelhouse/`` (offline labs)."""
    python = setup()  # lock_for needs `packaging`, which the environment has
    systems = args.systems or list(PLATFORMS)
    if unknown := set(systems) - set(PLATFORMS):  # (argparse's choices reject an empty list)
        raise SystemExit(f"unknown system {sorted(unknown)}: choose from {list(PLATFORMS)}")
    _run([python, ROOT / "tasks.py", "_wheelhouse", *systems, "--python", *args.python])


SOURCE_ONLY = ("jieba",)  # pure-Python packages PyPI has no wheel of: built once, fit every OS


def _wheelhouse(args: argparse.Namespace) -> None:
    """Inside the environment: one ``pip download`` per lab system and Python version."""
    WHEELHOUSE.mkdir(exist_ok=True)
    lock_text = LOCK.read_text(encoding="utf-8")
    source = [pin for pin in lock_for(lock_text, {}) if pin.split("==")[0] in SOURCE_ONLY]
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", WHEELHOUSE, *source])
    for system in args.systems:
        tags, markers = PLATFORMS[system]
        for version in args.python:
            listing = VENV / f"lock-{system}-{version}.txt"
            pins = [p for p in lock_for(lock_text, markers, version) if p not in source]
            pins += ["setuptools>=77", "pip"]  # to install crmlib itself without the index
            listing.write_text("\n".join(pins) + "\n", encoding="utf-8")
            _run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:"]
                + [f"--platform={tag}" for tag in tags]
                + [f"--python-version={version}", "--implementation=cp"]
                + ["-d", WHEELHOUSE, "-r", listing]
            )
    files = list(WHEELHOUSE.glob("*"))
    size = sum(f.stat().st_size for f in files) / 2**20
    print(f"{WHEELHOUSE}: {len(files)} files, {size:.0f} MiB, for {args.systems} {args.python}")


def _in_env(module: str, *arguments: object) -> None:
    """Run ``python -m module arguments`` in the suite's environment; exit with its code."""
    python = setup()
    result = subprocess.run([str(python), "-m", module, *map(str, arguments)], cwd=ROOT)
    raise SystemExit(result.returncode)


def handout(args: argparse.Namespace) -> None:
    """The students' copy: no solutions, checks sealed (see crmlib.handout)."""
    _in_env("crmlib.handout", args.out, *(["--wheelhouse"] if args.wheelhouse else []))


def site(args: argparse.Namespace) -> None:
    """Build the course website (both editions, guides) offline into build/site/html."""
    python = setup()
    _run([python, "-m", "crmlib.coursesite", args.out])


def grade(args: argparse.Namespace) -> None:
    """Grade a folder of submitted exercise notebooks in a sandbox, on the teacher's variant shop."""
    options = []
    for option in ("timeout", "memory", "jobs", "seed"):
        if getattr(args, option) is not None:
            options += [f"--{option}", getattr(args, option)]
    _in_env("crmlib.grading", args.submissions, "--out", args.out, *options)


def lock(args: argparse.Namespace) -> None:
    """Re-resolve requirements.lock from pyproject.toml (needs uv: pip install uv)."""
    uv = shutil.which("uv")
    if uv is None:
        raise SystemExit("tasks.py lock needs uv on PATH: python3 -m pip install uv")
    _run(
        [
            uv,
            "pip",
            "compile",
            "pyproject.toml",
            "--extra",
            "dev",
            "--universal",
            "--fork-strategy",
            "fewest",
            "--python-version",
            "3.11",
            "-o",
            LOCK.name,
            "--quiet",
        ]
    )


def voila_command(
    python: str | Path, language: str, port: int, ip: str, *, cull_after: int = 600
) -> list[str | Path]:
    """Voila serving the explorer page of one edition with the suite's template: the bundled
    CJK font, no requests to outside hosts. The browser test serves it the same way.

    A page frees its kernel when the visitor leaves (see the template); a kernel whose page
    vanished without a word (a crashed tab, a phone that never said goodbye) is culled after
    ``cull_after`` idle seconds. Open pages are never culled (``cull_connected`` stays off)."""
    return [
        python,
        "-m",
        "voila",
        f"apps/{language}/tier_explorer.ipynb",
        f"--port={port}",
        "--no-browser",
        f"--Voila.ip={ip}",
        f"--Voila.root_dir={ROOT}",  # so the page can load crmlib's font (and nothing but images)
        "--template=crm",
        "--VoilaConfiguration.file_allowlist=['.*\\.(png|jpg|gif|svg|otf)']",
        f"--MappingKernelManager.cull_idle_timeout={cull_after}",
        f"--MappingKernelManager.cull_interval={max(cull_after // 10, 1)}",
    ]


def voila_env() -> dict[str, str]:
    """Environment in which Voila finds the suite's page template (apps/voila/templates/crm)."""
    paths = [str(ROOT / "apps"), os.environ.get("JUPYTER_PATH", "")]
    return {**os.environ, "JUPYTER_PATH": os.pathsep.join(p for p in paths if p)}


def explorer(args: argparse.Namespace) -> None:
    """Serve the tier explorer as a standalone web page (Voila), for people without Jupyter."""
    python = setup()
    print(
        f"Serving the tier explorer on http://{args.ip}:{args.port}/ ; stop it with Ctrl+C.",
        flush=True,
    )
    _serve(voila_command(python, args.lang, args.port, args.ip), env=voila_env())


def data(args: argparse.Namespace) -> None:
    """Regenerate the committed default shop in datasets/store from its seed."""
    python = setup()
    _run([python, "-m", "crmlib.datasets"])
    _run([python, "-m", "crmlib.samples"])


def bench(args: argparse.Namespace) -> None:
    python = setup()
    _run([python, "-m", "benchmarks", *args.names])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="tasks.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("setup", help="create/refresh .venv from requirements.lock")
    p.add_argument("--force", action="store_true", help="reinstall even if up to date")
    p.set_defaults(func=lambda a: setup(force=a.force))

    p = sub.add_parser("lab", help="set up, then open JupyterLab on the suite")
    p.add_argument("--no-browser", action="store_true", help="headless machine: do not open one")
    p.add_argument("--port", type=int, default=None, help="port to serve on (default 8888)")
    p.add_argument("--ip", default=None, help="interface to listen on (default localhost)")
    p.add_argument(
        "--lang",
        choices=["zh", "en"],
        default="zh",
        help="edition and interface language: zh (中文, default) or en",
    )
    p.set_defaults(func=lab)

    p = sub.add_parser("test", help="set up, then ruff, unit tests and strict nbval")
    p.add_argument("-j", "--jobs", type=int, default=2, help="parallel notebook workers")
    p.add_argument("pytest_args", nargs="*", help="extra arguments for the unit-test pytest run")
    p.set_defaults(func=test)

    p = sub.add_parser("notebooks", help="re-execute notebooks in place from their .py sources")
    p.add_argument("paths", nargs="*", help="notebooks or sources (default: all)")
    p.set_defaults(func=notebooks)

    p = sub.add_parser("_execute", help=argparse.SUPPRESS)
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=_execute)

    p = sub.add_parser("explorer", help="serve the tier explorer as a web page (Voila)")
    p.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    p.add_argument("--ip", default="127.0.0.1", help="interface (0.0.0.0 to share on a network)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="edition: zh (default) or en")
    p.set_defaults(func=explorer)

    p = sub.add_parser(
        "data", help="regenerate datasets/ (the shop and the sample exports) from the seed"
    )
    p.set_defaults(func=data)

    p = sub.add_parser("site", help="build the course website (offline) into build/site")
    p.add_argument("--out", default="build/site", help="folder for the build (default build/site)")
    p.set_defaults(func=site)

    p = sub.add_parser("grade", help="grade a folder of submitted exercise notebooks")
    p.add_argument("submissions", help="folder: one sub-folder per student, or <name>_NN_*.ipynb")
    p.add_argument("--out", default="grades", help="where grades.csv / grades.xlsx go")
    p.add_argument("--timeout", type=int, help="seconds per notebook (default 600)")
    p.add_argument("--memory", type=int, help="MiB per notebook (default 4096)")
    p.add_argument("--jobs", type=int, help="notebooks at once (default: every core)")
    p.add_argument(
        "--seed", type=int, help="the variant shop's seed (default: solutions/grading/seed)"
    )
    p.set_defaults(func=grade)

    p = sub.add_parser("handout", help="copy the suite for students, without the solutions")
    p.add_argument("out", help="folder to create (e.g. a USB stick or a shared drive)")
    p.add_argument("--wheelhouse", action="store_true", help="include wheelhouse/ (offline labs)")
    p.set_defaults(func=handout)

    for name, func, text in (
        ("wheelhouse", wheelhouse, "download every package for offline lab installs"),
        ("_wheelhouse", _wheelhouse, argparse.SUPPRESS),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("systems", nargs="*", help=f"some of {', '.join(PLATFORMS)} (default: all)")
        p.add_argument(
            "--python",
            nargs="+",
            default=["3.11", "3.12", "3.13"],
            help="Python versions the lab PCs may have (default 3.11 3.12 3.13)",
        )
        p.set_defaults(func=func)

    p = sub.add_parser("lock", help="re-resolve requirements.lock with uv")
    p.set_defaults(func=lock)

    p = sub.add_parser("bench", help="run the benchmarks (all, or the named ones)")
    p.add_argument("names", nargs="*")
    p.set_defaults(func=bench)

    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
