"""Tests of person."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.gui.dialogs.person import PersonDialog
from strive_desktop.gui.pages.people import AdvisoryGroupPage
from strive_desktop.services import rosters
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.seed import community_id

from ..conftest import fill_person, on_modal  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


@pytest.mark.parametrize(("lang", "expected"), [("ky", "«Аты-жөнү» милдеттүү."),
                                                ("ru", "Поле «ФИО» обязательно."),
                                                ("en", "The full name is required.")])


def test_a_missing_name_is_named_in_the_interface_language(qtbot, language, store, lang, expected):
    language(lang)
    dlg = PersonDialog(AppContext(store, lang), community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    fill_person(dlg, "   ")
    dlg.accept()
    assert dlg.error_text("full_name") == expected


@pytest.mark.parametrize("lang", ["en", "ky"])
def test_a_field_error_sits_right_under_its_field_and_nothing_above_moves(qtbot, language, ctx, lang):
    language(lang)
    dlg = PersonDialog(ctx, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    ui = dlg.ui
    fill_person(dlg, "Төрөбеков Нурлан Өмүрбекович", year="1979", phone="12345")
    above = {w: w.mapTo(dlg, w.rect().topLeft()) for w in (ui.fullName, ui.sex, ui.birthYear, ui.phone)}
    empty_height = dlg.height()
    dlg.accept()
    QApplication.processEvents()
    error = ui.phoneError
    assert error.isVisible() and error.text()
    phone_bottom = ui.phone.mapTo(dlg, ui.phone.rect().bottomLeft()).y()
    error_top = error.mapTo(dlg, error.rect().topLeft()).y()
    assert 0 <= error_top - phone_bottom <= 8, "the error is right under the phone field"
    # no taller than its lines of text, and the next row follows right after it
    lines = error.fontMetrics().boundingRect(0, 0, error.width(), 1000, Qt.TextFlag.TextWordWrap,
                                             error.text()).height()
    assert error.height() <= lines + 6
    pin_top = ui.pin.mapTo(dlg, ui.pin.rect().topLeft()).y()
    assert pin_top - (error_top + error.height()) <= 12
    assert {w: w.mapTo(dlg, w.rect().topLeft()) for w in above} == above
    # compact: the dialog grew by about the error's height, no more
    assert dlg.height() - empty_height <= error.height() + 12
    assert ui.notes.mapTo(dlg, ui.notes.rect().bottomLeft()).y() <= dlg.height()


def test_the_dialog_opens_compact(qtbot, ctx):
    dlg = PersonDialog(ctx, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.height() <= dlg.sizeHint().height() + 2
    assert dlg.height() < 500


def test_a_duplicate_already_in_the_group_is_shown_there(qtbot, ctx, store, group_id, member_id):
    page = AdvisoryGroupPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.refresh()
    page.table.selectRow(0)
    before = [(m.person_id, m.membership_id) for m in rosters.list_members(store, group_id)]
    seen: dict[str, object] = {}

    def show_them(dlg: QWidget) -> None:
        assert isinstance(dlg, DuplicateDialog)
        seen["hint"] = dlg.hint.text()
        seen["button"] = dlg.use_button.text()
        seen["create"] = dlg.create_button.isVisible()
        qtbot.mouseClick(dlg.use_button, Qt.MouseButton.LeftButton)

    def fill(dlg: QWidget) -> None:
        seen["person_dialog"] = dlg
        fill_person(dlg, "айбек АСАНОВ", year="1985")  # type: ignore[arg-type]
        on_modal(DuplicateDialog, show_them)
        dlg.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # type: ignore[attr-defined]

    on_modal(PersonDialog, fill)
    page.new_item()
    assert seen["hint"] == ("Асанов Айбек is already a member of this group. Show them in the group to check "
                            "or change their details; create a new person only if this is someone else.")
    assert seen["button"] == "&Show them in the group"
    assert seen["create"], "creating a different person of that name stays possible"
    # the person dialog is closed (no dead end) and the member is selected in the table
    assert not seen["person_dialog"].isVisible()  # type: ignore[attr-defined]
    row = page.table.currentIndex().row()
    assert page.model.member(row).person_id == member_id
    assert page.table.selectionModel().isRowSelected(row, page.table.rootIndex())
    # nothing was added
    assert [(m.person_id, m.membership_id) for m in rosters.list_members(store, group_id)] == before
    assert len(load_people_index(store, NOOKAT)) == 4


def test_several_matches_the_button_follows_the_chosen_one(qtbot, store, group_id, member_id):
    other = rosters.add_person(store, rosters.PersonInput("Асанов Айбек", "m", "lawyer", NOOKAT, 1985),
                               allow_duplicate=True).person_id
    matches = rosters.find_duplicates(store, "Асанов Айбек", 1985)
    dlg = DuplicateDialog(matches, group_wanted=True, in_group=[member_id])
    qtbot.addWidget(dlg)
    for row in range(dlg.list.count()):
        dlg.list.setCurrentRow(row)
        if dlg.chosen_id == member_id:
            assert dlg.use_button.text() == "&Show them in the group"
            assert "already a member of this group" in dlg.hint.text()
        else:
            assert dlg.chosen_id == other
            assert dlg.use_button.text() == "&Use that person"
            assert "add the existing record to this group" in dlg.hint.text()


def test_use_that_person_still_adds_someone_from_another_group(qtbot, ctx, store, group_id, member_id):
    second = rosters.create_group(store, NOOKAT, "Экинчи топ")
    dlg = PersonDialog(ctx, community_id=NOOKAT, group_id=second)
    qtbot.addWidget(dlg)
    fill_person(dlg, "Асанов Айбек")
    seen = on_modal(DuplicateDialog, lambda d: d.use_button.click())  # type: ignore[attr-defined]
    dlg.accept()
    assert seen and dlg.person_id == member_id and not dlg.already_member
    assert [m.person_id for m in rosters.list_members(store, second)] == [member_id]


def test_long_errors_are_shown_whole_the_dialog_grows_for_them(qtbot, language, ctx) -> None:  # type: ignore[no-untyped-def]
    """Kyrgyz messages wrap to two or three lines: the dialog grows so that none is cut off."""
    language("ky")
    dlg = PersonDialog(ctx, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    fill_person(dlg, "Төрөбеков Нурлан", year="1879", phone="12345")
    dlg.accept()
    qtbot.wait(50)
    ui = dlg.ui
    shown = [label for label in (ui.birthYearError, ui.phoneError) if label.isVisible()]
    assert len(shown) == 2
    for label in shown:
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        assert label.geometry().bottom() < ui.pin.geometry().top() or label is ui.birthYearError
    assert ui.notes.geometry().bottom() <= dlg.height()
