"""Where a data folder's database lives: its SQLite file, or a PostgreSQL server (headquarters).

A field office keeps the encrypted SQLite file in its data folder (:mod:`storage.db`). A
headquarters installation may keep its database on a PostgreSQL server instead: the URL
(``postgresql+psycopg://user:password@host:port/dbname``) comes from the command line's
``--db-url`` or from ``settings.json`` in the data folder (``{"database_url": "..."}``).
Everything else stays in the data folder: the vault (accounts log in with their password as
before; the key they unwrap seals attachments and backups), outbox, inbox, logs, backups.

On PostgreSQL the server protects the data at rest (its own disk encryption, access rules in
pg_hba.conf, TLS): SQLCipher is a file format and has no part there (docs/postgresql.md).

A writing unit of work takes a transaction-level advisory lock (``pg_advisory_xact_lock``):
what ``BEGIN IMMEDIATE`` guarantees on SQLite (one writer at a time, waiting for the other to
finish) holds for every headquarters user writing to the same server.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.interfaces import DBAPICursor, ExecutionContext
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry

from ..errors import StorageError
from ..i18n import N_, os_reason
from . import dialect
from .datafolder import DataFolder

if TYPE_CHECKING:
    import psycopg

SETTINGS_NAME = "settings.json"
#: memory a PostgreSQL sort or hash may use before it spills to disk, per connection of the app:
#: the national reports group ~720,000 (training, person) pairs and anti-join ~4,000,000 attendance
#: rows, which the server's default (4 MB) sends to temporary files (bench/bench_reports.py)
PG_WORK_MEM = "128MB"
URL_KEY = "database_url"


def normalise_url(url: str) -> str:
    """*url* as SQLAlchemy takes it for psycopg 3 (``postgresql://`` and ``postgres://`` too);
    StorageError for anything that is not a PostgreSQL URL."""
    text = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if text.startswith(prefix):
            text = "postgresql+psycopg://" + text[len(prefix):]
    try:
        parsed = make_url(text)
    except ArgumentError:
        parsed = None
    if parsed is None or parsed.drivername != "postgresql+psycopg" or not parsed.database:
        raise StorageError(N_("{url} is not a PostgreSQL database address. Write it as "
                              "postgresql+psycopg://user:password@server:5432/database."),
                           url=safe_url(url))
    return text


def safe_url(url: str) -> str:
    """*url* with its password hidden (for messages and logs)."""
    try:
        return str(make_url(url.strip()).render_as_string(hide_password=True))
    except ArgumentError:
        return "(an address that cannot be read)"


def settings_path(folder: DataFolder) -> Any:
    return folder.root / SETTINGS_NAME


def _read_settings(folder: DataFolder) -> dict[str, Any]:
    path = settings_path(folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StorageError(N_("The settings file {path} cannot be read: {reason}"),
                           path=str(path), reason=os_reason(exc)) from exc
    except ValueError as exc:
        raise StorageError(N_("The settings file {path} is damaged: correct or remove it."),
                           path=str(path)) from exc
    if not isinstance(data, dict):
        raise StorageError(N_("The settings file {path} is damaged: correct or remove it."), path=str(path))
    return data


def database_url(folder: DataFolder, override: str | None = None) -> str | None:
    """The PostgreSQL URL of this data folder's database (``--db-url`` first, then
    settings.json), None for the folder's own SQLite file."""
    url = override if override else _read_settings(folder).get(URL_KEY)
    if not url:
        return None
    return normalise_url(str(url))


def save_database_url(folder: DataFolder, url: str | None) -> None:
    """Write (or with None remove) the database URL in the folder's settings.json, other
    settings kept; written atomically."""
    data = _read_settings(folder)
    if url is None:
        data.pop(URL_KEY, None)
    else:
        data[URL_KEY] = normalise_url(url)
    path = settings_path(folder)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise StorageError(N_("The settings file {path} cannot be written: {reason}"),
                           path=str(path), reason=os_reason(exc)) from exc


def make_pg_engine(url: str) -> Engine:
    """An engine on the PostgreSQL database *url* with the STRIVE rules: SQL errors never show
    their values in a log, a writing unit of work holds the write lock, and the driver-level
    SQL written for SQLite is rewritten for psycopg (:func:`storage.dialect.pg_driver_sql`)."""
    dialect.install()
    engine = create_engine(normalise_url(url), hide_parameters=True, pool_pre_ping=True)
    dialect.release_rolled_back_savepoints(engine)

    @event.listens_for(engine, "connect")
    def _session(dbapi_conn: psycopg.Connection[Any], _record: ConnectionPoolEntry) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET work_mem = '{PG_WORK_MEM}'")
            # JIT compiling the reports' plans took ~8.7 s of a 15 s query (EXPLAIN ANALYZE at
            # national scale); the app's queries are never long enough to earn it back
            cur.execute("SET jit = off")
        dbapi_conn.commit()  # a session setting: it outlives this first transaction

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get("strive_write", False):
            # held until the transaction ends: writers queue, readers are never blocked
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({dialect.WRITE_LOCK_ID})")

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _driver_sql(conn: Connection, _cursor: DBAPICursor, statement: str, parameters: Any,
                    context: ExecutionContext | None, _many: bool) -> tuple[str, Any]:
        if context is not None and getattr(context, "compiled", None) is None:
            statement = dialect.pg_driver_sql(statement, bool(parameters))
        return statement, parameters

    return engine


def check_collation(engine: Engine) -> None:
    """Refuse a database whose text order is not the code point order ("C" collation): names,
    ids and sort keys must sort on the server exactly as in SQLite's binary order, or lists,
    reports and sync would differ between headquarters and the offices."""
    with engine.connect() as conn:
        collate = str(conn.exec_driver_sql(
            "SELECT datcollate FROM pg_database WHERE datname = current_database()").scalar() or "")
    if collate not in ("C", "POSIX", "ucs_basic") and not collate.startswith(("C.", "c.")):
        raise StorageError(N_("The database {name} sorts text by the rules of {collation}; STRIVE Desktop "
                              "needs the \"C\" order. Create it with: CREATE DATABASE ... TEMPLATE template0 "
                              "ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' (docs/postgresql.md)."),
                           name=str(engine.url.database), collation=collate)


def pg_error(exc: BaseException) -> StorageError | None:
    """The user's message for a PostgreSQL error the environment caused (server gone, refused
    login, disk full, lock timeout); None for anything else (a bug)."""
    orig = getattr(exc, "orig", exc)
    state = str(getattr(orig, "sqlstate", "") or "")
    unreachable = not state and type(orig).__name__ == "OperationalError"  # no connection at all
    if unreachable or state.startswith("08") or state in ("57P01", "57P02", "57P03"):
        return StorageError(N_("The database server cannot be reached ({reason}). Check the network "
                               "and the server; nothing that was saved before was lost."),
                            reason=str(orig).splitlines()[0] if str(orig) else state)
    if state.startswith("28"):
        return StorageError(N_("The database server refused the login: check the user and password "
                               "in the database address."))
    if state == "53100":
        return StorageError(N_("The database server's disk is full. Nothing that was saved before was lost."))
    if state in ("40001", "40P01", "55P03"):
        return StorageError(N_("The database is busy (another program is using it). Try again in a moment."))
    return None
