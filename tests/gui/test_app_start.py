"""Start-up: the window is painted, the store opens on a worker thread, then the page shown
reads its data through its services like at any other time."""

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


def open_now(qtbot, g: GuiApp) -> bool:  # type: ignore[no-untyped-def]
    """GuiApp.open_in_background as run_gui uses it, waited for; the result handed to `then`."""
    results: list[bool] = []
    assert g.log_in()  # the lock and the login (STRIVE_PASSWORD in the tests), then the worker
    g.open_in_background(lambda opened: results.append(g.attach(opened)))
    assert g.store is None and g.window.nav.count() == 0  # still opening: nothing attached yet
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    return results[0]


def test_the_store_opens_on_a_worker_then_the_people_list_reads_through_its_service(qtbot, store, started):
    names = [f"Өмүрбекова Жаңыл {i:03}" for i in range(250)] + ["Асанова Айгүл"]
    people(store, NOOKAT, names)
    people(store, KOCHKOR, ["Кочкор Адамы"])
    folder = store.folder.root
    store.close()
    last_page(folder, "people")

    g = started(folder)
    assert open_now(qtbot, g)
    page = g.window.current_page()
    page.wait_for_list()  # the first screenful is read on the window's worker
    assert g.window.page_key() == "people" and g.store is not None and g.ctx.store is g.store
    assert page.model.data(page.model.index(0, 0)) == "Асанова Айгүл"  # name order, Kyrgyz letters
    assert page.model.rowCount() == 251  # the scrollbar is sized for everyone at once
    assert page.count.text().startswith("251 ")  # the count of everyone, not of the rows read
    assert "Nookat" in g.window.windowTitle()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.add_button.isEnabled() and page.edit_button.isEnabled()
    page.filter.setText("айгүл")
    assert page.model.rowCount() == 1
    # the status bar is there too (its count comes from the window's worker thread)
    qtbot.waitUntil(lambda: "change" in g.window.changes_status.text(), timeout=10_000)
    g.window.show_page("trainings")  # the other pages open as usual
    assert g.window.page_key() == "trainings" and g.window.current_page() is not None


def test_headquarters_opens_on_the_community_chosen_last_time(qtbot, hq_store, started):
    people(hq_store, NOOKAT, ["Ноокат Бир", "Ноокат Эки"])
    people(hq_store, KOCHKOR, ["Кочкор Бир"])
    folder = hq_store.folder.root
    hq_store.close()
    last_page(folder, "people", KOCHKOR)

    g = started(folder)
    assert open_now(qtbot, g)
    page = g.window.current_page()
    page.wait_for_list()
    assert [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())] == ["Кочкор Бир"]
    assert g.window.community_combo.currentText() == "Kochkor"
    g.window.community_combo.setCurrentIndex(g.window.community_combo.findText("All communities"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and not page.loading, timeout=10_000)


def test_a_folder_already_open_elsewhere_is_refused_plainly_before_the_login(qtbot, store, started, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr("strive_desktop.gui.app.QMessageBox.warning",
                        lambda _parent, _title, text: warnings.append(text))
    g = started(store.folder.root)  # `store` holds the folder, like a running app
    assert not g.log_in()  # told at once, before any password is asked
    assert len(warnings) == 1 and "already running" in warnings[0]
    assert g.ctx is None and g.window.nav.count() == 0


def test_main_py_paints_before_importing_sqlalchemy_then_fills_the_list(store):
    """The real start (`python main.py`): the store opens on a worker thread, the list is
    filled once the window was painted, and everyone is read."""
    people(store, NOOKAT, [f"Асанова Айгүл {i}" for i in range(300)])
    folder = store.folder.root
    store.close()
    last_page(folder, "people")
    code = ("import sys\n"
            "import strive_desktop.gui.app as a\n"
            "import threading\n"
            "opening = a._open_store\n"
            "def spy(folder, *rest):\n"
            "    print('OPENED ON', threading.current_thread().name, flush=True)\n"
            "    return opening(folder, *rest)\n"
            "a._open_store = spy\n"
            "from strive_desktop.cli import main\n"
            f"sys.exit(main(['--data-dir', {str(folder)!r}]))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STRIVE_BENCH="quit")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    events = [ln.split()[1] for ln in lines if ln.startswith("STRIVE_BENCH")]
    # "indexed" only when everyone was still being read at the list's first paint
    start = ["painted", "login", "logged_in", "ready"]  # the login between the paint and the list
    assert events in (start, [*start, "indexed"]), out.stdout
    assert "OPENED ON strive-open" in lines  # not on the GUI thread
    ready = next(ln for ln in lines if ln.startswith("STRIVE_BENCH ready"))
    assert "page=people" in ready and "rows=300" in ready and "first_row_filled=1" in ready
    assert "Traceback" not in out.stderr
