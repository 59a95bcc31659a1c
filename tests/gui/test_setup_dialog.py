"""First-start setup dialog on an empty data folder."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QWidget,
)

from strive_desktop.gui.app import GuiApp
from strive_desktop.gui.i18n import choose_language, gui_settings
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.setup_dialog import SetupDialog
from strive_desktop.services import installation
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id

from .conftest import on_modal  # type: ignore[import-not-found]


@pytest.fixture
def empty_store(data_dir) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    st = open_store(data_dir)
    yield st
    st.close()


@pytest.fixture
def dialog(qtbot, empty_store) -> SetupDialog:  # type: ignore[no-untyped-def]
    dlg = SetupDialog(empty_store, "ky")
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_lists_the_nine_communities_in_the_interface_language(dialog):
    names = [dialog.ui.community.itemText(i) for i in range(dialog.ui.community.count())]
    assert len(names) == 9
    assert "Ноокат" in names
    assert dialog.ui.community.currentIndex() == -1


def test_initialises_an_empty_folder_as_a_community_office(dialog, empty_store):
    assert not installation.is_initialised(empty_store)
    dialog.ui.name.setText("Ноокат офиси")
    dialog.ui.community.setCurrentIndex(dialog.ui.community.findText("Ноокат"))
    dialog.ui.userName.setText("  Гүлнара  Өмүрова ")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    info = installation.get_installation(empty_store)
    assert (info.name, info.community_name, info.is_hq, info.user_name) == (
        "Ноокат офиси", "Nookat", False, "Гүлнара Өмүрова")


def test_headquarters(dialog, empty_store):
    dialog.ui.name.setText("Bishkek HQ")
    dialog.ui.hqRadio.setChecked(True)
    assert not dialog.ui.community.isEnabled()
    dialog.accept()
    assert installation.get_installation(empty_store).is_hq


def test_a_missing_community_or_name_is_said_in_the_dialog(dialog, empty_store):
    dialog.ui.name.setText("Office")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.ui.error.isVisible()
    assert "community" in dialog.ui.error.text()
    dialog.ui.name.setText("   ")
    dialog.ui.hqRadio.setChecked(True)
    dialog.accept()
    assert dialog.isVisible()
    assert "name" in dialog.ui.error.text()
    assert not installation.is_initialised(empty_store)


def test_tab_order_follows_the_form(dialog):
    ui = dialog.ui
    assert ui.name.nextInFocusChain() is ui.communityRadio
    chain, w = [], ui.name
    for _ in range(12):
        chain.append(w)
        w = w.nextInFocusChain()
    assert chain.index(ui.userName) > chain.index(ui.hqRadio) > chain.index(ui.community)


def test_compiled_forms_match_the_ui_files():
    """gui/forms/*.py are what ui/build_forms.py makes of ui/*.ui (run it after editing a form)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, str(root / "ui" / "build_forms.py"), "--check"], cwd=root,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def new_store(data_dir):
    st = open_store(data_dir)
    yield st
    st.close()


def _tab_chain(start: QWidget, steps: int) -> list[str]:
    """Object names of the widgets Tab visits after *start* (what the keyboard user meets)."""
    start.setFocus()
    names = []
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        names.append(w.objectName() or (w.parent().objectName() + "/" + w.text()))
    return names


def test_tab_on_the_setup_screen_goes_to_the_demo_button_before_ok(qtbot, new_store):
    dlg = SetupDialog(new_store, "en")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    assert dlg.ui.demoButton.isVisible()
    # On screen the demo button sits above OK / Cancel: Tab meets it first.
    assert dlg.ui.demoButton.geometry().bottom() < dlg.ui.buttons.geometry().top()
    chain = _tab_chain(dlg.ui.userName, 2)
    assert chain[0] == "demoButton"
    assert chain[1].startswith("buttons/")
    # The form's declared tab order (ui/setup_dialog.ui) reads the screen top to bottom, left to
    # right, whatever Qt version decides how a button box in it is treated.
    stops = [e.text for e in ET.parse(ROOT / "ui" / "setup_dialog.ui").getroot().iter("tabstop")]
    assert stops.index("demoButton") < stops.index("buttons")

    def place(name: str) -> tuple[int, int]:
        w = getattr(dlg.ui, name)
        p = w.mapTo(dlg, QPoint(0, 0))
        return (p.y() // 12, p.x())  # same line within a few pixels, then left to right

    assert [place(n) for n in stops] == sorted(place(n) for n in stops)


NOOKAT = community_id("nookat")


def test_the_setup_offers_the_three_languages_and_switches_at_once(qtbot, language, empty_store, data_dir):
    language("en")
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    dlg = SetupDialog(empty_store, "en", window)
    dlg.show()
    ui = dlg.ui
    assert [b.text() for b in (ui.languageKy, ui.languageRu, ui.languageEn)] == ["Кыргызча", "Русский", "English"]
    assert ui.languageEn.isChecked() and ui.communityRadio.isChecked()
    assert dlg.windowTitle() == "Set up STRIVE Desktop"
    ui.community.setCurrentIndex(ui.community.findData(NOOKAT))

    ui.languageKy.click()
    ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dlg.lang == "ky"
    assert dlg.windowTitle() != "Set up STRIVE Desktop" and "ө" in ui.intro.text() + ui.demoHint.text()
    assert ok.text() == "&Баштоо"
    assert ui.community.currentText() == "Ноокат", "the chosen community stays chosen, named in Kyrgyz"
    assert ui.communityRadio.isChecked(), "the language buttons are a group of their own"
    assert window.loading.text() != "Opening the data folder…"
    # saved for the next start
    assert gui_settings(data_dir).value("language") == "ky"
    assert choose_language(None, str(gui_settings(data_dir).value("language"))) == "ky"

    ui.languageRu.click()
    assert ok.text() == "&Начать" and ui.community.currentText() == "Ноокат"
    assert gui_settings(data_dir).value("language") == "ru"
    window._closing_ok = True


def test_a_built_navigation_is_translated_again(qtbot, language, window):
    from strive_desktop.gui.setup_dialog import retranslate_window

    assert window.nav.item(1).text() == "Advisory group"
    language("ky")
    retranslate_window(window)
    assert [window.nav.item(i).text() for i in range(3)] == ["Көрсөткүчтөр", "Консультативдик топ", "Адамдар"]


def test_the_app_goes_on_in_the_language_chosen_in_the_setup(qtbot, language, data_dir: Path):
    language("en")
    gui = GuiApp(data_dir, "en")
    qtbot.addWidget(gui.window)

    def setup(dlg: QWidget) -> None:
        ui = dlg.ui  # type: ignore[attr-defined]
        ui.languageKy.click()
        ui.name.setText("Ноокат офиси")
        ui.community.setCurrentIndex(ui.community.findData(NOOKAT))
        ui.userName.setText("Гүлнара")
        ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    seen = on_modal(SetupDialog, setup)
    try:
        assert gui.open()
        assert seen
        assert gui.ctx is not None and gui.ctx.lang == "ky"
        titles = [gui.window.nav.item(i).text() for i in range(gui.window.nav.count())]
        assert titles[:3] == ["Көрсөткүчтөр", "Консультативдик топ", "Адамдар"]
        assert installation.get_installation(gui.store).user_name == "Гүлнара"
    finally:
        gui.window._closing_ok = True
        gui.close()
