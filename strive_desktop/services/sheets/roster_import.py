"""Roster import: an advisory group's list of people from an XLSX or CSV file.

``read_roster`` reads the file and guesses which column holds what from Kyrgyz, Russian or
English headers; ``preview`` validates every row (messages in the user's language, as
``Message``), looks for the people already stored (``rosters.find_duplicates``) and for rows
repeated in the file; ``apply_import`` saves the rows the user kept in ONE unit of work and
remembers which records it created; ``undo_import`` takes the whole import back by
tombstoning those records through the ordinary unit of work, so the tombstones travel in the
next sync package like any other change. A dry run is a preview that is not applied.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from sqlalchemy import insert, select

from ...domain.enums import GroupRole, Sector, Sex
from ...domain.names import duplicate_key, search_key
from ...errors import NotFound, UserError, ValidationError
from ...i18n import N_, Message
from ...storage.db import Store, allocate_counters
from ...storage.import_models import RosterImport, RosterImportItem
from ...storage.models import (
    AdvisoryGroup,
    AuditEntry,
    Community,
    Membership,
    Person,
    new_id,
    utcnow,
)
from .. import rosters
from ..rosters import PersonInput, PersonMatch
from .reading import Cell, Table, cell_text, is_blank, parse_date, parse_year, read_table

# A stored person the file's rows are matched against: id, full name, birth year, community, PIN.
Found = tuple[str, str, int | None, str, str | None]

# ---- fields and the headers that name them -------------------------------------------------

FIELDS: tuple[str, ...] = (
    "full_name", "last_name", "first_name", "middle_name", "sex", "birth_year", "sector", "phone",
    "pin", "organisation", "position", "role", "joined_on", "consent_date", "notes",
)
IGNORE = "ignore"

FIELD_LABELS: dict[str, str] = {
    "full_name": N_("Full name"),
    "last_name": N_("Surname"),
    "first_name": N_("Given name"),
    "middle_name": N_("Patronymic"),
    "sex": N_("Sex"),
    "birth_year": N_("Birth year or date"),
    "sector": N_("Sector"),
    "phone": N_("Phone"),
    "pin": N_("Personal number (PIN)"),
    "organisation": N_("Organisation"),
    "position": N_("Position"),
    "role": N_("Role in the group"),
    "joined_on": N_("Joined on"),
    "consent_date": N_("Consent date"),
    "notes": N_("Notes"),
    IGNORE: N_("(not imported)"),
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": ("фио", "ф.и.о.", "ф. и. о.", "фамилия имя отчество", "фамилия, имя, отчество",
                  "фамилия имя", "фамилия и имя", "аты-жөнү", "аты жөнү", "толук аты-жөнү",
                  "толук аты", "аты-жөнү, атасынын аты", "full name", "name", "participant",
                  "имя фамилия", "фио участника", "участник", "катышуучу", "name and surname"),
    "last_name": ("фамилия", "фамилиясы", "surname", "last name", "family name"),
    "first_name": ("имя", "аты", "first name", "given name"),
    "middle_name": ("отчество", "атасынын аты", "patronymic", "middle name"),
    "sex": ("пол", "жынысы", "жыныс", "sex", "gender", "м/ж", "ж/э"),
    "birth_year": ("год рождения", "г.р.", "г. р.", "дата рождения", "туулган жылы", "туулган жыл",
                   "туулган күнү", "туулган датасы", "birth year", "year of birth", "date of birth",
                   "birth date", "born", "dob"),
    "sector": ("сектор", "категория", "sector", "category", "тармак", "категориясы"),
    "phone": ("телефон", "тел", "тел.", "моб. телефон", "мобильный", "номер телефона",
              "телефон номери", "phone", "mobile", "phone number", "tel", "contact"),
    "pin": ("пин", "инн", "персональный номер", "персональный идентификационный номер",
            "жеке номер", "жеке номери", "pin", "personal number", "id number"),
    "organisation": ("организация", "место работы", "уюм", "иштеген жери", "иш орду",
                     "organisation", "organization", "employer", "workplace"),
    "position": ("должность", "кызматы", "кызмат орду", "position", "job title", "job"),
    "role": ("роль", "роль в группе", "ролу", "тобундагы ролу", "role", "role in group"),
    "joined_on": ("дата вступления", "вступил", "кирген күнү", "joined", "joined on", "date joined"),
    "consent_date": ("согласие", "дата согласия", "макулдук", "макулдук күнү", "consent",
                     "consent date"),
    "notes": ("примечание", "примечания", "комментарий", "эскертүү", "эскертүүлөр", "notes",
              "note", "comment", "comments", "remarks"),
}
_ALIAS_KEYS: dict[str, str] = {search_key(a): f for f, names in _ALIASES.items() for a in names}

_SEX_WORDS: dict[str, str] = {search_key(w): s for s, words in {
    Sex.FEMALE.value: ("f", "female", "woman", "w", "ж", "жен", "жен.", "женский", "женщина", "аял",
                       "аял заты", "кыз", "к"),
    Sex.MALE.value: ("m", "male", "man", "м", "муж", "муж.", "мужской", "мужчина", "эркек", "э",
                     "эр"),
}.items() for w in words}

_SECTOR_WORDS: dict[str, str] = {search_key(w): s for s, words in {
    Sector.YOUTH.value: ("youth", "молодежь", "молодёжь", "жаштар", "жаш"),
    Sector.WOMEN.value: ("women", "женщины", "аялдар"),
    Sector.RELIGIOUS.value: ("religious leader", "religious", "религиозный лидер", "религия",
                             "имам", "молдо", "дин кызматкери", "диний лидер"),
    Sector.LAW_ENFORCEMENT.value: ("law enforcement", "police", "милиция", "полиция", "мвд",
                                   "правоохранительные органы", "укук коргоо органдары"),
    Sector.LSG.value: ("local self-government", "lsg", "омсу", "ао", "айыл окмоту",
                       "органы местного самоуправления", "местное самоуправление",
                       "жергиликтүү өз алдынча башкаруу", "жөб"),
    Sector.AKSAKAL_COURT.value: ("aksakal court", "суд аксакалов", "аксакалы", "аксакалдар соту",
                                 "аксакал"),
    Sector.SOCIAL_WORKER.value: ("social worker", "социальный работник", "соцработник",
                                 "социалдык кызматкер"),
    Sector.LAWYER.value: ("lawyer", "юрист", "адвокат", "юрист/адвокат"),
    Sector.OTHER.value: ("other", "другое", "прочие", "башка"),
}.items() for w in words}

_ROLE_WORDS: dict[str, str] = {search_key(w): r for r, words in {
    GroupRole.CHAIR.value: ("chair", "председатель", "төрага", "торага", "руководитель", "жетекчи"),
    GroupRole.SECRETARY.value: ("secretary", "секретарь", "катчы"),
    GroupRole.MEMBER.value: ("member", "член", "член группы", "мүчө", "мүчөсү"),
}.items() for w in words}


def guess_field(header: Cell) -> str | None:
    """The field a column header names, in Kyrgyz, Russian or English (any spelling); None if unknown."""
    key = search_key(cell_text(header))
    if not key:
        return None
    if key in _ALIAS_KEYS:
        return _ALIAS_KEYS[key]
    # "Фамилия (на кыргызском)", "Телефон номери (моб.)": the longest alias the header starts with
    best = max((a for a in _ALIAS_KEYS if len(a) >= 3 and key.startswith(a + " ")), key=len, default=None)
    return _ALIAS_KEYS[best] if best else None


# ---- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Roster:
    """A file read and its columns guessed: ``mapping[i]`` is the field of column i."""

    file_name: str
    headers: tuple[str, ...]
    header_line: int
    rows: tuple[tuple[Cell, ...], ...]
    lines: tuple[int, ...]
    mapping: tuple[str, ...]

    def with_mapping(self, mapping: Mapping[int, str]) -> Roster:
        new = list(self.mapping)
        for col, field in mapping.items():
            if field not in FIELDS and field != IGNORE:
                raise UserError(N_("Unknown field: {field}."), field=field)
            if not 0 <= col < len(new):
                raise UserError(N_("The file has no column {column}."), column=col + 1)
            new[col] = field
        return replace(self, mapping=tuple(new))

    def column_index(self, name: str) -> int:
        """A column named by its header, its letter (A, B, ... AA) or its number (1, 2, ...)."""
        key = search_key(name)
        for i, h in enumerate(self.headers):
            if key and search_key(h) == key:
                return i
        text = name.strip()
        if text.isdigit() and 1 <= int(text) <= len(self.headers):
            return int(text) - 1
        if text.isalpha() and text.isascii():
            n = 0
            for ch in text.upper():
                n = n * 26 + ord(ch) - 64
            if 1 <= n <= len(self.headers):
                return n - 1
        raise UserError(N_("The file has no column {column}."), column=name)


def read_roster(path: Path) -> Roster:
    """Read *path* and guess its header row and column mapping."""
    return roster_from_table(read_table(path))


def roster_from_table(table: Table) -> Roster:
    if not table.rows:
        raise UserError(N_("{name} has no rows to import."), name=table.file_name)
    best, best_score = 0, -1
    for i, row in enumerate(table.rows[:15]):  # title rows above the header are skipped
        fields = [guess_field(v) for v in row]
        score = sum(1 for f in fields if f)
        if any(f in ("full_name", "last_name") for f in fields) and score > best_score:
            best, best_score = i, score
    if best_score < 0:
        raise UserError(N_("No column of names was found in {name}. The first row should hold column "
                           "headers such as \"Full name\" / \"ФИО\" / \"Аты-жөнү\"."), name=table.file_name)
    width = max(len(r) for r in table.rows)
    header = list(table.rows[best]) + [None] * (width - len(table.rows[best]))
    headers = tuple(cell_text(h) for h in header)
    mapping: list[str] = []
    for h in header:
        f = guess_field(h)
        mapping.append(f if f and f not in mapping else IGNORE)
    return Roster(table.file_name, headers, table.lines[best], table.rows[best + 1:],
                  table.lines[best + 1:], tuple(mapping))


# ---- preview ----------------------------------------------------------------------------

NEW = "new"
SKIP = "skip"


@dataclass(frozen=True)
class RowPreview:
    """One data row: the person it would add (None when refused), why refused, who it may be."""

    line: int
    full_name: str
    person: PersonInput | None
    role: str
    joined_on: dt.date | None
    errors: tuple[Message, ...]
    matches: tuple[PersonMatch, ...]
    repeats_line: int | None = None  # the same person is on an earlier line of the file

    @property
    def ok(self) -> bool:
        return self.person is not None

    @property
    def default_decision(self) -> str:
        """``new``, ``skip`` or the id of the person this row is taken to be."""
        if not self.ok or self.repeats_line is not None:
            return SKIP
        return self.matches[0].id if self.matches else NEW


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    group_id: str
    rows: tuple[RowPreview, ...]

    def decisions(self) -> dict[int, str]:
        return {r.line: r.default_decision for r in self.rows}


def _text(row: tuple[Cell, ...], mapping: tuple[str, ...], field: str) -> tuple[bool, Cell]:
    for i, f in enumerate(mapping):
        if f == field:
            return True, row[i] if i < len(row) else None
    return False, None


def _row_preview(line: int, row: tuple[Cell, ...], mapping: tuple[str, ...],
                 community_id: str, today: dt.date) -> RowPreview:
    errors: list[Message] = []
    values: dict[str, Cell] = {}
    for i, f in enumerate(mapping):
        if f != IGNORE and i < len(row):
            values[f] = row[i]
    name = cell_text(values.get("full_name"))
    if not name:
        name = " ".join(cell_text(values.get(f)) for f in ("last_name", "first_name", "middle_name")
                        if cell_text(values.get(f)))
    sex = ""
    if not is_blank(values.get("sex")):
        sex = _SEX_WORDS.get(search_key(cell_text(values["sex"])), "")
        if not sex:
            errors.append(Message(N_("Sex \"{value}\" is not understood; write F or M (ж or э, ж or м)."),
                                  value=cell_text(values["sex"])))
    else:
        errors.append(Message(N_("Sex is missing.")))
    sector = Sector.OTHER.value
    if not is_blank(values.get("sector")):
        sector = _SECTOR_WORDS.get(search_key(cell_text(values["sector"])), "")
        if not sector:
            errors.append(Message(N_("Sector \"{value}\" is not understood."), value=cell_text(values["sector"])))
    role = GroupRole.MEMBER.value
    if not is_blank(values.get("role")):
        role = _ROLE_WORDS.get(search_key(cell_text(values["role"])), "")
        if not role:
            errors.append(Message(N_("Role \"{value}\" is not understood."), value=cell_text(values["role"])))
    birth_year = consent = joined = None
    try:
        birth_year = parse_year(values.get("birth_year"))
    except ValueError:
        errors.append(Message(N_("Birth year \"{value}\" is not a year or a date."),
                              value=cell_text(values.get("birth_year"))))
    for field, label in (("consent_date", N_("Consent date")), ("joined_on", N_("Joined on"))):
        try:
            d = parse_date(values.get(field))
        except ValueError:
            errors.append(Message(N_("{what} \"{value}\" is not a date (e.g. 31.12.2024)."),
                                  what=Message(label), value=cell_text(values.get(field))))
            continue
        if field == "consent_date":
            consent = d
        else:
            joined = d
    inp = PersonInput(full_name=name, sex=sex or Sex.FEMALE.value, sector=sector or Sector.OTHER.value,
                      community_id=community_id, birth_year=birth_year,
                      phone=cell_text(values.get("phone")) or None, pin=cell_text(values.get("pin")) or None,
                      organisation=cell_text(values.get("organisation")),
                      position=cell_text(values.get("position")),
                      consent_date=consent, notes=cell_text(values.get("notes")))
    clean: PersonInput | None = None
    try:
        clean = rosters.validate_person(inp, today)
    except ValidationError as exc:
        errors.extend(m for f, m in exc.errors.items() if not (f == "sex" and not sex))
    if errors or clean is None:
        return RowPreview(line, name, None, role, joined, tuple(errors), ())
    return RowPreview(line, clean.full_name, clean, role, joined, (), ())


def preview(store: Store, roster: Roster, group_id: str, *, today: dt.date | None = None) -> ImportPreview:
    """Validate every row and find the people already stored; nothing is saved (a dry run)."""
    today = today or dt.date.today()
    if "full_name" not in roster.mapping and "last_name" not in roster.mapping:
        raise UserError(N_("Say which column holds the names (full name, or surname and given name)."))
    with store.read() as s:
        group = s.get(AdvisoryGroup, group_id)
        if group is None or group.deleted:
            raise NotFound(N_("That group no longer exists."))
        community_id = group.community_id
        # One pass over the people stored. A row whose PIN or name key (same or unknown birth
        # year) is stored is matched from here; only rows sharing two name words with someone
        # else go to rosters.find_duplicates (a patronymic more or less). Asking the matcher
        # about every row costs a query each: minutes for 10,000 rows already stored.
        by_pin: dict[str, list[Found]] = defaultdict(list)
        by_key: dict[str, list[Found]] = defaultdict(list)
        pairs: set[tuple[str, str]] = set()
        for pid, dkey, pin, name, year, cname in s.execute(
                select(Person.id, Person.dup_key, Person.pin, Person.full_name, Person.birth_year,
                       Community.name_en)
                .join(Community, Community.id == Person.community_id)
                .where(Person.deleted.is_(False))):
            found: Found = (pid, name, year, cname, pin)
            if pin:
                by_pin[pin].append(found)
            by_key[dkey or ""].append(found)
            words = sorted(set((dkey or "").split()))
            pairs.update((a, b) for i, a in enumerate(words) for b in words[i + 1:])
    out: list[RowPreview] = []
    seen: dict[tuple[str, int | None], int] = {}
    seen_pin: dict[str, int] = {}
    exact_rows: list[tuple[int, list[Found]]] = []
    for line, row in zip(roster.lines, roster.rows, strict=True):
        r = _row_preview(line, row, roster.mapping, community_id, today)
        if r.person is not None:
            p = r.person
            key = duplicate_key(p.full_name)
            earlier = (seen_pin.get(p.pin) if p.pin else None) or seen.get((key, p.birth_year))
            if earlier is not None:
                r = replace(r, repeats_line=earlier, errors=(Message(
                    N_("The same person as on row {line} of the file."), line=earlier),))
            else:
                seen[(key, p.birth_year)] = line
                if p.pin:
                    seen_pin[p.pin] = line
                exact = {m[0]: m for m in by_pin.get(p.pin or "", [])}
                for m in by_key.get(key, []):
                    if p.birth_year is None or m[2] is None or m[2] == p.birth_year:
                        exact.setdefault(m[0], m)
                words = sorted(set(key.split()))
                if exact:
                    exact_rows.append((len(out), list(exact.values())))
                elif any((a, b) in pairs for i, a in enumerate(words) for b in words[i + 1:]):
                    matches = rosters.find_duplicates(store, p.full_name, p.birth_year, p.pin)
                    r = replace(r, matches=tuple(matches))
        out.append(r)
    if exact_rows:
        ids = list({m[0] for _, ms in exact_rows for m in ms})
        groups: dict[str, list[str]] = defaultdict(list)
        with store.read() as s:
            for i in range(0, len(ids), 900):
                for pid, gname in s.execute(
                        select(Membership.person_id, AdvisoryGroup.name)
                        .join(AdvisoryGroup, AdvisoryGroup.id == Membership.group_id)
                        .where(Membership.person_id.in_(ids[i:i + 900]), Membership.deleted.is_(False),
                               Membership.left_on.is_(None))):
                    groups[pid].append(gname)
        for pos, ms in exact_rows:
            checked = out[pos].person
            pin = checked.pin if checked is not None else None
            out[pos] = replace(out[pos], matches=tuple(
                PersonMatch(pid, name, year, cname, tuple(groups.get(pid, ())),
                            "pin" if pin and mpin == pin else "name")
                for pid, name, year, cname, mpin in ms))
    return ImportPreview(roster.file_name, group_id, tuple(out))


# ---- applying and taking back -----------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    line: int
    full_name: str
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class ImportResult:
    import_id: str
    added: int
    matched: int
    refused: tuple[Refusal, ...]
    already_members: int = 0

    def summary(self, group_name: str) -> tuple[Message, ...]:
        """What the import did, in words the reader's language renders (``Message.render``):
        the counts, and how many of the people matched were members already."""
        lines = [Message(N_("Import {id}: added {added}, matched {matched}, refused {refused} (group '{group}')."),
                         id=self.import_id, added=self.added, matched=self.matched, refused=len(self.refused),
                         group=group_name)]
        if self.already_members:
            lines.append(Message(N_("{n} matched people were already members of the group."),
                                 n=self.already_members))
        return tuple(lines)


def apply_import(store: Store, pv: ImportPreview, decisions: Mapping[int, str] | None = None,
                 *, joined_on: dt.date | None = None) -> ImportResult:
    """Save the rows in one unit of work. ``decisions`` maps a row's line to ``new``, ``skip``
    or the id of an existing person ("same as"); rows left out get their default decision."""
    chosen = pv.decisions()
    chosen.update(decisions or {})
    day = joined_on or dt.date.today()
    refused: list[Refusal] = []
    new_rows: list[tuple[RowPreview, PersonInput]] = []  # the row and its checked person
    same: list[tuple[RowPreview, str]] = []
    for r in pv.rows:
        d = chosen.get(r.line, SKIP)
        if r.person is None or (r.repeats_line is not None and d == r.default_decision):
            refused.append(Refusal(r.line, r.full_name, r.errors))
        elif d == NEW:
            new_rows.append((r, r.person))
        elif d == SKIP:
            refused.append(Refusal(r.line, r.full_name, (Message(N_("Left out by the user.")),)))
        else:
            same.append((r, d))
    now = utcnow()
    import_id = new_id()
    with store.uow() as s:
        group = s.get(AdvisoryGroup, pv.group_id)
        if group is None or group.deleted:
            raise NotFound(N_("That group no longer exists."))
        inst_id = s.info["installation_id"]
        person_rows: list[dict[str, object]] = []
        member_rows: list[dict[str, object]] = []
        for r, person in new_rows:
            pid = new_id()
            person_rows.append(dict(rosters._person_values(person), id=pid))
            member_rows.append(dict(id=new_id(), person_id=pid, group_id=pv.group_id, role=r.role,
                                    joined_on=r.joined_on or day, left_on=None))
        active = set(s.scalars(select(Membership.person_id).where(
            Membership.group_id == pv.group_id, Membership.deleted.is_(False), Membership.left_on.is_(None))))
        already = matched = 0
        wanted = list({pid for _r, pid in same})
        alive: set[str] = set()
        for i in range(0, len(wanted), 900):
            alive.update(s.scalars(select(Person.id).where(Person.id.in_(wanted[i:i + 900]),
                                                           Person.deleted.is_(False))))
        for r, pid in same:
            if pid not in alive:
                refused.append(Refusal(r.line, r.full_name, (Message(N_("The person chosen no longer exists.")),)))
                continue
            matched += 1
            if pid in active:
                already += 1
                continue
            active.add(pid)
            member_rows.append(dict(id=new_id(), person_id=pid, group_id=pv.group_id, role=r.role,
                                    joined_on=r.joined_on or day, left_on=None))
        n = len(person_rows) + len(member_rows)
        first = allocate_counters(s, n) if n else 0
        stamp = dict(created_at=now, updated_at=now, changed_by=inst_id, deleted=False)
        for i, row in enumerate(person_rows + member_rows):
            row.update(stamp, change_counter=first + i)
        conn = s.connection()
        if person_rows:
            conn.execute(insert(Person), person_rows)
        if member_rows:
            conn.execute(insert(Membership), member_rows)
        items = ([dict(import_id=import_id, entity="people", record_id=r["id"]) for r in person_rows]
                 + [dict(import_id=import_id, entity="memberships", record_id=r["id"]) for r in member_rows])
        if items:
            conn.execute(insert(RosterImportItem), items)
        s.add(RosterImport(id=import_id, at=now, file_name=pv.file_name[:300], group_id=pv.group_id,
                           user_name=s.info.get("user_name", ""), added=len(person_rows), matched=matched,
                           refused=len(refused)))
        if n:
            conn.execute(insert(AuditEntry), [dict(
                id=new_id(), at=now, installation_id=inst_id, user_name=s.info.get("user_name", ""),
                action="bulk", entity="people", entity_id="", counter=first + n - 1,
                changes={"import": import_id, "file": pv.file_name, "added": len(person_rows),
                         "memberships": len(member_rows), "counters": [first, first + n - 1],
                         "group_id": pv.group_id})])
    refused.sort(key=lambda x: x.line)
    return ImportResult(import_id, len(person_rows), matched, tuple(refused), already)


@dataclass(frozen=True)
class ImportInfo:
    id: str
    at: dt.datetime
    file_name: str
    group_id: str
    group_name: str
    user_name: str
    added: int
    matched: int
    refused: int
    undone_at: dt.datetime | None


def list_imports(store: Store) -> list[ImportInfo]:
    """Every roster import of this installation, newest first."""
    with store.read() as s:
        q = (select(RosterImport, AdvisoryGroup.name)
             .outerjoin(AdvisoryGroup, AdvisoryGroup.id == RosterImport.group_id)
             .order_by(RosterImport.at.desc()))
        return [ImportInfo(i.id, i.at, i.file_name, i.group_id, gname or "", i.user_name, i.added, i.matched,
                           i.refused, i.undone_at) for i, gname in s.execute(q)]


def undo_import(store: Store, import_id: str) -> int:
    """Take an import back as a whole: tombstone the people and memberships it created (in one
    unit of work; every tombstone is an ordinary change that travels). Returns the records
    tombstoned."""
    with store.uow() as s:
        imp = s.get(RosterImport, import_id)
        if imp is None:
            raise NotFound(N_("That import was not found."))
        if imp.undone_at is not None:
            raise UserError(N_("This import was already taken back."))
        items = s.execute(select(RosterImportItem.entity, RosterImportItem.record_id)
                          .where(RosterImportItem.import_id == import_id)).all()
        n = 0
        for model, entity in ((Membership, "memberships"), (Person, "people")):
            ids = [rid for e, rid in items if e == entity]
            for i in range(0, len(ids), 500):
                rows = s.scalars(select(model).where(model.id.in_(ids[i:i + 500]), model.deleted.is_(False)))
                for obj in cast(Iterable[Membership | Person], rows):
                    obj.deleted = True
                    n += 1
        imp.undone_at = utcnow()
        return n


def find_group(store: Store, name: str) -> rosters.GroupInfo:
    """The advisory group called *name* (any case or script); this office's community first."""
    from ..installation import get_installation

    key = search_key(name)
    found = [g for g in rosters.list_groups(store) if search_key(g.name) == key or g.id == name.strip()]
    if len(found) > 1:
        home = get_installation(store).community_id
        local = [g for g in found if g.community_id == home]
        found = local if len(local) == 1 else found
    if not found:
        raise NotFound(N_("There is no advisory group called \"{name}\"."), name=name)
    if len(found) > 1:
        raise UserError(N_("Several groups are called \"{name}\"; give the group's id instead."), name=name)
    return found[0]
