"""Every list as a spreadsheet: XLSX (openpyxl, write-only) and CSV (UTF-8 with BOM).

Headers are English source strings (``N_``) translated by the caller's *translate* (the GUI's
or the CLI's), enum values by their labels. Dates are real dates (``dd.mm.yyyy`` in Excel),
the header row is frozen and columns get widths from their contents. Any text starting with
``=`` ``+`` ``-`` ``@`` a tab or a carriage return is made inert: in XLSX it is written as a
string cell (never a formula), in CSV it gets a leading apostrophe (OWASP's advice), so that a
name typed as ``=HYPERLINK(...)`` cannot run when the file is opened.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.enums import LABELS, ActivityStatus, GroupRole, Phase, PlanStatus, Sector, Sex
from ...domain.validation import format_phone
from ...errors import UserError
from ...i18n import CONTEXT, N_, os_reason
from ...storage.db import Store
from ...storage.models import (
    AdvisoryGroup,
    Attendance,
    Certificate,
    Community,
    LocalPlan,
    Membership,
    Person,
    PlanActivity,
    Training,
    TrainingSession,
)
from ...storage.sync_models import SyncConflict
from ..trainings import completion_rule

Translate = Callable[[str, str], str]
TABLES: tuple[str, ...] = ("people", "groups", "trainings", "attendance", "plans", "activities",
                           "certificates", "conflicts")
TABLE_TITLES: dict[str, str] = {
    "people": N_("People"),
    "groups": N_("Groups and members"),
    "trainings": N_("Trainings"),
    "attendance": N_("Attendance"),
    "plans": N_("Local plans"),
    "activities": N_("Plan activities and budgets"),
    "certificates": N_("Certificate register"),
    "conflicts": N_("Sync conflicts"),
}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_ENUMS = {e.value: LABELS[e] for e in (*Sex, *Sector, *Phase, *PlanStatus, *ActivityStatus, *GroupRole)}


@dataclass(frozen=True)
class Sheet:
    """One table: ``headers`` are English sources (translated when written)."""

    title: str
    headers: tuple[str, ...]
    rows: Iterable[tuple[object, ...]]
    enum_columns: frozenset[int] = frozenset()  # columns holding enum values (written as labels)


def neutralise(text: str) -> str:
    """The CSV form of a text cell: a leading apostrophe when it could start a formula."""
    return "'" + text if text[:1] in DANGEROUS else text


def _name(row_names: tuple[str, str, str], lang: str) -> str:
    en, ru, ky = row_names
    return {"ru": ru, "ky": ky}.get(lang, en)


def build_sheet(store: Store, table: str, lang: str = "en") -> Sheet:
    """The rows of *table* (one of ``TABLES``), community names in *lang*."""
    if table not in TABLES:
        raise UserError(N_("Unknown table {table}; choose one of: {tables}."), table=table,
                        tables=", ".join(TABLES))
    return _BUILDERS[table](store, lang)


def _communities(s: Session) -> dict[str, tuple[str, str, str]]:
    return {r.id: (r.name_en, r.name_ru, r.name_ky)
            for r in s.execute(select(Community.id, Community.name_en, Community.name_ru, Community.name_ky))}


def _people(store: Store, lang: str) -> Sheet:
    with store.read() as s:
        com = _communities(s)
        rows = s.execute(
            select(Person.full_name, Person.sex, Person.birth_year, Person.sector, Person.community_id,
                   Person.phone, Person.pin, Person.organisation, Person.position, Person.consent_date,
                   Person.notes, Person.id)
            .where(Person.deleted.is_(False)).order_by(Person.sort_key)).all()
    data = [(n, sx, by, sec, _name(com[c], lang) if c in com else "", format_phone(ph) if ph else None,
             pin, org, pos, cd, notes, pid) for n, sx, by, sec, c, ph, pin, org, pos, cd, notes, pid in rows]
    return Sheet(N_("People"), (N_("Full name"), N_("Sex"), N_("Birth year"), N_("Sector"), N_("Community"),
                                N_("Phone"), N_("Personal number (PIN)"), N_("Organisation"), N_("Position"),
                                N_("Consent date"), N_("Notes"), N_("Record id")), data, frozenset({1, 3}))


def _groups(store: Store, lang: str) -> Sheet:
    with store.read() as s:
        com = _communities(s)
        groups = s.execute(select(AdvisoryGroup).where(AdvisoryGroup.deleted.is_(False))).scalars().all()
        members: dict[str, list[tuple[object, ...]]] = defaultdict(list)
        for m, name, sex, by in s.execute(
                select(Membership, Person.full_name, Person.sex, Person.birth_year)
                .join(Person, Person.id == Membership.person_id)
                .where(Membership.deleted.is_(False), Person.deleted.is_(False))
                .order_by(Person.sort_key)):
            members[m.group_id].append((name, sex, by, m.role, m.joined_on, m.left_on))
        out = []
        for g in sorted(groups, key=lambda g: (_name(com.get(g.community_id, ("", "", "")), lang), g.name)):
            head = (_name(com.get(g.community_id, ("", "", "")), lang), g.name, g.cpc_name, g.formed_on)
            for row in members.get(g.id) or [("", None, None, None, None, None)]:
                out.append(head + row)
    return Sheet(N_("Groups and members"),
                 (N_("Community"), N_("Group"), N_("Crime prevention centre"), N_("Formed on"), N_("Full name"),
                  N_("Sex"), N_("Birth year"), N_("Role in the group"), N_("Joined on"), N_("Left on")),
                 out, frozenset({5, 7}))


def _sessions(s: Session) -> dict[str, list[tuple[str, dt.date, float]]]:
    sessions: dict[str, list[tuple[str, dt.date, float]]] = defaultdict(list)
    for sid, tid, day, hours in s.execute(
            select(TrainingSession.id, TrainingSession.training_id, TrainingSession.date, TrainingSession.hours)
            .where(TrainingSession.deleted.is_(False)).order_by(TrainingSession.date, TrainingSession.id)):
        sessions[tid].append((sid, day, hours))
    return sessions


def _presence(s: Session) -> dict[str, dict[str, bool]]:
    present: dict[str, dict[str, bool]] = defaultdict(dict)  # session -> person -> present
    for sid, pid, here in s.execute(
            select(Attendance.session_id, Attendance.person_id, Attendance.present)
            .join(Person, Person.id == Attendance.person_id)
            .where(Attendance.deleted.is_(False), Person.deleted.is_(False))):
        present[sid][pid] = here
    return present


def _trainings(store: Store, lang: str) -> Sheet:
    rule = completion_rule(store)
    with store.read() as s:
        com = _communities(s)
        sessions, present = _sessions(s), _presence(s)
        trainings = s.execute(select(Training).where(Training.deleted.is_(False))).scalars().all()
        out = []
        for t in trainings:
            ss = sessions.get(t.id, [])
            total = sum(h for _, _, h in ss)
            hours: dict[str, float] = defaultdict(float)
            for sid, _, h in ss:
                for pid, here in present.get(sid, {}).items():
                    if here:
                        hours[pid] += h
            done = sum(1 for h in hours.values() if rule.completed(h, total))
            out.append((t.title, t.phase, _name(com.get(t.community_id, ("", "", "")), lang),
                        ss[0][1] if ss else None, ss[-1][1] if ss else None, len(ss), total, t.venue, t.trainers,
                        len(hours), done, t.id))
    out.sort(key=lambda r: (r[3] or dt.date.min, r[0]))
    return Sheet(N_("Trainings"), (N_("Title"), N_("Phase"), N_("Community"), N_("Start"), N_("End"),
                                   N_("Sessions"), N_("Hours"), N_("Venue"), N_("Trainers"),
                                   N_("Participants present"), N_("Completed"), N_("Record id")),
                 out, frozenset({1}))


def _attendance(store: Store, lang: str) -> Sheet:
    """The attendance matrix: one row per training and participant, one column per session
    (1 present, 0 absent, empty: not marked or no such session)."""
    rule = completion_rule(store)
    with store.read() as s:
        com = _communities(s)
        sessions, present = _sessions(s), _presence(s)
        people = {r.id: r for r in s.execute(select(Person.id, Person.full_name, Person.sex, Person.birth_year,
                                                    Person.sort_key).where(Person.deleted.is_(False)))}
        trainings = s.execute(select(Training).where(Training.deleted.is_(False))).scalars().all()
        s.expunge_all()
    width = max((len(v) for v in sessions.values()), default=0)
    out = []
    for t in sorted(trainings, key=lambda t: (sessions[t.id][0][1] if sessions.get(t.id) else dt.date.min, t.title)):
        ss = sessions.get(t.id, [])
        total = sum(h for _, _, h in ss)
        pids = {pid for sid, _, _ in ss for pid in present.get(sid, {}) if pid in people}
        for pid in sorted(pids, key=lambda p: people[p].sort_key):
            marks = [present[sid].get(pid) for sid, _, _ in ss]
            hours = sum(h for (sid, _, h), m in zip(ss, marks, strict=True) if m)
            cells = [None if m is None else int(m) for m in marks] + [None] * (width - len(ss))
            p = people[pid]
            out.append((t.title, _name(com.get(t.community_id, ("", "", "")), lang), ss[0][1] if ss else None,
                        p.full_name, p.sex, p.birth_year, *cells, hours,
                        1 if rule.completed(hours, total) else 0))
    headers = (N_("Training"), N_("Community"), N_("Start"), N_("Full name"), N_("Sex"), N_("Birth year"),
               *(f"#{i}" for i in range(1, width + 1)), N_("Hours attended"), N_("Completed"))
    return Sheet(N_("Attendance"), headers, out, frozenset({4}))


# A plan activity as the Plans sheet writes it: title, responsible, partners, start, end, budgets
# (project, local, other), indicator, status.
_Activity = tuple[str, str, str, dt.date | None, dt.date | None, int, int, int, str, str]


def _plan_rows(store: Store) -> tuple[dict[str, tuple[str, str, str]], Sequence[LocalPlan],
                                      dict[str, list[_Activity]]]:
    with store.read() as s:
        com = _communities(s)
        plans = s.execute(select(LocalPlan).where(LocalPlan.deleted.is_(False))).scalars().all()
        acts: dict[str, list[_Activity]] = defaultdict(list)
        for a in s.execute(select(PlanActivity).where(PlanActivity.deleted.is_(False))
                           .order_by(PlanActivity.position)).scalars():
            acts[a.plan_id].append((a.title, a.responsible, a.partners, a.start, a.end, a.budget_project,
                                    a.budget_local, a.budget_other, a.indicator, a.status))
        s.expunge_all()
    return com, plans, acts


def _plans(store: Store, lang: str) -> Sheet:
    com, plans, acts = _plan_rows(store)
    out = []
    for p in sorted(plans, key=lambda p: (_name(com.get(p.community_id, ("", "", "")), lang), p.title)):
        a = acts.get(p.id, [])
        bp, bl, bo = sum(x[5] for x in a), sum(x[6] for x in a), sum(x[7] for x in a)
        out.append((_name(com.get(p.community_id, ("", "", "")), lang), p.title, p.status, p.period_start,
                    p.period_end, p.revision, len(a), bp, bl, bo, bp + bl + bo, p.id))
    return Sheet(N_("Local plans"), (N_("Community"), N_("Plan"), N_("Status"), N_("Period start"),
                                     N_("Period end"), N_("Revision"), N_("Activities"),
                                     N_("Project budget (som)"), N_("Local budget (som)"),
                                     N_("Other budget (som)"), N_("Total budget (som)"), N_("Record id")),
                 out, frozenset({2}))


def _activities(store: Store, lang: str) -> Sheet:
    com, plans, acts = _plan_rows(store)
    out = []
    for p in sorted(plans, key=lambda p: (_name(com.get(p.community_id, ("", "", "")), lang), p.title)):
        for a in acts.get(p.id, []):
            out.append((_name(com.get(p.community_id, ("", "", "")), lang), p.title, p.status, *a,
                        a[5] + a[6] + a[7]))
    return Sheet(N_("Plan activities and budgets"),
                 (N_("Community"), N_("Plan"), N_("Plan status"), N_("Activity"), N_("Responsible"),
                  N_("Partners"), N_("Start"), N_("End"), N_("Project budget (som)"), N_("Local budget (som)"),
                  N_("Other budget (som)"), N_("Indicator"), N_("Status"), N_("Total budget (som)")),
                 out, frozenset({2, 12}))


def _certificates(store: Store, lang: str) -> Sheet:
    with store.read() as s:
        com = _communities(s)
        rows = s.execute(
            select(Certificate.serial, Certificate.issued_on, Person.full_name, Person.sex, Training.title,
                   Training.community_id, Certificate.revoked, Certificate.revoked_reason,
                   Certificate.verification_code)
            .join(Person, Person.id == Certificate.person_id)
            .join(Training, Training.id == Certificate.training_id)
            .where(Certificate.deleted.is_(False))
            .order_by(Certificate.issued_on, Certificate.serial)).all()
    out = [(serial, issued, name, sex, title, _name(com.get(cid, ("", "", "")), lang), 1 if revoked else 0,
            reason, code) for serial, issued, name, sex, title, cid, revoked, reason, code in rows]
    return Sheet(N_("Certificate register"), (N_("Serial"), N_("Issued on"), N_("Full name"), N_("Sex"),
                                              N_("Training"), N_("Community"), N_("Revoked"), N_("Reason"),
                                              N_("Verification code")), out, frozenset({3}))


def _conflicts(store: Store, lang: str) -> Sheet:
    with store.read() as s:
        rows = s.execute(select(SyncConflict.detected_at, SyncConflict.tbl, SyncConflict.rid, SyncConflict.field,
                                SyncConflict.kind, SyncConflict.winner_value, SyncConflict.loser_value,
                                SyncConflict.status).order_by(SyncConflict.detected_at)).all()
    return Sheet(N_("Sync conflicts"), (N_("Detected"), N_("Table"), N_("Record id"), N_("Field"), N_("Kind"),
                                        N_("Value kept"), N_("Value set aside"), N_("Status")),
                 [tuple(r) for r in rows])


_BUILDERS: dict[str, Callable[[Store, str], Sheet]] = {
    "people": _people, "groups": _groups, "trainings": _trainings, "attendance": _attendance,
    "plans": _plans, "activities": _activities, "certificates": _certificates, "conflicts": _conflicts,
}


def _tr(translate: Translate | None) -> Callable[[str], str]:
    return (lambda t: translate(CONTEXT, t)) if translate else (lambda t: t)


def _cells(sheet: Sheet, tr: Callable[[str], str]) -> Iterator[list[object]]:
    labels = {v: tr(k) for v, k in _ENUMS.items()}
    enum_cols = sheet.enum_columns
    for row in sheet.rows:
        cells = list(row)
        for i in enum_cols:
            v = cells[i]
            if isinstance(v, str):
                cells[i] = labels.get(v, v)
        yield cells


def write_xlsx(sheets: list[Sheet], path: Path, translate: Translate | None = None) -> int:
    """Write *sheets* to one workbook; return the number of data rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    tr = _tr(translate)
    wb = Workbook(write_only=True)
    n = 0
    for sheet in sheets:
        rows = list(_cells(sheet, tr))
        ws = wb.create_sheet(_sheet_title(tr(sheet.title)))
        headers = [tr(h) for h in sheet.headers]
        for i, h in enumerate(headers, start=1):
            sample = [len(_width_text(r[i - 1])) for r in rows[:300] if i - 1 < len(r)]
            ws.column_dimensions[get_column_letter(i)].width = max(6, min(50, max([len(h) + 2, *sample]) + 2))
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        head = []
        for h in headers:
            c = WriteOnlyCell(ws, h)
            c.font = bold
            c.data_type = "s"
            head.append(c)
        ws.append(head)
        # Only a text starting with "=" would become a formula in openpyxl; it is written as a
        # string cell instead (a string cell is never evaluated, whatever it starts with).
        # Dates get the dd.mm.yyyy format by copying one prepared style (a format set per cell
        # costs a look-up in the workbook's format list every time).
        date_style = WriteOnlyCell(ws, dt.date(2000, 1, 1))
        date_style.number_format = "dd.mm.yyyy"
        datetime_style = WriteOnlyCell(ws, dt.datetime(2000, 1, 1))
        datetime_style.number_format = "dd.mm.yyyy hh:mm"
        for r in rows:
            out: list[object] = r
            for i, v in enumerate(r):
                if v.__class__ is str:
                    if v[:1] == "=":
                        c = WriteOnlyCell(ws, v)
                        c.data_type = "s"  # text, never a formula
                        out[i] = c
                elif isinstance(v, dt.date):
                    c = WriteOnlyCell(ws)
                    c._value = v
                    c.data_type = "d"
                    c._style = copy(datetime_style._style if isinstance(v, dt.datetime) else date_style._style)
                    out[i] = c
            ws.append(out)
            n += 1
    _save(lambda tmp: wb.save(tmp), path)
    return n


def _width_text(v: object) -> str:
    if isinstance(v, dt.date):
        return "00.00.0000"
    return "" if v is None else str(v)


def _sheet_title(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    return title[:31]


def write_csv(sheet: Sheet, path: Path, translate: Translate | None = None) -> int:
    """Write one sheet as CSV in UTF-8 with BOM (Excel reads Cyrillic right); dates as 31.12.2024."""
    tr = _tr(translate)

    def write(tmp: Path) -> int:
        n = 0
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow([neutralise(tr(h)) for h in sheet.headers])
            for r in _cells(sheet, tr):
                w.writerow([_csv_value(v) for v in r])
                n += 1
        return n

    return _save(write, path)


def _csv_value(v: object) -> object:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.strftime("%d.%m.%Y %H:%M")
    if isinstance(v, dt.date):
        return v.strftime("%d.%m.%Y")
    if isinstance(v, str):
        return neutralise(v)
    return v


_T = TypeVar("_T")


def _save(write: Callable[[Path], _T], path: Path) -> _T:
    """Write to a temporary file beside *path*, then replace it: a full disk leaves no half file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        result = write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(N_("The file {name} could not be written: {reason}."), name=path.name,
                        reason=os_reason(exc)) from None
    return result


def export_table(store: Store, table: str, path: Path, *, fmt: str | None = None, lang: str = "en",
                 translate: Translate | None = None) -> int:
    """Export *table* to *path* (.xlsx or .csv, or as *fmt* says); return the rows written."""
    fmt = fmt or ("csv" if Path(path).suffix.lower() == ".csv" else "xlsx")
    sheet = build_sheet(store, table, lang)
    if fmt == "csv":
        return write_csv(sheet, path, translate)
    return write_xlsx([sheet], path, translate)

