"""Import a roster from Excel or CSV: the columns guessed and changeable, every row checked,
people already stored offered as "same as", a dry-run summary, then one import that can be
taken back as a whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import CONTEXT
from .. import theme
from ..context import AppContext, render_message, translate
from ..widgets import file_dialogs


def _field_label(field: str) -> str:
    from ...services.sheets.roster_import import FIELD_LABELS

    return translate(CONTEXT, FIELD_LABELS[field])


class ImportRosterDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, group_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.roster = None
        self.pv = None
        self.result_info = None
        self.setWindowTitle(self.tr("Import a roster from Excel or CSV"))
        self.resize(1000, 640)  # with its title bar inside a 1366x768 laptop's 705 px
        layout = QVBoxLayout(self)

        form = QFormLayout()
        file_row = QHBoxLayout()
        self.file_label = QLabel(self.tr("No file chosen"), self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        form.addRow(self.tr("File:"), file_row)
        self.group_combo = QComboBox(self)
        from ...services import rosters

        for g in rosters.list_groups(ctx.store, ctx.community_id if not ctx.is_hq else None):
            self.group_combo.addItem(g.name, g.id)
        if group_id:
            self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(group_id)))
        self.group_combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        group_label = QLabel(self.tr("Add to &group:"), self)
        group_label.setBuddy(self.group_combo)
        form.addRow(group_label, self.group_combo)
        layout.addLayout(form)

        layout.addWidget(QLabel("<b>" + self.tr("Columns: what each column of the file holds") + "</b>", self))
        self.columns = QTableWidget(0, 3, self)
        self.columns.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("First value"),
                                                self.tr("Imported as")])
        self.columns.verticalHeader().hide()
        self.columns.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.columns.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.columns.setMaximumHeight(230)
        layout.addWidget(self.columns)

        layout.addWidget(QLabel("<b>" + self.tr("Rows: checked before anything is saved") + "</b>", self))
        self.rows = QTableWidget(0, 3, self)
        self.rows.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Name"), self.tr("What happens")])
        self.rows.verticalHeader().hide()
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setWordWrap(False)
        h = self.rows.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rows.setColumnWidth(1, 260)
        layout.addWidget(self.rows, 1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.do_import)
        self.undo_button = QPushButton(self.tr("&Take this import back"), self)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.take_back)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        if self.group_combo.count() == 0:
            self.summary.setText(self.tr("There is no advisory group yet. Create the group first, then "
                                         "import its members."))
            self.choose_button.setEnabled(False)

    # -- file and columns ------------------------------------------------------------------
    def choose_file(self) -> None:
        name = file_dialogs.open_file_name(self, self.tr("Choose a roster"), "import",
                                           self.tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> bool:
        from ...services.sheets import roster_import as ri

        roster = self.ctx.call(self, ri.read_roster, path)
        if roster is None:
            return False
        self.roster = roster
        self.file_label.setText(path.name)
        self._fill_columns()
        self.refresh_preview()
        return True

    def _fill_columns(self) -> None:
        from ...services.sheets.roster_import import FIELDS, IGNORE

        assert self.roster is not None
        self.columns.setRowCount(len(self.roster.headers))
        self.columns.setMinimumHeight(min(230, 34 + 31 * len(self.roster.headers)))
        first = self.roster.rows[0] if self.roster.rows else ()
        from ...services.sheets.reading import cell_text

        for i, header in enumerate(self.roster.headers):
            letter = _letter(i)
            self.columns.setItem(i, 0, QTableWidgetItem(f"{letter}: {header}" if header else letter))
            self.columns.setItem(i, 1, QTableWidgetItem(cell_text(first[i]) if i < len(first) else ""))
            combo = QComboBox(self.columns)
            for f in (IGNORE, *FIELDS):
                combo.addItem(_field_label(f), f)
            combo.setCurrentIndex(combo.findData(self.roster.mapping[i]))
            combo.currentIndexChanged.connect(lambda _x, col=i, c=combo: self.set_field(col, c.currentData()))
            self.columns.setCellWidget(i, 2, combo)

    def field_combo(self, column: int) -> QComboBox:
        return self.columns.cellWidget(column, 2)  # type: ignore[return-value]

    def set_field(self, column: int, field: str) -> None:
        from ...services.sheets.roster_import import IGNORE

        if self.roster is None:
            return
        changes = {column: field}
        for i, f in enumerate(self.roster.mapping):  # one column per field
            if i != column and f == field and field != IGNORE:
                changes[i] = IGNORE
                combo = self.field_combo(i)
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(IGNORE))
                combo.blockSignals(False)
        self.roster = self.roster.with_mapping(changes)
        self.refresh_preview()

    # -- preview (the dry run) ---------------------------------------------------------------
    def refresh_preview(self) -> None:
        from ...services.sheets import roster_import as ri

        if self.roster is None or self.group_combo.currentData() is None:
            return
        self.pv = None
        self.rows.setRowCount(0)
        pv = self.ctx.call(self, ri.preview, self.ctx.store, self.roster, self.group_combo.currentData())
        if pv is None:
            self.import_button.setEnabled(False)
            self.summary.setText("")
            return
        self.pv = pv
        from ...services import installation

        # the matcher names communities in English: shown in the interface language
        names = {c.name_en: c.name(self.ctx.lang) for c in installation.list_communities(self.ctx.store)}
        self.rows.setRowCount(len(pv.rows))
        for n, r in enumerate(pv.rows):
            self.rows.setItem(n, 0, QTableWidgetItem(str(r.line)))
            self.rows.setItem(n, 1, QTableWidgetItem(r.full_name))
            if not r.ok or r.repeats_line is not None:
                item = QTableWidgetItem(self.tr("Not imported: {why}").format(
                    why=" ".join(render_message(m) for m in r.errors)))
                item.setForeground(QColor(theme.ERROR))
                item.setToolTip(item.text())
                self.rows.setItem(n, 2, item)
            elif r.matches:
                combo = QComboBox(self.rows)
                for m in r.matches:
                    born = self.tr(", born {year}").format(year=m.birth_year) if m.birth_year else ""
                    combo.addItem(self.tr("Same as {name}{born} ({community}) already stored").format(
                        name=m.full_name, born=born, community=names.get(m.community_name, m.community_name)), m.id)
                combo.addItem(self.tr("A new person"), ri.NEW)
                combo.addItem(self.tr("Leave out"), ri.SKIP)
                combo.currentIndexChanged.connect(lambda _i: self._update_summary())
                self.rows.setCellWidget(n, 2, combo)
            else:
                self.rows.setItem(n, 2, QTableWidgetItem(self.tr("A new person")))
        self._update_summary()

    def decisions(self) -> dict[int, str]:
        assert self.pv is not None
        out = self.pv.decisions()
        for n, r in enumerate(self.pv.rows):
            combo = self.rows.cellWidget(n, 2)
            if isinstance(combo, QComboBox):
                out[r.line] = combo.currentData()
        return out

    def decision_combo(self, line: int) -> QComboBox | None:
        assert self.pv is not None
        for n, r in enumerate(self.pv.rows):
            if r.line == line:
                w = self.rows.cellWidget(n, 2)
                return w if isinstance(w, QComboBox) else None
        return None

    def counts(self) -> tuple[int, int, int]:
        from ...services.sheets import roster_import as ri

        assert self.pv is not None
        d = self.decisions()
        added = sum(1 for r in self.pv.rows if r.ok and r.repeats_line is None and d[r.line] == ri.NEW)
        matched = sum(1 for r in self.pv.rows if r.ok and r.repeats_line is None
                      and d[r.line] not in (ri.NEW, ri.SKIP))
        return added, matched, len(self.pv.rows) - added - matched

    def _update_summary(self) -> None:
        added, matched, refused = self.counts()
        self.summary.setText(self.tr("Nothing is saved yet. Importing will add {added} new people, add {matched} "
                                     "people already stored to the group and leave out {refused} rows.")
                             .format(added=added, matched=matched, refused=refused))
        self.import_button.setEnabled(added + matched > 0)

    # -- saving and taking back -----------------------------------------------------------------
    def do_import(self) -> None:
        from ...services.sheets import roster_import as ri

        if self.pv is None:
            return
        res = self.ctx.call(self, ri.apply_import, self.ctx.store, self.pv, self.decisions())
        if res is None:
            return
        self.result_info = res
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.columns.setEnabled(False)
        self.rows.setEnabled(False)
        self.group_combo.setEnabled(False)
        self.summary.setText(self.tr("Imported: {added} new people, {matched} people already stored added to "
                                     "the group, {refused} rows left out.")
                             .format(added=res.added, matched=res.matched, refused=len(res.refused)))
        self.undo_button.setVisible(bool(res.added or res.matched))

    def take_back(self) -> None:
        from ...services.sheets import roster_import as ri

        if self.result_info is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                          self.tr("Delete the people and memberships this import added? People who were "
                                  "already stored stay."), parent=self)
        yes = box.addButton(self.tr("&Take it back"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        from ..widgets.modal import exec_and_delete

        exec_and_delete(box)
        if box.clickedButton() is not yes:
            return
        if self.ctx.call(self, ri.undo_import, self.ctx.store, self.result_info.import_id) is None:
            return
        self.undo_button.hide()
        self.summary.setText(self.tr("The import was taken back."))


def _letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
