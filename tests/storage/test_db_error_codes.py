"""SQLite errors are sorted by their result code: what the machine did (busy, full, read-only,
damaged, not a database, I/O) is told to the user plainly; anything else stays a bug."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from strive_desktop.errors import StorageError
from strive_desktop.services import installation, rosters
from strive_desktop.storage import db
from strive_desktop.storage.db import open_store, raw_text, storage_error, written_table
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def _person(name: str = "Асанов Айбек") -> rosters.PersonInput:
    return rosters.PersonInput(full_name=name, sex="m", sector="youth", community_id=NOOKAT, birth_year=1985)


def _error_of(fn) -> sqlite3.Error:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlite3.Error) as info:
        fn()
    return info.value


def test_a_file_that_is_not_a_database_is_told_as_damaged(tmp_path: Path):
    f = tmp_path / "photo.sqlite3"
    f.write_bytes(b"\xff\xd8\xff\xe0 a JPEG, not a database" * 100)
    exc = _error_of(lambda: sqlite3.connect(f).execute("SELECT * FROM sqlite_master").fetchall())
    mapped = storage_error(exc)
    assert isinstance(mapped, StorageError)
    assert "damaged or unreadable" in mapped.render()


def test_a_read_only_database_is_told_as_read_only(tmp_path: Path):
    f = tmp_path / "d.sqlite3"
    sqlite3.connect(f).execute("CREATE TABLE t (x)").connection.commit()
    ro = sqlite3.connect(f"file:{f}?mode=ro", uri=True)
    exc = _error_of(lambda: ro.execute("INSERT INTO t VALUES (1)"))
    assert storage_error(exc).render() == "The data folder is read-only. Nothing could be saved."  # type: ignore[union-attr]


def test_a_busy_database_is_told_as_busy_and_the_next_try_works(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    with open_store(tmp_path / "d") as st:
        installation.init_installation(st, name="N", hq=True)
        other = st.raw_connection()  # SQLCipher's SQLite: locks are per library within a process
        other.isolation_level = None
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StorageError) as err:
                rosters.add_person(st, _person())
            assert isinstance(err.value.__cause__, OperationalError)
            assert "busy" in err.value.render()
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert rosters.add_person(st, _person()).created


def test_a_broken_constraint_is_a_bug_not_a_message_and_nothing_is_saved(store):
    pid = rosters.add_person(store, _person()).person_id
    with pytest.raises(IntegrityError):
        with store.uow() as s:
            raw_text(s, "UPDATE people SET full_name = 'Changed' WHERE id = :id", id=pid)
            raw_text(s, "INSERT INTO people (id) VALUES (:id)", id=pid)  # the same key again
    assert rosters.get_person(store, pid).full_name == "Асанов Айбек"


def test_an_sql_syntax_error_is_a_bug_in_a_unit_of_work_and_in_a_read(store):
    with pytest.raises(OperationalError):
        with store.uow() as s:
            raw_text(s, "UPDATE people SET WHERE")
    with pytest.raises(OperationalError):
        with store.read() as s:
            raw_text(s, "SELEC 1")


def test_watch_names_the_tables_one_action_committed(store):
    with store.watch() as seen:
        rosters.add_person(store, _person())
    assert {"people", "audit_log"} <= seen
    with store.watch() as seen:
        rosters.bulk_add_people(store, [_person(f"Асанов Айбек {i}") for i in range(3)])
    assert "people" in seen
    with store.watch() as seen:
        with pytest.raises(RuntimeError):
            with store.uow() as s:
                raw_text(s, "UPDATE settings SET value = 'x'")
                raise RuntimeError("rolled back")
        rosters.list_groups(store)
    assert seen == set()


def test_written_table_reads_every_kind_of_write():
    assert written_table("INSERT INTO people (id) VALUES (?)") == "people"
    assert written_table('INSERT OR REPLACE INTO "settings" VALUES (?, ?)') == "settings"
    assert written_table("  update attendance set present = 1") == "attendance"
    assert written_table("DELETE FROM main.sync_pending WHERE id = ?") == "sync_pending"
    assert written_table("INSERT INTO temp.stage_people SELECT 1") is None
    assert written_table("SELECT * FROM people") is None
