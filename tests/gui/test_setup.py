"""First-start setup dialog on an empty data folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from strive_desktop.gui.setup_dialog import SetupDialog
from strive_desktop.services import installation
from strive_desktop.storage.db import Store, open_store


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
