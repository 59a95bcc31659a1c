"""Settings: the user's name, the completion rule, the language, backups."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QScrollArea

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.i18n import gui_settings
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.ops import Changes, Table
from strive_desktop.gui.pages.settings import SettingsPage
from strive_desktop.services import installation, maintenance, rosters, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage import cipher
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id


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

    box = page.add_section("Sync delivery", QLabel("a shared folder"))
    assert box.title() == "Sync delivery"
    qtbot.waitUntil(lambda: box.isVisibleTo(page), timeout=2000)  # shown on the next event loop turn
    boxes = [b.title() for b in page.findChildren(type(box))]
    assert boxes.index("Sync delivery") > boxes.index("Data folder")


NOOKAT = community_id("nookat")


@pytest.fixture
def restore_page(qtbot, ctx) -> SettingsPage:  # type: ignore[no-untyped-def]
    p = SettingsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    p.refresh()
    return p


def _person(store, name: str) -> str:  # type: ignore[no-untyped-def]
    return rosters.add_person(store, rosters.PersonInput(name, "f", "youth", NOOKAT, 1990)).person_id


def _names(store) -> set[str]:  # type: ignore[no-untyped-def]
    return set(load_people_index(store).filtered("").full_names)


def test_restore_from_the_window_brings_back_the_backup_and_keeps_the_replaced_db(
        restore_page, ctx, store, tmp_path, monkeypatch):
    folder = store.folder
    _person(store, "Асанова Гүлнара")
    backup = maintenance.backup(folder, tmp_path / "before.sqlite3", store.cipher_key)
    _person(store, "Өмүров Бакыт")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    restarted: list[bool] = []
    restore_page.restart = lambda: restarted.append(True)

    assert restore_page.restore_from(backup) is True

    assert restarted == [True]
    assert "restored" in shown[0] and "backups" in shown[0]
    replaced = list(folder.backups.glob("strive-replaced-*.sqlite3"))
    assert len(replaced) == 1
    with open_store(folder.root) as again:  # the app's own store was closed: the folder is free
        assert "Асанова Гүлнара" in _names(again) and "Өмүров Бакыт" not in _names(again)
    with cipher.connect(replaced[0], store.key) as con:  # what was replaced is kept (encrypted), Бакыт included
        assert ("Өмүров Бакыт",) in con.execute("select full_name from people").fetchall()


def test_a_refused_restore_says_why_and_the_window_keeps_working(restore_page, ctx, store, tmp_path, monkeypatch):
    _person(store, "Асанова Гүлнара")
    bad = tmp_path / "notes.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: warned.append(text))
    restore_page.restart = lambda: pytest.fail("no restart after a refused restore")

    assert restore_page.restore_from(bad) is False

    assert warned and "Sorry" not in warned[0]
    assert "Асанова Гүлнара" in _names(ctx.store)  # the reopened store works
    _person(ctx.store, "Өмүров Бакыт")
    assert "Өмүров Бакыт" in _names(ctx.store)


def test_restore_asks_first_and_no_is_the_default(restore_page, qtbot, tmp_path, monkeypatch):
    seen: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box)
        return box.defaultButton() and QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert restore_page.confirm_restore(tmp_path / "strive-backup.sqlite3") is False
    box = seen[0]
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert "strive-backup.sqlite3" in box.text() and "backups folder" in box.text()
    assert restore_page.restore_button.text() == "&Restore from a backup…"


def test_the_rule_hint_says_this_computer_and_the_role_has_no_second_brackets(restore_page, hq_store, qtbot):
    texts = [w.text() for w in restore_page.findChildren(type(restore_page.rule_tail))]
    assert any("on this computer" in t for t in texts)
    assert restore_page.installation_label.text() == "Nookat office — Nookat"


def test_restore_from_the_settings_page_of_the_window(qtbot, window, store, tmp_path, monkeypatch):
    _person(store, "Асанова Гүлнара")
    backup = maintenance.backup(store.folder, tmp_path / "before.sqlite3", store.cipher_key)
    _person(store, "Өмүров Бакыт")
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    restore_page = window.show_page("settings")
    restarted: list[bool] = []
    restore_page.restart = lambda: restarted.append(True)
    assert restore_page.restore_from(backup) is True and restarted == [True]
    qtbot.wait(50)  # nothing in the window writes to the restored file meanwhile
    with open_store(store.folder.root) as again:
        assert _names(again) >= {"Асанова Гүлнара"} and "Өмүров Бакыт" not in _names(again)


def test_restore_of_another_installations_backup_is_refused_in_the_window(
        qtbot, ctx, store, hq_store, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    rosters.add_person(store, rosters.PersonInput("Асанова Гүлнара", "f", "youth",
                                                  community_id("nookat"), 1990))
    own_id = installation.get_installation(store).id
    hq_backup = maintenance.backup(hq_store.folder, tmp_path / "hq.sqlite3", hq_store.cipher_key)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: warned.append(text))
    page.restart = lambda: pytest.fail("no restart after a refused restore")

    assert page.restore_from(hq_backup) is False

    # another installation's backup is encrypted with its own key: refused before anything else
    assert warned and ("another installation" in warned[0]
                       or "not a STRIVE Desktop database of this folder" in warned[0])
    assert "--other-installation" not in warned[0]  # no command-line advice in the window
    assert installation.get_installation(ctx.store).id == own_id


def _window(qtbot, store: Store, lang: str) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(store.folder.root, AppContext(store, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    return win


@pytest.mark.parametrize("lang", ["en", "ky", "ru"])
def test_settings_tabs_fit_1366x705_without_scrolling(qtbot, language, store: Store, lang: str) -> None:
    language(lang)
    win = _window(qtbot, store, lang)
    win.resize(1366, 705)
    page = win.show_page("settings")
    qtbot.wait(20)
    assert page.tabs.count() == 2
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        qtbot.wait(20)
        scroll = page.tabs.currentWidget()
        assert isinstance(scroll, QScrollArea)
        assert scroll.widget().sizeHint().height() <= scroll.viewport().height(), page.tabs.tabText(i)
        assert not scroll.verticalScrollBar().isVisible()
        assert not scroll.horizontalScrollBar().isVisible()


def test_the_users_box_is_on_the_general_tab_and_the_signers_are_one_click_away(qtbot, window) -> None:
    from PySide6.QtWidgets import QGroupBox

    page = window.show_page("settings")
    general = [b.title() for b in page.scroll.widget().findChildren(QGroupBox)]
    assert {"You and this installation", "Data folder", "Trainings", "Users"} <= set(general)
    assert "Certificates" not in general
    assert page.tabs.tabText(1) == "Certificates" and page.tabs.currentIndex() == 0
    page.show_section(page.certificate_settings)  # as the certificates dialog's "Settings…" does
    assert page.tabs.currentWidget() is page.certificate_scroll
    assert page.certificate_settings.isVisible()


LANGS = ["en", "ru", "ky"]


# -- settings page ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_settings_rule_is_one_line_and_save_is_at_the_bottom_right(tmp_path, qtbot, language, store, lang) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QGroupBox

    from strive_desktop.gui.main_window import MainWindow

    language(lang)
    win = MainWindow(store.folder.root, AppContext(store, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 705)
    win.show()
    page = win.show_page("settings")
    qtbot.wait(20)
    body = page.scroll.widget()

    def rect(w):  # type: ignore[no-untyped-def]
        return w.rect().translated(w.mapTo(body, w.rect().topLeft()))

    # the completion rule reads as one sentence on one line: label, spin box, "of its hours."
    label = page.completion.parent().findChildren(type(page.rule_tail))[0]
    spin, tail = rect(page.completion), rect(page.rule_tail)
    assert rect(label).right() < spin.left() < spin.right() < tail.left()
    assert abs(rect(label).center().y() - spin.center().y()) <= 3
    assert abs(tail.center().y() - spin.center().y()) <= 3
    assert page.rule_tail.visibleRegion().boundingRect().width() >= page.rule_tail.sizeHint().width()
    # Save is below every box, at the right of the page, and the page still needs no scrolling
    boxes = [rect(b) for b in body.findChildren(QGroupBox)]
    assert len(boxes) == 4
    save = rect(page.save_button)
    assert all(save.top() > b.bottom() for b in boxes)
    assert save.right() >= max(b.right() for b in boxes) - 2
    assert save.bottom() <= page.scroll.viewport().height()
    assert not page.scroll.verticalScrollBar().isVisible()
    if lang != "en":
        win.grab().save(str(tmp_path / f"settings-{lang}.png"))


def test_the_certificates_tab_shows_the_saved_signers_when_first_chosen(qtbot, page, store) -> None:
    from PySide6.QtWidgets import QLineEdit

    from strive_desktop.services import certificates

    certificates.save_certificate_settings(store, certificates.CertificateSettings(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы"), certificates.Signatory())))
    page.refresh()  # opening the page: the Certificates tab is not shown, so not built yet
    certs = page.certificate_scroll.widget()
    assert certs.findChildren(QLineEdit) == []
    page.tabs.setCurrentWidget(page.certificate_scroll)  # the user chooses the tab
    texts = [e.text() for e in certs.findChildren(QLineEdit)]
    assert "Өмүрбек Түлөгөнов" in texts and "Айыл өкмөтүнүн башчысы" in texts
    assert page.certificate_settings.isVisible()
    # What headquarters sends later is shown when the page is read again.
    certificates.save_certificate_settings(store, certificates.CertificateSettings(
        (certificates.Signatory("Бакыт Асанов", "Башчы"), certificates.Signatory())))
    page.refresh()
    assert "Бакыт Асанов" in [e.text() for e in certs.findChildren(QLineEdit)]


def test_opening_settings_reads_the_account_and_the_idle_lock_once(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The Users box is filled once when the page opens (not once when built and again when
    the page is first shown), and it shows who is logged in and the idle lock."""
    from strive_desktop.services import accounts

    reads: list[str] = []
    for name in ("permits", "idle_lock_minutes", "list_accounts", "current"):
        real = getattr(accounts, name)
        monkeypatch.setattr(accounts, name, lambda *a, _real=real, _name=name, **k: (reads.append(_name),
                                                                                     _real(*a, **k))[1])
    page = window.show_page("settings")
    assert isinstance(page, SettingsPage)
    assert sorted(reads) == ["idle_lock_minutes", "permits"]
    me = window.ctx.permits.account
    assert me is not None and page.users.me_label.text().startswith(f"You are logged in as {me.name} (")
    assert page.users.idle_minutes.value() == accounts.IDLE_DEFAULT
    assert page.users.manage_button.isVisible() and page.users.manage_button.isEnabled()
