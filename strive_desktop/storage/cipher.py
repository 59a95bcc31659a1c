"""SQLCipher: the encrypted database file, below SQLAlchemy.

The database key is 32 random bytes (kept wrapped in the vault, :mod:`storage.vault`). It is
given to SQLCipher as a raw key (``PRAGMA key = "x'…'"``), so SQLCipher's own passphrase KDF
is not paid on every connection: the password KDF is paid once, at login, by the vault.

Every raw DBAPI connection to a data folder's database goes through :func:`connect` (never
``sqlite3.connect``: the standard module cannot read an encrypted file).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as dbapi

from ..errors import StorageError
from ..i18n import N_

__all__ = ["dbapi", "connect", "backup", "encrypt_in_place", "export_copy", "is_plain", "key_pragma",
           "fsync_file", "fsync_dir", "Error", "DatabaseError", "OperationalError", "KEY_BYTES"]

Error = dbapi.Error
DatabaseError = dbapi.DatabaseError
OperationalError = dbapi.OperationalError
PLAIN_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32


def key_pragma(key: bytes | None) -> str:
    if key is None:  # a plain (unencrypted) database
        return "''"
    if len(key) != KEY_BYTES:
        raise ValueError("the database key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def connect(path: Path | str, key: bytes | None, *, readonly: bool = False, create: bool = False,
            timeout: float = 5.0, check_same_thread: bool = True) -> Any:
    """A DBAPI connection (sqlcipher3) to the encrypted database at *path* (made if missing
    only with *create*).

    The key is checked at once: a file that another key (or none) encrypted raises
    :class:`StorageError`, never a bare "file is not a database" later on.
    """
    mode = "ro" if readonly else "rwc" if create else "rw"
    uri = Path(path).absolute().as_uri() + f"?mode={mode}"
    con = dbapi.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")  # no "hmac check failed" lines on stderr
        if key is not None:
            con.execute(f"PRAGMA key = {key_pragma(key)}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError as exc:
        con.close()
        if key is not None and "not a database" in str(exc):
            raise StorageError(
                N_("{path} is not a STRIVE Desktop database of this folder, or it is damaged: it cannot "
                   "be read with the folder's key file (vault.json). Restore both from the same backup."),
                path=str(path)) from exc
        raise
    except BaseException:
        con.close()
        raise
    return con


def is_plain(path: Path) -> bool:
    """True if *path* is an unencrypted SQLite database (its header is readable)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == PLAIN_HEADER
    except OSError:
        return False


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            side.unlink()


def export_copy(con: Any, dest: Path, key: bytes | None) -> None:
    """Write everything *con* reads (a consistent snapshot) to a new encrypted file *dest*
    (``sqlcipher_export``), flushed to disk. *dest* must not exist."""
    con.execute(f"ATTACH DATABASE ? AS strive_export KEY {key_pragma(key)}", (str(dest),))
    try:
        con.execute("SELECT sqlcipher_export('strive_export')").fetchone()
    finally:
        con.execute("DETACH DATABASE strive_export")
    fsync_file(dest)


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Encrypt the plain SQLite database at *path* with *key*, safely: the WAL is folded in,
    everything is exported into a new encrypted file next to it, flushed, and renamed over the
    plain one; the plain WAL/SHM files go too. A crash at any moment leaves either the plain
    file (the next open converts it again) or the encrypted one, never a half-written file."""
    tmp = path.with_name(path.name + ".encrypting")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    con = dbapi.connect(str(path), isolation_level=None)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        export_copy(con, tmp, key)
    except BaseException:
        con.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    con.close()
    os.replace(tmp, path)
    fsync_dir(path.parent)
    _remove_sidecars(path)


def backup(src: Path, dest: Path, key: bytes | None, *, timeout: float = 5.0) -> None:
    """An encrypted, consistent copy of the encrypted database *src* at *dest* (same key)."""
    tmp = dest.with_name(dest.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    con = connect(src, key, timeout=timeout)  # not read-only: ATTACH would inherit it
    try:
        export_copy(con, tmp, key)  # one statement: one consistent snapshot
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        con.close()
    os.replace(tmp, dest)
    fsync_dir(dest.parent)
