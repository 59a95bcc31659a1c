"""Review 3: restore from the Settings page, the completion-rule hint, the installation's role,
the plans list headers, returning a plan to draft, and the move date."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.pages.settings import SettingsPage
from strive_desktop.services import maintenance, rosters
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
    backup = maintenance.backup(folder, tmp_path / "before.sqlite3")
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
