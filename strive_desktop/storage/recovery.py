"""Recovery of an office whose every password is forgotten (docs/recovery.md).

Two pieces of cryptography, both from ``cryptography``:

* the **escrow**: a field office seals one more copy of its database key to headquarters'
  public box key (X25519), like a libsodium sealed box: an ephemeral X25519 key per seal,
  HKDF-SHA256 over the shared secret, AES-256-GCM with the office's installation id as
  associated data. Only headquarters' private box key opens it. It travels in every package
  of the office (``recovery.json``) and headquarters keeps the newest one per installation,
  still sealed, in its own encrypted database (table ``sync_escrows``).
* the **recovery file**: headquarters opens the escrow and wraps the key again under a
  one-time *recovery code* (100 random bits, 20 letters read out on the phone, shown once at
  headquarters and stored nowhere), with scrypt + AES-256-GCM. The file names the
  installation and an expiry date, both authenticated (a changed byte makes the file useless).
  The file alone opens nothing; the office's app refuses it for another installation or after
  its expiry date.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ..errors import UserError
from ..i18n import N_
from .cipher import KEY_BYTES

ESCROW_FORMAT = "strive-escrow-1"
ESCROW_ENTRY = "recovery.json"  # the entry of a package that carries the escrow
FILE_FORMAT = "strive-recovery-1"
FILE_LOG2N = 15  # scrypt N of the recovery code (the code has 100 random bits)
DEFAULT_DAYS = 14
MAX_DAYS = 90
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 letters/digits, no I/O/0/1 to mishear
CODE_LENGTH = 20  # 20 x 5 bits = 100 bits


class RecoveryRefused(UserError):
    """A recovery file or code that cannot be used here (the message says why)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    return base64.b64decode(str(text).encode("ascii"), validate=True)


def _raw(pub: X25519PublicKey) -> bytes:
    return pub.public_bytes(Encoding.Raw, PublicFormat.Raw)


def box_digest(box_pub: bytes) -> str:
    return hashlib.sha256(b"strive-escrow-box" + box_pub).hexdigest()[:32]


def _escrow_key(shared: bytes, epk: bytes, box_pub: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=epk + box_pub,
                info=b"strive-recovery-escrow-v1").derive(shared)


def _escrow_aad(installation_id: str) -> bytes:
    return f"{ESCROW_FORMAT}:{installation_id}".encode()


# ---- the escrow (office -> headquarters) -------------------------------------------------------

def seal_escrow(key: bytes, installation_id: str, hq_box_pub: bytes) -> dict[str, Any]:
    """The database *key* sealed to headquarters' public box key (a new ephemeral key each time)."""
    if len(key) != KEY_BYTES:
        raise ValueError("the database key is 32 bytes")
    eph = X25519PrivateKey.generate()
    epk = _raw(eph.public_key())
    wrapping = _escrow_key(eph.exchange(X25519PublicKey.from_public_bytes(hq_box_pub)), epk, hq_box_pub)
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(wrapping).encrypt(nonce, key, _escrow_aad(installation_id))
    return {"format": ESCROW_FORMAT, "installation_id": installation_id, "box": box_digest(hq_box_pub),
            "epk": _b64(epk), "nonce": _b64(nonce), "sealed": _b64(sealed)}


def check_escrow(doc: Any, installation_id: str) -> dict[str, Any] | None:
    """*doc* if it looks like an escrow of *installation_id* (it is opened only for a recovery
    file); None for anything else, which is then ignored."""
    try:
        ok = (isinstance(doc, dict) and doc.get("format") == ESCROW_FORMAT
              and doc.get("installation_id") == installation_id
              and len(_unb64(doc["epk"])) == 32 and len(_unb64(doc["nonce"])) == 12
              and len(_unb64(doc["sealed"])) == KEY_BYTES + 16)
    except (KeyError, ValueError, TypeError):
        return None
    return {k: doc[k] for k in ("format", "installation_id", "box", "epk", "nonce", "sealed")} if ok else None


def open_escrow(doc: dict[str, Any], box_key: X25519PrivateKey, installation_id: str) -> bytes:
    """The database key in an escrow sealed to *box_key* for *installation_id*."""
    box_pub = _raw(box_key.public_key())
    try:
        epk = _unb64(doc["epk"])
        wrapping = _escrow_key(box_key.exchange(X25519PublicKey.from_public_bytes(epk)), epk, box_pub)
        key = AESGCM(wrapping).decrypt(_unb64(doc["nonce"]), _unb64(doc["sealed"]),
                                       _escrow_aad(installation_id))
    except (InvalidTag, KeyError, ValueError, TypeError):
        raise RecoveryRefused(N_("The recovery copy of this installation's key cannot be opened with this "
                                 "headquarters' key. Was headquarters' key replaced since its last package?")) \
            from None
    if len(key) != KEY_BYTES:
        raise RecoveryRefused(N_("The recovery copy of this installation's key is damaged."))
    return key


# ---- the recovery code ---------------------------------------------------------------------------

def new_code() -> str:
    """20 random letters and digits in groups of four, e.g. ``K7QD-2MXA-P4RT-9ZEB-HN3W``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


_CONFUSED = str.maketrans({"0": "O", "1": "I"})


def normalise_code(text: str) -> str:
    """The code as typed: case, spaces and dashes do not matter."""
    return re.sub(r"[^A-Z0-9]", "", text.upper().translate(_CONFUSED))


def _code_key(code: str, salt: bytes, log2n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2 ** log2n, r=8, p=1).derive(normalise_code(code).encode("ascii"))


# ---- the recovery file (headquarters -> office) ------------------------------------------------

_SIGNED = ("format", "installation_id", "name", "created_at", "expires_at")


def _file_aad(doc: dict[str, Any]) -> bytes:
    return json.dumps([str(doc.get(k, "")) for k in _SIGNED], ensure_ascii=False).encode("utf-8")


def make_recovery_file(key: bytes, installation_id: str, name: str, days: int = DEFAULT_DAYS,
                       now: dt.datetime | None = None) -> tuple[dict[str, Any], str]:
    """(the file's content, the one-time code): *key* wrapped under a new random code."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError("days")
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    code = new_code()
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    doc: dict[str, Any] = {"format": FILE_FORMAT, "installation_id": installation_id, "name": name,
                           "created_at": now.isoformat(),
                           "expires_at": (now + dt.timedelta(days=days)).isoformat(),
                           "kdf": "scrypt", "log2n": FILE_LOG2N, "salt": _b64(salt), "nonce": _b64(nonce)}
    doc["ciphertext"] = _b64(AESGCM(_code_key(code, salt, FILE_LOG2N)).encrypt(nonce, key, _file_aad(doc)))
    return doc, code


@dataclass(frozen=True)
class RecoveryFile:
    """A recovery file as read (its key not opened yet)."""

    doc: dict[str, Any]
    installation_id: str
    name: str
    expires_at: dt.datetime


def read_recovery_file(raw: bytes) -> RecoveryFile:
    """Parse a recovery file; :class:`RecoveryRefused` for anything else."""
    try:
        if len(raw) > 20_000:
            raise ValueError("too large")
        doc = json.loads(raw.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != FILE_FORMAT or doc.get("kdf") != "scrypt":
            raise ValueError("format")
        if not 10 <= int(doc["log2n"]) <= 20:
            raise ValueError("log2n")
        _unb64(doc["salt"]), _unb64(doc["nonce"]), _unb64(doc["ciphertext"])
        expires = dt.datetime.fromisoformat(str(doc["expires_at"]))
        if expires.tzinfo is None:
            raise ValueError("naive time")
        return RecoveryFile(doc, str(doc["installation_id"]), str(doc.get("name", "")), expires)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise RecoveryRefused(N_("This is not a STRIVE recovery file.")) from None


def open_recovery_file(rf: RecoveryFile, code: str, now: dt.datetime | None = None) -> bytes:
    """The database key in *rf*, opened with the recovery *code*."""
    if not normalise_code(code):
        raise RecoveryRefused(N_("Enter the recovery code that headquarters read out to you."))
    doc = rf.doc
    try:
        key = AESGCM(_code_key(code, _unb64(doc["salt"]), int(doc["log2n"]))).decrypt(
            _unb64(doc["nonce"]), _unb64(doc["ciphertext"]), _file_aad(doc))
    except (InvalidTag, ValueError):
        raise RecoveryRefused(N_("The recovery code does not fit this recovery file, or the file was "
                                 "changed. Check the code with headquarters.")) from None
    if len(key) != KEY_BYTES:
        raise RecoveryRefused(N_("This is not a STRIVE recovery file."))
    if (now or dt.datetime.now(dt.UTC)) > rf.expires_at:
        raise RecoveryRefused(N_("This recovery file expired on {date}. Ask headquarters for a new one."),
                              date=rf.expires_at.date())
    return key
