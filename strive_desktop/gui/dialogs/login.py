"""The login before the data folder opens: name + password, or on a new folder (or one from
before encryption) the first administrator's account (name, password, repeat).

The password KDF (scrypt, :mod:`storage.vault`) takes a noticeable moment on an old laptop:
it runs on a worker thread while the dialog shows "Checking…", so the window never freezes.
With STRIVE_PASSWORD set (scripts, the test suite) that password is tried first without asking.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...errors import UserError
from ...storage import cipher
from ...storage.datafolder import DataFolder
from ...storage.vault import MIN_PASSWORD, Vault, WrongPassword, key_from_environment
from .. import theme
from ..context import user_text
from ..i18n import gui_settings

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class CheckingDialog(QDialog):
    """A dialog whose slow check (the password KDF) runs on a worker thread while it shows
    "Checking…" in its ``error`` label: the window never freezes. Subclasses name their inputs
    (disabled meanwhile) and handle the outcome or the refusal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker: threading.Thread | None = None
        self._outcome: Any = None
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setObjectName("error")
        self.error.setStyleSheet(theme.ERROR_STYLE)
        self.error.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._poll)

    def _inputs(self) -> list[QWidget | None]:
        raise NotImplementedError

    def _succeeded(self, outcome: Any) -> None:
        raise NotImplementedError

    def _refused(self, exc: UserError) -> None:
        self.show_error(user_text(exc))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def check(self, work: Callable[[], Any]) -> None:
        """Run *work* on a worker thread; its result goes to ``_succeeded``, a UserError to
        ``_refused``, anything else is raised on the GUI thread."""
        self._outcome = None

        def run() -> None:
            try:
                self._outcome = (True, work())
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
                self._outcome = (False, exc)

        self._set_busy(True)
        self._worker = threading.Thread(target=run, name="strive-login", daemon=True)
        self._worker.start()
        self._timer.start()

    def _set_busy(self, busy: bool) -> None:
        for w in self._inputs():
            if w is not None:
                w.setEnabled(not busy)
        if busy:
            self.error.setText(translate("LoginDialog", "Checking…"))
            self.error.setStyleSheet("")
            self.error.show()
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.error.setStyleSheet(theme.ERROR_STYLE)
            self.unsetCursor()

    def _poll(self) -> None:
        if self._worker is None or self._worker.is_alive():
            return
        self._timer.stop()
        self._worker = None
        self._set_busy(False)
        if self._outcome is None:
            return
        ok, value = self._outcome
        if ok:
            self._succeeded(value)
        elif isinstance(value, UserError):
            self._refused(value)
        else:
            raise value

    def wait(self) -> None:
        """Block until a started check is over (tests)."""
        if self._worker is not None:
            self._worker.join()
        self._poll()


class LoginDialog(CheckingDialog):
    """Asks for a name and password; ``result_key`` and ``account`` are set on accept."""

    def __init__(self, folder: DataFolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.vault = Vault(folder)
        self.first = not self.vault.exists()
        self.account = ""
        self.result_key: bytes | None = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.name_label, self.password_label, self.repeat_label = QLabel(), QLabel(), QLabel()
        for label, field in ((self.name_label, self.name), (self.password_label, self.password),
                             (self.repeat_label, self.repeat)):
            label.setBuddy(field)
            form.addRow(label, field)
        layout.addLayout(form)
        self.repeat.setVisible(self.first)
        self.repeat_label.setVisible(self.first)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.forgot: QPushButton | None = None
        # every password forgotten, or the key file lost: headquarters' recovery file (docs/recovery.md)
        db = folder.db_path
        if not self.first or (db.is_file() and db.stat().st_size > 0 and not cipher.is_plain(db)):
            self.forgot = QPushButton(self)
            self.forgot.setFlat(True)
            self.forgot.setCursor(Qt.CursorShape.PointingHandCursor)
            self.forgot.clicked.connect(self.recover)
            layout.addWidget(self.forgot, 0, Qt.AlignmentFlag.AlignLeft)
        self._retranslate()
        last = str(gui_settings(folder.root).value("login/last_user", "") or "")
        users = [] if self.first else self.vault.users()
        self.name.setText(last if any(u.casefold() == last.casefold() for u in users)
                          else (users[0] if len(users) == 1 else ""))
        (self.password if self.name.text() else self.name).setFocus()

    def _retranslate(self) -> None:
        if self.first:
            self.intro.setText(self.tr(
                "Create the administrator's account. The data on this computer is encrypted: "
                "without a name and password nobody can read it. Choose a password of at least "
                "{n} characters and keep it safe.").format(n=MIN_PASSWORD))
        else:
            self.intro.setText(self.tr("Log in with your name and password."))
        self.name_label.setText(self.tr("&Name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.repeat_label.setText(self.tr("&Repeat the password:"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Create the account") if self.first else self.tr("&Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        if self.forgot is not None:
            self.forgot.setText(self.tr("Forgot every password?"))

    def recover(self) -> None:
        """Open with headquarters' recovery file instead (a new administrator password)."""
        from .recovery import RecoveryDialog

        dialog = RecoveryDialog(self.folder, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_key is not None:
                self.account, self.result_key = dialog.account, dialog.result_key
                gui_settings(self.folder.root).setValue("login/last_user", self.account)
                self.accept()
        finally:
            dialog.deleteLater()

    def submit(self) -> None:
        if self._worker is not None:
            return
        name, password = self.name.text().strip(), self.password.text()
        if not name:
            self.show_error(self.tr("Enter your name."))
            self.name.setFocus()
            return
        if self.first and password != self.repeat.text():
            self.show_error(self.tr("The two passwords are not the same."))
            self.repeat.setFocus()
            return
        work: Callable[[], bytes] = ((lambda: self.vault.create(name, password)) if self.first
                                     else (lambda: self.vault.unlock(name, password)))
        self._start(name, work)

    def _start(self, name: str, work: Callable[[], bytes]) -> None:
        self.check(lambda: (name, work()))

    def _inputs(self) -> list[QWidget | None]:
        return [self.name, self.password, self.repeat, self.buttons, self.forgot]

    def _succeeded(self, outcome: Any) -> None:
        self.account, self.result_key = outcome
        gui_settings(self.folder.root).setValue("login/last_user", self.account)
        self.accept()

    def _refused(self, exc: UserError) -> None:
        if isinstance(exc, WrongPassword):
            self.show_error(self.tr("Wrong name or password."))
            self.password.selectAll()
            self.password.setFocus()
        else:
            self.show_error(user_text(exc))


def login(parent: QWidget | None, data_dir: Path) -> tuple[str, bytes] | None:
    """(account, database key) for *data_dir*, or None when the user cancelled.

    STRIVE_PASSWORD (with STRIVE_USER, else the first account) is tried first; a wrong one
    falls back to asking.
    """
    folder = DataFolder(Path(data_dir)).ensure()
    from ...storage.vault import environment_password

    if environment_password() is not None:
        try:
            return key_from_environment(folder)
        except WrongPassword:
            pass
    dialog = LoginDialog(folder, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_key is None:
            return None
        return dialog.account, dialog.result_key
    finally:
        dialog.deleteLater()
