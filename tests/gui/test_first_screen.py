"""Start-up on the People page: the first rows are on screen before the data layer is opened,
then everything works as after an ordinary start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from strive_desktop.gui.app import GuiApp
from strive_desktop.gui.i18n import gui_settings
from strive_desktop.services import rosters
from strive_desktop.storage.seed import community_id

ROOT = Path(__file__).resolve().parents[2]
NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


def people(store, community: str, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    rosters.bulk_add_people(store, [rosters.PersonInput(full_name=n, sex="f", sector="women",
                                                        community_id=community, birth_year=1985)
                                    for n in names])


def last_page(folder: Path, page: str, community: str | None = None) -> None:
    s = gui_settings(folder)
    s.setValue("window/page", page)
    if community is not None:
        s.setValue("window/community", community)
    s.sync()


@pytest.fixture
def started(qtbot):  # type: ignore[no-untyped-def]
    apps: list[GuiApp] = []

    def make(folder: Path) -> GuiApp:
        g = GuiApp(folder, "en")
        qtbot.addWidget(g.window)
        g.window.resize(1366, 768)
        g.window.show()
        apps.append(g)
        return g

    yield make
    for g in apps:
        g.window._closing_ok = True
        g.close()


def test_the_people_list_is_on_screen_before_the_store_and_works_once_it_is_open(qtbot, store, started):
    names = [f"Өмүрбекова Жаңыл {i:03}" for i in range(250)] + ["Асанова Айгүл"]
    people(store, NOOKAT, names)
    people(store, KOCHKOR, ["Кочкор Адамы"])
    folder = store.folder.root
    store.close()
    last_page(folder, "people")

    g = started(folder)
    assert g.claim()
    assert g.show_first_screen()
    page = g.window.current_page()
    assert g.window.page_key() == "people" and g.store is None
    assert page.model.data(page.model.index(0, 0)) == "Асанова Айгүл"  # name order, Kyrgyz letters
    assert page.model.rowCount() == 251  # the scrollbar is sized for everyone
    assert page.count.text().startswith("251 ")  # the count of everyone, not of the rows read
    assert "Nookat" in g.window.windowTitle()
    assert not page.add_button.isEnabled() and not page.edit_button.isEnabled()
    g.window.call_page("new_item")  # Ctrl+N before the store is open does nothing (no error)

    assert g.finish()
    assert g.store is not None and g.ctx.store is g.store
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.model.rowCount() == 251
    assert page.add_button.isEnabled() and page.edit_button.isEnabled()
    page.filter.setText("айгүл")
    assert page.model.rowCount() == 1
    assert "change" in g.window.changes_status.text()  # the status bar is there too
    g.window.show_page("trainings")  # the other pages open as usual
    assert g.window.page_key() == "trainings" and g.window.current_page() is not None


def test_headquarters_first_screen_is_the_community_chosen_last_time(qtbot, hq_store, started):
    people(hq_store, NOOKAT, ["Ноокат Бир", "Ноокат Эки"])
    people(hq_store, KOCHKOR, ["Кочкор Бир"])
    folder = hq_store.folder.root
    hq_store.close()
    last_page(folder, "people", KOCHKOR)

    g = started(folder)
    assert g.claim() and g.show_first_screen()
    page = g.window.current_page()
    assert [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())] == ["Кочкор Бир"]
    assert g.window.community_combo.currentText() == "Kochkor"
    assert not g.window.community_combo.isEnabled()
    assert g.finish()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert g.window.community_combo.isEnabled() and g.window.community_combo.currentText() == "Kochkor"
    g.window.community_combo.setCurrentIndex(g.window.community_combo.findText("All communities"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and not page.loading, timeout=10_000)


def test_other_start_pages_open_the_ordinary_way(store, started):
    people(store, NOOKAT, ["Асанова Айгүл"])
    folder = store.folder.root
    store.close()
    last_page(folder, "dashboard")
    g = started(folder)
    assert g.claim()
    assert not g.show_first_screen()
    assert g.finish()
    assert g.window.page_key() == "dashboard" and g.store is not None


def test_main_py_paints_the_people_list_before_importing_sqlalchemy(store):
    """The real start (`python main.py`): at the paint with the first rows, the data layer
    (SQLAlchemy) has not been imported; then the store opens and everyone is read."""
    people(store, NOOKAT, [f"Асанова Айгүл {i}" for i in range(300)])
    folder = store.folder.root
    store.close()
    last_page(folder, "people")
    code = ("import sys\n"
            "import strive_desktop.gui.app as a\n"
            "finish = a.GuiApp.finish\n"
            "def spy(self):\n"
            "    print('SQLALCHEMY', 'sqlalchemy' in sys.modules, flush=True)\n"
            "    return finish(self)\n"
            "a.GuiApp.finish = spy\n"
            "from strive_desktop.cli import main\n"
            f"sys.exit(main(['--data-dir', {str(folder)!r}]))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STRIVE_BENCH="quit")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    events = [ln.split()[1] for ln in lines if ln.startswith("STRIVE_BENCH")]
    assert events == ["painted", "ready", "working", "indexed"], out.stdout
    ready = next(ln for ln in lines if ln.startswith("STRIVE_BENCH ready"))
    assert "rows=300" in ready and "first_row_filled=1" in ready
    assert lines.index(ready) < lines.index("SQLALCHEMY False")  # the rows were painted first
    assert "Traceback" not in out.stderr
