"""Add or edit a person: validation next to each field, and the duplicate warning."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from ...domain.enums import GroupRole, Sector, Sex
from ...domain.validation import format_phone
from ...errors import ValidationError
from ...services import installation, rosters
from .. import theme
from ..context import AppContext, translate
from ..forms.person_dialog_ui import Ui_PersonDialog
from ..models.people import tr_label
from ..widgets.discard import AsksBeforeDiscarding
from ..widgets.grow import grow_to_fit
from .duplicates import DuplicateDialog

# ValidationError field name -> the form's widget name
FIELDS = {
    "full_name": "fullName", "sex": "sex", "birth_year": "birthYear", "sector": "sector", "role": "role",
    "phone": "phone", "pin": "pin", "organisation": "organisation", "position": "position",
    "consent_date": "consentDate", "notes": "notes", "community_id": "fullName",
}


class PersonDialog(AsksBeforeDiscarding, QDialog):
    """``person_id`` is set after a successful save (the new, edited or reused person), or when
    the duplicate warning found the person already in the group and the user chose to see them
    there (``already_member``: nothing was saved, the caller selects them)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 person: rosters.PersonRecord | None = None, community_id: str | None = None,
                 group_id: str | None = None, member: rosters.MemberRow | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person = person
        self.group_id = group_id
        self.member = member
        self.community_id = person.community_id if person else (community_id or ctx.community_id)
        self.person_id: str | None = None
        self.reused_existing = False
        # "Show them in the group": the person was already a member; nothing was saved.
        self.already_member = False
        ui = self.ui = Ui_PersonDialog()
        ui.setupUi(self)
        theme.colour_error_labels(self)
        ui.sex.setPlaceholderText(self.tr("Choose"))
        for s in Sex:
            ui.sex.addItem(tr_label(s.value), s.value)
        ui.sector.setPlaceholderText(self.tr("Choose"))
        for s in Sector:
            ui.sector.addItem(tr_label(s.value), s.value)
        for r in GroupRole:
            ui.role.addItem(tr_label(r.value), r.value)
        ui.role.setCurrentIndex(ui.role.findData(GroupRole.MEMBER.value))
        ui.sex.setCurrentIndex(-1)
        ui.sector.setCurrentIndex(-1)
        ui.birthYear.setValidator(QIntValidator(0, 9999, self))
        ui.consentDate.setDate(QDate.currentDate())
        ui.consentDate.setEnabled(False)
        ui.consentGiven.toggled.connect(ui.consentDate.setEnabled)
        show_role = group_id is not None or member is not None
        ui.form.setRowVisible(ui.role, show_role)
        ui.form.setRowVisible(ui.roleError, False)
        # Error labels (person_dialog.ui): as wide as their field (Expanding, else a word-wrapped
        # label wraps at ~200 px) and no taller than their text (Maximum, else a shown error takes
        # the dialog's spare height); the spare height goes to the stretch under the form.
        for name in FIELDS.values():
            ui.form.setRowVisible(getattr(ui, f"{name}Error"), False)
        save = ui.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Save"))
        save.setDefault(True)
        ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        if person is not None:
            self.setWindowTitle(self.tr("Edit person"))
            ui.heading.setText(self.tr("Change the details of {name}.").format(name=person.full_name))
            self._load(person)
        else:
            self.setWindowTitle(self.tr("Add person"))
            ui.heading.setText(self.tr("Full name, sex and sector are required; the rest can be added later."))
        if member is not None:
            ui.role.setCurrentIndex(ui.role.findData(member.role))
        ui.fullName.setFocus()
        self.mark_clean()  # Escape / Cancel ask before throwing away what was typed

    def _load(self, p: rosters.PersonRecord) -> None:
        ui = self.ui
        ui.fullName.setText(p.full_name)
        ui.sex.setCurrentIndex(ui.sex.findData(p.sex))
        ui.sector.setCurrentIndex(ui.sector.findData(p.sector))
        ui.birthYear.setText("" if p.birth_year is None else str(p.birth_year))
        ui.phone.setText(format_phone(p.phone))
        ui.pin.setText(p.pin or "")
        ui.organisation.setText(p.organisation)
        ui.position.setText(p.position)
        if p.consent_date:
            ui.consentGiven.setChecked(True)
            ui.consentDate.setDate(QDate(p.consent_date.year, p.consent_date.month, p.consent_date.day))
        ui.notes.setPlainText(p.notes)

    def person_input(self) -> rosters.PersonInput:
        ui = self.ui
        year_text = ui.birthYear.text().strip()
        consent = None
        if ui.consentGiven.isChecked():
            d = ui.consentDate.date()
            consent = dt.date(d.year(), d.month(), d.day())
        return rosters.PersonInput(
            full_name=ui.fullName.text(), sex=ui.sex.currentData() or "", sector=ui.sector.currentData() or "",
            community_id=self.community_id or "", birth_year=int(year_text) if year_text else None,
            phone=ui.phone.text(), pin=ui.pin.text(), organisation=ui.organisation.text(),
            position=ui.position.text(), consent_date=consent, notes=ui.notes.toPlainText())

    # -- field errors ---------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for name in set(FIELDS.values()):
            label: QLabel = getattr(self.ui, f"{name}Error")
            label.clear()
            self.ui.form.setRowVisible(label, False)

    def show_errors(self, exc: ValidationError) -> None:
        self.clear_errors()
        first = None
        for field, message in exc.errors.items():
            name = FIELDS.get(field, "fullName")
            label: QLabel = getattr(self.ui, f"{name}Error")
            text = message.render(translate)
            label.setText(f"{label.text()}\n{text}" if label.text() else text)
            self.ui.form.setRowVisible(label, True)
            if first is None:
                first = getattr(self.ui, name)
        grow_to_fit(self)
        if first is not None:
            first.setFocus()

    def error_text(self, field: str) -> str:
        """The message shown under *field* (a ValidationError key), '' if none."""
        label: QLabel = getattr(self.ui, f"{FIELDS[field]}Error")
        return label.text() if label.isVisibleTo(self) else ""

    # -- saving ------------------------------------------------------------------------------------
    def accept(self) -> None:
        inp = self.person_input()
        try:
            with self.ctx.ops.action(self, passthrough=(ValidationError,)) as act:
                self._save(inp)
        except ValidationError as exc:
            self.show_errors(exc)
            return
        if not act.ok or self.person_id is None:
            return  # shown, or the duplicate warning was cancelled: stay in the form
        super().accept()

    def _save(self, inp: rosters.PersonInput) -> None:
        self.clear_errors()
        role = self.ui.role.currentData()
        if self.person is not None:
            changed_role = self.member is not None and role != self.member.role
            rosters.update_person(self.ctx.store, self.person.id, inp,
                                  membership_id=self.member.membership_id if changed_role else None,
                                  role=role if changed_role else None)
            self.person_id = self.person.id
            return
        result = rosters.add_person(self.ctx.store, inp, group_id=self.group_id, role=role)
        if result.created:
            self.person_id = result.person_id
            return
        names = {c.name_en: c.name(self.ctx.lang) for c in installation.list_communities(self.ctx.store)}
        members = {m.person_id for m in rosters.list_members(self.ctx.store, self.group_id)} \
            if self.group_id else set()
        dlg = DuplicateDialog(result.duplicates, self, group_wanted=self.group_id is not None,
                              community_names=names,
                              in_group=[m.id for m in result.duplicates if m.id in members],
                              year_entered=inp.birth_year is not None)
        try:
            choice, chosen = dlg.exec(), dlg.chosen_id
        finally:
            dlg.deleteLater()
        if choice == DuplicateDialog.SHOW_EXISTING and chosen:
            self.person_id = chosen
            self.already_member = True
        elif choice == DuplicateDialog.USE_EXISTING and chosen:
            if self.group_id:
                rosters.add_member(self.ctx.store, chosen, self.group_id, role=role)
            self.person_id = chosen
            self.reused_existing = True
        elif choice == DuplicateDialog.CREATE_ANYWAY:
            result = rosters.add_person(self.ctx.store, inp, group_id=self.group_id, role=role,
                                        allow_duplicate=True)
            self.person_id = result.person_id
