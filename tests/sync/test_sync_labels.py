"""Headquarters' conflict list reads like the rest of the app: the field's name, not the
database column, in the interface language, and phone numbers, dates and yes/no as people
write them."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QCoreApplication

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.pages.sync import SyncPage
from strive_desktop.services import rosters
from strive_desktop.storage.db import Store
from strive_desktop.sync import labels

from .conftest import person, ship


def _conflict_at_hq(field: Store, hq: Store) -> None:
    """Both offices change the same person's phone and notes; the field's package reaches HQ."""
    pid = person(field, "Айгүл Өмүрбекова", phone="0700111111")
    ship(field, hq)

    def edit(st: Store, phone: str, notes: str) -> None:
        inp = rosters.get_person(st, pid).to_input()
        rosters.update_person(st, pid, dataclasses.replace(inp, phone=phone, notes=notes))

    edit(hq, "0700222222", "штабдан")
    edit(field, "0700333333", "кеңседен")
    results = ship(field, hq)
    assert results[0].conflicts == 2, results[0]


def _rows(qtbot, store: Store, lang: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    page = SyncPage(AppContext(store, lang))
    qtbot.addWidget(page)
    page.refresh()
    t = page.conflicts
    rows = [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]
    return {r[1]: r for r in rows}


def test_a_phone_conflict_shows_the_field_name_and_formatted_numbers(qtbot, linked) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    _conflict_at_hq(field, hq)
    rows = _rows(qtbot, hq, "en")
    assert set(rows) == {"Phone", "Notes"}
    assert rows["Phone"][0] == "Айгүл Өмүрбекова"
    assert {rows["Phone"][2], rows["Phone"][4]} == {"+996 700 33 33 33", "+996 700 22 22 22"}
    assert {rows["Notes"][2], rows["Notes"][4]} == {"кеңседен", "штабдан"}


@pytest.mark.parametrize(("lang", "phone", "notes"), [("ru", "Телефон", "Заметки"),
                                                      ("ky", "Телефон", "Эскертүүлөр")])
def test_the_field_names_are_in_the_interface_language(qtbot, linked, language, lang, phone, notes) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    _conflict_at_hq(field, hq)
    language(lang)
    if QCoreApplication.translate("strive", "Notes") == "Notes":
        pytest.skip("the translations of the field names are not in the .qm files yet")
    rows = _rows(qtbot, hq, lang)
    assert set(rows) == {phone, notes}
    assert "+996 700 22 22 22" in rows[phone]


def test_values_read_as_people_write_them() -> None:
    assert labels.value_text("people", "phone", "+996555068833") == "+996 555 06 88 33"
    assert labels.value_text("people", "consent_date", "2021-05-01") == "01.05.2021"
    assert labels.value_text("attendance", "present", True) == "yes"
    assert labels.value_text("attendance", "present", False) == "no"
    assert labels.value_text("people", "sector", "local_self_government") == "Local self-government"
    assert labels.value_text("local_plans", "status", "submitted") == "Submitted"
    assert labels.value_text("training_sessions", "hours", 6.0) == "6"
    assert labels.value_text("people", "notes", "2021-05-01 келди") == "2021-05-01 келди"
    assert labels.value_text("people", "notes", None) == ""
    fake = {"yes": "ооба", "Phone": "Телефон", "People": "Адамдар"}.get
    assert labels.value_text("attendance", "walk_in", True, lambda _c, s: fake(s, s)) == "ооба"
    assert labels.field_label("people", "phone", lambda _c, s: fake(s, s)) == "Телефон"
    assert labels.table_label("people", lambda _c, s: fake(s, s)) == "Адамдар"
    assert labels.table_label("people") == "People" and labels.table_label("new_table") == "new_table"


def test_every_synced_table_and_column_has_a_label() -> None:
    from strive_desktop.sync.merge import NOT_FIELDS, TABLES

    assert set(TABLES) <= set(labels.TABLE_LABELS)
    missing = {(t, c) for t, info in TABLES.items() for c in info.cols
               if c not in NOT_FIELDS and c not in labels.FIELD_LABELS}
    assert not missing
