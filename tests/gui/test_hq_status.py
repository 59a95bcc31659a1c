"""Headquarters' status bar (issue 16, problem 10): no "changes not yet exported" (headquarters
writes return packages per community, it has nothing to export in that sense) but what came in
from the offices."""

from __future__ import annotations

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.services import installation

from ..sync.conftest import link, person, ship  # type: ignore[import-not-found]


def _window(qtbot, store):  # type: ignore[no-untyped-def]
    win = MainWindow(store.folder.root, AppContext(store, "en"))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 705)
    win.show()
    win.update_status()
    return win


def test_headquarters_shows_what_came_in_not_changes_to_export(qtbot, store, hq_store, tmp_path):
    person(hq_store, "Асанова Гүлнара")  # headquarters' own edits count as changes too
    assert installation.unexported_changes(hq_store) > 0
    win = _window(qtbot, hq_store)
    assert "not yet exported" not in win.changes_status.text()
    assert win.changes_status.text() == "No package received from an office yet"
    link(store, hq_store, tmp_path)
    person(store, "Токтогулов Бакыт")
    ship(store, hq_store)
    win.update_status()
    text = win.changes_status.text()
    assert text.startswith("Last package from an office: ") and "not yet exported" not in text


def test_a_field_office_still_counts_its_changes(qtbot, store):
    person(store, "Асанова Гүлнара")
    win = _window(qtbot, store)
    assert "not yet exported" in win.changes_status.text()
