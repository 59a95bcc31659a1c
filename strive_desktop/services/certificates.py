"""The certificate register: who gets a certificate, serial numbers, verification, revocation.

A serial is unique across installations without any coordination: it holds the community,
the year, a short id of the installation that issued it and that installation's own running
number, e.g. ``NOO-2026-3FA2C1-0007``. Printing again reuses the serial. A random
verification code is stored with the certificate and printed in the QR code, so a printed
copy can be checked against the register (the register travels to headquarters with sync).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..errors import NotFound, UserError
from ..i18n import N_, Message
from ..storage.db import Store
from ..storage.models import Certificate, Installation, Person, new_id
from .installation import CommunityInfo, get_community, get_setting, set_setting
from .trainings import ParticipantAttendance, TrainingInfo, attendance_sheet

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


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


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

    @property
    def qr_text(self) -> str:
        """What the QR code carries: serial, name, training and verification code, one a line."""
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
        existing = {row.person_id: row for row in s.execute(
            select(Certificate.person_id, Certificate.serial, Certificate.revoked, Certificate.revoked_reason)
            .where(Certificate.training_id == training_id, Certificate.deleted.is_(False)))}
    inc: list[Included] = []
    exc: list[Excluded] = []
    for p in sheet.participants:
        cert = existing.get(p.person_id)
        if cert is not None and cert.revoked:
            exc.append(Excluded(p, Message(N_("Certificate {serial} was revoked: {reason}"),
                                           serial=cert.serial, reason=cert.revoked_reason)))
        elif not p.completed:
            need = sheet.rule.min_share * p.hours_total
            exc.append(Excluded(p, Message(
                N_("Attended {attended} of {total} hours ({rate}%); the rule asks for {need} hours ({share}%)."),
                attended=f"{p.hours_attended:g}", total=f"{p.hours_total:g}", rate=round(p.rate * 100),
                need=f"{need:g}", share=round(sheet.rule.min_share * 100))))
        else:
            inc.append(Included(p, cert.serial if cert is not None else ""))
    return CertificateBatch(sheet.training, community, sheet.rule.min_share, tuple(inc), tuple(exc))


def _next_number(s, prefix: str) -> int:  # type: ignore[no-untyped-def]
    last = 0
    for serial in s.scalars(select(Certificate.serial).where(Certificate.serial.like(prefix + "%"))):
        tail = serial[len(prefix):]
        if tail.isdigit():
            last = max(last, int(tail))
    return last + 1


def issue_certificates(store: Store, training_id: str, person_ids: Sequence[str] | None = None, *,
                       issued_on: dt.date | None = None) -> list[CertificateRecord]:
    """Enter certificates in the register (or find the ones already there) and return them.

    Without *person_ids*, everyone who completed the training and whose certificate was not
    revoked. Naming someone who did not complete it, or whose certificate was revoked, is refused.
    """
    batch = batch_preview(store, training_id)
    by_id = {x.participant.person_id: x.participant for x in batch.included}
    if person_ids is None:
        chosen = [x.participant for x in batch.included]
    else:
        refused = {x.participant.person_id: x for x in batch.excluded}
        chosen = []
        for pid in person_ids:
            if pid in by_id:
                chosen.append(by_id[pid])
            elif pid in refused:
                x = refused[pid]
                raise UserError(N_("No certificate for {name}: {reason}"), name=x.participant.full_name,
                                reason=x.reason.render())
            else:
                raise NotFound(N_("That person is not on the attendance sheet of this training."))
    today = issued_on or dt.date.today()
    year = (batch.training.end or today).year
    with store.uow() as s:
        inst = s.scalar(select(Installation))
        if inst is None:
            raise UserError(N_("This data folder is not set up yet. Run 'init' or start the app to set it up."))
        prefix = f"{community_prefix(batch.community.code)}-{year}-{installation_tag(inst.id)}-"
        existing = {c.person_id: c for c in s.scalars(select(Certificate).where(
            Certificate.training_id == training_id))}
        number = None
        for p in chosen:
            cert = existing.get(p.person_id)
            if cert is not None:
                if cert.deleted:
                    cert.deleted = False
                continue
            if number is None:
                number = _next_number(s, prefix)
            cert = Certificate(id=new_id(), serial=f"{prefix}{number:04d}", person_id=p.person_id,
                               training_id=training_id, issued_on=today,
                               verification_code=new_verification_code(), revoked=False, revoked_reason="")
            number += 1
            s.add(cert)
            existing[p.person_id] = cert
        s.flush()
        rows = {p.person_id: existing[p.person_id] for p in chosen}
        return [_record(rows[p.person_id], p.full_name, batch.training, batch.community, p.hours_attended)
                for p in chosen]


def _record(c, name: str, t: TrainingInfo, community: CommunityInfo,
            hours: float) -> CertificateRecord:
    return CertificateRecord(c.id, c.serial, c.verification_code, c.issued_on, c.revoked, c.revoked_reason,
                             c.person_id, name, t.id, t.title, t.phase, community, t.start, t.end, hours,
                             t.total_hours)


def _find(s, serial: str) -> Certificate:  # type: ignore[no-untyped-def]
    cert = s.scalar(select(Certificate).where(Certificate.serial == serial.strip().upper(),
                                              Certificate.deleted.is_(False)))
    if cert is None:
        raise NotFound(N_("There is no certificate {serial} in the register."), serial=serial.strip())
    return cert


def _find_row(s, serial: str):  # type: ignore[no-untyped-def]
    """The certificate's columns as a plain row (usable after the session ends)."""
    cert = s.execute(select(Certificate.id, Certificate.serial, Certificate.verification_code,
                            Certificate.issued_on, Certificate.revoked, Certificate.revoked_reason,
                            Certificate.person_id, Certificate.training_id)
                     .where(Certificate.serial == serial.strip().upper(), Certificate.deleted.is_(False))
                     ).one_or_none()
    if cert is None:
        raise NotFound(N_("There is no certificate {serial} in the register."), serial=serial.strip())
    return cert


def lookup(store: Store, serial: str) -> CertificateRecord:
    """A certificate from the register by its serial (revoked ones included)."""
    from .trainings import get_training

    with store.read() as s:
        cert = _find_row(s, serial)
        name = s.scalar(select(Person.full_name).where(Person.id == cert.person_id)) or ""
    training = get_training(store, cert.training_id)
    sheet = attendance_sheet(store, cert.training_id)
    hours = next((p.hours_attended for p in sheet.participants if p.person_id == cert.person_id), 0.0)
    return _record(cert, name, training,
                   get_community(store, training.community_id), hours)


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
    hours = {p.person_id: p.hours_attended for p in attendance_sheet(store, training_id).participants}
    with store.read() as s:
        rows = s.execute(select(Certificate, Person.full_name).join(Person, Person.id == Certificate.person_id)
                         .where(Certificate.training_id == training_id, Certificate.deleted.is_(False))
                         .order_by(Certificate.serial)).all()
        return [_record(c, name, t, community, hours.get(c.person_id, 0.0)) for c, name in rows]


# ---- settings: signatories and logos -----------------------------------------------------------

SETTING_PREFIX = "certificate."
LOGO_DIR = "logos"


@dataclass(frozen=True)
class Signatory:
    name: str = ""
    title: str = ""


@dataclass(frozen=True)
class CertificateSettings:
    signatories: tuple[Signatory, Signatory] = (Signatory(), Signatory())
    logo_left: str = ""  # file name inside <data folder>/logos, "" for none
    logo_right: str = ""
    issuer: str = ""  # an extra line under the programme name, e.g. the implementing partner


def get_certificate_settings(store: Store) -> CertificateSettings:
    g = lambda key: get_setting(store, SETTING_PREFIX + key, "")  # noqa: E731
    return CertificateSettings(
        (Signatory(g("signatory1.name"), g("signatory1.title")), Signatory(g("signatory2.name"),
                                                                           g("signatory2.title"))),
        g("logo_left"), g("logo_right"), g("issuer"))


def save_certificate_settings(store: Store, settings: CertificateSettings) -> None:
    values = {
        "signatory1.name": settings.signatories[0].name, "signatory1.title": settings.signatories[0].title,
        "signatory2.name": settings.signatories[1].name, "signatory2.title": settings.signatories[1].title,
        "logo_left": settings.logo_left, "logo_right": settings.logo_right, "issuer": settings.issuer,
    }
    for key, value in values.items():
        clean = " ".join(value.split())
        if len(clean) > 200:
            raise UserError(N_("Keep names and titles on certificates under 200 characters."))
        set_setting(store, SETTING_PREFIX + key, clean)


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
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(4)}-{source.name}"
    try:
        shutil.copyfile(source, folder / name)
    except OSError as exc:
        raise UserError(N_("The logo could not be copied: {reason}"), reason=exc.strerror or str(exc)) from exc
    return name


def logo_path(store: Store, name: str) -> Path | None:
    """The logo file for a stored name, or None when none is set or the file went missing."""
    if not name:
        return None
    p = store.folder.root / LOGO_DIR / name
    return p if p.is_file() else None
