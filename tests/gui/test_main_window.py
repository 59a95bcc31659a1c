"""The main window: navigation, status bar, remembered page and size, shortcuts, closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.services import installation, rosters
from strive_desktop.storage.seed import community_id

from ..conftest import link, person, ship  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


def reopen(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx.store.folder.root, ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def close(win: MainWindow) -> None:
    win._closing_ok = True
    win.close()


def test_navigation_lists_the_pages_in_order_and_shows_each(window):
    keys = [window.page_key(i) for i in range(window.nav.count())]
    assert keys[:3] == ["dashboard", "group", "people"]
    assert keys[-1] == "settings"
    for i, key in enumerate(keys):
        window.nav.setCurrentRow(i)
        assert window.page_key() == key
        page = window.current_page()
        assert page is not None and page.isVisible(), key


def test_window_remembers_the_last_page_and_its_size(qtbot, window, ctx):
    window.show_page("people")
    window.resize(1200, 700)
    close(window)
    again = reopen(qtbot, ctx)
    assert again.page_key() == "people"
    assert isinstance(again.current_page(), type(window.pages["people"]))
    assert again.settings.value("window/geometry") is not None
    # The offscreen test screen is 800 pixels wide, so restoreGeometry() narrows the window to
    # the minimum width there; the height shows the size came back.
    assert again.size().height() == 700
    assert again.size().width() in (1200, again.minimumWidth())
    close(again)


def changes(n: int) -> str:
    return f"{n} change not yet exported" if n == 1 else f"{n} changes not yet exported"


def status_shown(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    """The status bar's count comes from the window's worker thread: wait for it."""
    qtbot.waitUntil(lambda: window.changes_status.text() == text, timeout=10000)


def test_status_bar_shows_the_data_folder_and_counts_unexported_changes(qtbot, window, ctx, store):
    assert str(store.folder.root) in window.folder_status.text()
    before = installation.unexported_changes(store)
    status_shown(qtbot, window, changes(before) if before else "Everything exported")
    ctx.call(None, rosters.create_group, store, NOOKAT, "Ноокат тобу")  # the runner says what changed
    after = installation.unexported_changes(store)
    assert after == before + 1
    status_shown(qtbot, window, changes(after))
    installation.set_setting(store, "sync.last_exported_counter", str(installation.get_installation(store).counter))
    ctx.notify()
    status_shown(qtbot, window, "Everything exported")


def test_the_status_bar_counts_off_the_gui_thread_and_the_last_answer_wins(qtbot, window, ctx, store,
                                                                          monkeypatch):
    """At 100,000 people a change must not wait for the count: it is read on the window's worker
    thread after every change, and an answer to an earlier change never replaces a later one."""
    import threading

    real = installation.unexported_changes
    threads: list[str] = []

    def counted(st):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(st)

    monkeypatch.setattr(installation, "unexported_changes", counted)
    ctx.ops.wait_all()
    before = real(store)
    shown: list[str] = []
    window.changes_status.setText = lambda text: shown.append(text)  # type: ignore[method-assign]
    ctx.call(None, rosters.create_group, store, NOOKAT, "Биринчи топ")
    ctx.call(None, rosters.create_group, store, NOOKAT, "Экинчи топ")
    ctx.ops.wait_all()
    assert len(threads) == 2 and threading.main_thread().name not in threads
    assert shown == [changes(before + 2)]  # the first answer (one change) was out of date


def test_ctrl_n_and_ctrl_f_go_to_the_current_page(qtbot, window, monkeypatch):
    page = window.show_page("people")
    assert page is not None
    called: list[str] = []
    monkeypatch.setattr(page, "new_item", lambda: called.append("new"))
    window.activateWindow()
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Find))
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.New))
    assert called == ["new"]
    assert page.filter.hasFocus() or not window.isActiveWindow()
    assert window.call_page("focus_filter") is None  # a page method the shortcut reaches


def test_ctrl_s_saves_the_settings_page(qtbot, window, store):
    page = window.show_page("settings")
    page.user_name.setText("Гүлнара Өмүрова")
    assert window.call_page("save") is True
    assert installation.get_installation(store).user_name == "Гүлнара Өмүрова"


def _answer_close_box(button_text: str) -> list[str]:
    texts: list[str] = []

    def poll(left: int = 300) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, QMessageBox):
            texts.append(w.text())
            for b in w.buttons():
                if b.text() == button_text:
                    b.click()
                    return
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return texts


def test_closing_with_unsaved_edits_asks_and_cancel_keeps_the_window(qtbot, window, store):
    page = window.show_page("settings")
    page.user_name.setText("Айбек")
    texts = _answer_close_box("Cancel")
    assert not window.close()
    assert texts and "Settings" in texts[0]
    assert window.isVisible()
    window._closing_ok = True  # pytest-qt closes the window before the fixture's teardown


def test_closing_with_unsaved_edits_and_save_saves_them(qtbot, window, store):
    page = window.show_page("settings")
    page.user_name.setText("Айбек Асанов")
    texts = _answer_close_box("&Save")
    assert window.close()
    assert texts
    assert installation.get_installation(store).user_name == "Айбек Асанов"


def test_closing_with_unsaved_edits_dont_save_discards(qtbot, window, store):
    page = window.show_page("settings")
    page.user_name.setText("Someone Else")
    _answer_close_box("&Don't save")
    assert window.close()
    assert installation.get_installation(store).user_name == "Gulnara"


def test_closing_without_edits_does_not_ask(qtbot, window):
    window.show_page("settings")
    assert window.unsaved_pages() == []
    assert window.close()


def test_minimum_size_fits_a_1366x768_screen(window):
    m = window.minimumSize()
    assert m.width() <= 1366 and m.height() <= 700
    assert window.minimumSizeHint().width() <= 1366


@pytest.fixture
def hq_window(qtbot, hq_ctx):  # type: ignore[no-untyped-def]
    win = MainWindow(hq_ctx.store.folder.root, hq_ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win._closing_ok = True


def test_headquarters_chooses_the_community_at_the_top_and_it_is_remembered(qtbot, hq_window, hq_ctx):
    assert hq_window.community_bar.isVisible()
    combo = hq_window.community_combo
    assert combo.itemText(0) == "All communities"
    assert combo.count() == 10
    assert hq_ctx.community_id is None
    combo.setCurrentIndex(combo.findText("Nookat"))
    assert hq_ctx.community_id == NOOKAT
    close(hq_window)
    ctx2 = AppContext(hq_ctx.store, "en")
    again = reopen(qtbot, ctx2)
    assert again.community_combo.currentText() == "Nookat"
    assert ctx2.community_id == NOOKAT
    close(again)


def test_a_field_office_has_no_community_chooser(window):
    assert not window.community_bar.isVisible()
    assert "Nookat" in window.windowTitle()


def test_tab_order_on_the_people_page_follows_the_screen(qtbot, window):
    page = window.show_page("people")
    page.filter.setFocus()
    order = [page.filter]
    w = page.filter
    for _ in range(6):
        w = w.nextInFocusChain()
        while not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisible():
            w = w.nextInFocusChain()
        order.append(w)
    assert order[1:6] == [page.add_button, page.edit_button, page.history_button, page.delete_button,
                          page.table]


def test_down_arrow_from_the_filter_goes_into_the_table(qtbot, window, store, ctx):
    rosters.add_person(store, rosters.PersonInput("Асанов Айбек", "m", "youth", NOOKAT, 1985))
    page = window.show_page("people")
    page.refresh()
    page.wait_for_list()
    window.activateWindow()
    page.filter.setFocus()
    QTest.keyClick(page.filter, Qt.Key.Key_Down)
    assert page.selected_row() == 0


def test_the_window_title_names_the_community_in_the_interface_language(qtbot, store):
    win = MainWindow(store.folder.root, AppContext(store, "ky"))
    qtbot.addWidget(win)
    assert win.windowTitle() == "STRIVE Desktop: Ноокат"
    win._closing_ok = True


def _window(qtbot, store):  # type: ignore[no-untyped-def]
    win = MainWindow(store.folder.root, AppContext(store, "en"))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 705)
    win.show()
    win.update_status()
    return win


def test_headquarters_shows_what_came_in_not_changes_to_export(qtbot, store, hq_store, tmp_path):
    person(hq_store, "Асанова Гүлнара")  # headquarters' own edits count as changes too
    assert installation.unexported_changes(hq_store) > 0
    win = _window(qtbot, hq_store)
    status_shown(qtbot, win, "No package received from an office yet")
    link(store, hq_store, tmp_path)
    person(store, "Токтогулов Бакыт")
    ship(store, hq_store)
    win.update_status()
    qtbot.waitUntil(lambda: win.changes_status.text().startswith("Last package"), timeout=10000)
    text = win.changes_status.text()
    assert text.startswith("Last package from an office: ") and "not yet exported" not in text


def test_a_field_office_still_counts_its_changes(qtbot, store):
    person(store, "Асанова Гүлнара")
    win = _window(qtbot, store)
    qtbot.waitUntil(lambda: "not yet exported" in win.changes_status.text(), timeout=10000)
