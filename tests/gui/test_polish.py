"""Small things a user sees: the membership history's columns, numbers in service messages,
the settings page, list columns at the minimum width."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication

from strive_desktop.gui.dialogs.history import HistoryDialog
from strive_desktop.gui.i18n import install_translations
from strive_desktop.services.rosters import MemberRow
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
LANGS = ["en", "ru", "ky"]


@pytest.fixture
def language(qapp) -> Iterator:  # type: ignore[no-untyped-def]
    def use(lang: str) -> None:
        assert install_translations(qapp, lang)

    yield use
    install_translations(qapp, "en")


def _history_rows() -> list[MemberRow]:
    def row(group: str, role: str, joined: dt.date, left: dt.date | None) -> MemberRow:
        return MemberRow("m", "p", "Өмүрбекова Чолпон", "f", 1990, "women", role, None, joined, left, group)

    return [row("Ноокат айылдык кеңешинин тобу", "chair", dt.date(2024, 1, 15), dt.date(2025, 3, 1)),
            row("Ноокат тобу", "member", dt.date(2025, 3, 2), None)]


@pytest.mark.parametrize("lang", LANGS)
def test_membership_history_columns_leave_air_at_the_right_edge(qtbot, language, lang) -> None:  # type: ignore[no-untyped-def]
    language(lang)
    dlg = HistoryDialog("Өмүрбекова Чолпон", _history_rows())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    t = dlg.table
    h = t.horizontalHeader()
    fm = t.fontMetrics()
    current = QCoreApplication.translate("HistoryDialog", "current member")
    assert t.item(1, 3).text() == current
    # the last column ends inside the table, with room beyond the text; no horizontal scrolling
    assert h.sectionViewportPosition(3) + h.sectionSize(3) <= t.viewport().width()
    assert h.sectionSize(3) >= fm.horizontalAdvance(current) + 2 * fm.averageCharWidth()
    assert t.horizontalScrollBar().maximum() == 0
    # the group's name gets the most room and is shown whole
    assert h.sectionSize(0) >= fm.horizontalAdvance(_history_rows()[0].group_name)
    assert h.sectionSize(0) == max(h.sectionSize(c) for c in range(4))
    if lang == "ky":
        dlg.grab().save("/tmp/polish/history-ky.png")
