"""Export a list to Excel (XLSX) or CSV, headers in the interface language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import CONTEXT
from ..context import AppContext, translate
from ..widgets import file_dialogs


class ExportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from ...services.sheets.exports import TABLE_TITLES, TABLES

        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Export to a spreadsheet"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.table_combo = QComboBox(self)
        for t in TABLES:
            self.table_combo.addItem(translate(CONTEXT, TABLE_TITLES[t]), t)
        label = QLabel(self.tr("&List:"), self)
        label.setBuddy(self.table_combo)
        form.addRow(label, self.table_combo)
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        self.format_combo.addItem(self.tr("CSV, UTF-8 (.csv)"), "csv")
        label = QLabel(self.tr("&Format:"), self)
        label.setBuddy(self.format_combo)
        form.addRow(label, self.format_combo)
        layout.addLayout(form)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save as…"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_and_export)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def choose_and_export(self) -> None:
        fmt = self.format_combo.currentData()
        pattern = self.tr("Excel workbook (*.xlsx)") if fmt == "xlsx" else self.tr("CSV file (*.csv)")
        name = file_dialogs.save_file_name(self, self.windowTitle(), "sheets",
                                           f"{self.table_combo.currentData()}.{fmt}", pattern)
        if name:
            if not name.lower().endswith("." + fmt):
                name += "." + fmt
            self.export_to(Path(name))

    def export_to(self, path: Path) -> int | None:
        from ...services.sheets import exports

        n = self.ctx.call(self, exports.export_table, self.ctx.store, self.table_combo.currentData(), path,
                          fmt=self.format_combo.currentData(), lang=self.ctx.lang,
                          translate=QCoreApplication.translate)
        if n is not None:
            self.status.setText(self.tr("%n row(s) written to {path}", "", n).format(path=path))
        return n


def save_donor_workbook(ctx: AppContext, parent: QWidget | None, path: Path, values: dict) -> int | None:  # type: ignore[type-arg]
    """Write the donor indicator workbook for *values* (date_from, date_to, community_id)."""
    from ...services.sheets.donor_workbook import donor_workbook

    return ctx.call(parent, donor_workbook, ctx.store, path, date_from=values.get("date_from"),
                    date_to=values.get("date_to"), community_id=values.get("community_id"), lang=ctx.lang,
                    translate=QCoreApplication.translate)


def donor_workbook_dialog(ctx: AppContext, parent: QWidget | None = None) -> None:
    """Ask for the period and community (the donor summary's options), then where to save."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from ..printing import SummaryOptions
    from ..widgets.modal import exec_and_delete

    options = SummaryOptions(ctx, parent)
    options.setWindowTitle(translate("ExportDialog", "Donor indicator workbook"))
    options.language.hide()  # the workbook is in the interface language
    options.ui.languageLabel.hide()
    options.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("ExportDialog", "Save as…"))
    if exec_and_delete(options) != QDialog.DialogCode.Accepted:
        return
    values = options.values()
    name = file_dialogs.save_file_name(parent, translate("ExportDialog", "Donor indicator workbook"), "sheets",
                                       "donor-indicators.xlsx", translate("ExportDialog", "Excel workbook (*.xlsx)"))
    if not name:
        return
    if not name.lower().endswith(".xlsx"):
        name += ".xlsx"
    n = save_donor_workbook(ctx, parent, Path(name), values)
    if n is not None:
        QMessageBox.information(parent, translate("ExportDialog", "Donor indicator workbook"),
                                translate("ExportDialog", "The workbook was saved to {path} "
                                                          "({n} participants listed).").format(path=name, n=n))
