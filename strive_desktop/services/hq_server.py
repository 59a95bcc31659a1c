"""Headquarters on a PostgreSQL server (storage/engine.py): moving an existing headquarters
there (``migrate-hq --to URL``) and the integrity check.

The server enforces every constraint and foreign key itself and keeps its own pages sound, so
the check reads what the SQLite check reads besides: the schema version, every table of the
schema present, and the row counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, inspect, select
from sqlalchemy.exc import DBAPIError

from ..errors import UserError
from ..i18n import N_, Message
from ..storage.copy import Progress, copy_tables, rows_in
from ..storage.db import _make_engine, read_pg_version, run_migrations, storage_error
from ..storage.engine import (
    check_collation,
    make_pg_engine,
    normalise_url,
    safe_url,
    save_database_url,
)
from ..storage.models import SYNCED_MODELS, Base
from ..storage.schema import HEAD, KNOWN_REVISIONS

if TYPE_CHECKING:
    from pathlib import Path

    from ..storage.db import Store
    from .maintenance import CheckReport


def check_server(store: Store) -> CheckReport:
    """The check of :func:`services.maintenance.check` for a database on a PostgreSQL server."""
    from .maintenance import CheckReport, unknown_version

    problems: list[Message] = []
    version = read_pg_version(store.engine)
    if version not in KNOWN_REVISIONS:
        problems.append(unknown_version(version))
    with store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        for name in sorted(set(Base.metadata.tables) - tables):
            problems.append(Message(N_("table {name} is missing"), name=name))
        counts: dict[str, int] = {}
        for m in SYNCED_MODELS:
            if m.__tablename__ in tables:
                q = select(func.count()).select_from(m).where(m.__table__.c.deleted.is_(False))
                counts[m.__tablename__] = int(conn.execute(q).scalar() or 0)
    return CheckReport(version, tuple(problems), counts)


@dataclass(frozen=True)
class MoveResult:
    url: str  # password hidden
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def move_to_server(store: Store, url: str, progress: Progress | None = None) -> MoveResult:
    """Copy the headquarters database of *store* (its SQLite file) to the empty PostgreSQL
    database *url*, then make the data folder use it (settings.json ``database_url``). The
    SQLite file is left as it was: a copy to keep. Nothing is written to the folder's settings
    unless every row arrived (one transaction at the server)."""
    if store.is_postgres:
        raise UserError(N_("This data folder already keeps its database on a server."))
    url = normalise_url(url)
    target = make_pg_engine(url)
    try:
        check_collation(target)
        version = read_pg_version(target)
        if version is not None and version != HEAD:
            raise UserError(N_("The database {url} holds another version of the STRIVE schema ({version}); "
                               "give an empty database."), url=safe_url(url), version=version)
        if version is None:
            run_migrations(store.folder.db_path, url=url)
        with store.engine.connect() as src, target.begin() as dst:
            if rows_in(dst):
                raise UserError(N_("The database {url} already holds data; give an empty database."),
                                url=safe_url(url))
            rows = copy_tables(src, dst, progress)
    except DBAPIError as exc:
        raise (storage_error(exc) or exc) from exc
    finally:
        target.dispose()
    save_database_url(store.folder, url)
    return MoveResult(safe_url(url), rows)


def snapshot_to_file(store: Store, dest: Path, key: bytes) -> dict[str, int]:
    """The server database of *store* as of one moment (one REPEATABLE READ transaction),
    written to a new SQLCipher file *dest* encrypted with *key*: the database entry of the
    app's own encrypted backup (services/backups.py), restorable like a field office's."""
    run_migrations(dest, key=key)  # a new encrypted file with the schema at HEAD
    target = _make_engine(dest, key)
    try:
        with store.engine.connect().execution_options(isolation_level="REPEATABLE READ") as src, \
                target.begin() as dst:
            return copy_tables(src, dst)
    except DBAPIError as exc:
        raise (storage_error(exc) or exc) from exc
    finally:
        target.dispose()
