"""The donor indicator workbook (headquarters): one sheet per breakdown, women and men in each
(age band, sector, phase, community, year), a sheet of definitions, and the list of the people
counted, so that every number can be checked by filtering the "Participants" sheet on the
column the breakdown names.

Figures come from :func:`services.reports.donor_summary`, the same as the donor summary PDF.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from ...domain.enums import Phase, Sex
from ...formatting import fmt_period
from ...i18n import CONTEXT, N_
from ...storage.db import Store
from ...storage.models import Community
from ..reports import AGE_BANDS, DonorSummary, donor_summary
from .exports import Sheet, Translate, write_xlsx

AGE_LABELS = {"unknown": N_("Not recorded")}

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (N_("Participant"), N_("A person marked present at one or more sessions dated in the period. Counted once "
                           "in each total, and once in each phase, sector, community or year.")),
    (N_("Age"), N_("The age reached in the year of the first session the person attended in the period "
                   "(only the birth year is recorded).")),
    (N_("Training, session"), N_("Counted when at least one participant was marked present; a training with "
                                 "nobody present is left out.")),
    (N_("Completed"), N_("Attended at least the share of a training's hours set in Settings, for at least one "
                         "training held in the period.")),
    (N_("Year"), N_("The year of the first session the person attended in the period.")),
    (N_("Checking a number"), N_("Each breakdown sheet names the column of the Participants sheet to filter on; "
                                 "the rows left after the filter are the people counted.")),
)


def _sex_table(title: str, first: str, keys: list[str], label_of: dict[str, str], count: dict[str, dict[str, int]],
               check_column: str, enum: bool = False) -> Sheet:
    rows = []
    for k in keys:
        f, m = count.get(k, {}).get(Sex.FEMALE.value, 0), count.get(k, {}).get(Sex.MALE.value, 0)
        rows.append((label_of.get(k, k), f, m, f + m, f"{check_column} = {label_of.get(k, k)}"))
    tf = sum(r[1] for r in rows)
    tm = sum(r[2] for r in rows)
    rows.append((N_("Total"), tf, tm, tf + tm, ""))
    return Sheet(title, (first, N_("Women"), N_("Men"), N_("Total"), N_("Check in the Participants sheet")),
                 rows, frozenset({0}) if enum else frozenset())


def donor_sheets(store: Store, s: DonorSummary, lang: str, tr: Translate | None) -> list[Sheet]:
    def T(text: str) -> str:  # noqa: N802
        return tr(CONTEXT, text) if tr else text

    from ...domain.enums import LABELS

    enum_label = {e.value: T(text) for e, text in LABELS.items()}
    with store.read() as ses:
        names = {r.id: {"ru": r.name_ru, "ky": r.name_ky}.get(lang, r.name_en)
                 for r in ses.execute(select(Community.id, Community.name_en, Community.name_ru, Community.name_ky))}
    band_label = {b: T(AGE_LABELS.get(b, b)) for b in AGE_BANDS}
    phases = [x.value for x in Phase]
    by_phase: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_com: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_year: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in s.people:
        for ph in p.phases:
            by_phase[ph][p.sex] += 1
        for cid in p.community_ids:
            by_com[cid][p.sex] += 1
        by_year[str(p.first_attended.year)][p.sex] += 1
    age_sheet = _sex_table(T(N_("Sex and age")), T(N_("Age band")), list(AGE_BANDS), band_label, s.by_age_sex,
                           T(N_("Age band")))
    sector_sheet = _sex_table(T(N_("Sex and sector")), T(N_("Sector")), list(s.by_sector_sex), enum_label,
                              s.by_sector_sex, T(N_("Sector")))
    phase_sheet = _sex_table(T(N_("Sex and phase")), T(N_("Phase")), phases, enum_label, by_phase,
                             T(N_("Phase")))
    phase_sheet = Sheet(phase_sheet.title, phase_sheet.headers,
                        [(*r[:4], f"{r[0]} = 1" if r[4] else "") for r in phase_sheet.rows])
    com_keys = sorted(by_com, key=lambda c: names.get(c, c))
    com_sheet = _sex_table(T(N_("Sex and community")), T(N_("Community")), com_keys, names, by_com,
                           T(N_("Communities")))
    com_sheet = Sheet(com_sheet.title, com_sheet.headers,
                      [(*r[:4], str(r[4]).replace(" = ", " ∋ ") if r[4] else "") for r in com_sheet.rows])
    years = sorted(by_year)
    year_sheet = _sex_table(T(N_("Sex and year")), T(N_("Year")), years, {y: y for y in years}, by_year,
                            T(N_("Year")))

    period = fmt_period(s.date_from, s.date_to, lang) if s.date_from or s.date_to else T(N_("All dates"))
    where = s.community_name(lang) or T(N_("All communities"))
    key = Sheet(T(N_("Key figures")), (T(N_("Figure")), T(N_("Value"))), [
        (T(N_("Communities")), where), (T(N_("Period")), period),
        (T(N_("Participants")), s.participants), (T(N_("Women")), s.women),
        (T(N_("Men")), s.by_sex.get(Sex.MALE.value, 0)),
        (T(N_("Trainings")), s.trainings), (T(N_("Sessions")), s.sessions),
        (T(N_("Completed at least one training")), s.completed),
        (T(N_("Certificates issued")), s.certificates),
        (T(N_("Hours attended")), round(s.hours, 1)),
        (T(N_("Trainings with nobody present (left out)")), len(s.empty_trainings)),
        (T(N_("Prepared on")), dt.date.today()),
    ])
    definitions = Sheet(T(N_("Definitions")), (T(N_("Term")), T(N_("Meaning"))),
                        [(T(a), T(b)) for a, b in DEFINITIONS])
    people_rows = []
    for p in s.people:
        people_rows.append((p.full_name, enum_label.get(p.sex, p.sex), p.birth_year, p.first_attended, p.age,
                            band_label.get(p.age_band, p.age_band), enum_label.get(p.sector, p.sector),
                            str(p.first_attended.year), ", ".join(names.get(c, c) for c in p.community_ids),
                            *(1 if ph in p.phases else None for ph in phases), 1 if p.completed else 0,
                            p.person_id))
    participants = Sheet(T(N_("Participants")), (
        T(N_("Full name")), T(N_("Sex")), T(N_("Birth year")), T(N_("First session attended")), T(N_("Age")),
        T(N_("Age band")), T(N_("Sector")), T(N_("Year")), T(N_("Communities")),
        *(enum_label[ph] for ph in phases), T(N_("Completed")), T(N_("Record id"))), people_rows)
    return [key, age_sheet, sector_sheet, phase_sheet, com_sheet, year_sheet, participants, definitions]


def donor_workbook(store: Store, out: Path, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                   community_id: str | None = None, lang: str = "en", translate: Translate | None = None) -> int:
    """Write the workbook; return the number of participants listed."""
    s = donor_summary(store, date_from, date_to, community_id)
    # headers are already in the user's language: write them as they are
    write_xlsx(donor_sheets(store, s, lang, translate), out, None)
    return len(s.people)
