"""Tests of move."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel

from strive_desktop.errors import UserError
from strive_desktop.gui.pages.settings import SettingsPage
from strive_desktop.services import rosters
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def page(qtbot, ctx) -> SettingsPage:  # type: ignore[no-untyped-def]
    p = SettingsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    p.refresh()
    return p


def _person(store, name: str) -> str:  # type: ignore[no-untyped-def]
    return rosters.add_person(store, rosters.PersonInput(name, "f", "youth", NOOKAT, 1990)).person_id
# -- moving a member: the date ---------------------------------------------------------------------------
@pytest.fixture
def two_groups(store) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    a = rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу", "Ноокат ОПЦ", dt.date(2021, 4, 9))
    b = rosters.create_group(store, NOOKAT, "Жаштар тобу", "", dt.date(2022, 1, 1))
    pid = _person(store, "Жумабаев Нурлан")
    rosters.add_member(store, pid, a, joined_on=dt.date(2024, 3, 1))
    return a, b, pid


def test_move_dialog_takes_the_date_and_the_history_shows_it(qtbot, ctx, store, two_groups):
    from strive_desktop.gui.dialogs.move import MoveDialog
    from strive_desktop.gui.pages.people import AdvisoryGroupPage

    from ..conftest import on_modal  # type: ignore[import-not-found]

    a, b, pid = two_groups
    page = AdvisoryGroupPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.group_combo.setCurrentIndex(page.group_combo.findData(a))
    page.table.selectRow(0)
    seen: list[str] = []

    def move(dlg) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dlg, MoveDialog)
        assert dlg.moved_on() == dt.date.today()  # today unless changed
        seen.extend(w.text() for w in dlg.findChildren(QLabel))
        dlg.groups.setCurrentIndex(dlg.groups.findData(b))
        dlg.moved_on_edit.setDate(dt.date(2026, 9, 15))
        dlg.accept()

    on_modal(MoveDialog, move)
    page.move_selected()
    assert "Moved &on:" in seen and any("&to:" in t for t in seen)
    rows = sorted(rosters.membership_history(store, pid), key=lambda m: m.joined_on)
    assert [(r.joined_on, r.left_on) for r in rows] == [(dt.date(2024, 3, 1), dt.date(2026, 9, 15)),
                                                          (dt.date(2026, 9, 15), None)]


def test_a_move_before_joining_is_refused_plainly(store, two_groups, language):
    from strive_desktop.gui.context import user_text

    a, b, pid = two_groups
    (m,) = rosters.list_members(store, a)
    with pytest.raises(UserError) as err:
        rosters.move_member(store, m.membership_id, b, on=dt.date(2024, 2, 1))
    assert "(Mar 1, 2024)" in user_text(err.value)  # the joining date, in the window's language
    for lang in ("ru", "ky"):
        language(lang)
        assert "01.03.2024" in user_text(err.value)
    assert [x.full_name for x in rosters.list_members(store, a)] == ["Жумабаев Нурлан"]
