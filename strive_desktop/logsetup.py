"""Logging to logs/strive.log in the data folder, and the apology shown for a bug.

A native crash (a "Fatal Python error" in Qt or SQLite code) cannot go through ``logging``:
:func:`enable_crash_log` points :mod:`faulthandler` at logs/crash.log, and the next start moves
what it wrote into strive.log (as an error record), so the log tells support what happened.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from pathlib import Path
from typing import TextIO

LOG_NAME = "strive.log"
CRASH_NAME = "crash.log"
_configured: Path | None = None
_crash_file: TextIO | None = None


def configure(logs_dir: Path) -> Path:
    """Send log records (warnings and up, plus tracebacks) to *logs_dir*/strive.log."""
    global _configured
    path = Path(logs_dir) / LOG_NAME
    if _configured == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_strive", False):
            root.removeHandler(h)
    handler._strive = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _configured = path
    enable_crash_log(path.parent)
    return path


def enable_crash_log(logs_dir: Path) -> Path | None:
    """Write the Python stacks of a native crash to *logs_dir*/crash.log (faulthandler); a
    crash report left there by an earlier run is first logged into strive.log. The path, or
    None when the folder cannot be written (the app then runs without it)."""
    global _crash_file
    path = Path(logs_dir) / CRASH_NAME
    if _crash_file is not None and not _crash_file.closed and Path(_crash_file.name) == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        earlier = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        crash_file = open(path, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
    except OSError:
        return None
    faulthandler.enable(file=crash_file, all_threads=True)
    if _crash_file is not None:
        _crash_file.close()
    _crash_file = crash_file
    if earlier.strip():
        configure(path.parent)
        logging.getLogger("strive").error("The previous run stopped with a native crash:\n%s",
                                          earlier.rstrip())
    return path


def log_bug(exc: BaseException, logs_dir: Path) -> Path:
    path = configure(logs_dir)
    logging.getLogger("strive").error("Unexpected error", exc_info=exc)
    return path
