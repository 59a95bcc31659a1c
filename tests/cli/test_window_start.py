"""cli.main without a command starts the window: the options before a command are read without
building the commands' parsers (their modules are imported only for a command or --help)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

START = ("import sys\n"
         "import strive_desktop.gui.app as a\n"
         "a.run_gui = lambda folder, lang=None: print('WINDOW', folder, lang) or 0\n"
         "from strive_desktop.cli import main\n"
         "rc = main(sys.argv[1:])\n"
         "print('COMMANDS', 'strive_desktop.cli.people' in sys.modules)\n"
         "sys.exit(rc)\n")


def _main(*argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", START, *argv], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_window_starts_with_its_options_without_the_commands_parsers(tmp_path):
    out = _main("--data-dir", str(tmp_path), "--lang=ru")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["WINDOW", str(tmp_path), "ru", "COMMANDS", "False"]


def test_a_command_or_a_wrong_option_still_goes_to_the_full_parser(tmp_path):
    out = _main("--data-dir", str(tmp_path), "--lang", "de")
    assert out.returncode == 2 and "WINDOW" not in out.stdout
    assert "--lang" in out.stderr and "de" in out.stderr  # argparse's "invalid choice"
    helped = _main("--help")
    assert helped.returncode == 0 and "import-roster" in helped.stdout and "WINDOW" not in helped.stdout
