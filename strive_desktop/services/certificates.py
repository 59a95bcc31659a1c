"""The certificate register: who gets a certificate, serial numbers, verification, revocation.

A serial is unique across installations without any coordination: it holds the community,
the year, a short id of the installation that issued it and that installation's own running
number, e.g. ``NOO-2026-3FA2C1-0007``. Printing again reuses the serial. A random
verification code is stored with the certificate and printed in the QR code, so a printed
copy can be checked against the register (the register travels to headquarters with sync).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import io
import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..errors import NotFound, UserError
from ..i18n import N_, Message, Number, Percent, os_reason
from ..storage.db import Store, allocate_counters
from ..storage.dialect import json_is_true, json_text
from ..storage.files import read_sealed, write_sealed
from ..storage.models import (
    Attendance,
    AuditEntry,
    Certificate,
    Person,
    Setting,
    TrainingSession,
    new_id,
    utcnow,
)
from .installation import CommunityInfo, get_community
from .trainings import AttendanceSheet, ParticipantAttendance, TrainingInfo, attendance_sheet

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
QR_PREFIX = "STRIVE-CERT"
LANGUAGES = ("ky", "ru", "en", "bilingual")
BILINGUAL = ("ky", "ru")


# ---- serials ---------------------------------------------------------------------------


def community_prefix(code: str) -> str:
    """Three letters for a community code: nookat -> NOO, kara-balta -> KBA, chek-abad -> CAB."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", code) if p]
    if not parts:
        return "XXX"
    if len(parts) == 1:
        return parts[0][:3].upper().ljust(3, "X")
    return (parts[0][0] + parts[1][:2]).upper().ljust(3, "X")


def installation_tag(installation_id: str) -> str:
    return installation_id.replace("-", "")[:6].upper()


def new_verification_codes(n: int) -> list[str]:
    """*n* random 10-character codes: the low 5 bits of a random byte pick one of the 32 letters,
    each as likely as the others (as secrets.choice would, one system call for the batch)."""
    data = secrets.token_bytes(10 * n)
    return ["".join([CODE_ALPHABET[b & 31] for b in data[i:i + 10]]) for i in range(0, 10 * n, 10)]


# ---- what the PDFs and the dialog need -------------------------------------------------------


@dataclass(frozen=True)
class CertificateRecord:
    """One certificate with everything printed on it."""

    id: str
    serial: str
    verification_code: str
    issued_on: dt.date
    revoked: bool
    revoked_reason: str
    person_id: str
    full_name: str
    training_id: str
    training_title: str
    phase: str
    community: CommunityInfo
    start: dt.date | None
    end: dt.date | None
    hours_attended: float
    hours_total: float
    # The issuing installation's Ed25519 signature over the facts (services/certificate_signing.py);
    # empty until signed.
    signature: bytes = b""
    # The signers and logos printed when it was issued (JSON, see look_json); "" for older entries.
    look: str = ""
    # The training's titles: as typed, in Russian, in English ("" where none); see in_language
    titles: tuple[str, str, str] = ("", "", "")

    def in_language(self, lang: str) -> CertificateRecord:
        """The record as printed in *lang* (ky, ru, en, bilingual): the training's title in that
        language where the training has one, else the title as typed (what is signed too)."""
        title = {"ru": self.titles[1], "en": self.titles[2]}.get(lang, "") or self.titles[0] or self.training_title
        return dataclasses.replace(self, training_title=title)

    def title_variants(self) -> list[CertificateRecord]:
        """The record with each of the training's titles (the one it has first): a certificate
        printed in another language carries that language's title."""
        out = [self]
        for title in self.titles:
            if title and title not in [r.training_title for r in out]:
                out.append(dataclasses.replace(self, training_title=title))
        return out

    @property
    def qr_text(self) -> str:
        """What the QR code carries: "SC2:<serial>:<signature>" once signed (docs/certificate-qr.md);
        unsigned, the older plain text (serial, name, training and verification code, one a line)."""
        if self.signature:
            return f"SC2:{self.serial}:{base64.b32encode(self.signature).decode('ascii').rstrip('=')}"
        return "\n".join((QR_PREFIX, self.serial, self.full_name, self.training_title,
                          self.verification_code))


@dataclass(frozen=True)
class Excluded:
    participant: ParticipantAttendance
    reason: Message


@dataclass(frozen=True)
class Included:
    participant: ParticipantAttendance
    serial: str  # "" when no certificate was issued yet


@dataclass(frozen=True)
class CertificateBatch:
    """Who gets a certificate for a training, and who does not and why."""

    training: TrainingInfo
    community: CommunityInfo
    min_share: float
    included: tuple[Included, ...]
    excluded: tuple[Excluded, ...] = field(default_factory=tuple)


def batch_preview(store: Store, training_id: str) -> CertificateBatch:
    sheet = attendance_sheet(store, training_id)
    community = get_community(store, sheet.training.community_id)
    with store.read() as s:
        existing = _existing(s, training_id)
    return _preview(sheet, community, existing)


_CERT_COLUMNS = (Certificate.id, Certificate.serial, Certificate.verification_code, Certificate.issued_on,
                 Certificate.revoked, Certificate.revoked_reason, Certificate.person_id, Certificate.deleted,
                 Certificate.look)


def _existing(s: Session, training_id: str) -> dict[str, Any]:
    """The training's certificates in the register (deleted ones included) by person, as plain rows."""
    return {row.person_id: row for row in s.execute(
        select(*_CERT_COLUMNS).where(Certificate.training_id == training_id))}


def _preview(sheet: AttendanceSheet, community: CommunityInfo, existing: dict[str, Any]) -> CertificateBatch:
    inc: list[Included] = []
    exc: list[Excluded] = []
    for p in sheet.participants:
        cert = existing.get(p.person_id)
        if cert is not None and (cert.deleted or cert.revoked):
            cert = None  # a revoked certificate is withdrawn: the next print issues a new serial
        if not p.completed:
            need = sheet.rule.min_share * p.hours_total
            exc.append(Excluded(p, Message(
                N_("Attended {attended} of {total} hours ({rate}); the rule asks for {need} hours ({share})."),
                attended=Number(p.hours_attended), total=Number(p.hours_total), rate=Percent(p.rate * 100),
                need=Number(need), share=Percent(sheet.rule.min_share * 100))))
        else:
            inc.append(Included(p, cert.serial if cert is not None else ""))
    return CertificateBatch(sheet.training, community, sheet.rule.min_share, tuple(inc), tuple(exc))


def _next_number(s: Session, prefix: str) -> int:
    last = 0
    for serial in s.scalars(select(Certificate.serial).where(Certificate.serial.like(prefix + "%"))):
        tail = serial[len(prefix):]
        if tail.isdigit():
            last = max(last, int(tail))
    return last + 1


def issue_certificates(store: Store, training_id: str, person_ids: Sequence[str] | None = None, *,
                       issued_on: dt.date | None = None) -> list[CertificateRecord]:
    """Enter certificates in the register (or find the ones already there) and return them.

    Without *person_ids*, everyone who completed the training. Naming someone who did not complete
    it is refused. Someone whose certificate was revoked gets a new one with a new serial and code;
    the revoked serial still verifies as revoked.

    One unit of work whatever the batch size: the register is read once, new certificates go in
    with one executemany (stamped for sync like the ORM's before_flush stamps a row, with the
    same per-certificate audit entries), so 1,000 new serials cost milliseconds, not seconds.
    """
    sheet = attendance_sheet(store, training_id)
    community = get_community(store, sheet.training.community_id)
    # the community's signers and logos, kept with each new entry: a reprint matches it
    look = look_json(get_certificate_settings(store, sheet.training.community_id))
    today = issued_on or dt.date.today()
    year = (sheet.training.end or today).year
    with store.uow() as s:
        inst_id = s.info["installation_id"]
        if not inst_id:
            raise UserError(N_("This data folder is not set up yet. Run 'init' or start the app to set it up."))
        # Read under the write lock: what is decided below cannot be overtaken by another writer.
        existing = _existing(s, training_id)
        batch = _preview(sheet, community, existing)
        chosen = _chosen(batch, person_ids)
        prefix = f"{community_prefix(community.code)}-{year}-{installation_tag(inst_id)}-"
        revived = [existing[p.person_id].id for p in chosen
                   if p.person_id in existing and existing[p.person_id].deleted
                   and not existing[p.person_id].revoked]
        reissued = [existing[p.person_id].id for p in chosen
                    if p.person_id in existing and existing[p.person_id].revoked]
        number = _next_number(s, prefix)
        if reissued:
            # One row per person and training: the revoked entry becomes the new certificate with a
            # new serial and code; the audit log keeps the withdrawn serial (see _withdrawn).
            by_id = {c.id: c for c in s.scalars(select(Certificate).where(Certificate.id.in_(reissued)))}
            for cid, code in zip(reissued, new_verification_codes(len(reissued)), strict=True):
                cert = by_id[cid]
                cert.serial, number = f"{prefix}{number:04d}", number + 1
                cert.verification_code = code
                cert.revoked, cert.revoked_reason, cert.deleted = False, "", False
                cert.issued_on = today
                cert.look = look
            s.flush()
            existing = _existing(s, training_id)
        if revived:  # a deleted entry printed again comes back (through the ORM: a normal update)
            for cert in s.scalars(select(Certificate).where(Certificate.id.in_(revived))):
                cert.deleted = False
            s.flush()
        new = list({p.person_id: p for p in chosen if p.person_id not in existing}.values())  # once each
        rows: dict[str, Any] = dict(existing)
        if new:
            first = allocate_counters(s, len(new))
            now = utcnow()
            user = s.info.get("user_name", "")
            values, audit = [], []
            for i, (p, code) in enumerate(zip(new, new_verification_codes(len(new)), strict=True)):
                row: dict[str, Any] = dict(id=new_id(), serial=f"{prefix}{number + i:04d}", person_id=p.person_id,
                           training_id=training_id, issued_on=today, verification_code=code, revoked=False,
                           revoked_reason="", deleted=False, look=look)
                audit.append(dict(id=new_id(), at=now, installation_id=inst_id, user_name=user, action="insert",
                                  entity=Certificate.__tablename__, entity_id=row["id"], counter=first + i,
                                  changes=dict(row, issued_on=today.isoformat())))
                values.append(dict(row, created_at=now, updated_at=now, changed_by=inst_id,
                                   change_counter=first + i))
                rows[p.person_id] = _NewRow(**row)
            conn = s.connection()
            conn.execute(insert(Certificate), values)
            conn.execute(insert(AuditEntry), audit)
        return [_record(rows[p.person_id], p.full_name, batch.training, community, p.hours_attended)
                for p in chosen]


@dataclass(frozen=True)
class _NewRow:
    id: str
    serial: str
    person_id: str
    training_id: str
    issued_on: dt.date
    verification_code: str
    revoked: bool
    revoked_reason: str
    deleted: bool
    look: str = ""


def _chosen(batch: CertificateBatch, person_ids: Sequence[str] | None) -> list[ParticipantAttendance]:
    """Who is to get a certificate: everyone included, or the named people (refusing the others)."""
    if person_ids is None:
        return [x.participant for x in batch.included]
    by_id = {x.participant.person_id: x.participant for x in batch.included}
    refused = {x.participant.person_id: x for x in batch.excluded}
    chosen = []
    for pid in person_ids:
        if pid in by_id:
            chosen.append(by_id[pid])
        elif pid in refused:
            x = refused[pid]
            raise UserError(N_("No certificate for {name}: {reason}"), name=x.participant.full_name,
                            reason=x.reason)
        else:
            raise NotFound(N_("That person is not on the attendance sheet of this training."))
    return chosen


class _CertificateFields(Protocol):
    """What a certificate record is made from: a stored Certificate, a row just inserted, or
    a row of selected columns."""

    @property
    def id(self) -> str: ...
    @property
    def serial(self) -> str: ...
    @property
    def verification_code(self) -> str: ...
    @property
    def issued_on(self) -> dt.date: ...
    @property
    def revoked(self) -> bool: ...
    @property
    def revoked_reason(self) -> str: ...
    @property
    def person_id(self) -> str: ...


def _record(c: _CertificateFields, name: str, t: TrainingInfo, community: CommunityInfo,
            hours: float) -> CertificateRecord:
    return CertificateRecord(c.id, c.serial, c.verification_code, c.issued_on, c.revoked, c.revoked_reason,
                             c.person_id, name, t.id, t.title, t.phase, community, t.start, t.end, hours,
                             t.total_hours, look=getattr(c, "look", "") or "", titles=(t.title, t.title_ru, t.title_en))


def _find(s: Session, serial: str) -> Certificate:
    cert = s.scalar(select(Certificate).where(Certificate.serial == serial.strip().upper(),
                                              Certificate.deleted.is_(False)))
    if cert is None:
        raise NotFound(N_("There is no certificate {serial} in the register."), serial=serial.strip())
    return cert


def _find_row(s: Session, serial: str) -> _NewRow:
    """The certificate's columns as a plain row (usable after the session ends)."""
    cert = s.execute(select(Certificate.id, Certificate.serial, Certificate.verification_code,
                            Certificate.issued_on, Certificate.revoked, Certificate.revoked_reason,
                            Certificate.person_id, Certificate.training_id, Certificate.look)
                     .where(Certificate.serial == serial.strip().upper(), Certificate.deleted.is_(False))
                     ).one_or_none()
    if cert is None:
        raise NotFound(N_("There is no certificate {serial} in the register."), serial=serial.strip())
    return _NewRow(**cert._asdict(), deleted=False)


def _hours_attended(s: Session, training_id: str,
                    person_id: str | None = None) -> dict[str, float]:
    """Hours each person attended at a training (one person's, or everyone's): what the
    attendance sheet says, from one query instead of building the whole sheet. Summed in
    session order as the sheet does, so the figures are the same to the last bit."""
    q = (select(Attendance.person_id, TrainingSession.hours)
         .join(TrainingSession, TrainingSession.id == Attendance.session_id)
         .join(Person, Person.id == Attendance.person_id)
         .where(TrainingSession.training_id == training_id, TrainingSession.deleted.is_(False),
                Attendance.deleted.is_(False), Attendance.present.is_(True), Person.deleted.is_(False))
         .order_by(TrainingSession.date))
    if person_id is not None:
        q = q.where(Attendance.person_id == person_id)
    hours: dict[str, float] = {}
    for pid, h in s.execute(q):
        hours[pid] = hours.get(pid, 0) + h
    return hours


def _withdrawn(s: Session, serial: str) -> _NewRow | None:
    """A revoked serial that was replaced by a new certificate, as a plain row like _find_row's
    (revoked, with its own code and reason, from the audit entry of the replacement); or None."""
    serial = serial.strip().upper()
    entries = s.scalars(select(AuditEntry).where(
        AuditEntry.entity == Certificate.__tablename__, AuditEntry.action == "update",
        json_text(AuditEntry.changes, "serial", 0) == serial).order_by(AuditEntry.at.desc()))
    for entry in entries:
        ch = entry.changes
        if ch.get("revoked", [None])[0] is not True:
            continue
        cert = s.execute(select(Certificate.issued_on, Certificate.person_id, Certificate.training_id)
                         .where(Certificate.id == entry.entity_id)).one_or_none()
        if cert is None:
            return None
        issued = ch.get("issued_on", [None])[0]
        return _NewRow(id=entry.entity_id, serial=serial,
                       verification_code=ch.get("verification_code", [""])[0] or "",
                       issued_on=dt.date.fromisoformat(issued) if issued else cert.issued_on,
                       revoked=True, revoked_reason=ch.get("revoked_reason", [""])[0] or "",
                       person_id=cert.person_id, training_id=cert.training_id, deleted=False)
    return None


def revoked_serials(store: Store) -> dict[str, str]:
    """Every revoked serial in the register with its reason: the revoked entries, and the serials
    withdrawn and replaced by a new certificate (from the audit log). Headquarters sends this list
    to every office with each return package (sync/trust.py)."""
    out: dict[str, str] = {}
    with store.read() as s:
        for entry in s.scalars(select(AuditEntry).where(
                AuditEntry.entity == Certificate.__tablename__, AuditEntry.action == "update",
                json_is_true(AuditEntry.changes, "revoked", 0))):
            old = entry.changes.get("serial", [None])[0]
            if isinstance(old, str) and old:
                out[old] = str(entry.changes.get("revoked_reason", [""])[0] or "")
        for serial, reason in s.execute(select(Certificate.serial, Certificate.revoked_reason)
                                        .where(Certificate.revoked.is_(True), Certificate.deleted.is_(False))):
            out[serial] = reason or ""
    return dict(sorted(out.items()))


def lookup(store: Store, serial: str) -> CertificateRecord:
    """A certificate from the register by its serial (revoked ones included, also those
    replaced by a new certificate after the revocation)."""
    from .trainings import get_training

    with store.read() as s:
        try:
            cert = _find_row(s, serial)
        except NotFound:
            withdrawn = _withdrawn(s, serial)
            if withdrawn is None:
                raise
            cert = withdrawn
        name = s.scalar(select(Person.full_name).where(Person.id == cert.person_id)) or ""
        hours = _hours_attended(s, cert.training_id, cert.person_id).get(cert.person_id, 0.0)
    training = get_training(store, cert.training_id)
    return _record(cert, name, training, get_community(store, training.community_id), hours)


def lookup_many(store: Store, serials: Sequence[str]) -> dict[str, CertificateRecord]:
    """The certificates of *serials* found in the register (revoked ones included), by serial:
    one read for all of them, each training, its hours and its community read once."""
    from .trainings import get_training

    wanted = sorted({x.strip().upper() for x in serials if x and x.strip()})
    rows: list[Any] = []
    hours: dict[str, dict[str, float]] = {}
    with store.read() as s:
        for i in range(0, len(wanted), 900):
            rows += s.execute(select(*_CERT_COLUMNS, Certificate.training_id, Person.full_name)
                              .join(Person, Person.id == Certificate.person_id)
                              .where(Certificate.serial.in_(wanted[i:i + 900]), Certificate.deleted.is_(False))).all()
        for tid in {r.training_id for r in rows}:
            hours[tid] = _hours_attended(s, tid)
    found: dict[str, CertificateRecord] = {}
    trainings: dict[str, tuple[TrainingInfo, CommunityInfo]] = {}
    for r in rows:
        if r.training_id not in trainings:
            t = get_training(store, r.training_id)
            trainings[r.training_id] = (t, get_community(store, t.community_id))
        t, community = trainings[r.training_id]
        found[r.serial] = _record(r, r.full_name, t, community, hours[r.training_id].get(r.person_id, 0.0))
    for serial in wanted:  # withdrawn serials (revoked, then replaced) come from the audit log
        if serial not in found:
            try:
                found[serial] = lookup(store, serial)
            except NotFound:
                pass
    return found


def verify(store: Store, serial: str, code: str) -> CertificateRecord:
    """Check a printed certificate: the serial exists, the code matches, it is not revoked."""
    rec = lookup(store, serial)
    if not secrets.compare_digest(rec.verification_code, code.strip().upper().replace(" ", "")):
        raise UserError(N_("The verification code does not match certificate {serial}: the copy is not genuine."),
                        serial=rec.serial)
    if rec.revoked:
        raise UserError(N_("Certificate {serial} was revoked: {reason}"), serial=rec.serial,
                        reason=rec.revoked_reason)
    return rec


def revoke(store: Store, serial: str, reason: str) -> None:
    reason = " ".join((reason or "").split())
    if not reason:
        raise UserError(N_("Say why the certificate is revoked; the reason is kept in the register."))
    with store.uow() as s:
        cert = _find(s, serial)
        if cert.revoked:
            raise UserError(N_("Certificate {serial} is already revoked."), serial=cert.serial)
        cert.revoked = True
        cert.revoked_reason = reason


def list_certificates(store: Store, training_id: str) -> list[CertificateRecord]:
    """Every certificate of a training in the register, revoked ones included."""
    from .trainings import get_training

    t = get_training(store, training_id)
    community = get_community(store, t.community_id)
    with store.read() as s:
        hours = _hours_attended(s, training_id)
        rows = s.execute(select(*_CERT_COLUMNS, Person.full_name).join(Person, Person.id == Certificate.person_id)
                         .where(Certificate.training_id == training_id, Certificate.deleted.is_(False))
                         .order_by(Certificate.serial)).all()
    return [_record(c, c.full_name, t, community, hours.get(c.person_id, 0.0)) for c in rows]


# ---- settings: signatories and logos -----------------------------------------------------------

SETTING_PREFIX = "certificate."
LOGO_DIR = "logos"


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def in_language(lang: str, typed: str, ru: str = "", en: str = "") -> str:
    """A settings text for a certificate in *lang*: the Russian or English version where one is
    given; otherwise the text as typed (Kyrgyz, or the office's own wording), except that Cyrillic
    text never goes on the English certificate (each certificate in its language throughout)."""
    given = {"ru": ru, "en": en}.get(lang, "")
    if given:
        return given
    if lang == "en" and _cyrillic(typed):
        return ""
    return typed


def in_languages(langs: Sequence[str], typed: str, ru: str = "", en: str = "") -> str:
    """The texts for every language of a certificate (one, or ky and ru), the same once."""
    seen: list[str] = []
    for lang in langs:
        text = in_language(lang, typed, ru, en)
        if text and text not in seen:
            seen.append(text)
    return " / ".join(seen)


@dataclass(frozen=True)
class Signatory:
    name: str = ""
    title: str = ""  # as typed (Kyrgyz): printed where no title of the certificate's language is given
    title_ru: str = ""
    title_en: str = ""

    def for_languages(self, langs: Sequence[str]) -> Signatory:
        """The signer as printed on a certificate in *langs*: one title line in its language(s)."""
        return Signatory(self.name, in_languages(langs, self.title, self.title_ru, self.title_en))


@dataclass(frozen=True)
class CertificateSettings:
    signatories: tuple[Signatory, Signatory] = (Signatory(), Signatory())
    logo_left: str = ""  # file name inside <data folder>/logos, "" for none
    logo_right: str = ""
    issuer: str = ""  # an extra line under the programme name, e.g. the implementing partner (as typed)
    logo_centre: str = ""  # a third logo, top centre (UNDP, the EU and the ayil okmotu make three)
    issuer_ru: str = ""  # the extra line in Russian and in English (optional)
    issuer_en: str = ""

    def issuer_for(self, langs: Sequence[str]) -> str:
        return in_languages(langs, self.issuer, self.issuer_ru, self.issuer_en)


# Headquarters keeps one set per community besides its own (the default for a community with none):
# the rows "certificate@<community id>.<key>", with "set_at" (when it was last saved) marking the set.
COMMUNITY_PREFIX = "certificate@"
SET_AT = "set_at"


def _prefix(community_id: str | None) -> str:
    return f"{COMMUNITY_PREFIX}{community_id}." if community_id else SETTING_PREFIX


def _rows(s: Session, prefix: str) -> dict[str, str]:
    return {k[len(prefix):]: v for k, v in s.execute(
        select(Setting.key, Setting.value).where(Setting.key.startswith(prefix, autoescape=True)))}


def _from_rows(rows: dict[str, str]) -> CertificateSettings:
    def g(key: str) -> str:
        return rows.get(key, "")

    def sig(i: int) -> Signatory:
        return Signatory(g(f"signatory{i}.name"), g(f"signatory{i}.title"), g(f"signatory{i}.title.ru"),
                         g(f"signatory{i}.title.en"))

    return CertificateSettings((sig(1), sig(2)), g("logo_left"), g("logo_right"), g("issuer"),
                               g("logo_centre"), g("issuer.ru"), g("issuer.en"))


def get_certificate_settings(store: Store, community_id: str | None = None) -> CertificateSettings:
    """The certificate settings: this installation's, or (headquarters) those it keeps for
    *community_id*, which are its own where it keeps none for that community."""
    with store.read() as s:
        rows = _rows(s, _prefix(community_id)) if community_id else {}
        if SET_AT not in rows:
            rows = _rows(s, SETTING_PREFIX)
    return _from_rows(rows)


@dataclass(frozen=True)
class CommunityLook:
    """Whether headquarters keeps certificate settings of a community's own, and since when."""

    community_id: str
    own: bool
    set_at: dt.datetime | None = None


def community_look(store: Store, community_id: str) -> CommunityLook:
    with store.read() as s:
        raw = s.scalar(select(Setting.value).where(Setting.key == _prefix(community_id) + SET_AT))
    if raw is None:
        return CommunityLook(community_id, False)
    try:
        return CommunityLook(community_id, True, dt.datetime.fromisoformat(raw))
    except ValueError:
        return CommunityLook(community_id, True)


def clear_community_settings(store: Store, community_id: str) -> int:
    """Headquarters: the community's certificates go back to the settings for every community
    (returns how many settings rows were removed)."""
    prefix = _prefix(community_id)
    with store.uow() as s:
        rows = list(s.scalars(select(Setting).where(Setting.key.startswith(prefix, autoescape=True))))
        for row in rows:
            s.delete(row)
        return len(rows)


def certificate_setting_rows(settings: CertificateSettings, prefix: str = SETTING_PREFIX) -> dict[str, str]:
    """The settings rows (key -> value, spaces collapsed) that hold *settings*."""
    values = {"logo_left": settings.logo_left, "logo_right": settings.logo_right, "issuer": settings.issuer,
              "logo_centre": settings.logo_centre, "issuer.ru": settings.issuer_ru, "issuer.en": settings.issuer_en}
    for i, sig in enumerate(settings.signatories, start=1):
        values.update({f"signatory{i}.name": sig.name, f"signatory{i}.title": sig.title,
                       f"signatory{i}.title.ru": sig.title_ru, f"signatory{i}.title.en": sig.title_en})
    return {prefix + key: " ".join(value.split()) for key, value in values.items()}


def save_certificate_settings(store: Store, settings: CertificateSettings,
                              also: dict[str, str] | None = None, *, community_id: str | None = None) -> None:
    """Save the certificate settings (and the settings rows *also*) in one unit of work: this
    installation's, or (headquarters) those of *community_id*."""
    prefix = _prefix(community_id)
    clean = certificate_setting_rows(settings, prefix)
    if any(len(v) > 200 for v in clean.values()):
        raise UserError(N_("Keep names and titles on certificates under 200 characters."))
    if community_id:
        get_community(store, community_id)  # NotFound for an unknown community
        clean[prefix + SET_AT] = utcnow().isoformat()
    clean.update(also or {})
    with store.uow() as s:  # one unit of work for the whole form
        for key, value in clean.items():
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value


def missing_look(store: Store, training_id: str) -> tuple[bool, bool]:
    """(no signer set, no logo set) for new certificates of a training (its community's settings)."""
    from .trainings import get_training

    cfg = get_certificate_settings(store, get_training(store, training_id).community_id)
    signers = any(x.name.strip() or x.title.strip() for x in cfg.signatories)
    logos = any(logo_path(store, name) for name in (cfg.logo_left, cfg.logo_centre, cfg.logo_right))
    return not signers, not logos


LOOK_VERSION = 1


def look_json(cfg: CertificateSettings) -> str:
    """The settings a certificate is printed with, as kept in its register entry (certificates.look)."""
    return json.dumps({"v": LOOK_VERSION, "signatories": [dataclasses.asdict(x) for x in cfg.signatories],
                       "issuer": cfg.issuer, "issuer_ru": cfg.issuer_ru, "issuer_en": cfg.issuer_en,
                       "logo_left": cfg.logo_left, "logo_centre": cfg.logo_centre, "logo_right": cfg.logo_right},
                      ensure_ascii=False, sort_keys=True)


def look_settings(text: str) -> CertificateSettings | None:
    """The settings kept with a register entry, or None (an older entry, or one not readable)."""
    if not text:
        return None
    try:
        doc = json.loads(text)
        fields = {f.name for f in dataclasses.fields(Signatory)}
        sigs = [Signatory(**{k: str(v) for k, v in x.items() if k in fields}) for x in doc["signatories"]][:2]
        sigs += [Signatory()] * (2 - len(sigs))
        return CertificateSettings((sigs[0], sigs[1]), str(doc.get("logo_left", "")), str(doc.get("logo_right", "")),
                                   str(doc.get("issuer", "")), str(doc.get("logo_centre", "")),
                                   str(doc.get("issuer_ru", "")), str(doc.get("issuer_en", "")))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def import_logo(store: Store, source: Path) -> str:
    """Copy an image into the data folder (so it travels with it); return the name to store."""
    source = Path(source)
    if source.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise UserError(N_("A logo must be a PNG or JPEG image."))
    try:
        from reportlab.lib.utils import ImageReader

        ImageReader(str(source)).getSize()
    except Exception:  # noqa: BLE001 - any failure means "not an image we can print"
        raise UserError(N_("{path} is not an image that can be printed."), path=str(source)) from None
    folder = store.folder.root / LOGO_DIR
    name = f"{secrets.token_hex(8)}{source.suffix.lower()}"  # a random name: never the file's own
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UserError(N_("The logo could not be copied: {reason}"), reason=os_reason(exc)) from exc
    write_sealed(folder / name, data, store.subkey("files"))  # encrypted at rest (storage/files.py)
    return name


def logo_path(store: Store, name: str) -> Path | None:
    """The logo file for a stored name, or None when none is set or the file went missing."""
    if not name:
        return None
    p = store.folder.root / LOGO_DIR / name
    return p if p.is_file() else None


def logo_image(store: Store, name: str) -> io.BytesIO | None:
    """The logo's image (decrypted) for a stored name, to print or show; None when none is set
    or the file went missing."""
    path = logo_path(store, name)
    return None if path is None else io.BytesIO(read_sealed(path, store.subkey("files")))


def all_logos(store: Store) -> list[io.BytesIO]:
    """Every logo in the data folder's logos/ (decrypted), in name order (the donor summary)."""
    folder = store.folder.root / LOGO_DIR
    if not folder.is_dir():
        return []
    key = store.subkey("files")
    return [io.BytesIO(read_sealed(p, key)) for p in sorted(folder.iterdir())
            if p.is_file() and p.suffix.lower() in (".png", ".jpg", ".jpeg")]
