"""Running a command in this process, as ``main.py`` would, and reading what it printed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from strive_desktop import cli

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli_run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``cli_run(data_dir, *args)``: (exit code, stdout, stderr) of ``--data-dir DATA *args``."""

    def run(data_dir: Path, *args: object) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(["--data-dir", str(data_dir), *(str(a) for a in args)])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def spelled(day: dt.date) -> tuple[str, str]:
    """*day* as a line printed for a person writes it: (Russian and Kyrgyz, English), e.g.
    ("05.12.2026", "Dec 5, 2026"); written out here, not through the code under test."""
    month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[day.month - 1]
    return f"{day.day:02}.{day.month:02}.{day.year}", f"{month} {day.day}, {day.year}"
