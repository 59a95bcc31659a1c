"""Blank attendance (sign-in) sheet: A4, header on every page, a signature column per session."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

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
NAME_MIN = 150.0  # the name column never narrower: a full Kyrgyz name on one or two lines
NAME_WANT = 190.0  # ... and this wide when the signature boxes can spare it
SIG_MIN = 56.0  # a signature box a trainee can sign in
FIXED_W = 20 + 102 + 34  # No., sector, sex


def session_blocks(n_sessions: int, avail: float) -> list[tuple[int, int]]:
    """(first, end) session slices, each printed as its own table with the names repeated.

    As many sessions side by side as leave the name column :data:`NAME_MIN` wide with signature
    boxes of at least :data:`SIG_MIN`; more sessions are split evenly over several tables
    (14 on A4 landscape: 7 + 7) rather than squeezing the names."""
    fits = max(1, int((avail - FIXED_W - NAME_MIN) // SIG_MIN))
    if n_sessions <= fits:
        return [(0, n_sessions)]
    blocks = -(-n_sessions // fits)
    per = -(-n_sessions // blocks)
    return [(i, min(i + per, n_sessions)) for i in range(0, n_sessions, per)]


def render_attendance_sheet(out: Path | str, sheet: AttendanceSheet, community: CommunityInfo, *,
                            lang: str = "en", blank_rows: int = 8) -> Path:
    register_fonts()
    st = styles()
    info = sheet.training
    n_sessions = max(len(info.sessions), 1)
    pagesize = A4 if n_sessions <= 4 else landscape(A4)
    page_w, page_h = pagesize
    avail = page_w - 2 * MARGIN
    blocks = session_blocks(len(info.sessions), avail) if info.sessions else [(0, 0)]
    # Columns as wide as their longest header word, so no word breaks ("Жыны / с"); the name
    # column takes the rest.
    last_no = len(sheet.participants) + blank_rows
    no_w = max(14.0, stringWidth(str(last_no), REGULAR, 8.5) + 6.5)
    cell = st["cell"]
    small = st["small"]

    def block_table(first: int, end: int) -> Table:
        sessions = info.sessions[first:end]
        n = max(len(sessions), 1)
        sig_w = max(SIG_MIN, min(80.0, (avail - FIXED_W - NAME_WANT) / n))
        if sessions:
            sig_heads = [[t(lang, "signature"),
                          f"{fmt_date(x.date)}, {fmt_hours(x.hours)}\u00a0{t(lang, 'hours')}"] for x in sessions]
        else:
            sig_heads = [[t(lang, "signature")]]
        heads = [[t(lang, "no")], [t(lang, "full_name")], [t(lang, "sector")], [t(lang, "sex")], *sig_heads]
        widths, head_size = column_widths(heads, [no_w, 0, 102, 34] + [sig_w] * n, avail, 1)
        head = ParagraphStyle("head_fit", parent=st["head"], fontSize=head_size, leading=head_size + 2)
        rows: list[list] = []
        if len(blocks) > 1:  # which sessions this table has, on each of its pages
            caption = f"{t(lang, 'sessions')} {first + 1}–{end} {t(lang, 'of')} {len(info.sessions)}"
            rows.append([Paragraph(esc(caption), st["cell_bold"])] + [""] * (3 + n))
        top = len(rows)
        rows.append([Paragraph("<br/>".join(esc(x) for x in h), head) for h in heads])
        for i, p in enumerate(sheet.participants, 1):
            rows.append([str(i), Paragraph(esc(p.full_name), cell), Paragraph(esc(label(lang, p.sector)), small),
                         sex_short(lang, p.sex)] + [""] * n)
        first_blank = len(rows)
        rows.append([Paragraph(esc(t(lang, "walk_ins")), st["cell_bold"])] + [""] * (3 + n))
        for i in range(blank_rows):
            rows.append([str(len(sheet.participants) + i + 1)] + [""] * (3 + n))

        heights = [None] * (top + 1) + [26] * (len(rows) - top - 1)
        table = Table(rows, colWidths=widths, repeatRows=top + 1, rowHeights=heights)
        style = [
            ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
            ("BACKGROUND", (0, top), (-1, top), NAVY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, top + 1), (0, -1), "RIGHT"),
            ("ALIGN", (3, top + 1), (3, -1), "CENTER"),
            ("GRID", (0, top), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("SPAN", (0, first_blank), (-1, first_blank)),
            ("BACKGROUND", (0, first_blank), (-1, first_blank), LIGHT),
        ]
        if top:
            style += [("SPAN", (0, 0), (-1, 0)), ("LEFTPADDING", (0, 0), (-1, 0), 0),
                      ("BOTTOMPADDING", (0, 0), (-1, 0), 5)]
        for r in range(top + 2, first_blank, 2):
            style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f6f8fb")))
        table.setStyle(TableStyle(style))
        return table

    story: list = []
    for first, end in blocks:
        if story:
            story.append(PageBreak())  # each group of sessions starts on a sheet of its own
        story.append(block_table(first, end))

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
        doc.build(story, onFirstPage=draw_header, onLaterPages=draw_header,
                  canvasmaker=numbered_canvas(lambda x, y: t(lang, "page_of", x=x, y=y)))
    return Path(out)
