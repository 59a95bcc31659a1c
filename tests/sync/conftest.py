"""Fixtures for the sync tests: a field office and headquarters that know each other's keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from strive_desktop.services import installation, maintenance, rosters
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, importer, keys

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


def person(store: Store, name: str, community: str = NOOKAT, **kw) -> str:  # type: ignore[no-untyped-def]
    inp = rosters.PersonInput(full_name=name, sex=kw.pop("sex", "f"), sector=kw.pop("sector", "youth"),
                              community_id=community, **kw)
    res = rosters.add_person(store, inp, allow_duplicate=True)
    assert res.person_id
    return res.person_id


def ship(src: Store, dst: Store, tmp: Path | None = None) -> list[importer.ImportResult]:
    """Export everything pending at *src* and import it at *dst*."""
    results = export.export(src)
    return [importer.import_file(dst, r.path) for r in results]


def community_dump(store: Store, cid: str) -> dict:
    """The dump restricted to one community's records plus the shared communities."""
    from strive_desktop.sync.scope import SCOPE_SQL

    data = maintenance.dump(store)
    out = {}
    with store.engine.connect() as conn:
        from sqlalchemy import text

        for tbl, rows in data.items():
            ids = {r[0] for r in conn.execute(text(SCOPE_SQL[tbl])) if r[1] in (cid, None)}
            out[tbl] = [r for r in rows if r["id"] in ids]
    return out


def copy_folder_db(src_root: Path, dest_root: Path) -> None:
    """A second copy of a data folder's database (same installation, same keys): the
    encrypted database copied with its key file (vault.json), as they belong together."""
    import shutil

    from strive_desktop.storage.datafolder import DataFolder
    from strive_desktop.storage.db import sqlite_backup
    from strive_desktop.storage.vault import key_from_environment

    key = key_from_environment(DataFolder(src_root))[1]
    dest_root.mkdir(parents=True, exist_ok=True)
    sqlite_backup(src_root / "strive.sqlite3", dest_root / "strive.sqlite3", key)
    shutil.copyfile(src_root / "vault.json", dest_root / "vault.json")


def link(field: Store, hq: Store, tmp: Path) -> None:
    """The field imports headquarters' key; headquarters accepts the field installation."""
    keyfile = keys.export_hq_key(hq, tmp / "hq.strivekey")
    keys.import_hq_key(field, keyfile)
    res = ship(field, hq) if installation.unexported_changes(field) else []
    if not res:
        person(field, "Link Person")
        res = ship(field, hq)
    assert res[0].status == "waiting", res[0].message
    keys.accept_installation(hq, installation.get_installation(field).id)
    out = importer.apply_waiting(hq)
    assert out and out[0].status == "applied", out


@pytest.fixture
def linked(store: Store, hq_store: Store, tmp_path: Path) -> tuple[Store, Store]:
    link(store, hq_store, tmp_path)
    return store, hq_store


@pytest.fixture
def kochkor_store(tmp_path: Path) -> Iterator[Store]:
    st = open_store(tmp_path / "kochkor")
    installation.init_installation(st, name="Kochkor office", community=KOCHKOR, user_name="Bakyt")
    yield st
    st.close()
