"""The status bar tells whether the delivery folder (a shared or cloud-synced folder) is reachable."""

from __future__ import annotations

from strive_desktop.services import installation
from strive_desktop.sync.status import DELIVERY_KEY


def test_no_delivery_folder_shows_nothing(qtbot, window):
    qtbot.wait(3500)
    assert window.delivery_status.isHidden()


def test_unreachable_delivery_folder_is_shown_soon_after_start(qtbot, store, tmp_path):
    from strive_desktop.gui.context import AppContext
    from strive_desktop.gui.main_window import MainWindow

    installation.set_setting(store, DELIVERY_KEY, str(tmp_path / "share-offline"))
    win = MainWindow(store.folder.root, AppContext(store, "en"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.delivery_status.isVisible(), timeout=10_000)
    assert "not reachable" in win.delivery_status.text()
    assert "0 packages waiting" in win.delivery_status.text()

    (tmp_path / "share-offline").mkdir()
    from strive_desktop.gui.pages.sync import delivery_watcher

    delivery_watcher(win.ctx).check()
    qtbot.waitUntil(lambda: "reached" in win.delivery_status.text(), timeout=10_000)
    assert win.delivery_status.toolTip() == str(tmp_path / "share-offline")
