"""The idle lock (gui/dialogs/idle_lock.py) and the Users box of Settings (gui/pages/users.py),
on an encrypted data folder with accounts, as a user sees them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.idle_lock import IdleLock, LockCover
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.pages.users import AccountDialog, UsersDialog
from strive_desktop.services import accounts, installation
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.storage.vault import Vault

PW = "first-pass-1"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    folder = DataFolder(tmp_path / "office").ensure()
    key = Vault(folder).create("Aida", PW)
    st = open_store(folder.root, key=key, account="Aida")
    installation.init_installation(st, name="Nookat office", community=community_id("nookat"), user_name="Aida")
    accounts.login(st, "Aida")
    yield st
    st.close()


def _window(qtbot, store: Store) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(store.folder.root, AppContext(store, "en"))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    return win


def test_the_lock_covers_the_window_and_a_dialog_and_keeps_what_was_typed(qtbot, office: Store) -> None:
    win = _window(qtbot, office)
    lock = IdleLock(win.ctx, win)
    assert lock.timer.isActive() and lock.timer.interval() == 15 * 60_000
    page = win.show_page("people")
    page.filter.setText("Айгүл")
    dialog = QDialog(win)
    typed = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(typed)
    dialog.show()
    qtbot.keyClicks(typed, "half-typed note")
    lock.lock()
    covers = lock.covers
    assert {c.parentWidget() for c in covers} == {win, dialog} and all(c.isVisible() for c in covers)
    assert all(isinstance(c, LockCover) and c.geometry() == c.parentWidget().rect() for c in covers)
    qtbot.keyClicks(typed, "xyz")  # aimed past the cover: swallowed
    assert typed.text() == "half-typed note"
    box = lock.prompt_cover()
    assert box is not None and box.password is not None
    box.password.setText("wrong")
    lock.try_unlock()
    qtbot.waitUntil(lambda: "Wrong name or password." in box.message.text(), timeout=10_000)
    assert lock.locked
    box.password.setText(PW)
    box.unlock_button.click()
    qtbot.waitUntil(lambda: not lock.locked, timeout=10_000)
    assert typed.text() == "half-typed note" and page.filter.text() == "Айгүл" and dialog.isVisible()
    qtbot.keyClicks(typed, "!")
    assert typed.text() == "half-typed note!"
    assert lock.timer.isActive()
    dialog.close()


def test_the_admin_adds_an_account_in_settings_and_a_staff_member_sees_no_users(qtbot, office: Store,
                                                                              monkeypatch) -> None:
    win = _window(qtbot, office)
    settings = win.show_page("settings")
    users = settings.users
    assert "Aida" in users.me_label.text() and users.manage_button.isEnabled()
    dialog = UsersDialog(win.ctx, win)
    qtbot.addWidget(dialog)
    add = AccountDialog(win.ctx, dialog)
    qtbot.addWidget(add)
    add.show()
    add.name.setText("Bakyt")
    add.role.setCurrentIndex(add.role.findData("staff"))
    add.password.setText("staff-pass-1")
    add.repeat.setText("staff-pass-2")
    add.save()
    assert add.errors["repeat"].isVisible() and "not the same" in add.errors["repeat"].text()
    add.repeat.setText("staff-pass-1")
    add.save()
    assert add.result() == QDialog.DialogCode.Accepted
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["Aida", "Bakyt"]
    dialog.table.selectRow(0)
    dialog.role_box.setCurrentIndex(dialog.role_box.findData("staff"))
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda *a: shown.append(a[2]))
    shown: list[str] = []
    dialog._role_chosen(0)  # the last administrator may not become staff
    assert shown and "last administrator" in shown[0]
    assert accounts.current(office).role.value == "office_admin"
    # Bakyt, staff, logged in: no accounts button, no restore, the completion rule read-only.
    office.account = None
    accounts.login(office, "Bakyt")
    settings.refresh()
    assert not users.manage_button.isEnabled()
    assert users.manage_button.toolTip() == "Only an administrator may manage users."
    assert not settings.restore_button.isEnabled() and not settings.completion.isEnabled()
    assert settings.restore_button.toolTip() == "Only an administrator may restore a backup."
    assert users.idle_minutes.isEnabled() is False
