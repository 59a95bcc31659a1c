"""The Local plans page: the community's plans, and an editor that saves as you type.

Every edit (re)starts a short single-shot timer (0.8 s, a pause in typing); when it fires the
whole editor content is saved with ``services.plans.save_draft`` (one unit of work, about
40-60 ms for 40 activities) on a worker thread through ``ctx.ops.submit``, so typing never
waits for it (bench/bench_plan_autosave.py). One save runs at a time: an autosave due while
one is running starts after it has ended, with the text as it is then, so a save never
overtakes an earlier one; new activity rows get their ids here before the save, so a later
save updates them rather than adding them twice. "Saved hh:mm" is shown when it has ended.

The page also saves when the keyboard focus leaves the editor (the list, another page,
another program), when it is hidden (another page chosen), on Ctrl+S, and when the main
window closes (it asks ``has_unsaved()`` and calls ``save()``): those saves first wait for a
running autosave, then save at once, so the window never closes before the last save is in.
So a crash or a power cut loses at most the last second of typing.

Only a draft can be edited (the data core refuses the rest); submitted and approved plans
are shown read-only with the reason. Rows of the activities table that were added but never
filled in are not saved and are not an error.

The parts: :mod:`.plan_list` (the list on top), :mod:`.text_tab`, :mod:`.activities_tab`,
:mod:`.revisions_tab` (the editor's tabs); this module puts them together and saves.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from ....domain.enums import PlanStatus
from ....domain.roles import Permission
from ....errors import UserError, ValidationError
from ....i18n import Message
from ....services import plan_origin, plans
from ... import theme
from ...context import AppContext, translate
from ...dialogs.compare import CompareDialog
from ...dialogs.new_plan import NewPlanDialog
from ...models.activities import is_blank, status_label
from ...ops import Pending
from ...widgets.dates import time_text
from ...widgets.flow import flow_buttons
from ...widgets.modal import exec_and_delete
from ...widgets.permit import guard
from ...widgets.saved_state import saved_text
from ..forms.plans_page_ui import Ui_PlansPage
from .common import STATUS_STYLE

log = logging.getLogger(__name__)


class PlansPage(QWidget):
    """List of plans on top, the selected plan's editor below (tabs: plan, activities, revisions)."""

    AUTOSAVE_MS = 800
    MAX_UNSAVED_S = 3.0  # typing without a pause does not postpone the save beyond this

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: plans.PlanInfo | None = None
        self._loading = False
        self._dirty = False
        self._dirty_since = 0.0
        self._saving: Pending | None = None  # the autosave running on a worker thread
        self._save_again = False  # an autosave came due while it ran: start it afterwards
        self._fitted_rows = -1
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(self.AUTOSAVE_MS)
        self.autosave.timeout.connect(self._autosave)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

        ui = self.ui = Ui_PlansPage()  # the layout: ui/plans_page.ui
        ui.setupUi(self)
        self.title_label, self.subtitle = ui.title, ui.subtitle
        self.title_label.setStyleSheet(theme.TITLE_STYLE)
        self.subtitle.setStyleSheet(theme.SUBTITLE_STYLE)
        self.new_button, self.delete_button = ui.newButton, ui.deleteButton
        self.new_button.clicked.connect(self.new_item)
        self.delete_button.clicked.connect(self.delete_selected)

        self.stack, self.splitter = ui.stack, ui.splitter
        self.list = ui.list
        self.list.ctx = ctx
        self.fair_columns = self.list.fair_columns
        self.list.itemSelectionChanged.connect(self._list_selection_changed)
        self.editor = ui.editor
        self._set_up_editor()
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([120, 560])

        empty = ui.emptyBox
        self.empty_label, self.empty_new_button = empty.label, empty.button
        if self.empty_new_button is not None:
            self.empty_new_button.clicked.connect(lambda _checked=False: self.new_item())
        self._set_editor_enabled(False)

    @property
    def plan_rows(self) -> list[plans.PlanInfo]:
        return self.list.rows

    @property
    def revisions(self) -> list[plans.RevisionInfo]:
        return self.revisions_tab.revisions

    # -- setting up the editor -------------------------------------------------------------------
    def _set_up_editor(self) -> None:
        ui = self.ui
        self.status_chip, self.save_state = ui.statusChip, ui.saveState
        self.status_chip.setStyleSheet(theme.CHIP_STYLE)
        # A fixed width, the text elided (whole in the tooltip): a long "Not saved: ..." must not
        # squeeze the buttons onto a second row and move the page under the mouse.
        self.save_state.setFixedWidth(self._state_width())
        self.revision_button, self.submit_button = ui.revisionButton, ui.submitButton
        self.approve_button, self.return_button, self.print_button = ui.approveButton, ui.returnButton, ui.printButton
        self.revision_button.clicked.connect(self.save_as_revision)
        self.submit_button.clicked.connect(lambda: self.change_status(PlanStatus.SUBMITTED.value))
        self.approve_button.clicked.connect(lambda: self.change_status(PlanStatus.APPROVED.value))
        self.return_button.clicked.connect(lambda: self.change_status(PlanStatus.DRAFT.value))
        self.print_button.clicked.connect(self.print_plan)
        # Wraps onto a second line rather than cutting the (long Russian) texts at 960 px.
        flow_buttons(ui.buttonRow, [self.revision_button, self.submit_button, self.approve_button,
                                    self.return_button, self.print_button], align_right=True)
        self.banner = ui.banner
        self.banner.setStyleSheet(theme.BANNER_STYLE)

        self.tabs = ui.tabs
        self.text_tab = ui.textTab
        self.text_tab.edited.connect(self._edited)
        self.activities_tab = ui.activitiesTab
        self.activities_tab.model.changed.connect(self._edited)
        self.activities_tab.delegate.typing.connect(self._typing)
        self.activities_tab.rows_changed.connect(
            lambda n: self.tabs.setTabText(1, self.tr("Activities ({n})").format(n=n)))
        self.revisions_tab = ui.revisionsTab
        self.revisions_tab.bind(self.ctx, lambda: self.current_draft()[0])
        # The parts' widgets by the names the page has always had.
        t = self.text_tab
        self.title_edit, self.start_edit, self.end_edit = t.title_edit, t.start_edit, t.end_edit
        self.section_edits, self.section_errors = t.section_edits, t.section_errors
        self.title_error, self.period_error = t.title_error, t.period_error
        a = self.activities_tab
        self.table, self.model, self.delegate = a.table, a.model, a.delegate
        self.activity_errors, self.total_labels = a.errors, a.total_labels
        self.add_button, self.remove_button, self.up_button, self.down_button = (
            a.add_button, a.remove_button, a.up_button, a.down_button)
        self.revision_table, self.compare_button = self.revisions_tab.table, self.revisions_tab.compare_button

    def _state_width(self) -> int:
        """Wide enough for every short state in this language ("Unsaved changes", "Saved 14:05")."""
        fm = self.fontMetrics()
        texts = [self.tr("Unsaved changes"), self.tr("Saved {time}").format(time="00:00"), self.tr("Read-only"),
                 self.tr("Not saved"), self.tr("Saved as revision {n}").format(n=99)]
        return max(150, *(fm.horizontalAdvance(t) + 12 for t in texts))

    # -- page protocol ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list (and the open plan) from the data folder, saving first."""
        if not self._save(interactive=False):
            return  # keep the user's unsaved text; the indicator says why
        cid = self.ctx.community_id
        if cid is None:
            self.subtitle.setText(self.tr("All communities"))
        else:
            c = self.list.community(cid)
            self.subtitle.setText(self.ctx.community_name(c) if c else "")
        keep = self.plan.id if self.plan else None
        self.list.fill(plans.list_plans(self.ctx.store, cid))
        if not self.plan_rows:
            self.empty_label.setText(
                self.tr("There are no local plans yet.") if cid is None else
                self.tr("No local plan yet. Start one: the sections and activities are saved as you type."))
            self.empty_new_button.setVisible(cid is not None or self.ctx.is_hq)
            self.stack.setCurrentIndex(1)
            self._load(None)
            return
        self.stack.setCurrentIndex(0)
        self._fit_list()
        ids = [p.id for p in self.plan_rows]
        self.list.select(ids.index(keep) if keep in ids else 0)
        self._load(self.plan_rows[self.list.currentRow()].id)

    def new_item(self) -> None:
        if not self.save():
            return
        dlg = NewPlanDialog(self.ctx, self)
        if exec_and_delete(dlg) and dlg.plan_id:
            self.plan = None
            self.refresh()
            self.select_plan(dlg.plan_id)
            self.tabs.setCurrentIndex(0)
            self.section_edits["context"].setFocus()

    def save(self) -> bool:
        """Ctrl+S and closing the window: save now; say plainly what is wrong if it cannot."""
        return self._save(interactive=True)

    def has_unsaved(self) -> bool:
        """Whether something typed is not saved yet (a running autosave is waited for first)."""
        self._commit_open_editor()
        self._finish_saving()
        return self._dirty

    def focus_filter(self) -> None:
        self.list.setFocus()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """The focus left the editor (to the list, the navigation, another program): save now."""
        if not self._dirty or old is None or not self.editor.isAncestorOf(old):
            return
        if new is not None and self.editor.isAncestorOf(new):
            return
        if QApplication.activeModalWidget() is not None:
            return  # a question of ours is open; it saves or discards itself
        self._save(interactive=False)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        window = self.window()
        if window is not self and window.isVisible():
            # Another page was chosen: save now rather than after the pause.
            if self._dirty:
                self._save(interactive=False)
        else:
            # The window is closing; it has already asked whether to save.
            self.autosave.stop()

    # -- list ---------------------------------------------------------------------------------------
    def _fit_list(self) -> None:
        """Give the list the height of its rows (up to about five), the editor the rest."""
        rows = min(max(len(self.plan_rows), 1), 5)
        if rows == self._fitted_rows:
            return  # keep what the user set with the splitter
        want = self.list.wanted_height()
        total = sum(self.splitter.sizes()) or self.splitter.height()
        if total > want:
            self.splitter.setSizes([want, total - want])
            self._fitted_rows = rows

    def select_plan(self, plan_id: str) -> bool:
        """Show *plan_id* in the editor (saving the open plan first)."""
        ids = [p.id for p in self.plan_rows]
        if plan_id not in ids:
            return False
        self.list.select(ids.index(plan_id))
        self._list_selection_changed()
        return self.plan is not None and self.plan.id == plan_id

    def _list_selection_changed(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.plan_rows):
            return
        new_id = self.plan_rows[row].id
        if self.plan and self.plan.id == new_id:
            return
        if not self._save(interactive=False):
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("STRIVE Desktop"),
                              self.tr("The open plan could not be saved:\n{reason}\n\nStay and correct it, "
                                      "or discard the unsaved changes?").format(reason=self._last_error),
                              parent=self)
            stay = box.addButton(self.tr("&Stay"), QMessageBox.ButtonRole.RejectRole)
            box.addButton(self.tr("&Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(stay)
            exec_and_delete(box)
            if box.clickedButton() is stay:
                ids = [p.id for p in self.plan_rows]
                if self.plan and self.plan.id in ids:
                    self.list.select(ids.index(self.plan.id))
                return
        self._load(new_id)

    # -- editor -------------------------------------------------------------------------------------
    def _load(self, plan_id: str | None) -> None:
        """Fill the editor from the data folder (no save, no dirty flag)."""
        self._finish_saving()
        self.autosave.stop()
        self._dirty = False
        info = None
        if plan_id is not None:
            info = self.ctx.call(self, plans.get_plan, self.ctx.store, plan_id)
        self.plan = info
        self._loading = True
        try:
            d = info.draft if info else plans.PlanDraft("")
            self.text_tab.set_draft(d)
            read_only = info is None or info.status != PlanStatus.DRAFT.value
            self.model.set_activities(d.activities, read_only=read_only)
            self.delegate.default_date = d.period_start
        finally:
            self._loading = False
        self._clear_errors()
        self._load_revisions()
        self._set_state("", theme.OK)
        if info is not None:
            # "Received from Nookat office, saved there 07:26" for a plan another installation saved
            self._set_state(saved_text(plan_origin.plan_saved_by(self.ctx.store, info.id)), theme.OK)
        self._apply_status()  # read-only plans say so instead
        self._update_totals()

    def _set_editor_enabled(self, enabled: bool) -> None:
        self.editor.setEnabled(enabled)

    def _apply_status(self) -> None:
        info = self.plan
        self._set_editor_enabled(info is not None)
        status = info.status if info else PlanStatus.DRAFT.value
        draft = info is not None and status == PlanStatus.DRAFT.value
        self.status_chip.setText(status_label(status))
        self.status_chip.setStyleSheet(theme.CHIP_STYLE + STATUS_STYLE.get(status, ""))
        self.text_tab.set_editable(draft)
        self.revision_button.setEnabled(draft)
        # What the logged-in role may not do stays disabled, its tooltip saying why (roles.py).
        permits = self.ctx.permits  # read once per login, kept by the window
        guard(self.submit_button, permits, Permission.EDIT_PLANS, enabled=draft)
        guard(self.approve_button, permits, Permission.APPROVE_PLAN,
              enabled=info is not None and status == PlanStatus.SUBMITTED.value)
        guard(self.return_button, permits, Permission.EDIT_PLANS,
              enabled=info is not None and status == PlanStatus.SUBMITTED.value)
        guard(self.delete_button, permits, Permission.EDIT_PLANS, enabled=draft)
        if info is None or draft:
            self.banner.hide()
        else:
            if status == PlanStatus.SUBMITTED.value:
                text = self.tr("This plan is submitted, so it cannot be edited. To change it, use “Return to "
                               "draft”; after approval it becomes final.")
            else:
                text = self.tr("This plan is approved and final: it can no longer be edited. Its text is kept "
                               "in revision {n}.").format(n=info.revision)
            self.banner.setText(text)
            self.banner.show()
            self._set_state(self.tr("Read-only"), theme.NOTICE_FG)
        self.activities_tab.set_editable(draft)

    def _set_state(self, text: str, colour: str) -> None:
        width = self.save_state.width() - 4
        shown = self.save_state.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
        self.save_state.setText(shown)
        self.save_state.setToolTip(text if shown != text else "")
        self.save_state.setStyleSheet(theme.text_style(colour))

    def current_draft(self) -> tuple[plans.PlanDraft, list[int]]:
        """The editor's content as a draft, and the table row of each activity in it."""
        rows = [(r, a) for r, a in enumerate(self.model.activities()) if not is_blank(a)]
        return self.text_tab.draft([a for _r, a in rows]), [r for r, _a in rows]

    def _start_autosave(self) -> None:
        """(Re)start the single-shot save timer: 0.8 s after the last edit, but never more than
        about :attr:`MAX_UNSAVED_S` after the first unsaved one."""
        now = time.monotonic()
        if not self._dirty:
            self._dirty = True
            self._dirty_since = now
        if not self.autosave.isActive() or now - self._dirty_since < self.MAX_UNSAVED_S:
            self.autosave.start()
        self._set_state(self.tr("Unsaved changes"), theme.WARNING)

    def _edited(self) -> None:
        if self._loading or self.plan is None or self.plan.status != PlanStatus.DRAFT.value:
            return
        self._start_autosave()
        self._update_totals()
        self.activities_tab.update_buttons()
        self._validate()

    def _typing(self) -> None:
        """A cell editor is open and its content changed: count it as an edit."""
        if self._loading or self.plan is None or self.plan.status != PlanStatus.DRAFT.value:
            return
        self._start_autosave()

    def _commit_open_editor(self) -> None:
        self.activities_tab.commit_open_editor()

    def _update_totals(self) -> None:
        self.activities_tab.update_totals()

    # -- validation -------------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        for label in (*self.text_tab.error_labels(), self.activity_errors):
            label.hide()
        self.model.set_errors({})

    def _validate(self) -> dict[str, Message] | None:
        """Check the editor with the data core's rules; show problems in place. None when fine."""
        draft, rows = self.current_draft()
        try:
            plans.validate_draft(draft)
        except ValidationError as exc:
            self._show_errors(exc.errors, rows)
            return exc.errors
        self._clear_errors()
        return None

    def _show_errors(self, errors: dict[str, Message], rows: list[int]) -> None:
        self._clear_errors()
        cells: dict[tuple[int, str], str] = {}
        lines: list[str] = []
        for key, msg in errors.items():
            if key.startswith("activities."):
                _, i, field = key.split(".", 2)
                row = rows[int(i)]
                if "n" in msg.args:
                    msg = Message(msg.text, **{**msg.args, "n": row + 1})
                    text = msg.render(translate)
                else:
                    text = self.tr("Row {n}: {problem}").format(n=row + 1, problem=msg.render(translate))
                cells[(row, field)] = msg.render(translate)
                lines.append(text)
                continue
            if key == "activities":
                lines.append(msg.render(translate))
                continue
            label = self.text_tab.label_for(key)
            label.setText(msg.render(translate))
            label.setToolTip(label.text())
            label.show()
        self.model.set_errors(cells)
        if lines:
            self.activity_errors.setText("\n".join(lines))
            self.activity_errors.show()

    # -- saving -------------------------------------------------------------------------------------
    _last_error = ""

    def _autosave(self) -> None:
        """The timer's save: on a worker thread (see the module's docstring)."""
        self._commit_open_editor()
        self.autosave.stop()
        if not self._dirty or self.plan is None:
            return
        if self._saving is not None:
            self._save_again = True  # after the running save, never beside it
            return
        # Checked by the service on the worker (a refusal is shown in place when it comes back).
        draft = self._draft_to_save(interactive=False, check=False)
        if draft is None:
            return
        plan_id = self.plan.id
        self._dirty = False  # what is typed from now on makes it dirty again
        self._saving = self.ctx.ops.submit(
            self, plans.save_draft, self.ctx.store, plan_id, draft,
            on_done=lambda info: self._autosaved(plan_id, info),
            on_error=lambda exc: self._autosave_failed(plan_id, exc))

    def _finish_saving(self) -> None:
        """Wait for a running autosave and take its outcome now (before a save, a reload,
        closing)."""
        while self._saving is not None and self._saving.running:
            self._saving.wait()  # its end may start the autosave that came due meanwhile
        self._save_again = False  # whoever waited saves (or reloads) now

    def _autosaved(self, plan_id: str, info: plans.PlanInfo) -> None:
        self._saving = None
        if not isValid(self) or self.plan is None or self.plan.id != plan_id:
            return
        self.plan = info
        self._update_list_row(info)
        if not self._dirty:
            self._show_saved()
        if self._save_again:
            self._save_again = False
            self._autosave()

    def _autosave_failed(self, plan_id: str, exc: BaseException) -> None:
        self._saving = None
        self._save_again = False
        if not isValid(self) or self.plan is None or self.plan.id != plan_id:
            log.error("saving a plan failed after it was closed: %s", exc)
            return
        self._dirty = True  # the text is still in the editor, not in the data folder
        if isinstance(exc, ValidationError):
            self._draft_to_save(interactive=False)  # marks the fields and says what is wrong
            return
        self._save_failed(exc, interactive=False)

    def _draft_to_save(self, interactive: bool, check: bool = True) -> plans.PlanDraft | None:
        """The editor's content, validated if *check* (None after saying what is wrong), its
        new activity rows given their ids now (the data core keeps an id it is given)."""
        draft, rows = self.current_draft()
        errors = self._validate() if check else None
        if errors is not None:
            first = next(iter(errors.values())).render(translate)
            self._failed(self.tr("Not saved: {reason}").format(reason=first), first, interactive,
                         self.tr("The plan was not saved because something needs correcting:\n{reason}"
                                 "\n\nThe marked fields show what.").format(reason=first))
            return None
        for a in draft.activities:
            a.id = a.id or str(uuid.uuid4())
        self.model.set_ids(rows, [a.id for a in draft.activities])
        return draft

    def _save(self, interactive: bool) -> bool:
        """Save now, on the GUI thread, after a running autosave (Ctrl+S, another plan or page
        chosen, closing)."""
        self._commit_open_editor()
        self._finish_saving()
        self.autosave.stop()
        if not self._dirty or self.plan is None:
            return True
        draft = self._draft_to_save(interactive)
        if draft is None:
            return False
        try:
            # Autosave reports its own failures quietly (see _failed): every error passes through.
            info = self.ctx.ops.run(self, plans.save_draft, self.ctx.store, self.plan.id, draft,
                                    passthrough=(Exception,))
        except Exception as exc:  # noqa: BLE001 - shown by _save_failed
            return self._save_failed(exc, interactive)
        self.plan = info
        self._dirty = False
        self._show_saved()
        self._update_list_row(info)
        return True

    def _show_saved(self) -> None:
        self._last_error = ""
        self.save_state.setToolTip("")
        self._set_state(self.tr("Saved {time}").format(time=time_text(dt.datetime.now())), theme.OK)

    def _save_failed(self, exc: BaseException, interactive: bool) -> bool:
        """Say why the save failed (a message box only when the user asked for the save)."""
        if isinstance(exc, UserError):
            text = exc.render(translate)
            return self._failed(self.tr("Not saved: {reason}").format(reason=text), text, interactive, text)
        log.error("saving the plan failed", exc_info=exc)
        if interactive:
            self.ctx.show_error(self, exc)
        self._last_error = str(exc)
        self._set_state(self.tr("Not saved"), theme.ERROR)
        return False

    def _failed(self, state: str, reason: str, interactive: bool, message: str) -> bool:
        self._last_error = reason
        self._set_state(state, theme.ERROR)
        self.save_state.setToolTip(state)
        if interactive:
            QMessageBox.warning(self, self.tr("STRIVE Desktop"), message)
        return False

    def _update_list_row(self, info: plans.PlanInfo) -> None:
        self.list.update_plan(info)

    # -- activities and revisions: the tabs' own -------------------------------------------------
    def add_activity(self) -> None:
        self.activities_tab.add_activity()

    def remove_activity(self) -> None:
        self.activities_tab.remove_activity()

    def move_activity(self, delta: int) -> None:
        self.activities_tab.move_activity(delta)

    def _load_revisions(self) -> None:
        self.revisions_tab.load(self.plan.id if self.plan else None)
        self.tabs.setTabText(2, self.tr("Revisions ({n})").format(n=len(self.revisions)))

    def selected_revisions(self) -> list[int]:
        return self.revisions_tab.selected()

    def select_revisions(self, *numbers: int) -> None:
        self.revisions_tab.select(*numbers)

    def compare_dialog(self) -> CompareDialog | None:
        return self.revisions_tab.compare_dialog()

    def compare_selected(self) -> None:
        self.revisions_tab.compare_selected()

    def save_as_revision(self) -> None:
        if self.plan is None:
            return
        if not self.save():
            return
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Save as revision"))
        dlg.setLabelText(self.tr("A revision keeps the plan exactly as it is now.\nNote (optional), e.g. "
                                 "“after the advisory group meeting”:"))
        dlg.setOkButtonText(self.tr("&Save revision"))
        dlg.setCancelButtonText(self.tr("Cancel"))
        dlg.resize(460, dlg.sizeHint().height())
        if not exec_and_delete(dlg):
            return
        self.make_revision(dlg.textValue())

    def make_revision(self, note: str = "") -> int | None:
        """Save the open plan and freeze it as the next revision; return its number."""
        if self.plan is None or not self.save():
            return None
        number = self.ctx.call(self, plans.save_revision, self.ctx.store, self.plan.id, note)
        if number is None:
            return None
        plan = self.ctx.call(self, plans.get_plan, self.ctx.store, self.plan.id)
        if plan is not None:
            self.plan = plan
            self._update_list_row(plan)
        self._load_revisions()
        self._set_state(self.tr("Saved as revision {n}").format(n=number), theme.OK)
        return number

    # -- status, delete, print --------------------------------------------------------------------------
    def change_status(self, target: str) -> bool:
        if self.plan is None:
            return False
        if not self.save():
            return False
        title = self.plan.title
        if target == PlanStatus.SUBMITTED.value:
            question = self.tr("Submit “{title}” for approval?\nA submitted plan cannot be edited unless it is "
                               "returned to draft. A revision is saved automatically.").format(title=title)
        elif target == PlanStatus.APPROVED.value:
            question = self.tr("Approve “{title}”?\nAn approved plan is final and can no longer be changed.") \
                .format(title=title)
        else:
            question = self.tr("Return “{title}” to draft?\nIt can be edited again and must be submitted "
                               "again for approval.").format(title=title)
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        default = (QMessageBox.StandardButton.No if target == PlanStatus.DRAFT.value
                   else QMessageBox.StandardButton.Yes)
        if QMessageBox.question(self, self.tr("Change plan status"), question, buttons, default) \
                != QMessageBox.StandardButton.Yes:
            return False
        try:
            with self.ctx.ops.action(self, passthrough=(ValidationError,)) as act:
                info = plans.change_status(self.ctx.store, self.plan.id, target)
        except ValidationError as exc:
            self._show_errors(exc.errors, self.current_draft()[1])  # also next to the fields
            QMessageBox.warning(self, self.tr("STRIVE Desktop"),
                                "\n".join(m.render(translate) for m in exc.errors.values()))
            return False
        if not act.ok:
            return False
        self._update_list_row(info)
        self._load(info.id)
        return True

    def delete_selected(self) -> None:
        if self.plan is None:
            return
        if self.plan.status != PlanStatus.DRAFT.value:
            QMessageBox.information(self, self.tr("STRIVE Desktop"), self.tr("Only a draft plan can be deleted."))
            return
        answer = QMessageBox.question(
            self, self.tr("Delete plan"),
            self.tr("Delete the plan “{title}” with its activities and revisions?").format(title=self.plan.title))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._finish_saving()  # a running autosave first, not after the plan is gone
        with self.ctx.ops.action(self) as act:
            plans.delete_plan(self.ctx.store, self.plan.id)
        if not act.ok:
            return
        self.autosave.stop()
        self._dirty = False
        self.plan = None
        self.refresh()

    def print_plan(self) -> None:
        if self.plan is None:
            return
        if not self.save():
            return
        from ...printing import print_plan  # ReportLab is loaded on the first print, not at start

        try:
            print_plan(self.ctx, self, self.plan.id)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)

