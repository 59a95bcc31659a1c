"""Certificates: A4 landscape, drawn straight on the canvas (fast enough for 1,000 at once)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ..services.certificates import BILINGUAL, CertificateRecord, Signatory
from .common import (
    CREATOR,
    GREY,
    NAVY,
    RULE,
    Cancelled,
    IsCancelled,
    Progress,
    fit_lines,
    fit_size,
    output_file,
    safe_file_name,
)
from .fonts import BOLD, REGULAR, register_fonts
from .qr import draw_qr
from .text import fmt_date, fmt_hours, fmt_period, label, t

PAGE = landscape(A4)  # 841.9 x 595.3 pt
GOLD = colors.HexColor("#b08d3c")

Rgb = tuple[float, float, float]


def _rgb(color: colors.Color) -> Rgb:
    """A colour as a plain RGB tuple: ReportLab then skips its per-call opacity bookkeeping."""
    return (color.red, color.green, color.blue)


_NAVY, _GREY, _GOLD, _RULE, _BLACK = (_rgb(x) for x in (NAVY, GREY, GOLD, RULE, colors.black))


@dataclass(frozen=True)
class CertificateLook:
    """What is the same on every certificate of a batch."""

    lang: str = "ky"  # ky / ru / en / bilingual
    signatories: Sequence[Signatory] = ()
    logo_left: Path | None = None
    logo_right: Path | None = None
    issuer: str = ""

    @property
    def langs(self) -> tuple[str, ...]:
        return BILINGUAL if self.lang == "bilingual" else (self.lang,)


def _words(look: CertificateLook, key: str, sep: str = " / ") -> str:
    seen: list[str] = []
    for lang in look.langs:
        w = t(lang, key)
        if w not in seen:
            seen.append(w)
    return sep.join(seen)


def _label(look: CertificateLook, value: str) -> str:
    seen: list[str] = []
    for lang in look.langs:
        w = label(lang, value)
        if w not in seen:
            seen.append(w)
    return " / ".join(seen)


class CertificatePainter:
    """Draws certificates of one look onto a canvas, one page each."""

    def __init__(self, canvas: Canvas, look: CertificateLook) -> None:
        register_fonts()
        self.c = canvas
        self.look = look
        self.w, self.h = PAGE
        self.logos = [(ImageReader(str(p)) if p else None) for p in (look.logo_left, look.logo_right)]
        first = look.langs[0]
        self.title = t(first, "certificate")
        self.programme = [t(lang, "programme") for lang in look.langs]
        self.awarded = [t(lang, "awarded_to") for lang in look.langs]
        self.completed = [t(lang, "completed") for lang in look.langs]
        # Words that are the same on every page of the batch, looked up once.
        self.words = {key: _words(look, key) for key in
                      ("phase", "community", "dates", "hours_attended", "serial", "verification", "issued_on")}
        self.of = t(look.langs[0], "of")
        self.phases: dict[str, str] = {}
        self.fill: object = None  # the fill colour last set on this page

    def _fill(self, color: Rgb) -> None:
        """Set the fill colour unless it is already set on this page."""
        if color is not self.fill:
            self.c.setFillColor(color)
            self.fill = color

    def _centre(self, text: str, y: float, font: str, size: float, color: Rgb = _NAVY) -> None:
        self.c.setFont(font, size)
        self._fill(color)
        self.c.drawCentredString(self.w / 2, y, text)

    def _centre_fit(self, text: str, y: float, font: str, size: float, min_size: float, width: float,
                    color: Rgb = _NAVY) -> None:
        self._centre(text, y, font, fit_size(text, font, size, min_size, width), color)

    def _frame(self) -> None:
        c = self.c
        c.setStrokeColor(_NAVY)
        c.setLineWidth(2.2)
        c.rect(22, 22, self.w - 44, self.h - 44)
        c.setStrokeColor(_GOLD)
        c.setLineWidth(0.8)
        c.rect(29, 29, self.w - 58, self.h - 58)

    def _logos(self) -> None:
        for img, left in zip(self.logos, (True, False), strict=True):
            if img is None:
                continue
            iw, ih = img.getSize()
            box_w, box_h = 120.0, 64.0
            scale = min(box_w / iw, box_h / ih)
            dw, dh = iw * scale, ih * scale
            x = 48 if left else self.w - 48 - dw
            self.c.drawImage(img, x, self.h - 44 - dh, dw, dh, mask="auto")

    def draw(self, rec: CertificateRecord) -> None:
        c, look, w = self.c, self.look, self.w
        bilingual = len(look.langs) > 1
        text_w = w - 2 * 150  # clear of the logos at the top
        self.fill = None  # a new page starts black
        self._frame()
        self._logos()
        y = self.h - 64
        for i, line in enumerate(self.programme):
            self._centre_fit(line, y - i * 13, REGULAR, 10 if i == 0 else 9, 6, text_w, _GREY)
        y -= 13 * len(self.programme)
        if look.issuer:
            self._centre_fit(look.issuer, y, REGULAR, 9, 6, text_w, _GREY)
        self._centre(self.title, self.h - 158, BOLD, 44, _NAVY)
        c.setStrokeColor(_GOLD)
        c.setLineWidth(1.2)
        c.line(w / 2 - 70, self.h - 172, w / 2 + 70, self.h - 172)

        body_w = w - 2 * 90
        y = self.h - 202
        for i, line in enumerate(self.awarded):
            self._centre_fit(line, y - i * 15, REGULAR, 13 if i == 0 else 11, 8, body_w, _GREY)
        y -= 15 * len(self.awarded) + 34
        # The name: as big as fits on one line, then two lines, never past the margins.
        size, lines = fit_lines(rec.full_name, BOLD, 32, 14, body_w, max_lines=2)
        if len(lines) == 2:
            y += size * 0.55
        for i, line in enumerate(lines):
            self._centre(line, y - i * size * 1.15, BOLD, size, _NAVY)
        y -= (len(lines) - 1) * size * 1.15
        c.setStrokeColor(_RULE)
        c.setLineWidth(0.6)
        c.line(w / 2 - 230, y - 10, w / 2 + 230, y - 10)
        y -= 32
        for i, line in enumerate(self.completed):
            self._centre_fit(line, y - i * 14, REGULAR, 12 if i == 0 else 10.5, 8, body_w, _GREY)
        y -= 14 * len(self.completed) + 16
        tsize, tlines = fit_lines(f"«{rec.training_title}»", BOLD, 18, 10, body_w, max_lines=2)
        for i, line in enumerate(tlines):
            self._centre(line, y - i * tsize * 1.2, BOLD, tsize, _NAVY)
        y -= (len(tlines) - 1) * tsize * 1.2 + 22
        phase = self.phases.get(rec.phase)
        if phase is None:
            phase = self.phases[rec.phase] = _label(look, rec.phase)
        words = self.words
        self._centre_fit(f"{words['phase']}: {phase}", y, REGULAR, 11, 7, body_w, _BLACK)
        y -= 18
        community = rec.community.name(look.langs[0])
        if bilingual and rec.community.name("ru") != community:
            community = f"{community} / {rec.community.name('ru')}"
        details = (f"{words['community']}: {community}      "
                   f"{words['dates']}: {fmt_period(rec.start, rec.end)}")
        self._centre_fit(details, y, REGULAR, 11, 6.5, body_w, _BLACK)
        hours = (f"{words['hours_attended']}: {fmt_hours(rec.hours_attended)} "
                 f"{self.of} {fmt_hours(rec.hours_total)}")
        self._centre_fit(hours, y - 18, REGULAR, 11, 6.5, body_w, _BLACK)

        # Signatures along the bottom, the QR code in the bottom-right corner.
        qr_size = 84.0
        qr_x, qr_y = w - 48 - qr_size, 46.0
        sigs = [s for s in look.signatories if s.name or s.title]
        slots = max(len(sigs), 1)
        area_l, area_r = 60.0, qr_x - 150
        slot_w = (area_r - area_l) / slots
        for i, sig in enumerate(sigs):
            cx = area_l + slot_w * (i + 0.5)
            line_w = min(190.0, slot_w - 20)
            c.setStrokeColor(_BLACK)
            c.setLineWidth(0.6)
            c.line(cx - line_w / 2, 112, cx + line_w / 2, 112)
            self._fill(_BLACK)
            nsize, nlines = fit_lines(sig.name, BOLD, 10.5, 8, line_w, max_lines=2)
            c.setFont(BOLD, nsize)
            y_sig = 99.0
            for line in nlines:
                c.drawCentredString(cx, y_sig, line)
                y_sig -= nsize + 1.5
            self._fill(_GREY)
            tsize, tlines = fit_lines(sig.title, REGULAR, 8.5, 6.5, line_w, max_lines=2)
            c.setFont(REGULAR, tsize)
            y_sig -= 1
            for line in tlines:
                c.drawCentredString(cx, y_sig, line)
                y_sig -= tsize + 1.5
        draw_qr(c, rec.qr_text, qr_x, qr_y, qr_size)
        tx = qr_x - 8
        lines_r = [
            (f"{words['serial']}: {rec.serial}", BOLD),
            (f"{words['verification']}: {rec.verification_code}", REGULAR),
            (f"{words['issued_on']}: {fmt_date(rec.issued_on)}", REGULAR),
        ]
        for i, (line, font) in enumerate(lines_r):
            self._fill(_GREY if font == REGULAR else _BLACK)
            c.setFont(font, fit_size(line, font, 7.5, 5, 190))
            c.drawRightString(tx, qr_y + 30 - i * 11, line)
        c.showPage()


def new_canvas(path: str, title: str) -> Canvas:
    register_fonts()
    c = Canvas(path, pagesize=PAGE, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(CREATOR)
    c.setCreator(CREATOR)
    return c


def render_certificates(out: Path | str, records: Sequence[CertificateRecord], look: CertificateLook, *,
                        progress: Progress | None = None, cancelled: IsCancelled | None = None) -> Path:
    """All *records* into one PDF, one page each."""
    out = Path(out)
    total = len(records)
    title = records[0].training_title if records else "STRIVE"
    with output_file(out) as tmp:
        c = new_canvas(tmp, f"{t(look.langs[0], 'certificate')} — {title}")
        painter = CertificatePainter(c, look)
        for i, rec in enumerate(records):
            if cancelled is not None and cancelled():
                raise Cancelled()
            painter.draw(rec)
            if progress is not None and (i % 10 == 9 or i + 1 == total):
                progress(i + 1, total)
        c.save()
    return out


def per_person_name(rec: CertificateRecord) -> str:
    return safe_file_name(f"{rec.serial} {rec.full_name}", limit=150) + ".pdf"


def render_per_person(folder: Path | str, records: Sequence[CertificateRecord], look: CertificateLook, *,
                      progress: Progress | None = None, cancelled: IsCancelled | None = None) -> list[Path]:
    """One PDF per certificate in *folder*, named by serial and name."""
    folder = Path(folder)
    out: list[Path] = []
    for i, rec in enumerate(records):
        if cancelled is not None and cancelled():
            raise Cancelled()
        path = folder / per_person_name(rec)
        with output_file(path) as tmp:
            c = new_canvas(tmp, f"{t(look.langs[0], 'certificate')} — {rec.full_name}")
            CertificatePainter(c, look).draw(rec)
            c.save()
        out.append(path)
        if progress is not None:
            progress(i + 1, len(records))
    return out


