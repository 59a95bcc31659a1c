"""Attendance from a trainer's spreadsheet: a column of names and one column per session.

Session columns are recognised by a date in the header (the session of that day), else by a
number in it ("1", "Session 2", "2-сабак": the n-th session), else taken in order. A cell marks
presence with +, 1, x, ✓, да, бар, yes (absence: -, 0, н, жок, no; empty: not marked). Names are
matched to the training's sheet (members of the community's groups and walk-ins) in any script or
word order; a name found among the people stored elsewhere is offered as a walk-in; a name not
stored at all is refused (add the person first). Everything is saved in one unit of work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ...domain.names import duplicate_key, search_key
from ...errors import UserError
from ...i18n import N_, Message
from ...storage import attended
from ...storage.db import Store, allocate_counters
from ...storage.models import Attendance, AuditEntry, Person, new_id, stable_id, utcnow
from .. import trainings
from .reading import Cell, cell_text, is_blank, parse_date, read_table

PRESENT = {search_key(w) for w in ("+", "1", "x", "х", "v", "✓", "✔", "да", "бар", "yes", "y", "п", "болду")}
ABSENT = {search_key(w) for w in ("-", "0", "н", "нет", "жок", "no", "n", "о")}
NAME_HEADERS = {search_key(w) for w in ("фио", "ф.и.о.", "аты-жөнү", "аты жөнү", "full name", "name",
                                        "участник", "катышуучу", "participant", "фамилия имя")}


@dataclass(frozen=True)
class AttendanceRow:
    line: int
    name: str
    person_id: str | None
    kind: str  # "participant", "walk_in" (stored, not on the sheet) or "refused"
    marks: tuple[bool | None, ...]  # per session of the training, None: not marked
    reason: Message | None = None


@dataclass(frozen=True)
class AttendancePreview:
    training_id: str
    session_ids: tuple[str, ...]
    columns: tuple[str, ...]  # the header of the column read for each session ("" if none)
    rows: tuple[AttendanceRow, ...]


def _mark(value: Cell) -> bool | None:
    if is_blank(value):
        return None
    if value is True or value is False:
        return bool(value)
    text = cell_text(value).strip()
    key = search_key(text) or text
    if key in PRESENT or text in ("+", "✓", "✔"):
        return True
    if key in ABSENT or text == "-":
        return False
    return None


def preview_attendance(store: Store, training_id: str, path: Path) -> AttendancePreview:
    info = trainings.get_training(store, training_id)
    if not info.sessions:
        raise UserError(N_("Add a session to the training first."))
    table = read_table(path)
    # the header: the first row (of the first ten) with a name header or with a date in it
    header_at = None
    for i, row in enumerate(table.rows[:10]):
        if any(search_key(cell_text(v)) in NAME_HEADERS for v in row):
            header_at = i
            break
    if header_at is None:
        raise UserError(N_("No column of names was found in {name}. The first row should hold column "
                           "headers such as \"Full name\" / \"ФИО\" / \"Аты-жөнү\"."), name=table.file_name)
    header = table.rows[header_at]
    name_col = next(i for i, v in enumerate(header) if search_key(cell_text(v)) in NAME_HEADERS)
    others = [i for i in range(len(header)) if i != name_col and not is_blank(header[i])]
    by_date = {s.date: k for k, s in enumerate(info.sessions)}
    chosen: dict[int, int] = {}  # session index -> column
    for i in others:
        h = header[i]
        try:
            d = parse_date(h) if not (isinstance(h, int | float) and h < 100) else None
        except ValueError:
            d = None
        if d is not None and d in by_date:
            chosen.setdefault(by_date[d], i)
            continue
        m = re.search(r"\d+", cell_text(h))
        if d is None and m and 1 <= int(m[0]) <= len(info.sessions):
            chosen.setdefault(int(m[0]) - 1, i)
    if not chosen:  # no dates, no numbers: the columns after the names, in order
        after = [i for i in others if i > name_col]
        chosen = {k: c for k, c in enumerate(after[:len(info.sessions)])}
    if not chosen:
        raise UserError(N_("No session columns were found in {name}: give each session a column headed "
                           "with its date or number."), name=table.file_name)
    sheet = trainings.attendance_sheet(store, training_id)
    on_sheet = {duplicate_key(p.full_name): p.person_id for p in sheet.participants}
    with store.read() as s:
        stored: dict[str, list[str]] = {}
        for pid, dkey in s.execute(select(Person.id, Person.dup_key).where(Person.deleted.is_(False))):
            stored.setdefault(dkey, []).append(pid)
    rows = []
    for line, row in zip(table.lines[header_at + 1:], table.rows[header_at + 1:], strict=True):
        name = cell_text(row[name_col]) if name_col < len(row) else ""
        if not name:
            continue
        marks = tuple(_mark(row[chosen[k]]) if k in chosen and chosen[k] < len(row) else None
                      for k in range(len(info.sessions)))
        key = duplicate_key(name)
        if key in on_sheet:
            rows.append(AttendanceRow(line, name, on_sheet[key], "participant", marks))
        elif len(stored.get(key, [])) == 1:
            rows.append(AttendanceRow(line, name, stored[key][0], "walk_in", marks))
        elif stored.get(key):
            rows.append(AttendanceRow(line, name, None, "refused", marks, Message(
                N_("Several people called {name} are stored; mark this one in the window."), name=name)))
        else:
            rows.append(AttendanceRow(line, name, None, "refused", marks, Message(
                N_("{name} is not stored; add the person first."), name=name)))
    cols = tuple(cell_text(header[chosen[k]]) if k in chosen else "" for k in range(len(info.sessions)))
    return AttendancePreview(training_id, tuple(x.id for x in info.sessions), cols, tuple(rows))


@dataclass(frozen=True)
class AttendanceImportResult:
    recorded: int  # marks saved
    walk_ins: int  # people added to the sheet as walk-ins
    refused: tuple[AttendanceRow, ...]

    def summary(self) -> Message:
        """What was saved, in words the reader's language renders (``Message.render``)."""
        return Message(N_("Recorded {recorded} mark(s); {walk_ins} walk-in(s) added; {refused} row(s) refused."),
                       recorded=self.recorded, walk_ins=self.walk_ins, refused=len(self.refused))


def apply_attendance(store: Store, pv: AttendancePreview, *, walk_ins: bool = True) -> AttendanceImportResult:
    """Save the marks (and the walk-ins when *walk_ins*) in one unit of work."""
    now = utcnow()
    values = []
    added = 0
    refused = [r for r in pv.rows if r.kind == "refused" or (r.kind == "walk_in" and not walk_ins)]
    for r in pv.rows:
        if r.person_id is None or (r.kind == "walk_in" and not walk_ins):
            continue
        walk = r.kind == "walk_in"
        added += walk
        for sid, mark in zip(pv.session_ids, r.marks, strict=True):
            if mark is None and not walk:
                continue
            values.append(dict(id=stable_id("attendance", sid, r.person_id), session_id=sid,
                               person_id=r.person_id, present=bool(mark), walk_in=walk, deleted=False))
    if not values:
        return AttendanceImportResult(0, 0, tuple(refused))
    with store.uow() as s:
        inst_id = s.info["installation_id"]
        first = allocate_counters(s, len(values))
        for i, v in enumerate(values):
            v.update(created_at=now, updated_at=now, changed_by=inst_id, change_counter=first + i)
        stmt = sqlite_insert(Attendance)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Attendance.id],
            set_=dict(present=stmt.excluded.present, updated_at=stmt.excluded.updated_at,
                      changed_by=stmt.excluded.changed_by, change_counter=stmt.excluded.change_counter,
                      deleted=False))
        conn = s.connection()
        conn.execute(stmt, values)
        attended.mark(s, training_ids=[pv.training_id])  # the totals, recomputed before the commit
        conn.execute(insert(AuditEntry), [dict(
            id=new_id(), at=now, installation_id=inst_id, user_name=s.info.get("user_name", ""),
            action="bulk", entity="attendance", entity_id=pv.training_id, counter=first + len(values) - 1,
            changes={"imported": len(values), "walk_ins": added, "counters": [first, first + len(values) - 1]})])
    return AttendanceImportResult(len(values), added, tuple(refused))

