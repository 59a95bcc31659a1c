"""Signed certificates: the QR code holds the serial and the issuer's Ed25519 signature over the
facts; any installation that knows the issuer's key checks it offline, from the QR text or a photo."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image, ImageFilter

from strive_desktop import cli
from strive_desktop.errors import UserError
from strive_desktop.pdf import documents
from strive_desktop.services import certificate_signing as signing
from strive_desktop.services import certificates, installation, rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, importer, keys

NOOKAT = community_id("nookat")
NAMES = ["Абдырахманова-Жумабекова Мээримгүл Таалайбековна кызы Чыңгызхан",
         "Жээнбеков-Сооронбаев Нурбек-Алы Токтогулбек уулу", "Мамыржанова Гүлүмкан Өмүрбек кызы",
         "Ысмайылов Чыңгыз Абдыкалыкович", "Ковалёв Сергей"]
LONG_TITLE = ("Жергиликтүү өз алдынча башкаруу органдарынын зордук-зомбулук экстремизминин алдын алуудагы "
              "ролу жана ыйгарым укуктары боюнча окуу, экинчи этап, Ноокат району, 2026-жыл, март айы")


def _training(store: Store, names: list[str] = NAMES, title: str = LONG_TITLE) -> str:
    ids = [rosters.add_person(store, rosters.PersonInput(full_name=n, sex="f", sector="youth", community_id=NOOKAT,
                                                         birth_year=1990), allow_duplicate=True).person_id
           for n in names]
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="lsg_roles", title=title,
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0), trainings.SessionInput(dt.date(2026, 3, 11), 4.0)]))
    info = trainings.get_training(store, tid)
    trainings.record_bulk(store, [(s.id, p, True) for s in info.sessions for p in ids])
    return tid


def _page_images(pdf_path: Path, dpi: int = 150) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    return [pdf[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(pdf))]


def _qr_texts(pdf_path: Path) -> list[str]:
    out = []
    for img in _page_images(pdf_path):
        found = [c.text for c in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode) if c.valid]
        assert len(found) == 1
        out.append(found[0])
    return out


def _print(store: Store, tid: str, out: Path) -> list[str]:
    documents.certificates_pdf(store, tid, out, lang="ky")
    return _qr_texts(out)


def test_the_qr_holds_serial_and_signature_and_stays_small_whatever_the_name(store, tmp_path):
    tid = _training(store)
    texts = _print(store, tid, tmp_path / "c.pdf")
    recs = {r.serial: r for r in certificates.list_certificates(store, tid)}
    for text in texts:
        scheme, serial, sig = text.split(":")
        assert scheme == "SC2" and serial in recs and len(sig) == 103
        assert recs[serial].full_name not in text  # nothing but the serial and the signature
        code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        assert code.to_image(scale=1, add_quiet_zones=False).shape == (41, 41)
        v = signing.verify_qr(store, text)
        assert v.record.serial == serial and v.signed_by == "Nookat office"
        assert recs[serial].full_name in v.facts and LONG_TITLE in v.facts
    # Printing again gives the same QR code (Ed25519 is deterministic): a reprint matches.
    assert _print(store, tid, tmp_path / "again.pdf") == texts


def test_a_tampered_payload_and_a_revoked_certificate_fail_with_clear_messages(store, tmp_path):
    tid = _training(store)
    text = _print(store, tid, tmp_path / "c.pdf")[0]
    scheme, serial, sig = text.split(":")
    forged = f"{scheme}:{serial}:{('B' if sig[10] != 'B' else 'C').join([sig[:10], sig[11:]])}"
    with pytest.raises(UserError, match="does not match certificate"):
        signing.verify_qr(store, forged)
    other = _print(store, tid, tmp_path / "c.pdf")[1].split(":")[1]
    with pytest.raises(UserError, match="does not match certificate"):  # one certificate's signature on another
        signing.verify_qr(store, f"{scheme}:{other}:{sig}")
    with pytest.raises(UserError, match="not the QR code of a STRIVE certificate"):
        signing.verify_qr(store, "https://example.org/")
    certificates.revoke(store, serial, "Printed with a wrong name")
    with pytest.raises(UserError, match="was revoked: Printed with a wrong name"):
        signing.verify_qr(store, text)


def test_verified_at_headquarters_after_sync_from_the_qr_text_and_a_photo(store, hq_store, tmp_path):
    keyfile = keys.export_hq_key(hq_store, tmp_path / "hq.strivekey")
    keys.import_hq_key(store, keyfile)
    tid = _training(store)
    texts = _print(store, tid, tmp_path / "c.pdf")
    results = [importer.import_file(hq_store, r.path) for r in export.export(store)]
    assert results[0].status == "waiting"
    with pytest.raises(UserError):  # not in headquarters' register before it accepts the office
        signing.verify_qr(hq_store, texts[0])
    keys.accept_installation(hq_store, installation.get_installation(store).id)
    assert importer.apply_waiting(hq_store)[0].status == "applied"
    for text in texts:
        v = signing.verify_qr(hq_store, text)
        assert v.signed_by == "Nookat office"
    # From a photo or scan of the page, and from the command line.
    photo = tmp_path / "photo.png"
    _page_images(tmp_path / "c.pdf", dpi=110)[0].save(photo)
    assert signing.verify_image(hq_store, photo).record.serial == texts[0].split(":")[1]
    hq_dir = str(hq_store.folder.root)
    hq_store.close()
    assert cli.main(["--data-dir", hq_dir, "verify-certificate", "--image", str(photo)]) == 0
    assert cli.main(["--data-dir", hq_dir, "verify-certificate", "--qr", texts[1]]) == 0
    # One letter of the signature changed (not its last ones: an Ed25519 signature's final bits are
    # often zero already, so overwriting them with "A" may change nothing).
    sig = texts[1].rsplit(":", 1)[1]
    forged = texts[1][: -len(sig)] + sig[:10] + ("B" if sig[10] != "B" else "C") + sig[11:]
    assert cli.main(["--data-dir", hq_dir, "verify-certificate", "--qr", forged]) != 0


def test_an_image_without_a_qr_code_or_not_an_image_is_refused_clearly(store, tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("L", (300, 300), 255).save(blank)
    with pytest.raises(UserError, match="No QR code was found"):
        signing.verify_image(store, blank)
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not an image")
    with pytest.raises(UserError, match="is not an image that can be read"):
        signing.verify_image(store, junk)


def test_the_code_reads_back_after_a_photocopy_like_blur_and_rescaling(store, tmp_path):
    """Every certificate's QR, rendered at 150 dpi, blurred and scaled down as a photocopy or a
    phone photo would: at least 95 % read back and verify."""
    tid = _training(store, [f"{n} {i}" for i in range(4) for n in NAMES])
    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, tid, out, lang="bilingual")
    rng = random.Random(15)
    tries = ok = 0
    for page in _page_images(out, dpi=150):
        w, h = page.size
        crop = page.crop((int(w * 0.78), int(h * 0.70), w, h))  # the QR corner
        for radius, scale in ((0.8, 1.0), (1.2, 0.8), (1.0, 0.6), (1.5, 0.7)):
            img = crop.filter(ImageFilter.GaussianBlur(radius + rng.uniform(-0.1, 0.1)))
            img = img.resize((int(img.width * scale), int(img.height * scale)), Image.BILINEAR)
            tries += 1
            found = [c.text for c in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode) if c.valid]
            if found and signing.verify_qr(store, found[0]).record.serial:
                ok += 1
    print(f"read back and verified after blur and rescaling: {ok} of {tries}")
    assert ok / tries >= 0.95, f"{ok} of {tries}"
