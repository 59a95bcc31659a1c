"""Tests of history."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication

from strive_desktop.gui.dialogs.history import HistoryDialog
from strive_desktop.services.rosters import MemberRow

LANGS = ["en", "ru", "ky"]


def _history_rows() -> list[MemberRow]:
    def row(group: str, role: str, joined: dt.date, left: dt.date | None) -> MemberRow:
        return MemberRow("m", "p", "Өмүрбекова Чолпон", "f", 1990, "women", role, None, joined, left, group)

    return [row("Ноокат айылдык кеңешинин тобу", "chair", dt.date(2024, 1, 15), dt.date(2025, 3, 1)),
            row("Ноокат тобу", "member", dt.date(2025, 3, 2), None)]


@pytest.mark.parametrize("lang", LANGS)
def test_membership_history_columns_leave_air_at_the_right_edge(tmp_path, qtbot, language, lang) -> None:  # type: ignore[no-untyped-def]
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
        dlg.grab().save(str(tmp_path / "history-ky.png"))


@pytest.mark.parametrize(("lang", "joined", "left"), [
    ("en", "Jan 15, 2024", "Mar 1, 2025"),  # Babel's English dates
    ("ru", "15.01.2024", "01.03.2025"),
    ("ky", "15.01.2024", "01.03.2025"),
])
def test_membership_dates_are_written_as_the_window_language_writes_them(qtbot, language, lang, joined, left) -> None:  # type: ignore[no-untyped-def]
    language(lang)
    dlg = HistoryDialog("Өмүрбекова Чолпон", _history_rows())
    qtbot.addWidget(dlg)
    assert [dlg.table.item(0, c).text() for c in (2, 3)] == [joined, left]
