"""File dialogs start in Documents, then in the folder last used for the same purpose (kept in
the data folder's gui.ini), with Documents, home and USB sticks in the sidebar (issue 16,
problem 8: they opened in the app's own source folder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from reportlab.pdfgen import canvas

from strive_desktop.gui.pdf_preview import PdfPreview
from strive_desktop.gui.widgets import file_dialogs


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[QSettings]:
    s = QSettings(str(tmp_path / "data" / "gui.ini"), QSettings.Format.IniFormat)
    file_dialogs.use_settings(s)
    yield s
    file_dialogs.use_settings(None)


def test_first_documents_then_the_last_folder_of_the_same_purpose(settings, tmp_path):
    assert file_dialogs.last_folder("pdf") == file_dialogs.documents_folder() != Path.cwd()
    stick = tmp_path / "stick" / "reports"
    stick.mkdir(parents=True)
    file_dialogs.remember("pdf", stick / "sheet.pdf")
    assert file_dialogs.last_folder("pdf") == stick
    assert file_dialogs.last_folder("roster") == file_dialogs.documents_folder()  # another purpose
    settings.sync()
    again = QSettings(str(tmp_path / "data" / "gui.ini"), QSettings.Format.IniFormat)
    assert again.value("folders/pdf") == str(stick)  # kept for the next start
    stick.rmdir()  # the stick was pulled out: back to Documents
    assert file_dialogs.last_folder("pdf") == file_dialogs.documents_folder()


def test_the_pdf_preview_saves_where_the_last_pdf_went(qtbot, settings, tmp_path):
    pdf = tmp_path / "sheet.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawString(72, 720, "Катышуу барагы")
    c.save()
    out = tmp_path / "out"
    out.mkdir()
    file_dialogs.remember("pdf", out)
    win = PdfPreview(pdf, "Sheet", "attendance.pdf")
    qtbot.addWidget(win)
    seen: dict[str, object] = {}

    def answer(left: int = 200) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, QFileDialog):
            seen["dir"] = Path(w.directory().absolutePath())
            seen["sidebar"] = [u.toLocalFile() for u in w.sidebarUrls()]
            seen["name"] = w.selectedFiles()[0] if w.selectedFiles() else ""
            w.selectFile(str(out / "attendance.pdf"))
            w.accept()
        elif left:
            QTimer.singleShot(10, lambda: answer(left - 1))

    QTimer.singleShot(0, answer)
    win.save_dialog()
    assert seen["dir"] == out
    assert str(file_dialogs.documents_folder()) in seen["sidebar"]  # type: ignore[operator]
    assert str(seen["name"]).endswith("attendance.pdf")
    assert (out / "attendance.pdf").read_bytes() == pdf.read_bytes()
    assert file_dialogs.last_folder("pdf") == out
