"""Certificates of one training: who gets one and who does not (and why), language, output, revoke."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...formatting import fmt_period
from ...services import certificates, installation
from .. import theme
from ..context import AppContext, number_text, render_message
from ..widgets import file_dialogs
from ..widgets.percent import percent

LANG_CHOICES = (("ky", "Кыргызча"), ("ru", "Русский"), ("en", "English"), ("bilingual", "Кыргызча + Русский"))
OUT_COLOUR = QColor(theme.OUT_FG)
LANG_SETTING = "certificate.last_language"  # the language chosen last time, offered first


class CertificatesDialog(QDialog):
    COL_NAME, COL_HOURS, COL_STATUS, COL_DETAIL = range(4)

    def __init__(self, ctx: AppContext, training_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.training_id = training_id
        self.setWindowTitle(self.tr("Certificates"))
        self.resize(880, 600)
        v = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.heading)
        self.counts = QLabel(self)
        v.addWidget(self.counts)

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Participant"), self.tr("Hours"), self.tr("Certificate"),
                                              self.tr("Serial number or reason")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # A reason for "no certificate" is a sentence: it wraps inside its row (rows as tall as their
        # text, kept so when the dialog is resized) rather than ending in "…"; the tooltip has it too.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(28)  # one line keeps room for the tick box
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(self.COL_NAME, QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(self.COL_HOURS, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(self.COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(self.COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(self.COL_NAME, 280)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemChanged.connect(lambda _item: self._update_counts())
        v.addWidget(self.table, 1)

        form = QFormLayout()
        self.language = QComboBox(self)
        for code, name in LANG_CHOICES:
            self.language.addItem(name, code)
        last = installation.get_setting(ctx.store, LANG_SETTING, "")
        default = last or (ctx.lang if ctx.lang in ("ky", "ru") else "ky")
        self.language.setCurrentIndex(max(0, self.language.findData(default)))
        form.addRow(self.tr("&Language:"), self.language)
        out_row = QHBoxLayout()
        self.one_pdf = QRadioButton(self.tr("One PDF for printing"), self)
        self.per_person = QRadioButton(self.tr("One PDF per person, into a folder:"), self)
        self.one_pdf.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.one_pdf)
        group.addButton(self.per_person)
        self.folder = QLineEdit(self)
        self.folder.setPlaceholderText(self.tr("choose a folder"))
        self.folder.setEnabled(False)
        self.folder_button = QPushButton(self.tr("Choose…"), self)
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.choose_folder)
        self.per_person.toggled.connect(self.folder.setEnabled)
        self.per_person.toggled.connect(self.folder_button.setEnabled)
        out_row.addWidget(self.one_pdf)
        out_row.addSpacing(16)
        out_row.addWidget(self.per_person)
        out_row.addWidget(self.folder, 1)
        out_row.addWidget(self.folder_button)
        form.addRow(self.tr("Output:"), out_row)
        v.addLayout(form)

        v.addWidget(self._signer_hint())

        buttons = QDialogButtonBox(self)
        self.revoke_button = buttons.addButton(self.tr("&Revoke…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.verify_button = buttons.addButton(self.tr("C&heck a certificate…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button.setToolTip(self.tr("Check a printed certificate against the register: "
                                              "its serial number and verification code"))
        self.verify_button.clicked.connect(self.open_verify)
        self.create_button = buttons.addButton(self.tr("&Create PDF"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        v.addWidget(buttons)
        self.batch: certificates.CertificateBatch | None = None
        self.last_written: list[Path] | None = None
        self.refresh()

    def _signer_hint(self) -> QWidget:
        """A plain note when no signer is set in Settings: the certificates would have no signature lines."""
        self.signer_hint = hint = QFrame(self)
        hint.setObjectName("signerHint")
        hint.setStyleSheet(theme.box_style("signerHint", theme.NOTE_BOX_BG, theme.NOTE_BOX_BORDER))
        row = QHBoxLayout(hint)
        row.setContentsMargins(8, 6, 8, 6)
        self.signer_hint_label = QLabel(self.tr("No signer is set: the certificates will have no signature lines. "
                                                "Set them in Settings → Certificates."), hint)
        self.signer_hint_label.setWordWrap(True)
        row.addWidget(self.signer_hint_label, 1)
        self.settings_button = QPushButton(self.tr("Open Settings"), hint)
        self.settings_button.clicked.connect(self.open_settings)
        self.settings_button.setVisible(self._main_window() is not None)
        row.addWidget(self.settings_button)
        missing = self.ctx.call(self, certificates.missing_look, self.ctx.store, self.training_id)
        hint.setVisible(missing is not None and missing[0])
        return hint

    def _main_window(self) -> QWidget | None:
        w = self.parentWidget()
        while w is not None and not hasattr(w, "show_page"):
            w = w.parentWidget()
        return w

    def open_settings(self) -> None:
        """Close this dialog and show the signers' fields on the Settings page."""
        main = self._main_window()
        if main is None:
            return
        self.reject()
        page = main.show_page("settings")
        signers = getattr(page, "certificate_settings", None)  # its tab is built when first asked for
        if signers is not None:
            page.show_section(signers)  # its tab in front, scrolled into view
            signers.names[0].setFocus()

    # -- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        batch = self.ctx.call(self, certificates.batch_preview, self.ctx.store, self.training_id)
        if batch is None:
            return
        self.batch = batch
        t = batch.training
        self.heading.setText(
            f"<b style='font-size:13pt'>{_html(t.title)}</b><br/>"
            + self.tr("{community}, {dates}, {hours} hours. A certificate needs at least {share} of the hours.")
            .format(community=_html(batch.community.name(self.ctx.lang)), dates=fmt_period(t.start, t.end, self.ctx.lang),
                    hours=number_text(t.total_hours), share=percent(batch.min_share)))
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for inc in batch.included:
            p = inc.participant
            self._add_row(p, True, self.tr("Yes"),
                          inc.serial or self.tr("new serial number when printed"))
        for exc in batch.excluded:
            self._add_row(exc.participant, False, self.tr("No"), render_message(exc.reason))
        self.table.blockSignals(False)
        # Names as wide as the longest one (within reason): the reasons get the rest of the width.
        self.table.resizeColumnToContents(self.COL_NAME)
        self.table.setColumnWidth(self.COL_NAME, min(max(self.table.columnWidth(self.COL_NAME) + 16, 180), 300))
        self._update_counts()
        self._selection_changed()

    def _add_row(self, p, included: bool, status: str, detail: str) -> None:  # type: ignore[no-untyped-def]
        r = self.table.rowCount()
        self.table.insertRow(r)
        name = QTableWidgetItem(p.full_name)
        name.setData(Qt.ItemDataRole.UserRole, p.person_id)
        if included:
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            name.setToolTip(self.tr("Untick to leave this person out of this print run."))
        hours = QTableWidgetItem(f"{number_text(p.hours_attended)} / {number_text(p.hours_total)}")
        hours.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        st = QTableWidgetItem(status)
        det = QTableWidgetItem(detail)
        det.setToolTip(detail)
        if not included:
            for item in (name, hours, st, det):
                item.setForeground(QBrush(OUT_COLOUR))
        for col, item in enumerate((name, hours, st, det)):
            self.table.setItem(r, col, item)

    def included_rows(self) -> list[str]:
        """Names of the people who get a certificate (shown in the table)."""
        return [x.participant.full_name for x in (self.batch.included if self.batch else ())]

    def excluded_rows(self) -> list[tuple[str, str]]:
        """(name, reason) of the people who do not, as the table shows them."""
        out = []
        for r in range(self.table.rowCount()):
            if self.table.item(r, self.COL_STATUS).text() == self.tr("No"):
                out.append((self.table.item(r, self.COL_NAME).text(), self.table.item(r, self.COL_DETAIL).text()))
        return out

    def chosen_person_ids(self) -> list[str]:
        ids = []
        for r in range(self.table.rowCount()):
            item = self.table.item(r, self.COL_NAME)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return ids

    def _update_counts(self) -> None:
        if self.batch is None:
            return
        chosen = len(self.chosen_person_ids())
        self.counts.setText(self.tr("{n} of {total} participants get a certificate; {out} do not.")
                            .format(n=chosen, total=len(self.batch.included) + len(self.batch.excluded),
                                    out=len(self.batch.excluded)))
        self.create_button.setEnabled(chosen > 0)

    def _selected_serial(self) -> str:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or self.batch is None:
            return ""
        r = rows[0].row()
        pid = self.table.item(r, self.COL_NAME).data(Qt.ItemDataRole.UserRole)
        for inc in self.batch.included:
            if inc.participant.person_id == pid:
                return inc.serial
        return ""

    def _selection_changed(self) -> None:
        self.revoke_button.setEnabled(bool(self._selected_serial()))

    # -- actions ----------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        typed = self.folder.text().strip()
        folder = file_dialogs.existing_folder(self, self.tr("Folder for the certificates"), "certificates",
                                              Path(typed) if typed else None)
        if folder:
            self.folder.setText(folder)

    def revoke_selected(self, reason: str | None = None) -> bool:
        serial = self._selected_serial()
        if not serial:
            return False
        if not isinstance(reason, str):
            reason, ok = QInputDialog.getText(
                self, self.tr("Revoke certificate"),
                self.tr("Certificate {serial} will no longer be valid; it stays in the register as revoked.\n"
                        "A new certificate with a new number can be printed afterwards.\n"
                        "Why is it revoked?").format(serial=serial))
            if not ok:
                return False
        with self.ctx.ops.action(self) as act:
            certificates.revoke(self.ctx.store, serial, reason)
        if not act.ok:
            return False
        self.refresh()
        return True

    def open_verify(self) -> QDialog:
        from .verify_certificate import VerifyCertificateDialog

        dialog = VerifyCertificateDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def missing_look(self) -> str:
        """What the certificates would print without (signature lines, logos); "" when neither is missing."""
        missing = self.ctx.call(self, certificates.missing_look, self.ctx.store, self.training_id)
        if missing is None:
            return ""
        signers, logos = not missing[0], not missing[1]
        if not signers and not logos:
            return self.tr("These certificates will print with no signature lines and no logos.")
        if not signers:
            return self.tr("These certificates will print with no signature lines.")
        if not logos:
            return self.tr("These certificates will print with no logos.")
        return ""

    def create(self, confirmed: bool = False) -> None:
        """Print the ticked people's certificates; asks first when no signer or no logo is set."""
        from ..printing import build_certificates

        ids = self.chosen_person_ids()
        if not ids:
            return
        missing = "" if confirmed else self.missing_look()
        if missing:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Certificates"),
                              missing + "\n\n" + self.tr("Signers and logos are set in Settings → Certificates. "
                                                          "Print the certificates anyway?"),
                              QMessageBox.StandardButton.NoButton, self)
            self.print_anyway = box.addButton(self.tr("Print anyway"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            self.print_anyway.clicked.connect(lambda: self.create(confirmed=True))
            self.missing_box = box
            box.open()
            return
        folder = None
        if self.per_person.isChecked():
            if not self.folder.text().strip():
                self.choose_folder()
            if not self.folder.text().strip():
                return
            folder = Path(self.folder.text().strip())
        lang = self.language.currentData()
        self.ctx.call(self, installation.set_setting, self.ctx.store, LANG_SETTING, lang)
        build_certificates(self.ctx, self, self.training_id, lang=lang, person_ids=ids,
                           per_person_dir=folder, on_done=self._written)

    def _written(self, paths: list[Path] | None) -> None:
        self.last_written = paths
        self.refresh()
        if paths and self.per_person.isChecked():
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Certificates"),
                              self.tr("{n} certificate(s) written to {folder}").format(
                                  n=len(paths), folder=self.folder.text()), QMessageBox.StandardButton.Ok, self)
            open_button = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
            open_button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text())))
            box.open()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def print_certificates(ctx: AppContext, parent: QWidget | None, training_id: str) -> QDialog:
    """The batch dialog: who is in and who is not, language, one PDF or one per person."""
    dialog = CertificatesDialog(ctx, training_id, parent)
    dialog.open()
    return dialog
