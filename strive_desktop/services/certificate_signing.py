"""Certificates anyone can check offline: an Ed25519 signature over the certificate's facts.

The QR code of a certificate carries only its serial and the issuing installation's signature
over the certificate's facts (docs/certificate-qr.md describes the format for third parties)::

    SC2:<serial>:<signature, 64 bytes in RFC 4648 base32, no padding>

e.g. ``SC2:NOO-2026-3FA2C1-0007:MZXW6YTB...`` — upper-case letters, digits and ``:-`` only, so
the code uses the QR alphanumeric mode: 41 modules (version 6, error correction M) whatever the
length of the name and title, against 49 to 85 for the old plain-text payload.

The signed facts are one UTF-8 text (see :func:`facts_text`). Ed25519 signatures are
deterministic, so printing the same certificate again gives the same QR code without storing
the signature. The serial names the issuing installation (its third part is the first six hex
digits of the installation id), so a checker knows whose public key to use: its own, the
headquarters key or a peer key accepted through sync.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select

from ..errors import NotFound, UserError
from ..i18n import N_
from ..storage.db import Store
from ..storage.keys import ensure_keys
from ..storage.models import Installation
from ..storage.sync_models import SyncKey, SyncPeer
from .certificates import (
    QR_PREFIX,
    CertificateRecord,
    installation_tag,
    lookup,
    lookup_many,
    verify,
)
from .installation import get_setting

QR_SCHEME = "SC2"
# The revoked serials headquarters last sent with a return package (sync/trust.py), JSON {serial: reason}
REVOKED_SETTING = "certificates.revoked"
FACTS_HEADER = "STRIVE-CERT-FACTS-1"


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _hours(h: float) -> str:
    return f"{h:g}"


def facts_text(rec: CertificateRecord) -> str:
    """The facts a signature covers, one per line, UTF-8, text NFC-normalised and spaces collapsed:

    header, serial, full name, training title, first day, last day (ISO dates or empty),
    hours attended, hours of the training, community code, date of issue.
    """
    lines = [FACTS_HEADER, rec.serial, _clean(rec.full_name), _clean(rec.training_title),
             rec.start.isoformat() if rec.start else "", rec.end.isoformat() if rec.end else "",
             _hours(rec.hours_attended), _hours(rec.hours_total), rec.community.code,
             rec.issued_on.isoformat()]
    return "\n".join(lines)


@dataclass(frozen=True)
class PrintedFacts:
    """The facts as read off a printed certificate, for checking one that is not in this
    installation's register (issued by another office)."""

    full_name: str
    training_title: str
    start: dt.date | None
    end: dt.date | None
    hours_attended: float
    hours_total: float
    community: str  # code or name in any language
    issued_on: dt.date


def _record_from_facts(store: Store, serial: str, printed: PrintedFacts) -> CertificateRecord:
    from .installation import find_community

    try:
        community = find_community(store, printed.community)
    except NotFound:
        raise UserError(N_("There is no community called {name}."), name=printed.community) from None
    return CertificateRecord("", serial, "", printed.issued_on, False, "", "", _clean(printed.full_name), "",
                             _clean(printed.training_title).strip("«»\"").strip(), "", community,
                             printed.start, printed.end, float(printed.hours_attended),
                             float(printed.hours_total))


def qr_payload(serial: str, signature: bytes) -> str:
    return f"{QR_SCHEME}:{serial}:{base64.b32encode(signature).decode('ascii').rstrip('=')}"


@dataclass(frozen=True)
class QrContent:
    serial: str
    signature: bytes = b""  # empty for the old plain-text payload
    code: str = ""  # the verification code of the old payload


def parse_qr(text: str) -> QrContent:
    """What a certificate's QR code says: the new signed form or the old plain text."""
    text = (text or "").strip()
    if text.upper().startswith(QR_SCHEME + ":"):
        parts = text.split(":")
        if len(parts) == 3 and parts[1]:
            sig = parts[2].strip().upper()
            try:
                raw = base64.b32decode(sig + "=" * (-len(sig) % 8))
            except (binascii.Error, ValueError):
                raw = b""
            if len(raw) == 64:
                return QrContent(parts[1].strip().upper(), raw)
    elif text.startswith(QR_PREFIX):
        lines = text.splitlines()
        if len(lines) >= 3:
            return QrContent(lines[1].strip().upper(), code=lines[-1].strip())
    raise UserError(N_("This is not the QR code of a STRIVE certificate."))


# ---- keys ---------------------------------------------------------------------------------------


def _private_key(store: Store) -> tuple[str, Ed25519PrivateKey]:
    """This installation's id and signing key (made now if sync never made it)."""
    ensure_keys(store)
    with store.read() as s:
        inst = s.scalar(select(Installation))
        key = s.scalar(select(SyncKey).where(SyncKey.name == "sign"))
        if inst is None or key is None:
            raise UserError(N_("This data folder is not set up yet. Run 'init' or start the app to set it up."))
        return inst.id, Ed25519PrivateKey.from_private_bytes(key.private)


def trusted_keys(store: Store, serial: str) -> list[tuple[str, bytes]]:
    """(installation name, public key) of every key this installation trusts whose installation
    could have issued *serial*: its own, and the accepted peers' (headquarters among them)."""
    parts = serial.split("-")
    tag = parts[2] if len(parts) == 4 else ""
    keys: list[tuple[str, bytes]] = []
    with store.read() as s:
        inst = s.scalar(select(Installation))
        own = s.scalar(select(SyncKey).where(SyncKey.name == "sign"))
        if inst is not None and own is not None and installation_tag(inst.id) == tag:
            keys.append((inst.name, own.public))
        for peer in s.scalars(select(SyncPeer).where(SyncPeer.status == "accepted")):
            if installation_tag(peer.installation_id) == tag:
                keys.append((peer.name, peer.sign_pub))
    return keys


def sign_records(store: Store, records: Sequence[CertificateRecord]) -> list[CertificateRecord]:
    """The records with this installation's signature over their facts (for the QR code).

    Certificates this installation did not issue (a reprint at headquarters of an office's
    certificate) keep the old QR text: only the issuer's key may vouch for a certificate.
    """
    inst_id, key = _private_key(store)
    tag = installation_tag(inst_id)
    out = []
    for rec in records:
        if rec.serial.split("-")[2:3] == [tag]:
            rec = replace(rec, signature=key.sign(facts_text(rec).encode("utf-8")))
        out.append(rec)
    return out


# ---- checking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verified:
    """A certificate found genuine, with the facts that were signed and who signed them."""

    record: CertificateRecord
    facts: str
    signed_by: str  # the issuing installation's name; "" when checked by its code only


def revoked_by_hq(store: Store) -> dict[str, str]:
    """The revoked serials headquarters sent with its last return package ({} before any)."""
    try:
        out = json.loads(get_setting(store, REVOKED_SETTING, "") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in out.items()} if isinstance(out, dict) else {}


@dataclass
class _Checker:
    """What checking certificates needs from the data folder, read once for a batch."""

    store: Store
    revoked: dict[str, str]
    keys: dict[str, list[tuple[str, bytes]]]
    records: dict[str, CertificateRecord] | None = None  # prefetched register entries (verify_many)

    def trusted(self, serial: str) -> list[tuple[str, bytes]]:
        parts = serial.split("-")
        tag = parts[2] if len(parts) == 4 else ""  # the issuing installation
        if tag not in self.keys:
            self.keys[tag] = trusted_keys(self.store, serial)
        return self.keys[tag]

    def lookup(self, serial: str) -> CertificateRecord:
        if self.records is not None:
            rec = self.records.get(serial)
            if rec is None:
                raise NotFound(N_("There is no certificate {serial} in the register."), serial=serial)
            return rec
        return lookup(self.store, serial)


def verify_qr(store: Store, text: str, printed: PrintedFacts | None = None) -> Verified:
    """Check a certificate from the text of its QR code, without any network.

    The facts come from this installation's register; a certificate issued by another office is
    not there, so its facts as printed (*printed*) are checked against the signature instead,
    with the issuing office's key from headquarters' list (sync/trust.py)."""
    return _verify(_Checker(store, revoked_by_hq(store), {}), text, printed)


def verify_many(store: Store, texts: Sequence[str]) -> list[Verified | UserError]:
    """Check many certificates from their QR texts (a folder of scans): the answer for each, in
    order, a UserError saying why where one is not genuine. The register, the keys and the
    revocation list are read once for the batch."""
    serials = []
    for text in texts:
        try:
            serials.append(parse_qr(text).serial)
        except UserError:
            continue
    checker = _Checker(store, revoked_by_hq(store), {}, lookup_many(store, serials))
    out: list[Verified | UserError] = []
    for text in texts:
        try:
            out.append(_verify(checker, text, None))
        except UserError as exc:
            out.append(exc)
    return out


def _verify(checker: _Checker, text: str, printed: PrintedFacts | None) -> Verified:
    store = checker.store
    content = parse_qr(text)
    if not content.signature:  # an older certificate: serial and code, checked in the register
        return Verified(verify(store, content.serial, content.code), "", "")
    revoked = checker.revoked
    try:
        rec = checker.lookup(content.serial)
    except NotFound:
        if content.serial in revoked:
            raise UserError(N_("Certificate {serial} was revoked: {reason}"), serial=content.serial,
                            reason=revoked[content.serial]) from None
        if printed is None:
            raise UserError(N_("Certificate {serial} is not in this installation's register. To check its "
                               "signature, give the facts printed on it (name, training, dates, hours, "
                               "community, date of issue), or check it at headquarters."),
                            serial=content.serial) from None
        rec = _record_from_facts(store, content.serial, printed)
    keys = checker.trusted(rec.serial)
    if not keys:
        raise UserError(N_("Certificate {serial} was issued by an installation this one does not know yet; "
                           "check it at headquarters."), serial=rec.serial)
    # the title printed is the training's title in the certificate's language: any of its titles
    variants = rec.title_variants()
    for (name, pub), rec in ((k, r) for r in variants for k in keys):  # noqa: B020 - rec: the one that matches
        facts = facts_text(rec)
        try:
            Ed25519PublicKey.from_public_bytes(pub).verify(content.signature, facts.encode("utf-8"))
        except InvalidSignature:
            continue
        if rec.revoked or rec.serial in revoked:
            raise UserError(N_("Certificate {serial} was revoked: {reason}"), serial=rec.serial,
                            reason=rec.revoked_reason or revoked.get(rec.serial, ""))
        return Verified(replace(rec, signature=content.signature), facts, name)
    if printed is not None and not rec.id:
        raise UserError(N_("The signature in the QR code does not match the facts given for certificate "
                           "{serial}: check them against the certificate; if they are right, the copy is "
                           "not genuine or its facts were changed."), serial=rec.serial)
    raise UserError(N_("The signature in the QR code does not match certificate {serial}: the copy is "
                       "not genuine or its facts were changed."), serial=rec.serial)


def read_qr_image(path: Path | str) -> str:
    """The text of the first QR code found in a photo or scan (PNG, JPEG ...)."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            img.load()
            found = zxingcpp.read_barcodes(img.convert("L"), formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise UserError(N_("{path} is not an image that can be read."), path=str(path)) from exc
    for code in found:
        if code.valid and code.text:
            return code.text
    raise UserError(N_("No QR code was found in {path}. Take the photo closer, straight on and in "
                       "good light."), path=str(path))


def verify_image(store: Store, path: Path | str) -> Verified:
    return verify_qr(store, read_qr_image(path))
