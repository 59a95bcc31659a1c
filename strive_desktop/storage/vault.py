"""The vault: the key slots file of a data folder (``vault.json``).

The database is encrypted with one random 32-byte key (:mod:`storage.cipher`). Each account
has a *slot* in the vault: a copy of that key wrapped (AES-256-GCM) with a key derived from the
account's password by scrypt (a memory-hard password KDF, from ``cryptography``). A person logs
in with their own name and password; nobody shares a passphrase, and changing or resetting one
password rewraps one slot without touching the database. One more copy may be sealed to
headquarters' public box key for recovery (:mod:`storage.recovery`).

The KDF cost: scrypt with N = 2**17, r = 8, p = 1 (128 MiB, the OWASP setting) for every new
slot. The environment variable ``STRIVE_KDF_LOG2N`` lowers N for new slots, for the test
suite only (tests/conftest.py sets it to 10); each slot records the parameters it was made
with, so unlocking always uses the slot's own.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..errors import StorageError, UserError
from ..i18n import N_, os_reason
from .cipher import KEY_BYTES, fsync_dir, fsync_file
from .datafolder import DataFolder

VAULT_NAME = "vault.json"
FORMAT = "strive-vault"
VERSION = 1
DEFAULT_LOG2N = 17
SCRYPT_R, SCRYPT_P = 8, 1


class WrongPassword(UserError):
    """The name has no slot, or the password does not open it (the message does not say which)."""

    def __init__(self) -> None:
        super().__init__(N_("Wrong name or password."))


class LoginNeeded(UserError):
    """The data folder is encrypted and nobody gave a name and password."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def same_name(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def kdf_log2n() -> int:
    raw = os.environ.get("STRIVE_KDF_LOG2N", "")
    if raw.isdigit() and 4 <= int(raw) <= 22:
        return int(raw)
    return DEFAULT_LOG2N


def derive(password: str, salt: bytes, log2n: int, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    """The 32-byte wrapping key of *password* (scrypt)."""
    return Scrypt(salt=salt, length=32, n=2 ** log2n, r=r, p=p).derive(password.encode("utf-8"))


def _aad(user: str) -> bytes:
    return b"strive-vault-slot:" + user.strip().casefold().encode("utf-8")


def make_slot(key: bytes, user: str, password: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    log2n = kdf_log2n()
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(derive(password, salt, log2n)).encrypt(nonce, key, _aad(user))
    return {"user": user.strip(), "kdf": "scrypt", "log2n": log2n, "r": SCRYPT_R, "p": SCRYPT_P,
            "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def open_slot(slot: dict[str, Any], password: str) -> bytes:
    """The database key in *slot*, or :class:`WrongPassword`."""
    try:
        wrapping = derive(password, _unb64(slot["salt"]), int(slot["log2n"]), int(slot["r"]),
                          int(slot["p"]))
        key = AESGCM(wrapping).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]),
                                       _aad(str(slot["user"])))
    except InvalidTag:
        raise WrongPassword() from None
    if len(key) != KEY_BYTES:
        raise WrongPassword()
    return key


class Vault:
    """The key slots file in the data folder. Every change is written atomically (a new
    file, flushed, renamed over the old one)."""

    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self.path: Path = folder.root / VAULT_NAME

    # -- reading ------------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"format": FORMAT, "version": VERSION, "slots": []}
        except OSError as exc:
            raise StorageError(N_("The key file {path} cannot be read: {reason}"),
                               path=str(self.path), reason=os_reason(exc)) from exc
        except ValueError as exc:
            raise StorageError(N_("The key file {path} is damaged. Restore it from a backup, or "
                                  "use a recovery file from headquarters."), path=str(self.path)) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("slots"), list):
            raise StorageError(N_("The key file {path} is damaged. Restore it from a backup, or "
                                  "use a recovery file from headquarters."), path=str(self.path))
        if int(data.get("version", 0)) > VERSION:
            raise StorageError(N_("The key file {path} was written by a newer version of STRIVE Desktop."),
                               path=str(self.path))
        return data

    def _save(self, data: dict[str, Any]) -> None:
        tmp = self.path.with_name(self.path.name + ".part")
        try:
            self.folder.root.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            fsync_file(tmp)
            os.replace(tmp, self.path)
            fsync_dir(self.folder.root)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise StorageError(N_("The key file {path} cannot be written: {reason}"),
                               path=str(self.path), reason=os_reason(exc)) from exc

    def _slot(self, data: dict[str, Any], user: str) -> dict[str, Any] | None:
        for slot in data["slots"]:
            if same_name(str(slot.get("user", "")), user):
                return dict(slot)
        return None

    def users(self) -> list[str]:
        """The account names with a slot, the first one made first."""
        return [str(s["user"]) for s in self._load()["slots"]]

    def data(self) -> dict[str, Any]:
        """The whole file as stored (for the recovery entry and backups)."""
        return self._load()

    # -- changing -----------------------------------------------------------------------------
    def create(self, user: str, password: str) -> bytes:
        """A new random database key and the first slot (*user*'s); the vault must not exist."""
        if self.exists():
            raise StorageError(N_("This data folder already has accounts; log in instead."))
        _check_new(user, password)
        key = secrets.token_bytes(KEY_BYTES)
        self._save({"format": FORMAT, "version": VERSION, "slots": [make_slot(key, user, password)]})
        return key

    def unlock(self, user: str, password: str) -> bytes:
        """The database key, or :class:`WrongPassword`."""
        slot = self._slot(self._load(), user)
        if slot is None:
            raise WrongPassword()
        return open_slot(slot, password)

    def add_slot(self, key: bytes, user: str, password: str) -> None:
        """A slot for a new account, or a new password for an existing one (an admin's reset:
        the old slot is replaced)."""
        _check_new(user, password)
        if len(key) != KEY_BYTES:
            raise ValueError("the database key is 32 bytes")
        data = self._load()
        new = make_slot(key, user, password)
        slots = data["slots"]
        for i, slot in enumerate(slots):
            if same_name(str(slot.get("user", "")), user):
                slots[i] = new
                break
        else:
            slots.append(new)
        self._save(data)

    def remove_slot(self, user: str) -> None:
        data = self._load()
        data["slots"] = [s for s in data["slots"] if not same_name(str(s.get("user", "")), user)]
        self._save(data)

    def change_password(self, user: str, old: str, new: str) -> None:
        key = self.unlock(user, old)
        self.add_slot(key, user, new)

    # -- recovery (storage.recovery) ------------------------------------------------------------
    def set_entry(self, name: str, value: dict[str, Any] | None) -> None:
        """Store (or with None remove) a top-level entry beside the slots (e.g. "recovery")."""
        data = self._load()
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
        self._save(data)


MIN_PASSWORD = 6


def _check_new(user: str, password: str) -> None:
    from ..errors import ValidationError
    from ..i18n import Message

    errors: dict[str, Message] = {}
    if not user.strip():
        errors["user"] = Message(N_("Enter a name."))
    if len(password) < MIN_PASSWORD:
        errors["password"] = Message(N_("The password needs at least {n} characters."), n=MIN_PASSWORD)
    if errors:
        raise ValidationError(errors)


def environment_password() -> str | None:
    """STRIVE_PASSWORD, for scripts and the command line (None when not set)."""
    value = os.environ.get("STRIVE_PASSWORD")
    return value if value else None


def key_from_environment(folder: DataFolder, user: str | None = None) -> tuple[str, bytes]:
    """(account, database key) from STRIVE_PASSWORD (and STRIVE_USER, else *user*, else the
    first account). A folder without a vault gets one with that account as its first.
    Raises :class:`LoginNeeded` without STRIVE_PASSWORD."""
    password = environment_password()
    if password is None:
        raise LoginNeeded(N_("This data folder is protected: log in with your name and password "
                             "(on the command line: --user NAME and the STRIVE_PASSWORD variable)."))
    vault = Vault(folder)
    name = user or os.environ.get("STRIVE_USER") or ""
    if not vault.exists():
        name = name or "admin"
        return name.strip(), vault.create(name, password)
    if not name:
        users = vault.users()
        name = users[0] if users else ""
    return name.strip(), vault.unlock(name, password)
