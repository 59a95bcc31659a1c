"""The Sync page and enrolment: headquarters invites an office and sees it accepted by invitation
(and can revoke it); an office without headquarters' key is told what it needs, and opens an
invitation there."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.pages.sync import SyncPage
from strive_desktop.services import rosters
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import enrol, export, importer, keys

from ..conftest import choose_files  # type: ignore[import-not-found]


def _page(qtbot, store: Store, lang: str = "en") -> SyncPage:  # type: ignore[no-untyped-def]
    page = SyncPage(AppContext(store, lang))
    qtbot.addWidget(page)
    page.resize(1366, 705)
    page.show()
    page.refresh()  # as the main window does when the page is shown
    page.wait_for_state()  # the lists, read on the worker thread, are shown
    return page


def test_headquarters_invites_and_revokes(qtbot, hq_store: Store, store: Store, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(qtbot, hq_store)
    assert page.invite_button.isVisible()
    target = tmp_path / "nookat.striveinvite"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Nookat", True))
    choose_files(monkeypatch, str(target))
    page.invite_button.click()
    assert target.exists() and "Invitation for Nookat written to" in page.results.toPlainText()

    # the Nookat office (set up without an invitation) opens it on its own Sync page
    office = _page(qtbot, store)
    assert office.key_hint.isVisible() and not office.export_button.isVisible()
    choose_files(monkeypatch, str(target))
    office.key_hint_button.click()
    qtbot.waitUntil(lambda: not office.key_hint.isVisible(), timeout=10000)
    assert office.export_button.isEnabled()
    assert "can send to headquarters now" in office.results.toPlainText()

    rosters.add_person(store, rosters.PersonInput("Айгүл Асанова", "f", "youth", community_id("nookat")))
    (pkg,) = export.export(store)
    assert importer.import_file(hq_store, pkg.path).status == "applied"
    page.tabs.setCurrentIndex(1)
    page.refresh()
    page.wait_for_state()
    states = [page.peers.item(r, 3).text() for r in range(page.peers.rowCount())]
    assert states == ["accepted by invitation"]
    page.peers.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.revoke_button.click()
    qtbot.waitUntil(lambda: page.peers.item(0, 3).text().startswith("revoked"), timeout=10000)
    assert [p.status for p in keys.list_peers(hq_store)] == ["revoked"]


@pytest.mark.parametrize(("lang", "written"), [("ru", "{d:02}.{m:02}.{y}"), ("ky", "{d:02}.{m:02}.{y}"),
                                               ("en", "{mon} {d}, {y}")])
def test_the_invitations_expiry_is_written_in_the_pages_language(  # type: ignore[no-untyped-def]
        qtbot, hq_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language, lang: str,
        written: str) -> None:
    language(lang)
    page = _page(qtbot, hq_store, lang)
    monkeypatch.setattr(QInputDialog, "getItem", lambda _parent, _title, _label, items, *a, **k: (items[0], True))
    choose_files(monkeypatch, str(tmp_path / "office.striveinvite"))
    page.invite_button.click()
    day = enrol.list_invitations(hq_store)[0].expires_at.date()
    month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[day.month - 1]
    text = page.results.toPlainText()
    assert written.format(d=day.day, m=day.month, y=day.year, mon=month) in text
    assert day.isoformat() not in text


def test_an_invitation_for_another_community_is_refused_on_the_page(
        qtbot, hq_store: Store, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    inv = enrol.write_invitation(hq_store, "Kochkor", tmp_path / "kochkor.striveinvite")
    office = _page(qtbot, store)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    choose_files(monkeypatch, str(inv.path))
    office.key_hint_button.click()
    assert warned and "not for the community of this office" in warned[0]
    office.wait_for_state()
    assert office.key_hint.isVisible() and keys.hq_peer(store) is None
