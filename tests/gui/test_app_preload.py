"""The start's background imports (gui/app.py): the data core while the user logs in, the other
pages' modules a moment after the start; neither on the GUI thread."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_the_data_core_is_imported_on_a_background_thread() -> None:
    words = _run("import sys, threading\n"
                 "import strive_desktop.gui.app as a\n"
                 "print('before', 'sqlalchemy' in sys.modules)\n"
                 "t = a.preload_data_core()\n"
                 "t.join()\n"
                 "from strive_desktop.storage.models import Person\n"
                 "print(t.name, t is not threading.main_thread(), 'sqlalchemy' in sys.modules,\n"
                 "      'strive_desktop.services.people_index' in sys.modules,\n"
                 "      Person.__mapper__.configured)  # not left for the first query on the GUI thread\n")
    assert words == ["before", "False", "strive-preload", "True", "True", "True", "True"]


def test_the_other_pages_are_imported_in_the_background_after_the_start() -> None:
    words = _run("import sys\n"
                 "import strive_desktop.gui.app as a\n"
                 "print('before', 'strive_desktop.gui.pages.trainings' in sys.modules)\n"
                 "t = a.warm_up('ru')\n"
                 "t.join()\n"
                 "print(t.name, all(f'strive_desktop.gui.pages.{m}' in sys.modules for m in a.PAGE_MODULES))\n")
    assert words == ["before", "False", "strive-warm-up", "True"]


def test_the_warm_up_makes_the_pages_first_reads_off_the_gui_thread(demo_store, caplog) -> None:  # type: ignore[no-untyped-def]
    """With the store, the warm-up also runs the reads the pages make when first opened (so
    SQLAlchemy's compiled statements are cached): every one of them works on a filled folder."""
    import logging

    from strive_desktop.gui.app import warm_up
    from strive_desktop.storage.seed import community_id

    with caplog.at_level(logging.ERROR, logger="strive_desktop.gui.app"):
        warm_up("en", demo_store, community_id("nookat")).join(120)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
