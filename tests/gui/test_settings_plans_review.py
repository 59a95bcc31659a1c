"""Review 3: restore from the Settings page, the completion-rule hint, the installation's role,
the plans list headers, returning a plan to draft, and the move date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from strive_desktop.errors import UserError
from strive_desktop.gui.pages.plans import PlansPage
from strive_desktop.gui.pages.settings import SettingsPage
from strive_desktop.services import maintenance, plans, rosters
from strive_desktop.storage.db import open_store
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


def _names(store) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.full_name for p in rosters.search_people(store, "")}


def test_restore_from_the_window_brings_back_the_backup_and_keeps_the_replaced_db(
        page, ctx, store, tmp_path, monkeypatch):
    folder = store.folder
    _person(store, "Асанова Гүлнара")
    backup = maintenance.backup(folder, tmp_path / "before.sqlite3", store.cipher_key)
    _person(store, "Өмүров Бакыт")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    restarted: list[bool] = []
    page.restart = lambda: restarted.append(True)

    assert page.restore_from(backup) is True

    assert restarted == [True]
    assert "restored" in shown[0] and "backups" in shown[0]
    replaced = list(folder.backups.glob("strive-replaced-*.sqlite3"))
    assert len(replaced) == 1
    with open_store(folder.root) as again:  # the app's own store was closed: the folder is free
        assert "Асанова Гүлнара" in _names(again) and "Өмүров Бакыт" not in _names(again)
    with sqlite3.connect(replaced[0]) as con:  # what was replaced is kept, Бакыт included
        assert ("Өмүров Бакыт",) in con.execute("select full_name from people").fetchall()


def test_a_refused_restore_says_why_and_the_window_keeps_working(page, ctx, store, tmp_path, monkeypatch):
    _person(store, "Асанова Гүлнара")
    bad = tmp_path / "notes.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: warned.append(text))
    page.restart = lambda: pytest.fail("no restart after a refused restore")

    assert page.restore_from(bad) is False

    assert warned and "Sorry" not in warned[0]
    assert "Асанова Гүлнара" in _names(ctx.store)  # the reopened store works
    _person(ctx.store, "Өмүров Бакыт")
    assert "Өмүров Бакыт" in _names(ctx.store)


def test_restore_asks_first_and_no_is_the_default(page, qtbot, tmp_path, monkeypatch):
    seen: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box)
        return box.defaultButton() and QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert page.confirm_restore(tmp_path / "strive-backup.sqlite3") is False
    box = seen[0]
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert "strive-backup.sqlite3" in box.text() and "backups folder" in box.text()
    assert page.restore_button.text() == "&Restore from a backup…"


def test_the_rule_hint_says_this_computer_and_the_role_has_no_second_brackets(page, hq_store, qtbot):
    texts = [w.text() for w in page.findChildren(type(page.rule_tail))]
    assert any("on this computer" in t for t in texts)
    assert page.installation_label.text() == "Nookat office — Nookat"


# -- plans: returning to draft, submitting again -------------------------------------------------------
@pytest.fixture
def plan_id(store) -> str:  # type: ignore[no-untyped-def]
    draft = plans.PlanDraft("Ноокат: жергиликтүү план 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            objectives="1. Маалымдуулукту жогорулатуу.",
                            activities=[plans.ActivityInput("Мектептерде маалымат сааттары", "Жаштар адиси",
                                                            budget_project=20000, budget_local=5000)])
    return plans.create_plan(store, NOOKAT, draft)


def test_submitting_again_unchanged_keeps_one_revision_a_change_makes_a_new_one(store, plan_id):
    plans.change_status(store, plan_id, "submitted")
    plans.change_status(store, plan_id, "draft")
    plans.change_status(store, plan_id, "submitted")
    assert [r.number for r in plans.list_revisions(store, plan_id)] == [1]
    plans.change_status(store, plan_id, "draft")
    draft = plans.get_plan(store, plan_id).draft
    plans.save_draft(store, plan_id, dataclasses.replace(draft, objectives="2. Жаңы максат."))
    plans.change_status(store, plan_id, "submitted")
    assert [r.number for r in plans.list_revisions(store, plan_id)] == [2, 1]
    plans.change_status(store, plan_id, "approved")  # approval is a new status: frozen too
    assert [r.status for r in plans.list_revisions(store, plan_id)] == ["approved", "submitted", "submitted"]


def test_return_to_draft_asks_first_and_no_is_the_default(qtbot, ctx, store, plan_id, monkeypatch):
    plans.change_status(store, plan_id, "submitted")
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    assert page.select_plan(plan_id)
    asked: list[tuple[str, object]] = []

    def question(parent, title, text, buttons=None, default=None):  # noqa: ANN001, ANN202
        asked.append((text, default))
        return default  # the user presses Enter: the default button

    monkeypatch.setattr(QMessageBox, "question", question)
    assert page.change_status("draft") is False
    assert "draft" in asked[0][0] and asked[0][1] == QMessageBox.StandardButton.No
    assert plans.get_plan(store, plan_id).status == "submitted"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert page.change_status("draft") is True
    assert plans.get_plan(store, plan_id).status == "draft"
    page._dirty = False


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

    from .test_people import on_modal

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


def test_a_move_before_joining_is_refused_plainly(store, two_groups):
    a, b, pid = two_groups
    (m,) = rosters.list_members(store, a)
    with pytest.raises(UserError) as err:
        rosters.move_member(store, m.membership_id, b, on=dt.date(2024, 2, 1))
    assert "01.03.2024" in err.value.render()
    assert [x.full_name for x in rosters.list_members(store, a)] == ["Жумабаев Нурлан"]


# -- plans list at 1366, headquarters (all communities) ---------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_plans_list_headers_and_statuses_whole_at_1366(tmp_path, qtbot, language, hq_store, lang):
    from PySide6.QtWidgets import QStyle

    from strive_desktop.domain.enums import PlanStatus
    from strive_desktop.gui.context import AppContext
    from strive_desktop.gui.main_window import MainWindow
    from strive_desktop.gui.models.activities import status_label

    draft = plans.PlanDraft("Ноокат: жергиликтүү план 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            objectives="1.", activities=[plans.ActivityInput("Иш-чара", budget_project=92000,
                                                                             budget_local=48000)])
    plans.create_plan(hq_store, NOOKAT, draft)
    language(lang)
    ctx = AppContext(hq_store, lang)
    win = MainWindow(hq_store.folder.root, ctx)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    assert ctx.community_id is None  # all communities: the Community column is there
    page = win.show_page("plans")
    table = page.list
    qtbot.waitUntil(lambda: table.viewport().width() > 0 and table.columnWidth(1) > 0)
    qtbot.wait(50)
    header = table.horizontalHeader()
    hfm = header.fontMetrics()
    margin = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    for c in range(1, table.columnCount()):
        text = table.horizontalHeaderItem(c).text()
        widest = max(hfm.horizontalAdvance(line) for line in text.split("\n"))
        assert widest + margin <= header.sectionSize(c), (lang, c, text, header.sectionSize(c))
        # drawn whole: not elided as one long line (which joins and cuts the two lines)
        drawn = hfm.elidedText(text, header.textElideMode(), header.sectionSize(c) - margin)
        assert drawn == text, (lang, text, drawn)
    assert header.height() >= 2 * hfm.lineSpacing()  # the two-line headers have the room
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    status = 3
    fm = table.fontMetrics()
    for st in PlanStatus:
        assert fm.horizontalAdvance(status_label(st.value)) + 8 <= table.columnWidth(status), (lang, st)
    assert header.sectionSize(0) >= 200, heads  # the title keeps its room
    page._dirty = False
    if lang == "ky":
        win.grab().save(str(tmp_path / "sp-plans-hq-ky.png"))


def test_restore_from_the_settings_page_of_the_window(qtbot, window, store, tmp_path, monkeypatch):
    _person(store, "Асанова Гүлнара")
    backup = maintenance.backup(store.folder, tmp_path / "before.sqlite3", store.cipher_key)
    _person(store, "Өмүров Бакыт")
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    page = window.show_page("settings")
    restarted: list[bool] = []
    page.restart = lambda: restarted.append(True)
    assert page.restore_from(backup) is True and restarted == [True]
    qtbot.wait(50)  # nothing in the window writes to the restored file meanwhile
    with open_store(store.folder.root) as again:
        assert _names(again) >= {"Асанова Гүлнара"} and "Өмүров Бакыт" not in _names(again)
