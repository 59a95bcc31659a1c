"""The login before the store opens (gui/dialogs/login.py), as a user meets it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from strive_desktop.gui.app import GuiApp
from strive_desktop.gui.dialogs.login import LoginDialog, login
from strive_desktop.services import installation
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import open_store
from strive_desktop.storage.vault import Vault


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "office").ensure()


def _submit(dialog: LoginDialog) -> None:
    dialog.submit()
    dialog.wait()


def test_first_start_creates_the_admin_account_with_a_repeated_password(qtbot, folder):
    dialog = LoginDialog(folder)
    qtbot.addWidget(dialog)
    assert dialog.repeat.isVisibleTo(dialog) and "administrator" in dialog.intro.text()
    dialog.name.setText("Гүлнара")
    dialog.password.setText("secret-one")
    dialog.repeat.setText("secret-two")
    _submit(dialog)
    assert "not the same" in dialog.error.text() and not Vault(folder).exists()
    dialog.password.setText("abc")
    dialog.repeat.setText("abc")
    _submit(dialog)
    assert "at least 6 characters" in dialog.error.text() and not Vault(folder).exists()
    dialog.password.setText("secret-one")
    dialog.repeat.setText("secret-one")
    _submit(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.account == "Гүлнара"
    assert Vault(folder).unlock("гүлнара", "secret-one") == dialog.result_key


def test_a_wrong_password_is_told_plainly_and_the_right_one_opens(qtbot, folder):
    key = Vault(folder).create("Gulnara", "secret-one")
    dialog = LoginDialog(folder)
    qtbot.addWidget(dialog)
    assert not dialog.repeat.isVisibleTo(dialog)
    assert dialog.name.text() == "Gulnara"  # the only account is offered
    dialog.password.setText("secret-two")
    _submit(dialog)
    assert dialog.error.text() == "Wrong name or password."
    assert "not a database" not in dialog.error.text() and dialog.result_key is None
    dialog.password.setText("secret-one")
    _submit(dialog)
    assert dialog.result_key == key and dialog.account == "Gulnara"


def test_login_uses_the_environment_password_without_asking(qtbot, folder, monkeypatch):
    key = Vault(folder).create("Gulnara", "secret-one")
    monkeypatch.setenv("STRIVE_PASSWORD", "secret-one")
    assert login(None, folder.root) == ("Gulnara", key)


def test_the_app_opens_the_store_after_the_login_and_not_when_cancelled(qtbot, folder, monkeypatch):
    key = Vault(folder).create("Gulnara", "secret-one")
    with open_store(folder.root, key=key) as st:
        installation.init_installation(st, name="Nookat office", community="Nookat", user_name="Gulnara")
    monkeypatch.delenv("STRIVE_PASSWORD")
    monkeypatch.setattr(LoginDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    app = GuiApp(folder.root, "en")
    qtbot.addWidget(app.window)
    assert not app.open() and app.store is None
    app.close()

    def log_in(self: LoginDialog) -> QDialog.DialogCode:
        self.password.setText("secret-one")
        _submit(self)
        return QDialog.DialogCode(self.result())

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    app = GuiApp(folder.root, "en")
    qtbot.addWidget(app.window)
    try:
        assert app.open()
        assert app.store is not None and app.store.account == "Gulnara"
        assert installation.get_installation(app.store).name == "Nookat office"
    finally:
        app.close()
def test_login_dialog_in_kyrgyz(qtbot, folder, language):
    language("ky")
    dialog = LoginDialog(folder)
    qtbot.addWidget(dialog)
    dialog.resize(460, 260)
    dialog.show()
    assert dialog.name_label.text() != "&Name:"
    dialog.grab().save(str(folder.root / "login-ky.png"))
