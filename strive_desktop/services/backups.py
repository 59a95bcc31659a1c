"""Encrypted backups of a whole data folder: automatic and rotating, or to a USB stick.

A backup file (``.strivebak``) holds the database (the SQLCipher file, copied online with the
database's own key), the attachments and the logos, as a zip archive encrypted with
AES-256-GCM under ``Store.subkey("backup")``. The vault's key slots travel in the file's
clear header, so the password of any account of the backup opens it, on this computer or a new
one, and nothing else does: names, phones, PINs and the installation's private keys are only
inside the encryption (the database itself is encrypted too).

Layout: ``MAGIC``, a 4-byte length and the header (JSON: format, version, created, schema,
installation id, chunk size, nonce prefix, the vault), then the archive in chunks of at most
``CHUNK`` bytes, each written as a 4-byte length and its AES-GCM ciphertext. A chunk's nonce is
the file's random prefix, the chunk number and a "last" flag, and the header is the associated
data of every chunk: a chunk taken out, moved, cut short or changed, or a changed header, fails
to decrypt ("damaged"), never restores half.

Automatic backups (``auto_backup``, at start and on close) go to ``backups/`` at most once a
day and are thinned by :func:`to_keep`: the newest of each of the last 7 days, 4 ISO weeks and
12 months that have one. Every backup is read back and checked after writing (decrypted, the
archive's checksums, the database opened with its key and ``PRAGMA quick_check``).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import io
import json
import os
import secrets
import shutil
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import StorageError, UserError
from ..i18n import N_, os_reason
from ..storage.datafolder import DataFolder

MAGIC = b"STRIVE-BACKUP\n"
FORMAT = "strive-backup"
VERSION = 1
CHUNK = 1 << 20
SUFFIX = ".strivebak"
AUTO_PREFIX = "auto-"
LOGO_DIR = "logos"
DB_ENTRY = "strive.sqlite3"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_STAMP = "%Y%m%d-%H%M%S"


class BackupDamaged(UserError):
    """The file is not a STRIVE backup, is cut short or was changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    size: int


def subkey(key: bytes, purpose: str) -> bytes:
    """HKDF-SHA256 of the database key for one purpose (the same as ``Store.subkey``)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"strive-desktop:" + purpose.encode("utf-8")).derive(key)


# ---- the encrypted stream ----------------------------------------------------------------


def _nonce(prefix: bytes, n: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", n, 1 if last else 0)


class _Sealer(io.RawIOBase):
    """A write-only stream that encrypts what is written in chunks (zipfile writes into it)."""

    def __init__(self, out: IO[bytes], key: bytes, prefix: bytes, aad: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._out, self._aead, self._prefix, self._aad = out, AESGCM(key), prefix, aad
        self._buf = bytearray()
        self._n = 0
        self._pos = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def write(self, data: Any) -> int:
        b = bytes(data)
        self._buf += b
        self._pos += len(b)
        while len(self._buf) > CHUNK:
            self._emit(bytes(self._buf[:CHUNK]), last=False)
            del self._buf[:CHUNK]
        return len(b)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._n, last), plain, self._aad)
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._n += 1

    def finish(self) -> None:
        self._emit(bytes(self._buf), last=True)
        self._buf.clear()


def _read_exact(fh: IO[bytes], n: int) -> bytes:
    data = fh.read(n)
    if len(data) != n:
        raise BackupDamaged(N_("The backup file is cut short or damaged."))
    return data


def read_header(path: Path) -> tuple[dict[str, Any], bytes, int]:
    """(header, its raw bytes, where the chunks start); :class:`BackupDamaged` for a file that
    is not a STRIVE backup."""
    try:
        with open(path, "rb") as fh:
            if fh.read(len(MAGIC)) != MAGIC:
                raise BackupDamaged(N_("{path} is not a STRIVE Desktop backup."), path=str(path))
            (size,) = struct.unpack(">I", _read_exact(fh, 4))
            if size > 16 << 20:
                raise BackupDamaged(N_("The backup file is cut short or damaged."))
            raw = _read_exact(fh, size)
            start = fh.tell()
    except FileNotFoundError:
        raise UserError(N_("The file {path} does not exist."), path=str(path)) from None
    except OSError as exc:
        raise StorageError(N_("The backup {path} cannot be read: {reason}"), path=str(path),
                           reason=os_reason(exc)) from exc
    try:
        header = json.loads(raw.decode("utf-8"))
        ok = isinstance(header, dict) and header.get("format") == FORMAT
    except (UnicodeDecodeError, ValueError):
        ok = False
    if not ok:
        raise BackupDamaged(N_("The backup file is cut short or damaged."))
    if int(header.get("version", 0)) > VERSION:
        raise UserError(N_("{path} was made by a newer version of STRIVE Desktop; install it first."),
                        path=str(path))
    return header, raw, start


def _open_chunks(path: Path, key: bytes, out: IO[bytes]) -> dict[str, Any]:
    """Decrypt the archive of the backup at *path* into *out*; returns the header."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header, raw, start = read_header(path)
    aead = AESGCM(subkey(key, "backup"))
    prefix = base64.b64decode(header["nonce"])
    try:
        with open(path, "rb") as fh:
            fh.seek(start)
            n = 0
            while True:
                head = fh.read(4)
                if len(head) != 4:
                    raise BackupDamaged(N_("The backup file is cut short or damaged."))
                (size,) = struct.unpack(">I", head)
                if size > CHUNK + 64:
                    raise BackupDamaged(N_("The backup file is cut short or damaged."))
                sealed = _read_exact(fh, size)
                try:
                    plain = aead.decrypt(_nonce(prefix, n, False), sealed, raw)
                    last = False
                except InvalidTag:
                    try:
                        plain = aead.decrypt(_nonce(prefix, n, True), sealed, raw)
                    except InvalidTag:
                        raise BackupDamaged(N_("The backup file is damaged: it was changed after it "
                                               "was written.")) from None
                    last = True
                out.write(plain)
                n += 1
                if last:
                    if fh.read(1):
                        raise BackupDamaged(N_("The backup file is damaged: it was changed after it "
                                               "was written."))
                    return header
    except OSError as exc:
        raise StorageError(N_("The backup {path} cannot be read: {reason}"), path=str(path),
                           reason=os_reason(exc)) from exc


# ---- writing -------------------------------------------------------------------------------


def _files(root: Path, arc: str) -> Iterator[tuple[Path, str]]:
    if root.is_dir():
        for p in sorted(root.rglob("*")):
            if p.is_file() and not p.name.endswith(".part"):
                yield p, f"{arc}/{p.relative_to(root).as_posix()}"


def write_backup(store: Any, out: Path, *, now: dt.datetime | None = None,
                 progress: Callable[[int, int], None] | None = None) -> BackupInfo:
    """An encrypted backup of *store*'s data folder at *out* (a file, or a folder to write a
    dated file into), read back and checked before it counts as written."""
    from ..storage.db import sqlite_backup
    from ..storage.schema import HEAD
    from ..storage.vault import Vault

    folder = store.folder
    now = now or dt.datetime.now()
    out = Path(out)
    if out.is_dir():
        out = out / f"strive-backup-{now:{_STAMP}}{SUFFIX}"
    if out.resolve().parent == folder.root.resolve() and out.name.startswith(folder.db_path.name):
        raise UserError(N_("{path} is the database in use; write the backup to another file."),
                        path=str(out))
    key: bytes = store.key
    vault = Vault(folder)
    inst = store.installation()
    header = {"format": FORMAT, "version": VERSION, "created": now.isoformat(timespec="seconds"),
              "schema": HEAD, "installation": inst.id if inst else None, "chunk": CHUNK,
              "nonce": base64.b64encode(secrets.token_bytes(7)).decode("ascii"),
              "vault": vault.data()}
    raw = json.dumps(header, ensure_ascii=True, sort_keys=True).encode("utf-8")
    tmp = out.with_name(out.name + ".part")
    db_copy = folder.backups / f".backup-db-{secrets.token_hex(4)}.part"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if getattr(store, "is_postgres", False):  # headquarters on a server: its rows, as a file
            from .hq_server import snapshot_to_file

            snapshot_to_file(store, db_copy, key)
        else:
            sqlite_backup(folder.db_path, db_copy, key)  # the encrypted file, copied online
        files = [(db_copy, DB_ENTRY), *_files(folder.attachments, "attachments"),
                 *_files(folder.root / LOGO_DIR, LOGO_DIR)]
        with open(tmp, "wb") as fh:
            fh.write(MAGIC + struct.pack(">I", len(raw)) + raw)
            sealer = _Sealer(fh, subkey(key, "backup"), base64.b64decode(str(header["nonce"])), raw)
            with zipfile.ZipFile(sealer, "w", compression=zipfile.ZIP_STORED) as zf:
                for i, (path, arc) in enumerate(files):
                    zf.write(path, arc)
                    if progress:
                        progress(i + 1, len(files))
            sealer.finish()
            fh.flush()
            os.fsync(fh.fileno())
        verify(tmp, key)
        tmp.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageError(N_("The backup could not be written to {path}: {reason}"), path=str(out),
                           reason=os_reason(exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        with contextlib.suppress(OSError):
            db_copy.unlink()
    return BackupInfo(out, now, out.stat().st_size)


# ---- reading and checking ------------------------------------------------------------------


def is_backup_file(path: Path) -> bool:
    """Whether *path* starts like an encrypted STRIVE backup (else: an older plain copy)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def first_account(path: Path) -> str:
    """The first account of the backup (the one asked for when no name is given)."""
    header, _raw, _start = read_header(path)
    slots = (header.get("vault") or {}).get("slots") or []
    return str(slots[0].get("user", "")) if slots and isinstance(slots[0], dict) else ""


def unlock(path: Path, user: str, password: str) -> bytes:
    """The database key of the backup at *path*, from the slot of *user* in its header
    (``WrongPassword`` when the name or the password does not fit)."""
    from ..storage.vault import WrongPassword, open_slot, same_name

    header, _raw, _start = read_header(path)
    slots = (header.get("vault") or {}).get("slots") or []
    for slot in slots:
        if isinstance(slot, dict) and same_name(str(slot.get("user", "")), user):
            return open_slot(slot, password)
    raise WrongPassword()


@contextlib.contextmanager
def _opened(path: Path, key: bytes, work: Path) -> Iterator[tuple[dict[str, Any], zipfile.ZipFile]]:
    """The decrypted archive, in a temporary file under *work* removed afterwards (its
    database is still encrypted with its own key)."""
    work.mkdir(parents=True, exist_ok=True)
    tmp = work / f".restore-{secrets.token_hex(4)}.part"
    try:
        with open(tmp, "w+b") as fh:
            header = _open_chunks(path, key, fh)
            fh.seek(0)
            try:
                zf = zipfile.ZipFile(fh)
            except zipfile.BadZipFile:
                raise BackupDamaged(N_("The backup file is cut short or damaged.")) from None
            with zf:
                yield header, zf
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _check_database(db: Path, key: bytes) -> str:
    """The schema version of the encrypted database *db*, after SQLite's quick check."""
    from ..storage import cipher

    try:
        con = cipher.connect(db, key, readonly=True)
    except (StorageError, cipher.Error):
        raise BackupDamaged(N_("The database inside the backup cannot be opened.")) from None
    try:
        if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupDamaged(N_("The database inside the backup is damaged."))
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except cipher.Error:
        raise BackupDamaged(N_("The database inside the backup is damaged.")) from None
    finally:
        con.close()
    if not row:
        raise BackupDamaged(N_("The database inside the backup is damaged."))
    return str(row[0])


def verify(path: Path, key: bytes) -> dict[str, Any]:
    """Read the whole backup back: every chunk decrypts, every archived file's checksum holds,
    the database opens with its key and passes SQLite's quick check. Returns the header."""
    work = path.parent
    with _opened(path, key, work) as (header, zf):
        if zf.testzip() is not None or DB_ENTRY not in zf.namelist():
            raise BackupDamaged(N_("The backup file is cut short or damaged."))
        db = work / f".verify-{secrets.token_hex(4)}.part"
        try:
            with zf.open(DB_ENTRY) as src, open(db, "wb") as dst:
                shutil.copyfileobj(src, dst)
            _check_database(db, key)
        finally:
            with contextlib.suppress(OSError):
                db.unlink()
    return header


def _aside(folder: DataFolder, now: dt.datetime) -> Path:
    base = folder.backups / f"replaced-{now:{_STAMP}}"
    aside, n = base, 2
    while aside.exists():
        aside = base.with_name(f"{base.name}-{n}")
        n += 1
    return aside


def restore_backup(folder: Any, source: Path, user: str, password: str, *,
                   current_installation: str | None = None, other_installation: bool = False,
                   now: dt.datetime | None = None) -> Path:
    """Put the backup at *source* in place of the data folder's database, key file,
    attachments and logos, opened with *user*'s password of the backup. The caller holds the
    folder's lock with no store open on it. What was there is moved, as it was (encrypted),
    into ``backups/replaced-<time>/``; that path is returned. Nothing changes unless the whole
    backup decrypted and checked."""
    from ..storage.schema import KNOWN_REVISIONS
    from ..storage.vault import VAULT_NAME
    from .maintenance import OtherInstallation

    source = Path(source)
    if not source.is_file():
        raise UserError(N_("The file {path} does not exist."), path=str(source))
    now = now or dt.datetime.now()
    key = unlock(source, user, password)
    folder.ensure()
    stage = folder.backups / f".restoring-{secrets.token_hex(4)}"
    try:
        with _opened(source, key, folder.backups) as (header, zf):
            if zf.testzip() is not None or DB_ENTRY not in zf.namelist():
                raise BackupDamaged(N_("The backup file is cut short or damaged."))
            theirs = header.get("installation")
            if (current_installation and theirs and theirs != current_installation
                    and not other_installation):
                raise OtherInstallation(N_("{path} is a backup of another installation; restoring it would "
                                           "give this data folder another identity. Restore it into a new, "
                                           "empty data folder instead."), path=str(source))
            for name in zf.namelist():
                target = (stage / name).resolve()
                if not target.is_relative_to(stage.resolve()):
                    raise BackupDamaged(N_("The backup file is cut short or damaged."))
            zf.extractall(stage)
        version = _check_database(stage / DB_ENTRY, key)
        if version not in KNOWN_REVISIONS:
            raise UserError(N_("{path} was made by a newer version of STRIVE Desktop; install it first."),
                            path=str(source))
        (stage / VAULT_NAME).write_text(json.dumps(header["vault"], ensure_ascii=False, indent=1),
                                        encoding="utf-8")
        aside = _aside(folder, now)
        aside.mkdir(parents=True)
        db = folder.db_path
        moves = [(db.name, DB_ENTRY), (VAULT_NAME, VAULT_NAME), ("attachments", "attachments"),
                 (LOGO_DIR, LOGO_DIR)]
        for suffix in ("-wal", "-shm"):
            side = db.with_name(db.name + suffix)
            if side.exists():
                side.replace(aside / side.name)
        for live, _arc in moves:
            if (folder.root / live).exists():
                (folder.root / live).replace(aside / live)
        for live, arc in moves:
            if (stage / arc).exists():
                (stage / arc).replace(folder.root / live)
        folder.attachments.mkdir(exist_ok=True)
        return aside
    except OSError as exc:
        raise StorageError(N_("The backup could not be restored: {reason}"), reason=os_reason(exc)) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)


# ---- automatic backups and their rotation ---------------------------------------------------


def to_keep(stamps: Iterable[dt.datetime], daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
            monthly: int = KEEP_MONTHLY) -> set[dt.datetime]:
    """Which backups the rotation keeps: the newest of each of the *daily* most recent days,
    *weekly* ISO weeks and *monthly* months that have a backup."""
    newest_first = sorted(set(stamps), reverse=True)
    keep: set[dt.datetime] = set()
    buckets: tuple[tuple[Callable[[dt.datetime], object], int], ...] = (
        (lambda t: t.date(), daily),
        (lambda t: t.isocalendar()[:2], weekly),
        (lambda t: (t.year, t.month), monthly),
    )
    for bucket, count in buckets:
        seen: set[object] = set()
        for t in newest_first:
            b = bucket(t)
            if b in seen:
                continue
            if len(seen) == count:
                break
            seen.add(b)
            keep.add(t)
    return keep


def automatic_backups(folder: Any) -> list[BackupInfo]:
    """The automatic backups in ``backups/``, newest first."""
    out = []
    for p in folder.backups.glob(f"{AUTO_PREFIX}*{SUFFIX}"):
        try:
            when = dt.datetime.strptime(p.name[len(AUTO_PREFIX):-len(SUFFIX)], _STAMP)
            out.append(BackupInfo(p, when, p.stat().st_size))
        except (ValueError, OSError):
            continue
    return sorted(out, key=lambda b: b.created, reverse=True)


def auto_backup_due(folder: Any, now: dt.datetime) -> bool:
    existing = automatic_backups(folder)
    return not existing or existing[0].created.date() < now.date()


def auto_backup(store: Any, *, now: dt.datetime | None = None) -> BackupInfo | None:
    """At start and on close: an encrypted backup into ``backups/`` unless one was made today,
    then the rotation. None when none was due (or the folder has no database key yet)."""
    folder = store.folder
    now = now or dt.datetime.now()
    if store.cipher_key is None or not auto_backup_due(folder, now):
        return None
    info = write_backup(store, folder.backups / f"{AUTO_PREFIX}{now:{_STAMP}}{SUFFIX}", now=now)
    keep = to_keep(b.created for b in automatic_backups(folder))
    for b in automatic_backups(folder):
        if b.created not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
    return info
