"""The roster's columns keep sane widths (issue 16, problem 6): an 84-character name is cut
short with "…" and shown whole as a tooltip, and Phone stays on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from strive_desktop.gui.pages.people import AdvisoryGroupPage, PeoplePage
from strive_desktop.services import rosters

from ...conftest import NOOKAT  # type: ignore[import-not-found]

LONG = ("Абдыкадырова-Исмаилова Гүлзийнат Өмүрбековна кызы Токтогулова Жыпаргүлү Асанбековнаа")


@pytest.fixture
def long_name(store) -> str:  # type: ignore[no-untyped-def]
    assert len(LONG) == 84
    gid = rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу")
    for name in (LONG, "Асанов Бакыт"):
        rosters.add_person(store, rosters.PersonInput(full_name=name, sex="f", sector="women",
                                                      community_id=NOOKAT, birth_year=1980,
                                                      phone="0555 12 34 56"), group_id=gid)
    return gid


def _tooltip_at(view, row: int, col: int) -> str:  # type: ignore[no-untyped-def]
    rect = view.visualRect(view.model().index(row, col))
    pos = rect.center()
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


@pytest.mark.parametrize("page_class", [AdvisoryGroupPage, PeoplePage])
def test_a_long_name_is_cut_and_phone_stays_on_screen(qtbot, ctx, long_name, page_class):
    page = page_class(ctx)
    qtbot.addWidget(page)
    page.resize(1176, 640)  # the page's share of a 1366x705 window
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    QApplication.processEvents()
    view, model = page.table, page.model
    name_col, phone_col = model.columns.index("name"), model.columns.index("phone")
    assert view.columnWidth(name_col) <= 340
    right = view.columnViewportPosition(phone_col) + view.columnWidth(phone_col)
    phone_need = view.fontMetrics().horizontalAdvance("+996 555 12 34 56")
    assert view.columnWidth(phone_col) >= phone_need
    assert view.columnViewportPosition(phone_col) + phone_need <= view.viewport().width(), right
    row = next(r for r in range(2) if model.data(model.index(r, name_col)) == LONG)
    assert _tooltip_at(view, row, name_col) == LONG
