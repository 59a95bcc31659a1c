"""Review fixes: field names in translated errors, the person dialog's error placement, a
duplicate who is already in the group, the language choice at first start, no dialog leaks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from strive_desktop.errors import ValidationError
from strive_desktop.gui.app import GuiApp
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.gui.dialogs.person import PersonDialog
from strive_desktop.gui.dialogs.training import TrainingDialog
from strive_desktop.gui.i18n import choose_language, gui_settings
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.pages.people import AdvisoryGroupPage, PeoplePage
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.gui.setup_dialog import SetupDialog
from strive_desktop.services import installation, rosters
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def on_modal(cls: type[QWidget], action: Callable[[QWidget], None], tries: int = 300) -> list[QWidget]:
    """Run *action* on the next modal dialog of type *cls* once its exec() loop is running."""
    seen: list[QWidget] = []

    def poll(left: int = tries) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, cls) and w not in seen:
            seen.append(w)
            action(w)
        elif left > 0:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen


def flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()


def fill_person(dlg: PersonDialog, name: str, *, sex: str = "m", sector: str = "youth", year: str = "1985",
                phone: str = "") -> None:
    ui = dlg.ui
    ui.fullName.setText(name)
    ui.sex.setCurrentIndex(ui.sex.findData(sex))
    ui.sector.setCurrentIndex(ui.sector.findData(sector))
    ui.birthYear.setText(year)
    ui.phone.setText(phone)


# -- 1. the field's name in a translated "... is required." ---------------------------------------------

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


def test_a_missing_group_name_in_russian(qtbot, language, store):
    language("ru")
    with pytest.raises(ValidationError) as info:
        rosters.create_group(store, NOOKAT, " ")
    text = info.value.render(QCoreApplication.translate)
    assert text == "Поле «Название группы» обязательно."


# -- 2. an error sits right under its field ---------------------------------------------------------------

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


# -- 3. a duplicate who is already in the group -------------------------------------------------------------

@pytest.fixture
def group_id(store) -> str:  # type: ignore[no-untyped-def]
    return rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу")


@pytest.fixture
def member_id(store, group_id) -> str:  # type: ignore[no-untyped-def]
    rosters.bulk_add_people(store, [rosters.PersonInput(f"Жумабаев Нурлан{'а' * i}", "m", "youth", NOOKAT, 1970)
                                    for i in range(1, 4)], group_id=group_id)
    inp = rosters.PersonInput("Асанов Айбек", "m", "youth", NOOKAT, 1985)
    return rosters.add_person(store, inp, group_id=group_id).person_id


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


# -- 4. the language at first start -------------------------------------------------------------------------

@pytest.fixture
def empty_store(data_dir) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    st = open_store(data_dir)
    yield st
    st.close()


def test_the_setup_offers_the_three_languages_and_switches_at_once(qtbot, language, empty_store, data_dir):
    language("en")
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    dlg = SetupDialog(empty_store, "en", window)
    dlg.show()
    ui = dlg.ui
    assert [b.text() for b in (ui.languageKy, ui.languageRu, ui.languageEn)] == ["Кыргызча", "Русский", "English"]
    assert ui.languageEn.isChecked() and ui.communityRadio.isChecked()
    assert dlg.windowTitle() == "Set up STRIVE Desktop"
    ui.community.setCurrentIndex(ui.community.findData(NOOKAT))

    ui.languageKy.click()
    ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dlg.lang == "ky"
    assert dlg.windowTitle() != "Set up STRIVE Desktop" and "ө" in ui.intro.text() + ui.demoHint.text()
    assert ok.text() == "&Баштоо"
    assert ui.community.currentText() == "Ноокат", "the chosen community stays chosen, named in Kyrgyz"
    assert ui.communityRadio.isChecked(), "the language buttons are a group of their own"
    assert window.loading.text() != "Opening the data folder…"
    # saved for the next start
    assert gui_settings(data_dir).value("language") == "ky"
    assert choose_language(None, str(gui_settings(data_dir).value("language"))) == "ky"

    ui.languageRu.click()
    assert ok.text() == "&Начать" and ui.community.currentText() == "Ноокат"
    assert gui_settings(data_dir).value("language") == "ru"
    window._closing_ok = True


def test_a_built_navigation_is_translated_again(qtbot, language, window):
    from strive_desktop.gui.setup_dialog import retranslate_window

    assert window.nav.item(1).text() == "Advisory group"
    language("ky")
    retranslate_window(window)
    assert [window.nav.item(i).text() for i in range(3)] == ["Көрсөткүчтөр", "Консультативдик топ", "Адамдар"]


def test_the_app_goes_on_in_the_language_chosen_in_the_setup(qtbot, language, data_dir: Path):
    language("en")
    gui = GuiApp(data_dir, "en")
    qtbot.addWidget(gui.window)

    def setup(dlg: QWidget) -> None:
        ui = dlg.ui  # type: ignore[attr-defined]
        ui.languageKy.click()
        ui.name.setText("Ноокат офиси")
        ui.community.setCurrentIndex(ui.community.findData(NOOKAT))
        ui.userName.setText("Гүлнара")
        ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    seen = on_modal(SetupDialog, setup)
    try:
        assert gui.open()
        assert seen
        assert gui.ctx is not None and gui.ctx.lang == "ky"
        titles = [gui.window.nav.item(i).text() for i in range(gui.window.nav.count())]
        assert titles[:3] == ["Көрсөткүчтөр", "Консультативдик топ", "Адамдар"]
        assert installation.get_installation(gui.store).user_name == "Гүлнара"
    finally:
        gui.window._closing_ok = True
        gui.close()


# -- 5. exec()'d dialogs are deleted afterwards ------------------------------------------------------------

def test_cancelled_training_dialogs_do_not_stay_behind(qtbot, ctx, store):
    page = TrainingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    for _ in range(3):
        seen = on_modal(TrainingDialog, lambda d: d.reject())  # type: ignore[attr-defined]
        page.new_item()
        assert seen
    flush_deletes()
    assert page.findChildren(TrainingDialog) == []


def test_person_dialogs_do_not_stay_behind(qtbot, ctx, store, group_id, member_id):
    group = AdvisoryGroupPage(ctx)
    people = PeoplePage(ctx)
    for page in (group, people):
        qtbot.addWidget(page)
        page.show()
        page.refresh()
    for page in (group, people):
        for _ in range(2):
            seen = on_modal(PersonDialog, lambda d: d.reject())  # type: ignore[attr-defined]
            page.new_item()
            assert seen
    flush_deletes()
    assert group.findChildren(QDialog) == [] and people.findChildren(QDialog) == []


def test_a_duplicate_warning_does_not_stay_behind_either(qtbot, ctx, store, member_id):
    dlg = PersonDialog(ctx, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    fill_person(dlg, "Асанов Айбек")
    seen = on_modal(DuplicateDialog, lambda d: d.back_button.click())  # type: ignore[attr-defined]
    dlg.accept()
    assert seen
    flush_deletes()
    assert dlg.findChildren(DuplicateDialog) == []
    assert dt.date.today()  # the dialog is still usable
    assert dlg.ui.fullName.text() == "Асанов Айбек"
