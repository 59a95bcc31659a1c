"""First start with headquarters' invitation file (issue 16 point 1): the office is tied to the
invited community and can export at once; without one the dialog says what sending needs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from strive_desktop.gui.setup_dialog import SetupDialog
from strive_desktop.services import installation
from strive_desktop.storage.db import Store, open_store
from strive_desktop.sync import enrol, keys

from .conftest import choose_files  # type: ignore[import-not-found]


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    st = open_store(tmp_path / "office")
    yield st
    st.close()


def test_setup_with_an_invitation_file(qtbot, empty_store: Store, hq_store: Store, tmp_path: Path,  # type: ignore[no-untyped-def]
                                       monkeypatch: pytest.MonkeyPatch, language) -> None:
    language("ky")
    inv = enrol.write_invitation(hq_store, "Kochkor", tmp_path / "kochkor.striveinvite")
    dlg = SetupDialog(empty_store, "ky")
    qtbot.addWidget(dlg)
    dlg.show()
    assert "телефон чалуу керек" in dlg.invitation_label.text()  # what sending needs, in Kyrgyz
    choose_files(monkeypatch, str(inv.path))
    dlg.invitation_button.click()
    fp = keys.load_identity(hq_store).fingerprint
    assert fp in dlg.invitation_label.text() and "Кочкор" in dlg.invitation_label.text()
    assert dlg.ui.community.currentText() == "Кочкор" and not dlg.ui.community.isEnabled()
    assert not dlg.ui.hqRadio.isEnabled()
    dlg.ui.name.setText("Кочкор офиси")
    dlg.ui.userName.setText("Бакыт")
    dlg.accept()
    assert dlg.result() == dlg.DialogCode.Accepted
    info = installation.get_installation(empty_store)
    assert (info.name, info.community_name, info.user_name) == ("Кочкор офиси", "Kochkor", "Бакыт")
    hq = keys.hq_peer(empty_store)
    assert hq is not None and hq.fingerprint == fp


def test_the_invitations_expiry_is_written_in_the_dialogs_language(  # type: ignore[no-untyped-def]
        qtbot, empty_store: Store, hq_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        language) -> None:
    language("ru")
    inv = enrol.write_invitation(hq_store, "Kochkor", tmp_path / "kochkor.striveinvite")
    day = inv.expires_at.date()
    dlg = SetupDialog(empty_store, "ru")
    qtbot.addWidget(dlg)
    dlg.show()
    choose_files(monkeypatch, str(inv.path))
    dlg.invitation_button.click()
    numeric = f"{day.day:02}.{day.month:02}.{day.year}"
    assert numeric in dlg.invitation_label.text() and day.isoformat() not in dlg.invitation_label.text()
    dlg.set_language("ky")
    assert numeric in dlg.invitation_label.text() and day.isoformat() not in dlg.invitation_label.text()
    dlg.set_language("en")  # Babel's English: Dec 5, 2026
    month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[day.month - 1]
    assert f"valid until {month} {day.day}, {day.year}." in dlg.invitation_label.text()


def test_a_broken_invitation_is_said_in_the_dialog(qtbot, empty_store: Store, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.striveinvite"
    bad.write_text("hello", encoding="utf-8")
    dlg = SetupDialog(empty_store, "en")
    qtbot.addWidget(dlg)
    dlg.show()
    assert "needs headquarters' key file and a phone call" in dlg.invitation_label.text()
    choose_files(monkeypatch, str(bad))
    dlg.invitation_button.click()
    assert dlg.ui.error.isVisible() and "is not a STRIVE invitation file" in dlg.ui.error.text()
    assert dlg.ui.community.isEnabled() and dlg.invitation is None
    assert not installation.is_initialised(empty_store)
