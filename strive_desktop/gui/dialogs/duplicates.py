"""The duplicate warning: a person with this name and birth year (or PIN) already exists."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import matching as mt
from ...services.rosters import PersonMatch

# lupdate finds calls named translate("Context", "text"): keep the literal context.
translate = QCoreApplication.translate


def reasons_text(_widget: QWidget | None, codes: Sequence[str], *, year_entered: bool = True) -> str:
    """The matcher's reason codes as one phrase in the interface language: "same name in
    Latin letters, same birth year". Without ``year_entered`` the birth year compared came from
    the personal number typed (the form's year was left empty), and the phrase says so."""
    phrases = {
        mt.R_PIN: translate("DuplicateDialog", "same personal number (PIN)"),
        mt.R_NAME: translate("DuplicateDialog", "same name"),
        mt.R_NAME_LATIN: translate("DuplicateDialog", "same name in other letters (Latin / Cyrillic)"),
        mt.R_NAME_ORDER: translate("DuplicateDialog", "same name in another word order"),
        mt.R_NAME_CLOSE: translate("DuplicateDialog", "name one letter apart (a typing slip?)"),
        mt.R_NAME_VARIANT: translate("DuplicateDialog", "same name in another spelling"),
        mt.R_PATRONYMIC: translate("DuplicateDialog", "patronymic written in one record only"),
        mt.R_YEAR: translate("DuplicateDialog", "same birth year") if year_entered else
        translate("DuplicateDialog", "born in the year the personal number (PIN) gives"),
        mt.R_PHONE: translate("DuplicateDialog", "same phone"),
        mt.R_COMMUNITY: translate("DuplicateDialog", "same community"),
    }
    return ", ".join(phrases[c] for c in codes if c in phrases)


class DuplicateDialog(QDialog):
    """``exec()`` returns USE_EXISTING (see ``chosen_id``), SHOW_EXISTING (the chosen person
    is already a member of the group: show them there), CREATE_ANYWAY or 0 (go back)."""

    USE_EXISTING = 2
    CREATE_ANYWAY = 3
    SHOW_EXISTING = 4

    def __init__(self, matches: Sequence[PersonMatch], parent: QWidget | None = None, *,
                 group_wanted: bool = True, community_names: Mapping[str, str] | None = None,
                 in_group: Collection[str] = (), year_entered: bool = True) -> None:
        """``community_names`` maps a community's English name (what the data core reports)
        to its name in the interface language; ``in_group`` holds the ids of the matches who
        are already members of the group the person is being added to; ``year_entered`` is
        False when the form's birth year was left empty (a year then only comes from a PIN)."""
        super().__init__(parent)
        self._names = dict(community_names or {})
        self._in_group = frozenset(in_group)
        self._group_wanted = group_wanted
        self._year_entered = year_entered
        self.setWindowTitle(self.tr("This person may already exist"))
        self.setMinimumWidth(600)
        self.matches = list(matches)
        self.chosen_id: str | None = self.matches[0].id if self.matches else None
        layout = QVBoxLayout(self)
        first = self.matches[0]
        if len(self.matches) == 1:
            if first.reason == "pin":
                text = self.tr("A person with this personal number (PIN) exists in {community}: {name}.")
            elif (year_entered and mt.R_YEAR in first.reasons
                  and not {mt.R_NAME_CLOSE, mt.R_NAME_VARIANT} & set(first.reasons)):
                text = self.tr("A person with this name and birth year exists in {community}: {name}.")
            else:
                text = self.tr("A person who may be the same exists in {community}: {name}.")
            text = text.format(community=self._community(first.community_name), name=self._describe(first))
        else:
            text = self.tr("{n} people may be this person, the most likely first. "
                           "Choose one to use, or create a new person anyway.").format(n=len(self.matches))
        self.message = QLabel(text, self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.why = QLabel(self)
        self.why.setWordWrap(True)
        layout.addWidget(self.why)
        self.list = QListWidget(self)
        for m in self.matches:
            why = reasons_text(self, m.reasons, year_entered=year_entered)
            item = QListWidgetItem(self._describe(m, with_community=True) + (f" — {why}" if why else ""))
            item.setToolTip(why)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.list.addItem(item)
        self.list.setWordWrap(True)  # the reasons make a line long (Kyrgyz especially)
        self.list.setCurrentRow(0)
        self.list.currentItemChanged.connect(self._chosen)
        self.list.itemDoubleClicked.connect(lambda _item: self._use())
        self.list.setVisible(len(self.matches) > 1)
        layout.addWidget(self.list)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.use_button = QPushButton(self)
        self.use_button.setDefault(True)
        self.create_button = QPushButton(self.tr("&Create anyway"), self)
        self.back_button = QPushButton(self.tr("&Back to the form"), self)
        self.use_button.clicked.connect(self._use)
        self.create_button.clicked.connect(lambda: self.done(self.CREATE_ANYWAY))
        self.back_button.clicked.connect(self.reject)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout.addLayout(buttons)
        self._update()

    def chosen_is_member(self) -> bool:
        """Whether the chosen person is already a member of the group."""
        return self.chosen_id is not None and self.chosen_id in self._in_group

    def _use(self) -> None:
        self.done(self.SHOW_EXISTING if self.chosen_is_member() else self.USE_EXISTING)

    def _update(self) -> None:
        """The hint, the reasons and the first button for the chosen person."""
        chosen = next((m for m in self.matches if m.id == self.chosen_id), None)
        why = reasons_text(self, chosen.reasons, year_entered=self._year_entered) if chosen is not None else ""
        self.why.setText(self.tr("Why: {reasons}.").format(reasons=why) if why else "")
        self.why.setVisible(bool(why))
        if self.chosen_is_member():
            m = next(m for m in self.matches if m.id == self.chosen_id)
            self.hint.setText(self.tr("{name} is already a member of this group. Show them in the group "
                                      "to check or change their details; create a new person only if "
                                      "this is someone else.").format(name=m.full_name))
            self.use_button.setText(self.tr("&Show them in the group"))
        elif self._group_wanted:
            self.hint.setText(self.tr("Use that person to add the existing record to this group, so their "
                                      "trainings and certificates stay together."))
            self.use_button.setText(self.tr("&Use that person"))
        else:
            self.hint.setText(self.tr("Use that person to keep one record per person."))
            self.use_button.setText(self.tr("&Use that person"))

    def _describe(self, m: PersonMatch, with_community: bool = False) -> str:
        parts = [m.full_name]
        if m.birth_year:
            parts.append(self.tr("born {year}").format(year=m.birth_year))
        if with_community:
            parts.append(self._community(m.community_name))
        if m.groups:
            parts.append(self.tr("member of {groups}").format(groups=", ".join(m.groups)))
        return ", ".join(parts)

    def _community(self, name_en: str) -> str:
        return self._names.get(name_en, name_en)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        self.chosen_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._update()
