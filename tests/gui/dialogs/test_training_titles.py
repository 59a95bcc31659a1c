"""The training dialog's title in Russian and in English: saved, shown again, and an emoji in one
refused next to its field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication

from strive_desktop.gui.dialogs.training import TrainingDialog
from strive_desktop.services import trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_the_russian_and_english_titles_are_saved_and_shown_again(qtbot, ctx, tmp_path):
    dlg = TrainingDialog(ctx, None, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.phase.setCurrentIndex(0)
    dlg.title_edit.setText("Зордук-зомбулук экстремизминин негиздери")
    dlg.title_ru.setText("Основы  профилактики экстремизма ")
    dlg.title_en.setText("Basics of preventing 🙂 extremism")
    dlg.set_session(0, dt.date(2026, 3, 10), 4)
    dlg.show()
    dlg.accept()
    QApplication.processEvents()
    assert dlg.training_id is None and dlg.ui.titleEnError.isVisible() and "printed" in dlg.error_text("title_en")
    dlg.title_en.setText("Basics of preventing extremism")
    dlg.accept()
    assert dlg.training_id
    info = trainings.get_training(ctx.store, dlg.training_id)
    assert (info.title_ru, info.title_en) == ("Основы профилактики экстремизма", "Basics of preventing extremism")
    again = TrainingDialog(ctx, None, training=info)
    qtbot.addWidget(again)
    assert again.title_ru.text() == info.title_ru and again.title_en.text() == info.title_en
    again.resize(again.sizeHint())
    again.grab().save(str(tmp_path / "training-dialog.png"))
