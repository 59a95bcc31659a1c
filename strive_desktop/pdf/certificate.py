"""Certificates: A4 landscape, drawn straight on the canvas (fast enough for 1,000 at once)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ..services.certificates import BILINGUAL, CertificateRecord, Signatory
from .common import (
    CREATOR,
    GREY,
    KEYWORDS,
    NAVY,
    RULE,
    Cancelled,
    IsCancelled,
    Progress,
    fit_size,
    fit_text,
    output_file,
    safe_file_name,
    wrap_words,
)
from .fonts import BOLD, REGULAR, register_fonts
from .qr import draw_qr
from .text import fmt_date, fmt_hours, fmt_period, label, t

PAGE = landscape(A4)  # 841.9 x 595.3 pt
GOLD = colors.HexColor("#b08d3c")
QR_SIZE = 84.0  # points: 29.6 mm
CENTRE_LOGO_H = 44.0  # the third logo's box at the top centre, 150 pt wide
BODY_BOTTOM = 150.0
SIGNATURE_ROOM = 99.0 - 36  # from the first line of a signer's name down to the frame  # the body ends above the space where the signers sign

Rgb = tuple[float, float, float]


def _rgb(color: colors.Color) -> Rgb:
    """A colour as a plain RGB tuple: ReportLab then skips its per-call opacity bookkeeping."""
    return (color.red, color.green, color.blue)


_NAVY, _GREY, _GOLD, _RULE, _BLACK = (_rgb(x) for x in (NAVY, GREY, GOLD, RULE, colors.black))


def _image(source: Path | BinaryIO | None) -> ImageReader | None:
    if source is None:
        return None
    if isinstance(source, Path):
        return ImageReader(str(source))
    source.seek(0)
    return ImageReader(source)


@dataclass(frozen=True)
class CertificateLook:
    """What is the same on every certificate of a batch."""

    lang: str = "ky"  # ky / ru / en / bilingual
    signatories: Sequence[Signatory] = ()
    logo_left: Path | BinaryIO | None = None  # a file, or the decrypted image (services.certificates)
    logo_right: Path | BinaryIO | None = None
    issuer: str = ""
    logo_centre: Path | BinaryIO | None = None  # the third logo, top centre: the heading moves down to make room

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

    max_blocks = 4096  # repeated pieces kept per batch; 0 = draw everything afresh on every page

    def __init__(self, canvas: Canvas, look: CertificateLook) -> None:
        register_fonts()
        self.c = canvas
        self.look = look
        self.w, self.h = PAGE
        self.logos = [_image(p) for p in (look.logo_left, look.logo_right)]
        self.logo_centre = _image(look.logo_centre)
        self.shift = CENTRE_LOGO_H - 10 if self.logo_centre is not None else 0.0  # the heading moves down
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
        self.body_w = self.w - 2 * 90
        self.qr_x, self.qr_y = self.w - 48 - QR_SIZE, 46.0
        # PDF operators of what looks the same on many pages: (key, fill colour going in) ->
        # (operators, fill colour coming out). Kept per painter, i.e. per canvas.
        self._blocks: dict[tuple[object, object], tuple[str, object]] = {}

    def _fill(self, color: Rgb) -> None:
        """Set the fill colour unless it is already set on this page."""
        if color is not self.fill:
            self.c.setFillColor(color)
            self.fill = color

    def _block(self, key: object, draw: Callable[[], None]) -> None:
        """Draw what *draw* draws. The first time, keep the PDF operators it produced; on later
        pages with the same *key* (and the same fill colour going in) add them again instead.

        Only for drawing whose operators depend on nothing but the key: text, lines and colours
        (fonts are shared by all pages of a ReportLab document, and a character keeps its place in
        the font subset once given one), never images or forms (they are per-page resources).
        The replayed page stream is byte for byte the one ReportLab writes (tests/pdf checks it).
        """
        k = (key, self.fill)
        hit = self._blocks.get(k)
        if hit is not None:
            if hit[0]:
                self.c.addLiteral(hit[0])
            self.fill = hit[1]
            return
        code = self.c._code  # the page's operators; ReportLab joins them with newlines
        start = len(code)
        draw()
        if len(self._blocks) < self.max_blocks:
            self._blocks[k] = ("\n".join(code[start:]), self.fill)

    def _centre(self, text: str, y: float, font: str, size: float, color: Rgb = _NAVY,
                reuse: bool = True) -> None:
        """*text* centred on the page; *reuse* = False for text that is on one page only."""
        if reuse:
            self._block(("centre", text, y, font, size, color),
                        lambda: self._centre(text, y, font, size, color, reuse=False))
            return
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
        if self.logo_centre is not None:
            iw, ih = self.logo_centre.getSize()
            scale = min(150.0 / iw, CENTRE_LOGO_H / ih)
            dw, dh = iw * scale, ih * scale
            self.c.drawImage(self.logo_centre, (self.w - dw) / 2, self.h - 40 - dh, dw, dh, mask="auto")

    def _head(self) -> None:
        """Programme, issuer, title and "awarded to": the same on every page of the batch."""
        c, w = self.c, self.w
        text_w = w - 2 * 150  # clear of the logos at the top
        y = self.h - 64 - self.shift
        for i, line in enumerate(self.programme):
            self._centre_fit(line, y - i * 13, REGULAR, 10 if i == 0 else 9, 6, text_w, _GREY)
        y -= 13 * len(self.programme)
        if self.look.issuer:
            size, lines = fit_text(self.look.issuer, REGULAR, 9, 6.5, text_w, 2)
            for i, line in enumerate(lines[:3]):
                self._centre(line, y - i * (size + 2), REGULAR, size, _GREY)
        top = self.h - self.shift
        self._centre(self.title, top - 158, BOLD, 44, _NAVY)
        c.setStrokeColor(_GOLD)
        c.setLineWidth(1.2)
        c.line(w / 2 - 70, top - 172, w / 2 + 70, top - 172)
        y = top - 202
        for i, line in enumerate(self.awarded):
            self._centre_fit(line, y - i * 15, REGULAR, 13 if i == 0 else 11, 8, self.body_w, _GREY)

    def _rule(self, y: float) -> None:
        c, w = self.c, self.w
        c.setStrokeColor(_RULE)
        c.setLineWidth(0.6)
        c.line(w / 2 - 230, y, w / 2 + 230, y)

    def _signatures(self) -> None:
        """Signature lines, names and titles along the bottom, left of the QR code."""
        c = self.c
        sigs = [s for s in self.look.signatories if s.name or s.title]
        slots = max(len(sigs), 1)
        area_l, area_r = 60.0, self.qr_x - 150
        slot_w = (area_r - area_l) / slots
        line_w = min(190.0, slot_w - 20)
        text_w = slot_w - 16  # names and titles may be wider than the line they sit under
        # One size for every signer's name and one for every title, so they read as a set.
        nsize = min((fit_text(x.name, BOLD, 10.5, 7, text_w, 2)[0] for x in sigs), default=10.5)
        tsize = min((fit_text(x.title, REGULAR, 8.5, 6, text_w, 3)[0] for x in sigs), default=8.5)

        def height(n: float, t: float) -> float:  # of the tallest signer's name and title under the line
            return max((len(wrap_words(x.name, BOLD, n, text_w)) * (n + 1.5) + 1
                        + len(wrap_words(x.title, REGULAR, t, text_w)) * (t + 1.5) for x in sigs), default=0.0)

        while height(nsize, tsize) > SIGNATURE_ROOM and (nsize > 6 or tsize > 6):  # never below the frame
            nsize, tsize = max(6.0, nsize - 0.5), max(6.0, tsize - 0.5)
        for i, sig in enumerate(sigs):
            cx = area_l + slot_w * (i + 0.5)
            c.setStrokeColor(_BLACK)
            c.setLineWidth(0.6)
            c.line(cx - line_w / 2, 112, cx + line_w / 2, 112)
            self._fill(_BLACK)
            c.setFont(BOLD, nsize)
            y_sig = 99.0
            for line in (wrap_words(sig.name, BOLD, nsize, text_w) if sig.name else []):
                c.drawCentredString(cx, y_sig, line)
                y_sig -= nsize + 1.5
            self._fill(_GREY)
            c.setFont(REGULAR, tsize)
            y_sig -= 1
            for line in (wrap_words(sig.title, REGULAR, tsize, text_w) if sig.title else []):
                c.drawCentredString(cx, y_sig, line)
                y_sig -= tsize + 1.5

    def _right(self, text: str, x: float, y: float, font: str, color: Rgb, reuse: bool = True) -> None:
        """A small line of the serial block, right-aligned at *x*."""
        if reuse:
            self._block(("right", text, x, y, font, color),
                        lambda: self._right(text, x, y, font, color, reuse=False))
            return
        self._fill(color)
        self.c.setFont(font, fit_size(text, font, 7.5, 6, 190))
        self.c.drawRightString(x, y, text)

    def _body(self, rec: CertificateRecord, scale: float) -> list[tuple[tuple[str, ...], str, float, Rgb, float]]:
        """The blocks under "awarded to", each (lines, font, size, colour, space after), with
        the largest sizes scaled by *scale*; every line already fits the body's width."""
        body_w, words = self.body_w, self.words
        phase = self.phases.get(rec.phase)
        if phase is None:
            phase = self.phases[rec.phase] = _label(self.look, rec.phase)
        langs = self.look.langs
        community = rec.community.name(langs[0])
        if len(langs) > 1 and rec.community.name(langs[1]) != community:
            community = f"{community} / {rec.community.name(langs[1])}"
        dates = (f"{words['dates']}: {fmt_period(rec.start, rec.end)} · "
                 f"{words['hours_attended']}: {fmt_hours(rec.hours_attended)} {self.of} "
                 f"{fmt_hours(rec.hours_total)}")
        blocks: list[tuple[tuple[str, ...], str, float, Rgb, float]] = []

        def add(text: str, font: str, size: float, min_size: float, lines: int, color: Rgb, after: float,
                one_line: float | None = None) -> None:
            fs, fl = fit_text(text, font, max(min_size, size * scale), min_size, body_w, lines,
                              None if one_line is None else min(one_line, size * scale))
            blocks.append((tuple(fl), font, fs, color, after))

        add(rec.full_name, BOLD, 32, 13, 2, _NAVY, 30, one_line=20)
        for i, line in enumerate(self.completed):
            add(line, REGULAR, 12 if i == 0 else 10.5, 9.5, 1, _GREY, 4 if i + 1 < len(self.completed) else 14)
        quote = ("\u201c", "\u201d") if langs[0] == "en" else ("«", "»")  # each language's own quotes
        add(f"{quote[0]}{rec.training_title}{quote[1]}", BOLD, 18, 10, 2, _NAVY, 14, one_line=13)
        add(f"{words['phase']}: {phase}", REGULAR, 11, 9, 2, _BLACK, 6)
        add(f"{words['community']}: {community}", REGULAR, 11, 8.5, 2, _BLACK, 6)
        add(dates, REGULAR, 11, 9, 2, _BLACK, 0)
        return blocks

    def draw(self, rec: CertificateRecord) -> None:
        self.fill = None  # a new page starts black
        self._block("frame", self._frame)
        self._logos()
        self._block("head", self._head)
        top = self.h - self.shift - 202 - 15 * len(self.awarded) - 8  # the top of the name's letters
        bottom = BODY_BOTTOM
        # As large as fits: shrink the biggest sizes a step at a time while the body is too tall.
        scale = 1.0
        while True:
            blocks = self._body(rec, scale)
            height = sum(len(lines) * size * 1.2 + after for lines, _f, size, _c, after in blocks)
            if top - height >= bottom or scale <= 0.5:
                break
            scale -= 0.05
        gaps = sum(after for *_rest, after in blocks)
        over = bottom - (top - height)
        squeeze = max(0.3, 1 - over / gaps) if over > 0 and gaps else 1.0  # then the spaces between blocks
        y = top
        for n, (lines, font, size, color, after) in enumerate(blocks):
            after *= squeeze
            for line in lines:
                y -= size * 1.2
                self._centre(line, y + size * 0.25, font, size, color, reuse=n > 0)
            if n == 0:  # the rule under the name
                ry = y + size * 0.25 - 12
                self._block(("rule", ry), lambda ry=ry: self._rule(ry))
            y -= after

        # Signatures along the bottom, the QR code in the bottom-right corner.
        self._block("signatures", self._signatures)
        words = self.words
        qr_x, qr_y = self.qr_x, self.qr_y
        draw_qr(self.c, rec.qr_text, qr_x, qr_y, QR_SIZE)
        tx = qr_x - 8
        self._right(f"{words['serial']}: {rec.serial}", tx, qr_y + 30, BOLD, _BLACK, reuse=False)
        self._right(f"{words['verification']}: {rec.verification_code}", tx, qr_y + 19, REGULAR, _GREY,
                    reuse=False)
        self._right(f"{words['issued_on']}: {fmt_date(rec.issued_on)}", tx, qr_y + 8, REGULAR, _GREY)
        self.c.showPage()


def new_canvas(path: str, title: str, subject: str = "") -> Canvas:
    register_fonts()
    c = Canvas(path, pagesize=PAGE, pageCompression=1, initialFontName=REGULAR)
    c.setTitle(title)
    c.setSubject(subject)
    c.setKeywords(KEYWORDS)
    c.setAuthor(CREATOR)
    c.setCreator(CREATOR)
    return c


def _subject(look: CertificateLook) -> str:
    """The PDF's Subject: what it is, in the certificate's language(s)."""
    return f"{_words(look, 'certificate')} — {' / '.join(t(lang, 'programme') for lang in look.langs)}"


def render_certificates(out: Path | str, records: Sequence[CertificateRecord], look: CertificateLook, *,
                        progress: Progress | None = None, cancelled: IsCancelled | None = None) -> Path:
    """All *records* into one PDF, one page each."""
    out = Path(out)
    total = len(records)
    title = records[0].training_title if records else "STRIVE"
    with output_file(out) as tmp:
        c = new_canvas(tmp, f"{t(look.langs[0], 'certificate')} — {title}", subject=_subject(look))
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
            c = new_canvas(tmp, f"{t(look.langs[0], 'certificate')} — {rec.full_name}", subject=_subject(look))
            CertificatePainter(c, look).draw(rec)
            c.save()
        out.append(path)
        if progress is not None:
            progress(i + 1, len(records))
    return out


