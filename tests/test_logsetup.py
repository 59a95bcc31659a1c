"""A native crash ("Fatal Python error") leaves its stacks in the data folder's logs, and the
next start moves them into logs/strive.log where support looks first."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from strive_desktop import logsetup


def _crash_in_child(logs: Path) -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(f"""
        import ctypes, sys
        from strive_desktop.logsetup import configure
        configure(__import__("pathlib").Path({str(logs)!r}))
        def attendance_tick():
            ctypes.string_at(0)  # a segmentation fault, as a broken native library would cause
        attendance_tick()
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_native_crash_is_written_to_the_log_folder_and_reported_at_next_start(tmp_path):
    logs = tmp_path / "data" / "logs"
    proc = _crash_in_child(logs)
    assert proc.returncode != 0
    crash = (logs / logsetup.CRASH_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error" in crash
    assert "attendance_tick" in crash

    logsetup.configure(logs)  # the next start
    try:
        text = (logs / logsetup.LOG_NAME).read_text(encoding="utf-8")
        assert "previous run stopped with a native crash" in text
        assert "attendance_tick" in text
        assert (logs / logsetup.CRASH_NAME).read_text(encoding="utf-8") == ""  # reported once
    finally:
        logsetup.enable_crash_log(tmp_path / "other-logs")  # let go of the file


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path):
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    assert logsetup.enable_crash_log(blocker) is None
