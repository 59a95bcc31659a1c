"""Settings: the user's name, language, completion rule, users, data folder and backups.

Two tabs so that each fits 1366x705 without scrolling (Kyrgyz too): "General" (you and this
installation, the data folder, the completion rule, the users, Save) and "Certificates" (the
signers, the extra line and the logos, which save themselves). Other modules add their own
group boxes to "General" with :meth:`SettingsPage.add_section`.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.roles import Permission
from ...services import accounts, backups, installation, maintenance, preferences, trainings
from .. import theme
from ..context import AppContext
from ..i18n import LANGUAGE_NAMES, LANGUAGES, gui_settings
from ..widgets import file_dialogs
from ..widgets.certificate_settings import CertificateSettingsWidget
from ..widgets.permit import guard
from .users import UsersSection


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        title = QLabel(self.tr("Settings"), self)
        title.setStyleSheet(theme.TITLE_STYLE)
        outer.addWidget(title)
        self.tabs = QTabWidget(self)
        outer.addWidget(self.tabs, 1)
        self.scroll, body = self._tab(self.tr("General"))
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(6, 6, 6, 6)

        # -- this installation and its user ---------------------------------------------------
        you = QWidget(body)
        form = QFormLayout(you)
        self.installation_label = QLabel(you)
        self.installation_label.setWordWrap(True)
        form.addRow(self.tr("Installation:"), self.installation_label)
        self.user_name = QLineEdit(you)
        self.user_name.setMaxLength(200)
        self.user_name.setMaximumWidth(480)
        self.user_name.setPlaceholderText(self.tr("recorded with every change you make"))
        self.user_name.returnPressed.connect(self.save)
        form.addRow(self.tr("&Your name:"), self.user_name)
        self.language = QComboBox(you)
        self.language.setMinimumWidth(200)
        self.language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language_note = QLabel(self.tr("The new language is used the next time STRIVE Desktop starts."), you)
        self.language_note.setWordWrap(True)
        self.language_note.hide()
        self.language.activated.connect(self._language_chosen)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", self.language_note)
        # Two boxes side by side so that the tab fits 1366x705 without scrolling (Kyrgyz too).
        self._pair = QHBoxLayout()
        self._pair.addWidget(self._box(self.tr("You and this installation"), you), 1)
        self._layout.addLayout(self._pair)

        # -- certificates: a tab of their own, built (and read) the first time it is shown ---------
        self.certificate_scroll, self._certificate_body = self._tab(self.tr("Certificates"))
        self._certificate_settings: CertificateSettingsWidget | None = None
        self.tabs.currentChanged.connect(self._tab_shown)

        # -- trainings ------------------------------------------------------------------------------
        # One sentence on one line with the spin box inside it, then what the rule is used for.
        rule = QWidget(body)
        rv = QVBoxLayout(rule)
        line = QHBoxLayout()
        rule_label = QLabel(self.tr("A participant &completed a training after attending at least"), rule)
        self.completion = QSpinBox(rule)
        self.completion.setRange(1, 100)
        self.completion.setSuffix(" %")
        self.completion.setMinimumWidth(90)
        rule_label.setBuddy(self.completion)
        self.rule_tail = QLabel(self.tr("of its hours."), rule)
        line.addWidget(rule_label)
        line.addWidget(self.completion)
        line.addWidget(self.rule_tail)
        line.addStretch(1)
        rv.addLayout(line)
        hint = QLabel(self.tr("Used by the certificates and the dashboard on this computer."), rule)
        hint.setWordWrap(True)
        rv.addWidget(hint)
        # Trainings and Users side by side, as the two boxes above, so the tab still fits.
        self.users = UsersSection(ctx, body)
        pair = QHBoxLayout()
        pair.addWidget(self._box(self.tr("Trainings"), rule), 1)
        pair.addWidget(self._box(self.tr("Users"), self.users), 1)
        self._layout.addLayout(pair)

        # -- data ------------------------------------------------------------------------------------
        data = QWidget(body)
        v = QVBoxLayout(data)
        self.folder_label = QLabel(data)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        where = QLabel(self.tr("All data is kept in this folder (database, backups, logs):"), data)
        where.setWordWrap(True)
        v.addWidget(where)
        v.addWidget(self.folder_label)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open folder"), data)
        self.open_button.clicked.connect(self.open_folder)
        self.backup_button = QPushButton(self.tr("&Back up now…"), data)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("&Restore from a backup…"), data)
        self.restore_button.clicked.connect(self.restore_dialog)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self.backup_label = QLabel(data)
        self.backup_label.setWordWrap(True)
        v.addWidget(self.backup_label)
        v.addStretch(1)
        self._pair.addWidget(self._box(self.tr("Data folder"), data), 1)
        # The button saves your name and the rule (the language and the other sections save
        # themselves): at the right under the last box, as OK/Save are in the dialogs.
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save settings"), body)
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel(body)
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.saved_label, 1)
        row.addWidget(self.save_button)
        self._layout.addLayout(row)
        self._layout.addStretch(1)
        self._sections_done = True
        self._loaded: tuple[str, int] = ("", 0)
        #: Called after a restore to start the app again on the restored database.
        self.restart: Callable[[], None] = restart_app

    # -- public API ---------------------------------------------------------------------------------
    def add_section(self, title: str, widget: QWidget) -> QGroupBox:
        """Add a titled group box with *widget* (used by other modules, e.g. certificates)."""
        box = self._box(title, widget)
        if getattr(self, "_sections_done", False):  # above the Save button row and the stretch
            self._layout.insertWidget(self._layout.count() - 2, box)
        else:
            self._layout.addWidget(box)
        return box

    @property
    def certificate_settings(self) -> CertificateSettingsWidget:
        """The Certificates tab's settings (built on first use: opening the page does not read them)."""
        if self._certificate_settings is None:
            body = self._certificate_body
            cv = QVBoxLayout(body)
            cv.setContentsMargins(6, 6, 6, 6)
            self._certificate_settings = CertificateSettingsWidget(self.ctx, body)
            box = self._box(self.tr("Certificates"), self._certificate_settings)
            cv.addWidget(box)
            cv.addStretch(1)
            box.show()  # at once, not at the next turn of the event loop (the tab may be showing)
        return self._certificate_settings

    def _tab_shown(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.certificate_scroll:
            self.certificate_settings  # noqa: B018 - built when first shown

    def show_section(self, widget: QWidget) -> None:
        """Bring the tab holding *widget* to the front and scroll it into view."""
        for scroll in (self.scroll, self.certificate_scroll):
            if scroll.widget().isAncestorOf(widget):
                self.tabs.setCurrentWidget(scroll)
                scroll.ensureWidgetVisible(widget)

    def _tab(self, title: str) -> tuple[QScrollArea, QWidget]:
        """A tab with a scroll area (it needs no scrolling at 1366x705; a smaller screen may)."""
        scroll = QScrollArea(self.tabs)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        self.tabs.addTab(scroll, title)
        return scroll, body

    def _box(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        lay = QVBoxLayout(box)
        lay.addWidget(widget)
        return box

    def refresh(self) -> None:
        self.ctx.reload_info()
        info = self.ctx.info
        where = self.tr("headquarters") if info.is_hq else self._community_name(info.community_id)
        self.installation_label.setText(f"{info.name} — {where}" if where else info.name)
        account = self.ctx.store.account
        # Logged in: changes are recorded under the account, not a typed name.
        self.user_name.setText(account or info.user_name)
        self.user_name.setReadOnly(bool(account))
        self.user_name.setToolTip(self.tr("Changes are recorded under the account you logged in with.")
                                  if account else "")
        share = trainings.completion_rule(self.ctx.store).min_share
        self.completion.setValue(round(share * 100))
        self._loaded = (self.user_name.text(), self.completion.value())
        permits = self.ctx.permits
        guard(self.completion, permits, Permission.SETTINGS)
        guard(self.restore_button, permits, Permission.RESTORE)
        guard(self.backup_button, permits, Permission.BACKUP)
        self.users.refresh()
        if self._certificate_settings is not None:  # not built yet: it reads them when first shown
            self._certificate_settings.load()  # headquarters' settings may have come with a return package
        saved = gui_settings(self.data_dir()).value("language", self.ctx.lang)
        i = self.language.findData(saved)
        self.language.setCurrentIndex(i if i >= 0 else 0)
        self.folder_label.setText(str(self.data_dir()))

    def _community_name(self, cid: str | None) -> str:
        for c in installation.list_communities(self.ctx.store):
            if c.id == cid:
                return c.name(self.ctx.lang)
        return ""

    def data_dir(self) -> Path:
        return self.ctx.store.folder.root

    def has_unsaved(self) -> bool:
        return (" ".join(self.user_name.text().split()), self.completion.value()) != self._loaded

    def save(self) -> bool:
        name = " ".join(self.user_name.text().split())
        share = self.completion.value()
        with self.ctx.ops.action(self) as act:
            preferences.save_preferences(self.ctx.store, user_name=name if name != self._loaded[0] else None,
                                         completion_share=share / 100 if share != self._loaded[1] else None)
        if not act.ok:
            return False
        self._loaded = (name, share)
        self.ctx.reload_info()
        self.saved_label.setText(self.tr("Saved."))
        return True

    def _language_chosen(self, _index: int) -> None:
        lang = self.language.currentData()
        gui_settings(self.data_dir()).setValue("language", lang)
        self.language_note.setVisible(lang != self.ctx.lang)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir())))

    def backup_now(self) -> None:
        encrypted = self.ctx.store.cipher_key is not None
        suffix = ".strivebak" if encrypted else ".sqlite3"
        default = f"strive-backup-{dt.datetime.now():%Y%m%d-%H%M}{suffix}"
        path = file_dialogs.save_file_name(self, self.tr("Back up the database to"), "backup", default,
                                           self.tr("Encrypted STRIVE backup (*.strivebak)") if encrypted
                                           else self.tr("STRIVE backup (*.sqlite3)"))
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> None:
        """Write the backup off the GUI thread and say where it went."""
        folder = self.ctx.store.folder

        def done(out: Path) -> None:
            self.backup_label.setText(self.tr("Backup written to {path}").format(path=out))
            QMessageBox.information(self, self.tr("Backup"), self.tr("Backup written to {path}").format(path=out))

        store = self.ctx.store

        def work(job: Any) -> Path:
            if store.cipher_key is None:
                return maintenance.backup(folder, path, None)
            # the whole folder, encrypted, read back and checked (services/backups.py)
            return backups.write_backup(store, path, progress=job.progress.emit).path

        self.ctx.run_in_background(self, self.tr("Writing the backup…"), work, done)

    # -- restore ------------------------------------------------------------------------------------
    def restore_dialog(self) -> None:
        folder = self.ctx.store.folder
        path = file_dialogs.open_file_name(self, self.tr("Restore the database from"), "backup",
                                           self.tr("STRIVE backup (*.strivebak *.sqlite3)"), folder.backups)
        if path and self.confirm_restore(Path(path)):
            self.restore_from(Path(path))

    def confirm_restore(self, source: Path) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore from a backup"),
                          self.tr("Replace all the data of this installation with the backup {file}?\n\n"
                                  "Everything entered since that backup was made is replaced. The "
                                  "current database is kept in the backups folder, and STRIVE "
                                  "Desktop starts again.").format(file=source.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def restore_from(self, source: Path, password: str | None = None) -> bool:
        """Close the store, restore *source* (the current database kept in backups/), then start
        the app again; if the restore is refused the store is opened again and nothing changed.
        An encrypted backup is opened with the password of the logged-in account in that backup
        (asked here unless given)."""
        from filelock import FileLock, Timeout

        from ...storage.db import open_store

        store = self.ctx.store
        folder, key, account = store.folder, store.cipher_key, store.account
        encrypted = backups.is_backup_file(source)
        if encrypted:
            if password is None:
                password, ok = QInputDialog.getText(
                    self, self.tr("Restore from a backup"),
                    self.tr("The password of {name} in this backup:").format(name=account or ""),
                    QLineEdit.EchoMode.Password)
                if not ok:
                    return False
            installation_id = self.ctx.info.id
        store.close()  # no connection and no lock of ours on the file being replaced
        lock = FileLock(str(folder.lock_path), timeout=0)
        try:
            lock.acquire()
        except Timeout:  # pragma: no cover - someone took the folder in the moment it was free
            self.ctx.store = open_store(folder.root, key=key, account=account)
            return False
        try:
            if encrypted:
                aside = backups.restore_backup(folder, source, account or "", password or "",
                                               current_installation=installation_id)
            else:
                aside = maintenance.restore(folder, source, key)
        except Exception as exc:  # noqa: BLE001 - refused (shown plainly) or a bug (apologised for)
            lock.release()
            self.ctx.store = open_store(folder.root, key=key, account=account)
            if account:
                accounts.login(self.ctx.store, account)
            self.ctx.reload_info()
            self.ctx.show_error(self, exc)
            return False
        lock.release()
        # Nothing of this window may write to the restored file while the message is shown
        # (autosave, delivery): its timers stop; the new process starts them again.
        for timer in self.window().findChildren(QTimer):
            timer.stop()
        QMessageBox.information(self, self.tr("Restore from a backup"),
                                self.tr("The backup was restored. The replaced database was kept as "
                                        "{path}.\n\nSTRIVE Desktop starts again now.").format(path=aside))
        self.restart()
        return True


def restart_app() -> None:
    """Start a new process of the app with the same arguments and leave this one (its store is
    already closed, so the new one can take the data folder)."""
    from PySide6.QtWidgets import QApplication

    args = sys.argv[1:] if getattr(sys, "frozen", False) else list(sys.argv)
    QProcess.startDetached(sys.executable, args)
    QApplication.exit(0)
