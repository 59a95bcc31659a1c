"""Headquarters: people who may have been entered twice (by two offices, or in two spellings).

The whole-table search runs off the GUI thread (``ctx.ops.read``): meanwhile the page says
that it is looking and Merge / Keep apart wait; requests made during a search are coalesced
into one more search (the newest wins, a stale result is dropped).

A list of pairs, most likely first, and the chosen pair side by side (names, birth year, sex,
phone, community, groups, trainings) with Merge and Keep apart. Shown on demand (its page) and
offered after every import of sync packages (:func:`offer_review`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.matching import LIKELY
from ...services import installation, people_merge
from .. import theme
from ..context import AppContext
from ..dialogs.duplicates import reasons_text
from ..models.people import tr_label
from ..widgets.empty_state import EmptyState
from ..widgets.page_header import page_header

# lupdate finds calls named translate("Context", "text"): keep the literal context.
translate = QCoreApplication.translate


class SamePeoplePage(QWidget):
    """Pairs of people who may be one person, with Merge / Keep apart."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pairs: list[people_merge.ReviewPair] = []
        self.last_merged: str | None = None
        self._communities: dict[str, installation.CommunityInfo] | None = None
        self._generation = 0  # of the newest request; an older search's result is dropped
        self._searching = False  # a search thread is running
        self._busy = False  # the list shown is not yet the newest request's
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        self.merge_button = QPushButton(self.tr("&Merge"), self)
        self.merge_button.setToolTip(self.tr("One person: the records of the other move to the one kept"))
        self.apart_button = QPushButton(self.tr("&Keep apart"), self)
        self.apart_button.setToolTip(self.tr("Two people: do not offer this pair again"))
        self.undo_button = QPushButton(self.tr("&Undo the merge"), self)
        self.refresh_button = QPushButton(self.tr("Look &again"), self)
        self.merge_button.clicked.connect(self.merge_selected)
        self.apart_button.clicked.connect(self.keep_apart_selected)
        self.undo_button.clicked.connect(self.undo_merge)
        self.refresh_button.clicked.connect(self.refresh)
        head, self.title, self.subtitle = page_header(
            self, self.tr("Same people?"),
            [self.merge_button, self.apart_button, self.undo_button, self.refresh_button])
        layout.addLayout(head)
        intro = QLabel(self.tr("People who may have been entered twice, by two offices or in two spellings, "
                               "most likely first. Compare them side by side: merge them into one person "
                               "(their groups, attendance and certificates move to the one kept; a merge "
                               "can be undone), or keep them apart. Every office concerned receives the "
                               "decision with the next sync package."), self)
        intro.setWordWrap(True)
        intro.setStyleSheet(theme.DETAILS_STYLE)
        layout.addWidget(intro)
        self.busy = QLabel(self.tr("Looking for the same people…"), self)
        self.busy.setStyleSheet(theme.DETAILS_STYLE)
        self.busy.hide()
        layout.addWidget(self.busy)

        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._show_selected)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 6, 0, 0)
        self.why = QLabel(side)
        self.why.setWordWrap(True)
        side_layout.addWidget(self.why)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel(self.tr("Keep:"), side))
        self.keep_a = QRadioButton(side)
        self.keep_b = QRadioButton(side)
        self.keep_group = QButtonGroup(self)
        self.keep_group.addButton(self.keep_a)
        self.keep_group.addButton(self.keep_b)
        self.keep_a.setChecked(True)
        keep_row.addWidget(self.keep_a)
        keep_row.addWidget(self.keep_b)
        keep_row.addStretch(1)
        side_layout.addLayout(keep_row)
        self.compare = QTableWidget(7, 2, side)
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.compare.setWordWrap(True)
        self.compare.setVerticalHeaderLabels([self.tr("Name"), self.tr("Birth year"), self.tr("Sex"), self.tr("Phone"),
                                              self.tr("Community"), self.tr("Groups"), self.tr("Trainings")])
        self.compare.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.compare.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        side_layout.addWidget(self.compare, 1)

        self.empty = EmptyState(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(split)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------------------
    def _community(self, cid: str, fallback: str) -> str:
        if self._communities is None:
            self._communities = {c.id: c for c in installation.list_communities(self.ctx.store)}
        c = self._communities.get(cid)
        return self.ctx.community_name(c) if c is not None else fallback

    def refresh(self) -> None:
        """Search again in the background; the list is replaced when the newest search ends."""
        cid = self.ctx.community_id
        self.subtitle.setText(self._community(cid, "") if cid else self.tr("All communities"))
        self._generation += 1
        self._set_busy(True)
        if not self._searching:  # else: started when the running search ends
            self._search()

    @property
    def searching(self) -> bool:
        """True until the newest request's result is shown."""
        return self._busy

    def _search(self) -> None:
        self._searching = True
        generation, store, cid = self._generation, self.ctx.store, self.ctx.community_id

        def work() -> list[people_merge.ReviewPair]:
            return people_merge.review_pairs(store, community_id=cid)

        self.ctx.ops.read(self, work, lambda pairs: self._arrived(generation, pairs),
                          lambda exc: self._arrived(generation, exc), name="same-people")

    def _arrived(self, generation: int, result: object) -> None:
        self._searching = False
        if generation != self._generation:
            self._search()  # asked again meanwhile: this result is stale
            return
        self._set_busy(False)
        if isinstance(result, BaseException):
            self.ctx.show_error(self, result)
            return
        assert isinstance(result, list)
        self.show_pairs(result)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy and not self.pairs:
            self.empty.setText(self.busy.text())
            self.stack.setCurrentIndex(1)
        self._update_buttons()

    def show_pairs(self, pairs: list[people_merge.ReviewPair]) -> None:
        self.pairs = list(pairs)
        self.table.clearContents()
        self.table.setHorizontalHeaderLabels([self.tr("Match"), self.tr("First person"), self.tr("Second person"),
                                              self.tr("Why")])
        self.table.setRowCount(len(self.pairs))
        for r, p in enumerate(self.pairs):
            level = self.tr("likely") if p.score >= LIKELY else self.tr("possible")
            values = [f"{round(p.score * 100)}% {level}", self._short(p.a), self._short(p.b),
                      reasons_text(self, p.reasons)]
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for c in (1, 2):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(c, 300)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        if self.pairs:
            self.stack.setCurrentIndex(0)
            self.table.selectRow(0)
        else:
            self.empty.setText(self.busy.text() if self._busy else self.tr("Nobody seems to have been entered twice."))
            self.stack.setCurrentIndex(1)
        self._show_selected()

    def _short(self, side: people_merge.PersonSide) -> str:
        year = f", {side.birth_year}" if side.birth_year else ""
        return f"{side.full_name}{year}, {self._community(side.community_id, side.community_name)}"

    def selected(self) -> people_merge.ReviewPair | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.pairs):
            return None
        return self.pairs[rows[0].row()]

    def _show_selected(self) -> None:
        p = self.selected()
        self.compare.clearContents()
        if p is None:
            self.why.setText("")
            self._update_buttons()
            return
        self.compare.setHorizontalHeaderLabels([p.a.full_name, p.b.full_name])
        self.why.setText(self.tr("Why: {reasons}.").format(reasons=reasons_text(self, p.reasons)))
        self.keep_a.setText(p.a.full_name)
        self.keep_b.setText(p.b.full_name)
        for c, side in enumerate((p.a, p.b)):
            values = [side.full_name, str(side.birth_year or "—"), tr_label(side.sex), side.phone or "—",
                      self._community(side.community_id, side.community_name),
                      ", ".join(side.groups) or "—", ", ".join(side.trainings) or "—"]
            for r, v in enumerate(values):
                self.compare.setItem(r, c, QTableWidgetItem(v))
        self._update_buttons()

    def _update_buttons(self) -> None:
        # Looking: said above the list, or in its place when there is no list yet (not twice).
        self.busy.setVisible(self._busy and self.stack.currentIndex() == 0)
        has = self.selected() is not None and not self._busy
        self.merge_button.setEnabled(has)
        self.apart_button.setEnabled(has)
        self.undo_button.setEnabled(self.last_merged is not None)

    # -- decisions ----------------------------------------------------------------------------------
    def merge_selected(self) -> None:
        p = self.selected()
        if p is None:
            return
        keep, other = (p.a, p.b) if self.keep_a.isChecked() else (p.b, p.a)
        answer = QMessageBox.question(
            self, self.tr("Merge"),
            self.tr("Keep {keep} ({community}) and merge {other} into them? Groups, attendance and "
                    "certificates of {other} move to {keep}.").format(
                keep=keep.full_name, other=other.full_name,
                community=self._community(keep.community_id, keep.community_name)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.call(self, people_merge.merge_people, self.ctx.store, keep.id, other.id) is None:
            return
        self.last_merged = other.id
        self._decided({p.a.id, p.b.id}, other.id)

    def keep_apart_selected(self) -> None:
        p = self.selected()
        if p is None:
            return
        with self.ctx.ops.action(self) as act:
            people_merge.keep_apart(self.ctx.store, p.a.id, p.b.id)
        if not act.ok:
            return
        self._decided({p.a.id, p.b.id})

    def undo_merge(self) -> None:
        if self.last_merged is None:
            return
        if self.ctx.call(self, people_merge.unmerge, self.ctx.store, self.last_merged) is None:
            return
        self.last_merged = None
        self._decided()

    def _decided(self, pair: set[str] | None = None, gone: str | None = None) -> None:
        """The acted-on *pair* (and every pair of the merged-away person *gone*) leaves the
        list at once; the full list follows from a search in the background."""
        keep = [p for p in self.pairs
                if {p.a.id, p.b.id} != pair and gone not in (p.a.id, p.b.id)]
        self.refresh()
        self.show_pairs(keep)


def offer_review(parent: QWidget, ctx: AppContext, show: Any) -> None:
    """After an import at headquarters: look for likely same people across communities in the
    background and, if there are any, offer to review them (``show()`` opens the page)."""
    if not ctx.is_hq:
        return
    store = ctx.store

    def work(_worker: Any) -> int:
        return len(people_merge.review_pairs(store, threshold=LIKELY))

    def done(n: int) -> None:
        if not n:
            return
        box = QMessageBox(QMessageBox.Icon.Question, translate("SamePeoplePage", "Same people?"),
                          translate("SamePeoplePage", "%n pair(s) of people may be one person each, entered "
                                    "by two offices or in two spellings. Review them now?", "", n),
                          QMessageBox.StandardButton.NoButton, parent)
        review = box.addButton(translate("SamePeoplePage", "&Review"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("SamePeoplePage", "&Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is review:
            show()

    ctx.run_in_background(parent, translate("SamePeoplePage", "Looking for people entered twice…"), work, done)
