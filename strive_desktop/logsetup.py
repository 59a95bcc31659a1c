"""Logging to logs/strive.log in the data folder, and the apology shown for a bug.

No personal data in the log: the names, phones and PINs of the rosters can reach an exception's
message (a value in an SQL error, a file name), so the log keeps where an error happened (the
traceback's frames and the exception's type) and never an exception's message
(:class:`PrivateFormatter`); SQLAlchemy is told to leave SQL parameters out of its errors.

A native crash (a "Fatal Python error" in Qt or SQLite code) cannot go through ``logging``:
:func:`enable_crash_log` points :mod:`faulthandler` at logs/crash.log, and the next start moves
what it wrote into strive.log (as an error record), so the log tells support what happened.
"""

from __future__ import annotations

import faulthandler
import logging
from pathlib import Path
from typing import TextIO

WITHHELD = "(message withheld: it may hold personal data)"


def _type_name(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def private_traceback(exc: BaseException) -> str:
    """*exc*'s traceback (its chain too) with the frames and the types, without the messages."""
    import traceback

    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    chain: list[BaseException] = []
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    for i, e in enumerate(reversed(chain)):
        if i:
            parts.append("\nThe above exception led to the following:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(e.__traceback__))
        parts.append(f"{_type_name(e)} {WITHHELD}\n")
    return "".join(parts).rstrip("\n")


def _private_text(text: str) -> str:
    """A traceback formatted elsewhere (a worker thread's): the frames kept, the lines that
    carry the exception's message cut to the type."""
    out = []
    for line in text.splitlines():
        if line.startswith(("Traceback", "  ", "During handling", "The above exception")) or not line.strip():
            out.append(line)
        else:
            out.append(f"{line.split(':', 1)[0]} {WITHHELD}")
    return "\n".join(out)


class PrivateFormatter(logging.Formatter):
    """Formats records without the messages of exceptions (see the module's note)."""

    def format(self, record: logging.LogRecord) -> str:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                _type_name(a) + " " + WITHHELD if isinstance(a, BaseException)
                else _private_text(a) if isinstance(a, str) and "Traceback (most recent call last)" in a
                else a for a in args)
        cached, record.exc_text = record.exc_text, None  # another handler's text has the messages
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def]  # noqa: N802 - logging's name
        exc = ei[1]
        if exc is None:
            return ""
        return private_traceback(exc)


LOG_NAME = "strive.log"
CRASH_NAME = "crash.log"
_configured: Path | None = None
_crash_file: TextIO | None = None


def configure(logs_dir: Path) -> Path:
    """Send log records (warnings and up, plus tracebacks) to *logs_dir*/strive.log."""
    import logging.handlers  # here, not before the window's first paint (it brings socket, pickle...)

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
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
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
