"""Installation keys: Ed25519 for signing, X25519 for sealing packages to a recipient.

Private keys live in the local-only ``sync_keys`` table. Headquarters hands out a key file
(public keys only); a field installation imports it once. Fingerprints are 16 base32
characters in groups of four, so they can be read out over the phone. Headquarters can write
a passphrase-protected backup (scrypt + AES-256-GCM) of its private keys and restore it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..i18n import N_, os_reason
from ..storage.db import Store
from ..storage.keys import ensure_keys, raw_private, raw_public
from ..storage.models import Installation, utcnow
from ..storage.sync_models import SyncKey, SyncPeer

HQ_KEY_FORMAT = "strive-hq-key-1"
BACKUP_FORMAT = "strive-key-backup-1"
SCRYPT_N = 2**15


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(sign_pub: bytes, box_pub: bytes) -> str:
    """16 base32 characters in groups of four, e.g. ``K7QD-2MXA-P4RT-9ZEB``."""
    digest = hashlib.sha256(b"strive-fp-v1" + sign_pub + box_pub).digest()
    text = base64.b32encode(digest[:10]).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def box_fingerprint(box_pub: bytes) -> str:
    return hashlib.sha256(b"strive-box-v1" + box_pub).hexdigest()[:32]


@dataclass(frozen=True)
class Identity:
    """This installation's identity with its private keys (in memory only)."""

    installation_id: str
    name: str
    community_id: str | None
    is_hq: bool
    sign_key: Ed25519PrivateKey
    box_key: X25519PrivateKey

    @property
    def sign_pub(self) -> bytes:
        return self.sign_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def box_pub(self) -> bytes:
        return self.box_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_pub, self.box_pub)


_raw_private = raw_private
_raw_public = raw_public


def load_identity(store: Store) -> Identity:
    ensure_keys(store)
    with store.read() as s:
        inst = s.scalar(select(Installation))
        if inst is None:
            raise UserError(N_("This data folder is not set up yet. Run 'init' or start the app to set it up."))
        keys = {k.name: k.private for k in s.scalars(select(SyncKey))}
        return Identity(inst.id, inst.name, inst.community_id, inst.is_hq,
                        Ed25519PrivateKey.from_private_bytes(keys["sign"]),
                        X25519PrivateKey.from_private_bytes(keys["box"]))


# ---- headquarters key file ----------------------------------------------------------------

def hq_key_document(store: Store) -> dict[str, Any]:
    ident = load_identity(store)
    if not ident.is_hq:
        raise UserError(N_("Only the headquarters installation writes a headquarters key file."))
    return {"format": HQ_KEY_FORMAT, "installation_id": ident.installation_id, "name": ident.name,
            "sign_pub": b64(ident.sign_pub), "box_pub": b64(ident.box_pub),
            "fingerprint": ident.fingerprint}


def export_hq_key(store: Store, path: Path) -> Path:
    path = Path(path)
    if path.is_dir():
        path = path / "strive-headquarters.strivekey"
    doc = hq_key_document(store)
    try:
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        raise UserError(N_("The key file could not be written to {path}: {reason}"), path=str(path),
                        reason=os_reason(exc)) from exc
    return path


def import_hq_key(store: Store, path: Path) -> str:
    """Register headquarters' public keys from its key file; return its fingerprint."""
    try:
        raw = Path(path).read_bytes()
        if len(raw) > 100_000:
            raise ValueError("too large")
        doc = json.loads(raw.decode("utf-8"))
        if doc.get("format") != HQ_KEY_FORMAT:
            raise ValueError("format")
        sign_pub, box_pub = unb64(doc["sign_pub"]), unb64(doc["box_pub"])
        Ed25519PublicKey.from_public_bytes(sign_pub)
        X25519PublicKey.from_public_bytes(box_pub)
        hq_id = str(doc["installation_id"])
        name = str(doc.get("name", ""))
    except OSError as exc:
        raise UserError(N_("The file {path} cannot be read: {reason}"), path=str(path),
                        reason=os_reason(exc)) from exc
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise UserError(N_("{path} is not a headquarters key file."), path=str(path)) from None
    ident = load_identity(store)
    if ident.is_hq:
        raise UserError(N_("This is the headquarters installation; it does not import a headquarters key."))
    fp = fingerprint(sign_pub, box_pub)
    with store.uow() as s:
        for old in s.scalars(select(SyncPeer).where(SyncPeer.is_hq.is_(True))):
            if old.installation_id != hq_id:
                s.delete(old)
        peer = s.get(SyncPeer, hq_id)
        if peer is None:
            peer = SyncPeer(installation_id=hq_id, first_seen=utcnow())
            s.add(peer)
        peer.name, peer.is_hq, peer.community_id = name, True, None
        peer.sign_pub, peer.box_pub, peer.fingerprint = sign_pub, box_pub, fp
        peer.status, peer.accepted_at = "accepted", utcnow()
        peer.last_sent_seq = peer.last_sent_seq or 0
    return fp


def hq_peer(store: Store) -> SyncPeer | None:
    with store.read() as s:
        peer = s.scalar(select(SyncPeer).where(SyncPeer.is_hq.is_(True), SyncPeer.status == "accepted"))
        s.expunge_all()
        return peer


# ---- passphrase-protected backup ----------------------------------------------------------

def _scrypt(passphrase: str, salt: bytes, n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))


def backup_keys(store: Store, path: Path, passphrase: str) -> Path:
    if len(passphrase) < 8:
        raise UserError(N_("The passphrase must be at least 8 characters long."))
    ident = load_identity(store)
    inst = store.installation()
    secret = json.dumps({"installation_id": ident.installation_id, "name": ident.name,
                         "is_hq": bool(ident.is_hq), "counter": int(inst.counter if inst else 0),
                         "sign": b64(_raw_private(ident.sign_key)),
                         "box": b64(_raw_private(ident.box_key))}).encode()
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _scrypt(passphrase, salt, SCRYPT_N)
    ct = AESGCM(key).encrypt(nonce, secret, BACKUP_FORMAT.encode())
    doc = {"format": BACKUP_FORMAT, "kdf": "scrypt", "n": SCRYPT_N, "r": 8, "p": 1, "salt": b64(salt),
           "nonce": b64(nonce), "ciphertext": b64(ct), "fingerprint": ident.fingerprint}
    path = Path(path)
    try:
        path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    except OSError as exc:
        raise UserError(N_("The key backup could not be written to {path}: {reason}"), path=str(path),
                        reason=os_reason(exc)) from exc
    return path


def _has_exchanged(store: Store) -> bool:
    """Whether this installation has written or read any sync package yet."""
    from ..storage.sync_models import SyncPackage

    with store.read() as s:
        return s.scalar(select(SyncPackage.id).limit(1)) is not None


def restore_keys(store: Store, path: Path, passphrase: str) -> str:
    """Replace this installation's private keys with those in a backup; return the fingerprint."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        if doc.get("format") != BACKUP_FORMAT or doc.get("kdf") != "scrypt":
            raise ValueError("format")
        n = int(doc["n"])
        if n > 2**20:
            raise ValueError("n")
        salt, nonce, ct = unb64(doc["salt"]), unb64(doc["nonce"]), unb64(doc["ciphertext"])
    except OSError as exc:
        raise UserError(N_("The file {path} cannot be read: {reason}"), path=str(path),
                        reason=os_reason(exc)) from exc
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise UserError(N_("{path} is not a STRIVE key backup."), path=str(path)) from None
    try:
        secret = json.loads(AESGCM(_scrypt(passphrase, salt, n)).decrypt(nonce, ct, BACKUP_FORMAT.encode()))
    except InvalidTag:
        raise UserError(N_("Wrong passphrase, or the key backup is damaged.")) from None
    ident = load_identity(store)
    if "is_hq" in secret and bool(secret["is_hq"]) != bool(ident.is_hq):
        raise UserError(N_("This key backup was made by a headquarters installation and this one is a "
                           "field office, or the other way round; it cannot be restored here."))
    if secret.get("installation_id") != ident.installation_id and _has_exchanged(store):
        # Another installation's keys are only for a new computer that has not synced yet.
        raise UserError(N_("This key backup belongs to another installation ({name}); only a backup "
                           "made by this installation can be restored here."),
                        name=str(secret.get("name") or secret.get("installation_id") or "?"))
    sign = Ed25519PrivateKey.from_private_bytes(unb64(secret["sign"]))
    box = X25519PrivateKey.from_private_bytes(unb64(secret["box"]))
    # Keep the current keys first, so the restore can be undone (same passphrase).
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    store.folder.backups.mkdir(parents=True, exist_ok=True)
    backup_keys(store, store.folder.backups / f"strive-keys-replaced-{stamp}.backup", passphrase)
    with store.uow() as s:
        for name, key in (("sign", sign), ("box", box)):
            row = s.get(SyncKey, name)
            if row is None:
                s.add(SyncKey(name=name, private=_raw_private(key), public=_raw_public(key)))
            else:
                row.private, row.public = _raw_private(key), _raw_public(key)
        theirs = str(secret.get("installation_id") or "")
        if theirs and theirs != ident.installation_id:
            _take_identity(s, theirs, str(secret.get("name") or ""), int(secret.get("counter") or 0))
    return fingerprint(_raw_public(sign), _raw_public(box))


# A restored installation continues its change counter this far past the counter in the key
# backup: changes the old computer made after the backup used the counters in between, and a
# peer refuses a second, different change under a counter it already knows.
COUNTER_GAP = 1_000_000


def _take_identity(s: Session, installation_id: str, name: str, counter: int) -> None:
    """A new computer (nothing exchanged yet) becomes the installation of the key backup: its
    id and name, and a change counter past anything the old computer can have used, so the
    offices that know it accept its packages as before."""
    from sqlalchemy import update

    inst = s.scalars(select(Installation)).one()  # a set-up data folder has its one row
    s.execute(update(Installation).values(
        id=installation_id, name=name or inst.name,
        counter=max(int(inst.counter or 0), counter) + COUNTER_GAP))
    s.info["installation_id"] = installation_id


# ---- peers ---------------------------------------------------------------------------------

def accept_installation(store: Store, installation: str) -> SyncPeer:
    """Headquarters accepts an installation (by id, id prefix, name or fingerprint)."""
    key = installation.strip().lower()
    with store.uow() as s:
        peers = list(s.scalars(select(SyncPeer).where(SyncPeer.is_hq.is_(False))))
        match = [p for p in peers if key and (p.installation_id.lower().startswith(key)
                                              or p.name.lower() == key
                                              or p.fingerprint.lower() == key)]
        if not match:
            raise UserError(N_("No installation called {name} has sent a package yet."), name=installation)
        if len(match) > 1:
            raise UserError(N_("More than one installation matches {name}; use its id."), name=installation)
        peer = match[0]
        peer.status, peer.accepted_at = "accepted", utcnow()
        s.flush()
        s.expunge(peer)
        return peer


def list_peers(store: Store) -> list[SyncPeer]:
    with store.read() as s:
        peers = list(s.scalars(select(SyncPeer).order_by(SyncPeer.is_hq.desc(), SyncPeer.name)))
        s.expunge_all()
        return peers
