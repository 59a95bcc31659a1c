"""Tests of pdf_preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from reportlab.pdfgen import canvas

from strive_desktop.gui.pdf_preview import PdfPreview


@pytest.fixture
def ten_pages(tmp_path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "ten.pdf"
    c = canvas.Canvas(str(path))
    for i in range(10):
        c.drawString(72, 720, f"Page {i + 1}")
        c.showPage()
    c.save()
    return path


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_preview_previous_next_and_page_box(qtbot, ten_pages):
    w = PdfPreview(ten_pages, "Ten")
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    assert (w.page_before.text(), w.page_box.value(), w.page_after.text()) == ("Page ", 1, " of 10")
    assert not w.prev_action.isEnabled() and w.next_action.isEnabled()
    w.next_action.trigger()
    assert w.current_page == 1 and w.page_box.value() == 2 and w.prev_action.isEnabled()
    # keyboard: Page Down / Page Up move a page; Ctrl+G goes to the box, typing a number jumps
    QApplication.setActiveWindow(w)  # offscreen under pytest the window is not always made active
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_PageDown)
    assert w.page_box.value() == 3
    qtbot.keyClick(w.view, Qt.Key.Key_PageUp)
    assert w.page_box.value() == 2
    qtbot.keyClick(w.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert w.focusWidget() is w.page_box
    qtbot.keyClicks(w.page_box, "10")
    qtbot.keyClick(w.page_box, Qt.Key.Key_Return)
    assert w.current_page == 9 and w.page_box.value() == 10
    assert w.next_action.isEnabled() is False
    w.next_action.trigger()  # nothing past the last page
    assert w.current_page == 9
    w.go_to_page(0)
    assert w.page_box.value() == 1 and "Page 1 of 10" in w.page_label.text()


def test_preview_page_box_in_russian_and_kyrgyz(qtbot, ten_pages, language):
    for lang in ("ru", "ky"):
        language(lang)
        w = PdfPreview(ten_pages, "Ten")
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        w.go_to_page(2)
        assert w.page_box.value() == 3
        label = w.page_label.text()  # "Страница 3 из 10", "10 барактын 3-барагы"
        assert "10" in label and not any("a" <= ch <= "z" for ch in label.lower())  # no English left


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
