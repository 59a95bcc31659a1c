"""Attendance from a trainer's spreadsheet: names matched to the training's sheet, stored
people who are not on it offered as walk-ins, names not stored refused; checked first, then
saved in one go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import theme
from ..context import AppContext, render_message
from ..widgets import file_dialogs
from ..widgets.dates import date_text


class ImportAttendanceDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, training_id: str | None = None) -> None:
        from ...services import trainings

        super().__init__(parent)
        self.ctx = ctx
        self.pv = None
        self.path: Path | None = None
        self.setWindowTitle(self.tr("Import attendance from a spreadsheet"))
        self.resize(900, 600)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.training_combo = QComboBox(self)
        for t in trainings.list_trainings(ctx.store, ctx.community_id):
            start = date_text(t.start)
            self.training_combo.addItem(f"{t.title} ({start})" if start else t.title, t.id)
        if training_id:
            self.training_combo.setCurrentIndex(max(0, self.training_combo.findData(training_id)))
        self.training_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        label = QLabel(self.tr("&Training:"), self)
        label.setBuddy(self.training_combo)
        form.addRow(label, self.training_combo)
        row = QHBoxLayout()
        self.file_label = QLabel(self.tr("No file chosen"), self)
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        row.addWidget(self.file_label, 1)
        row.addWidget(self.choose_button)
        form.addRow(self.tr("File:"), row)
        layout.addLayout(form)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Name"), self.tr("What happens")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 260)
        layout.addWidget(self.table, 1)
        self.walk_ins = QCheckBox(self.tr("Add people who are not on the training's sheet as &walk-ins"), self)
        self.walk_ins.setChecked(True)
        layout.addWidget(self.walk_ins)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.do_import)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        if self.training_combo.count() == 0:
            self.summary.setText(self.tr("There is no training yet."))
            self.choose_button.setEnabled(False)

    def choose_file(self) -> None:
        name = file_dialogs.open_file_name(self, self.windowTitle(), "import",
                                           self.tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> bool:
        self.path = path
        self.file_label.setText(path.name)
        return self.refresh()

    def refresh(self) -> bool:
        from ...services.sheets import attendance_import as ai

        self.pv = None
        self.table.setRowCount(0)
        self.import_button.setEnabled(False)
        if self.path is None or self.training_combo.currentData() is None:
            return False
        pv = self.ctx.call(self, ai.preview_attendance, self.ctx.store, self.training_combo.currentData(), self.path)
        if pv is None:
            return False
        self.pv = pv
        self.table.setRowCount(len(pv.rows))
        for n, r in enumerate(pv.rows):
            marks = " ".join("✓" if m else ("✗" if m is False else "·") for m in r.marks)
            if r.kind == "participant":
                text = self.tr("Marks: {marks}").format(marks=marks)
            elif r.kind == "walk_in":
                text = self.tr("Not on the sheet: added as a walk-in. Marks: {marks}").format(marks=marks)
            else:
                text = self.tr("Not imported: {why}").format(why=render_message(r.reason) if r.reason else "")
            self.table.setItem(n, 0, QTableWidgetItem(str(r.line)))
            self.table.setItem(n, 1, QTableWidgetItem(r.name))
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if r.kind == "refused":
                item.setForeground(QColor(theme.ERROR))
            self.table.setItem(n, 2, item)
        ok = sum(1 for r in pv.rows if r.kind != "refused")
        self.summary.setText(self.tr("Nothing is saved yet. Sessions read from the columns: {columns}.")
                             .format(columns=", ".join(c or "—" for c in pv.columns)))
        self.import_button.setEnabled(ok > 0)
        return True

    def do_import(self) -> None:
        from ...services.sheets import attendance_import as ai

        if self.pv is None:
            return
        res = self.ctx.call(self, ai.apply_attendance, self.ctx.store, self.pv, walk_ins=self.walk_ins.isChecked())
        if res is None:
            return
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Saved: {marks} marks, {walk_ins} walk-ins added, {refused} rows left out.")
                             .format(marks=res.recorded, walk_ins=res.walk_ins, refused=len(res.refused)))
