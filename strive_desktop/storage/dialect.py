"""The dialect layer: what differs between SQLite (a field office) and PostgreSQL (headquarters).

The services and sync code were written for SQLite; what they use of it is made to work on
PostgreSQL here, in one place, instead of in every caller:

* upserts: the SQLite ``insert(...).on_conflict_do_nothing/do_update`` constructs compile on
  PostgreSQL to the same ``INSERT ... ON CONFLICT`` (:func:`install` registers the compilers);
* raw driver SQL (``exec_driver_sql``) written with ``?`` placeholders and the ``main.`` /
  ``temp.`` schema prefixes is rewritten for psycopg (``%s``, no ``main.``, ``pg_temp.``) by
  :func:`pg_driver_sql`, called from the engine's ``before_cursor_execute`` hook;
* temporary tables without declared column types (SQLite) get the types of the table they
  stage for (:func:`stage_table_sql`);
* JSON access: :class:`json_text` and :class:`json_is_true` (``json_extract`` on SQLite,
  ``#>>`` on PostgreSQL);
* bulk appends (:func:`bulk_insert`): ``COPY ... FROM STDIN`` through psycopg on PostgreSQL,
  ``executemany`` of one INSERT on SQLite;
* large reads of text and numbers as the driver returns them (:func:`driver_rows`);
* :func:`is_postgres` for the few places that choose a different statement (integrity check,
  bulk paths);
* savepoints that are rolled back are released too (:func:`release_rolled_back_savepoints`),
  on both engines.

Locking (BEGIN IMMEDIATE on SQLite, a transaction-level advisory lock on PostgreSQL) lives in
:mod:`storage.engine`, where the engines are made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Boolean, String
from sqlalchemy.dialects.sqlite import dml as sqlite_dml
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

__all__ = ["bool_cells", "bulk_insert", "driver_rows", "in_ids", "install", "is_postgres", "json_is_true", "json_text", "pg_driver_sql", "release_rolled_back_savepoints", "stage_table_sql", "WRITE_LOCK_ID"]

#: the key of the advisory lock a writing unit of work holds on PostgreSQL (any fixed bigint;
#: "STRIVE" in ASCII)
WRITE_LOCK_ID = 0x535452495645


def is_postgres(bind: Any) -> bool:
    """True when *bind* (an Engine, Connection or Session) talks to PostgreSQL."""
    get_bind = getattr(bind, "get_bind", None)
    if get_bind is not None:  # a Session
        bind = get_bind()
    return bool(bind.dialect.name == "postgresql")


class _PgConflict:
    """The SQLite ON CONFLICT clause as PostgreSQL's compiler reads it (it also asks for a
    named constraint target, which SQLite's clause has not: always None here)."""

    constraint_target = None

    def __init__(self, clause: Any) -> None:
        self._clause = clause

    def __getattr__(self, name: str) -> Any:
        return getattr(self._clause, name)


@compiles(sqlite_dml.OnConflictDoNothing, "postgresql")
def _pg_do_nothing(clause: Any, compiler: Any, **kw: Any) -> str:
    return str(compiler.visit_on_conflict_do_nothing(_PgConflict(clause), **kw))


@compiles(sqlite_dml.OnConflictDoUpdate, "postgresql")
def _pg_do_update(clause: Any, compiler: Any, **kw: Any) -> str:
    if clause.inferred_target_elements is None:
        raise ValueError("an upsert on PostgreSQL needs its conflict target (index_elements)")
    return str(compiler.visit_on_conflict_do_update(_PgConflict(clause), **kw))


def install() -> None:
    """Nothing to do at run time: importing this module registers the compilers above (the
    engine module imports it before any PostgreSQL engine exists)."""


def release_rolled_back_savepoints(engine: Any) -> None:
    """Make *engine* release a savepoint after rolling back to it.

    ``ROLLBACK TO SAVEPOINT`` undoes a savepoint's writes but leaves the savepoint open, on
    SQLite as on PostgreSQL, until the transaction ends; SQLAlchemy rolls a nested transaction
    back with that statement alone and forgets it. Inside a batch (Store.batch) every read and
    every unit of work that failed left one behind, several per imported package: SQLite then
    copied every page the rest of the batch changed into each open savepoint's journal, and
    PostgreSQL keeps a subtransaction open for each. Releasing it at once leaves exactly the
    savepoints that are in use."""
    dialect = engine.dialect
    rollback_to = type(dialect).do_rollback_to_savepoint

    def do_rollback_to_savepoint(connection: Any, name: str) -> None:
        rollback_to(dialect, connection, name)
        dialect.do_release_savepoint(connection, name)

    dialect.do_rollback_to_savepoint = do_rollback_to_savepoint


def _word(sql: str, i: int) -> bool:
    return 0 <= i < len(sql) and (sql[i].isalnum() or sql[i] == "_")


def _rewrite(sql: str, has_params: bool) -> str:
    out: list[str] = []
    i, n = 0, len(sql)
    quote: str | None = None
    while i < n:
        ch = sql[i]
        if quote is not None:
            if ch == "%" and has_params:
                out.append("%%")
            else:
                out.append(ch)
            if ch == quote:
                quote = None
            i += 1
            continue
        if ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%" and has_params:
            out.append("%%")
        elif sql.startswith(("main.", "temp."), i) and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] in "_.")):
            out.append("" if sql[i] == "m" else "pg_temp.")
            i += 5
            continue
        elif sql.startswith("rowid", i) and not _word(sql, i - 1) and not _word(sql, i + 5):
            out.append("ctid")  # insertion order of a freshly filled staging table
            i += 5
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


_cache: dict[tuple[str, bool], str] = {}
_IS_NOT_PARAM = re.compile(r"\bIS\s+NOT\s+\?", re.IGNORECASE)
_IS_PARAM = re.compile(r"\bIS\s+\?", re.IGNORECASE)


def pg_driver_sql(sql: str, has_params: bool) -> str:
    """Driver-level SQL written for SQLite, as psycopg takes it: ``?`` -> ``%s`` (and a literal
    ``%`` doubled when parameters are bound), ``main.t`` -> ``t``, ``temp.t`` -> ``pg_temp.t``,
    ``rowid`` -> ``ctid``, ``x IS NOT ?`` -> ``x IS DISTINCT FROM %s``. Quoted text is left alone."""
    key = (sql, has_params)
    done = _cache.get(key)
    if done is None:
        # SQLite's null-safe comparisons with a parameter: PostgreSQL spells them out
        sql = _IS_NOT_PARAM.sub("IS DISTINCT FROM ?", _IS_PARAM.sub("IS NOT DISTINCT FROM ?", sql))
        done = _rewrite(sql, has_params)
        if len(_cache) < 4096:
            _cache[key] = done
    return done


def in_ids(conn: Any, column: str, ids: list[str] | tuple[str, ...]) -> tuple[str, tuple[Any, ...]]:
    """A driver-SQL condition "*column* is one of *ids*" and its parameters, for
    ``exec_driver_sql`` (``?`` placeholders): on SQLite ``column IN (?, ?, ...)`` with one
    parameter per id; on PostgreSQL ``column = ANY(?)`` with the ids as one array parameter
    (one statement text whatever the count, and no parsing of thousands of parameters)."""
    if is_postgres(conn):
        return f"{column} = ANY(?)", (list(ids),)
    return f"{column} IN ({','.join('?' * len(ids))})", tuple(ids)


def analyze(conn: Any, tables: Iterable[str]) -> None:
    """PostgreSQL: fresh planner statistics for *tables* (after a bulk write much larger than
    what they held, the plans of the reports would follow the old, small figures until
    autovacuum comes round). Nothing on SQLite, whose plans do not use gathered statistics here."""
    if not is_postgres(conn):
        return
    for name in tables:
        conn.exec_driver_sql(f"ANALYZE {name}")


def bool_cells(rows: list[tuple[Any, ...]], positions: list[int]) -> list[tuple[Any, ...]]:
    """*rows* with the cells at *positions* (boolean columns, held as SQLite's 0/1) as Python
    booleans: PostgreSQL has no cast from an integer parameter to boolean."""
    if not positions:
        return rows
    out = []
    for row in rows:
        cells = list(row)
        for k in positions:
            if cells[k] is not None:
                cells[k] = bool(cells[k])
        out.append(tuple(cells))
    return out


def bulk_insert(conn: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Append *rows* (cells in the order of *columns*) to *table* (``temp.name`` for a staging
    table) on the Connection *conn*, inside its transaction: nothing else, no conflict handling.

    On PostgreSQL one ``COPY ... FROM STDIN`` through psycopg's ``cursor.copy`` (the server
    parses each cell as text into the column's type, as it would a bound parameter); on SQLite
    ``executemany`` of one prepared INSERT. A failing row fails the whole call with SQLAlchemy's
    exception for it (IntegrityError, DataError ...), as ``exec_driver_sql`` would raise it; text
    that cannot be encoded raises UnicodeEncodeError on both engines."""
    if not rows:
        return
    cols = ", ".join(f'"{c}"' for c in columns)  # quoted: a column may be called "end"
    if not is_postgres(conn):
        conn.exec_driver_sql(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(columns))})", rows)
        return
    import psycopg
    from sqlalchemy.exc import DBAPIError

    sql = f"COPY {pg_driver_sql(table, False)} ({cols}) FROM STDIN"
    driver = conn.connection.driver_connection
    try:
        with driver.cursor() as cur, cur.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error, dialect=conn.dialect) from exc


def driver_rows(conn: Any, statement: Any) -> list[tuple[Any, ...]]:
    """The rows of *statement* run on *conn* as the driver returns them: plain tuples, no
    result processing. For a large read of text and numbers only (on SQLite a date or a boolean
    would come back as the stored text or integer): building SQLAlchemy's rows is a third of
    reading 90,000 people for the donor summary."""
    result = conn.execute(statement)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def stage_table_sql(name: str, like: str, columns: list[str], postgres: bool) -> str:
    """CREATE statement of a temporary staging table *name* with the *columns* of table *like*:
    on SQLite without declared types (values keep the form they were bound in), on PostgreSQL
    with the same types as *like* (``CREATE TEMP TABLE ... AS SELECT ... WITH NO DATA``)."""
    cols = ", ".join(f'"{c}"' for c in columns)  # quoted: a column may be called "end"
    if postgres:
        return f"CREATE TEMP TABLE IF NOT EXISTS {name} AS SELECT {cols} FROM {like} WITH NO DATA"  # noqa: S608
    return f"CREATE TEMP TABLE IF NOT EXISTS {name} ({cols})"


# -- JSON access ------------------------------------------------------------------------------
class json_text(FunctionElement[str]):  # noqa: N801 - used like a SQL function
    """``json_text(column, "serial", 0)``: the value at that path of a JSON column as SQL
    text or number (SQLite ``json_extract(c, '$.serial[0]')``, PostgreSQL ``c #>> '{serial,0}'``)."""

    type = String()
    inherit_cache = False  # the path is written into the SQL text: no cached statement per shape
    name = "json_text"


class json_is_true(FunctionElement[bool]):  # noqa: N801 - used like a SQL function
    """``json_is_true(column, "revoked", 0)``: the JSON value at that path is ``true``."""

    type = Boolean()
    inherit_cache = False
    name = "json_is_true"


_PATH_PART = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _path(clause: Any) -> tuple[Any, list[str | int]]:
    column, *parts = list(clause.clauses)
    out: list[str | int] = []
    for p in parts:
        value = p.value
        if not (isinstance(value, int) or (isinstance(value, str) and _PATH_PART.match(value))):
            raise ValueError(f"a JSON path part must be a name or an index, not {value!r}")
        out.append(value)
    return column, out


def _sqlite_path(parts: list[str | int]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


@compiles(json_text)
def _json_text_sqlite(clause: Any, compiler: Any, **kw: Any) -> str:
    column, parts = _path(clause)
    return f"json_extract({compiler.process(column, **kw)}, '{_sqlite_path(parts)}')"


@compiles(json_text, "postgresql")
def _json_text_pg(clause: Any, compiler: Any, **kw: Any) -> str:
    column, parts = _path(clause)
    return f"({compiler.process(column, **kw)} #>> '{{{','.join(map(str, parts))}}}')"


@compiles(json_is_true)
def _json_true_sqlite(clause: Any, compiler: Any, **kw: Any) -> str:
    column, parts = _path(clause)
    return f"(json_extract({compiler.process(column, **kw)}, '{_sqlite_path(parts)}') IS 1)"


@compiles(json_is_true, "postgresql")
def _json_true_pg(clause: Any, compiler: Any, **kw: Any) -> str:
    column, parts = _path(clause)
    return f"(({compiler.process(column, **kw)} #>> '{{{','.join(map(str, parts))}}}') = 'true')"
