"""Tests of verify_certificate."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
from PySide6.QtCore import Qt

from strive_desktop.formatting import fmt_period
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.verify_certificate import VerifyCertificateDialog
from strive_desktop.pdf import documents
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


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


def _printed(store, tmp_path):  # type: ignore[no-untyped-def]
    pid = rosters.add_person(store, rosters.PersonInput(full_name="Мамыржанова Гүлүмкан Өмүрбек кызы", sex="f",
                                                        sector="youth", community_id=NOOKAT, birth_year=1990)).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Негиздер",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    trainings.record_bulk(store, [(trainings.get_training(store, tid).sessions[0].id, pid, True)])
    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, tid, out, lang="ky")
    photo = tmp_path / "photo.png"
    pdfium.PdfDocument(str(out))[0].render(scale=120 / 72).to_pil().save(photo)
    (rec,) = certificates.list_certificates(store, tid)
    return rec, photo


def test_check_from_a_photo_and_from_the_qr_text(qtbot, ctx, store, tmp_path):
    rec, photo = _printed(store, tmp_path)
    dialog = VerifyCertificateDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.resize(1366 // 2, 768 // 2)
    assert dialog.check_image(str(photo)) is True
    text = dialog.result.text()
    assert "Valid" in text and rec.full_name in text and "Nookat office" in text
    assert dialog.qr.text().startswith(f"SC2:{rec.serial}:")
    dialog.grab().save(str(tmp_path / "verify.png"))
    # The text a phone's scanner app shows, one letter changed: not genuine.
    qr = dialog.qr.text()
    dialog.qr.setText(qr[:-2] + ("AA" if not qr.endswith("AA") else "BB"))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.valid is False and "does not match" in dialog.result.text()
    # A picture with no code in it: a plain message, nothing checked.
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("L", (200, 200), 255).save(blank)
    assert dialog.check_image(str(blank)) is None
    assert "No QR code was found" in dialog.result.text()
