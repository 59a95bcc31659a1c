"""Review 3 in the window: checking a printed certificate, revoking says a new one can be printed,
and the PDF preview has Previous / Next and a page number box."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from reportlab.pdfgen import canvas

from strive_desktop.formatting import fmt_period
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.certificates import CertificatesDialog
from strive_desktop.gui.dialogs.verify_certificate import VerifyCertificateDialog
from strive_desktop.gui.pdf_preview import PdfPreview
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def training(store) -> str:  # type: ignore[no-untyped-def]
    gid = rosters.create_group(store, NOOKAT, "Топ")
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 5, 4), 4), trainings.SessionInput(dt.date(2026, 5, 5), 4)]))
    sessions = trainings.get_training(store, tid).sessions
    for name in ("Өмүрбек Түлөгөнов", "Айнура Ңу"):
        pid = rosters.add_person(store, rosters.PersonInput(full_name=name, sex="f", sector="youth",
                                                            community_id=NOOKAT, birth_year=1990),
                                 group_id=gid, allow_duplicate=True).person_id
        for sess in sessions:
            trainings.record_attendance(store, sess.id, pid, True)
    return tid


def _check(qtbot, dialog: VerifyCertificateDialog, serial: str, code: str) -> str:  # type: ignore[no-untyped-def]
    dialog.serial.setText(serial)
    dialog.code.setText(code)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    return dialog.result.text()


def test_check_a_certificate_valid_revoked_unknown_and_forged(qtbot, ctx, store, training):
    recs = {r.full_name: r for r in certificates.issue_certificates(store, training)}
    good, bad = recs["Өмүрбек Түлөгөнов"], recs["Айнура Ңу"]
    certificates.revoke(store, bad.serial, "Typo in the name")
    dialog = VerifyCertificateDialog(ctx)
    qtbot.addWidget(dialog)
    text = _check(qtbot, dialog, good.serial.lower(), good.verification_code)
    assert dialog.valid is True
    assert "Valid" in text and "Өмүрбек Түлөгөнов" in text and "Жаңжалдарды талдоо" in text
    assert fmt_period(dt.date(2026, 5, 4), dt.date(2026, 5, 5), ctx.lang) in text and "Nookat" in text
    text = _check(qtbot, dialog, bad.serial, bad.verification_code)
    assert dialog.valid is False and "Revoked" in text and "Typo in the name" in text
    text = _check(qtbot, dialog, "NOO-2026-000000-0042", "AAAAAAAAAA")
    assert dialog.valid is False and "Not in the register" in text
    text = _check(qtbot, dialog, good.serial, "AAAAAAAAAA")
    assert dialog.valid is False and "Not genuine" in text and "does not match" in text
    text = _check(qtbot, dialog, "", "")
    assert dialog.valid is None and "Type both" in text


def test_check_shows_the_community_in_the_interface_language(qtbot, store, training, language):
    language("ru")
    rec = certificates.issue_certificates(store, training)[0]
    dialog = VerifyCertificateDialog(AppContext(store, "ru"))
    qtbot.addWidget(dialog)
    text = _check(qtbot, dialog, rec.serial, rec.verification_code)
    assert "Ноокат" in text and "Nookat" not in text


def test_enter_checks_and_keeps_the_dialog_open(qtbot, ctx, store, training):
    rec = certificates.issue_certificates(store, training)[0]
    dialog = VerifyCertificateDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.serial.setText(rec.serial)
    dialog.code.setText(rec.verification_code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.valid is True


def test_certificates_dialog_opens_the_check_and_revoke_lets_a_new_one_be_printed(
        qtbot, ctx, store, training, monkeypatch):  # type: ignore[no-untyped-def]
    certificates.issue_certificates(store, training)
    dialog = CertificatesDialog(ctx, training)
    qtbot.addWidget(dialog)
    check = dialog.open_verify()
    assert isinstance(check, VerifyCertificateDialog) and check.isVisible()
    check.close()
    prompts: list[str] = []

    def fake_get_text(_parent, _title, label, *a, **k):  # type: ignore[no-untyped-def]
        prompts.append(label)
        return "Typo in the name", True

    monkeypatch.setattr(QInputDialog, "getText", fake_get_text)
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, dialog.COL_NAME).text() == "Айнура Ңу")
    dialog.table.selectRow(row)
    assert dialog.revoke_selected()
    assert "new certificate with a new number can be printed" in prompts[0]
    # she is among those who get a certificate again, without a serial until it is printed
    batch = certificates.batch_preview(store, training)
    assert {x.participant.full_name: x.serial for x in batch.included}["Айнура Ңу"] == ""


@pytest.fixture
def ten_pages(tmp_path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "ten.pdf"
    c = canvas.Canvas(str(path))
    for i in range(10):
        c.drawString(72, 720, f"Page {i + 1}")
        c.showPage()
    c.save()
    return path


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_preview_previous_next_and_page_box(qtbot, ten_pages):
    w = PdfPreview(ten_pages, "Ten")
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    assert (w.page_before.text(), w.page_box.value(), w.page_after.text()) == ("Page ", 1, " of 10")
    assert not w.prev_action.isEnabled() and w.next_action.isEnabled()
    w.next_action.trigger()
    assert w.current_page == 1 and w.page_box.value() == 2 and w.prev_action.isEnabled()
    # keyboard: Page Down / Page Up move a page; Ctrl+G goes to the box, typing a number jumps
    QApplication.setActiveWindow(w)  # offscreen under pytest the window is not always made active
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_PageDown)
    assert w.page_box.value() == 3
    qtbot.keyClick(w.view, Qt.Key.Key_PageUp)
    assert w.page_box.value() == 2
    qtbot.keyClick(w.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert w.focusWidget() is w.page_box
    qtbot.keyClicks(w.page_box, "10")
    qtbot.keyClick(w.page_box, Qt.Key.Key_Return)
    assert w.current_page == 9 and w.page_box.value() == 10
    assert w.next_action.isEnabled() is False
    w.next_action.trigger()  # nothing past the last page
    assert w.current_page == 9
    w.go_to_page(0)
    assert w.page_box.value() == 1 and "Page 1 of 10" in w.page_label.text()


def test_preview_page_box_in_russian_and_kyrgyz(qtbot, ten_pages, language):
    for lang in ("ru", "ky"):
        language(lang)
        w = PdfPreview(ten_pages, "Ten")
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        w.go_to_page(2)
        assert w.page_box.value() == 3
        label = w.page_label.text()  # "Страница 3 из 10", "10 барактын 3-барагы"
        assert "10" in label and not any("a" <= ch <= "z" for ch in label.lower())  # no English left


def test_trainings_page_checks_a_certificate_without_choosing_a_training(qtbot, hq_ctx, store, training):
    from strive_desktop.gui.pages.trainings import TrainingsPage

    rec = certificates.issue_certificates(store, training)[0]
    page = TrainingsPage(hq_ctx)
    qtbot.addWidget(page)
    assert page.verify_button.isEnabled()
    dialog = page.check_certificate()
    assert isinstance(dialog, VerifyCertificateDialog)
    # headquarters has not received this certificate yet: the register says so plainly
    text = _check(qtbot, dialog, rec.serial, rec.verification_code)
    assert dialog.valid is False and "Not in the register" in text
    dialog.close()
