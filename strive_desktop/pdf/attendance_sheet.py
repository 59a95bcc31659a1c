"""Blank attendance (sign-in) sheet: A4, header on every page, a signature column per session."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..formatting import fmt_day, fmt_number, fmt_period
from ..services.installation import CommunityInfo
from ..services.trainings import AttendanceSheet
from .common import (
    CREATOR,
    GREY,
    KEYWORDS,
    LIGHT,
    NAVY,
    RULE,
    column_widths,
    esc,
    fit_text,
    numbered_canvas,
    output_file,
    styles,
)
from .fonts import BOLD, REGULAR, register_fonts
from .text import label, sex_short, t

MARGIN = 30.0
NAME_MIN = 150.0  # the name column never narrower: a full Kyrgyz name on one or two lines
NAME_WANT = 190.0  # ... and this wide when the signature boxes can spare it
NAME_ONE_LINE = 175.0  # headings shrink (to 6 pt) before the name column gets narrower than this
SIG_MIN = 52.0  # a signature box a trainee can sign in (18 mm)
FIXED_W = 20 + 70 + 30 + 40 + 46  # No., sector, sex, year of birth, consent
ROW_PAD = 8.0  # above and below a name: a one-line row is 26.5 pt high, room to sign
PORTRAIT_SESSIONS = 3  # more sessions than this print on landscape A4


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


HeaderLine = tuple[float, float, str, float, object, str]  # x, y below the top, font, size, colour, text


def header_lines(lang: str, sheet: AttendanceSheet, community: CommunityInfo, avail: float
                 ) -> tuple[list[HeaderLine], float]:
    """What the header of every page says, wrapped to the page's width: (lines, height)."""
    info = sheet.training
    out: list[HeaderLine] = []
    y = 8.0
    out.append((0.0, y, REGULAR, 8.5, GREY, t(lang, "Attendance sheet").upper()))
    size, lines = fit_text(info.title_in(lang), BOLD, 14, 9, avail, 2)  # the title in the sheet's language
    y += 4
    for line in lines:
        y += size * 1.2
        out.append((0.0, y, BOLD, size, NAVY, line))
    y += 13
    out.append((0.0, y, REGULAR, 9, colors.black, f"{t(lang, 'Phase')}: {label(lang, info.phase)}"))
    facts = [
        (t(lang, "Community"), community.name(lang)),
        (t(lang, "Dates"), fmt_period(info.start, info.end, lang)),
        (t(lang, "Venue"), info.venue or "—"),
        (t(lang, "Trainer(s)"), info.trainers or "—"),
    ]
    col_w = avail / 2

    def fact(x: float, y: float, key: str, value: str, width: float) -> float:
        """Draw "key: value" wrapped in *width* from (x, y); return the y of its last line."""
        key = f"{key}: "
        kw = stringWidth(key, BOLD, 9)
        out.append((x, y, BOLD, 9, GREY, key))
        vsize, vlines = fit_text(value, REGULAR, 9, 7.5, width - kw, 2)
        for i, line in enumerate(vlines):
            if i:
                y += vsize + 2
            out.append((x + kw, y, REGULAR, vsize, colors.black, line))
        return y

    for a, b in (facts[0:2], facts[2:4]):
        y += 14
        one_line = all(stringWidth(f"{k}: {v}", REGULAR, 9) <= col_w - 8 for k, v in (a, b))
        if one_line:  # side by side
            fact(0.0, y, *a, col_w - 8)
            fact(col_w, y, *b, col_w - 8)
        else:
            y = fact(0.0, y, *a, avail)
            y += 14
            y = fact(0.0, y, *b, avail)
    return out, y + 12


def render_attendance_sheet(out: Path | str, sheet: AttendanceSheet, community: CommunityInfo, *,
                            lang: str = "en", blank_rows: int = 8) -> Path:
    register_fonts()
    st = styles()
    info = sheet.training
    n_sessions = max(len(info.sessions), 1)
    pagesize = A4 if n_sessions <= PORTRAIT_SESSIONS else landscape(A4)
    page_w, page_h = pagesize
    avail = page_w - 2 * MARGIN
    blocks = session_blocks(len(info.sessions), avail) if info.sessions else [(0, 0)]
    # Columns as wide as their longest header word, so no word breaks ("Жыны / с"); the name
    # column takes the rest.
    last_no = len(sheet.participants) + blank_rows
    no_w = max(14.0, stringWidth(str(last_no), REGULAR, 8.5) + 6.5)
    cell = st["cell"]
    small = st["small"]
    fixed = 5  # No., name, sector, sex, year of birth, consent: the session columns start at 6

    def block_table(first: int, end: int) -> Table:
        sessions = info.sessions[first:end]
        n = max(len(sessions), 1)
        if sessions:
            sig_heads = [[t(lang, "Signature"),
                          f"{fmt_day(x.date, lang)}, {fmt_number(x.hours, lang)}\u00a0{t(lang, 'h')}"] for x in sessions]
        else:
            sig_heads = [[t(lang, "Signature")]]
        heads = [[t(lang, "No.")], [t(lang, "Full name")], [t(lang, "Sector")], [t(lang, "Sex")],
                 [t(lang, "Year of birth")], [t(lang, "Consent given")], *sig_heads]
        base = [no_w, 0, 70, 30, 40, 46]
        widths, head_size = column_widths(heads, base + [SIG_MIN] * n, avail, 1)
        # The signature boxes share what the fixed columns (as wide as their headings) and a
        # comfortable name column leave.
        fixed_w = sum(widths[:fixed + 1]) - widths[1]
        sig_w = max(SIG_MIN, min(80.0, (avail - fixed_w - NAME_WANT) / n))
        widths, head_size = column_widths(heads, base + [sig_w] * n, avail, 1, flex_min=NAME_ONE_LINE)
        head = ParagraphStyle("head_fit", parent=st["head"], fontSize=head_size, leading=head_size + 2)
        rows: list[list] = []
        if len(blocks) > 1:  # which sessions this table has, on each of its pages
            caption = f"{t(lang, 'Sessions')} {first + 1}–{end} {t(lang, 'of')} {len(info.sessions)}"
            rows.append([Paragraph(esc(caption), st["cell_bold"])] + [""] * (fixed + n))
        top = len(rows)
        rows.append([Paragraph("<br/>".join(esc(x) for x in h), head) for h in heads])
        for i, p in enumerate(sheet.participants, 1):
            rows.append([str(i), Paragraph(esc(p.full_name), cell), Paragraph(esc(label(lang, p.sector)), small),
                         sex_short(lang, p.sex), str(p.birth_year or ""), ""] + [""] * n)
        first_blank = len(rows)
        rows.append([Paragraph(esc(t(lang, "Participants not on the list")), st["cell_bold"])] + [""] * (fixed + n))
        for i in range(blank_rows):
            rows.append([str(len(sheet.participants) + i + 1)] + [""] * (fixed + n))

        table = Table(rows, colWidths=widths, repeatRows=top + 1)
        style = [
            ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
            ("BACKGROUND", (0, top), (-1, top), NAVY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, top + 1), (0, -1), "RIGHT"),
            ("ALIGN", (3, top + 1), (4, -1), "CENTER"),
            ("GRID", (0, top), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            # Rows as tall as their name needs, and never less than a signature needs.
            ("TOPPADDING", (0, top + 1), (-1, -1), ROW_PAD),
            ("BOTTOMPADDING", (0, top + 1), (-1, -1), ROW_PAD),
            ("SPAN", (0, first_blank), (-1, first_blank)),
            ("BACKGROUND", (0, first_blank), (-1, first_blank), LIGHT),
            ("TOPPADDING", (0, first_blank), (-1, first_blank), 4),
            ("BOTTOMPADDING", (0, first_blank), (-1, first_blank), 4),
            # The consent of people on the list is on file: only walk-ins tick it here.
            ("BACKGROUND", (5, top + 1), (5, first_blank - 1), LIGHT),
            # Never a lone last name on a page of its own, never the walk-in heading alone.
            ("NOSPLIT", (0, max(top + 1, first_blank - 2)), (-1, first_blank - 1)),
            ("NOSPLIT", (0, first_blank), (-1, min(first_blank + 2, len(rows) - 1))),
        ]
        if top:
            style += [("SPAN", (0, 0), (-1, 0)), ("LEFTPADDING", (0, 0), (-1, 0), 0),
                      ("BOTTOMPADDING", (0, 0), (-1, 0), 5)]
        for r in range(top + 2, first_blank, 2):
            style.append(("BACKGROUND", (0, r), (4, r), colors.HexColor("#f6f8fb")))
            style.append(("BACKGROUND", (6, r), (-1, r), colors.HexColor("#f6f8fb")))
        table.setStyle(TableStyle(style))
        return table

    story: list = []
    for first, end in blocks:
        if story:
            story.append(PageBreak())  # each group of sessions starts on a sheet of its own
        story.append(block_table(first, end))
    story.append(Spacer(1, 18))
    story.append(KeepTogether([signoff(lang, avail, st)]))

    title = t(lang, "Attendance sheet")
    lines, header_h = header_lines(lang, sheet, community, avail)

    def draw_header(c, doc) -> None:  # type: ignore[no-untyped-def]
        c.saveState()
        top = page_h - MARGIN
        for x, y, font, size, color, text in lines:
            c.setFont(font, size)
            c.setFillColor(color)
            c.drawString(MARGIN + x, top - y, text)
        c.setStrokeColor(NAVY)
        c.setLineWidth(1)
        c.line(MARGIN, top - header_h + 4, page_w - MARGIN, top - header_h + 4)
        c.restoreState()

    with output_file(out) as tmp:
        doc = SimpleDocTemplate(tmp, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                                topMargin=MARGIN + header_h + 4, bottomMargin=MARGIN + 12,
                                title=f"{title} — {info.title_in(lang)}", author=CREATOR, creator=CREATOR,
                                subject=title, keywords=KEYWORDS)
        doc.build(story, onFirstPage=draw_header, onLaterPages=draw_header,
                  canvasmaker=numbered_canvas(lambda x, y: t(lang, "Page {x} of {y}", x=x, y=y)))
    return Path(out)


def signoff(lang: str, avail: float, st: dict[str, ParagraphStyle]) -> Table:
    """The trainer's sign-off under the list: name, signature, date."""
    grey = ParagraphStyle("signoff", parent=st["small"], fontSize=7.5, leading=9.5)
    cells = [Paragraph(esc(t(lang, "Name, position")), grey), "", Paragraph(esc(t(lang, "Signature")), grey), "",
             Paragraph(esc(t(lang, "Date")), grey)]
    gap = 16.0
    widths = [avail * 0.45 - gap, gap, avail * 0.33 - gap, gap, avail * 0.22]
    table = Table([[Paragraph(esc(t(lang, "The trainer confirms this list")), st["cell_bold"]), "", "", "", ""],
                   ["", "", "", "", ""], cells], colWidths=widths, rowHeights=[None, 26, None])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8), ("SPAN", (0, 0), (-1, 0)),
                               *[("LINEBELOW", (i, 1), (i, 1), 0.6, colors.black) for i in (0, 2, 4)],
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table
