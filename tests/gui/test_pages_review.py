"""Review fixes seen by a user: one attendance figure on the dashboard and the Trainings page,
the Sync page telling a field office why Export is greyed out, and what fits at 1366x768."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QScrollArea

from strive_desktop.domain.enums import Phase
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.certificates import CertificatesDialog
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.models.trainings import phase_label
from strive_desktop.gui.pages.dashboard import DashboardPage
from strive_desktop.gui.pages.sync import SyncPage
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import keys

NOOKAT = community_id("nookat")
D = dt.date


def _percent(text: str) -> int:
    m = re.search(r"(\d+)\s*%", text)
    assert m, text
    return int(m.group(1))


def _sheet(store: Store) -> str:
    """Four members, two 4-hour sessions: one ticked twice, one ticked then unticked, two never
    touched. The sheet: 8 of 32 hours (25 %); counting only touched cells gave 8 of 12 (67 %)."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    people = [rosters.add_person(store, rosters.PersonInput(
        full_name=n, sex="f", sector="women", community_id=NOOKAT, birth_year=1990),
        group_id=gid, allow_duplicate=True).person_id
        for n in ("Асанова Айгүл", "Бакытова Нургүл", "Жумабаева Өмүр", "Үсөнова Аңжы")]
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер",
        sessions=[trainings.SessionInput(D(2026, 3, 2), 4.0), trainings.SessionInput(D(2026, 3, 3), 4.0)]))
    s1, s2 = trainings.get_training(store, tid).sessions
    trainings.record_attendance(store, s1.id, people[0], True)
    trainings.record_attendance(store, s2.id, people[0], True)
    trainings.record_attendance(store, s1.id, people[1], True)
    trainings.record_attendance(store, s1.id, people[1], False)
    return tid


def test_dashboard_and_trainings_page_show_the_sheets_attendance(qtbot, ctx: AppContext) -> None:
    tid = _sheet(ctx.store)
    dash = DashboardPage(ctx)
    qtbot.addWidget(dash)
    dash.refresh()
    page = TrainingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.refresh()
    m = page.list_model
    row = m.row_of(tid)
    rate_col = m.columns.index("rate")
    listed = m.index(row, rate_col).data()
    assert _percent(dash.attendance_card.value.text()) == 25
    assert _percent(listed) == 25
    assert "average attendance 25%" in page.summary.text()


def _sync_page(qtbot, store: Store) -> SyncPage:  # type: ignore[no-untyped-def]
    page = SyncPage(AppContext(store, "en"))
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    return page


def test_field_office_without_the_hq_key_is_told_why_export_is_greyed_out(
        qtbot, store: Store, hq_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _sync_page(qtbot, store)
    assert not page.export_button.isVisible() and not page.export_outbox_button.isVisible()
    assert page.key_hint.isVisible()
    assert page.key_hint_label.text().startswith("<b>This office cannot send to headquarters yet.</b>")
    assert page.key_hint_button.isVisible() and page.key_hint_button.isEnabled()

    key_file = keys.export_hq_key(hq_store, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(key_file), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
    page.key_hint_button.click()

    assert shown and keys.load_identity(hq_store).fingerprint in shown[0]
    assert not page.key_hint.isVisible()
    assert page.export_button.isVisible() and page.export_outbox_button.isVisible()
    assert page.export_button.isEnabled() and page.export_outbox_button.isEnabled()
    assert page.key_button.isVisible() and page.key_button.text() == "Replace the &headquarters key…"


def test_headquarters_never_sees_the_key_hint(qtbot, hq_store: Store) -> None:
    page = _sync_page(qtbot, hq_store)
    assert not page.key_hint.isVisible()
    assert page.export_button.isEnabled()


def _window(qtbot, store: Store, lang: str) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(store.folder.root, AppContext(store, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    return win


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_settings_fit_1366x768_without_scrolling(qtbot, language, store: Store, lang: str) -> None:
    language(lang)
    win = _window(qtbot, store, lang)
    page = win.show_page("settings")
    qtbot.wait(20)
    scroll = page.findChild(QScrollArea)
    assert scroll.widget().sizeHint().height() <= scroll.viewport().height()
    assert not scroll.verticalScrollBar().isVisible()


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_trainings_list_shows_whole_phase_names_and_a_one_line_summary(qtbot, language, store: Store,
                                                                      lang: str) -> None:
    language(lang)
    _sheet(store)
    win = _window(qtbot, store, lang)
    page = win.show_page("trainings")
    qtbot.wait(20)
    m, table = page.list_model, page.table
    phase = m.columns.index("phase")
    fm = table.fontMetrics()
    for p in Phase:  # every phase, not only those listed now: the column does not jump
        assert fm.horizontalAdvance(phase_label(p.value)) + 12 <= table.columnWidth(phase), p
    shown = m.index(0, phase).data()
    assert table.visualRect(m.index(0, phase)).width() >= fm.horizontalAdvance(shown)
    assert table.columnWidth(m.columns.index("title")) >= 200  # the title keeps room
    summary = page.summary
    assert summary.text().startswith({"ky": "4 катышуучу", "ru": "4 участника", "en": "4 participants"}[lang])
    assert summary.height() < 2 * summary.fontMetrics().lineSpacing()  # one line, not wrapped


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_certificates_dialog_shows_the_whole_reason_for_no_certificate(qtbot, language, store: Store,
                                                                       lang: str) -> None:
    language(lang)
    tid = _sheet(store)
    first = trainings.attendance_sheet(store, tid).participants[0].person_id
    for sess in trainings.get_training(store, tid).sessions:  # she completed it ...
        trainings.record_attendance(store, sess.id, first, True)
    issued = certificates.issue_certificates(store, tid, [first])
    certificates.revoke(store, issued[0].serial, "Аты-жөнү туура эмес жазылган, жаңы сертификат "
                        "кийинки жумада басылып чыгат / Имя написано с ошибкой")  # ... and loses it
    dlg = CertificatesDialog(AppContext(store, lang), tid)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.wait(20)
    excluded = dlg.excluded_rows()
    assert len(excluded) == 3  # three below the rule (the revoked one may get a new certificate)
    t = dlg.table
    col = dlg.COL_DETAIL
    width = t.columnWidth(col) - 8  # the cell's text margins
    for r in range(t.rowCount()):
        item = t.item(r, col)
        need = t.fontMetrics().boundingRect(QRect(0, 0, width, 10_000),
                                            int(Qt.TextFlag.TextWordWrap), item.text()).height()
        assert need <= t.rowHeight(r), item.text()  # wrapped inside its row, nothing cut off
        assert item.toolTip() == item.text()
    assert t.columnWidth(col) > t.columnWidth(dlg.COL_NAME)  # the reasons get the room
