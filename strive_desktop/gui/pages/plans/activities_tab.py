"""The Activities tab of the plan editor: its toolbar, the grid and the budget totals."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStyle,
    QWidget,
)

from ....domain.enums import ActivityStatus
from ... import theme
from ...context import translate
from ...models.activities import (
    COLUMNS,
    ActivitiesModel,
    ActivityDelegate,
    format_som,
    is_blank,
    status_label,
    wrap_label,
)
from ..forms.activities_tab_ui import Ui_ActivitiesTab
from .common import as_error_label

# At least these widths; wider when a header, a status label, a date or a budget needs it.
ACTIVITY_WIDTHS = {"title": 230, "responsible": 100, "partners": 90, "start": 70, "end": 70,
                   "budget_project": 70, "budget_local": 70, "budget_other": 70, "budget_total": 70,
                   "indicator": 128, "status": 80}
_DATE_SAMPLE = "28.12.2026"
_BUDGET_SAMPLE = 9_999_999


class ActivitiesTab(QWidget):
    """``model`` holds the rows; ``rows_changed(n)`` is emitted when rows come or go or the
    current one moves (the page names the tab "Activities (n)")."""

    rows_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editable = False
        ui = self.ui = Ui_ActivitiesTab()  # the layout: ui/activities_tab.ui
        ui.setupUi(self)
        self.add_button, self.remove_button = ui.addButton, ui.removeButton
        self.up_button, self.down_button = ui.upButton, ui.downButton
        self.add_button.clicked.connect(self.add_activity)
        self.remove_button.clicked.connect(self.remove_activity)
        self.up_button.clicked.connect(lambda: self.move_activity(-1))
        self.down_button.clicked.connect(lambda: self.move_activity(1))
        ui.hint.setStyleSheet(theme.text_style(theme.MUTED))  # two lines rather than cut off in Russian
        self.model = ActivitiesModel(self)
        self.model.problem.connect(self.show_problem)
        self.table = ui.table
        self.table.setModel(self.model)
        self.delegate = ActivityDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._size_columns()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentChanged.connect(lambda *_: self.update_buttons())
        self.errors = as_error_label(ui.errors)
        ui.Totals.setStyleSheet(theme.PANEL_STYLE.format(name="Totals"))
        self.total_labels: dict[str, QLabel] = {
            "project": ui.projectTotal, "local": ui.localTotal, "other": ui.otherTotal, "total": ui.totalTotal}
        for key, caption in (("project", translate("PlansPage", "Project")), ("local", translate("PlansPage", "Local")),
                             ("other", translate("PlansPage", "Other")), ("total", translate("PlansPage", "Total"))):
            getattr(ui, f"{key}Name").setText(caption + ":")
            self.total_labels[key].setStyleSheet(theme.BOLD_STYLE + (" font-size: 11pt;" if key == "total" else ""))

    def _size_columns(self) -> None:
        """Widths from what the columns show in the UI language, so nothing is cut at 1366x768
        in Kyrgyz, Russian or English: every status label, a date, a budget of millions, and
        the header (on two lines when its one line would be wider than the numbers under it).
        The title column takes the rest."""
        fm = self.table.fontMetrics()
        hfm = self.table.horizontalHeader().fontMetrics()
        style = self.table.style()
        cell = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 2  # as the delegate pads
        head_pad = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 6
        samples = {"start": [_DATE_SAMPLE], "end": [_DATE_SAMPLE],
                   "status": [status_label(s.value) for s in ActivityStatus],
                   **{c: [format_som(_BUDGET_SAMPLE)] for c in COLUMNS if c.startswith("budget_")}}
        labels = self.model.header_labels()
        wrapped: set[int] = set()
        for c, name in enumerate(COLUMNS):
            body = max([ACTIVITY_WIDTHS[name]] + [fm.horizontalAdvance(t) + cell for t in samples.get(name, [])])
            one_line = hfm.horizontalAdvance(labels[c]) + head_pad
            two_lines = max(hfm.horizontalAdvance(part) for part in wrap_label(labels[c]).split("\n")) + head_pad
            if c and one_line > body and two_lines < one_line:
                wrapped.add(c)
                self.table.setColumnWidth(c, max(body, two_lines))
            else:
                self.table.setColumnWidth(c, max(body, one_line))
        self.model.set_wrapped_headers(wrapped)

    # -- state --------------------------------------------------------------------------------------
    def set_editable(self, draft: bool) -> None:
        """*draft*: a draft plan is open (its rows can be added, removed, moved)."""
        self._editable = draft
        self.add_button.setEnabled(draft)
        self.update_buttons()

    def update_buttons(self) -> None:
        draft = not self.model.read_only and self._editable
        row = self.table.currentIndex().row()
        n = self.model.rowCount()
        self.remove_button.setEnabled(draft and 0 <= row < n)
        self.up_button.setEnabled(draft and 0 < row < n)
        self.down_button.setEnabled(draft and 0 <= row < n - 1)
        self.rows_changed.emit(n)

    def update_totals(self) -> None:
        t = self.model.totals()
        for key, value in (("project", t.project), ("local", t.local), ("other", t.other), ("total", t.total)):
            self.total_labels[key].setText(translate("PlansPage", "{amount} som").format(amount=format_som(value)))

    def show_problem(self, text: str) -> None:
        self.errors.setText(text)
        self.errors.show()

    def commit_open_editor(self) -> None:
        index = self.table.currentIndex()
        editor = self.table.indexWidget(index) if index.isValid() else None
        if editor is not None:
            self.table.commitData(editor)

    # -- rows ---------------------------------------------------------------------------------------
    def add_activity(self) -> None:
        current = self.table.currentIndex()
        row = self.model.add_activity(current.row() + 1 if current.isValid() else None)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()
        self.table.edit(index)

    def remove_activity(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < self.model.rowCount():
            return
        a = self.model.activity(row)
        if not is_blank(a):
            answer = QMessageBox.question(
                self, translate("PlansPage", "Remove activity"),
                translate("PlansPage", "Remove the activity “{title}” from the plan?\nEarlier revisions keep it.")
                .format(title=a.title or translate("PlansPage", "(no title)")))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove_activity(row)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self.update_buttons()

    def move_activity(self, delta: int) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        row = self.model.move_activity(current.row(), delta)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, current.column()))
        self.update_buttons()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and self.table.state() != QAbstractItemView.State.EditingState):
            if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete and not self.model.read_only:
                self.model.clear_cell(self.table.currentIndex())
                return True
        return super().eventFilter(obj, event)
