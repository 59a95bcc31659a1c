"""Advisory group and People pages: add through the dialog, validation, duplicates, move,
remove with undo, history, filter-as-you-type; the table models pass qtmodeltester."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from strive_desktop.formatting import fmt_date
from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.gui.dialogs.history import HistoryDialog
from strive_desktop.gui.dialogs.move import MoveDialog
from strive_desktop.gui.dialogs.person import PersonDialog
from strive_desktop.gui.models.people import MemberTableModel, PeopleTableModel
from strive_desktop.gui.pages.people import AdvisoryGroupPage, PeoplePage
from strive_desktop.services import rosters
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.seed import community_id

from ..conftest import fill_person as fill_form  # type: ignore[import-not-found]
from ..conftest import on_modal  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


def type_text(widget: QWidget, text: str) -> None:
    """Type *text* key by key (QTest.keyClicks only knows Latin-1: no Cyrillic)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def person(name: str, year: int | None = 1985, sex: str = "m", sector: str = "youth",
           phone: str | None = None) -> rosters.PersonInput:
    return rosters.PersonInput(full_name=name, sex=sex, sector=sector, community_id=NOOKAT, birth_year=year,
                               phone=phone)


def fill_person(dlg: PersonDialog, name: str, *, sex: str = "f", sector: str = "women", year: str = "1990",
                phone: str = "") -> None:
    fill_form(dlg, name, sex=sex, sector=sector, year=year, phone=phone)


def save_button(dlg: PersonDialog):  # type: ignore[no-untyped-def]
    return dlg.ui.buttons.button(QDialogButtonBox.StandardButton.Save)


@pytest.fixture
def group_id(store) -> str:  # type: ignore[no-untyped-def]
    return rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу", "Ноокат ОПЦ",
                                dt.date(2021, 4, 9))


@pytest.fixture
def group_page(qtbot, ctx, group_id) -> AdvisoryGroupPage:  # type: ignore[no-untyped-def]
    page = AdvisoryGroupPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.refresh()
    return page


def names(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


# -- adding ---------------------------------------------------------------------------------------


def test_adding_a_member_through_the_dialog_shows_them_in_the_table_and_the_database(
        qtbot, group_page, store, group_id):
    def fill_and_save(dlg: QWidget) -> None:
        assert isinstance(dlg, PersonDialog)
        type_text(dlg.ui.fullName, "Түлөгөнова Айнура")
        fill_person(dlg, dlg.ui.fullName.text(), phone="0555 12 34 56")
        dlg.ui.role.setCurrentIndex(dlg.ui.role.findData("chair"))
        qtbot.mouseClick(save_button(dlg), Qt.MouseButton.LeftButton)

    seen = on_modal(PersonDialog, fill_and_save)
    group_page.new_item()
    assert seen, "the person dialog did not open"
    assert names(group_page.model) == ["Түлөгөнова Айнура"]
    assert group_page.model.data(group_page.model.index(0, 4)) == "Chair"
    assert group_page.model.data(group_page.model.index(0, 5)) == "+996 555 12 34 56"
    assert group_page.selected_row() == 0
    assert "1 person" in group_page.count.text()
    [m] = rosters.list_members(store, group_id)
    assert (m.full_name, m.sex, m.sector, m.role, m.phone, m.birth_year) == (
        "Түлөгөнова Айнура", "f", "women", "chair", "+996555123456", 1990)


def test_a_bad_phone_gets_a_message_next_to_the_field_and_nothing_is_saved(qtbot, ctx, store):
    dlg = PersonDialog(ctx, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    fill_person(dlg, "Осмонов Бакыт", sex="m", sector="youth", phone="12-ab")
    qtbot.mouseClick(save_button(dlg), Qt.MouseButton.LeftButton)
    assert dlg.isVisible(), "the dialog must stay open"
    message = dlg.error_text("phone")
    assert "phone" in message.lower()
    assert dlg.ui.phoneError.isVisible()
    assert dlg.focusWidget() is dlg.ui.phone or not dlg.isActiveWindow()
    assert dlg.error_text("full_name") == ""
    assert load_people_index(store, NOOKAT).full_names == []
    # fixing the phone saves, and the message goes away
    dlg.ui.phone.setText("0700 11 22 33")
    qtbot.mouseClick(save_button(dlg), Qt.MouseButton.LeftButton)
    assert dlg.result() == dlg.DialogCode.Accepted
    assert load_people_index(store, NOOKAT).phones == ["+996700112233"]


def test_missing_fields_are_named_each_under_its_own_field(qtbot, ctx):
    dlg = PersonDialog(ctx, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.ui.fullName.setText("Айбек")
    dlg.accept()
    assert dlg.error_text("full_name")  # surname and given name
    assert dlg.error_text("sex")
    assert dlg.error_text("sector")
    assert dlg.person_id is None


# -- the duplicate warning --------------------------------------------------------------------------


@pytest.fixture
def existing(store) -> str:  # type: ignore[no-untyped-def]
    return rosters.add_person(store, person("Асанов Айбек", 1985, phone="0555111222")).person_id


def test_duplicate_warning_use_that_person_adds_the_existing_record_to_the_group(
        qtbot, group_page, store, group_id, existing):
    texts: list[str] = []

    def use(dlg: QWidget) -> None:
        assert isinstance(dlg, DuplicateDialog)
        texts.append(dlg.message.text())
        qtbot.mouseClick(dlg.use_button, Qt.MouseButton.LeftButton)

    def fill(dlg: QWidget) -> None:
        fill_person(dlg, "АСАНОВ  айбек", sex="m", sector="youth", year="1985")  # type: ignore[arg-type]
        on_modal(DuplicateDialog, use)
        qtbot.mouseClick(save_button(dlg), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]

    on_modal(PersonDialog, fill)
    group_page.new_item()
    assert texts and "Асанов Айбек" in texts[0] and "Nookat" in texts[0] and "1985" in texts[0]
    assert len(load_people_index(store, NOOKAT)) == 1, "no second record"
    [m] = rosters.list_members(store, group_id)
    assert m.person_id == existing
    assert names(group_page.model) == ["Асанов Айбек"]


def test_duplicate_warning_create_anyway_makes_a_second_person(qtbot, ctx, store, existing):
    def create(dlg: QWidget) -> None:
        qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    dlg = PersonDialog(ctx, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    fill_person(dlg, "Асанов Айбек", sex="m", sector="lawyer", year="1985")
    seen = on_modal(DuplicateDialog, create)
    dlg.accept()
    assert seen
    assert dlg.person_id and dlg.person_id != existing
    assert sorted(load_people_index(store, NOOKAT).sectors) == ["lawyer", "youth"]


def test_duplicate_warning_back_to_the_form_saves_nothing(qtbot, ctx, store, existing):
    dlg = PersonDialog(ctx, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    dlg.show()
    fill_person(dlg, "Асанов Айбек", sex="m", sector="lawyer", year="1985")
    seen = on_modal(DuplicateDialog, lambda d: d.back_button.click())  # type: ignore[attr-defined]
    dlg.accept()
    assert seen and dlg.isVisible() and dlg.person_id is None
    assert len(load_people_index(store, NOOKAT)) == 1


# -- edit, move, remove + undo, history ---------------------------------------------------------------


@pytest.fixture
def members(store, group_id) -> list[str]:  # type: ignore[no-untyped-def]
    return rosters.bulk_add_people(store, [person("Жумабаев Нурлан", 1970, phone="0772 33 44 55"),
                                           person("Өмүрбекова Гүлзат", 1992, sex="f", sector="women")],
                                   group_id=group_id)


def test_editing_a_member_changes_the_row(qtbot, ctx, store, members, group_id):
    page = AdvisoryGroupPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.table.selectRow(0)

    def edit(dlg: QWidget) -> None:
        assert dlg.ui.fullName.text() == "Жумабаев Нурлан"  # type: ignore[attr-defined]
        dlg.ui.fullName.setText("Жумабаев Нурлан Асанович")  # type: ignore[attr-defined]
        dlg.ui.role.setCurrentIndex(dlg.ui.role.findData("secretary"))  # type: ignore[attr-defined]
        dlg.accept()

    on_modal(PersonDialog, edit)
    page.edit_selected()
    assert names(page.model)[0] == "Жумабаев Нурлан Асанович"
    assert page.model.data(page.model.index(0, 4)) == "Secretary"
    assert rosters.get_person(store, members[0]).full_name == "Жумабаев Нурлан Асанович"


def test_move_to_another_group_then_history_shows_both(qtbot, ctx, store, members, group_id):
    other = rosters.create_group(store, NOOKAT, "Жаштар тобу")
    page = AdvisoryGroupPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.group_combo.setCurrentIndex(page.group_combo.findData(group_id))
    page.table.selectRow(0)

    def move(dlg: QWidget) -> None:
        assert isinstance(dlg, MoveDialog)
        dlg.groups.setCurrentIndex(dlg.groups.findData(other))
        dlg.accept()

    on_modal(MoveDialog, move)
    page.move_selected()
    assert names(page.model) == ["Өмүрбекова Гүлзат"]
    assert [m.full_name for m in rosters.list_members(store, other)] == ["Жумабаев Нурлан"]

    page.group_combo.setCurrentIndex(page.group_combo.findData(other))
    page.table.selectRow(0)
    rows: list[list[str]] = []

    def read(dlg: QWidget) -> None:
        t = dlg.table  # type: ignore[attr-defined]
        rows.extend([t.item(r, c).text() for c in range(4)] for r in range(t.rowCount()))
        dlg.reject()

    on_modal(HistoryDialog, read)
    page.history_selected()
    assert sorted(r[0] for r in rows) == sorted(["Ноокат консультативдик тобу", "Жаштар тобу"])
    current = [r for r in rows if r[0] == "Жаштар тобу"][0]
    assert current[3] == "current member"
    former = [r for r in rows if r[0] != "Жаштар тобу"][0]
    assert former[3] == fmt_date(dt.date.today(), "en")  # Babel's English date: Dec 5, 2026


def test_remove_then_undo_brings_the_member_back(qtbot, ctx, store, members, group_id):
    page = AdvisoryGroupPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.table.selectRow(1)
    page.remove_selected()
    assert names(page.model) == ["Жумабаев Нурлан"]
    assert len(rosters.list_members(store, group_id)) == 1
    assert page.undo_bar.isVisible()
    assert "Өмүрбекова Гүлзат" in page.undo_bar.label.text()
    qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert not page.undo_bar.isVisible()
    assert names(page.model) == ["Жумабаев Нурлан", "Өмүрбекова Гүлзат"]
    assert len(rosters.list_members(store, group_id)) == 2


def test_delete_person_then_undo_on_the_people_page(qtbot, ctx, store, members):
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.wait_for_list()
    page.table.selectRow(0)
    page.delete_selected()
    page.wait_for_list()
    assert names(page.model) == ["Өмүрбекова Гүлзат"]
    page.undo_bar.undo_button.click()
    page.wait_for_list()
    assert names(page.model) == ["Жумабаев Нурлан", "Өмүрбекова Гүлзат"]
    assert len(load_people_index(store, NOOKAT)) == 2


def test_an_action_without_a_selection_says_what_to_do(qtbot, group_page, members, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr("strive_desktop.gui.pages.people.QMessageBox.information",
                        lambda _parent, _title, text: said.append(text))
    group_page.table.clearSelection()
    group_page.remove_selected()
    assert said == ["Select a person in the table first."]


def test_a_community_without_a_group_offers_to_create_it(qtbot, ctx, store):
    page = AdvisoryGroupPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.create_group_button.isVisible()
    assert "Nookat" in page.empty_label.text()
    assert not page.add_button.isVisible()


# -- the first screenful read on the window's worker: "Reading…", then the people ----------------

def test_people_page_says_reading_then_shows_the_people(qtbot, ctx, store):
    rosters.bulk_add_people(store, [person("Асанов Айбек"), person("Бакиев Нурлан")])
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.count.text() == "Reading…"
    assert page.model.rowCount() == 0 and not page.empty_hint.isVisible()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    assert names(page.model) == ["Асанов Айбек", "Бакиев Нурлан"]
    assert page.count.text() == "2 people"


def test_people_filter_typed_while_reading_is_kept(qtbot, ctx, many):
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.count.text() == "Reading…"
    type_text(page.filter, "бакиев")
    with qtbot.waitSignal(page.full_loaded, timeout=10_000):
        pass
    assert page.filter.text() == "бакиев"
    assert names_shown(page) == [n for n in many if n.startswith("Бакиев")]
    assert page.count.text() == f"6 of {len(many)} shown"


def test_people_added_while_reading_is_listed_and_selected(qtbot, ctx, store, many):
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()  # the first read is on its way
    pid = rosters.add_person(store, person("Яковлев Иван")).person_id
    page.refresh()  # as after the person dialog: this answer wins over the first
    page.select_id(pid)
    with qtbot.waitSignal(page.full_loaded, timeout=10_000):
        pass
    assert page.model.total() == len(many) + 1
    assert page.model.data(page.model.index(page.selected_row(), 0)) == "Яковлев Иван"


# -- filter-as-you-type --------------------------------------------------------------------------------


@pytest.fixture
def people_page(qtbot, ctx, store) -> PeoplePage:  # type: ignore[no-untyped-def]
    rosters.bulk_add_people(store, [
        person("Асанов Айбек", 1985, phone="0555 11 12 13"),
        person("Чыңгыз Эркин уулу", 1999, sector="religious_leader"),
        person("Өмүрбекова Гүлзат", 1992, sex="f", sector="women", phone="0700 98 76 54"),
        person("Ковалёв Сергей", 1960, sector="law_enforcement"),
    ])
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.wait_for_list()
    return page


@pytest.mark.parametrize(("typed", "expected"), [
    ("айбек", ["Асанов Айбек"]),
    ("Aibek", ["Асанов Айбек"]),
    ("AYBEK", ["Асанов Айбек"]),
    ("omurbek", ["Өмүрбекова Гүлзат"]),
    ("Өмүр", ["Өмүрбекова Гүлзат"]),
    ("чынгыз", ["Чыңгыз Эркин уулу"]),
    ("Ковалев", ["Ковалёв Сергей"]),
    ("987654", ["Өмүрбекова Гүлзат"]),
    ("women", ["Өмүрбекова Гүлзат"]),
    ("nobody here", []),
])


def test_filter_as_you_type_in_any_script(qtbot, people_page, typed, expected):
    type_text(people_page.filter, typed)
    assert names(people_page.model) == expected
    if expected:
        assert people_page.count.text() == f"{len(expected)} of 4 shown"


def test_clearing_the_filter_shows_everyone_and_ctrl_f_focuses_it(qtbot, people_page):
    type_text(people_page.filter, "айбек")
    qtbot.keyClick(people_page.filter, Qt.Key.Key_Escape)
    assert people_page.model.rowCount() == 4
    assert people_page.count.text() == "4 people"
    people_page.table.setFocus()
    people_page.focus_filter()
    assert people_page.filter.hasFocus() or not people_page.isActiveWindow()


def test_sorting_by_a_header_keeps_the_filter(qtbot, people_page):
    people_page.model.sort(2, Qt.SortOrder.AscendingOrder)  # age: youngest first
    assert names(people_page.model)[0] == "Чыңгыз Эркин уулу"
    qtbot.keyClicks(people_page.filter, "1")  # one digit is not a phone search: nothing
    people_page.filter.clear()
    assert names(people_page.model)[0] == "Чыңгыз Эркин уулу"


def test_group_page_filter_by_latin_name(qtbot, group_page, members):
    group_page.refresh()
    qtbot.keyClicks(group_page.filter, "zhumabaev")
    assert names(group_page.model) == ["Жумабаев Нурлан"]


# -- the models ----------------------------------------------------------------------------------------


def test_people_model_passes_qtmodeltester(qtmodeltester, store, members):
    model = PeopleTableModel(show_community=True)
    model.set_people(load_people_index(store))
    qtmodeltester.check(model, force_py=True)  # keeps watching the changes below
    model.set_filter("gulzat")
    assert model.rowCount() == 1
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.set_filter("")
    assert model.rowCount() == 2


def test_member_model_passes_qtmodeltester(qtmodeltester, store, members, group_id):
    model = MemberTableModel()
    model.set_members(rosters.list_members(store, group_id))
    qtmodeltester.check(model, force_py=True)
    model.sort(2, Qt.SortOrder.DescendingOrder)  # oldest first
    assert model.member(0).full_name == "Жумабаев Нурлан"
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.member(0).full_name == "Өмүрбекова Гүлзат"


def test_person_dialog_tab_order_follows_the_form(qtbot, ctx, group_id):
    dlg = PersonDialog(ctx, community_id=NOOKAT, group_id=group_id)
    qtbot.addWidget(dlg)
    ui = dlg.ui
    expected = [ui.fullName, ui.sex, ui.birthYear, ui.sector, ui.role, ui.phone, ui.pin, ui.organisation,
                ui.position, ui.consentGiven, ui.consentDate, ui.notes]
    chain, w = [], ui.fullName
    for _ in range(40):
        if w in expected and w not in chain:
            chain.append(w)
        w = w.nextInFocusChain()
    assert chain == expected
    assert dlg.minimumWidth() >= 480


def test_an_empty_people_page_says_how_to_start(qtbot, ctx, store):
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.wait_for_list()
    assert page.empty_hint.isVisible()
    assert "Add person" in page.empty_hint.text()
    rosters.add_person(store, person("Асанов Айбек"))
    page.refresh()
    page.wait_for_list()
    assert not page.empty_hint.isVisible()


def test_duplicate_warning_names_the_community_in_the_interface_language(qtbot, store, existing):
    from strive_desktop.gui.context import AppContext

    seen: list[str] = []

    def read(dlg: QWidget) -> None:
        seen.append(dlg.message.text())  # type: ignore[attr-defined]
        dlg.reject()  # type: ignore[attr-defined]

    dlg = PersonDialog(AppContext(store, "ky"), community_id=NOOKAT)
    qtbot.addWidget(dlg)
    fill_person(dlg, "Асанов Айбек", sex="m", sector="youth", year="1985")
    on_modal(DuplicateDialog, read)
    dlg.accept()
    assert seen and "Ноокат" in seen[0] and "Nookat" not in seen[0]


# -- progressive fill: the first screenful at once, everyone read in the background ---------------

@pytest.fixture
def many(store, monkeypatch) -> list[str]:
    """30 people in Nookat; the page reads only the first 5 at once. Names in store order."""
    monkeypatch.setattr(PeoplePage, "HEAD_ROWS", 5)
    names = [f"{s} {g}" for s in ("Асанов", "Бакиев", "Осмонов", "Токтогулов", "Жумабаев")
             for g in ("Айбек", "Нурлан", "Эрмек", "Бакыт", "Улан", "Дастан")]
    rosters.bulk_add_people(store, [person(n, phone=f"0555{i:06d}") for i, n in enumerate(names)])
    return load_people_index(store, NOOKAT).full_names


def names_shown(page: PeoplePage) -> list[str]:
    m = page.model
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def test_people_page_first_screenful_then_everyone(qtbot, qtmodeltester, ctx, many):
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.refresh()
    page.wait_for_list()
    assert page.loading
    qtmodeltester.check(page.model, force_py=True)  # keeps watching the swap below
    total = len(many)
    # Right total and a scrollbar for every row; the first rows real, in name order.
    assert page.model.rowCount() == total
    assert str(total) in page.count.text()
    assert names_shown(page)[:5] == many[:5]
    assert names_shown(page)[5:] == [""] * (total - 5)
    page.table.selectRow(3)
    chosen = page.model.id_at(3)
    with qtbot.waitSignal(page.full_loaded, timeout=10_000):
        pass
    assert not page.loading
    assert names_shown(page) == many
    assert page.model.total() == total and str(total) in page.count.text()
    assert page.selected_row() == 3 and page.model.id_at(3) == chosen
    # Sorting works on everyone once they are in.
    page.model.sort(0, Qt.SortOrder.DescendingOrder)
    assert names_shown(page) == many[::-1]


def test_people_filter_typed_while_loading_is_answered_from_everyone(qtbot, ctx, many):
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.wait_for_list()
    assert page.loading
    type_text(page.filter, "токтог")  # "Токтогулов" is past the first five rows
    assert page.model.rowCount() == 0
    assert page.count.text() == "Searching…"
    with qtbot.waitSignal(page.full_loaded, timeout=10_000):
        pass
    shown = names_shown(page)
    assert shown == [n for n in many if n.startswith("Токтогулов")] and len(shown) == 6
    assert page.count.text() == f"6 of {len(many)} shown"
    page.filter.clear()
    assert names_shown(page) == many


def test_people_reload_after_an_add_keeps_the_list_then_selects_the_new_person(qtbot, ctx, many, store):
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.wait_for_list()
    with qtbot.waitSignal(page.full_loaded, timeout=10_000):
        pass
    pid = rosters.bulk_add_people(store, [person("Яковлев Иван")])[0]
    page.refresh()  # as after the person dialog: everyone is read again in the background
    page.select_id(pid)  # not in the list shown yet: selected when the new one arrives
    assert page.loading and page.model.rowCount() == len(many)  # the list before stays shown
    with qtbot.waitSignal(page.full_loaded, timeout=10_000):
        pass
    assert not page.loading and page.model.rowCount() == len(many) + 1
    assert page.model.data(page.model.index(page.selected_row(), 0)) == "Яковлев Иван"
    assert page.count.text() == f"{len(many) + 1:,} people".replace(",", "\u00a0")


def test_people_select_while_loading_waits_for_everyone(qtbot, ctx, many, store):
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.wait_for_list()
    assert page.loading
    last = load_people_index(store, NOOKAT)
    page.select_id(last.ids[-1])  # e.g. just added, past the first screenful
    with qtbot.waitSignal(page.full_loaded, timeout=10_000):
        pass
    assert page.selected_row() == len(many) - 1
    assert page.model.data(page.model.index(page.selected_row(), 0)) == many[-1]


# -- what the user sees while typing: rows and count after every keystroke ----------------------

@pytest.fixture
def six(qtbot, ctx, store) -> PeoplePage:  # type: ignore[no-untyped-def]
    rosters.bulk_add_people(store, [
        person("Асанов Айбек", 1985, phone="0555 11 12 13"),
        person("Асанова Айгүл", 1990, sex="f", sector="women", phone="0700 98 76 54"),
        person("Хасанов Бакыт", 1970),
        person("Бакиев Нурлан", 1980, sector="law_enforcement", phone="0555 98 70 01"),
        person("Жумабаев Нурлан", 1965, sector="religious_leader"),
        person("Осмонова Айзада", 2001, sex="f", sector="women"),
    ])
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.wait_for_list()  # the first screenful is read on the window's worker
    return page


def seen(page: PeoplePage) -> tuple[list[str], str]:
    return names(page.model), page.count.text()


ASANOV = ["Асанов Айбек", "Асанова Айгүл", "Хасанов Бакыт"]


def test_each_keystroke_shows_its_people_and_count_and_backspace_widens_again(qtbot, six):
    everyone = (["Асанов Айбек", "Асанова Айгүл", "Бакиев Нурлан", "Жумабаев Нурлан", "Осмонова Айзада",
                 "Хасанов Бакыт"], "6 people")
    assert seen(six) == everyone
    steps = []
    for ch in "асанова":
        type_text(six.filter, ch)
        steps.append(seen(six))
    assert steps == [everyone,  # "а": every name has one
                     (ASANOV, "3 of 6 shown"), (ASANOV, "3 of 6 shown"), (ASANOV, "3 of 6 shown"),
                     (ASANOV, "3 of 6 shown"), (ASANOV, "3 of 6 shown"),
                     (["Асанова Айгүл"], "1 of 6 shown")]
    qtbot.keyClick(six.filter, Qt.Key.Key_Backspace)  # "асанов": the men again
    assert seen(six) == (ASANOV, "3 of 6 shown")
    for _ in range(5):
        qtbot.keyClick(six.filter, Qt.Key.Key_Backspace)
    assert six.filter.text() == "а" and seen(six) == everyone
    type_text(six.filter, "с айб")  # "ас айб": every word, another name part
    assert seen(six) == (["Асанов Айбек"], "1 of 6 shown")
    qtbot.keyClick(six.filter, Qt.Key.Key_Backspace)
    qtbot.keyClick(six.filter, Qt.Key.Key_Backspace)  # "ас а"
    assert seen(six) == (ASANOV, "3 of 6 shown")


def test_phone_digits_then_a_letter_then_a_sector(qtbot, six):
    type_text(six.filter, "0555")
    assert seen(six) == (["Асанов Айбек", "Бакиев Нурлан"], "2 of 6 shown")
    type_text(six.filter, " 98")
    assert seen(six) == (["Бакиев Нурлан"], "1 of 6 shown")
    six.filter.clear()
    assert seen(six)[1] == "6 people"
    type_text(six.filter, "wom")  # the women's sector, whatever the name
    assert seen(six) == (["Асанова Айгүл", "Осмонова Айзада"], "2 of 6 shown")


def test_a_change_to_a_person_while_a_filter_is_on(qtbot, six, store):
    type_text(six.filter, "нурла")
    assert seen(six) == (["Бакиев Нурлан", "Жумабаев Нурлан"], "2 of 6 shown")
    ix = load_people_index(store, NOOKAT)
    bakiev = ix.ids[ix.full_names.index("Бакиев Нурлан")]
    rosters.update_person(store, bakiev, person("Бакиев Эрлан", 1980, sector="law_enforcement"))
    six.refresh()  # as after the person dialog's Save
    six.wait_for_list()
    assert six.filter.text() == "нурла"
    assert seen(six) == (["Жумабаев Нурлан"], "1 of 6 shown")
    rosters.bulk_add_people(store, [person("Токтогулов Нурлан", 1999)])
    six.refresh()
    six.wait_for_list()
    assert seen(six) == (["Жумабаев Нурлан", "Токтогулов Нурлан"], "2 of 7 shown")
    type_text(six.filter, "н")  # typing on searches the new list, not the one before the change
    assert seen(six) == (["Жумабаев Нурлан", "Токтогулов Нурлан"], "2 of 7 shown")
    qtbot.keyClick(six.filter, Qt.Key.Key_Backspace)
    qtbot.keyClick(six.filter, Qt.Key.Key_Backspace)  # "нур": Эрлан is no match now either
    assert seen(six) == (["Жумабаев Нурлан", "Токтогулов Нурлан"], "2 of 7 shown")
    rosters.delete_person(store, ix.ids[ix.full_names.index("Жумабаев Нурлан")])
    six.refresh()
    six.wait_for_list()
    assert seen(six) == (["Токтогулов Нурлан"], "1 of 6 shown")
    six.filter.clear()
    assert "Бакиев Эрлан" in names(six.model) and six.count.text() == "6 people"


def test_editing_a_person_while_filtered_shows_the_change_and_keeps_them_selected(qtbot, six, store):
    type_text(six.filter, "нурла")
    six.table.selectRow(names(six.model).index("Бакиев Нурлан"))

    def edit(dlg: QWidget) -> None:
        assert isinstance(dlg, PersonDialog)
        dlg.ui.fullName.setText("Бакиев Нурланбек")
        qtbot.mouseClick(save_button(dlg), Qt.MouseButton.LeftButton)

    seen_dialogs = on_modal(PersonDialog, edit)
    six.edit_selected()
    assert seen_dialogs, "the person dialog did not open"
    # the list before stays shown, the person selected, while everyone is read again
    assert six.model.data(six.model.index(six.selected_row(), 0)) == "Бакиев Нурлан"
    six.wait_for_list()
    assert six.filter.text() == "нурла"
    assert seen(six) == (["Бакиев Нурланбек", "Жумабаев Нурлан"], "2 of 6 shown")
    assert six.model.data(six.model.index(six.selected_row(), 0)) == "Бакиев Нурланбек"


def test_typing_with_a_column_sorted_keeps_that_order_and_the_selection(qtbot, qtmodeltester, six):
    qtmodeltester.check(six.model, force_py=True)
    age = six.model.columns.index("age")
    six.table.horizontalHeader().setSortIndicator(age, Qt.SortOrder.AscendingOrder)  # header click
    assert names(six.model) == ["Осмонова Айзада", "Асанова Айгүл", "Асанов Айбек", "Бакиев Нурлан",
                                "Хасанов Бакыт", "Жумабаев Нурлан"]
    type_text(six.filter, "асан")
    assert seen(six) == (["Асанова Айгүл", "Асанов Айбек", "Хасанов Бакыт"], "3 of 6 shown")
    six.table.selectRow(2)
    six.table.horizontalHeader().setSortIndicator(age, Qt.SortOrder.DescendingOrder)
    assert names(six.model) == ["Хасанов Бакыт", "Асанов Айбек", "Асанова Айгүл"]
    assert six.model.data(six.model.index(six.selected_row(), 0)) == "Хасанов Бакыт"  # it followed
    qtbot.keyClick(six.filter, Qt.Key.Key_Backspace)
    assert names(six.model) == ["Хасанов Бакыт", "Асанов Айбек", "Асанова Айгүл"]
    six.filter.clear()
    assert names(six.model) == ["Жумабаев Нурлан", "Хасанов Бакыт", "Бакиев Нурлан", "Асанов Айбек",
                                "Асанова Айгүл", "Осмонова Айзада"]
    six.table.horizontalHeader().setSortIndicator(age, Qt.SortOrder.AscendingOrder)
    type_text(six.filter, "нурлан")  # a few of many: ordered by themselves
    assert seen(six) == (["Бакиев Нурлан", "Жумабаев Нурлан"], "2 of 6 shown")
    six.filter.clear()
    six.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    type_text(six.filter, "нурлан")
    assert names(six.model) == ["Жумабаев Нурлан", "Бакиев Нурлан"]
