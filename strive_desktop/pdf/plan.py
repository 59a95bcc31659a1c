"""A local prevention plan for the ayil kenesh: title page, sections, activities, budget, signatures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
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

from ..services.installation import CommunityInfo
from ..services.plans import PlanInfo
from .common import (
    CREATOR,
    GREY,
    LIGHT,
    NAVY,
    RULE,
    column_widths,
    esc,
    numbered_canvas,
    output_file,
    para_text,
    styles,
)
from .fonts import BOLD, REGULAR, register_fonts
from .text import fmt_date, fmt_int, fmt_period, label, t

MARGIN = 40.0


def render_plan(out: Path | str, plan: PlanInfo, community: CommunityInfo, *, lang: str = "en",
                revision_date: dt.date | None = None, printed_on: dt.date | None = None,
                changed_since_revision: bool = False) -> Path:
    """*plan* as it is now; *changed_since_revision* says it differs from its last saved revision."""
    register_fonts()
    st = styles()
    draft = plan.draft
    approved = plan.status == "approved"
    page_w, page_h = A4
    avail = page_w - 2 * MARGIN
    story: list = []

    # -- title page -------------------------------------------------------------------------
    story.append(Spacer(1, 120))
    story.append(Paragraph(esc(t(lang, "local_plan")).upper(), st["subtitle"]))
    story.append(Spacer(1, 14))
    story.append(Paragraph(esc(draft.title), st["title"]))
    story.append(Spacer(1, 10))
    place = community.name(lang)
    oblast = {"ky": community.oblast_ky, "ru": community.oblast_ru}.get(lang, community.oblast_en)
    story.append(Paragraph(esc(f"{place}, {oblast}" if oblast else place), st["subtitle"]))
    story.append(Spacer(1, 50))
    if plan.revision:
        rev = t(lang, "revision_changed" if changed_since_revision else "revision", n=plan.revision,
                date=fmt_date(revision_date))
    else:
        rev = t(lang, "no_revision")
    facts = [
        (t(lang, "period"), fmt_period(draft.period_start, draft.period_end)),
        (t(lang, "status"), label(lang, plan.status)),
        (t(lang, "revision_label"), rev),
    ]
    fact_rows = [[Paragraph(f"<b>{esc(k)}</b>", st["base"]), Paragraph(esc(v), st["base"])] for k, v in facts]
    ft = Table(fact_rows, colWidths=[110, 250], hAlign="CENTER")
    ft.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    story.append(ft)
    story.append(Spacer(1, 80))
    story.append(Paragraph(esc(t(lang, "printed_on", date=fmt_date(printed_on or dt.date.today()))),
                           st["subtitle"]))
    story.append(PageBreak())

    # -- sections ---------------------------------------------------------------------------
    for n, key in enumerate(("context", "vulnerable_groups", "objectives"), 1):
        story.append(Paragraph(f"{n}. {esc(t(lang, key))}", st["h2"]))
        text = getattr(draft, key).strip()
        if text:
            for block in text.split("\n\n"):
                story.append(Paragraph(para_text(block), st["base"]))
                story.append(Spacer(1, 4))
        else:
            story.append(Paragraph(esc(t(lang, "none_written")), st["small"]))

    # -- activities ---------------------------------------------------------------------------
    story.append(Paragraph(f"4. {esc(t(lang, 'activities'))}", st["h2"]))
    cell, head = st["cell"], st["head"]
    if not draft.activities:
        story.append(Paragraph(esc(t(lang, "no_activities")), st["small"]))
    else:
        acts = draft.activities
        sums = [sum(a.budget_project for a in acts), sum(a.budget_local for a in acts),
                sum(a.budget_other for a in acts), sum(a.budget_total for a in acts)]
        # Each column as wide as its longest header word ("Жергиликтүү" stays whole) and its
        # widest number; the activity column takes the rest.
        amounts = [[a.budget_project, a.budget_local, a.budget_other, a.budget_total] for a in acts]
        num_w = [max([stringWidth(fmt_int(r[i]), REGULAR, 8.5) for r in amounts]
                     + [stringWidth(fmt_int(sums[i]), BOLD, 8.5)]) + 6.5 for i in range(4)]
        no_w = max(14.0, stringWidth(str(len(acts)), REGULAR, 8.5) + 6.5)
        heads = [[t(lang, "no")], [t(lang, "activity")], [f"{t(lang, 'responsible')} / {t(lang, 'partners')}"],
                 [t(lang, "dates")], [t(lang, "project")], [t(lang, "local")], [t(lang, "other")],
                 [t(lang, "total")]]
        base = [no_w, 0, 84, 62, max(52, num_w[0]), max(52, num_w[1]), max(44, num_w[2]), max(56, num_w[3])]
        widths, head_size = column_widths(heads, base, avail, 1, flex_min=110)
        # "Budget, som" spans the four budget columns.
        head = ParagraphStyle("head_fit", parent=head, fontSize=head_size, leading=head_size + 2)
        rows: list[list] = [
            [Paragraph(esc(t(lang, "no")), head), Paragraph(esc(t(lang, "activity")), head),
             Paragraph(esc(f"{t(lang, 'responsible')} / {t(lang, 'partners')}"), head),
             Paragraph(esc(t(lang, "dates")), head), Paragraph(esc(t(lang, "budget_som")), head), "", "", ""],
            ["", "", "", "", Paragraph(esc(t(lang, "project")), head), Paragraph(esc(t(lang, "local")), head),
             Paragraph(esc(t(lang, "other")), head), Paragraph(esc(t(lang, "total")), head)],
        ]
        totals = [0, 0, 0]
        for i, a in enumerate(draft.activities, 1):
            what = esc(a.title)
            if a.indicator:
                what += f"<br/><font color='#5a6473' size='7.5'>{esc(t(lang, 'indicator'))}: {esc(a.indicator)}</font>"
            who = esc(a.responsible) + (f"<br/><font color='#5a6473' size='7.5'>{esc(a.partners)}</font>"
                                        if a.partners else "")
            rows.append([str(i), Paragraph(what, cell), Paragraph(who, cell),
                         Paragraph(esc(fmt_period(a.start, a.end)).replace(" – ", " –<br/>"), cell),
                         fmt_int(a.budget_project), fmt_int(a.budget_local), fmt_int(a.budget_other),
                         fmt_int(a.budget_total)])
            totals[0] += a.budget_project
            totals[1] += a.budget_local
            totals[2] += a.budget_other
        rows.append(["", Paragraph(f"<b>{esc(t(lang, 'total'))}</b>", cell), "", "",
                     fmt_int(totals[0]), fmt_int(totals[1]), fmt_int(totals[2]), fmt_int(sum(totals))])
        table = Table(rows, colWidths=widths, repeatRows=2)
        style = [
            ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
            ("BACKGROUND", (0, 0), (-1, 1), NAVY),
            ("SPAN", (4, 0), (7, 0)),
            ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)), ("SPAN", (3, 0), (3, 1)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
            ("ALIGN", (4, 2), (-1, -1), "RIGHT"),
            ("ALIGN", (0, 2), (0, -1), "RIGHT"),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("BACKGROUND", (0, -1), (-1, -1), LIGHT),
            ("FONT", (0, -1), (-1, -1), BOLD, 8.5),
            ("SPAN", (1, -1), (3, -1)),
        ]
        table.setStyle(TableStyle(style))
        story.append(table)

    # -- signatures ---------------------------------------------------------------------------
    story.append(Spacer(1, 28))
    blocks = [(t(lang, "prepared_by"), t(lang, "cpc")), (t(lang, "agreed_by"), t(lang, "chair_kenesh")),
              (t(lang, "approved_by"), t(lang, "head_ao"))]
    def spaced(cells: list) -> list:  # type: ignore[type-arg]
        return [cells[0], "", cells[1], "", cells[2]]

    sig_rows = [spaced([Paragraph(f"<b>{esc(a)}</b><br/><font size='8' color='#5a6473'>{esc(b)}</font>",
                                  st["base"]) for a, b in blocks]),
                spaced([Spacer(1, 30)] * 3),
                spaced([Paragraph(f"<font size='7.5' color='#5a6473'>{esc(t(lang, 'signature'))} / "
                                  f"{esc(t(lang, 'name_title'))}</font>", st["base"])] * 3),
                spaced([Paragraph(f"<font size='7.5' color='#5a6473'>{esc(t(lang, 'date'))}: ____________</font>",
                                  st["base"])] * 3)]
    gap = 18.0
    col = (avail - 2 * gap) / 3
    sig = Table(sig_rows, colWidths=[col, gap, col, gap, col])
    sig.setStyle(TableStyle([*[("LINEBELOW", (i, 1), (i, 1), 0.6, colors.black) for i in (0, 2, 4)],
                             ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    story.append(KeepTogether([sig]))

    mark = t(lang, "draft_mark")

    def decorate(c, doc) -> None:  # type: ignore[no-untyped-def]
        c.saveState()
        if not approved:
            c.setFillColor(colors.Color(0.80, 0.15, 0.15, alpha=0.12))
            c.setFont(BOLD, 110 if len(mark) <= 8 else 80)
            c.translate(page_w / 2, page_h / 2)
            c.rotate(40)
            c.drawCentredString(0, -35, mark)
            c.rotate(-40)
            c.translate(-page_w / 2, -page_h / 2)
        if doc.page > 1:
            c.setFont(REGULAR, 8)
            c.setFillColor(GREY)
            c.drawString(MARGIN, page_h - 26, draft.title[:110])
            c.drawRightString(page_w - MARGIN, page_h - 26, rev)
            c.setStrokeColor(RULE)
            c.line(MARGIN, page_h - 31, page_w - MARGIN, page_h - 31)
        c.restoreState()

    with output_file(out) as tmp:
        doc = SimpleDocTemplate(tmp, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=48,
                                bottomMargin=44, title=draft.title, author=CREATOR, creator=CREATOR)
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate,
                  canvasmaker=numbered_canvas(lambda x, y: t(lang, "page_of", x=x, y=y)))
    return Path(out)
