"""Tests of training."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from strive_desktop.errors import ValidationError
from strive_desktop.gui.dialogs.training import TrainingDialog
from strive_desktop.i18n import Message
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_a_long_error_in_the_training_dialog_wraps_instead_of_widening_it(qtbot, ctx):
    dlg = TrainingDialog(ctx, None, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    width = dlg.width()
    long = ("Бул окуунун аталышы өтө узун: аны кыскартып, окуунун мазмунун айтып берген "
            "кыска аталыш жазыңыз, мисалы «Зордук-зомбулук экстремизминин негиздери» (ң ө ү).")
    dlg.errors.show(ValidationError({"title": Message(long)}), "title")
    QApplication.processEvents()
    label = dlg.ui.titleError if hasattr(dlg, "ui") else dlg.findChild(QLabel, "titleError")
    assert label.isVisible() and label.text() == long
    assert dlg.width() <= width  # the dialog did not grow sideways
    assert label.height() > 2 * label.fontMetrics().height()  # on several lines, all of it shown
    assert label.geometry().right() <= dlg.width()
