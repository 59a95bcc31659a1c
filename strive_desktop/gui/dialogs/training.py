"""Create or edit a training with its sessions; add a walk-in to an attendance sheet.

Both forms are Qt Designer files (ui/training_dialog.ui, ui/walk_in_dialog.ui); validation
messages from the services appear under the field they are about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ...domain.enums import Phase, Sector, Sex
from ...errors import ValidationError
from ...i18n import N_, Message
from ...services import installation, rosters, trainings
from .. import theme
from ..context import AppContext, translate
from ..forms.training_dialog_ui import Ui_TrainingDialog
from ..forms.walk_in_dialog_ui import Ui_WalkInDialog
from ..models.people import tr_label
from ..models.trainings import phase_label
from ..widgets.discard import AsksBeforeDiscarding
from ..widgets.grow import grow_to_fit
from ..widgets.modal import exec_and_delete
from .duplicates import DuplicateDialog


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


class _FieldErrors:
    """Error labels keyed by a ValidationError field name."""

    def __init__(self, form: QFormLayout, widgets: dict[str, QWidget], labels: dict[str, QLabel]) -> None:
        self.form = form
        self.widgets = widgets
        self.labels = labels

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            self.form.setRowVisible(label, False)

    def show(self, exc: ValidationError, fallback: str) -> None:
        self.clear()
        first = None
        for field, message in exc.errors.items():
            key = field if field in self.labels else fallback
            label = self.labels[key]
            text = message.render(translate)
            label.setText(f"{label.text()}\n{text}" if label.text() else text)
            # Wrapped only when too long for the field: a word-wrapped label's row is sized for
            # a narrow label (two lines' height, a gap around a one-line message).
            room = self.widgets[key].width() if key in self.widgets else 0
            label.setWordWrap(room <= 0 or max(label.fontMetrics().horizontalAdvance(line)
                                               for line in label.text().split("\n")) > room)
            self.form.setRowVisible(label, True)
            if first is None:
                first = self.widgets.get(key)
        grow_to_fit(self.form.parentWidget().window())
        if first is not None:
            first.setFocus()

    def text(self, field: str) -> str:
        label = self.labels[field]
        return label.text() if not label.isHidden() else ""


class _RowFollower(QObject):
    """Makes the row of a session editor that gets the focus the table's current row, so that
    'Remove session' removes the session being edited."""

    def __init__(self, table: QWidget) -> None:
        super().__init__(table)
        self.table = table

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn and isinstance(obj, QWidget):
            table = self.table
            for r in range(table.rowCount()):  # type: ignore[attr-defined]
                if obj in (table.cellWidget(r, 0), table.cellWidget(r, 1)):  # type: ignore[attr-defined]
                    table.setCurrentCell(r, 0 if obj is table.cellWidget(r, 0) else 1)  # type: ignore[attr-defined]
                    break
        return False


class TrainingDialog(AsksBeforeDiscarding, QDialog):
    """``training_id`` is set after a successful save. The form is ui/training_dialog.ui."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 training: trainings.TrainingInfo | None = None, community_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.training = training
        self.training_id: str | None = training.id if training else None
        ui = self.ui = Ui_TrainingDialog()
        ui.setupUi(self)
        theme.colour_error_labels(self)
        self.setWindowTitle(self.tr("Edit training") if training else self.tr("New training"))
        self.form = ui.form
        self.community, self.phase, self.title_edit = ui.community, ui.phase, ui.title
        self.title_ru, self.title_en = ui.titleRu, ui.titleEn  # the title in Russian and English (optional)
        self.venue, self.trainers, self.sessions = ui.venue, ui.trainers, ui.sessions
        self.add_session_button, self.remove_session_button = ui.addSession, ui.removeSession
        self.buttons = ui.buttons

        for c in installation.list_communities(ctx.store):
            self.community.addItem(c.name(ctx.lang), c.id)
        cid = training.community_id if training else (community_id or ctx.community_id)
        self.community.setPlaceholderText(self.tr("Choose"))
        self.community.setCurrentIndex(self.community.findData(cid) if cid else -1)
        self.community.setEnabled(training is None)
        self.phase.setPlaceholderText(self.tr("Choose"))
        for p in Phase:
            self.phase.addItem(phase_label(p.value), p.value)
        self.phase.setCurrentIndex(self.phase.findData(training.phase) if training else -1)

        self.sessions.verticalHeader().setDefaultSectionSize(30)
        # Tab goes through the sessions' date and hours editors, not from cell to cell of the
        # table (which holds nothing but those editors); see _chain_tabs.
        self.sessions.setTabKeyNavigation(False)
        self.sessions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.sessions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._row_follower = _RowFollower(self.sessions)
        self.add_session_button.clicked.connect(lambda: self.add_session())
        self.remove_session_button.clicked.connect(self.remove_session)

        fields = ("community_id", "phase", "title", "title_ru", "title_en", "sessions")
        names = {"community_id": "community", "phase": "phase", "title": "title", "title_ru": "titleRu",
                 "title_en": "titleEn", "sessions": "sessions"}
        self.errors = _FieldErrors(self.form, {f: getattr(ui, names[f]) for f in fields},
                                   {f: getattr(ui, f"{names[f]}Error") for f in fields})
        self.errors.clear()
        self.form.setRowVisible(self.community, ctx.is_hq)

        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Save"))
        save.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        if training is not None:
            self.title_edit.setText(training.title)
            self.title_ru.setText(training.title_ru)
            self.title_en.setText(training.title_en)
            self.venue.setText(training.venue)
            self.trainers.setText(training.trainers)
            for sess in training.sessions:
                self.add_session(sess.date, sess.hours, sess.id)
        else:
            self.add_session(dt.date.today(), 6.0)
        (self.community if ctx.is_hq and training is None else self.phase).setFocus()
        self.mark_clean()  # Escape / Cancel ask before throwing away what was typed

    # -- sessions ----------------------------------------------------------------------------
    def add_session(self, date: dt.date | None = None, hours: float | None = None,
                    session_id: str | None = None) -> None:
        n = self.sessions.rowCount()
        if date is None:
            last = self.session_inputs()[-1] if n else None
            date = last.date + dt.timedelta(days=1) if last else dt.date.today()
            hours = last.hours if last else 6.0
        self.sessions.insertRow(n)
        d = QDateEdit(_qdate(date), self.sessions)
        d.setCalendarPopup(True)
        d.setDisplayFormat("dd.MM.yyyy")
        d.setProperty("session_id", session_id)
        h = QDoubleSpinBox(self.sessions)
        h.setRange(0, 24)
        h.setDecimals(1)
        h.setSingleStep(0.5)
        h.setValue(6.0 if hours is None else hours)
        h.setSuffix(self.tr(" h"))
        self.sessions.setCellWidget(n, 0, d)
        self.sessions.setCellWidget(n, 1, h)
        for w in (d, h):
            w.installEventFilter(self._row_follower)
        self.sessions.setCurrentCell(n, 0)
        self._chain_tabs()
        if self.isVisible():
            d.setFocus()

    def remove_session(self) -> None:
        row = self.sessions.currentRow()
        if row < 0:
            row = self.sessions.rowCount() - 1
        if row >= 0:
            self.sessions.removeRow(row)
        self._chain_tabs()

    def _chain_tabs(self) -> None:
        """Tab follows the screen: the fields, each session's date and hours, the session buttons,
        then Save and Cancel (editors made after the form was built were last in the chain)."""
        editors = [self.sessions.cellWidget(r, c) for r in range(self.sessions.rowCount()) for c in (0, 1)]
        box = self.buttons.layout()
        boxed = [box.itemAt(i).widget() for i in range(box.count()) if box.itemAt(i).widget() is not None]
        chain = [self.trainers, *editors, self.add_session_button, self.remove_session_button,
                 *[b for b in boxed if isinstance(b, QPushButton)]]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        # Alt+O (Sessions) goes to the first session's date.
        self.ui.sessionsLabel.setBuddy(editors[0] if editors else self.add_session_button)

    def session_inputs(self) -> list[trainings.SessionInput]:
        out = []
        for r in range(self.sessions.rowCount()):
            d: QDateEdit = self.sessions.cellWidget(r, 0)  # type: ignore[assignment]
            h: QDoubleSpinBox = self.sessions.cellWidget(r, 1)  # type: ignore[assignment]
            out.append(trainings.SessionInput(_pydate(d.date()), h.value(), d.property("session_id") or None))
        return out

    def set_session(self, row: int, date: dt.date, hours: float) -> None:
        self.sessions.cellWidget(row, 0).setDate(_qdate(date))  # type: ignore[attr-defined]
        self.sessions.cellWidget(row, 1).setValue(hours)  # type: ignore[attr-defined]

    def training_input(self) -> trainings.TrainingInput:
        return trainings.TrainingInput(
            community_id=self.community.currentData() or "", phase=self.phase.currentData() or "",
            title=self.title_edit.text(), venue=self.venue.text(), trainers=self.trainers.text(),
            sessions=self.session_inputs(), title_ru=self.title_ru.text(), title_en=self.title_en.text())

    def error_text(self, field: str) -> str:
        return self.errors.text(field)

    # -- saving ---------------------------------------------------------------------------------
    def accept(self) -> None:
        inp = self.training_input()
        self.errors.clear()
        try:
            if not inp.community_id:
                raise ValidationError({"community_id": Message(N_("Choose a community."))})
            with self.ctx.ops.action(self, passthrough=(ValidationError,)) as act:
                if self.training is None:
                    self.training_id = trainings.create_training(self.ctx.store, inp)
                else:
                    trainings.update_training(self.ctx.store, self.training.id, inp)
        except ValidationError as exc:
            self.errors.show(exc, "title")
            return
        if not act.ok:
            return
        super().accept()


class WalkInDialog(AsksBeforeDiscarding, QDialog):
    """Put someone who is not in the group on the sheet: an existing person or a new one.

    ``person_id`` is set after a successful save.
    """

    def __init__(self, ctx: AppContext, training: trainings.TrainingInfo, parent: QWidget | None = None,
                 *, on_sheet: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.training = training
        self.on_sheet = set(on_sheet)
        self.person_id: str | None = None
        self.reused_existing = False
        ui = self.ui = Ui_WalkInDialog()
        ui.setupUi(self)
        theme.colour_error_labels(self)
        self.full_name, self.sex, self.birth_year, self.sector = ui.fullName, ui.sex, ui.birthYear, ui.sector
        for s in Sex:
            self.sex.addItem(tr_label(s.value), s.value)
        self.sex.setCurrentIndex(-1)
        self.birth_year.setValidator(QIntValidator(0, 9999, self))
        for s in Sector:
            self.sector.addItem(tr_label(s.value), s.value)
        self.sector.setCurrentIndex(-1)
        widgets: dict[str, QWidget] = {"full_name": self.full_name, "sex": self.sex,
                                       "birth_year": self.birth_year, "sector": self.sector}
        labels: dict[str, QLabel] = {"full_name": ui.fullNameError, "sex": ui.sexError,
                                     "birth_year": ui.birthYearError, "sector": ui.sectorError}
        for label in labels.values():
            # As wide as the field above it: a word-wrapped label otherwise wraps at ~200 px.
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.errors = _FieldErrors(ui.form, widgets, labels)
        self.errors.clear()
        ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Add to the sheet"))
        ok.setDefault(True)
        ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        self.full_name.setFocus()
        self.mark_clean()

    def person_input(self) -> rosters.PersonInput:
        year = self.birth_year.text().strip()
        return rosters.PersonInput(full_name=self.full_name.text(), sex=self.sex.currentData() or "",
                                   sector=self.sector.currentData() or "",
                                   community_id=self.training.community_id,
                                   birth_year=int(year) if year else None)

    def error_text(self, field: str) -> str:
        return self.errors.text(field)

    def accept(self) -> None:
        self.errors.clear()
        try:
            with self.ctx.ops.action(self, passthrough=(ValidationError,)) as act:
                pid = self._person()
        except ValidationError as exc:
            self.errors.show(exc, "full_name")
            return
        if not act.ok or pid is None:
            return  # shown, or the duplicate warning was cancelled: back to the form
        self.person_id = pid
        super().accept()

    def _person(self) -> str | None:
        """The new person added and put on the sheet (one unit of work each time the user
        decides), or the existing one they chose put on it; None if they cancelled."""
        inp, store, tid = self.person_input(), self.ctx.store, self.training.id
        result = trainings.add_walk_in_person(store, tid, inp)
        if result.created:
            return result.person_id
        dlg = DuplicateDialog(result.duplicates, self, group_wanted=False)
        choice = exec_and_delete(dlg)
        if choice == DuplicateDialog.USE_EXISTING and dlg.chosen_id:
            self.reused_existing = True
            if dlg.chosen_id not in self.on_sheet:
                trainings.add_walk_in(store, tid, dlg.chosen_id)
            return dlg.chosen_id
        if choice == DuplicateDialog.CREATE_ANYWAY:
            return trainings.add_walk_in_person(store, tid, inp, allow_duplicate=True).person_id
        return None

