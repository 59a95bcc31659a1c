"""Copying a whole database from one engine to another (SQLite -> PostgreSQL and back).

Used to move an existing headquarters from its SQLite file to a PostgreSQL server
(``migrate-hq --to URL``, :mod:`services.hq_server`). Every table of the schema is read in one
read transaction (one consistent snapshot) and written in the target's one transaction through
SQLAlchemy Core, so the values go through the column types (booleans, datetimes, JSON) and land
in the target exactly as the app would have written them there. The target must be at the same
schema version and hold no rows of its own yet.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Integer, func, select, text
from sqlalchemy.engine import Connection

from . import import_models as _import_models  # noqa: F401 - registers their tables
from . import sync_models as _sync_models  # noqa: F401 - registers their tables
from .models import Base

CHUNK = 5000
Progress = Callable[[str, int], None]


def copy_tables(src: Connection, dst: Connection, progress: Progress | None = None) -> dict[str, int]:
    """Copy the rows of every table of the schema from *src* to *dst* (parents before children);
    return {table: rows}. The tables at *dst* must be empty."""
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        n = 0
        result = src.execute(select(table).order_by(*table.primary_key.columns))
        while True:
            rows = result.fetchmany(CHUNK)
            if not rows:
                break
            dst.execute(table.insert(), [dict(r._mapping) for r in rows])
            n += len(rows)
            if progress:
                progress(table.name, n)
        counts[table.name] = n
    if dst.dialect.name == "postgresql":
        _reset_sequences(dst)
    return counts


def _reset_sequences(conn: Connection) -> None:
    """After rows with their own integer ids: each table's id sequence continues after them."""
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        top = conn.execute(select(func.max(pk[0]))).scalar()
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                           {"t": table.name, "c": pk[0].name}).scalar()
        if seq is not None:
            conn.execute(text("SELECT setval(:s, :v, :called)"),
                         {"s": seq, "v": int(top or 1), "called": top is not None})


def rows_in(conn: Connection) -> int:
    """How many rows the tables of the schema hold at *conn* (the target must have none)."""
    return sum(int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
               for t in Base.metadata.sorted_tables)
