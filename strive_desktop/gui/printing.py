"""Print actions the pages call: build the PDF off the GUI thread, then open the preview.

``build_certificates`` (the certificates dialog's job: see dialogs/certificates.py
``print_certificates``), ``print_attendance_sheet(ctx, parent, training_id)``, ``print_plan(ctx, parent, plan_id)`` and ``print_summary(ctx, parent)``.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLabel, QSizePolicy, QWidget

from ..pdf import documents
from ..pdf.common import Cancelled, safe_file_name
from ..services import installation, plans, trainings
from . import theme
from .context import AppContext
from .forms.summary_options_dialog_ui import Ui_SummaryOptions
from .widgets.modal import exec_and_delete

_tmp: Path | None = None
_open: list[QWidget] = []  # previews without a parent stay alive while shown


# lupdate finds calls named translate("Context", "text"): keep the literal context at each call.
translate = QCoreApplication.translate


def temp_dir() -> Path:
    """A folder for the PDFs being previewed, removed when the app exits."""
    global _tmp
    if _tmp is None or not _tmp.exists():
        _tmp = Path(tempfile.mkdtemp(prefix="strive-pdf-"))
        atexit.register(shutil.rmtree, _tmp, True)
    return _tmp


def file_name(*parts: str) -> str:
    """The name Save as offers (without .pdf): the parts in the UI language, joined by "_",
    without characters Windows refuses in a file name."""
    return "_".join(p for p in (safe_file_name(x) for x in parts if x.strip()) if p != "document")


def _temp_pdf(name: str) -> Path:
    d = Path(tempfile.mkdtemp(dir=temp_dir()))
    return d / (safe_file_name(name) + ".pdf")


def open_preview(parent: QWidget | None, path: Path, title: str) -> QWidget:
    from .pdf_preview import PdfPreview

    window = PdfPreview(path, title, path.name, parent)
    _open.append(window)
    window.destroyed.connect(lambda *_: _open.remove(window) if window in _open else None)
    window.show()
    window.raise_()
    return window


def _build_then_preview(ctx: AppContext, parent: QWidget | None, title: str, progress_text: str,
                        build: Callable[[Any], Path | None], *, cancellable: bool = False,
                        on_preview: Callable[[QWidget], None] | None = None) -> None:
    def job(worker: Any) -> Path | None:
        try:
            return build(worker)
        except Cancelled:
            return None

    def done(path: Path | None) -> None:
        if path is None:
            return
        try:
            window = open_preview(parent, path, title)
        except Exception as exc:  # noqa: BLE001 - shown plainly or apologised for
            ctx.show_error(parent, exc)
            return
        if on_preview is not None:
            on_preview(window)

    ctx.run_in_background(parent, progress_text, job, done, cancellable=cancellable)


def pdf_language(ctx: AppContext) -> str:
    return ctx.lang if ctx.lang in ("ky", "ru", "en") else "en"


# ---- the four documents -------------------------------------------------------------------------


def build_certificates(ctx: AppContext, parent: QWidget | None, training_id: str, *, lang: str,
                       person_ids: list[str] | None, per_person_dir: Path | None,
                       on_done: Callable[[list[Path] | None], None] | None = None) -> None:
    """Issue and render in the background (progress, cancel); preview one PDF or report the folder."""
    store = ctx.store
    info = trainings.get_training(store, training_id)
    out = None if per_person_dir else _temp_pdf(file_name(translate("printing", "Certificates"), info.title))

    def job(worker: Any) -> list[Path] | None:
        try:
            return documents.certificates_pdf(store, training_id, out, lang=lang, person_ids=person_ids,
                                              per_person_dir=per_person_dir, progress=worker.progress.emit,
                                              cancelled=lambda: worker.cancelled)
        except Cancelled:
            return None

    def done(paths: list[Path] | None) -> None:
        if paths and out is not None:
            try:
                open_preview(parent, paths[0], translate("printing", "Certificates"))
            except Exception as exc:  # noqa: BLE001
                ctx.show_error(parent, exc)
        if on_done is not None:
            on_done(paths)

    ctx.run_in_background(parent, translate("printing", "Preparing the certificates…"), job, done, cancellable=True)


def print_attendance_sheet(ctx: AppContext, parent: QWidget | None, training_id: str) -> None:
    store, lang = ctx.store, pdf_language(ctx)
    info = trainings.get_training(store, training_id)
    title = translate("printing", "Attendance sheet")
    out = _temp_pdf(file_name(title, info.title))
    _build_then_preview(ctx, parent, title, translate("printing", "Preparing the attendance sheet…"),
                        lambda _w: documents.attendance_sheet_pdf(store, training_id, out, lang=lang))


def print_plan(ctx: AppContext, parent: QWidget | None, plan_id: str) -> None:
    store, lang = ctx.store, pdf_language(ctx)
    plan = plans.get_plan(store, plan_id)
    out = _temp_pdf(file_name(plan.draft.title))
    _build_then_preview(ctx, parent, plan.draft.title, translate("printing", "Preparing the plan…"),
                        lambda _w: documents.plan_pdf(store, plan_id, out, lang=lang))


class SummaryOptions(QDialog):
    """Period, community and language of the donor summary. The form is ui/summary_options_dialog.ui."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ui = self.ui = Ui_SummaryOptions()
        ui.setupUi(self)
        self.all_dates, self.date_from, self.date_to = ui.allDates, ui.dateFrom, ui.dateTo
        self.community, self.language = ui.community, ui.language
        today = QDate.currentDate()
        self.date_from.setDate(QDate(today.year(), 1, 1))
        self.date_to.setDate(today)
        self.all_dates.toggled.connect(lambda on: (self.date_from.setEnabled(not on),
                                                   self.date_to.setEnabled(not on)))
        # A reversed period is said under the dates and the dialog stays open with what was
        # chosen (it used to close after the message, and everything had to be chosen again).
        self.period_error = QLabel(self)
        self.period_error.setObjectName("periodError")
        self.period_error.setWordWrap(True)
        self.period_error.setStyleSheet(theme.ERROR_STYLE)
        self.period_error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        ui.form.insertRow(2, "", self.period_error)
        ui.form.setRowVisible(self.period_error, False)
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(lambda _d: ui.form.setRowVisible(self.period_error, False))
        self.community.addItem(self.tr("All communities"), None)
        for c in installation.list_communities(ctx.store):
            self.community.addItem(c.name(ctx.lang), c.id)
        i = self.community.findData(ctx.community_id) if ctx.community_id else 0
        self.community.setCurrentIndex(max(i, 0))
        for code, name in (("en", "English"), ("ru", "Русский"), ("ky", "Кыргызча")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(pdf_language(ctx))))
        ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create PDF"))
        ok.setDefault(True)
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        if not self.all_dates.isChecked() and self.date_to.date() < self.date_from.date():
            self.period_error.setText(self.tr("The period ends before it starts: choose an end date on or "
                                              "after the start date, or tick “All dates”."))
            self.ui.form.setRowVisible(self.period_error, True)
            self.date_to.setFocus()
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        def d(w: QDateEdit) -> dt.date:
            q = w.date()
            return dt.date(q.year(), q.month(), q.day())

        whole = self.all_dates.isChecked()
        return dict(date_from=None if whole else d(self.date_from), date_to=None if whole else d(self.date_to),
                    community_id=self.community.currentData(), lang=self.language.currentData())


def print_summary(ctx: AppContext | QWidget | None, parent: QWidget | AppContext | None = None,
                  values: dict[str, Any] | None = None) -> None:
    """Ask for the period and community, then build and preview the donor summary.

    Accepts ``(ctx, parent)`` and, for the dashboard's hook, ``(parent, ctx)``.
    """
    if not isinstance(ctx, AppContext):
        ctx, parent = parent, ctx  # type: ignore[assignment]
    if not isinstance(ctx, AppContext):
        raise TypeError("print_summary needs the AppContext")
    widget = parent if isinstance(parent, QWidget) else None
    if values is None:
        dialog = SummaryOptions(ctx, widget)
        if exec_and_delete(dialog) != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
    store = ctx.store
    title = translate("printing", "Donor summary")
    out = _temp_pdf(file_name(title, dt.date.today().isoformat()))
    _build_then_preview(ctx, widget, title, translate("printing", "Preparing the donor summary…"),
                        lambda _w: documents.summary_pdf(store, out, **values))
