"""The PDF preview fits the screen and its Close button is always in sight (issue 16,
problem 8): it used to open at 1000 x 720, taller than a 1366 x 768 laptop's 705 px, and in
Kyrgyz and Russian Close went into the toolbar's "»" overflow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from reportlab.pdfgen import canvas

from strive_desktop.gui.pdf_preview import PdfPreview


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "sheet.pdf"
    c = canvas.Canvas(str(path))
    for n in range(3):
        c.drawString(72, 720, f"Page {n + 1}")
        c.showPage()
    c.save()
    return path


def test_the_preview_opens_inside_the_available_screen(qtbot, pdf):
    win = PdfPreview(pdf, "Attendance sheet")
    qtbot.addWidget(win)
    avail = QGuiApplication.primaryScreen().availableGeometry()
    assert avail.width() < 1000  # offscreen: 800 x 800, smaller than the old fixed 1000 x 720
    assert win.height() + 30 <= avail.height() and win.width() <= avail.width()
    assert avail.contains(win.geometry())


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("width", [1366, 800])
def test_close_is_always_visible(qtbot, language, pdf, lang, width):
    language(lang)
    win = PdfPreview(pdf, "Катышуу барагы")
    qtbot.addWidget(win)
    win.resize(width, 640)
    win.show()
    qtbot.waitExposed(win)
    button = win.close_button
    assert button.isVisible() and button.text() in {"Жабуу", "Закрыть", "Close"}
    corner = button.mapTo(win, QPoint(button.width(), button.height()))
    assert 0 < corner.x() <= win.width() and 0 < corner.y() <= win.height()
    button.click()
    assert not win.isVisible()
