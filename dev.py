#!/usr/bin/env python3
"""One entry point for a newcomer: set up a virtual environment, then run the app or the tests.

    python3 dev.py run  [app arguments...]   set up .venv and start STRIVE Desktop
    python3 dev.py test [pytest arguments...] set up .venv and run lint, mypy + the test suite

Works the same on Windows (``py dev.py run``) and Linux. Only the standard library is used here.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"


def _setup(extras: str) -> None:
    if not PY.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want:
        return
    print("Installing dependencies ...", flush=True)
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    target = f".[{extras}]" if extras else "."
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "-e", target], cwd=ROOT)
    STAMP.write_text(want)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "run":
        _setup("test")
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
