"""Integrity check, dump, backup and restore of a data folder.

The database is encrypted (SQLCipher, :mod:`storage.cipher`): every raw read here goes through
``cipher.connect`` with the folder's database key, and backups are encrypted with it too.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..errors import StorageError, UserError
from ..i18n import N_, Message, os_reason
from ..storage import cipher
from ..storage.datafolder import DataFolder
from ..storage.db import (
    Store,
    _json_value,
    read_version,
    sqlite_backup,
)
from ..storage.models import SYNCED_MODELS
from ..storage.schema import HEAD, KNOWN_REVISIONS


class OtherInstallation(UserError):
    """restore(): the backup was made by another installation than this folder's."""


@dataclass(frozen=True)
class CheckReport:
    schema_version: str | None
    problems: tuple[Message, ...]  # each in the reader's language when rendered (CLI ``check``)
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems


def unknown_version(version: str | None) -> Message:
    """The problem of a schema version this build does not know (a newer app wrote the file)."""
    return Message(N_("schema version {version} is not one this version knows ({head})"),
                   version=str(version), head=HEAD)


def check(store: Store) -> CheckReport:
    """SQLite integrity and foreign-key checks, schema version, and row counts."""
    if store.is_postgres:  # headquarters on a database server
        from .hq_server import check_server

        return check_server(store)
    problems: list[Message] = []
    db = store.folder.db_path
    key = store.cipher_key
    version = read_version(db, key)
    if version not in KNOWN_REVISIONS:  # an older one is fine: the app upgrades it on opening
        problems.append(unknown_version(version))
    con = cipher.connect(db, key, readonly=True, timeout=5)
    try:
        for (row,) in con.execute("PRAGMA integrity_check"):
            if row != "ok":
                problems.append(Message(N_("integrity: {detail}"), detail=row))
        for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check"):
            problems.append(Message(N_("foreign key: {table} row {rowid} refers to a missing {parent}"),
                                    table=table, rowid=rowid, parent=parent))
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {m.__tablename__: con.execute(f"SELECT count(*) FROM {m.__tablename__} WHERE deleted = 0")
                  .fetchone()[0] for m in SYNCED_MODELS if m.__tablename__ in tables}
    except cipher.DatabaseError as exc:
        problems.append(Message(N_("the database could not be read: {detail}"), detail=str(exc)))
        counts = {}
    finally:
        con.close()
    return CheckReport(version, tuple(problems), counts)


def dump(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every synced record (tombstones included), canonical and sorted by id."""
    out: dict[str, list[dict[str, Any]]] = {}
    with store.read() as s:
        for model in SYNCED_MODELS:
            cols = [c.key for c in model.__mapper__.column_attrs]
            rows = s.execute(select(*[getattr(model, c) for c in cols]).order_by(model.__table__.c.id))
            out[model.__tablename__] = [
                {c: _json_value(v) for c, v in zip(cols, row, strict=True)} for row in rows]
    return out


def _is_live_database(folder: DataFolder, path: Path) -> bool:
    db = folder.db_path.resolve()
    return path.resolve() in {db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")}


def backup(folder: DataFolder, out: Path, key: bytes | None) -> Path:
    """A consistent copy of the database (encrypted with *key*, the folder's database key),
    safe while the app is running."""
    if not folder.db_path.exists():
        raise UserError(N_("There is no database in {path} to back up."), path=str(folder.root))
    out = Path(out)
    if out.is_dir():
        out = out / f"strive-backup-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    if _is_live_database(folder, out):
        raise UserError(N_("{path} is the database in use; write the backup to another file."),
                        path=str(out))
    sqlite_backup(folder.db_path, out, key)
    return out


def _installation_id(path: Path, key: bytes | None) -> str | None:
    """The installation id stored in a database file, or None (no table / no row / unreadable)."""
    try:
        con = cipher.connect(path, key, readonly=True)
        try:
            row = con.execute("SELECT id FROM installation LIMIT 1").fetchone()
        finally:
            con.close()
    except (cipher.Error, StorageError):
        return None
    return row[0] if row else None


def _has_records(path: Path, key: bytes | None) -> bool:
    """Whether a database holds any synced record (a folder just set up holds none)."""
    try:
        con = cipher.connect(path, key, readonly=True)
        try:
            for model in SYNCED_MODELS:
                try:
                    if con.execute(f'SELECT 1 FROM "{model.__tablename__}" LIMIT 1').fetchone():
                        return True
                except cipher.Error:
                    continue
        finally:
            con.close()
    except (cipher.Error, StorageError):
        return True
    return False


def _unique_aside(folder: DataFolder) -> Path:
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    aside = folder.backups / f"strive-replaced-{stamp}.sqlite3"
    n = 2
    while aside.exists():
        aside = folder.backups / f"strive-replaced-{stamp}-{n}.sqlite3"
        n += 1
    return aside


def restore(folder: DataFolder, source: Path, key: bytes | None, *, other_installation: bool = False) -> Path:
    """Replace the database with *source* (a backup encrypted with *key*, this folder's
    database key); the replaced one is kept (encrypted) in backups/.

    The caller must hold the data folder's lock (no app running on it). Returns where the
    replaced database was put. A backup of another installation is refused unless
    *other_installation* is set or this folder has no installation yet (a new, empty folder).
    """
    source = Path(source)
    if not source.is_file():
        raise UserError(N_("The file {path} does not exist."), path=str(source))
    if _is_live_database(folder, source):
        raise UserError(N_("{path} is the database in use; choose a backup file."), path=str(source))
    version = read_version(source, key)  # raises StorageError for a foreign file
    if version is None:
        raise UserError(N_("{path} is not a STRIVE Desktop backup."), path=str(source))
    if version not in KNOWN_REVISIONS:
        raise UserError(N_("{path} was made by a newer version of STRIVE Desktop; install it first."),
                        path=str(source))
    con = cipher.connect(source, key, readonly=True)
    try:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise UserError(N_("{path} is damaged and cannot be restored."), path=str(source))
    finally:
        con.close()
    current = _installation_id(folder.db_path, key) if folder.db_path.exists() else None
    theirs = _installation_id(source, key)
    if (current is not None and theirs != current and not other_installation
            and _has_records(folder.db_path, key)):
        raise OtherInstallation(N_("{path} is a backup of another installation; restoring it would give "
                                   "this data folder another identity. Restore it into a new, empty data "
                                   "folder instead."), path=str(source))
    folder.ensure()
    aside = _unique_aside(folder)
    if folder.db_path.exists():
        sqlite_backup(folder.db_path, aside, key)
    tmp = folder.db_path.with_name("restore.part")
    try:
        shutil.copyfile(source, tmp)
        for suffix in ("-wal", "-shm"):
            side = folder.db_path.with_name(folder.db_path.name + suffix)
            if side.exists():
                side.unlink()
        tmp.replace(folder.db_path)
    except OSError as exc:
        raise StorageError(N_("The backup could not be restored: {reason}"), reason=os_reason(exc)) from exc
    return aside
