"""PDFs a trainer prints: certificates (register, serials, QR), attendance sheets, plans, donor summary."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from strive_desktop.errors import UserError
from strive_desktop.formatting import fmt_date
from strive_desktop.pdf import documents
from strive_desktop.pdf.common import Cancelled, fit_lines
from strive_desktop.pdf.fonts import BOLD
from strive_desktop.services import (
    certificate_signing,
    certificates,
    plans,
    reports,
    rosters,
    trainings,
)
from strive_desktop.services.installation import init_installation
from strive_desktop.storage.db import open_store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
ROOT = Path(__file__).resolve().parents[2]

NAMES = {
    # name: (sex, sector, birth year, sessions attended out of 3)
    "Өмүрбек Түлөгөнов": ("m", "aksakal_court", 1955, 3),
    "Айнура Ңу": ("f", "youth", 2003, 3),
    "Гүлзат Үсөнова": ("f", "women", 1990, 2),  # 8 of 12 hours: below the 80 % rule
    "Ковалёв Сергей": ("m", "law_enforcement", 1980, 3),
    "Абдырахманова-Жумабекова Мээримгүл Таалайбековна кызы Чыңгызхан": ("f", "lsg", 1975, 3),
}
LONG = "Абдырахманова-Жумабекова Мээримгүл Таалайбековна кызы Чыңгызхан"
SESSIONS = [dt.date(2026, 3, 10), dt.date(2026, 3, 11), dt.date(2026, 3, 12)]


def _sector(s: str) -> str:
    return "local_self_government" if s == "lsg" else s


@pytest.fixture
def training(store) -> str:
    gid = rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу")
    ids = {}
    for name, (sex, sector, year, _n) in NAMES.items():
        res = rosters.add_person(store, rosters.PersonInput(full_name=name, sex=sex, sector=_sector(sector),
                                                            community_id=NOOKAT, birth_year=year),
                                 group_id=gid, joined_on=dt.date(2025, 1, 1), allow_duplicate=True)
        ids[name] = res.person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Зордук-зомбулук экстремизминин негиздери",
        venue="Ноокат, айыл өкмөтүнүн залы", trainers="Икбалжан Мирсайитов",
        sessions=[trainings.SessionInput(d, 4.0) for d in SESSIONS]))
    info = trainings.get_training(store, tid)
    rows = [(sess.id, ids[name], i < n) for name, (*_, n) in NAMES.items() for i, sess in enumerate(info.sessions)]
    trainings.record_bulk(store, rows)
    return tid


def text_of(path: Path) -> list[str]:
    """The text of each page (no-break spaces as plain spaces)."""
    return [page.extract_text().replace("\u00a0", " ") for page in PdfReader(str(path)).pages]


def qpdf_ok(path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    res = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def fonts_embedded(path: Path) -> set[str]:
    """Names of the fonts in the PDF that carry an embedded font program."""
    out = set()
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for desc_font in font.get("/DescendantFonts", [font]):
                desc = desc_font.get_object().get("/FontDescriptor")
                if desc is not None and "/FontFile2" in desc.get_object():
                    out.add(str(font["/BaseFont"]))
    return out


# ---- the certificate register --------------------------------------------------------------------


def test_batch_lists_who_is_in_and_who_is_out_with_the_reason(store, training):
    batch = certificates.batch_preview(store, training)
    inside = {x.participant.full_name for x in batch.included}
    assert inside == set(NAMES) - {"Гүлзат Үсөнова"}
    (out,) = batch.excluded
    assert out.participant.full_name == "Гүлзат Үсөнова"
    assert str(out.reason) == "Attended 8 of 12 hours (67%); the rule asks for 9.6 hours (80%)."


def test_serials_are_unique_stable_on_reprint_and_name_community_and_year(store, training):
    first = certificates.issue_certificates(store, training, issued_on=dt.date(2026, 3, 12))
    serials = [r.serial for r in first]
    assert len(set(serials)) == len(serials) == 4
    for s in serials:
        assert re.fullmatch(r"NOO-2026-[0-9A-F]{6}-\d{4}", s), s
    again = certificates.issue_certificates(store, training, issued_on=dt.date(2027, 1, 1))
    assert {(r.full_name, r.serial, r.verification_code, r.issued_on) for r in again} == \
           {(r.full_name, r.serial, r.verification_code, r.issued_on) for r in first}


def test_another_installation_never_produces_the_same_serial(store, training, tmp_path):
    here = certificates.issue_certificates(store, training)
    other = open_store(tmp_path / "other")
    try:
        init_installation(other, name="Nookat laptop 2", community=NOOKAT)
        gid = rosters.create_group(other, NOOKAT, "Топ")
        pid = rosters.add_person(other, rosters.PersonInput(full_name="Өмүрбек Түлөгөнов", sex="m",
                                                            sector="youth", community_id=NOOKAT),
                                 group_id=gid).person_id
        tid = trainings.create_training(other, trainings.TrainingInput(
            community_id=NOOKAT, phase="basics_ve", title="T", sessions=[trainings.SessionInput(SESSIONS[0], 2)]))
        trainings.record_attendance(other, trainings.get_training(other, tid).sessions[0].id, pid, True)
        there = certificates.issue_certificates(other, tid)
    finally:
        other.close()
    assert there[0].serial.endswith("-0001") and here[0].serial.endswith("-0001")
    assert there[0].serial != here[0].serial


def test_revoked_certificate_fails_verification_and_a_new_one_gets_a_new_serial(store, training):
    recs = {r.full_name: r for r in certificates.issue_certificates(store, training)}
    rec = recs["Ковалёв Сергей"]
    assert certificates.verify(store, rec.serial, rec.verification_code).full_name == "Ковалёв Сергей"
    certificates.revoke(store, rec.serial, "Issued by mistake")
    with pytest.raises(UserError, match="revoked: Issued by mistake"):
        certificates.verify(store, rec.serial, rec.verification_code)
    batch = certificates.batch_preview(store, training)
    assert "Ковалёв Сергей" in {x.participant.full_name for x in batch.included}
    again = {r.full_name: r for r in certificates.issue_certificates(store, training)}
    assert again["Ковалёв Сергей"].serial != rec.serial
    assert certificates.lookup(store, rec.serial).revoked


def test_wrong_verification_code_and_unknown_serial_are_reported(store, training):
    rec = certificates.issue_certificates(store, training)[0]
    with pytest.raises(UserError, match="not genuine"):
        certificates.verify(store, rec.serial, "AAAAAAAAAA")
    with pytest.raises(UserError, match="no certificate NOO-1999"):
        certificates.lookup(store, "NOO-1999-000000-0001")
    with pytest.raises(UserError, match="reason"):
        certificates.revoke(store, rec.serial, "  ")


def test_a_batch_is_stamped_and_audited_like_single_writes_and_numbers_continue(store, training):
    from sqlalchemy import select

    from strive_desktop.services.installation import get_installation
    from strive_desktop.storage.models import AuditEntry, Certificate, Installation

    me = get_installation(store).id
    sheet = trainings.attendance_sheet(store, training)
    two = [p.person_id for p in sheet.participants if p.full_name in ("Айнура Ңу", "Ковалёв Сергей")]
    with store.read() as s:
        before = s.scalar(select(Installation.counter))
    first = certificates.issue_certificates(store, training, two)
    again = [p.person_id for p in sheet.participants if p.full_name == "Өмүрбек Түлөгөнов"] * 2
    twice = certificates.issue_certificates(store, training, again)  # named twice: one certificate
    assert twice[0].serial == twice[1].serial and twice[0].serial.endswith("-0003")
    rest = certificates.issue_certificates(store, training)  # the three again, and one new
    assert sorted(r.serial[-4:] for r in first) == ["0001", "0002"]
    assert sorted(r.serial[-4:] for r in rest) == ["0001", "0002", "0003", "0004"]
    assert {r.serial for r in first} <= {r.serial for r in rest}
    with store.read() as s:
        after = s.scalar(select(Installation.counter))
        rows = s.execute(select(Certificate.id, Certificate.change_counter, Certificate.changed_by,
                                Certificate.deleted, Certificate.created_at, Certificate.updated_at,
                                Certificate.serial, Certificate.verification_code, Certificate.issued_on)).all()
        audit = {a.entity_id: a for a in s.execute(
            select(AuditEntry.entity_id, AuditEntry.action, AuditEntry.counter, AuditEntry.installation_id,
                   AuditEntry.user_name, AuditEntry.changes).where(AuditEntry.entity == "certificates"))}
    assert after - before == 4
    assert sorted(c.change_counter for c in rows) == list(range(before + 1, after + 1))
    for c in rows:
        assert c.changed_by == me and not c.deleted and c.created_at == c.updated_at
        a = audit[c.id]
        assert (a.action, a.counter, a.installation_id, a.user_name) == ("insert", c.change_counter, me, "Gulnara")
        assert a.changes["serial"] == c.serial and a.changes["verification_code"] == c.verification_code
        assert a.changes["issued_on"] == c.issued_on.isoformat()
    codes = certificates.new_verification_codes(2000)
    assert len(set(codes)) == 2000
    assert all(len(c) == 10 and set(c) <= set(certificates.CODE_ALPHABET) for c in codes)
    assert set("".join(codes)) == set(certificates.CODE_ALPHABET)  # every letter is drawn


def test_a_deleted_register_entry_printed_again_comes_back_with_its_serial(store, training):
    from sqlalchemy import select

    from strive_desktop.storage.models import Certificate

    recs = {r.full_name: r for r in certificates.issue_certificates(store, training)}
    rec = recs["Айнура Ңу"]
    with store.uow() as s:
        s.scalar(select(Certificate).where(Certificate.id == rec.id)).deleted = True
    assert "Айнура Ңу" not in {r.full_name for r in certificates.list_certificates(store, training)}
    assert certificates.batch_preview(store, training).included[0].participant  # still on the list
    again = {r.full_name: r for r in certificates.issue_certificates(store, training)}
    assert (again["Айнура Ңу"].serial, again["Айнура Ңу"].verification_code) == (rec.serial, rec.verification_code)
    assert len({r.serial for r in again.values()}) == 4
    assert "Айнура Ңу" in {r.full_name for r in certificates.list_certificates(store, training)}


def test_certificates_issued_in_a_batch_travel_to_headquarters(store, hq_store, training, tmp_path):
    """The register goes to headquarters with sync: rows written in one batch carry the stamps
    sync needs, so headquarters can verify a printed copy."""
    from strive_desktop.services import installation
    from strive_desktop.sync import export, importer, keys

    keys.import_hq_key(store, keys.export_hq_key(hq_store, tmp_path / "hq.strivekey"))
    recs = certificates.issue_certificates(store, training)
    results = [importer.import_file(hq_store, r.path) for r in export.export(store)]
    assert results and results[0].status == "waiting", results[0].message
    keys.accept_installation(hq_store, installation.get_installation(store).id)
    out = importer.apply_waiting(hq_store)
    assert out and out[0].status == "applied", out
    for rec in recs:
        there = certificates.verify(hq_store, rec.serial, rec.verification_code)
        assert (there.full_name, there.issued_on) == (rec.full_name, rec.issued_on)


def test_someone_below_the_rule_cannot_be_named_for_a_certificate(store, training):
    sheet = trainings.attendance_sheet(store, training)
    pid = next(p.person_id for p in sheet.participants if p.full_name == "Гүлзат Үсөнова")
    with pytest.raises(UserError, match="Attended 8 of 12 hours"):
        certificates.issue_certificates(store, training, [pid])


# ---- certificate PDFs -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ky", "ru", "en", "bilingual"])
def test_certificate_pdf_has_the_names_as_real_text_one_page_each(store, training, tmp_path, lang):
    out = tmp_path / f"c-{lang}.pdf"
    documents.certificates_pdf(store, training, out, lang=lang)
    pages = text_of(out)
    assert len(pages) == 4
    text = "\n".join(pages)
    for name in ("Өмүрбек Түлөгөнов", "Айнура Ңу", "Ковалёв Сергей"):
        assert name in text
    assert "Гүлзат Үсөнова" not in text
    assert "Зордук-зомбулук экстремизминин негиздери" in text
    word = {"ky": "Катышкан сааттар", "ru": "Посещено часов", "en": "Hours attended",
            "bilingual": "Катышкан сааттар / Посещено часов"}[lang]
    assert word in text
    assert "12 " in text
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= {f.split("+")[-1] for f in fonts_embedded(out)}
    qpdf_ok(out)


def test_long_name_shrinks_or_wraps_but_stays_inside_the_page(store, training, tmp_path):
    width = 841.89 - 2 * 90
    size, lines = fit_lines(LONG, BOLD, 32, 14, width, max_lines=2)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert size < 32 and all(stringWidth(x, BOLD, size) <= width for x in lines)
    assert " ".join(lines) == LONG
    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="en")
    text = " ".join(" ".join(text_of(out)).split())
    assert LONG in text


def test_signatories_from_settings_are_printed(store, training, tmp_path):
    cfg = certificates.CertificateSettings(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы"),
         certificates.Signatory("Айнура Ңу", "Программа координатору")))
    certificates.save_certificate_settings(store, cfg)
    assert certificates.get_certificate_settings(store) == cfg
    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="ky")
    assert "Айыл өкмөтүнүн башчысы" in text_of(out)[0]
    assert "Программа координатору" in text_of(out)[0]


def test_logo_is_copied_into_the_data_folder_and_drawn(store, training, tmp_path):
    from PIL import Image

    src = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), (30, 80, 160)).save(src)
    name = certificates.import_logo(store, src)
    certificates.save_certificate_settings(store, certificates.CertificateSettings(logo_left=name))
    src.unlink()  # the copy in the data folder is what prints
    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="en")
    page = PdfReader(str(out)).pages[0]
    xobjects = page["/Resources"].get_object().get("/XObject", {})
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    bad = tmp_path / "not-an-image.png"
    bad.write_text("hello")
    with pytest.raises(UserError, match="not an image"):
        certificates.import_logo(store, bad)


def test_qr_code_on_the_printed_certificate_reads_back(store, training, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    import zxingcpp
    from PIL import Image

    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="bilingual")
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True)
    img = Image.open(next(tmp_path.glob("page*.png")))
    codes = zxingcpp.read_barcodes(img)
    assert len(codes) == 1
    rec = certificates.list_certificates(store, training)[0]
    scheme, serial, _signature = codes[0].text.split(":")  # serial and signature only
    assert (scheme, serial) == ("SC2", rec.serial)
    assert certificate_signing.verify_qr(store, codes[0].text).record.serial == rec.serial


def test_every_qr_code_of_a_batch_reads_back_at_100_dpi(store, training, tmp_path):
    """Each page's code scans back to that page's certificate."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    import zxingcpp
    from PIL import Image

    out = tmp_path / "c.pdf"
    documents.certificates_pdf(store, training, out, lang="ky")
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(out), str(tmp_path / "page")], check=True)
    recs = certificates.list_certificates(store, training)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == len(recs) == 4
    for page, rec in zip(pages, recs, strict=True):
        (code,) = zxingcpp.read_barcodes(Image.open(page))
        assert code.text.startswith(f"SC2:{rec.serial}:")
        assert certificate_signing.verify_qr(store, code.text).record.full_name == rec.full_name


def test_pieces_reused_across_a_batch_give_the_same_file_as_drawing_every_page_afresh(
        store, training, tmp_path, monkeypatch):
    """The painter replays what is the same on many pages (frame, headings, signatures, the
    training's lines); the file must be byte for byte the one drawn without that shortcut."""
    from PIL import Image
    from reportlab import rl_config

    from strive_desktop.pdf.certificate import (
        CertificateLook,
        CertificatePainter,
        render_certificates,
    )

    monkeypatch.setattr(rl_config, "invariant", 1)  # no time stamps or random ids in the file
    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), (30, 80, 160)).save(logo)
    look = CertificateLook("bilingual", (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы"),
                                         certificates.Signatory("Айнура Ңу", "Программа координатору")),
                           logo_left=logo, issuer="Коомдук фонд «Ынтымак»")
    recs = certificates.issue_certificates(store, training) * 3  # 12 pages, each name three times
    # A name that needs two lines moves the lines under it: page 7 must not get page 1's rule.
    recs[6] = dataclasses.replace(recs[6], full_name=f"{LONG} {LONG}")
    reused = render_certificates(tmp_path / "reused.pdf", recs, look).read_bytes()
    monkeypatch.setattr(CertificatePainter, "max_blocks", 0)
    afresh = render_certificates(tmp_path / "afresh.pdf", recs, look).read_bytes()
    assert reused == afresh
    pages = text_of(tmp_path / "reused.pdf")
    assert len(pages) == 12
    for page, rec in zip(pages, recs, strict=True):
        for text in ("СЕРТИФИКАТ", "Коомдук фонд «Ынтымак»", rec.serial, rec.verification_code,
                     "Айыл өкмөтүнүн башчысы", "Катышкан сааттар / Посещено часов: 12"):
            assert text in " ".join(page.split()), (text, page)
        assert " ".join(rec.full_name.split()) in " ".join(page.split())


def test_one_pdf_per_person_named_by_serial_and_name(store, training, tmp_path):
    files = documents.certificates_pdf(store, training, None, lang="ru", per_person_dir=tmp_path / "each")
    assert len(files) == 4
    recs = {r.serial: r.full_name for r in certificates.list_certificates(store, training)}
    for f in files:
        serial = f.name[:len("NOO-2026-XXXXXX-0001")]
        assert recs[serial] in f.name
        (page,) = text_of(f)
        assert " ".join(recs[serial].split()) in " ".join(page.split())  # on one or two lines
        qpdf_ok(f)


def test_cancelled_batch_leaves_no_file(store, training, tmp_path):
    from strive_desktop.pdf.certificate import render_certificates

    recs = certificates.issue_certificates(store, training)
    look = documents.certificate_look(store, "en")
    out = tmp_path / "out" / "c.pdf"
    with pytest.raises(Cancelled):
        render_certificates(out, recs, look, cancelled=lambda: True)
    assert list(out.parent.iterdir()) == []


def test_nobody_completed_is_a_clear_message(store, tmp_path):
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="other", title="Empty", sessions=[trainings.SessionInput(SESSIONS[0], 2)]))
    with pytest.raises(UserError, match="Nobody completed"):
        documents.certificates_pdf(store, tid, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# ---- attendance sheet -----------------------------------------------------------------------------


def test_attendance_sheet_rows_signature_columns_and_header_on_every_page(store, training, tmp_path):
    out = tmp_path / "a.pdf"
    documents.attendance_sheet_pdf(store, training, out, lang="en", blank_rows=60)
    pages = text_of(out)
    assert len(pages) >= 2
    for i, page in enumerate(pages, 1):
        assert "Зордук-зомбулук экстремизминин негиздери" in page
        assert "Ноокат, айыл өкмөтүнүн залы" in page
        assert "Икбалжан Мирсайитов" in page
        assert f"Page {i} of {len(pages)}" in page
        # one column per session, header repeated; the trainer's sign-off under the last page's list
        assert page.count("Signature") == 3 + (i == len(pages))
    first = pages[0]
    for name in NAMES:
        if name != LONG:
            assert name in first
    assert "Aksakal court" in first and "Youth" in first
    assert fmt_date(dt.date(2026, 3, 10), "en") in first and fmt_date(dt.date(2026, 3, 12), "en") in first
    qpdf_ok(out)


def test_attendance_sheet_in_kyrgyz_with_many_sessions_goes_landscape(store, tmp_path, training):
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо",
        sessions=[trainings.SessionInput(dt.date(2026, 4, d), 3) for d in range(1, 7)]))
    out = tmp_path / "a.pdf"
    documents.attendance_sheet_pdf(store, tid, out, lang="ky")
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = reader.pages[0].extract_text()
    assert "Катышуучуларды каттоо баракчасы".upper() in text
    assert text.count("Колу") == 6
    assert "Өмүрбек Түлөгөнов" in text and "Айнура Ңу" in text
    qpdf_ok(out)


# ---- local plan -------------------------------------------------------------------------------------


def _plan(store) -> str:
    draft = plans.PlanDraft(
        title="Ноокат: алдын алуу планы 2026", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
        context="Жаштар жумушсуз.", vulnerable_groups="Мигранттардын үй-бүлөлөрү.",
        objectives="1. Маалымдуулук.\n2. Кызматташтык.",
        activities=[plans.ActivityInput(f"Иш-чара {i}", "Айыл өкмөтү", "Мектеп", dt.date(2026, 2, 1),
                                        dt.date(2026, 3, 1), 10000 * i, 2500, 500 * i, "Катышуучулар")
                    for i in range(1, 31)])
    return plans.create_plan(store, NOOKAT, draft)


def test_plan_pdf_title_page_sections_budget_totals_watermark_and_pages(store, tmp_path):
    pid = _plan(store)
    plans.save_revision(store, pid, "first")
    out = tmp_path / "p.pdf"
    documents.plan_pdf(store, pid, out, lang="ky")
    pages = text_of(out)
    assert len(pages) >= 3
    assert "Ноокат: алдын алуу планы 2026" in pages[0]
    assert "1-редакция" in pages[0]
    assert "КАРАЛАМА" in pages[0]  # the watermark: not "Долбоор", the word of the Project budget column
    text = "\n".join(pages)
    for word in ("Абал", "Аялуу топтор", "Максаттар", "Иш-чаралар", "Бекитилген", "Даярдаган"):
        assert word in text
    totals = plans.totals(plans.get_plan(store, pid).draft.activities)
    for value in (totals.project, totals.local, totals.other, totals.total):
        assert f"{value:,}".replace(",", " ") in text
    assert "4 650 000" in text and "4 957 500" in text  # project; all sources
    for i, page in enumerate(pages, 1):
        assert f"{len(pages)} беттин {i}-бети" in page
        assert "КАРАЛАМА" in page
    qpdf_ok(out)


def test_plan_edited_after_its_revision_says_so(store, tmp_path):
    pid = _plan(store)
    plans.save_revision(store, pid)
    draft = plans.get_plan(store, pid).draft
    draft.objectives = "Жаңы максат"
    plans.save_draft(store, pid, draft)
    out = tmp_path / "p.pdf"
    documents.plan_pdf(store, pid, out, lang="en")
    first = " ".join(text_of(out)[0].split())
    assert "Revision 1 of" in first and "with changes made since" in first
    assert "Жаңы максат" in " ".join(text_of(out)[1].split())


def test_approved_plan_has_no_draft_watermark(store, tmp_path):
    pid = _plan(store)
    plans.change_status(store, pid, "submitted")
    plans.change_status(store, pid, "approved")
    out = tmp_path / "p.pdf"
    documents.plan_pdf(store, pid, out, lang="en")
    text = "\n".join(text_of(out))
    assert "DRAFT" not in text
    assert "Approved" in text
    assert "Revision 2 of" in text and "changes made since" not in text
    qpdf_ok(out)


# ---- donor summary ----------------------------------------------------------------------------------


def test_donor_summary_figures_by_sex_age_sector_phase(store, training):
    s = reports.donor_summary(store, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert s.participants == 5  # Гүлзат attended 2 sessions: a participant, not a completer
    assert s.completed == 4
    assert s.by_sex == {"f": 3, "m": 2}
    # ages in 2026: 71, 23, 36, 46, 51
    assert s.by_age == {"<18": 0, "18-24": 1, "25-34": 0, "35-59": 3, "60+": 1, "unknown": 0}
    assert s.by_sector["youth"] == 1 and s.by_sector["aksakal_court"] == 1
    assert sum(s.by_sector.values()) == 5
    basics = next(r for r in s.by_phase if r.phase == "basics_ve")
    assert (basics.trainings, basics.sessions, basics.participants, basics.completed) == (1, 3, 5, 4)
    assert basics.hours == 4 * (3 + 3 + 2 + 3 + 3)
    assert s.hours == basics.hours
    nookat = next(r for r in s.by_community if r.community_id == NOOKAT)
    assert (nookat.trainings, nookat.participants, nookat.women, nookat.men) == (1, 5, 3, 2)
    assert sum(r.participants for r in s.by_community) == 5
    # a period without the sessions: nothing counted
    empty = reports.donor_summary(store, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert empty.participants == 0 and empty.trainings == 0
    # only the second day: everyone but nobody new
    one_day = reports.donor_summary(store, SESSIONS[1], SESSIONS[1], NOOKAT)
    assert one_day.sessions == 1 and one_day.participants == 5 and one_day.hours == 20
    with pytest.raises(UserError, match="starts after it ends"):
        reports.donor_summary(store, SESSIONS[2], SESSIONS[0])


def test_donor_summary_pdf_totals(demo_store, tmp_path):
    s = reports.donor_summary(demo_store)
    out = tmp_path / "s.pdf"
    documents.summary_pdf(demo_store, out, lang="ru")
    pages = text_of(out)
    text = "\n".join(pages)
    assert "Сводка по программе для доноров" in text
    assert "Все сообщества" in text
    assert sum(s.by_sex.values()) == s.participants == sum(r.participants for r in s.by_community)
    assert re.search(rf"Итого\s+{s.participants}\s+100", text)
    for name in ("Ноокат", "Кочкор", "Исфана"):
        assert name in text
    for i, page in enumerate(pages, 1):
        assert f"Страница {i} из {len(pages)}" in page
    qpdf_ok(out)


# ---- command line -------------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_cli_four_commands_on_a_demo_folder(tmp_path):
    d = str(tmp_path / "d")
    assert run_cli("--data-dir", d, "demo").returncode == 0
    dump = json.loads(run_cli("--data-dir", d, "dump").stdout)
    tid = dump["trainings"][0]["id"]
    pid = dump["local_plans"][0]["id"]
    outs = tmp_path / "out"
    cmds = [
        ("certificates", "--training", tid, "--out", str(outs / "c.pdf"), "--lang", "ru",
         "--per-person", str(outs / "each")),
        ("attendance-sheet", "--training", tid, "--out", str(outs / "a.pdf")),
        ("plan-pdf", "--plan", pid, "--out", str(outs / "p.pdf")),
        ("summary", "--out", str(outs / "s.pdf"), "--from", "2021-01-01", "--to", "2022-12-31",
         "--community", "Nookat"),
    ]
    for cmd in cmds:
        res = run_cli("--data-dir", d, *cmd)
        assert res.returncode == 0, res.stderr
        assert "written to" in res.stdout
    for name in ("c", "a", "p", "s"):
        qpdf_ok(outs / f"{name}.pdf")
    each = list((outs / "each").glob("*.pdf"))
    assert len(each) == len(PdfReader(str(outs / "c.pdf")).pages) > 0
    # printing again keeps the serials
    before = json.loads(run_cli("--data-dir", d, "dump").stdout)["certificates"]
    assert run_cli("--data-dir", d, *cmds[0]).returncode == 0
    after = json.loads(run_cli("--data-dir", d, "dump").stdout)["certificates"]
    assert sorted(c["serial"] for c in before) == sorted(c["serial"] for c in after)
    assert "Nookat" in "\n".join(text_of(outs / "s.pdf"))
    cert = after[0]
    ok = run_cli("--data-dir", d, "verify-certificate", cert["serial"], cert["verification_code"])
    assert ok.returncode == 0 and f"Certificate {cert['serial']} is genuine" in ok.stdout
    forged = run_cli("--data-dir", d, "verify-certificate", cert["serial"], "AAAAAAAAAA")
    assert forged.returncode == 1 and "not genuine" in forged.stderr
    bad = run_cli("--data-dir", d, "certificates", "--training", "nope", "--out", str(outs / "x.pdf"))
    assert bad.returncode == 1
    assert bad.stderr.strip() == "error: The training was not found; it may have been deleted."
    assert not (outs / "x.pdf").exists()


@pytest.mark.parametrize("code,prefix", [("nookat", "NOO"), ("kara-balta", "KBA"), ("kara-buura", "KBU"),
                                         ("chek-abad", "CAB"), ("bazar-korgon", "BKO"), ("", "XXX"), ("ab", "ABX")])
def test_community_prefix_in_serials(code, prefix):
    assert certificates.community_prefix(code) == prefix
