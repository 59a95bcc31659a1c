"""Vulnerable groups page: add, edit and delete (with confirmation), saved in the database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.pages.vulnerable import VulnerableGroupDialog, VulnerableGroupsPage
from strive_desktop.services import vulnerable
from strive_desktop.storage.seed import community_id

from ..conftest import modal_titles  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")



@pytest.fixture
def page(qtbot, ctx) -> VulnerableGroupsPage:
    p = VulnerableGroupsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    return p


def table_rows(page: VulnerableGroupsPage) -> list[list[str]]:
    t = page.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_empty_page_says_what_to_do(page):
    assert page.stack.currentWidget() is page.empty
    assert "Add" in page.empty.text()
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()


def test_add_edit_delete(qtbot, page, store):
    errors: list[str] = []

    def add(dlg: VulnerableGroupDialog) -> None:
        dlg.accept()  # empty category: refused in place
        errors.append(dlg.error_text())
        dlg.category.setText("Жумушсуз жаштар")
        dlg.description.setPlainText("Young people without work or study, 16-25; Өзгөрүш айылы")
        dlg.accept()

    seen = modal_titles(VulnerableGroupDialog, add)
    page.new_item()
    assert seen == ["New vulnerable group"]
    assert "category" in errors[0].lower()
    saved = vulnerable.list_vulnerable_groups(store, NOOKAT)
    assert [(v.category, v.description) for v in saved] == [
        ("Жумушсуз жаштар", "Young people without work or study, 16-25; Өзгөрүш айылы")]
    assert table_rows(page) == [["Жумушсуз жаштар", "Young people without work or study, 16-25; Өзгөрүш айылы"]]
    assert page.selected().id == saved[0].id

    def edit(dlg: VulnerableGroupDialog) -> None:
        dlg.category.setText("Жумушсуз жаштар жана студенттер")
        dlg.accept()

    modal_titles(VulnerableGroupDialog, edit)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert [v.category for v in vulnerable.list_vulnerable_groups(store, NOOKAT)] == [
        "Жумушсуз жаштар жана студенттер"]
    assert table_rows(page)[0][0] == "Жумушсуз жаштар жана студенттер"

    texts: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Callable[[QMessageBox], None]:
        def act(box: QMessageBox) -> None:
            texts.append(box.text())
            box.button(button).click()
        return act

    modal_titles(QMessageBox, answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Жумушсуз жаштар жана студенттер" in texts[0]
    assert len(vulnerable.list_vulnerable_groups(store, NOOKAT)) == 1
    modal_titles(QMessageBox, answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert vulnerable.list_vulnerable_groups(store, NOOKAT) == []
    assert page.table.rowCount() == 0 and page.stack.currentWidget() is page.empty


def test_cancel_changes_nothing(qtbot, page, store):
    vulnerable.add_vulnerable_group(store, NOOKAT, "Return migrants", "From Russia")
    page.refresh()

    def edit(dlg: VulnerableGroupDialog) -> None:
        dlg.category.setText("Something else")
        modal_titles(QMessageBox, lambda box: next(  # "Discard what you entered?" -- Discard
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click())
        dlg.reject()

    modal_titles(VulnerableGroupDialog, edit)
    page.edit_selected()
    assert [v.category for v in vulnerable.list_vulnerable_groups(store)] == ["Return migrants"]


def test_headquarters_sees_every_community_and_must_choose_one_to_add(qtbot, hq_ctx, hq_store):
    vulnerable.add_vulnerable_group(hq_store, NOOKAT, "Return migrants")
    vulnerable.add_vulnerable_group(hq_store, KOCHKOR, "Students of informal religious schools")
    page = VulnerableGroupsPage(hq_ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.table.horizontalHeaderItem(0).text() == "Community"
    assert [r[:2] for r in table_rows(page)] == [["Kochkor", "Students of informal religious schools"],
                                                 ["Nookat", "Return migrants"]]
    texts: list[str] = []
    modal_titles(QMessageBox, lambda box: (texts.append(box.text()), box.accept()))
    page.new_item()
    assert "Choose a community" in texts[0]
    hq_ctx.set_community(KOCHKOR)
    page.refresh()
    assert page.table.horizontalHeaderItem(0).text() == "Category"
    assert table_rows(page) == [["Students of informal religious schools", ""]]
