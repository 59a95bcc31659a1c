"""Headquarters on a PostgreSQL server (storage/engine.py): the integrity check there.

The server enforces every constraint and foreign key itself and keeps its own pages sound, so
the check reads what the SQLite check reads besides: the schema version, every table of the
schema present, and the row counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, inspect, select

from ..storage.db import read_pg_version
from ..storage.models import SYNCED_MODELS, Base
from ..storage.schema import HEAD, KNOWN_REVISIONS

if TYPE_CHECKING:
    from ..storage.db import Store
    from .maintenance import CheckReport


def check_server(store: Store) -> CheckReport:
    """The check of :func:`services.maintenance.check` for a database on a PostgreSQL server."""
    from .maintenance import CheckReport

    problems: list[str] = []
    version = read_pg_version(store.engine)
    if version not in KNOWN_REVISIONS:
        problems.append(f"schema version {version} is not one this version knows ({HEAD})")
    with store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        for name in sorted(set(Base.metadata.tables) - tables):
            problems.append(f"table {name} is missing")
        counts: dict[str, int] = {}
        for m in SYNCED_MODELS:
            if m.__tablename__ in tables:
                q = select(func.count()).select_from(m).where(m.deleted.is_(False))  # type: ignore[attr-defined]
                counts[m.__tablename__] = int(conn.execute(q).scalar() or 0)
    return CheckReport(version, tuple(problems), counts)
