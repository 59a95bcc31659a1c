"""The check window takes the QR code itself: its text from a scanner app, or a photo or scan."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
from PySide6.QtCore import Qt

from strive_desktop.gui.dialogs.verify_certificate import VerifyCertificateDialog
from strive_desktop.pdf import documents
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


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
