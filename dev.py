#!/usr/bin/env python3
"""One entry point for a newcomer: set up a virtual environment, then run the app or the tests.

    python3 dev.py run  [app arguments...]   set up .venv and start STRIVE Desktop
    python3 dev.py test [pytest arguments...] set up .venv and run lint, mypy + the test suite
    python3 dev.py bundle                     build the standalone app into dist/strive-desktop/
    python3 dev.py kit [--platform P] [--python-version X.Y] [--out DIR]
                                              an offline install kit (every wheel + scripts)

Works the same on Windows (``py dev.py run``) and Linux. Only the standard library is used here.
docs/packaging.md describes the bundle, the Windows installer and the offline kit.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
DIST = ROOT / "dist"

# Shared libraries Qt's xcb platform plugin (the window on a Linux desktop) needs, and the
# Debian/Ubuntu package of each. Qt names only one of them when one is missing ("xcb-cursor0 is
# needed"), even when that one is installed and another is not.
QT_XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
# What CI installs to run Qt offscreen and to check PDFs (.ci/run).
CI_PACKAGES = ["libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3",
               "libglib2.0-0", "poppler-utils", "qpdf"]


def _setup(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on any python3 before .venv
        sys.exit(f"STRIVE Desktop needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PY.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = STAMP if extras == "test" else VENV / f".installed-{extras.replace(',', '-')}"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + (ROOT / "setup.py").read_bytes()
                          + extras.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == want:
        return
    print("Installing dependencies ...", flush=True)
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    target = f".[{extras}]" if extras else "."
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "-e", target], cwd=ROOT)
    stamp.write_text(want)


# ---- run: the window needs Qt's system libraries -------------------------------------------
def _opens_window(app_args: list[str]) -> bool:
    """True when *app_args* start the window (no command given)."""
    rest = list(app_args)
    while rest:
        arg = rest.pop(0)
        if arg in ("--data-dir", "--lang"):
            rest = rest[1:]
        elif arg.startswith(("--data-dir=", "--lang=")):
            continue
        else:
            return False  # a command, or --help / --version
    return True


def missing_qt_libraries(plugin: Path) -> list[str]:
    """The shared libraries *plugin* (Qt's libqxcb.so) needs and the system lacks, per ldd."""
    try:
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []  # no ldd: let Qt speak for itself
    return sorted({m.group(1) for m in re.finditer(r"^\s*(\S+) => not found", out, re.M)})


def apt_line(sonames: list[str]) -> str:
    packages = sorted({QT_XCB_PACKAGES.get(s, s) for s in sonames})
    return "sudo apt-get install " + " ".join(packages)


def _check_qt_display_libraries() -> bool:
    """On Linux with a display: False (after saying exactly what to install) when a library of
    Qt's xcb platform plugin is missing."""
    if not sys.platform.startswith("linux"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0]
    if platform not in ("", "xcb"):
        return True  # offscreen, wayland, minimal...: not the xcb plugin
    plugins = list((VENV / "lib").glob("python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so"))
    if not plugins:
        return True
    missing = missing_qt_libraries(plugins[0])
    if not missing:
        return True
    print("The window cannot open: Qt needs system libraries that are not installed:\n  "
          + ", ".join(missing) + "\nInstall them with:\n  " + apt_line(missing)
          + "\n(the command line works without them, e.g. python3 dev.py run --help)",
          file=sys.stderr)
    return False


# ---- bundle: PyInstaller ---------------------------------------------------------------------
def bundle() -> int:
    _setup("test,bundle")
    spec = ROOT / "packaging" / "strive-desktop.spec"
    rc = subprocess.call([str(PY), "-m", "PyInstaller", "--noconfirm", "--clean",
                          "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
                          str(spec)], cwd=ROOT)
    if rc == 0:
        out = DIST / "strive-desktop"
        size = sum(f.lstat().st_size for f in out.rglob("*") if f.is_file() and not f.is_symlink())
        print(f"Bundle: {out} ({size / 1e6:.0f} MB)")
    return rc


# ---- kit: every wheel for an office with no internet ----------------------------------------
def _kit_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="dev.py kit", description="Offline install kit: every wheel "
                                "STRIVE Desktop needs for one platform and Python version, with "
                                "install and run scripts that use only the kit.")
    p.add_argument("--platform", default=None,
                   help="pip platform tag: win_amd64, manylinux_2_34_x86_64 (glibc 2.34+) ... (default: this machine)")
    p.add_argument("--python-version", default=f"{sys.version_info[0]}.{sys.version_info[1]}",
                   help="Python version on the office computer, e.g. 3.11 (default: this one)")
    p.add_argument("--out", type=Path, default=None, help="kit folder (default: dist/kit-PLATFORM-pyXY)")
    return p.parse_args(argv)


def _default_platform() -> str:
    """This machine's platform tag: win_amd64, or manylinux_2_<glibc>_<arch> on Linux."""
    if os.name == "nt":
        return "win_amd64"
    import platform

    libc, version = platform.libc_ver()
    if sys.platform.startswith("linux") and libc == "glibc" and version:
        minor = int(version.split(".")[1])
        return f"manylinux_2_{minor}_{platform.machine()}"
    return "any"


_LEGACY_MANYLINUX = {"manylinux1": 5, "manylinux2010": 12, "manylinux2014": 17}


def pip_platforms(platform: str) -> list[str]:
    """The --platform tags for pip download: a manylinux target accepts every wheel built for
    its glibc or an older one (manylinux_2_34_x86_64 takes manylinux_2_17 and manylinux2014
    wheels too, but not manylinux_2_35)."""
    m = re.fullmatch(r"(manylinux1|manylinux2010|manylinux2014|manylinux_2_(\d+))_(\w+)", platform)
    if not m:
        return [platform]
    minor = int(m.group(2)) if m.group(2) else _LEGACY_MANYLINUX[m.group(1)]
    arch = m.group(3)
    tags = [f"manylinux_2_{n}_{arch}" for n in range(minor, 4, -1)]
    tags += [f"{name}_{arch}" for name, n in _LEGACY_MANYLINUX.items() if n <= minor]
    return tags


def kit(argv: list[str]) -> int:
    args = _kit_args(argv)
    _setup("test")
    platform = args.platform or _default_platform()
    windows = platform.startswith("win")
    pyver = args.python_version
    out = args.out or DIST / f"kit-{platform}-py{pyver.replace('.', '')}"
    if out.exists():
        shutil.rmtree(out)
    wheels = out / "wheels"
    wheels.mkdir(parents=True)
    print(f"Building the STRIVE Desktop wheel into {wheels} ...", flush=True)
    subprocess.check_call([str(PY), "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(wheels)],
                          cwd=ROOT)
    app = next(wheels.glob("strive_desktop-*.whl"))
    platforms = pip_platforms(platform)
    print(f"Downloading every wheel for {platform}, Python {pyver} ...", flush=True)
    cmd = [str(PY), "-m", "pip", "download", "-q", "--only-binary=:all:", "--python-version", pyver,
           "--implementation", "cp", "-d", str(wheels), str(app)]
    for tag in platforms:
        cmd += ["--platform", tag]
    rc = subprocess.call(cmd, cwd=ROOT)
    if rc:
        print("pip could not download every wheel for that platform and Python version.", file=sys.stderr)
        return rc
    for name in (["install.bat", "run.bat"] if windows else ["install.sh", "run.sh"]) + ["README.txt"]:
        target = out / name
        text = (ROOT / "packaging" / "kit" / name).read_bytes().replace(b"@PYVER@", pyver.encode())
        target.write_bytes(text)
        if name.endswith(".sh"):
            target.chmod(0o755)
    count = len(list(wheels.glob("*.whl")))
    size = sum(f.stat().st_size for f in wheels.glob("*.whl"))
    print(f"Kit: {out} ({count} wheels, {size / 1e6:.0f} MB)")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "bundle", "kit"}:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "bundle":
        return bundle()
    if cmd == "kit":
        return kit(rest)
    if cmd == "run":
        _setup("test")
        if _opens_window(rest) and not _check_qt_display_libraries():
            return 1
        return subprocess.call([str(PY), str(ROOT / "main.py"), *rest])
    _setup("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    rc = subprocess.call([str(PY), "-m", "ruff", "check", "."], cwd=ROOT)
    if rc:
        return rc
    rc = subprocess.call([str(PY), "-m", "mypy"], cwd=ROOT)  # configured in pyproject.toml
    if rc:
        return rc
    return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
