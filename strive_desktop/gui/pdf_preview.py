"""A PDF preview window (QtPdf) with Print… and Save as…."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolBar,
    QWidget,
)

from .widgets import file_dialogs
from .widgets.modal import exec_and_delete

MAX_PRINT_DPI = 300  # pages are rendered as images for the printer; more only costs memory


class PdfPreview(QMainWindow):
    """Shows *path*; Print sends the pages to a printer, Save as copies the file."""

    def __init__(self, path: Path | str, title: str, suggested_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.path = Path(path)
        self.suggested_name = suggested_name or self.path.name
        self.setWindowTitle(self.tr("{title} — preview").format(title=title))
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageSpacing(12)
        self.setCentralWidget(self.view)

        bar = QToolBar(self.tr("Preview"), self)
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.print_action = bar.addAction(self.tr("&Print…"), self.print_dialog)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.save_action = bar.addAction(self.tr("&Save as…"), self.save_dialog)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        bar.addSeparator()
        self.fit_action = bar.addAction(self.tr("Whole page"), self.fit_page)
        self.width_action = bar.addAction(self.tr("Fit width"), self.fit_width)
        self.zoom_in_action = bar.addAction(self.tr("Zoom in"), lambda: self.zoom(1.25))
        self.zoom_in_action.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_out_action = bar.addAction(self.tr("Zoom out"), lambda: self.zoom(0.8))
        self.zoom_out_action.setShortcut(QKeySequence.StandardKey.ZoomOut)
        bar.addSeparator()
        self.prev_action = bar.addAction(self.tr("Previous"), self.previous_page)
        self.prev_action.setShortcut(QKeySequence(Qt.Key.Key_PageUp))
        self.prev_action.setToolTip(self.tr("Previous page (Page Up)"))
        self.next_action = bar.addAction(self.tr("Next"), self.next_page)
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_PageDown))
        self.next_action.setToolTip(self.tr("Next page (Page Down)"))
        # "Page [3] of 10" in the words of the language: the box goes where {page} is.
        before, _, after = self.tr("Page {page} of {count}").partition("{page}")
        self.page_box = QSpinBox(self)
        self.page_box.setAccessibleName(self.tr("Page number"))
        self.page_box.setKeyboardTracking(False)  # typing "12" does not jump to page 1 first
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_before = QLabel(self)
        self.page_after = QLabel(self)
        self._page_texts = (before, after)
        bar.addWidget(self.page_before)
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_after)
        self.go_to_action = QAction(self.tr("Go to page"), self)
        self.go_to_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_G))
        self.go_to_action.triggered.connect(self.focus_page_box)
        self.addAction(self.go_to_action)
        bar.addSeparator()
        self.open_action = bar.addAction(self.tr("Open in PDF viewer"), self.open_external)
        self.page_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.page_label)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        # Close is a button at the bottom right, where a dialog's is: in the toolbar it went
        # into the "»" overflow when the translated labels made the toolbar too long.
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.close)
        self.statusBar().addPermanentWidget(self.close_button)
        self.close_shortcut = QAction(self.tr("Close"), self)
        self.close_shortcut.setShortcut(QKeySequence.StandardKey.Close)
        self.close_shortcut.triggered.connect(self.close)
        self.addAction(self.close_shortcut)

        error = self.document.load(str(self.path))
        if error != QPdfDocument.Error.None_:
            raise OSError(f"QPdfDocument could not load {self.path}: {error}")
        self.page_box.setRange(1, max(1, self.page_count))
        self.page_box.setMinimumWidth(self.page_box.fontMetrics().horizontalAdvance("0000") + 12)
        before, after = (t.format(count=self.page_count) for t in self._page_texts)
        self.page_before.setText(before)  # the spaces of the translation around the box are kept
        self.page_after.setText(after)
        self.page_after.setContentsMargins(0, 0, 6, 0)
        self.page_box.valueChanged.connect(lambda n: self.go_to_page(n - 1))
        self._page_changed(0)
        self._fit_screen(parent)

    def _fit_screen(self, parent: QWidget | None) -> None:
        """1000 x 720 where there is room, else the screen's available area less the frame
        (a 1366 x 768 laptop has about 705 px under its taskbar)."""
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1000, 720)
            return
        avail = screen.availableGeometry()
        frame = 40  # title bar and borders, drawn by the window manager outside the widget
        self.resize(min(1000, avail.width() - 16), min(720, avail.height() - frame))
        self.move(avail.left() + max(0, (avail.width() - self.width()) // 2),
                  avail.top() + max(0, (avail.height() - frame - self.height()) // 2))

    # -- viewing ------------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        """The page shown, counted from 0."""
        return self.view.pageNavigator().currentPage()

    def _page_changed(self, page: int) -> None:
        self.page_label.setText(self.tr("Page {x} of {y}").format(x=page + 1, y=self.page_count))
        if self.page_box.value() != page + 1:
            self.page_box.blockSignals(True)
            self.page_box.setValue(page + 1)
            self.page_box.blockSignals(False)
        self.prev_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < self.page_count - 1)

    def go_to_page(self, page: int) -> None:
        """Show page *page* (from 0; kept inside the document)."""
        if not self.page_count:
            return
        page = max(0, min(self.page_count - 1, page))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._page_changed(page)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def focus_page_box(self) -> None:
        self.page_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.page_box.selectAll()

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            # Start from what is shown: the ratio of the viewport to the first page at 100 %.
            size = self.document.pagePointSize(0)
            vp = self.view.viewport().size()
            if size.width() > 0 and size.height() > 0:
                current = min(vp.width() / (size.width() * 96 / 72), vp.height() / (size.height() * 96 / 72))
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, current * factor)))

    def open_external(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    # -- saving ---------------------------------------------------------------------------------
    def save_dialog(self) -> None:
        # Documents the first time, then the folder the last PDF went to; USB sticks in the sidebar.
        target = file_dialogs.save_file_name(self, self.tr("Save the PDF as"), "pdf", self.suggested_name,
                                             self.tr("PDF (*.pdf)"))
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> bool:
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            from ..i18n import Message, os_reason
            from .context import render_message

            reason = os_reason(exc)
            if isinstance(reason, Message):
                reason = render_message(reason)
            QMessageBox.warning(self, self.tr("Save as"), self.tr("The PDF could not be saved to {path}:\n{reason}")
                                .format(path=target, reason=reason))
            return False
        self.statusBar().showMessage(self.tr("Saved to {path}").format(path=target), 8000)
        return True

    # -- printing -----------------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFullPage(True)
        if self.page_count:
            size = self.document.pagePointSize(0)
            landscape = size.width() > size.height()
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                       else QPageLayout.Orientation.Portrait)
        printer.setFromTo(1, max(1, self.page_count))
        return printer

    def print_dialog(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count))
        dialog.setWindowTitle(self.tr("Print"))
        if exec_and_delete(dialog) == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render the chosen pages onto *printer*; return how many were printed."""
        first = max(1, printer.fromPage() or 1)
        last = min(self.page_count, printer.toPage() or self.page_count)
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not be started."))
            return 0
        printed = 0
        try:
            for n in range(first - 1, last):
                if printed:
                    printer.newPage()
                pts = self.document.pagePointSize(n)
                image = self.document.render(n, QSize(round(pts.width() * dpi / 72), round(pts.height() * dpi / 72)))
                area = painter.viewport()
                scale = min(area.width() / image.width(), area.height() / image.height())
                w, h = image.width() * scale, image.height() * scale
                target = QRectF(QPointF((area.width() - w) / 2, (area.height() - h) / 2), QRectF(0, 0, w, h).size())
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        self.statusBar().showMessage(self.tr("{n} page(s) sent to the printer.").format(n=printed), 8000)
        return printed
