"""The Users section of Settings: who may log in to this installation, and with which role.

Everyone sees their own account and may change their own password; an administrator also sees
every account and adds one (name, role, password twice), resets a forgotten password, changes a
role and deactivates an account. The services refuse the rest (the last administrator cannot
be deactivated or demoted); their messages are shown plainly or under the dialog's fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
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
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.roles import ROLE_LABELS, Permission, Role, roles_for
from ...errors import ValidationError
from ...i18n import CONTEXT
from ...services import accounts
from ..ops import Table
from ..widgets.permit import allowed

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
        if own:
            self._row(self.tr("&Current password:"), self.old, "old")
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
        error.setStyleSheet("color: #b00020;")
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
    """Settings' Users box (see the module's note)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.me_label = QLabel(self)
        self.me_label.setWordWrap(True)
        mine = QHBoxLayout()
        mine.addWidget(self.me_label, 1)
        self.own_button = QPushButton(self.tr("Change &my password…"), self)
        self.own_button.clicked.connect(self.change_own_password)
        mine.addWidget(self.own_button)
        v.addLayout(mine)
        self.admin = QWidget(self)
        a = QVBoxLayout(self.admin)
        a.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 3, self.admin)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("State")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMaximumHeight(170)
        self.table.itemSelectionChanged.connect(self._selection)
        a.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add account…"), self.admin)
        self.add_button.clicked.connect(self.add_account)
        self.reset_button = QPushButton(self.tr("Reset &password…"), self.admin)
        self.reset_button.clicked.connect(self.reset_password)
        self.role_box = QComboBox(self.admin)
        for role in roles_for(ctx.is_hq):
            self.role_box.addItem(role_label(role), role.value)
        self.role_box.activated.connect(self._role_chosen)
        self.role_box.setToolTip(self.tr("The role of the chosen account"))
        self.deactivate_button = QPushButton(self.tr("&Deactivate"), self.admin)
        self.deactivate_button.clicked.connect(self.deactivate)
        for w in (self.add_button, self.reset_button, self.role_box, self.deactivate_button):
            row.addWidget(w)
        row.addStretch(1)
        a.addLayout(row)
        v.addWidget(self.admin)
        self._rows: list[accounts.AccountInfo] = []
        ctx.changed.connect(lambda changes: changes.touches(Table.ACCOUNTS) and self.refresh())
        self.refresh()

    # -- state ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        store = self.ctx.store
        me = accounts.current(store)
        if me is None:
            self.me_label.setText(self.tr("Nobody is logged in: this data folder has no accounts yet."))
        else:
            self.me_label.setText(self.tr("You are logged in as {name} ({role}).").format(
                name=me.name, role=role_label(me.role)))
        self.own_button.setVisible(me is not None)
        admin = allowed(store, Permission.MANAGE_USERS) and accounts.has_accounts(store)
        self.admin.setVisible(admin)
        if not admin:
            return
        self._rows = accounts.list_accounts(store)
        self.table.setRowCount(len(self._rows))
        for i, acc in enumerate(self._rows):
            state = self.tr("active") if acc.active else self.tr("deactivated")
            for col, text in enumerate((acc.name, role_label(acc.role), state)):
                item = QTableWidgetItem(text)
                if not acc.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(i, col, item)
        self._selection()

    def selected(self) -> accounts.AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _selection(self) -> None:
        acc = self.selected()
        active = acc is not None and acc.active
        self.reset_button.setEnabled(active)
        self.deactivate_button.setEnabled(active)
        self.role_box.setEnabled(active)
        if acc is not None:
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(acc.role.value)))

    # -- actions ----------------------------------------------------------------------------------
    def add_account(self) -> None:
        AccountDialog(self.ctx, self).exec()

    def reset_password(self) -> None:
        acc = self.selected()
        if acc is not None:
            AccountDialog(self.ctx, self, name=acc.name).exec()

    def change_own_password(self) -> None:
        dialog = AccountDialog(self.ctx, self, own=True)
        if dialog.exec():
            QMessageBox.information(self, self.tr("Users"), self.tr("Your password was changed."))

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
