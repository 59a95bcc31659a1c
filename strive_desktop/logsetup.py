"""Logging to logs/strive.log in the data folder, and the apology shown for a bug."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "strive.log"
_configured: Path | None = None


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
    return path


def log_bug(exc: BaseException, logs_dir: Path) -> Path:
    path = configure(logs_dir)
    logging.getLogger("strive").error("Unexpected error", exc_info=exc)
    return path
