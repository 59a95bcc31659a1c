"""New local plan: title and period (and, at headquarters, the community)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSizePolicy, QWidget

from ...errors import ValidationError
from ...services import installation, plans
from .. import theme
from ..context import AppContext, translate
from ..forms.new_plan_dialog_ui import Ui_NewPlanDialog
from ..widgets.date_typing import accept_typed_year


class NewPlanDialog(QDialog):
    """Creates the plan on accept; ``plan_id`` is then set. The form is ui/new_plan_dialog.ui."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, community_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan_id: str | None = None
        ui = self.ui = Ui_NewPlanDialog()
        ui.setupUi(self)
        theme.colour_error_labels(self)
        self.form = ui.form
        self.community, self.title, self.start, self.end = ui.community, ui.title, ui.start, ui.end
        self.community_error, self.title_error, self.period_error = (
            ui.communityError, ui.titleError, ui.periodError)
        community_id = community_id or ctx.community_id
        for c in installation.list_communities(ctx.store):
            self.community.addItem(ctx.community_name(c), c.id)
        self.community.setCurrentIndex(max(self.community.findData(community_id), 0) if community_id else -1)
        self.form.setRowVisible(self.community, ctx.is_hq)
        for label in (self.community_error, self.title_error, self.period_error):
            # As wide as the field above it: a word-wrapped label otherwise wraps at ~200 px.
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.form.setRowVisible(label, False)

        year = QDate.currentDate().year()
        self.start.setDate(QDate(year, 1, 1))
        self.end.setDate(QDate(year, 12, 31))
        accept_typed_year(self.start, self.end)

        ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("C&reate plan"))
        ok.setDefault(True)
        ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        self.title.setFocus()

    @staticmethod
    def _py(d: QDate) -> dt.date:
        return dt.date(d.year(), d.month(), d.day())

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        self.form.setRowVisible(label, bool(text))
        self.adjustSize()  # room for the message, without squeezing the introduction

    def accept(self) -> None:
        for label in (self.community_error, self.title_error, self.period_error):
            self._show(label, "")
        cid = self.community.currentData()
        if not cid:
            self._show(self.community_error, self.tr("Choose the community the plan belongs to."))
            self.community.setFocus()
            return
        draft = plans.PlanDraft(self.title.text(), self._py(self.start.date()), self._py(self.end.date()))
        try:
            with self.ctx.ops.action(self, passthrough=(ValidationError,)) as act:
                self.plan_id = plans.create_plan(self.ctx.store, cid, draft)
        except ValidationError as exc:
            if "title" in exc.errors:
                self._show(self.title_error, exc.errors["title"].render(translate))
                self.title.setFocus()
            if "period_end" in exc.errors:
                self._show(self.period_error, exc.errors["period_end"].render(translate))
                if "title" not in exc.errors:
                    self.end.setFocus()
            return
        if not act.ok:
            return
        super().accept()
