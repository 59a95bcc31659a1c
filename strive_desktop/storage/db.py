"""Opening a data folder: lock, unlock, version check, backup, migrate, engine, unit of work.

One running app per data folder (a lock file); the database is encrypted with SQLCipher
(:mod:`storage.cipher`) under the key that the vault's slots wrap (:mod:`storage.vault`); a plain
database from an older version is encrypted in place on its first open, its plain backups too;
a database from a newer version of the app is refused and left untouched; an encrypted copy of
the database goes to backups/ before any migration.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.interfaces import DBAPICursor, ExecutionContext
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from ..errors import DatabaseTooNew, StorageError
from ..i18n import N_, Message, os_reason
from . import attended, cipher
from .claim import BUSY_TIMEOUT_MS, Claim, claim_folder
from .claim import (
    read_schema_version as read_schema_version,  # re-exported: callers import it from here
)
from .datafolder import DataFolder
from .dialect import release_rolled_back_savepoints
from .engine import check_collation, database_url, make_pg_engine, pg_error
from .models import AuditEntry, Installation, Synced, utcnow
from .schema import HEAD, KNOWN_REVISIONS


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def sqlite_backup(src: Path, dest: Path, key: bytes | None) -> None:
    """Consistent online copy of the encrypted database *src*, encrypted with the same *key*
    (safe while the app is writing)."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        cipher.backup(src, dest, key, timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, cipher.Error) as exc:
        reason = (os_reason(exc) if isinstance(exc, OSError)
                  else Message(N_("the database could not be read or written")))
        raise StorageError(
            N_("The backup could not be written to {path}: {reason}"), path=str(dest), reason=reason
        ) from exc


def run_migrations(db_path: Path, target: str = HEAD, *, key: bytes | None = None,
                   url: str | None = None) -> None:
    """Apply the Alembic scripts shipped in the package (imported only when needed).

    The default target is this build's HEAD from schema.py, not Alembic's "head": a script
    present on disk but not listed in KNOWN_REVISIONS must never be applied, or the app would
    then refuse its own database as "too new".
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    engine = _make_engine(db_path, key) if url is None else make_pg_engine(url)
    try:  # on PostgreSQL under the write lock: two HQ users starting at once migrate once
        with engine.execution_options(strive_write=url is not None).begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    finally:
        engine.dispose()


#: the page cache of each connection, in KiB (negative: SQLite's unit for "KiB, not pages"): 256 MB
CACHE_SIZE_KIB = -262144

#: the page cache of a :meth:`Store.batch`'s connection while the batch lasts (SQLite), in KiB: 1 GB.
#: An import at national scale inserts at random places of two indexes of millions of entries
#: (attendance ids, merge states; about 140,000 pages at 450 communities); with 256 MB most of
#: those inserts read their page back from the file and decrypt it again. Given back (the pages
#: past CACHE_SIZE_KIB freed) when the batch ends.
BATCH_CACHE_SIZE_KIB = -1048576

#: how long a :meth:`Store.batch` holds the write lock before it commits when another unit of
#: work waits for it (well under the BUSY_TIMEOUT_MS that the other one waits)
BATCH_SECONDS = 2.0

#: how long a :meth:`Store.batch` on SQLite holds the write lock while no other unit of work
#: waits for it. The only other writers are this app's own threads (the folder's lock keeps out
#: a second copy), and each says when it waits (Store.uow). An import at national scale inserts
#: at random places of two indexes of millions of entries; a commit writes every page it
#: touched, so committing every few packages wrote each of those pages again and again (about
#: 70,000 pages, 280 MB, encrypted at each commit of two or three packages): 30 s commits make
#: the last 50 packages of 450 a third faster.
BATCH_LONGEST_SECONDS = 30.0


def _make_engine(db_path: Path, key: bytes | None) -> Engine:
    # SQLAlchemy's pysqlite dialect on the sqlcipher3 module (the same DBAPI, built on
    # SQLCipher); every connection is keyed first by cipher.connect.
    def connect() -> Any:
        return cipher.connect(db_path, key, create=True, timeout=BUSY_TIMEOUT_MS / 1000,
                              check_same_thread=False)

    # hide_parameters: an SQL error's text never carries the values (names, phones) into a log.
    # pool_use_lifo: the next read takes the connection used last, whose page cache holds the pages
    # just decrypted, not the one idle longest (after an import the pool holds several): at national
    # scale the dashboard shown again takes 0.71 s instead of 0.81-0.94 s (bench/bench_national.py).
    engine = create_engine(f"sqlite:///{db_path}", module=cipher.dbapi, creator=connect,
                           hide_parameters=True, pool_use_lifo=True)
    release_rolled_back_savepoints(engine)  # (units of work and reads inside a batch)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:  # sqlcipher3 ships no types
        # pysqlite would BEGIN only before the first INSERT/UPDATE, in the middle of a unit of
        # work that has already read; SQLAlchemy emits BEGIN itself instead (_begin below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # SQLCipher decrypts every page it reads into this cache; with SQLite's default (~2 MB)
        # a report over a national headquarters' attendance decrypts the same pages again and
        # again. The cache only grows as pages are read, so a field office's small file never
        # takes more than its own size.
        cur.execute(f"PRAGMA cache_size={CACHE_SIZE_KIB}")
        # temporary tables (the importer's staging tables), sorts and the journals of savepoints
        # (units of work inside a batch) in memory: on disk SQLCipher encrypts each of their
        # pages, and an import of a national inbox is 15% slower
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A unit of work takes the write lock when it starts (BEGIN IMMEDIATE), so it waits up
        # to busy_timeout for another writer. A deferred transaction that has read first and
        # then wants to write while another process committed gets SQLITE_BUSY at once, with
        # no waiting: "database is locked" for a user who only pressed Save.
        write = conn.get_execution_options().get("strive_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


# SQLite's primary result codes (sqlite3.h) that are the environment's doing, not a bug.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of *exc* (a sqlite3 error, or SQLAlchemy's wrapper of
    one), None if it carries none."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def storage_error(exc: BaseException) -> StorageError | None:
    """The user's message for an SQLite error the environment caused (busy, disk full, read-only,
    damaged, not a database, I/O), decided by its result code; None for anything else
    (a constraint broken, an SQL mistake, a misuse): that is a bug and must stay one."""
    code = sqlite_code(exc)
    if code is None:
        return pg_error(exc)
    reason = str(getattr(exc, "orig", exc))
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StorageError(N_("The database is busy (another program is using it). Try again in a moment."))
    if code == SQLITE_FULL:
        return StorageError(N_("The disk is full. Free some space; nothing that was saved before was lost."))
    if code == SQLITE_READONLY:
        return StorageError(N_("The data folder is read-only. Nothing could be saved."))
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR, SQLITE_CANTOPEN):
        return StorageError(
            N_("The database file is damaged or unreadable ({reason}). Restore it from a backup."),
            reason=reason,
        )
    return None


@contextlib.contextmanager
def storage_errors() -> Iterator[None]:
    """A database error raised inside the block as the StorageError :func:`storage_error`
    makes of it (busy, disk full, read-only, damaged); any other error as it is (a bug)."""
    try:
        yield
    except DBAPIError as exc:
        mapped = storage_error(exc)
        if mapped is None:
            raise
        raise mapped from exc


_WRITE = re.compile(r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
                    r"\s+(?:main\.)?[\"`\[]?(\w+)", re.IGNORECASE)


def written_table(statement: str) -> str | None:
    """The table an INSERT / UPDATE / DELETE statement writes, None for anything else
    (reads, pragmas, and writes to the ``temp`` schema, which nobody else sees)."""
    m = _WRITE.match(statement)
    if m is None or m.group(1).lower() == "temp":
        return None
    return m.group(1)


def _track_writes(engine: Engine, committed: Callable[[set[str]], None]) -> None:
    """Note on each connection the tables its transaction writes; hand them to *committed*
    when it commits (on the committing thread), forget them on a rollback."""

    @event.listens_for(engine, "before_cursor_execute")
    def _note(conn: Connection, _cursor: DBAPICursor, statement: str, _params: object,
              _context: ExecutionContext | None, _many: bool) -> None:
        table = written_table(statement)
        if table is not None:
            conn.info.setdefault("strive_written", set()).add(table)

    @event.listens_for(engine, "commit")
    def _commit(conn: Connection) -> None:
        written = conn.info.pop("strive_written", None)
        if written:
            committed(written)

    @event.listens_for(engine, "rollback")
    def _rollback(conn: Connection) -> None:
        conn.info.pop("strive_written", None)


class Store:
    """An opened data folder. Create with :func:`open_store`; close when done."""

    def __init__(self, folder: DataFolder, engine: Engine, lock: Any | None, key: bytes,
                 account: str | None = None, url: str | None = None) -> None:
        self.folder = folder
        #: the PostgreSQL URL of a headquarters database (storage/engine.py), None: SQLite file
        self.url = url
        self.engine = engine
        self._lock = lock
        self._key = key
        #: the logged-in account's name (GUI login, CLI --user), None when not known
        self.account: str | None = account
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(bind=engine.execution_options(strive_write=True),
                                            expire_on_commit=False)
        # the units of work and reads inside a batch (Store.batch): savepoints on its connection
        self._joined = sessionmaker(join_transaction_mode="create_savepoint", expire_on_commit=False)
        makers = (self._sessions, self._write_sessions, self._joined)
        for maker in makers:
            event.listen(maker, "before_flush", _stamp_changes)
        for maker in makers:  # the attended totals (storage/attended.py)
            event.listen(maker, "before_commit", attended.before_commit)
        self._local = threading.local()
        self._writers = Writers()  # the threads waiting for the write lock (a batch lets them in)
        self.user_name = ""
        _track_writes(engine, self._committed)

    # -- keys -------------------------------------------------------------------------------
    @property
    def key(self) -> bytes:
        """The database key (32 bytes); never written anywhere in clear."""
        return self._key

    @property
    def cipher_key(self) -> bytes:
        """The key of the database file (the same as :attr:`key`)."""
        return self._key

    def subkey(self, purpose: str) -> bytes:
        """A 32-byte key for one *purpose* ("files", "backup", ...), derived from the database
        key with HKDF-SHA256: the same on every open, different per purpose."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                    info=b"strive-desktop:" + purpose.encode("utf-8")).derive(self.key)

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    def raw_connection(self) -> Any:
        """A DBAPI connection (sqlcipher3, keyed) to this store's database, for the few raw
        uses (integrity check, backup); close it when done. On PostgreSQL: psycopg's."""
        if self.url is not None:
            return self.engine.raw_connection()
        return cipher.connect(self.folder.db_path, self._key, timeout=BUSY_TIMEOUT_MS / 1000)

    # -- what changed ------------------------------------------------------------------------
    @contextlib.contextmanager
    def watch(self) -> Iterator[set[str]]:
        """Collect the names of the tables written by the transactions this thread commits
        inside the block (ORM flushes, Core bulk writes and raw SQL alike): the set yielded is
        filled as they commit, so after the block it says what one user action changed."""
        watchers: list[set[str]] = self._local.__dict__.setdefault("watchers", [])
        seen: set[str] = set()
        watchers.append(seen)
        try:
            yield seen
        finally:
            watchers.remove(seen)

    def _committed(self, tables: set[str]) -> None:
        for seen in self._local.__dict__.get("watchers", ()):
            seen.update(tables)

    # -- identity -------------------------------------------------------------------------
    def installation(self) -> Installation | None:
        with self._sessions() as s:
            return s.scalar(select(Installation))

    # -- units of work ---------------------------------------------------------------------
    @contextlib.contextmanager
    def uow(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        The write lock is taken at the start. A unit of work opened inside another one on the
        same thread (which would wait for the outer one's lock) starts deferred instead. Inside
        a :meth:`batch` it is a savepoint of the batch's transaction: an error rolls back this
        unit of work alone, and what it wrote is committed with the batch.
        """
        b: Batch | None = getattr(self._local, "batch", None)
        depth = getattr(self._local, "depth", 0)
        if b is not None:
            session = self._joined(bind=b.begin())
        else:
            session = (self._write_sessions if depth == 0 else self._sessions)()
        self._local.depth = depth + 1
        try:
            with storage_errors():
                try:
                    with self._writers.asking() if b is None and depth == 0 else contextlib.nullcontext():
                        inst = session.scalar(select(Installation))  # BEGIN IMMEDIATE: may wait, may be busy
                    session.info["installation_id"] = inst.id if inst else ""
                    session.info["user_name"] = self.user_name or (inst.user_name if inst else "")
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        finally:
            self._local.depth = depth
            session.close()

    @contextlib.contextmanager
    def batch(self, seconds: float = BATCH_SECONDS, longest: float | None = None) -> Iterator[Batch]:
        """Run the units of work this thread opens inside the block in few transactions: each
        unit of work is a savepoint (an error rolls back that one alone), and they are
        committed together when :meth:`Batch.checkpoint` finds the transaction has held the
        write lock for *seconds* while a unit of work of another thread waits for it (which
        then goes first), or for *longest* (SQLite: BATCH_LONGEST_SECONDS; PostgreSQL, whose
        other writers are other computers: *seconds*), and at the end of the block. For a long
        run of writes (an inbox of packages at headquarters): a page that several units of
        work change is written once per commit, not once per unit of work. Reads on this
        thread inside the block see the batch's writes. A failed commit raises (from
        :meth:`Batch.checkpoint` or the end of the block) and loses only what was written
        since the last commit."""
        if getattr(self._local, "batch", None) is not None or getattr(self._local, "depth", 0) > 0:
            yield Batch(None, seconds)  # already inside a transaction: nothing to gather
            return
        conn = self.engine.execution_options(strive_write=True).connect()
        if self.url is not None:
            b = Batch(conn, seconds, longest=seconds if longest is None else longest)
        else:
            b = Batch(conn, seconds, Checkpointer(self.raw_connection),
                      longest=max(seconds, BATCH_LONGEST_SECONDS) if longest is None else longest,
                      writers=self._writers)
        self._local.batch = b
        try:
            yield b
            b.commit()
        finally:
            self._local.batch = None
            b.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        b: Batch | None = getattr(self._local, "batch", None)
        # inside a batch: on its connection, to see what it wrote and has not committed yet
        session = self._joined(bind=b.conn) if b is not None and b.open else self._sessions()
        try:
            with storage_errors():
                yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: the write-ahead log a batch lets grow while its commits are copied into the database file in
#: the background (:class:`Checkpointer`), in pages: past it, the next transaction waits for
#: the copy, so that it starts the log over (about 1 GB with SQLCipher's 4 KB pages)
WAL_LIMIT_PAGES = 262144


class Checkpointer:
    """Copies the commits of a batch from the write-ahead log into the database file
    (a PASSIVE checkpoint) on a thread of its own, while the batch goes on writing.

    SQLite does this at the end of every commit by default (``wal_autocheckpoint``) on the
    committing thread: at headquarters a commit of a few packages rewrites a few hundred MB of
    index pages, and copying them again then stopped the import for as long as the commit
    itself. A checkpoint never blocks the writer; the log may only start over once it has been
    copied whole, so the batch waits (:meth:`settle`) when the log passes WAL_LIMIT_PAGES and
    at its end. A checkpoint that fails (a full disk) leaves the pages in the log, where every
    reader finds them: the next checkpoint, or SQLite's own once the batch has ended, copies them."""

    def __init__(self, connect: Callable[[], Any]) -> None:
        self._connect = connect
        self._cond = threading.Condition()
        self._pending = False  # a commit not copied yet
        self._busy = False
        self._stop = False
        self.pages = 0  # pages in the log at the last checkpoint
        self._thread: threading.Thread | None = None

    def committed(self) -> None:
        with self._cond:
            self._pending = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="strive-checkpoint", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    @property
    def alive(self) -> bool:
        """False once the thread has stopped for good (it could not open its connection)."""
        return self._thread is None or self._thread.is_alive() or self._stop

    def settle(self) -> None:
        """Wait until every commit so far has been copied (or its copy has failed)."""
        with self._cond:
            while (self._pending or self._busy) and self._thread is not None and self._thread.is_alive():
                self._cond.wait(0.5)

    def restart(self) -> None:
        """Wait until the log has been copied whole, so that the next write starts it over."""
        self.settle()
        with self._cond:
            self.pages = 0

    def close(self) -> None:
        self.settle()
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        con = None
        try:
            con = self._connect()
            while True:
                with self._cond:
                    while not self._pending and not self._stop:
                        self._cond.wait()
                    if not self._pending:
                        return
                    self._pending, self._busy = False, True
                try:
                    row = con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    pages = int(row[1]) if row and row[1] > 0 else 0
                except cipher.dbapi.Error:
                    pages = self.pages  # left in the log (see the class docstring)
                with self._cond:
                    self.pages, self._busy = pages, False
                    self._cond.notify_all()
        except (OSError, cipher.dbapi.Error, StorageError):
            pass  # no second connection: SQLite's own checkpoints take over (Batch.close)
        finally:
            if con is not None:
                con.close()
            with self._cond:
                self._busy = self._pending = False
                self._cond.notify_all()


class Writers:
    """The threads of this app waiting for SQLite's write lock: a unit of work, or a batch
    beginning its next transaction, counts itself while it takes the lock (:meth:`asking`); a
    batch commits for them (:meth:`waiting`) and lets them in before it begins again."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._count = 0

    @contextlib.contextmanager
    def asking(self) -> Iterator[None]:
        with self._cond:
            self._count += 1
        try:
            yield
        finally:
            with self._cond:
                self._count -= 1
                self._cond.notify_all()

    def waiting(self) -> bool:
        return self._count > 0

    def let_in(self, timeout: float) -> None:
        """Wait (at most *timeout* seconds) until the waiting writers have taken the lock."""
        with self._cond:
            self._cond.wait_for(lambda: self._count == 0, timeout)


class Batch:
    """The transaction of :meth:`Store.batch` (*conn* None: a batch inside a transaction
    already, which gathers nothing)."""

    def __init__(self, conn: Connection | None, seconds: float, ckpt: Checkpointer | None = None, *,
                 longest: float | None = None, writers: Writers | None = None) -> None:
        self.conn, self.seconds = conn, seconds
        self.longest = seconds if longest is None else longest
        self._writers = writers  # the app's other writers (None: not known, PostgreSQL)
        self._started: float | None = None
        self._ckpt = ckpt
        # the connection's wal_autocheckpoint (SQLite's default if unread) and page cache (None:
        # not raised), given back when the batch ends
        self._own_checkpoints = 1000
        self._own_cache: int | None = None
        if conn is not None and ckpt is not None:  # SQLite: the checkpoints are the Checkpointer's now
            was = self._pragma("wal_autocheckpoint", 0)
            if was is not None:
                self._own_checkpoints = was
            was = self._pragma("cache_size", BATCH_CACHE_SIZE_KIB)
            if was is not None:
                self._own_cache = was

    def _pragma(self, name: str, value: int) -> int | None:
        """Set the connection's PRAGMA *name* to *value*; return what it was (None: unchanged)."""
        assert self.conn is not None
        raw: Any = self.conn.connection.driver_connection
        try:
            was = int(raw.execute(f"PRAGMA {name}").fetchone()[0])
            raw.execute(f"PRAGMA {name}={int(value)}")
        except cipher.dbapi.Error:  # (a PRAGMA that fails changes nothing)
            return None
        return was

    @property
    def open(self) -> bool:
        """Whether the batch's transaction has begun and is not committed yet."""
        return self._started is not None

    def begin(self) -> Connection:
        """The batch's connection, in its transaction (begun here if needed: BEGIN IMMEDIATE)."""
        assert self.conn is not None
        if self._started is None:
            if self._writers is not None:  # a writer that made the batch commit goes first
                self._writers.let_in(BUSY_TIMEOUT_MS / 2000)
            if self._ckpt is not None and self._ckpt.pages >= WAL_LIMIT_PAGES:
                self._ckpt.restart()
            # (a batch on another thread waits for the lock as a unit of work does)
            with storage_errors(), self._writers.asking() if self._writers else contextlib.nullcontext():
                self.conn.begin()
            self._started = time.monotonic()
        return self.conn

    def checkpoint(self) -> None:
        """Commit if the transaction has held the write lock for the batch's seconds and
        another writer waits for it (it waits BUSY_TIMEOUT_MS at most, and gets its turn), or
        for the batch's longest time."""
        if self._started is None:
            return
        held = time.monotonic() - self._started
        if held >= self.longest or (held >= self.seconds and (self._writers is None or self._writers.waiting())):
            self.commit()

    def commit(self) -> None:
        if self.conn is None or self._started is None:
            return
        self._started = None
        with storage_errors():
            try:
                self.conn.commit()
            except DBAPIError:
                self.conn.rollback()
                raise
        if self._ckpt is not None:
            if self._ckpt.alive:
                self._ckpt.committed()
            else:  # no second connection: SQLite's own checkpoints, at each commit, from now on
                self._ckpt = None
                self._pragma("wal_autocheckpoint", self._own_checkpoints)

    def close(self) -> None:
        if self.conn is not None:
            if self.conn.in_transaction():
                self.conn.rollback()  # what was not committed
            if self._ckpt is not None:
                self._ckpt.close()
                self._pragma("wal_autocheckpoint", self._own_checkpoints)  # SQLite's own again, for the pool's next user
            if self._own_cache is not None:  # the batch's cache freed, down to the pool's size
                self._pragma("cache_size", self._own_cache)
            self.conn.close()
            self.conn = None
            self._started = None


def allocate_counters(session: Session, n: int) -> int:
    """Reserve *n* change counters for this installation; return the first one."""
    if n <= 0:
        return 0
    conn = session.connection()
    conn.execute(update(Installation).values(counter=Installation.counter + n))
    last = conn.execute(select(Installation.counter)).scalar()
    return (last or n) - n + 1


def _stamp_changes(session: Session, _ctx: Any, _instances: Any) -> None:
    """Give every changed synced record its sync stamp and write the audit log.

    Also the guard of two rules that sync depends on: a synced record is never hard-deleted
    (set ``deleted``; a tombstone travels, a missing row does not) and the audit log is
    append-only. Breaking either is a bug, so it is a plain exception, not a UserError.
    """
    for obj in session.deleted:
        if isinstance(obj, Synced | AuditEntry):
            raise RuntimeError(f"{type(obj).__name__} rows are never deleted; set deleted=True instead"
                               if isinstance(obj, Synced) else "the audit log is append-only")
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) and session.is_modified(obj):
            raise RuntimeError("the audit log is append-only")
    inst_id = session.info.get("installation_id", "")
    user = session.info.get("user_name", "")
    now = utcnow()
    work: list[tuple[str, Synced, dict[str, Any]]] = []
    for obj in session.new:
        if isinstance(obj, Synced):
            mapper = inspect(obj).mapper
            values = {c.key: _json_value(getattr(obj, c.key)) for c in mapper.column_attrs}
            work.append(("insert", obj, values))
    for obj in session.dirty:
        if not isinstance(obj, Synced) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        changes: dict[str, Any] = {}
        for attr in state.mapper.column_attrs:
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0] if hist.added else None
                if old != new:
                    changes[attr.key] = [_json_value(old), _json_value(new)]
        if not changes:
            continue
        action = "delete" if changes.get("deleted") == [False, True] else "update"
        work.append((action, obj, changes))
    if not work:
        return
    for _action, obj, changes in work:
        attended.note(session, obj, changes)
    first = allocate_counters(session, len(work))
    for i, (action, obj, changes) in enumerate(work):
        counter = first + i
        if obj.id is None:
            from .models import new_id

            obj.id = new_id()
            if action == "insert":
                changes["id"] = obj.id
        obj.updated_at = now
        if action == "insert" and obj.created_at is None:
            obj.created_at = now
        obj.changed_by = inst_id
        obj.change_counter = counter
        for key in ("updated_at", "change_counter", "changed_by", "created_at"):
            changes.pop(key, None)
        session.add(
            AuditEntry(
                at=now,
                installation_id=inst_id,
                user_name=user,
                action=action,
                entity=inspect(obj).mapper.local_table.name,
                entity_id=obj.id,
                counter=counter,
                changes=changes,
            )
        )


def read_version(db_path: Path, key: bytes | None) -> str | None:
    """The Alembic revision stored in the encrypted database *db_path* (None: new or empty)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        con = cipher.connect(db_path, key, readonly=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            has = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                              "AND name='alembic_version'").fetchone()
            if not has:
                if con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise StorageError(N_("{path} is not a STRIVE Desktop database."), path=str(db_path))
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return str(row[0]) if row else None
        finally:
            con.close()
    except cipher.Error as exc:
        mapped = None if sqlite_code(exc) == SQLITE_NOTADB else storage_error(exc)
        raise (mapped or StorageError(
            N_("{path} is not a STRIVE Desktop database or is damaged ({reason})."),
            path=str(db_path), reason=str(exc))) from exc


def read_pg_version(engine: Engine) -> str | None:
    """The Alembic revision stored in the PostgreSQL database of *engine* (None: empty)."""
    with engine.connect() as conn:
        found = inspect(conn)
        if not found.has_table("alembic_version"):
            if found.get_table_names():
                raise StorageError(N_("{path} is not a STRIVE Desktop database."),
                                   path=engine.url.render_as_string(hide_password=True))
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return str(row[0]) if row else None


def encrypt_plain_folder(folder: DataFolder, key: bytes) -> list[Path]:
    """Encrypt a data folder's plain database and its plain backups in place with *key*
    (a folder from before encryption, opened for the first time with a password); the
    unfinished copies (``*.part``) of plain databases are removed. Returns the files encrypted."""
    done: list[Path] = []
    try:
        if folder.backups.is_dir():
            for path in sorted(folder.backups.iterdir()):
                if path.name.endswith((".part", ".encrypting")) and path.is_file():
                    path.unlink()
                elif path.is_file() and cipher.is_plain(path):
                    cipher.encrypt_in_place(path, key)
                    done.append(path)
        if cipher.is_plain(folder.db_path):
            cipher.encrypt_in_place(folder.db_path, key)
            done.append(folder.db_path)
    except OSError as exc:
        raise StorageError(N_("The database could not be encrypted: {reason}. Nothing was lost; "
                              "free some space and start again."), reason=os_reason(exc)) from exc
    except cipher.Error as exc:
        mapped = storage_error(exc)
        raise (mapped or StorageError(
            N_("The database file is damaged or unreadable ({reason}). Restore it from a backup."),
            reason=str(exc))) from exc
    return done


def open_store(data_dir: Path | str, *, key: bytes | None = None, account: str | None = None,
               lock: bool = True, migrate: bool = True, claim: Claim | None = None,
               db_url: str | None = None) -> Store:
    """Open (creating if needed) the data folder at *data_dir* with the database *key* (from
    the vault: :meth:`storage.vault.Vault.unlock`); *account* is who logged in.

    Without *key*, the key comes from the environment (STRIVE_PASSWORD, STRIVE_USER or
    *account*: :func:`storage.vault.key_from_environment`), else :class:`LoginNeeded`.
    A plain database (older version) is encrypted in place first, its plain backups too.

    With ``lock`` the folder is claimed for this process; a second app on it gets
    :class:`AlreadyRunning`. Raises :class:`DatabaseTooNew` for a database written by a newer
    app version, leaving the file untouched. On failure the lock is released again.

    A headquarters folder may keep its database on a PostgreSQL server: *db_url* (``--db-url``)
    or settings.json's ``database_url`` (:mod:`storage.engine`); the vault, files and folders
    stay in the data folder, the login is the same.
    """
    from .vault import Vault, key_from_environment

    if claim is None:
        claim = claim_folder(data_dir, lock=lock, key=key)
    folder = claim.folder
    pg_engine: Engine | None = None
    try:
        url = database_url(folder, db_url)
        if key is None:
            who, key = key_from_environment(folder, account)
            account = account or who
        elif not Vault(folder).exists():
            raise ValueError("a database key without a vault: make the vault first (Vault.create)")
        if url is None:
            encrypt_plain_folder(folder, key)
            version = read_version(folder.db_path, key)
        else:
            pg_engine = make_pg_engine(url)
            try:
                check_collation(pg_engine)
                version = read_pg_version(pg_engine)
            except DBAPIError as exc:
                raise (storage_error(exc) or exc) from exc
        if version is not None and version not in KNOWN_REVISIONS:
            raise DatabaseTooNew(
                N_("This data folder was written by a newer version of STRIVE Desktop "
                   "(schema {version}). Install the newer version; the data was not changed."),
                version=version,
            )
        if version != HEAD and migrate:
            if version is not None and url is None:
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                sqlite_backup(folder.db_path, folder.backups / f"strive-{stamp}-before-{HEAD}.sqlite3", key)
            with storage_errors():
                run_migrations(folder.db_path, key=key, url=url)
        engine = _make_engine(folder.db_path, key) if pg_engine is None else pg_engine
        store = Store(folder, engine, claim.lock, key, account, url)
        from .seed import seed_reference_data

        if migrate:
            from .files import seal_plain_files

            seal_plain_files(folder.root, store.subkey("files"))  # attachments and logos from before
            seed_reference_data(store)
        return store
    except BaseException:
        if pg_engine is not None:
            pg_engine.dispose()
        claim.release()
        raise


def dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_value)


def raw_text(session: Session, sql: str, **params: Any) -> Any:
    return session.execute(text(sql), params)
