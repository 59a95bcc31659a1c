"""Settings: the user's name, the completion rule, the language, backups."""

from __future__ import annotations

import pytest

from strive_desktop.gui.i18n import gui_settings
from strive_desktop.gui.ops import Changes, Table
from strive_desktop.gui.pages.settings import SettingsPage
from strive_desktop.services import installation, trainings


@pytest.fixture
def page(qtbot, ctx) -> SettingsPage:  # type: ignore[no-untyped-def]
    p = SettingsPage(ctx)
    qtbot.addWidget(p)
    p.show()
    p.refresh()
    return p


def test_shows_the_installation_and_the_user(page, store):
    assert page.installation_label.text() == "Nookat office — Nookat"
    # logged in: the account the changes are recorded under, not a typed name (issue 13)
    assert page.user_name.text() == store.account and page.user_name.isReadOnly()
    assert page.completion.value() == 80
    assert page.folder_label.text() == str(store.folder.root)
    assert not page.has_unsaved()


def test_saving_the_name_and_the_rule(page, store, ctx):
    changed: list[Changes] = []
    ctx.changed.connect(changed.append)
    page.user_name.setText("  Гүлнара   Өмүрова ")
    page.completion.setValue(75)
    assert page.has_unsaved()
    assert page.save() is True
    assert installation.get_installation(store).user_name == "Гүлнара Өмүрова"
    assert trainings.completion_rule(store).min_share == pytest.approx(0.75)
    assert page.saved_label.text() == "Saved."
    assert not page.has_unsaved()
    assert [c.tables for c in changed] == [{Table.SETTINGS}]  # one action, one broadcast


def test_choosing_a_language_is_kept_for_the_next_start(page, store):
    page.language.setCurrentIndex(page.language.findData("ky"))
    page.language.activated.emit(page.language.currentIndex())
    assert gui_settings(store.folder.root).value("language") == "ky"
    assert page.language_note.isVisible()
    assert "next time" in page.language_note.text()


def test_back_up_now_writes_a_working_copy_in_the_background(qtbot, page, store, tmp_path, monkeypatch):
    monkeypatch.setattr("strive_desktop.gui.pages.settings.QMessageBox.information", lambda *a: None)
    out = tmp_path / "копия.sqlite3"
    page.backup_to(out)
    qtbot.waitUntil(lambda: "Backup written" in page.backup_label.text(), timeout=10000)
    assert str(out) in page.backup_label.text()
    # the whole folder, encrypted and checked (services/backups.py, issue 13 point 4)
    from strive_desktop.services import backups, installation

    assert backups.verify(out, store.key)["installation"] == installation.get_installation(store).id


def test_other_modules_can_add_a_section(page, qtbot):
    from PySide6.QtWidgets import QLabel

    box = page.add_section("Sync delivery", QLabel("a shared folder"))
    assert box.title() == "Sync delivery"
    qtbot.waitUntil(lambda: box.isVisibleTo(page), timeout=2000)  # shown on the next event loop turn
    boxes = [b.title() for b in page.findChildren(type(box))]
    assert boxes.index("Sync delivery") > boxes.index("Data folder")
