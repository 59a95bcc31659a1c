"""Donor summary options (issue 16, problem 8): a reversed period is explained under the dates
and the dialog stays open with what was chosen."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from strive_desktop.gui.printing import SummaryOptions
from strive_desktop.storage.seed import community_id


def test_a_reversed_period_keeps_the_dialog_open_with_the_input(qtbot, hq_ctx):
    dlg = SummaryOptions(hq_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.all_dates.setChecked(False)
    dlg.date_from.setDate(QDate(2026, 6, 30))
    dlg.date_to.setDate(QDate(2026, 1, 1))
    dlg.community.setCurrentIndex(dlg.community.findData(community_id("kochkor")))
    dlg.language.setCurrentIndex(dlg.language.findData("ru"))
    dlg.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.isVisible() and dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.period_error.isVisible() and "ends before it starts" in dlg.period_error.text()
    # nothing chosen was lost
    assert dlg.date_from.date() == QDate(2026, 6, 30) and dlg.community.currentData() == community_id("kochkor")
    assert dlg.language.currentData() == "ru"
    dlg.date_to.setDate(QDate(2026, 12, 31))
    assert not dlg.period_error.isVisible()
    dlg.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert str(dlg.values()["date_to"]) == "2026-12-31"


def test_all_dates_ignores_the_reversed_fields(qtbot, hq_ctx):
    dlg = SummaryOptions(hq_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.date_from.setDate(QDate(2026, 6, 30))
    dlg.date_to.setDate(QDate(2026, 1, 1))
    dlg.all_dates.setChecked(True)  # the default
    dlg.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.result() == QDialog.DialogCode.Accepted and dlg.values()["date_from"] is None
