"""Printed pages never overflow: every document kind, every language, every field at its maximum.

The PDFs are read back with pdfplumber: every character must lie inside the page's printable
area (inside the frame on a certificate), no two characters of different words may overlap, no
character may cross a drawn line (a table's grid, a frame, a signature line), and every word
of the long inputs must be on the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pdfplumber
import pytest

from strive_desktop.formatting import fmt_date
from strive_desktop.pdf import documents
from strive_desktop.services import plans, rosters, trainings
from strive_desktop.services.installation import get_community
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
MAX = 200  # the validation maximum of names and titles

# Real long Kyrgyz name forms: patronymics with уулу / кызы, double surnames, hyphenated names.
LONG_NAMES = [
    "Абдырахманова-Жумабекова Мээримгүл Таалайбековна кызы Чыңгызхан",
    "Жээнбеков-Сооронбаев Нурбек-Алы Токтогулбек уулу",
    "Мамыржанова Гүлүмкан Өмүрбек кызы",
    "Ысмайылов Чыңгыз Абдыкалыкович",
    # one unbroken 60-letter "word" and a name at the validation maximum
    "Ы" * 60 + " Бекова",
    ("Түлөгөнова-Сыдыкбекова Айчүрөк Жыргалбековна кызы " * 4)[:MAX].strip(),
]


def _long(text: str, n: int = MAX) -> str:
    """*text* repeated up to *n* characters (ending on a whole word)."""
    out = (text + " ") * (n // len(text) + 2)
    return out[:n].rsplit(" ", 1)[0].strip() if out[n] != " " else out[:n].strip()


# ---- reading a PDF back ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Box:
    text: str
    x0: float
    x1: float
    y0: float  # from the top of the page, pdfplumber's "top"
    y1: float
    size: float


def _glyph_boxes(page) -> list[Box]:  # type: ignore[no-untyped-def]
    """Upright characters (a rotated watermark is left out) as the box their ink needs: from
    a little below the baseline to the cap height, not the font's full line height."""
    out = []
    for ch in page.chars:
        if not ch["upright"] or abs(ch["matrix"][1]) > 1e-6 or not ch["text"].strip():  # rotated
            continue
        size = ch["size"]
        base = ch["bottom"] - 0.236 * size / 1.164  # DejaVu: descent 236 of 1164 units
        out.append(Box(ch["text"], ch["x0"], ch["x1"], base - 0.73 * size, base + 0.18 * size, size))
    return out


def _words(page) -> list[Box]:  # type: ignore[no-untyped-def]
    words = page.extract_words(keep_blank_chars=False, use_text_flow=True, extra_attrs=["size"])
    return [Box(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"]) for w in words
            if w.get("upright", True)]


def layout_problems(path: Path, *, margin: float = 18.0, frame: float | None = None,
                    min_size: float = 6.0) -> list[str]:
    """What is wrong with the placing of text in *path*: text outside the page's printable area
    (*margin* points from every edge; *frame* instead on a certificate), text smaller than
    *min_size*, overlapping characters, text crossing a drawn line."""
    problems: list[str] = []
    with pdfplumber.open(str(path)) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            inset = frame if frame is not None else margin
            boxes = _glyph_boxes(page)
            for b in boxes:
                if b.x0 < inset - 0.01 or b.x1 > page.width - inset + 0.01 or b.y0 < inset or b.y1 > page.height - inset:
                    problems.append(f"p{n}: {b.text!r} at ({b.x0:.0f},{b.y0:.0f}) leaves the printable area")
                if b.size < min_size - 0.01:
                    problems.append(f"p{n}: {b.text!r} at ({b.x0:.0f},{b.y0:.0f}) is {b.size:.1f} pt")
            # Characters overlapping: sort by x, compare neighbours within reach.
            boxes.sort(key=lambda b: b.x0)
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    if b.x0 >= a.x1 - 0.3:
                        break
                    if min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5:
                        problems.append(f"p{n}: {a.text!r} and {b.text!r} overlap at ({a.x0:.0f},{a.y0:.0f})")
            # Text crossing a line of a table, frame or signature line.
            for e in page.edges:
                ex0, ex1, ey0, ey1 = e["x0"], e["x1"], e["top"], e["bottom"]
                for b in boxes:
                    if ex0 - 0.2 < b.x1 and b.x0 < ex1 + 0.2 and ey0 - 0.2 < b.y1 and b.y0 < ey1 + 0.2:
                        if e["orientation"] == "v" and b.x0 + 0.3 < ex0 < b.x1 - 0.3 \
                                or e["orientation"] == "h" and b.y0 + 0.5 < ey0 < b.y1 - 0.5:
                            problems.append(f"p{n}: {b.text!r} at ({b.x0:.0f},{b.y0:.0f}) crosses a line")
    return problems[:40]


def page_text(path: Path) -> str:
    """All the text of the PDF, spaces, soft hyphens and line breaks left out."""
    with pdfplumber.open(str(path)) as pdf:
        text = "".join(ch["text"] for page in pdf.pages for ch in page.chars)
    return re.sub(r"[\s\u00ad]", "", text)


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


# ---- the longest inputs ----------------------------------------------------------------------

LONG_TITLE = _long("Жергиликтүү өз алдынча башкаруу органдарынын зордук-зомбулук экстремизминин "
                   "алдын алуудагы ролу жана ыйгарым укуктары боюнча окуу")
UNBROKEN_TITLE = "Окуу " + "Ж" * 70 + " аяктады"


@pytest.fixture
def long_community(hq_store) -> str:  # type: ignore[no-untyped-def]
    from strive_desktop.services.installation import add_community

    return add_community(
        hq_store, code="kara-suu-long", kind="aiyl_okmotu",
        name_ky=_long("Кара-Суу районундагы Жаңы-Ноокат айыл өкмөтү"),
        name_ru=_long("Айыл окмоту Жаны-Ноокат Кара-Суйского района"),
        name_en=_long("Zhany-Nookat aiyl okmotu of Kara-Suu district"),
        oblast_ky="Ош облусу", oblast_ru="Ошская область", oblast_en="Osh oblast")


def _people(store, cid: str, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    ids = []
    for i in range(n):
        name = LONG_NAMES[i % len(LONG_NAMES)]
        if i >= len(LONG_NAMES):
            name = f"{name.split()[0]} {name.split()[1]} {i}"
        res = rosters.add_person(store, rosters.PersonInput(full_name=name, sex="fm"[i % 2], sector="youth",
                                                            community_id=cid, birth_year=1990),
                                 allow_duplicate=True)
        ids.append(res.person_id)
    return ids


def _training(store, cid: str, title: str, n_people: int, n_sessions: int) -> str:  # type: ignore[no-untyped-def]
    ids = _people(store, cid, n_people)
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=cid, phase="lsg_roles", title=title,
        venue=_long("Айыл өкмөтүнүн чоң жыйындар залы, Ленин көчөсү 1, Жаңы-Ноокат айылы", 300),
        trainers=_long("Икбалжан Мирсайитов, Гүлнара Асанбекова, Чыңгыз Абдыкалыков", 300),
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10) + dt.timedelta(days=i), 4.0)
                  for i in range(n_sessions)]))
    info = trainings.get_training(store, tid)
    trainings.record_bulk(store, [(s.id, p, True) for s in info.sessions for p in ids])
    return tid


def _plan(store, cid: str, status: str = "draft") -> str:  # type: ignore[no-untyped-def]
    acts = [plans.ActivityInput(
        title=_long("Жаштар менен зордук-зомбулук экстремизминин алдын алуу боюнча тегерек үстөл өткөрүү", MAX),
        responsible=_long("Айыл өкмөтүнүн социалдык кызматкери Асанбекова Гүлнара", 300),
        partners=_long("Райондук ички иштер бөлүмү, мектептер, диний уюмдар", 300),
        indicator=_long("Катышкан жаштардын саны жана алардын пикирлери", 300),
        start=dt.date(2026, 4, 1), end=dt.date(2026, 12, 31), budget_project=12_500_000,
        budget_local=9_999_999, budget_other=1_000_000, status=st)
        for st in ("planned", "in_progress", "done", "cancelled")]
    acts.append(plans.ActivityInput(title="Ж" * 90, start=dt.date(2026, 5, 1)))
    pid = plans.create_plan(store, cid, plans.PlanDraft(
        title=_long("Ноокат районундагы Жаңы-Ноокат айыл өкмөтүнүн аймагында зордук-зомбулук "
                    "экстремизминин алдын алуунун жергиликтүү планы"),
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2027, 12, 31),
        context=_long("Жамааттын абалы. ", 1000), vulnerable_groups="Жаштар", objectives="Максат",
        activities=acts))
    if status != "draft":
        plans.save_revision(store, pid)
        for step in ("submitted", "approved")[: ("submitted", "approved").index(status) + 1]:
            plans.change_status(store, pid, step)
    return pid


LANGS = ("ky", "ru", "en")
CERT_LANGS = ("ky", "ru", "en", "bilingual")


@pytest.mark.parametrize("lang", CERT_LANGS)
def test_certificates_with_the_longest_inputs_stay_inside_the_frame(hq_store, long_community, tmp_path, lang):
    tid = _training(hq_store, long_community, LONG_TITLE, len(LONG_NAMES), 2)
    out = tmp_path / f"cert-{lang}.pdf"
    documents.certificates_pdf(hq_store, tid, out, lang=lang)
    assert layout_problems(out, frame=30.0) == []
    text = page_text(out)
    quotes = "\u201c\u201d" if lang == "en" else "«»"
    assert _squash(f"{quotes[0]}{LONG_TITLE}{quotes[1]}") in text  # the whole title, closing quote included
    for name in LONG_NAMES:
        assert _squash(name) in text


@pytest.mark.parametrize("lang", CERT_LANGS)
def test_an_unbroken_word_wraps_inside_the_frame(hq_store, long_community, tmp_path, lang):
    tid = _training(hq_store, long_community, UNBROKEN_TITLE, 5, 1)
    out = tmp_path / f"cert-word-{lang}.pdf"
    documents.certificates_pdf(hq_store, tid, out, lang=lang)
    assert layout_problems(out, frame=30.0) == []
    assert _squash(UNBROKEN_TITLE) in page_text(out)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sessions", [4, 14])
def test_attendance_sheet_with_the_longest_inputs_fits(hq_store, long_community, tmp_path, lang, sessions):
    tid = _training(hq_store, long_community, LONG_TITLE, 25, sessions)
    out = tmp_path / f"sheet-{lang}.pdf"
    documents.attendance_sheet_pdf(hq_store, tid, out, lang=lang)
    assert layout_problems(out) == []
    text = page_text(out)
    info = trainings.get_training(hq_store, tid)
    for field in (info.title, info.venue, info.trainers, get_community(hq_store, long_community).name(lang)):
        assert _squash(field) in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("status", ["draft", "approved"])
def test_plan_with_the_longest_inputs_fits(hq_store, long_community, tmp_path, lang, status):
    pid = _plan(hq_store, long_community, status)
    out = tmp_path / f"plan-{lang}.pdf"
    documents.plan_pdf(hq_store, pid, out, lang=lang)
    assert layout_problems(out) == []


# ---- what the sheet and the plan carry ---------------------------------------------------------


def test_no_lone_last_name_and_walk_ins_have_birth_year_consent_and_sign_off(hq_store, long_community, tmp_path):
    from pypdf import PdfReader

    cid = long_community
    ids = []
    for i in range(25):
        res = rosters.add_person(hq_store, rosters.PersonInput(
            full_name=f"Асанов Бакыт {i + 1:02d}", sex="m", sector="youth", community_id=cid, birth_year=1990 + i),
            allow_duplicate=True)
        ids.append(res.person_id)
    tid = trainings.create_training(hq_store, trainings.TrainingInput(
        community_id=cid, phase="basics_ve", title="Негиздер", venue="Зал", trainers="Мирсайитов",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10 + i), 4.0) for i in range(3)]))
    first = trainings.get_training(hq_store, tid).sessions[0]
    trainings.record_bulk(hq_store, [(first.id, p, True) for p in ids])
    for lang in LANGS:
        out = tmp_path / f"sheet25-{lang}.pdf"
        documents.attendance_sheet_pdf(hq_store, tid, out, lang=lang)
        pages = page_words(out)
        assert PdfReader(str(out)).pages[0].mediabox.width < 600  # three sessions: portrait
        last = next(i for i, p in enumerate(pages) if "Асанов Бакыт 25" in p)
        assert "Асанов Бакыт 24" in pages[last]  # never alone on its page
        text = " ".join(" ".join(pages).split())
        for key in ("Year of birth", "Consent given", "The trainer confirms this list",
                    "Participants not on the list"):
            from strive_desktop.pdf.text import t

            assert set(t(lang, key).split()) <= set(text.split()), key  # a heading may wrap in its cell
        assert "1990" in text and "2014" in text  # the birth years of the people on the list
        assert layout_problems(out) == []


def test_plan_shows_activity_status_approval_date_and_a_watermark_unlike_the_budget_column(
        hq_store, long_community, tmp_path):
    from strive_desktop.pdf.text import label, t

    pid = _plan(hq_store, long_community, "approved")
    draft_id = _plan(hq_store, long_community, "draft")
    for lang in LANGS:
        assert t(lang, "DRAFT").casefold() != t(lang, "Project").casefold()
        out = tmp_path / f"plan-{lang}.pdf"
        documents.plan_pdf(hq_store, pid, out, lang=lang)
        text = " ".join(page_words(out))
        for st in ("planned", "in_progress", "done", "cancelled"):
            assert label(lang, st) in text
        assert f"{t(lang, 'Approved on')} {fmt_date(dt.date.today(), lang)}" in text
        assert t(lang, "DRAFT") not in text
        out = tmp_path / f"plan-draft-{lang}.pdf"
        documents.plan_pdf(hq_store, draft_id, out, lang=lang)
        assert t(lang, "Approved on") not in " ".join(page_words(out))
        with pdfplumber.open(str(out)) as pdf:  # the watermark, drawn at an angle on every page
            rotated = "".join(ch["text"] for ch in pdf.pages[1].chars if abs(ch["matrix"][1]) > 1e-6)
        assert rotated == t(lang, "DRAFT")


def page_words(path: Path) -> list[str]:
    with pdfplumber.open(str(path)) as pdf:
        return [" ".join((p.extract_text() or "").split()) for p in pdf.pages]


@pytest.mark.parametrize("kind", ["certificate", "sheet", "plan", "summary"])
def test_every_pdf_embeds_every_font_it_names_and_has_subject_and_keywords(hq_store, long_community,
                                                                          tmp_path, kind):
    import pikepdf

    out = tmp_path / f"{kind}.pdf"
    if kind == "certificate":
        documents.certificates_pdf(hq_store, _training(hq_store, long_community, "Негиздер", 2, 1), out, lang="ky")
    elif kind == "sheet":
        documents.attendance_sheet_pdf(hq_store, _training(hq_store, long_community, "Негиздер", 2, 1), out)
    elif kind == "plan":
        documents.plan_pdf(hq_store, _plan(hq_store, long_community), out)
    else:
        documents.summary_pdf(hq_store, out)
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.get("/Subject", "")) not in ("", "unspecified")
        assert "STRIVE" in str(pdf.docinfo.get("/Keywords", ""))
        for page in pdf.pages:
            fonts = page.Resources.get("/Font", {})
            assert fonts, "a page without text?"
            for name, font in fonts.items():
                assert "Helvetica" not in str(font.get("/BaseFont")), name
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                desc = descendant.get("/FontDescriptor")
                assert desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_three_logos_and_the_longest_inputs_still_fit(hq_store, long_community, tmp_path):
    import pikepdf
    from PIL import Image

    from strive_desktop.services import certificates

    names = []
    for i, size in enumerate([(400, 200), (300, 300), (600, 150)]):
        src = tmp_path / f"logo{i}.png"
        Image.new("RGB", size, (30 * i, 90, 160)).save(src)
        names.append(certificates.import_logo(hq_store, src))
    signer = certificates.Signatory(_long("Түлөгөнова-Сыдыкбекова Айчүрөк Жыргалбековна кызы"),
                                    _long("Жаңы-Ноокат айыл өкмөтүнүн башчысы"))
    certificates.save_certificate_settings(hq_store, certificates.CertificateSettings(
        (signer, certificates.Signatory("Асанов Бакыт", "Координатор")), names[0], names[2],
        _long("Коомдук фонд «Ынтымак», UNDP Kyrgyzstan, European Union"), names[1]))
    assert certificates.get_certificate_settings(hq_store).logo_centre == names[1]
    tid = _training(hq_store, long_community, LONG_TITLE, 2, 1)
    for lang in CERT_LANGS:
        out = tmp_path / f"logos-{lang}.pdf"
        documents.certificates_pdf(hq_store, tid, out, lang=lang)
        assert layout_problems(out, frame=30.0) == []
        with pikepdf.open(out) as pdf:
            images = [k for k, v in pdf.pages[0].Resources.XObject.items() if v.Subtype == "/Image"]
        assert len(images) == 3
