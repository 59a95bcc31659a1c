"""A local prevention plan for the ayil kenesh: title page, sections, activities, budget, signatures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..formatting import fmt_date, fmt_int, fmt_period
from ..services.installation import CommunityInfo
from ..services.plans import PlanInfo
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
    para_text,
    styles,
)
from .fonts import BOLD, REGULAR, register_fonts
from .text import W_, label, t

MARGIN = 40.0
TOP = 54.0  # the running header (up to two lines) and its rule are above this


def render_plan(out: Path | str, plan: PlanInfo, community: CommunityInfo, *, lang: str = "en",
                revision_date: dt.date | None = None, printed_on: dt.date | None = None,
                changed_since_revision: bool = False, approved_on: dt.date | None = None) -> Path:
    """*plan* as it is now; *changed_since_revision* says it differs from its last saved revision.

    The title page and the sections are portrait A4; the activities table is on landscape pages,
    wide enough for an activity's title, who is responsible, the dates, the status and the budget."""
    register_fonts()
    st = styles()
    draft = plan.draft
    approved = plan.status == "approved"
    avail = A4[0] - 2 * MARGIN
    story: list = []

    # -- title page -------------------------------------------------------------------------
    story.append(Spacer(1, 120))
    story.append(Paragraph(esc(t(lang, "Local prevention plan")).upper(), st["subtitle"]))
    story.append(Spacer(1, 14))
    story.append(Paragraph(esc(draft.title), st["title"]))
    story.append(Spacer(1, 10))
    place = community.name(lang)
    oblast = {"ky": community.oblast_ky, "ru": community.oblast_ru}.get(lang, community.oblast_en)
    story.append(Paragraph(esc(f"{place}, {oblast}" if oblast else place), st["subtitle"]))
    story.append(Spacer(1, 50))
    if plan.revision:
        if changed_since_revision:
            rev = t(lang, "Revision {n} of {date}, with changes made since", n=plan.revision,
                    date=fmt_date(revision_date, lang))
        else:
            rev = t(lang, "Revision {n} of {date}", n=plan.revision, date=fmt_date(revision_date, lang))
    else:
        rev = t(lang, "Working copy, not yet saved as a revision")
    facts = [
        (t(lang, "Period"), fmt_period(draft.period_start, draft.period_end, lang)),
        (t(lang, "Status"), label(lang, plan.status)),
        *([(t(lang, "Approved on"), fmt_date(approved_on, lang))] if approved and approved_on else []),
        (t(lang, "Revision"), rev),
    ]
    fact_rows = [[Paragraph(f"<b>{esc(k)}</b>", st["base"]), Paragraph(esc(v), st["base"])] for k, v in facts]
    key_w = max(110.0, max(stringWidth(k, BOLD, 10) for k, _v in facts) + 14)
    ft = Table(fact_rows, colWidths=[key_w, 360 - key_w], hAlign="CENTER")
    ft.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10), ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    story.append(ft)
    story.append(Spacer(1, 80))
    story.append(Paragraph(esc(t(lang, "Printed on {date}", date=fmt_date(printed_on or dt.date.today(), lang))),
                           st["subtitle"]))
    story.append(PageBreak())

    # -- sections ---------------------------------------------------------------------------
    sections = (("context", W_("Context")), ("vulnerable_groups", W_("Vulnerable groups")),
                ("objectives", W_("Objectives")))
    for n, (key, heading) in enumerate(sections, 1):
        story.append(Paragraph(f"{n}. {esc(t(lang, heading))}", st["h2"]))
        text = getattr(draft, key).strip()
        if text:
            for block in text.split("\n\n"):
                story.append(Paragraph(para_text(block), st["base"]))
                story.append(Spacer(1, 4))
        else:
            story.append(Paragraph(esc(t(lang, "(not written yet)")), st["small"]))

    # -- activities ---------------------------------------------------------------------------
    story.append(NextPageTemplate("landscape"))
    story.append(PageBreak())
    avail = landscape(A4)[0] - 2 * MARGIN
    story.append(Paragraph(f"4. {esc(t(lang, 'Activities'))}", st["h2"]))
    cell, head = st["cell"], st["head"]
    if not draft.activities:
        story.append(Paragraph(esc(t(lang, "No activities yet.")), st["small"]))
    else:
        acts = draft.activities
        sums = [sum(a.budget_project for a in acts), sum(a.budget_local for a in acts),
                sum(a.budget_other for a in acts), sum(a.budget_total for a in acts)]
        # Each column as wide as its longest header word ("Жергиликтүү" stays whole) and its
        # widest number; the activity column takes the rest.
        amounts = [[a.budget_project, a.budget_local, a.budget_other, a.budget_total] for a in acts]
        num_w = [max([stringWidth(fmt_int(r[i], lang), REGULAR, 8.5) for r in amounts]
                     + [stringWidth(fmt_int(sums[i], lang), BOLD, 8.5)]) + 6.5 for i in range(4)]
        no_w = max(14.0, stringWidth(str(len(acts)), REGULAR, 8.5) + 6.5)
        heads = [[t(lang, "No.")], [t(lang, "Activity")], [f"{t(lang, 'Responsible')} / {t(lang, 'Partners')}"],
                 [t(lang, "Dates")], [t(lang, "Status")], [t(lang, "Project")], [t(lang, "Local")],
                 [t(lang, "Other")], [t(lang, "Total")]]
        status_w = max(stringWidth(label(lang, a.status), REGULAR, 8.5) for a in acts) + 6.5
        base = [no_w, 0, 150, 62, max(50, status_w), max(52, num_w[0]), max(52, num_w[1]), max(44, num_w[2]),
                max(56, num_w[3])]
        widths, head_size = column_widths(heads, base, avail, 1, flex_min=200)
        # "Budget, som" spans the four budget columns.
        head = ParagraphStyle("head_fit", parent=head, fontSize=head_size, leading=head_size + 2)
        rows: list[list] = [
            [Paragraph(esc(t(lang, "No.")), head), Paragraph(esc(t(lang, "Activity")), head),
             Paragraph(esc(f"{t(lang, 'Responsible')} / {t(lang, 'Partners')}"), head),
             Paragraph(esc(t(lang, "Dates")), head), Paragraph(esc(t(lang, "Status")), head),
             Paragraph(esc(t(lang, "Budget, som")), head), "", "", ""],
            ["", "", "", "", "", Paragraph(esc(t(lang, "Project")), head), Paragraph(esc(t(lang, "Local")), head),
             Paragraph(esc(t(lang, "Other")), head), Paragraph(esc(t(lang, "Total")), head)],
        ]
        totals = [0, 0, 0]
        for i, a in enumerate(draft.activities, 1):
            what = esc(a.title)
            if a.indicator:
                what += f"<br/><font color='#5a6473' size='7.5'>{esc(t(lang, 'Indicator'))}: {esc(a.indicator)}</font>"
            who = esc(a.responsible) + (f"<br/><font color='#5a6473' size='7.5'>{esc(a.partners)}</font>"
                                        if a.partners else "")
            rows.append([str(i), Paragraph(what, cell), Paragraph(who, cell),
                         Paragraph(esc(fmt_period(a.start, a.end, lang)).replace(" – ", " –<br/>"), cell),
                         Paragraph(esc(label(lang, a.status)), cell), fmt_int(a.budget_project, lang), fmt_int(a.budget_local, lang),
                         fmt_int(a.budget_other, lang),
                         fmt_int(a.budget_total, lang)])
            totals[0] += a.budget_project
            totals[1] += a.budget_local
            totals[2] += a.budget_other
        rows.append(["", Paragraph(f"<b>{esc(t(lang, 'Total'))}</b>", cell), "", "", "",
                     fmt_int(totals[0], lang), fmt_int(totals[1], lang), fmt_int(totals[2], lang),
                     fmt_int(sum(totals), lang)])
        table = Table(rows, colWidths=widths, repeatRows=2)
        style = [
            ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
            ("BACKGROUND", (0, 0), (-1, 1), NAVY),
            ("SPAN", (5, 0), (8, 0)),
            *[("SPAN", (i, 0), (i, 1)) for i in range(5)],
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
            ("ALIGN", (5, 2), (-1, -1), "RIGHT"),
            ("ALIGN", (0, 2), (0, -1), "RIGHT"),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("BACKGROUND", (0, -1), (-1, -1), LIGHT),
            ("FONT", (0, -1), (-1, -1), BOLD, 8.5),
            ("SPAN", (1, -1), (4, -1)),
        ]
        table.setStyle(TableStyle(style))
        story.append(table)

    # -- signatures ---------------------------------------------------------------------------
    story.append(Spacer(1, 28))
    blocks = [(t(lang, "Prepared by"), t(lang, "Community prevention centre")), (t(lang, "Agreed by"), t(lang, "Chair of the aiyl kenesh")),
              (t(lang, "Approved by"), t(lang, "Head of the aiyl okmotu"))]
    def spaced(cells: list) -> list:  # type: ignore[type-arg]
        return [cells[0], "", cells[1], "", cells[2]]

    sig_rows = [spaced([Paragraph(f"<b>{esc(a)}</b><br/><font size='8' color='#5a6473'>{esc(b)}</font>",
                                  st["base"]) for a, b in blocks]),
                spaced([Spacer(1, 30)] * 3),
                spaced([Paragraph(f"<font size='7.5' color='#5a6473'>{esc(t(lang, 'Signature'))} / "
                                  f"{esc(t(lang, 'Name, position'))}</font>", st["base"])] * 3),
                spaced([Paragraph(f"<font size='7.5' color='#5a6473'>{esc(t(lang, 'Date'))}: ____________</font>",
                                  st["base"])] * 3)]
    gap = 18.0
    col = (avail - 2 * gap) / 3
    sig = Table(sig_rows, colWidths=[col, gap, col, gap, col])
    sig.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8), *[("LINEBELOW", (i, 1), (i, 1), 0.6, colors.black) for i in (0, 2, 4)],
                             ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    story.append(KeepTogether([sig]))

    mark = t(lang, "DRAFT")

    def running_header(width: float) -> tuple[float, list[str], float, list[str]]:
        """The title (left) and the revision (right) of a later page's header, each at most two
        lines in its share of *width*; a title too long even so ends in "…" (it is whole on the
        title page)."""
        rsize, rlines = fit_text(rev, REGULAR, 8, 6.5, width * 0.34, 2)
        rw = max(stringWidth(x, REGULAR, rsize) for x in rlines)
        tw = width - rw - 16
        tsize, tlines = fit_text(draft.title, REGULAR, 8, 6.5, tw, 2)
        if len(tlines) > 2:
            last = tlines[1]
            while last and stringWidth(last + "…", REGULAR, tsize) > tw:
                last = last[:-1]
            tlines = [tlines[0], last.rstrip() + "…"]
        return tsize, tlines, rsize, rlines[:2]

    headers = {w: running_header(w - 2 * MARGIN) for w in (A4[0], landscape(A4)[0])}

    def decorate(c, doc) -> None:  # type: ignore[no-untyped-def]
        page_w, page_h = c._pagesize
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
            tsize, tlines, rsize, rlines = headers[page_w]
            c.setFillColor(GREY)
            c.setFont(REGULAR, tsize)
            top = page_h - (26 if len(tlines) > 1 or len(rlines) > 1 else 32)
            for i, line in enumerate(tlines):
                c.drawString(MARGIN, top - i * (tsize + 1.5), line)
            c.setFont(REGULAR, rsize)
            for i, line in enumerate(rlines):
                c.drawRightString(page_w - MARGIN, top - i * (rsize + 1.5), line)
            c.setStrokeColor(RULE)
            c.line(MARGIN, page_h - 40, page_w - MARGIN, page_h - 40)
        c.restoreState()

    def template(name: str, size: tuple[float, float]) -> PageTemplate:
        frame = Frame(MARGIN, 44, size[0] - 2 * MARGIN, size[1] - TOP - 44, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id=name)
        return PageTemplate(id=name, frames=[frame], onPage=decorate, pagesize=size)

    with output_file(out) as tmp:
        doc = BaseDocTemplate(tmp, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP,
                              bottomMargin=44, title=draft.title, author=CREATOR, creator=CREATOR,
                              subject=t(lang, "Local prevention plan"), keywords=KEYWORDS,
                              pageTemplates=[template("portrait", A4), template("landscape", landscape(A4))])
        doc.build(story, canvasmaker=numbered_canvas(lambda x, y: t(lang, "Page {x} of {y}", x=x, y=y)))
    return Path(out)
