"""The Users section of Settings: who may log in to this installation, and with which role.

Everyone sees their own account and may change their own password; an administrator also sees
every account and adds one (name, role, password twice), resets a forgotten password, changes a
role and deactivates an account. The services refuse the rest (the last administrator cannot
be deactivated or demoted); their messages are shown plainly or under the dialog's fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.roles import ROLE_LABELS, Permission, Role, roles_for
from ...errors import ValidationError
from ...i18n import CONTEXT
from ...services import accounts
from .. import theme
from ..ops import Table
from ..widgets.permit import guard

if TYPE_CHECKING:
    from ..context import AppContext


def role_label(role: Role) -> str:
    return QCoreApplication.translate(CONTEXT, ROLE_LABELS[role])


class AccountDialog(QDialog):
    """A new account (name, role, password twice), or a new password for *name* (reset), or
    one's own new password (*own*: the old one asked first)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, name: str | None = None,
                 own: bool = False) -> None:
        super().__init__(parent)
        self.ctx, self.reset_name, self.own = ctx, name, own
        self.setWindowTitle(self.tr("Change my password") if own else
                            self.tr("New password for {name}").format(name=name) if name else
                            self.tr("New account"))
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        self.errors: dict[str, QLabel] = {}
        self.name = QLineEdit(self)
        self.name.setMaxLength(100)
        self.role = QComboBox(self)
        for role in roles_for(ctx.is_hq):
            self.role.addItem(role_label(role), role.value)
        self.role.setCurrentIndex(self.role.findData(Role.STAFF.value))
        self.old = QLineEdit(self)
        self.password = QLineEdit(self)
        self.repeat = QLineEdit(self)
        for edit in (self.old, self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        if name is None and not own:
            self._row(self.tr("&Name:"), self.name, "name")
            self._row(self.tr("&Role:"), self.role, "role")
        else:
            self.name.hide()
            self.role.hide()
        if own:
            self._row(self.tr("&Current password:"), self.old, "old")
        else:
            self.old.hide()
        self._row(self.tr("&Password:"), self.password, "password")
        self._row(self.tr("R&epeat it:"), self.repeat, "repeat")
        hint = QLabel(self.tr("The password opens the encrypted data: keep it safe. An administrator "
                              "can set a new one if it is forgotten."), self)
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.result_info: accounts.AccountInfo | None = None

    def _row(self, label: str, field: QWidget, key: str) -> None:
        form = self.layout()
        assert isinstance(form, QFormLayout)
        form.addRow(label, field)
        error = QLabel(self)
        error.setStyleSheet(theme.ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        form.addRow("", error)
        self.errors[key] = error

    def _show(self, exc: ValidationError) -> None:
        from ..context import render_message

        for key, label in self.errors.items():
            msg = exc.errors.get(key) or (exc.errors.get("user") if key == "name" else None)
            label.setVisible(msg is not None)
            label.setText(render_message(msg) if msg is not None else "")
        self.adjustSize()  # room for the messages: nothing below them is cut

    def save(self) -> None:
        try:
            with self.ctx.ops.action(self, passthrough=(ValidationError,)) as act:
                if self.own:
                    accounts.change_own_password(self.ctx.store, self.old.text(), self.password.text(),
                                                 self.repeat.text())
                elif self.reset_name is not None:
                    accounts.reset_password(self.ctx.store, self.reset_name, self.password.text(),
                                            self.repeat.text())
                else:
                    self.result_info = accounts.add_account(self.ctx.store, self.name.text(),
                                                            str(self.role.currentData()),
                                                            self.password.text(), self.repeat.text())
        except ValidationError as exc:
            self._show(exc)
            return
        if act.ok:
            self.accept()


class UsersSection(QWidget):
    """Settings' Users box: who is logged in, their own password, the idle lock, and (for an
    administrator) the button to the accounts (:class:`UsersDialog`)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.me_label = QLabel(self)
        self.me_label.setWordWrap(True)
        v.addWidget(self.me_label)
        row = QHBoxLayout()
        self.own_button = QPushButton(self.tr("Change &my password…"), self)
        self.own_button.clicked.connect(self.change_own_password)
        self.manage_button = QPushButton(self.tr("&Accounts…"), self)
        self.manage_button.setToolTip(self.tr("Add accounts, reset a forgotten password, change a role, "
                                              "deactivate an account"))
        self.manage_button.clicked.connect(self.manage)
        row.addWidget(self.own_button)
        row.addWidget(self.manage_button)
        row.addStretch(1)
        v.addLayout(row)
        idle = QHBoxLayout()
        idle_label = QLabel(self.tr("Loc&k the window after"), self)
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(*accounts.IDLE_RANGE)
        self.idle_minutes.setMinimumWidth(80)
        self.idle_minutes.editingFinished.connect(self.save_idle)
        idle_label.setBuddy(self.idle_minutes)
        self.idle_tail = QLabel(self.tr("minutes without use."), self)
        idle.addWidget(idle_label)
        idle.addWidget(self.idle_minutes)
        idle.addWidget(self.idle_tail, 1)
        v.addLayout(idle)
        v.addStretch(1)
        ctx.changed.connect(lambda changes: changes.touches(Table.ACCOUNTS) and self.refresh())
        # Not filled here: the Settings page's refresh (when it is first shown, and after a
        # change) fills it, so opening Settings reads the account and the idle lock once.

    def refresh(self) -> None:
        """Who is logged in and the idle lock; called by the Settings page's refresh."""
        store = self.ctx.store
        permits = self.ctx.permits  # kept by the window; read again after a change of accounts
        me = permits.account
        if me is None:
            self.me_label.setText(self.tr("Nobody is logged in: this data folder has no accounts yet."))
        else:
            self.me_label.setText(self.tr("You are logged in as {name} ({role}).").format(
                name=me.name, role=role_label(me.role)))
        self.own_button.setVisible(me is not None)
        self.manage_button.setVisible(me is not None)
        guard(self.manage_button, permits, Permission.MANAGE_USERS)
        self.idle_minutes.blockSignals(True)
        self.idle_minutes.setValue(accounts.idle_lock_minutes(store))
        self.idle_minutes.blockSignals(False)
        guard(self.idle_minutes, permits, Permission.SETTINGS)

    def save_idle(self) -> None:
        minutes = self.idle_minutes.value()
        if minutes == accounts.idle_lock_minutes(self.ctx.store):
            return
        with self.ctx.ops.action(self):
            accounts.set_idle_lock_minutes(self.ctx.store, minutes)
        lock = getattr(self.window(), "idle_lock", None)
        if lock is not None:
            lock.restart()

    def change_own_password(self) -> None:
        dialog = AccountDialog(self.ctx, self, own=True)
        if dialog.exec():
            QMessageBox.information(self, self.tr("Users"), self.tr("Your password was changed."))

    def manage(self) -> None:
        dialog = UsersDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()


class UsersDialog(QDialog):
    """The accounts of this installation, for an administrator (see the module's note)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Accounts"))
        self.resize(640, 380)
        a = QVBoxLayout(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("State")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection)
        a.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add account…"), self)
        self.add_button.clicked.connect(self.add_account)
        self.reset_button = QPushButton(self.tr("Reset &password…"), self)
        self.reset_button.clicked.connect(self.reset_password)
        self.role_box = QComboBox(self)
        for role in roles_for(ctx.is_hq):
            self.role_box.addItem(role_label(role), role.value)
        self.role_box.activated.connect(self._role_chosen)
        self.role_box.setToolTip(self.tr("The role of the chosen account"))
        self.deactivate_button = QPushButton(self.tr("&Deactivate"), self)
        self.deactivate_button.clicked.connect(self.deactivate)
        for w in (self.add_button, self.reset_button, self.role_box, self.deactivate_button):
            row.addWidget(w)
        row.addStretch(1)
        a.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        a.addWidget(buttons)
        self._rows: list[accounts.AccountInfo] = []
        ctx.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: object) -> None:
        if getattr(changes, "touches", lambda _t: True)(Table.ACCOUNTS):
            self.refresh()

    def refresh(self) -> None:
        self._rows = accounts.list_accounts(self.ctx.store)
        self.table.setRowCount(len(self._rows))
        for i, acc in enumerate(self._rows):
            state = self.tr("active") if acc.active else self.tr("deactivated")
            for col, text in enumerate((acc.name, role_label(acc.role), state)):
                item = QTableWidgetItem(text)
                if not acc.active:
                    item.setForeground(QColor(theme.MUTED))
                self.table.setItem(i, col, item)
        self._selection()

    def selected(self) -> accounts.AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for i, acc in enumerate(self._rows):
            if acc.name == name:
                self.table.selectRow(i)

    def _selection(self) -> None:
        acc = self.selected()
        active = acc is not None and acc.active
        self.reset_button.setEnabled(active)
        self.deactivate_button.setEnabled(active)
        self.role_box.setEnabled(active)
        if acc is not None:
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(acc.role.value)))

    def add_account(self) -> None:
        AccountDialog(self.ctx, self).exec()

    def reset_password(self) -> None:
        acc = self.selected()
        if acc is not None and AccountDialog(self.ctx, self, name=acc.name).exec():
            QMessageBox.information(self, self.tr("Accounts"),
                                    self.tr("{name} can now log in with the new password.").format(name=acc.name))

    def _role_chosen(self, _index: int) -> None:
        acc = self.selected()
        role = str(self.role_box.currentData())
        if acc is None or role == acc.role.value:
            return
        with self.ctx.ops.action(self) as act:
            accounts.set_role(self.ctx.store, acc.name, role)
        if not act.ok:
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(acc.role.value)))

    def deactivate(self) -> None:
        acc = self.selected()
        if acc is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Deactivate"),
            self.tr("Deactivate the account {name}? It can no longer log in; its name stays in the "
                    "record of changes.").format(name=acc.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.ops.action(self):
            accounts.deactivate(self.ctx.store, acc.name)
