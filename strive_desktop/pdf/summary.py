"""Donor summary: key figures, charts, sex-disaggregated breakdowns with totals, certificates,
plans and budgets by source, the trainings left out, and the definitions, A4 portrait.

Numbers, percentages and dates go through :mod:`strive_desktop.formatting` (Babel), the same
functions the workbooks use. Logos: PNG or JPEG files in the data folder's ``logos/`` folder
are printed at the top right of the first page, in name order (the programme's and donors'
logos are not shipped with the app).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..formatting import fmt_date, fmt_int, fmt_number, fmt_period, fmt_share
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
from .text import label, t

MARGIN = 42.0
WOMEN_COLOUR = colors.HexColor("#c05a7a")
MEN_COLOUR = colors.HexColor("#2f5d8f")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")

# Words of this document only: key -> (English, Russian, Kyrgyz)
WORDS: dict[str, tuple[str, str, str]] = {
    "completed_one": ("Completed at least one training", "Завершили хотя бы один тренинг",
                      "Жок дегенде бир тренингди аяктагандар"),
    "certificates": ("Certificates issued", "Выдано сертификатов", "Берилген сертификаттар"),
    "women_short": ("Women", "Женщины", "Аялдар"),
    "men_short": ("Men", "Мужчины", "Эркектер"),
    "chart_age": ("Participants by age and sex", "Участники по возрасту и полу",
                  "Катышуучулар жашы жана жынысы боюнча"),
    "chart_phase": ("Participants by phase and sex", "Участники по этапам и полу",
                    "Катышуучулар этап жана жыныс боюнча"),
    "plans": ("Local plans by status, budgets by source (som)", "Местные планы по статусу, бюджет по источникам (сом)",
              "Жергиликтүү пландар абалы боюнча, бюджет булактары боюнча (сом)"),
    "plans_n": ("Plans", "Планы", "Пландар"),
    "activities": ("Activities", "Мероприятия", "Иш-чаралар"),
    "project_budget": ("Project", "Проект", "Долбоор"),
    "local_budget": ("Local budget", "Местный бюджет", "Жергиликтүү бюджет"),
    "other_budget": ("Other sources", "Другие источники", "Башка булактар"),
    "budget_total": ("Total", "Всего", "Бардыгы"),
    "cofunding": ("Co-funding (local budget and other sources): {share} of the planned budget.",
                  "Софинансирование (местный бюджет и другие источники): {share} планового бюджета.",
                  "Кошо каржылоо (жергиликтүү бюджет жана башка булактар): пландалган бюджеттин {share}."),
    "empty": ("Trainings left out: nobody was marked present", "Не учтённые тренинги: никто не отмечен присутствующим",
              "Эсепке алынбаган тренингдер: эч ким катышты деп белгиленген эмес"),
    "empty_row": ("{title}, {community}, from {date} ({n} sessions)", "{title}, {community}, с {date} (занятий: {n})",
                  "{title}, {community}, {date} баштап ({n} сабак)"),
    "definitions": ("Definitions", "Определения", "Аныктамалар"),
    "def_participant": ("Participant: a person marked present at one or more sessions dated in the period; counted "
                        "once in each total, and once in each phase, sector or community they were trained in.",
                        "Участник — человек, отмеченный присутствующим хотя бы на одном занятии за период; "
                        "учитывается один раз в каждом итоге и один раз в каждом этапе, секторе или сообществе.",
                        "Катышуучу — мезгил ичинде жок дегенде бир сабакка катышты деп белгиленген адам; ар бир "
                        "жыйынтыкта бир жолу, ар бир этапта, секторда же жамаатта бир жолудан эсептелет."),
    "def_age": ("Age: the age reached in the year of the first session the person attended in the period "
                "(only the birth year is recorded).",
                "Возраст — полных лет в году первого посещённого занятия за период (записан только год рождения).",
                "Жашы — мезгил ичинде катышкан биринчи сабактын жылындагы жашы (туулган жылы гана жазылат)."),
    "def_training": ("Training and session: counted when at least one participant was marked present; trainings "
                     "with nobody present are listed separately and not counted.",
                     "Тренинг и занятие учитываются, если отмечен хотя бы один участник; тренинги без "
                     "присутствующих перечислены отдельно и не учитываются.",
                     "Тренинг жана сабак жок дегенде бир катышуучу белгиленсе эсептелет; эч ким катышпаган "
                     "тренингдер өзүнчө көрсөтүлөт жана эсептелбейт."),
    "def_completed": ("Completed: attended at least the share of a training's hours set in the app (Settings) "
                      "for at least one training held in the period.",
                      "Завершили — посетили не меньше установленной в программе доли часов (Настройки) хотя бы "
                      "одного тренинга за период.",
                      "Аяктагандар — мезгил ичиндеги жок дегенде бир тренингдин программада белгиленген "
                      "сааттар үлүшүнө (Жөндөөлөр) катышкандар."),
    "def_certificates": ("Certificates: issued in the period and not revoked.",
                         "Сертификаты — выданные за период и не отозванные.",
                         "Сертификаттар — мезгил ичинде берилген жана жокко чыгарылбаган."),
    "def_plans": ("Plans: local plans whose period overlaps the report's; budgets are the sums of their "
                  "activities (cancelled ones left out), by source of funds.",
                  "Планы — местные планы, период которых пересекается с периодом сводки; бюджет — сумма "
                  "мероприятий (кроме отменённых) по источникам средств.",
                  "Пландар — мезгили жыйынтыктын мезгилине туура келген жергиликтүү пландар; бюджет — "
                  "иш-чаралардын (жокко чыгарылгандардан башка) каражат булактары боюнча суммасы."),
}


def w(lang: str, key: str, **args: object) -> str:
    text = WORDS[key][{"ru": 1, "ky": 2}.get(lang, 0)]
    return text.format(**args) if args else text


def find_logos(folder: Path | None) -> list[Path]:
    """The logo images in *folder* (the data folder's logos/), in name order."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in LOGO_SUFFIXES and p.is_file())


def _table(header: list[str], rows: list[list[str]], total: list[str] | None, widths: list[float],
           st: dict, head_size: float = 7.5) -> Table:  # type: ignore[type-arg]
    right = st["head"].clone("head_right", alignment=2, fontSize=head_size, leading=head_size + 1.5)
    head = [Paragraph(esc(h), st["head"] if i == 0 else right) for i, h in enumerate(header)]
    body = [[Paragraph(esc(r[0]), st["cell"])] + r[1:] for r in rows]
    data = [head, *body]
    if total is not None:
        data.append([Paragraph(f"<b>{esc(total[0])}</b>", st["cell"])] + total[1:])
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 9),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (1, 0), (-1, -1), 3),
        ("RIGHTPADDING", (1, 0), (-1, -1), 4),
    ]
    if total is not None:
        style += [("BACKGROUND", (0, -1), (-1, -1), LIGHT), ("FONT", (0, -1), (-1, -1), BOLD, 9)]
    table.setStyle(TableStyle(style))
    return table


def _bar_chart(title: str, categories: list[str], women: list[int], men: list[int], lang: str,
               width: float, height: float = 170) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = REGULAR  # renderPDF would start the drawing in Helvetica
    d.add(String(0, height - 12, title, fontName=BOLD, fontSize=9, fillColor=NAVY))
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 52
    chart.width, chart.height = width - 40, height - 88
    chart.data = [women or [0], men or [0]]
    chart.categoryAxis.categoryNames = categories or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.angle = 25
    chart.categoryAxis.labels.dy = -2
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: fmt_int(v, lang)
    top = max([*women, *men, 1])
    chart.valueAxis.valueMax = top * 1.15
    chart.valueAxis.valueStep = max(1, round(top / 4))
    chart.bars[0].fillColor = WOMEN_COLOUR
    chart.bars[1].fillColor = MEN_COLOUR
    chart.bars.strokeColor = None
    chart.barLabelFormat = lambda v: fmt_int(v, lang)
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 6
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = 4, height - 22
    legend.fontName, legend.fontSize = REGULAR, 7.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 7
    legend.deltax = 60
    legend.colorNamePairs = [(WOMEN_COLOUR, w(lang, "women_short")), (MEN_COLOUR, w(lang, "men_short"))]
    d.add(legend)
    return d


def render_summary(out: Path | str, s: DonorSummary, *, lang: str = "en",
                   printed_on: dt.date | None = None, logos: Sequence[Path | BinaryIO] = (),
                   community_names: dict[str, str] | None = None) -> Path:
    """*community_names* maps a community id to its name in *lang* (for the trainings left out)."""
    register_fonts()
    st = styles()
    page_w, page_h = A4
    avail = page_w - 2 * MARGIN
    story: list = []
    where = s.community_name(lang) or t(lang, "all_communities")
    period = fmt_period(s.date_from, s.date_to, lang) if (s.date_from or s.date_to) else t(lang, "all_time")
    story.append(Paragraph(esc(t(lang, "donor_summary")), st["h1"]))
    story.append(Paragraph(esc(f"{where} · {t(lang, 'period')}: {period}"), st["subtitle"].clone(
        "sub_left", alignment=0)))
    story.append(Spacer(1, 14))

    def n(x: float) -> str:
        return fmt_int(x, lang)

    def pct(x: float, total: float) -> str:
        return fmt_share(x, total, lang)

    # key figures
    figures = [(n(s.participants), t(lang, "participants")),
               (pct(s.women, s.participants), t(lang, "women")),
               (n(s.trainings), t(lang, "trainings")),
               (n(s.sessions), t(lang, "sessions")),
               (n(s.completed), w(lang, "completed_one")),
               (n(s.certificates), w(lang, "certificates")),
               (fmt_number(s.hours, lang), t(lang, "hours_total"))]
    figures.append(("", ""))
    cells = []
    for part in (figures[:4], figures[4:]):  # two rows of four: long Kyrgyz words stay whole
        cells.append([Paragraph(f"<font size='16' color='#1a365d'><b>{esc(v)}</b></font>", st["base"])
                      for v, _ in part])
        cells.append([Paragraph(f"<font size='8' color='#5a6473'>{esc(k)}</font>", st["base"]) for _, k in part])
    kt = Table(cells, colWidths=[avail / 4] * 4)
    kt.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8), ("BOX", (0, 0), (-1, -1), 0.6, RULE), ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("TOPPADDING", (0, 0), (-1, 0), 8), ("TOPPADDING", (0, 2), (-1, 2), 8),
                            ("BOTTOMPADDING", (0, 1), (-1, 1), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                            ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    story.append(kt)
    story.append(Spacer(1, 12))

    # charts
    bands = [b for b in s.by_age_sex if sum(s.by_age_sex[b].values()) or b != "unknown"]
    phases = [r for r in s.by_phase if r.participants or r.phase != "other"]
    half = avail / 2 - 6
    charts = Table([[
        _bar_chart(w(lang, "chart_age"), [label(lang, b) for b in bands],
                   [s.by_age_sex[b].get("f", 0) for b in bands], [s.by_age_sex[b].get("m", 0) for b in bands],
                   lang, half),
        _bar_chart(w(lang, "chart_phase"), [_short(label(lang, r.phase)) for r in phases],
                   [r.women for r in phases], [r.men for r in phases], lang, half),
    ]], colWidths=[half + 6, half + 6])
    charts.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(charts)

    people = t(lang, "participants")
    share = t(lang, "share")
    total = t(lang, "total")
    women, men = w(lang, "women_short"), w(lang, "men_short")
    four = [avail * 0.40, avail * 0.15, avail * 0.15, avail * 0.15, avail * 0.15]

    def breakdown(title_key: str, counts: dict[str, int], by_sex: dict[str, dict[str, int]] | None,
                  note: str = "") -> None:
        keys = [k for k, v in counts.items() if v or k != "unknown"]
        if by_sex is None:
            rows = [[label(lang, k), n(counts[k]), pct(counts[k], s.participants)] for k in keys]
            tot = sum(counts.values())
            table = _table(["", people, share], rows, [total, n(tot), pct(tot, s.participants)],
                           [avail * 0.6, avail * 0.2, avail * 0.2], st)
        else:
            rows = [[label(lang, k), n(by_sex.get(k, {}).get("f", 0)), n(by_sex.get(k, {}).get("m", 0)),
                     n(counts[k]), pct(counts[k], s.participants)] for k in keys]
            fw = sum(v.get("f", 0) for v in by_sex.values())
            mw = sum(v.get("m", 0) for v in by_sex.values())
            tot = sum(counts.values())
            table = _table(["", women, men, people, share], rows,
                           [total, n(fw), n(mw), n(tot), pct(tot, s.participants)], four, st)
        block = [Paragraph(esc(t(lang, title_key)), st["h2"]), table]
        if note:
            block.append(Paragraph(esc(note), st["small"]))
        story.append(KeepTogether(block))

    breakdown("by_sex", s.by_sex, None)
    breakdown("by_age", s.by_age, s.by_age_sex, w(lang, "def_age"))
    breakdown("by_sector", s.by_sector, s.by_sector_sex)

    cols = [avail * 0.22] + [avail * 0.11] * 6 + [avail * 0.12]
    rows = [[label(lang, r.phase), n(r.trainings), n(r.sessions), n(r.women), n(r.men), n(r.participants),
             n(r.completed), fmt_number(r.hours, lang)] for r in s.by_phase]
    foot = [total, n(sum(r.trainings for r in s.by_phase)), n(sum(r.sessions for r in s.by_phase)),
            n(s.by_sex.get("f", 0)), n(s.by_sex.get("m", 0)), n(s.participants), n(s.completed),
            fmt_number(s.hours, lang)]
    story.append(KeepTogether([
        Paragraph(esc(t(lang, "by_phase")), st["h2"]),
        _table(["", t(lang, "trainings"), t(lang, "sessions"), women, men, w(lang, "budget_total"),
                t(lang, "completed_n"), t(lang, "hours_total")], rows, foot, cols, st, head_size=6.5)]))

    cols = [avail * 0.25] + [avail * 0.15] * 5
    rows = [[r.name(lang), n(r.trainings), n(r.participants), n(r.women), n(r.men),
             fmt_number(r.hours, lang)] for r in s.by_community]
    foot = [total, n(sum(r.trainings for r in s.by_community)), n(s.participants),
            n(s.by_sex.get("f", 0)), n(s.by_sex.get("m", 0)), fmt_number(s.hours, lang)]
    story.append(KeepTogether([
        Paragraph(esc(t(lang, "by_community")), st["h2"]),
        _table(["", t(lang, "trainings"), people, women, men, t(lang, "hours_total")], rows, foot, cols, st)]))

    story.append(KeepTogether([
        Paragraph(esc(w(lang, "certificates")), st["h2"]),
        _table(["", women, men, w(lang, "budget_total")],
               [[w(lang, "certificates"), n(s.certificates_women), n(s.certificates - s.certificates_women),
                 n(s.certificates)]], None, [avail * 0.52, avail * 0.16, avail * 0.16, avail * 0.16], st)]))

    plan_rows = [r for r in s.plans if r.plans]
    if plan_rows:
        cols = [avail * 0.22, avail * 0.09, avail * 0.12] + [avail * 0.1425] * 4
        rows = [[label(lang, r.status), n(r.plans), n(r.activities), n(r.budget_project), n(r.budget_local),
                 n(r.budget_other), n(r.budget_total)] for r in plan_rows]
        sums = [sum(getattr(r, a) for r in plan_rows) for a in ("plans", "activities", "budget_project",
                                                                  "budget_local", "budget_other", "budget_total")]
        block = [Paragraph(esc(w(lang, "plans")), st["h2"]),
                 _table(["", w(lang, "plans_n"), w(lang, "activities"), w(lang, "project_budget"),
                         w(lang, "local_budget"), w(lang, "other_budget"), w(lang, "budget_total")],
                        rows, [total, *(n(x) for x in sums)], cols, st)]
        if sums[5]:
            block.append(Paragraph(esc(w(lang, "cofunding", share=pct(sums[3] + sums[4], sums[5]))), st["small"]))
        story.append(KeepTogether(block))

    if s.empty_trainings:
        names = community_names or {}
        block = [Paragraph(esc(w(lang, "empty")), st["h2"])]
        for e in s.empty_trainings:
            block.append(Paragraph("• " + esc(w(lang, "empty_row", title=e.title,
                                                community=names.get(e.community_id, ""),
                                                date=fmt_date(e.start, lang), n=e.sessions)), st["cell"]))
        story.append(KeepTogether(block))

    story.append(KeepTogether([Paragraph(esc(w(lang, "definitions")), st["h2"])] + [
        Paragraph("• " + esc(w(lang, k)), st["small"])
        for k in ("def_participant", "def_age", "def_training", "def_completed", "def_certificates",
                  "def_plans")]))
    story.append(Spacer(1, 6))
    story.append(Paragraph(esc(t(lang, "generated", date=fmt_date(printed_on or dt.date.today(), lang))),
                           st["small"]))

    images = []
    for path in logos:
        try:
            images.append(ImageReader(str(path) if isinstance(path, Path) else path))
        except Exception:  # noqa: BLE001 - a broken logo file is left out, never stops the report
            continue

    def decorate(c, doc) -> None:  # type: ignore[no-untyped-def]
        c.saveState()
        c.setStrokeColor(NAVY)
        c.setLineWidth(2)
        c.line(MARGIN, page_h - 30, page_w - MARGIN, page_h - 30)
        c.setFont(REGULAR, 7.5)
        c.setFillColor(GREY)
        c.drawString(MARGIN, 22, "STRIVE Asia")
        c.restoreState()

    def first_page(c, doc) -> None:  # type: ignore[no-untyped-def]
        decorate(c, doc)
        x = page_w - MARGIN
        for img in reversed(images[:4]):
            iw, ih = img.getSize()
            h = 34.0
            wd = min(110.0, h * iw / ih if ih else h)
            x -= wd
            c.drawImage(img, x, page_h - 36 - h, wd, h, preserveAspectRatio=True, mask="auto")
            x -= 8

    with output_file(out) as tmp:
        doc = SimpleDocTemplate(tmp, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                topMargin=44 + (40 if images else 0), bottomMargin=44,
                                title=t(lang, "donor_summary"), author=CREATOR, creator=CREATOR,
                                subject=t(lang, "donor_summary"), keywords=KEYWORDS)
        doc.build(story, onFirstPage=first_page, onLaterPages=decorate,
                  canvasmaker=numbered_canvas(lambda x, y: t(lang, "page_of", x=x, y=y)))
    return Path(out)


def _short(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
