"""Recovery through headquarters (docs/recovery.md), in the window.

* At the field office, from the login dialog ("Forgot every password?"): :class:`RecoveryDialog`
  takes headquarters' recovery file, the code read out on the phone, and an administrator's
  name and new password (twice); the recovery (scrypt, a new key slot, the audit entry) runs on
  a worker thread while the dialog shows "Checking…", and the dialog ends logged in.
* At headquarters, on the Sync page's installations list: :func:`write_recovery_file_for`
  writes an office's recovery file and shows its one-time code once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...formatting import fmt_date
from ...storage.datafolder import DataFolder
from ..widgets import file_dialogs
from .login import CheckingDialog

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

FILE_SUFFIX = ".striverecovery"


class RecoveryDialog(CheckingDialog):
    """Opens the data folder with a recovery file; ``account`` and ``result_key`` are set on accept."""

    def __init__(self, folder: DataFolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.account = ""
        self.result_key: bytes | None = None
        self.setWindowTitle(self.tr("Open with a recovery file"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self.tr(
            "If nobody at this office knows a password any more, headquarters can help: it writes a "
            "recovery file for this office and reads a recovery code out to you on the phone. Choose "
            "the file, type the code, and set a new password for an administrator. All data is kept."), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.file = QLineEdit(self)
        self.browse = QPushButton(self.tr("C&hoose…"), self)
        self.browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.browse)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        self.name = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self._label(self.tr("Recovery &file:"), self.file), file_row)
        form.addRow(self._label(self.tr("Recovery &code:"), self.code), self.code)
        form.addRow(self._label(self.tr("&Administrator's name:"), self.name), self.name)
        form.addRow(self._label(self.tr("&New password:"), self.password), self.password)
        form.addRow(self._label(self.tr("&Repeat the password:"), self.repeat), self.repeat)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Open and log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def choose_file(self) -> None:
        path = file_dialogs.open_file_name(
            self, self.tr("Recovery file"), "keys",
            self.tr("STRIVE recovery files (*{suffix});;All files (*)").format(suffix=FILE_SUFFIX))
        if path:
            self.file.setText(path)

    def submit(self) -> None:
        if self._worker is not None:
            return
        path = self.file.text().strip()
        if not path:
            self.show_error(self.tr("Choose the recovery file from headquarters."))
            self.file.setFocus()
            return
        if not self.name.text().strip():
            self.show_error(self.tr("Enter the administrator's name."))
            self.name.setFocus()
            return
        if self.password.text() != self.repeat.text():
            self.show_error(self.tr("The two passwords are not the same."))
            self.repeat.setFocus()
            return
        args = (self.folder.root, Path(path), self.code.text(), self.name.text(), self.password.text(),
                self.repeat.text())

        def work() -> Any:
            from ...services.recovery import recover

            return recover(*args, lock=False)  # the app holds the folder's lock already (before the login)

        self.check(work)

    def _inputs(self) -> list[QWidget | None]:
        return [self.file, self.browse, self.code, self.name, self.password, self.repeat, self.buttons]

    def _succeeded(self, outcome: Any) -> None:
        self.account, self.result_key = outcome.account, outcome.key
        self.accept()


def write_recovery_file_for(parent: QWidget, ctx: Any, installation_id: str, name: str) -> Path | None:
    """Headquarters: ask where, write the recovery file of *installation_id*, show its code once."""
    from ...sync.recovery import write_recovery_file

    title = translate("Recovery", "Recovery file")
    path = file_dialogs.save_file_name(
        parent, title, "keys", f"strive-recovery-{installation_id[:8]}{FILE_SUFFIX}",
        translate("Recovery", "STRIVE recovery files (*{suffix})").format(suffix=FILE_SUFFIX))
    if not path:
        return None
    res = ctx.call(parent, write_recovery_file, ctx.store, installation_id, Path(path))
    if res is None:
        return None
    box = QMessageBox(QMessageBox.Icon.Information, title, translate(
        "Recovery", "The recovery file for {name} was written to:\n{path}\n\nIt is valid until {date}. "
        "Give it to the office (USB stick, e-mail). Read this code out to the office by phone only; it "
        "is shown now and never again:").format(name=name, path=res.path, date=fmt_date(res.expires_at.date(), ctx.lang)),
        QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(res.code)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    return Path(res.path)
