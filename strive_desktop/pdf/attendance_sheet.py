"""Blank attendance (sign-in) sheet: A4, header on every page, a signature column per session."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from ..services.installation import CommunityInfo
from ..services.trainings import AttendanceSheet
from .common import (
    CREATOR,
    GREY,
    LIGHT,
    NAVY,
    RULE,
    column_widths,
    esc,
    fit_size,
    numbered_canvas,
    output_file,
    styles,
)
from .fonts import BOLD, REGULAR, register_fonts
from .text import fmt_date, fmt_hours, fmt_period, label, sex_short, t

MARGIN = 30.0
HEADER_H = 96.0


def render_attendance_sheet(out: Path | str, sheet: AttendanceSheet, community: CommunityInfo, *,
                            lang: str = "en", blank_rows: int = 8) -> Path:
    register_fonts()
    st = styles()
    info = sheet.training
    n_sessions = max(len(info.sessions), 1)
    pagesize = A4 if n_sessions <= 4 else landscape(A4)
    page_w, page_h = pagesize
    avail = page_w - 2 * MARGIN
    sig_w = max(52.0, min(80.0, (avail - 20 - 150 - 102 - 34) / n_sessions))
    # Columns as wide as their longest header word, so no word breaks ("Жыны / с"); the name
    # column takes the rest.
    last_no = len(sheet.participants) + blank_rows
    no_w = max(14.0, stringWidth(str(last_no), REGULAR, 8.5) + 6.5)
    if info.sessions:
        sig_heads = [[t(lang, "signature"), f"{fmt_date(x.date)}, {fmt_hours(x.hours)}\u00a0{t(lang, 'hours')}"]
                     for x in info.sessions]
    else:
        sig_heads = [[t(lang, "signature")]]
    heads = [[t(lang, "no")], [t(lang, "full_name")], [t(lang, "sector")], [t(lang, "sex")], *sig_heads]
    widths, head_size = column_widths(heads, [no_w, 0, 102, 34] + [sig_w] * n_sessions, avail, 1)

    head = ParagraphStyle("head_fit", parent=st["head"], fontSize=head_size, leading=head_size + 2)
    cell = st["cell"]
    small = st["small"]
    header = [Paragraph("<br/>".join(esc(x) for x in h), head) for h in heads]
    rows: list[list] = [header]
    for i, p in enumerate(sheet.participants, 1):
        rows.append([str(i), Paragraph(esc(p.full_name), cell), Paragraph(esc(label(lang, p.sector)), small),
                     sex_short(lang, p.sex)] + [""] * n_sessions)
    first_blank = len(rows)
    rows.append([Paragraph(esc(t(lang, "walk_ins")), st["cell_bold"])] + [""] * (3 + n_sessions))
    for i in range(blank_rows):
        rows.append([str(len(sheet.participants) + i + 1)] + [""] * (3 + n_sessions))

    table = Table(rows, colWidths=widths, repeatRows=1, rowHeights=[None] + [26] * (len(rows) - 1))
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("ALIGN", (3, 1), (3, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("SPAN", (0, first_blank), (-1, first_blank)),
        ("BACKGROUND", (0, first_blank), (-1, first_blank), LIGHT),
    ]
    for r in range(2, first_blank, 2):
        style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f6f8fb")))
    table.setStyle(TableStyle(style))

    title = t(lang, "attendance_sheet")
    community_name = community.name(lang)
    facts = [
        (t(lang, "community"), community_name),
        (t(lang, "venue"), info.venue or "—"),
        (t(lang, "dates"), fmt_period(info.start, info.end)),
        (t(lang, "trainer"), info.trainers or "—"),
    ]

    def draw_header(c, doc) -> None:  # type: ignore[no-untyped-def]
        c.saveState()
        top = page_h - MARGIN
        c.setFillColor(GREY)
        c.setFont(REGULAR, 8.5)
        c.drawString(MARGIN, top - 8, title.upper())
        c.setFillColor(NAVY)
        size = fit_size(info.title, BOLD, 14, 8, avail)
        c.setFont(BOLD, size)
        c.drawString(MARGIN, top - 26, info.title)
        c.setFillColor(colors.black)
        c.setFont(REGULAR, 9)
        phase = f"{t(lang, 'phase')}: {label(lang, info.phase)}"
        c.drawString(MARGIN, top - 41, phase)
        col_w = avail / 2
        for i, (k, v) in enumerate(facts):
            x = MARGIN + (i % 2) * col_w
            y = top - 58 - (i // 2) * 14
            c.setFont(BOLD, 9)
            c.setFillColor(GREY)
            key = f"{k}: "
            c.drawString(x, y, key)
            kw = c.stringWidth(key, BOLD, 9)
            c.setFillColor(colors.black)
            c.setFont(REGULAR, fit_size(v, REGULAR, 9, 6, col_w - kw - 8))
            c.drawString(x + kw, y, v)
        c.setStrokeColor(NAVY)
        c.setLineWidth(1)
        c.line(MARGIN, top - HEADER_H + 8, page_w - MARGIN, top - HEADER_H + 8)
        c.restoreState()

    with output_file(out) as tmp:
        doc = SimpleDocTemplate(tmp, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                                topMargin=MARGIN + HEADER_H, bottomMargin=MARGIN + 12,
                                title=f"{title} — {info.title}", author=CREATOR, creator=CREATOR)
        doc.build([table], onFirstPage=draw_header, onLaterPages=draw_header,
                  canvasmaker=numbered_canvas(lambda x, y: t(lang, "page_of", x=x, y=y)))
    return Path(out)
