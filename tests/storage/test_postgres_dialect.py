"""The dialect layer (storage/dialect.py): SQL written for SQLite, as PostgreSQL takes it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from strive_desktop.services import rosters
from strive_desktop.storage.db import Store
from strive_desktop.storage.dialect import (
    analyze,
    bulk_insert,
    in_ids,
    json_is_true,
    json_text,
    pg_driver_sql,
)
from strive_desktop.storage.models import AuditEntry, Setting
from strive_desktop.storage.seed import community_id


def test_driver_sql_written_for_sqlite_is_rewritten_for_psycopg_and_quoted_text_is_kept() -> None:
    sql = ("INSERT INTO main.people SELECT * FROM temp.stage WHERE a IS NOT ? AND b IS ? "
           "AND c LIKE '50% ? main.x' ORDER BY rowid")
    assert pg_driver_sql(sql, True) == (
        "INSERT INTO people SELECT * FROM pg_temp.stage WHERE a IS DISTINCT FROM %s AND "
        "b IS NOT DISTINCT FROM %s AND c LIKE '50%% ? main.x' ORDER BY ctid")
    assert pg_driver_sql("SELECT 1 WHERE x IS NOT NULL AND rowid_count = 1", False) == \
        "SELECT 1 WHERE x IS NOT NULL AND rowid_count = 1"


def test_sqlite_upserts_compile_to_the_same_on_conflict_on_postgresql() -> None:
    stmt = sqlite_insert(Setting).values(key="k", value="v")
    stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
    pg = str(stmt.compile(dialect=postgresql.dialect()))
    assert "ON CONFLICT (key) DO UPDATE SET value = excluded.value" in pg
    nothing = str(sqlite_insert(Setting).values(key="k").on_conflict_do_nothing()
                  .compile(dialect=postgresql.dialect()))
    assert nothing.endswith("ON CONFLICT DO NOTHING")


def test_json_access_is_json_extract_on_sqlite_and_a_path_operator_on_postgresql() -> None:
    q = select(AuditEntry.id).where(json_text(AuditEntry.changes, "serial", 0) == "A1",
                                    json_is_true(AuditEntry.changes, "revoked", 0))
    lite = str(q.compile(dialect=sqlite.dialect()))
    pg = str(q.compile(dialect=postgresql.dialect()))
    assert "json_extract(audit_log.changes, '$.serial[0]')" in lite
    assert "json_extract(audit_log.changes, '$.revoked[0]') IS 1" in lite
    assert "(audit_log.changes #>> '{serial,0}')" in pg
    assert "((audit_log.changes #>> '{revoked,0}') = 'true')" in pg


def test_a_bulk_insert_writes_every_value_as_given_and_a_clash_fails_the_whole_unit_of_work(
        db_engine: str, store: Store) -> None:
    """COPY on PostgreSQL, executemany on SQLite: the same rows read back on both engines."""
    cols = ["id", "at", "installation_id", "user_name", "action", "entity", "entity_id", "counter", "changes"]
    awkward = ["tab\there", "two\nlines", "back\\slash \\N", "", "Өмүр 'и' \"ёлка\""]
    rows = [(f"bulk-{i:03d}", dt.datetime(2026, 3, 1, 9, 0, 0, i), "inst", awkward[i % len(awkward)], "create",
             "people", f"p{i}", i, "{}") for i in range(25)]
    with store.uow() as s:
        bulk_insert(s.connection(), "audit_log", cols, rows)
    with store.read() as s:
        back = s.execute(select(AuditEntry.id, AuditEntry.at, AuditEntry.user_name, AuditEntry.counter)
                         .where(AuditEntry.id.like("bulk-%")).order_by(AuditEntry.id)).all()
    assert [tuple(r) for r in back] == [(r[0], r[1], r[3], r[7]) for r in rows]

    with pytest.raises(IntegrityError), store.uow() as s:
        bulk_insert(s.connection(), "audit_log", cols, [("bulk-new", *rows[0][1:]), rows[1]])
    with store.read() as s:
        assert s.get(AuditEntry, "bulk-new") is None  # nothing of the failed unit of work stays


def test_a_lookup_of_many_ids_finds_exactly_the_stored_ones_on_both_engines(db_engine: str, store: Store) -> None:
    """in_ids: one array parameter on PostgreSQL, one parameter per id on SQLite; the same rows."""
    cols = ["id", "at", "installation_id", "user_name", "action", "entity", "entity_id", "counter", "changes"]
    at = dt.datetime(2026, 3, 1, 9, 0, 0)
    with store.uow() as s:
        bulk_insert(s.connection(), "audit_log", cols,
                    [(f"ids-{i:04d}", at, "inst", "u", "create", "people", f"p{i}", i, "{}") for i in range(1500)])
    wanted = [f"ids-{i:04d}" for i in range(0, 3000, 2)]  # half of them stored, half not
    with store.read() as s:
        cond, params = in_ids(s.connection(), "id", wanted)
        found = {r[0] for r in s.connection().exec_driver_sql(f"SELECT id FROM audit_log WHERE {cond}", params)}  # noqa: S608
    assert found == {f"ids-{i:04d}" for i in range(0, 1500, 2)}


def test_after_analyze_postgresql_plans_with_the_rows_a_bulk_write_added(db_engine: str, store: Store) -> None:
    """analyze: on PostgreSQL the planner's row count of a table follows a bulk write at once
    (not when autovacuum comes round); on SQLite it does nothing."""
    cols = ["id", "at", "installation_id", "user_name", "action", "entity", "entity_id", "counter", "changes"]
    at = dt.datetime(2026, 3, 1, 9, 0, 0)
    with store.uow() as s:
        bulk_insert(s.connection(), "audit_log", cols,
                    [(f"an-{i:04d}", at, "inst", "u", "create", "people", f"p{i}", i, "{}") for i in range(3000)])
        analyze(s.connection(), ["audit_log"])
    with store.read() as s:
        if db_engine == "postgresql":
            estimate = s.connection().exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE relname = 'audit_log'").scalar()
            assert estimate is not None and estimate >= 3000
        assert s.scalar(select(func.count()).where(AuditEntry.id.like("an-%"))) == 3000


def test_a_savepoint_rolled_back_is_released_at_once_on_both_engines(db_engine: str, store: Store) -> None:
    """Inside a batch (an import), a read and a unit of work that fails each roll back their
    savepoint. ROLLBACK TO alone leaves a savepoint open until the batch commits (SQLite then
    copies every page the rest of the batch writes into its journal; PostgreSQL keeps a
    subtransaction for it): it is released at once, and what the batch wrote is all there."""
    names: list[str] = []

    def opened(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.upper().startswith("SAVEPOINT "):
            names.append(statement.split()[1])

    event.listen(store.engine, "before_cursor_execute", opened)
    with store.batch(seconds=3600, longest=3600) as batch:
        first = rosters.add_person(store, _person("Асанов Айбек")).person_id
        committed = list(names)  # the unit of work's savepoint, released by its commit
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(AuditEntry)) >= 1
        with pytest.raises(ValueError), store.uow():
            raise ValueError("refused")
        rolled_back = [n for n in names if n not in committed]
        assert len(rolled_back) == 2
        conn = batch.begin()
        for name in reversed(rolled_back):
            conn.exec_driver_sql("SAVEPOINT probe")  # (a failed statement on PostgreSQL goes back to here)
            with pytest.raises(DBAPIError, match="(?i)savepoint"):
                conn.exec_driver_sql(f"RELEASE SAVEPOINT {name}")  # no such savepoint any more
            conn.exec_driver_sql("ROLLBACK TO SAVEPOINT probe")
            conn.exec_driver_sql("RELEASE SAVEPOINT probe")
        second = rosters.add_person(store, _person("Үсөнова Гүлнара")).person_id
    assert [rosters.get_person(store, pid).full_name for pid in (first, second)] == ["Асанов Айбек", "Үсөнова Гүлнара"]


def _person(name: str) -> rosters.PersonInput:
    return rosters.PersonInput(full_name=name, sex="f", sector="youth", community_id=community_id("nookat"))
