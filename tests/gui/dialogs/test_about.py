"""Help > About: F1 or the status bar's About button shows the version, Python and Qt versions and
the data folder; Copy details gives support the same facts; the window carries the app icon."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtWidgets import QApplication

from strive_desktop import __version__
from strive_desktop.gui.dialogs.about import AboutDialog


def _open_about(qtbot, window, trigger) -> dict[str, str]:
    seen: dict[str, str] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AboutDialog)
        seen.update({k: v.text() for k, v in dialog.values.items()})
        seen["title"] = dialog.windowTitle()
        dialog.copy_button.click()
        seen["clipboard"] = QApplication.clipboard().text()
        dialog.reject()

    QTimer.singleShot(200, look)
    trigger()
    qtbot.waitUntil(lambda: "clipboard" in seen, timeout=3000)
    return seen


def test_about_button_shows_versions_and_the_data_folder(qtbot, window):
    seen = _open_about(qtbot, window, window.about_button.click)
    assert seen["title"] == "About STRIVE Desktop"
    assert seen["version"] == __version__
    assert seen["python"].startswith(platform.python_version())
    assert seen["qt"].startswith(qVersion())
    assert seen["data"] == str(window.data_dir)
    assert "run from the sources" in seen["built"]  # no bundle build date in a checkout
    assert f"STRIVE Desktop {__version__}" in seen["clipboard"]
    assert f"Data folder: {window.data_dir}" in seen["clipboard"]


def test_f1_opens_about_and_the_window_has_the_app_icon(qtbot, window):
    assert not window.windowIcon().isNull()
    assert window.windowIcon().availableSizes()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    seen = _open_about(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key.Key_F1))
    assert seen["version"] == __version__


def test_about_in_kyrgyz(qtbot, tmp_path):
    from strive_desktop.gui.i18n import install_translations

    app = QApplication.instance()
    install_translations(app, "ky")
    try:
        dialog = AboutDialog(tmp_path)
        qtbot.addWidget(dialog)
        dialog.resize(640, 320)
        assert dialog.windowTitle() != "About STRIVE Desktop"
        assert not dialog.open_button.isEnabled() or tmp_path.is_dir()
    finally:
        install_translations(app, "en")
