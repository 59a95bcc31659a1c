"""Donor summary: key figures and breakdown tables with totals, A4 portrait."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.percent import share as percent_share
from ..services.reports import DonorSummary
from .common import (
    CREATOR,
    GREY,
    KEYWORDS,
    LIGHT,
    NAVY,
    RULE,
    esc,
    numbered_canvas,
    output_file,
    styles,
)
from .fonts import BOLD, REGULAR, register_fonts
from .text import fmt_date, fmt_int, fmt_num, label, t

MARGIN = 42.0


def _share(n: int, total: int, lang: str) -> str:
    return percent_share(n, total, lang)


def _table(header: list[str], rows: list[list[str]], total: list[str], widths: list[float],
           st: dict) -> Table:  # type: ignore[type-arg]
    right = st["head"].clone("head_right", alignment=2)
    head = [Paragraph(esc(h), st["head"] if i == 0 else right) for i, h in enumerate(header)]
    body = [[Paragraph(esc(r[0]), st["cell"])] + r[1:] for r in rows]
    foot = [Paragraph(f"<b>{esc(total[0])}</b>", st["cell"])] + total[1:]
    table = Table([head, *body, foot], colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 9),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
        ("BACKGROUND", (0, -1), (-1, -1), LIGHT),
        ("FONT", (0, -1), (-1, -1), BOLD, 9),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    table.setStyle(TableStyle(style))
    return table


def render_summary(out: Path | str, s: DonorSummary, *, lang: str = "en",
                   printed_on: dt.date | None = None) -> Path:
    register_fonts()
    st = styles()
    page_w, page_h = A4
    avail = page_w - 2 * MARGIN
    story: list = []
    where = s.community_name(lang) or t(lang, "all_communities")
    if s.date_from or s.date_to:
        period = f"{fmt_date(s.date_from) if s.date_from else '…'} – {fmt_date(s.date_to) if s.date_to else '…'}"
    else:
        period = t(lang, "all_time")
    story.append(Paragraph(esc(t(lang, "donor_summary")), st["h1"]))
    story.append(Paragraph(esc(f"{where} · {t(lang, 'period')}: {period}"), st["subtitle"].clone(
        "sub_left", alignment=0)))
    story.append(Spacer(1, 14))

    # key figures
    figures = [(fmt_int(s.participants), t(lang, "participants")),
               (_share(s.women, s.participants, lang), t(lang, "women")),
               (fmt_int(s.trainings), t(lang, "trainings")),
               (fmt_int(s.sessions), t(lang, "sessions")),
               (fmt_int(s.completed), t(lang, "completed_n")),
               (fmt_num(s.hours), t(lang, "hours_total"))]
    cells = [[Paragraph(f"<font size='17' color='#1a365d'><b>{esc(v)}</b></font>", st["base"]) for v, _ in figures],
             [Paragraph(f"<font size='7.5' color='#5a6473'>{esc(k)}</font>", st["base"]) for _, k in figures]]
    kt = Table(cells, colWidths=[avail / len(figures)] * len(figures))
    kt.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8), ("BOX", (0, 0), (-1, -1), 0.6, RULE), ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("TOPPADDING", (0, 0), (-1, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                            ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    story.append(kt)

    n = t(lang, "participants")
    share = t(lang, "share")
    total = t(lang, "total")
    two = [avail * 0.6, avail * 0.2, avail * 0.2]

    def breakdown(title_key: str, counts: dict[str, int], note: str = "") -> None:
        rows = [[label(lang, k), fmt_int(v), _share(v, s.participants, lang)] for k, v in counts.items()
                if v or k != "unknown"]
        tot = sum(counts.values())
        block = [Paragraph(esc(t(lang, title_key)), st["h2"]),
                 _table(["", n, share], rows, [total, fmt_int(tot), _share(tot, s.participants, lang)], two, st)]
        if note:
            block.append(Paragraph(esc(note), st["small"]))
        story.append(KeepTogether(block))

    breakdown("by_sex", s.by_sex)
    breakdown("by_age", s.by_age, t(lang, "age_note"))
    breakdown("by_sector", s.by_sector)

    cols = [avail * 0.30] + [avail * 0.14] * 5
    rows = [[label(lang, r.phase), fmt_int(r.trainings), fmt_int(r.sessions), fmt_int(r.participants),
             fmt_int(r.completed), fmt_num(r.hours)] for r in s.by_phase]
    foot = [total, fmt_int(sum(r.trainings for r in s.by_phase)), fmt_int(sum(r.sessions for r in s.by_phase)),
            fmt_int(s.participants), fmt_int(s.completed), fmt_num(s.hours)]
    story.append(KeepTogether([
        Paragraph(esc(t(lang, "by_phase")), st["h2"]),
        _table(["", t(lang, "trainings"), t(lang, "sessions"), n, t(lang, "completed_n"), t(lang, "hours_total")],
               rows, foot, cols, st)]))

    rows = [[r.name(lang), fmt_int(r.trainings), fmt_int(r.participants), fmt_int(r.women), fmt_int(r.men),
             fmt_num(r.hours)] for r in s.by_community]
    foot = [total, fmt_int(sum(r.trainings for r in s.by_community)), fmt_int(s.participants),
            fmt_int(s.by_sex.get("f", 0)), fmt_int(s.by_sex.get("m", 0)), fmt_num(s.hours)]
    story.append(KeepTogether([
        Paragraph(esc(t(lang, "by_community")), st["h2"]),
        _table(["", t(lang, "trainings"), n, t(lang, "women"), t(lang, "men"), t(lang, "hours_total")],
               rows, foot, cols, st)]))
    story.append(Spacer(1, 10))
    story.append(Paragraph(esc(t(lang, "summary_note")), st["small"]))
    story.append(Spacer(1, 4))
    story.append(Paragraph(esc(t(lang, "generated", date=fmt_date(printed_on or dt.date.today()))), st["small"]))

    def decorate(c, doc) -> None:  # type: ignore[no-untyped-def]
        c.saveState()
        c.setStrokeColor(NAVY)
        c.setLineWidth(2)
        c.line(MARGIN, page_h - 30, page_w - MARGIN, page_h - 30)
        c.setFont(REGULAR, 7.5)
        c.setFillColor(GREY)
        c.drawString(MARGIN, 22, "STRIVE Asia")
        c.restoreState()

    with output_file(out) as tmp:
        doc = SimpleDocTemplate(tmp, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=44,
                                bottomMargin=44, title=t(lang, "donor_summary"), author=CREATOR,
                                creator=CREATOR, subject=t(lang, "donor_summary"), keywords=KEYWORDS)
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate,
                  canvasmaker=numbered_canvas(lambda x, y: t(lang, "page_of", x=x, y=y)))
    return Path(out)


