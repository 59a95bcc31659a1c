"""Escape, Cancel or the close button on a form with entered data ask before throwing it away;
an untouched form closes at once (gui/widgets/discard.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.group import GroupDialog
from strive_desktop.gui.dialogs.person import PersonDialog
from strive_desktop.gui.dialogs.training import TrainingDialog, WalkInDialog
from strive_desktop.gui.dialogs.vulnerable_group import VulnerableGroupDialog
from strive_desktop.services import rosters, trainings

from ...conftest import NOOKAT  # type: ignore[import-not-found]


def answer_question(button_text: str) -> list[str]:
    """Click *button_text* on the next message box; returns the texts of the boxes seen."""
    seen: list[str] = []

    def poll(left: int = 200) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, QMessageBox) and w.isVisible():
            seen.append(w.text())
            next(b for b in w.buttons() if button_text in b.text().replace("&", "")).click()
        elif left > 0:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen


def _person(ctx: AppContext) -> QDialog:
    return PersonDialog(ctx, community_id=NOOKAT)


def _group(ctx: AppContext) -> QDialog:
    return GroupDialog("Nookat")


def _training(ctx: AppContext) -> QDialog:
    return TrainingDialog(ctx)


def _vulnerable(ctx: AppContext) -> QDialog:
    return VulnerableGroupDialog(ctx, NOOKAT, "Nookat")


def _walk_in(ctx: AppContext) -> QDialog:
    tid = trainings.create_training(ctx.store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Кириш", sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))
    return WalkInDialog(ctx, trainings.get_training(ctx.store, tid))


def _type_name(dlg: Any) -> None:
    if isinstance(dlg, PersonDialog):
        dlg.ui.fullName.setText("Асанова Гүлнара")
    elif isinstance(dlg, GroupDialog):
        dlg.name.setText("Ноокат жаштары")
    elif isinstance(dlg, TrainingDialog):
        dlg.sessions.cellWidget(0, 1).setValue(4.5)  # only a session's hours changed
    elif isinstance(dlg, VulnerableGroupDialog):
        dlg.description.setPlainText("Жаштар")
    else:
        dlg.full_name.setText("Асанова Гүлнара")


FORMS: dict[str, Callable[[AppContext], QDialog]] = {
    "person": _person, "group": _group, "training": _training, "vulnerable": _vulnerable, "walk_in": _walk_in}


def _show(qtbot: Any, dlg: QDialog) -> None:
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)


@pytest.mark.parametrize("form", FORMS)
def test_escape_on_a_filled_form_asks_and_keeping_keeps_the_input(qtbot, ctx, form):
    dlg = FORMS[form](ctx)
    _show(qtbot, dlg)
    _type_name(dlg)
    seen = answer_question("Keep editing")
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert seen == ["What you entered in this form has not been saved. Close it and lose what you entered?"]
    assert dlg.isVisible() and dlg.ui.buttons.isVisible()
    seen = answer_question("Discard")
    dlg.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert len(seen) == 1 and not dlg.isVisible()


@pytest.mark.parametrize("form", FORMS)
def test_an_untouched_form_closes_without_a_question(qtbot, ctx, form):
    dlg = FORMS[form](ctx)
    _show(qtbot, dlg)
    seen = answer_question("Discard")
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible() and dlg.result() == QDialog.DialogCode.Rejected
    QApplication.processEvents()
    assert seen == []


def test_editing_a_person_and_typing_back_the_same_closes_without_asking(qtbot, ctx, store):
    res = rosters.add_person(store, rosters.PersonInput(full_name="Асанова Гүлнара", sex="f", sector="women",
                                                        community_id=NOOKAT, phone="0555 12 34 56"))
    dlg = PersonDialog(ctx, person=rosters.get_person(store, res.person_id))
    _show(qtbot, dlg)
    dlg.ui.phone.setText("+7 916 123 45 67")
    seen = answer_question("Keep editing")
    dlg.close()  # the window's close button
    assert seen and dlg.isVisible()
    dlg.ui.phone.setText("+996 555 12 34 56")
    seen = answer_question("Discard")
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()
    QApplication.processEvents()
    assert seen == []


def _buttons_then_keep(into: list[str], left: int = 200) -> None:
    w: QWidget | None = QApplication.activeModalWidget()
    if isinstance(w, QMessageBox):
        into.extend(b.text().replace("&", "") for b in w.buttons())
        w.escapeButton().click()
    elif left:
        QTimer.singleShot(10, lambda: _buttons_then_keep(into, left - 1))


def test_the_question_in_kyrgyz_and_russian(qtbot, language, store):
    for lang, words in (("ky", {"Жокко чыгаруу", "Толтурууну улантуу"}), ("ru", {"Не сохранять", "Продолжить ввод"})):
        language(lang)
        dlg = PersonDialog(AppContext(store, lang), community_id=NOOKAT)
        _show(qtbot, dlg)
        dlg.ui.fullName.setText("Асанова")
        buttons: list[str] = []
        QTimer.singleShot(0, lambda: _buttons_then_keep(buttons))  # noqa: B023
        dlg.reject()
        assert set(buttons) == words and dlg.isVisible()
