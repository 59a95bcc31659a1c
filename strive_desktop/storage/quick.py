"""Claiming a data folder, and a first look into it, with plain sqlite3 (no SQLAlchemy).

Opening a data folder has two halves. The first, here, is cheap: create the folder, take the
lock (one running app per folder), and check the schema version. The second,
:func:`storage.db.open_store`, imports SQLAlchemy (about a quarter of a second on an old
laptop), migrates if needed and makes the engine.

Between the two, the GUI shows the first screen of the People page from :func:`first_look`: the
installation, the communities and the first rows of the people list in name order, read
read-only and only from a database that is already at this build's schema (anything else
returns None and the app takes the ordinary path). The rows are exactly those that
``services.people_index.load_people_head`` reads through SQLAlchemy (a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import AlreadyRunning, DatabaseTooNew, StorageError
from ..i18n import N_, os_reason
from .datafolder import DataFolder
from .schema import HEAD, KNOWN_REVISIONS

BUSY_TIMEOUT_MS = 5000


def read_schema_version(db_path: Path, key: bytes | None = None) -> str | None:
    """Alembic revision stored in *db_path* (encrypted with *key*, or a plain one from before
    encryption), or None for a new/empty database, or an encrypted one without *key* (then
    :func:`storage.db.open_store` reads it with the key).

    Raises StorageError if the file is not an SQLite database at all.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    from . import cipher

    if key is None and not cipher.is_plain(db_path):
        return None
    try:
        con = cipher.connect(db_path, None if cipher.is_plain(db_path) else key, readonly=True,
                             timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            has = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has:
                tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise StorageError(
                        N_("{path} is not a STRIVE Desktop database."), path=str(db_path)
                    )
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except cipher.DatabaseError as exc:
        raise _open_error(db_path, exc) from exc


def _open_error(db_path: Path, exc: Exception) -> StorageError:
    """What to tell the user when the database cannot even be read at start: a full disk or
    a busy file is not a damaged database, and the user must not be told their data is gone."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_FULL") or "full" in text:
        return StorageError(N_("The disk is full. Free some space and start again; nothing was changed."))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StorageError(N_("The database is busy (another program is using it). Try again in a moment."))
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM")) \
            or "disk i/o" in text or "unable to open" in text:
        return StorageError(
            N_("The database in {path} could not be read ({reason}). The disk may be full, read-only or "
               "removed (a USB stick): check it and start again. Nothing was changed."),
            path=str(db_path), reason=str(exc))
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return StorageError(
            N_("The database file is damaged or unreadable ({reason}). Restore it from a backup."),
            reason=str(exc))
    return StorageError(N_("{path} is not a STRIVE Desktop database or is damaged ({reason})."),
                        path=str(db_path), reason=str(exc))


@dataclass
class Claim:
    """A data folder this process has claimed: its lock (if any) and its schema version."""

    folder: DataFolder
    lock: Any | None
    version: str | None
    key: bytes | None = None  # the database key, when the claim was made after a login

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def claim_folder(data_dir: Path | str, *, lock: bool = True, key: bytes | None = None) -> Claim:
    """Create the folder if needed, take its lock and read the schema version.

    Raises :class:`AlreadyRunning` when another app holds the folder,
    :class:`DatabaseTooNew` for a database from a newer version (left untouched) and
    :class:`StorageError` for an unwritable folder or a foreign file. The lock is released
    again when anything fails.
    """
    folder = DataFolder(Path(data_dir)).ensure()
    file_lock = None
    if lock:
        from filelock import FileLock, Timeout

        file_lock = FileLock(str(folder.lock_path), timeout=0)
        try:
            file_lock.acquire()
        except Timeout:
            raise AlreadyRunning(
                N_("STRIVE Desktop is already running with the data folder {path}. "
                   "Close the other window first."),
                path=str(folder.root),
            ) from None
        except OSError as exc:
            raise StorageError(
                N_("The data folder {path} cannot be written: {reason}"),
                path=str(folder.root), reason=os_reason(exc),
            ) from exc
    try:
        version = read_schema_version(folder.db_path, key)
        if version is not None and version not in KNOWN_REVISIONS:
            raise DatabaseTooNew(
                N_("This data folder was written by a newer version of STRIVE Desktop "
                   "(schema {version}). Install the newer version; the data was not changed."),
                version=version,
            )
    except BaseException:
        if file_lock is not None:
            file_lock.release()
        raise
    return Claim(folder, file_lock, version, key)


def unlock_claim(claim: Claim, key: bytes) -> None:
    """Give a claim taken before the login the database key: its schema version is read again
    (an encrypted database's needs the key). Raises :class:`DatabaseTooNew` like the claim."""
    version = read_schema_version(claim.folder.db_path, key)
    if version is not None and version not in KNOWN_REVISIONS:
        raise DatabaseTooNew(
            N_("This data folder was written by a newer version of STRIVE Desktop "
               "(schema {version}). Install the newer version; the data was not changed."),
            version=version,
        )
    claim.key, claim.version = key, version


# The columns of services.people_index.PeopleIndex, in its order.
PEOPLE_COLUMNS = ("p.id, p.full_name, p.sex, p.birth_year, p.sector, p.phone, p.community_id, "
                  "c.name_en, p.name_key")
COMMUNITY_COLUMNS = "id, code, name_ky, name_ru, name_en, kind, oblast_en, oblast_ru, oblast_ky"


@dataclass(frozen=True)
class Peek:
    """What :func:`first_look` read: plain tuples, in the column orders above."""

    installation: tuple[str, str, str | None, bool, str, int]  # id, name, community, is_hq, user, counter
    communities: list[tuple[str, ...]]  # COMMUNITY_COLUMNS, ordered by English name, not deleted
    community_id: str | None  # whose people were read (None: everyone)
    people: list[tuple[Any, ...]]  # PEOPLE_COLUMNS, first rows by name key
    total: int  # people (not deleted) of community_id, all of them


def first_look(claim: Claim, *, community_id: str | None = None, limit: int = 200) -> Peek | None:
    """The installation, the communities and the first *limit* people in name order, or None
    when the ordinary path must run first (new folder, older schema, installation not set up
    or without a user name, a read error).

    The people are this office's community for a field office; for headquarters,
    *community_id* (the one last chosen) if it still exists, else everyone.
    """
    if claim.version != HEAD or claim.key is None:
        return None
    from . import cipher

    try:
        con = cipher.connect(claim.folder.db_path, claim.key, readonly=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except (cipher.Error, StorageError):
        return None
    try:
        inst = con.execute(
            "SELECT id, name, community_id, is_hq, user_name, counter FROM installation").fetchone()
        if inst is None or not inst[4]:
            return None
        communities = con.execute(f"SELECT {COMMUNITY_COLUMNS} FROM communities WHERE deleted = 0 "
                                  "ORDER BY name_en").fetchall()
        known = {c[0] for c in communities}
        if inst[3]:
            cid = community_id if community_id in known else None
        else:
            cid = inst[2]
        where = "p.deleted = 0" + (" AND p.community_id = ?" if cid else "")
        args: tuple[Any, ...] = (cid,) if cid else ()
        people = con.execute(
            f"SELECT {PEOPLE_COLUMNS} FROM people p JOIN communities c ON c.id = p.community_id "
            f"WHERE {where} ORDER BY p.sort_key LIMIT ?", (*args, limit)).fetchall()
        if len(people) < limit:
            total = len(people)
        else:
            total = con.execute(f"SELECT count(*) FROM people p WHERE {where}", args).fetchone()[0]
        return Peek((inst[0], inst[1], inst[2], bool(inst[3]), inst[4], int(inst[5] or 0)),
                    communities, cid, people, int(total))
    except cipher.Error:
        return None
    finally:
        con.close()
