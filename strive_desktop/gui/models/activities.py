"""The activities table of the plan editor: an editable model over ``ActivityInput`` rows.

The model holds plain copies of the activities (never ORM objects); the page turns them
back into a ``PlanDraft`` and saves it with ``services.plans.save_draft``. ``changed`` is
emitted for edits made by the user (not for ``set_activities``), which starts the autosave.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ...domain.enums import LABELS, ActivityStatus, PlanStatus
from ...domain.validation import FieldProblem, parse_whole_som
from ...i18n import CONTEXT
from ...services.plans import ActivityInput, BudgetTotals, totals
from .. import theme
from ..widgets.dates import date_text

_Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[str, ...] = ("title", "responsible", "partners", "start", "end", "budget_project",
                            "budget_local", "budget_other", "budget_total", "indicator", "status")
TEXT_COLUMNS = frozenset({"title", "responsible", "partners", "indicator"})
DATE_COLUMNS = frozenset({"start", "end"})
BUDGET_COLUMNS = frozenset({"budget_project", "budget_local", "budget_other"})
NUMBER_COLUMNS = BUDGET_COLUMNS | {"budget_total"}

ERROR_BG = QColor(theme.ROW_ERROR_BG)


def _bold() -> QFont:
    f = QFont()
    f.setBold(True)
    return f


def format_som(amount: int) -> str:
    """12500 -> "12 500" (a no-break space between thousands, as written in Kyrgyzstan)."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", "\u00a0")


def parse_som(text: str) -> int | None:
    """ "12 500", "12,500", "12500", "12 500 сом" -> 12500; "-300" -> -300; "1,5", "12 кг" -> None.

    See :func:`domain.validation.parse_whole_som`, which also says why a text is refused."""
    try:
        return parse_whole_som(text)
    except FieldProblem:
        return None


def wrap_label(text: str) -> str:
    """ "Local, som" -> "Local,\nsom": a header on two lines, broken at the last space."""
    head, space, tail = text.rpartition(" ")
    return f"{head}\n{tail}" if space and head.strip() else text


def status_label(value: str) -> str:
    """An activity or plan status in the UI language."""
    for enum in (ActivityStatus, PlanStatus):
        try:
            return QCoreApplication.translate(CONTEXT, LABELS[enum(value)])
        except (ValueError, KeyError):
            continue
    return value


def to_qdate(d: dt.date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else QDate()


def from_qdate(q: QDate) -> dt.date | None:
    return dt.date(q.year(), q.month(), q.day()) if q.isValid() else None


def is_blank(a: ActivityInput) -> bool:
    """A row just added and never filled in: not saved, not an error."""
    return (a.id is None and not any(s.strip() for s in (a.title, a.responsible, a.partners, a.indicator))
            and a.start is None and a.end is None and a.budget_total == 0
            and a.status == ActivityStatus.PLANNED.value)


class ActivitiesModel(QAbstractTableModel):
    """Rows of a plan's activities; columns in :data:`COLUMNS` (the total is computed)."""

    changed = Signal()  # the user edited, added, removed or moved a row
    problem = Signal(str)  # a value could not be taken (e.g. letters in a budget)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ActivityInput] = []
        self._errors: dict[tuple[int, str], str] = {}
        self._wrapped: frozenset[int] = frozenset()
        self.read_only = False

    # -- loading and reading -----------------------------------------------------------------
    def set_activities(self, activities: list[ActivityInput], read_only: bool = False) -> None:
        self.beginResetModel()
        self._rows = [replace(a) for a in activities]
        self._errors = {}
        self.read_only = read_only
        self.endResetModel()

    def activities(self) -> list[ActivityInput]:
        """Copies of every row, in table order (blank rows included)."""
        return [replace(a) for a in self._rows]

    def activity(self, row: int) -> ActivityInput:
        return replace(self._rows[row])

    def set_ids(self, rows: list[int], ids: list[str | None]) -> None:
        """After a save: remember the ids the data core gave to new rows (no change signal)."""
        for r, i in zip(rows, ids, strict=True):
            self._rows[r].id = i

    def totals(self) -> BudgetTotals:
        return totals(self._rows)

    def set_errors(self, errors: dict[tuple[int, str], str]) -> None:
        """Mark cells as wrong: (row, column name) -> message shown as the cell's tooltip."""
        if errors == self._errors:
            return
        self._errors = dict(errors)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    def errors(self) -> dict[tuple[int, str], str]:
        return dict(self._errors)

    # -- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                labels = self.header_labels()
                if not 0 <= section < len(labels):
                    return None
                return wrap_label(labels[section]) if section in self._wrapped else labels[section]
            return str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(COLUMNS) and COLUMNS[section] in NUMBER_COLUMNS:
                return self.tr("Amounts in som")
        return None

    def set_wrapped_headers(self, columns: set[int] | frozenset[int]) -> None:
        """Show these columns' headers on two lines (broken at the last space), so a long
        label ("Жергиликтүү, сом") does not widen a column of short numbers."""
        columns = frozenset(columns)
        if columns != self._wrapped:
            self._wrapped = columns
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def header_labels(self) -> list[str]:
        return [self.tr("Activity"), self.tr("Responsible"), self.tr("Partners"), self.tr("Start"),
                self.tr("End"), self.tr("Project, som"), self.tr("Local, som"), self.tr("Other, som"),
                self.tr("Total, som"), self.tr("Indicator"), self.tr("Status")]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and COLUMNS[index.column()] != "budget_total":
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def _value(self, a: ActivityInput, col: str) -> Any:
        return a.budget_total if col == "budget_total" else getattr(a, col)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        a = self._rows[index.row()]
        col = COLUMNS[index.column()]
        value = self._value(a, col)
        if role == Qt.ItemDataRole.DisplayRole:
            if col in DATE_COLUMNS:
                return date_text(value)
            if col in NUMBER_COLUMNS:
                return format_som(value)
            if col == "status":
                return status_label(value)
            return value
        if role == Qt.ItemDataRole.EditRole:
            if col in DATE_COLUMNS:
                return to_qdate(value)
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and (index.row(), col) in self._errors:
            return QBrush(ERROR_BG)
        if role == Qt.ItemDataRole.ToolTipRole:
            if (index.row(), col) in self._errors:
                return self._errors[(index.row(), col)]
            if col in TEXT_COLUMNS and value:
                return value
        if role == Qt.ItemDataRole.FontRole and col == "budget_total":
            return _bold()
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        col = COLUMNS[index.column()]
        if col == "budget_total":
            return False
        a = self._rows[index.row()]
        new: Any
        if col in TEXT_COLUMNS:
            new = "" if value is None else str(value)
        elif col in DATE_COLUMNS:
            if isinstance(value, QDate):
                new = from_qdate(value)
            elif isinstance(value, dt.date) or value is None:
                new = value
            elif isinstance(value, str):
                if not value.strip():
                    new = None
                else:
                    try:
                        new = dt.datetime.strptime(value.strip(), "%d.%m.%Y").date()
                    except ValueError:
                        self.problem.emit(self.tr("Enter a date as day.month.year, e.g. 15.03.2026."))
                        return False
            else:
                return False
        elif col in BUDGET_COLUMNS:
            if isinstance(value, int):
                new = value
            else:
                try:
                    new = parse_whole_som(str(value))
                except FieldProblem as problem:  # "1,5" is refused, never read as 15
                    self.problem.emit(problem.message.render(QCoreApplication.translate))
                    return False
        elif col == "status":
            values = {s.value for s in ActivityStatus}
            if value not in values:
                by_label = {status_label(v): v for v in values}
                if value not in by_label:
                    return False
                value = by_label[value]
            new = value
        else:
            return False
        if getattr(a, col) == new:
            return True
        setattr(a, col, new)
        last = len(COLUMNS) - 1 if col in BUDGET_COLUMNS else index.column()
        self.dataChanged.emit(self.index(index.row(), index.column()), self.index(index.row(), last))
        self.changed.emit()
        return True

    def insertRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        if parent.isValid() or self.read_only or count < 1 or not 0 <= row <= len(self._rows):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for i in range(count):
            self._rows.insert(row + i, ActivityInput(title=""))
        self._errors = {}
        self.endInsertRows()
        self.changed.emit()
        return True

    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        if parent.isValid() or self.read_only or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row:row + count]
        self._errors = {}
        self.endRemoveRows()
        self.changed.emit()
        return True

    def moveRows(self, source_parent: _Index, source_row: int, count: int,  # noqa: N802
                 destination_parent: _Index, destination_child: int) -> bool:
        n = len(self._rows)
        if (source_parent.isValid() or destination_parent.isValid() or self.read_only or count < 1
                or source_row < 0 or source_row + count > n or not 0 <= destination_child <= n
                or source_row <= destination_child <= source_row + count):
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(),
                                  destination_child):
            return False
        block = self._rows[source_row:source_row + count]
        del self._rows[source_row:source_row + count]
        at = destination_child if destination_child < source_row else destination_child - count
        self._rows[at:at] = block
        self._errors = {}
        self.endMoveRows()
        self.changed.emit()
        return True

    # -- conveniences for the page -------------------------------------------------------------
    def add_activity(self, row: int | None = None) -> int:
        """Insert an empty activity (at the end by default); return its row."""
        row = len(self._rows) if row is None else row
        return row if self.insertRows(row, 1) else -1

    def remove_activity(self, row: int) -> bool:
        return self.removeRows(row, 1)

    def move_activity(self, row: int, delta: int) -> int:
        """Move a row up (-1) or down (+1); return its new row, or -1 if it cannot move."""
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)) or delta == 0:
            return -1
        dest = target if delta < 0 else target + 1
        return target if self.moveRows(QModelIndex(), row, 1, QModelIndex(), dest) else -1

    def clear_cell(self, index: _Index) -> bool:
        """The Delete key: empty a text or date cell, zero a budget."""
        col = COLUMNS[index.column()] if index.isValid() else ""
        if col in TEXT_COLUMNS:
            return self.setData(index, "")
        if col in DATE_COLUMNS:
            return self.setData(index, None)
        if col in BUDGET_COLUMNS:
            return self.setData(index, 0)
        return False


class ActivityDelegate(QStyledItemDelegate):
    """Editors for the activities table: a calendar for dates, checked numbers for budgets,
    a list for the status. ``typing`` is emitted while an editor's content changes, so the
    autosave can start before the cell is left.

    A budget the model refuses ("1,5") does not cost the typing: Enter and Tab leave the editor
    open with the text selected and the model's message shown; leaving the cell another way
    (a click elsewhere) opens the editor again with what was typed."""

    typing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.default_date: dt.date | None = None
        self._budget_index: dict[QLineEdit, QPersistentModelIndex] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + 6)  # wrapped lines need air above and below

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: _Index) -> None:
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, QComboBox):
            # The column fits the longest status; the list's arrow needs room too: grow leftwards
            # (the status is the last column) rather than cut the label while choosing.
            rect = editor.geometry()
            want = editor.sizeHint().width()
            if want > rect.width():
                rect.setLeft(max(rect.right() - want + 1, 0))
                editor.setGeometry(rect)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: _Index) -> QWidget:
        col = COLUMNS[index.column()]
        if col in DATE_COLUMNS:
            ed = QDateEdit(parent)
            ed.setCalendarPopup(True)
            ed.setDisplayFormat("dd.MM.yyyy")
            ed.setProperty("touched", False)

            def changed(_d: QDate, ed: QDateEdit = ed) -> None:
                ed.setProperty("touched", True)
                self.typing.emit()

            ed.dateChanged.connect(changed)
            return ed
        if col == "status":
            combo = QComboBox(parent)
            for s in ActivityStatus:
                combo.addItem(status_label(s.value), s.value)
            combo.currentIndexChanged.connect(lambda _i: self.typing.emit())
            return combo
        line = QLineEdit(parent)
        if col in BUDGET_COLUMNS:
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
            line.setPlaceholderText("0")
            line.setProperty("budget", True)
            self._budget_index[line] = QPersistentModelIndex(index)
            line.destroyed.connect(lambda _o=None, line=line: self._budget_index.pop(line, None))
        else:
            line.setMaxLength(300)
        line.textEdited.connect(lambda _t: self.typing.emit())
        return line

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateEdit):
            editor.blockSignals(True)
            if isinstance(value, QDate) and value.isValid():
                editor.setDate(value)
            else:
                editor.setDate(to_qdate(self.default_date) if self.default_date else QDate.currentDate())
            editor.blockSignals(False)
        elif isinstance(editor, QComboBox):
            editor.blockSignals(True)
            editor.setCurrentIndex(max(editor.findData(value), 0))
            editor.blockSignals(False)
        elif isinstance(editor, QLineEdit):
            col = COLUMNS[index.column()]
            if col in BUDGET_COLUMNS:
                editor.setText(format_som(value) if value else "")
            else:
                editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:  # noqa: N802
        if isinstance(editor, QDateEdit):
            empty = not index.data(Qt.ItemDataRole.EditRole).isValid()
            if empty and not editor.property("touched"):
                return  # passing through an empty date with Tab does not fill it in
            model.setData(index, editor.date())
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            text = editor.text()
            if not model.setData(index, text) and editor.property("budget") and not model.read_only:
                self._reopen_later(editor, QPersistentModelIndex(index), text)

    # -- a refused budget keeps its editor -------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and isinstance(obj, QLineEdit) and obj.property("budget")
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not self._budget_accepted(obj)):
            return True  # stays open: the user corrects the selected text
        return super().eventFilter(obj, event)

    def _budget_accepted(self, editor: QLineEdit) -> bool:
        """True when the typed amount can be taken; otherwise say why and select the text."""
        try:
            parse_whole_som(editor.text())
            return True
        except FieldProblem as problem:
            index = self._budget_index.get(editor)
            model = index.model() if index is not None and index.isValid() else None
            if isinstance(model, ActivitiesModel):
                model.problem.emit(problem.message.render(QCoreApplication.translate))
            editor.selectAll()
            return False

    def _reopen_later(self, editor: QLineEdit, index: QPersistentModelIndex, text: str) -> None:
        view = self.parent()
        if not isinstance(view, QAbstractItemView):
            return

        def reopen() -> None:
            # Still open (an autosave committed it while typing): leave the typing alone.
            if not index.isValid() or not view.isVisible() or view.model() is not index.model():
                return
            ix = view.model().index(index.row(), index.column())
            if view.indexWidget(ix) is not None:
                return
            view.setCurrentIndex(ix)
            view.edit(ix)
            again = view.indexWidget(ix)
            if isinstance(again, QLineEdit):
                again.setText(text)
                again.selectAll()
                again.setFocus()

        QTimer.singleShot(0, view, reopen)
