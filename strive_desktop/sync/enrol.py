"""Enrolment by invitation: a field office's first sync without a phone call.

Headquarters writes an invitation file for one community (:func:`write_invitation`): its public
keys, the community, a one-time enrolment secret, an expiry and its settings for that community,
signed with its Ed25519 key. The office sets itself up from the file (:func:`init_from_invitation`):
tied to that community, headquarters' key installed, the settings applied, so it can export at
once. Every package it sends to headquarters carries a proof of the secret in its (signed) header
(:func:`proof`); headquarters checks it on the first package of an installation it does not know
(:func:`check`) and accepts that installation without a fingerprint read out over the phone
(:func:`accept`). An invitation is single-use and expires; headquarters can revoke an installation
(:func:`revoke_installation`). docs/sync-format.md, section "Enrolment by invitation".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..errors import UserError
from ..i18n import N_, Message, os_reason
from ..services import branding, installation
from ..services.installation import InstallationInfo
from ..storage.db import Store
from ..storage.models import Setting, utcnow
from ..storage.sync_models import SyncInvitation, SyncPeer
from .keys import b64, fingerprint, load_identity, unb64

INVITE_FORMAT = "strive-invitation-1"
INVITE_SIG_CONTEXT = b"strive-invitation-sig-v1"
PROOF_CONTEXT = b"strive-enrol-v1"
DEFAULT_DAYS = 30
MAX_DAYS = 365
INVITATION_KEY = "sync.enrol_invitation"  # office: the invitation it was set up with
SECRET_KEY = "sync.enrol_secret"  # office: its enrolment secret (base64)
SETTING_KEYS = ("training.completion_share",)
"""Settings headquarters hands to a new office (the only keys an invitation may set)."""


@dataclass(frozen=True)
class Invitation:
    """What an invitation file says, its signature checked."""

    invitation_id: str
    community_id: str
    community_name: str
    hq_id: str
    hq_name: str
    hq_fingerprint: str
    sign_pub: bytes
    box_pub: bytes
    secret: bytes
    expires_at: dt.datetime
    settings: dict[str, str]
    # headquarters' certificate signers, logos and completion rule for the community
    # (services/branding.py), applied by the office when it sets up
    branding: dict[str, Any] | None = None


@dataclass(frozen=True)
class IssuedInvitation:
    """An invitation as headquarters keeps it."""

    invitation_id: str
    community_id: str
    created_at: dt.datetime
    expires_at: dt.datetime
    used_at: dt.datetime | None
    used_by: str
    path: Path | None = None


@dataclass(frozen=True)
class Enrolment:
    """A first package's valid proof: the installation to accept with the invitation."""

    invitation_id: str
    installation_id: str
    name: str
    community_id: str
    sign_pub: bytes
    box_pub: bytes


class EnrolmentRefused(UserError):
    """The proof in a package does not accept its sender (the package then waits as before)."""


# ---- headquarters' settings for a community ------------------------------------------------

def community_settings(store: Store, community_id: str) -> dict[str, str]:
    """The one place where headquarters' settings for *community_id* are gathered for an
    invitation (the completion rule; per-community signers and logos are added here)."""
    out: dict[str, str] = {}
    for key in SETTING_KEYS:
        value = installation.get_setting(store, key, "")
        if value:
            out[key] = value
    return out


def _apply_settings(s: Any, settings: dict[str, str]) -> None:
    """The one place where an office applies the settings of its invitation (known keys only)."""
    for key, value in settings.items():
        if key not in SETTING_KEYS or not isinstance(value, str):
            continue
        if key == "training.completion_share":
            try:
                if not 0 < float(value) <= 1:
                    continue
            except ValueError:
                continue
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=value))
        else:
            row.value = value


# ---- headquarters: writing invitations -----------------------------------------------------

def _canonical(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def write_invitation(store: Store, community: str, out: Path, *, days: int = DEFAULT_DAYS) -> IssuedInvitation:
    """Headquarters: write an invitation file for an office of *community* (name, code or id)."""
    me = load_identity(store)
    if not me.is_hq:
        raise UserError(N_("Only headquarters writes invitations."))
    if not 1 <= days <= MAX_DAYS:
        raise UserError(N_("An invitation is valid for 1 to {max} days."), max=MAX_DAYS)
    comm = installation.find_community(store, community)
    inv_id, secret = str(uuid.uuid4()), os.urandom(32)
    now = utcnow().replace(microsecond=0)
    expires = now + dt.timedelta(days=days)
    body = {"invitation_id": inv_id, "expires_at": expires.isoformat(),
            "community": {"id": comm.id, "code": comm.code, "name_en": comm.name_en, "name_ru": comm.name_ru,
                          "name_ky": comm.name_ky},
            "hq": {"installation_id": me.installation_id, "name": me.name, "sign_pub": b64(me.sign_pub),
                   "box_pub": b64(me.box_pub), "fingerprint": me.fingerprint},
            "secret": b64(secret), "settings": community_settings(store, comm.id),
            "branding": branding.community_settings(store, comm.id)}
    doc = {"format": INVITE_FORMAT, "invitation": body,
           "signature": b64(me.sign_key.sign(INVITE_SIG_CONTEXT + _canonical(body)))}
    path = Path(out)
    if path.is_dir():
        path = path / f"strive-invitation-{comm.code}.striveinvite"
    with store.uow() as s:
        s.add(SyncInvitation(id=inv_id, community_id=comm.id, secret=secret, created_at=now, expires_at=expires,
                             used_by=""))
        try:  # written inside the unit of work: no file without its record, no record without its file
            path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as exc:
            raise UserError(N_("The invitation could not be written to {path}: {reason}"), path=str(path),
                            reason=os_reason(exc)) from exc
    return IssuedInvitation(inv_id, comm.id, now, expires, None, "", path)


def list_invitations(store: Store) -> list[IssuedInvitation]:
    with store.read() as s:
        return [IssuedInvitation(i.id, i.community_id, i.created_at, i.expires_at, i.used_at, i.used_by)
                for i in s.scalars(select(SyncInvitation).order_by(SyncInvitation.created_at.desc()))]


def invited_installations(store: Store) -> set[str]:
    """The installations headquarters accepted by invitation."""
    with store.read() as s:
        return {u for u in s.scalars(select(SyncInvitation.used_by)) if u}


# ---- the office: reading an invitation and setting up ----------------------------------------

def read_invitation(path: Path) -> Invitation:
    """Read and check an invitation file (format, signature, expiry)."""
    not_one = N_("{path} is not a STRIVE invitation file.")
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(N_("The file {path} cannot be read: {reason}"), path=str(path),
                        reason=os_reason(exc)) from exc
    try:
        if len(raw) > 16_000_000:  # three logos of at most 2 MiB each, in base64
            raise ValueError("too large")
        doc = json.loads(raw.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != INVITE_FORMAT:
            raise ValueError("format")
        body, hq, comm = doc["invitation"], doc["invitation"]["hq"], doc["invitation"]["community"]
        sign_pub, box_pub = unb64(hq["sign_pub"]), unb64(hq["box_pub"])
        X25519PublicKey.from_public_bytes(box_pub)
        signature = unb64(doc["signature"])
        secret = unb64(body["secret"])
        expires = dt.datetime.fromisoformat(str(body["expires_at"]))
        settings = {str(k): str(v) for k, v in dict(body.get("settings") or {}).items()}
        inv = Invitation(str(body["invitation_id"]), str(comm["id"]), str(comm.get("name_en") or comm["id"]),
                         str(hq["installation_id"]), str(hq.get("name", "")), fingerprint(sign_pub, box_pub),
                         sign_pub, box_pub, secret, expires, settings,
                         body["branding"] if isinstance(body.get("branding"), dict) else None)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
        raise UserError(not_one, path=str(path)) from None
    try:
        Ed25519PublicKey.from_public_bytes(sign_pub).verify(signature, INVITE_SIG_CONTEXT + _canonical(body))
    except (InvalidSignature, ValueError):
        raise UserError(N_("{path} was altered after headquarters wrote it (its signature does not match). "
                           "Ask headquarters for a new invitation."), path=str(path)) from None
    if len(secret) < 16:
        raise UserError(not_one, path=str(path))
    if expires < utcnow():
        raise UserError(N_("This invitation expired on {date}. Ask headquarters for a new one."),
                        date=expires.date())
    return inv


def init_from_invitation(store: Store, path: Path, *, name: str, user_name: str = "") -> InstallationInfo:
    """Set this data folder up as the office the invitation is for, ready to export at once."""
    inv = read_invitation(path)
    try:
        installation.get_community(store, inv.community_id)
    except UserError:
        raise UserError(N_("The invitation is for a community this version does not know ({name}). "
                           "Install the version headquarters uses."), name=inv.community_name) from None
    info = installation.init_installation(store, name=name, community=inv.community_id, user_name=user_name)
    _install(store, inv)
    if inv.branding is not None:
        branding.apply_community_settings(store, inv.branding)
    return info


def join_with_invitation(store: Store, path: Path) -> Invitation:
    """An office already set up (without an invitation) takes one now: same community only."""
    inv = read_invitation(path)
    me = load_identity(store)
    if me.is_hq:
        raise UserError(N_("This is the headquarters installation; invitations are for field offices."))
    if me.community_id != inv.community_id:
        raise UserError(N_("This invitation is for {name}, not for the community of this office. Ask headquarters "
                           "for an invitation for this community."), name=inv.community_name)
    _install(store, inv)
    if inv.branding is not None:
        branding.apply_community_settings(store, inv.branding)
    return inv


def _install(store: Store, inv: Invitation) -> None:
    """Headquarters' key, the enrolment secret and the settings of *inv*, in one unit of work."""
    load_identity(store)  # this installation's key pairs, made now
    with store.uow() as s:
        for old in s.scalars(select(SyncPeer).where(SyncPeer.is_hq.is_(True))):
            s.delete(old)
        s.flush()
        now = utcnow()
        s.add(SyncPeer(installation_id=inv.hq_id, name=inv.hq_name, community_id=None, is_hq=True,
                       sign_pub=inv.sign_pub, box_pub=inv.box_pub, fingerprint=inv.hq_fingerprint,
                       status="accepted", first_seen=now, accepted_at=now, last_sent_seq=0))
        for key, value in ((INVITATION_KEY, inv.invitation_id), (SECRET_KEY, b64(inv.secret))):
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
        _apply_settings(s, inv.settings)


# ---- the proof in a package's header ---------------------------------------------------------

def _mac(secret: bytes, package_id: str, sender: dict[str, Any]) -> str:
    msg = b"\n".join((PROOF_CONTEXT, package_id.encode(), str(sender.get("id", "")).encode(),
                      str(sender.get("community_id") or "").encode(), str(sender.get("sign_pub", "")).encode(),
                      str(sender.get("box_pub", "")).encode()))
    return hmac.new(secret, msg, hashlib.sha256).hexdigest()


def proof(conn: Connection, package_id: str, sender: dict[str, Any]) -> dict[str, str] | None:
    """The ``enrol`` field of a field office's package header, if it was set up by invitation."""
    t = Setting.__table__
    values = dict(conn.execute(select(t.c.key, t.c.value).where(t.c.key.in_((INVITATION_KEY, SECRET_KEY)))).all())
    if not values.get(INVITATION_KEY) or not values.get(SECRET_KEY):
        return None
    return {"invitation": values[INVITATION_KEY], "mac": _mac(unb64(values[SECRET_KEY]), package_id, sender)}


def check(store: Store, header: dict[str, Any], name: str) -> Enrolment | None:
    """Headquarters: the enrolment a package's header proves, or None if it carries no proof.
    Raises :class:`EnrolmentRefused` with the reason when the proof does not hold."""
    claim = header.get("enrol")
    if claim is None:
        return None
    sender = header.get("sender") or {}
    who = str(sender.get("name") or sender.get("id") or "?")

    def refused(reason: str, **args: object) -> EnrolmentRefused:
        return EnrolmentRefused(N_("{file} from {name} was not accepted by invitation: {reason}. It waits until "
                                   "headquarters accepts that installation."),
                                file=name, name=who, reason=Message(reason, **args))

    if not isinstance(claim, dict) or not isinstance(claim.get("invitation"), str) \
            or not isinstance(claim.get("mac"), str):
        raise refused(N_("its invitation proof is not readable"))
    with store.read() as s:
        inv = s.get(SyncInvitation, claim["invitation"])
        if inv is None:
            raise refused(N_("headquarters never wrote that invitation"))
        secret, community_id, expires, used_by = inv.secret, inv.community_id, inv.expires_at, inv.used_by
    if not hmac.compare_digest(_mac(secret, str(header.get("package_id", "")), sender), claim["mac"]):
        raise refused(N_("it does not prove the invitation's secret"))
    if used_by and used_by != sender.get("id"):
        raise refused(N_("the invitation was already used by another installation"))
    if used_by:
        raise refused(N_("the invitation was already used, and that installation is no longer accepted"))
    if expires < utcnow():
        raise refused(N_("the invitation expired on {date}"), date=expires.date())
    if sender.get("is_hq") or sender.get("community_id") != community_id:
        raise refused(N_("the invitation is for another community"))
    try:
        sign_pub, box_pub = unb64(str(sender["sign_pub"])), unb64(str(sender["box_pub"]))
    except (KeyError, ValueError):
        raise refused(N_("its invitation proof is not readable")) from None
    return Enrolment(claim["invitation"], str(sender["id"]), str(sender.get("name", ""))[:200], community_id,
                     sign_pub, box_pub)


def accept(store: Store, enrolment: Enrolment) -> None:
    """Headquarters: accept the installation of a checked first package; the invitation is used."""
    with store.uow() as s:
        inv = s.get(SyncInvitation, enrolment.invitation_id)
        if inv is None or (inv.used_by and inv.used_by != enrolment.installation_id):
            raise EnrolmentRefused(N_("The invitation was already used by another installation."))
        now = utcnow()
        inv.used_at, inv.used_by = now, enrolment.installation_id
        peer = s.get(SyncPeer, enrolment.installation_id)
        if peer is None:
            peer = SyncPeer(installation_id=enrolment.installation_id, first_seen=now, last_sent_seq=0)
            s.add(peer)
        peer.name, peer.community_id, peer.is_hq = enrolment.name, enrolment.community_id, False
        peer.sign_pub, peer.box_pub = enrolment.sign_pub, enrolment.box_pub
        peer.fingerprint = fingerprint(enrolment.sign_pub, enrolment.box_pub)
        peer.status, peer.accepted_at = "accepted", now


def revoke_installation(store: Store, installation_id: str) -> None:
    """Headquarters: stop accepting an installation's packages (they wait again; it gets no return
    packages). Accepting it again is the ordinary acceptance after a fingerprint check."""
    with store.uow() as s:
        peer = s.get(SyncPeer, installation_id)
        if peer is None or peer.is_hq:
            raise UserError(N_("No installation called {name} has sent a package yet."), name=installation_id)
        peer.status = "revoked"
