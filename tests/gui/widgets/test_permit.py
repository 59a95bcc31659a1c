"""What a role may not do is disabled in the window with the reason as its tooltip
(gui/widgets/permit.py on the People, Plans and Sync pages and the Data menu)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.services import accounts, installation, rosters
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.storage.vault import Vault

NOOKAT = community_id("nookat")


@pytest.fixture
def trainer(tmp_path: Path) -> Iterator[Store]:
    folder = DataFolder(tmp_path / "office").ensure()
    key = Vault(folder).create("Aida", "first-pass-1")
    st = open_store(folder.root, key=key, account="Aida")
    installation.init_installation(st, name="Nookat office", community=NOOKAT, user_name="Aida")
    accounts.login(st, "Aida")
    rosters.add_person(st, rosters.PersonInput(full_name="Айгүл Осмонова", sex="f", sector="youth",
                                               community_id=NOOKAT), allow_duplicate=True)
    accounts.add_account(st, "Bakyt", "trainer", "trainer-pass", "trainer-pass")
    st.close()
    st = open_store(folder.root, key=Vault(folder).unlock("Bakyt", "trainer-pass"), account="Bakyt")
    yield st
    st.close()


def test_a_trainer_sees_why_roster_plan_sync_and_key_actions_are_off(qtbot, trainer: Store) -> None:
    win = MainWindow(trainer.folder.root, AppContext(trainer, "en"))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    assert accounts.current(trainer).role.value == "trainer"  # the window logged Bakyt in
    rosters_reason = "Only staff and administrators may change rosters."
    people = win.show_page("people")
    qtbot.waitUntil(lambda: people.model.rowCount() == 1, timeout=10_000)
    assert not people.add_button.isEnabled() and people.add_button.toolTip() == rosters_reason
    assert not people.edit_button.isEnabled() and people.history_button.isEnabled()
    assert not win.import_roster_action.isEnabled() and win.import_roster_action.toolTip() == rosters_reason
    assert win.import_attendance_action.isEnabled()
    sync = win.show_page("sync")
    assert not sync.import_button.isEnabled()
    assert sync.import_button.toolTip() == "Only staff and administrators may send or receive packages."
    assert not sync.key_hint_button.isEnabled()
    sync.wait_for_state()  # still so once the page's lists have come from the worker thread
    assert not sync.import_button.isEnabled() and not sync.key_hint_button.isEnabled()
    plans = win.show_page("plans")
    assert not plans.approve_button.isEnabled()
