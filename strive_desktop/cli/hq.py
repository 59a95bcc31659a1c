"""Headquarters on a PostgreSQL server: ``migrate-hq --to URL`` (services/hq_server.py)."""

from __future__ import annotations

import argparse

from . import Context
from .language import C_


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("migrate-hq", help="move this headquarters' database from its file to an empty "
                                          "PostgreSQL database (docs/postgresql.md)")
    p.add_argument("--to", dest="url", required=True, metavar="URL",
                   help="postgresql+psycopg://user:password@server:5432/database (created empty, "
                        "with LC_COLLATE 'C')")
    p.set_defaults(handler=cmd_migrate_hq, needs_lock=True, needs_folder=True)


def cmd_migrate_hq(args: argparse.Namespace, ctx: Context) -> int:
    from ..services import hq_server

    res = hq_server.move_to_server(ctx.store, args.url)
    for table, n in res.rows.items():
        if n:
            ctx.say(C_("{table}: {n}"), table=table, n=n)
    ctx.say(C_("Moved {n} rows to {url}. This data folder now uses that database (settings.json); its old "
               "file strive.sqlite3 was left as it was: keep it as a copy."), n=res.total, url=res.url)
    return 0
