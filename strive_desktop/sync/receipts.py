"""Receipts: headquarters' return package lists the packages it has applied from that
installation (``receipts.json``); the field marks them delivered when it imports it.

Writing happens in :func:`export.export_returns`, reading in :func:`importer.import_bytes`;
this module answers what is receipted.
"""

from __future__ import annotations

from sqlalchemy import select

from ..storage.db import Store
from ..storage.sync_models import SyncPackage


def delivered(store: Store) -> list[str]:
    """Ids of this installation's packages that headquarters has receipted."""
    with store.read() as s:
        return list(s.scalars(select(SyncPackage.id).where(SyncPackage.direction == "out",
                                                          SyncPackage.delivered.is_(True))))


def not_delivered(store: Store) -> list[tuple[str, int, int]]:
    """(file name, first, last) of packages sent but not receipted yet: re-export them if lost."""
    with store.read() as s:
        return [(r.file_name, r.first, r.last) for r in s.scalars(
            select(SyncPackage).where(SyncPackage.direction == "out", SyncPackage.delivered.is_(False))
            .order_by(SyncPackage.first))]
