"""The guided first week on a new office's dashboard (issue 16 point 3): the next steps with a
button each, ticked off as they are done, gone once all are done; never at headquarters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.pages.dashboard import DashboardPage
from strive_desktop.services import rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, keys

NOOKAT = community_id("nookat")


def _dashboard(qtbot, store: Store) -> DashboardPage:  # type: ignore[no-untyped-def]
    page = DashboardPage(AppContext(store, "en"))
    qtbot.addWidget(page)
    page.resize(1366, 705)
    page.show()
    page.refresh()
    page.wait_for_figures()
    return page


def _ticked(page: DashboardPage) -> list[str]:
    return [k for k, mark in page.first_week.marks.items() if mark.text() == "✓"]


def test_the_steps_are_ticked_off_one_by_one_then_the_panel_goes(qtbot, store: Store, hq_store: Store,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path) -> None:
    page = _dashboard(qtbot, store)
    panel = page.first_week
    assert panel.isVisible()
    assert panel.title.text() == "Your first week: 0 of 5 steps done"
    assert [b.text() for b in panel.buttons.values()] == [
        "Create the group", "Add members", "Add a training", "Mark attendance", "Send to headquarters"]
    assert all(b.isVisible() for b in panel.buttons.values())

    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    page.refresh()
    page.wait_for_figures()
    assert _ticked(page) == ["group"] and not panel.buttons["group"].isVisible()
    res = rosters.add_person(store, rosters.PersonInput("Асанова Айгүл", "f", "women", NOOKAT), group_id=gid)
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 12, 1), 3)]))
    page.refresh()
    page.wait_for_figures()
    assert _ticked(page) == ["group", "members", "training"]
    assert panel.title.text() == "Your first week: 3 of 5 steps done"
    session = trainings.get_training(store, tid).sessions[0].id
    trainings.record_attendance(store, session, res.person_id, True)
    keys.import_hq_key(store, keys.export_hq_key(hq_store, tmp_path))
    page.refresh()
    page.wait_for_figures()
    assert _ticked(page) == ["group", "members", "training", "attendance"] and panel.isVisible()
    export.export(store)
    page.refresh()
    page.wait_for_figures()
    assert not panel.isVisible()


def test_a_step_button_opens_its_page(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(store.folder.root, AppContext(store, "en"))
    qtbot.addWidget(win)
    win.show()
    dash = win.show_page("dashboard")
    assert isinstance(dash, DashboardPage)
    dash.refresh()
    dash.wait_for_figures()
    dash.first_week.buttons["training"].click()
    assert win.page_key() == "trainings"
    win.show_page("dashboard")
    dash.first_week.buttons["export"].click()
    assert win.page_key() == "sync" and type(win.current_page()).__name__ == "SyncPage"


def test_headquarters_has_no_first_week(qtbot, hq_store: Store) -> None:  # type: ignore[no-untyped-def]
    page = _dashboard(qtbot, hq_store)
    assert not page.first_week.isVisible()
