"""'Forgot every password?' in the login dialog and the recovery dialog (gui/dialogs/recovery.py),
as an office meets them with headquarters' recovery file and code."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from strive_desktop.gui.dialogs.login import LoginDialog
from strive_desktop.gui.dialogs.recovery import RecoveryDialog
from strive_desktop.services import accounts, installation, rosters
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.vault import Vault
from strive_desktop.sync.recovery import RecoveryFileResult, write_recovery_file
from tests.conftest import link, person

SCREEN_W, SCREEN_H, TITLE_BAR = 1366, 705, 32


@pytest.fixture
def forgotten(store: Store, hq_store: Store, tmp_path: Path) -> tuple[DataFolder, RecoveryFileResult, str]:
    """An office known at headquarters whose every password is forgotten; headquarters' file."""
    pid = person(store, "Жылдыз Сатыбалдиева")
    link(store, hq_store, tmp_path)
    office_id = installation.get_installation(store).id
    folder, key = store.folder, store.key
    store.close()
    vault = Vault(folder)
    for user in vault.users():
        vault.add_slot(key, user, secrets.token_hex(16))
    return folder, write_recovery_file(hq_store, office_id, tmp_path / "office.striverecovery"), pid


def _fill(dialog: RecoveryDialog, res: RecoveryFileResult, code: str, password: str = "жаңы-сырсөз") -> None:
    dialog.file.setText(str(res.path))
    dialog.code.setText(code)
    dialog.name.setText("Нурлан")
    dialog.password.setText(password)
    dialog.repeat.setText(password)


def test_forgot_every_password_opens_with_the_recovery_file_and_logs_in(qtbot, forgotten):
    folder, res, pid = forgotten
    login = LoginDialog(folder)
    qtbot.addWidget(login)
    assert login.forgot is not None and login.forgot.text() == "Forgot every password?"
    seen: list[str] = []

    def in_the_recovery_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RecoveryDialog)
        _fill(dialog, res, "AAAA-BBBB-CCCC-DDDD-EEEE")
        dialog.submit()
        dialog.wait()
        seen.append(dialog.error.text())
        _fill(dialog, res, res.code)
        dialog.submit()
        dialog.wait()

    QTimer.singleShot(0, in_the_recovery_dialog)
    login.forgot.click()
    assert seen and "does not fit" in seen[0]
    assert login.result() == QDialog.DialogCode.Accepted and login.account == "Нурлан"
    assert Vault(folder).unlock("нурлан", "жаңы-сырсөз") == login.result_key
    office = open_store(folder.root, key=login.result_key, account="Нурлан")
    try:
        assert accounts.login(office, "Нурлан").admin
        assert rosters.get_person(office, pid).full_name == "Жылдыз Сатыбалдиева"
    finally:
        office.close()


def test_a_foreign_or_unreadable_file_is_told_plainly_and_nothing_changes(qtbot, forgotten, tmp_path):
    folder, res, _pid = forgotten
    before = folder.root.joinpath("vault.json").read_bytes()
    dialog = RecoveryDialog(folder)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert "Choose the recovery file" in dialog.error.text()
    junk = tmp_path / "junk.striverecovery"
    junk.write_text("{}", encoding="utf-8")
    _fill(dialog, res, res.code)
    dialog.file.setText(str(junk))
    dialog.submit()
    dialog.wait()
    assert dialog.error.text() == "This is not a STRIVE recovery file."
    _fill(dialog, res, res.code)
    dialog.repeat.setText("something else")
    dialog.submit()
    assert "not the same" in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert folder.root.joinpath("vault.json").read_bytes() == before


def test_a_new_folder_offers_no_recovery(qtbot, tmp_path):
    login = LoginDialog(DataFolder(tmp_path / "new").ensure())
    qtbot.addWidget(login)
    assert login.forgot is None


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_login_and_recovery_dialogs_fit_1366x705(qtbot, language, tmp_path, lang):
    language(lang)
    folder = DataFolder(tmp_path / "office").ensure()
    Vault(folder).create("Gulnara", "secret-one")
    for w in (LoginDialog(folder), RecoveryDialog(folder)):
        qtbot.addWidget(w)
        w.show()
        QApplication.processEvents()
        for size in (w.size(), w.minimumSizeHint().expandedTo(w.minimumSize())):
            assert size.width() <= SCREEN_W and size.height() + TITLE_BAR <= SCREEN_H, (lang, size)


def test_a_lost_key_file_still_offers_the_recovery(qtbot, forgotten):
    folder, _res, _pid = forgotten
    (folder.root / "vault.json").unlink()
    login = LoginDialog(folder)
    qtbot.addWidget(login)
    assert login.first and login.forgot is not None
