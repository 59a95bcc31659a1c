"""Alembic environment: uses the connection handed over by storage.db.run_migrations."""

from alembic import context
from sqlalchemy import create_engine

from strive_desktop.storage import sync_models  # noqa: F401 - registers the sync tables
from strive_desktop.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as conn:
            _run(conn)
    else:
        _run(conn)


def _run(conn) -> None:
    context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
