"""Storage behaviour: sync columns, counters, tombstones, audit log, PRAGMAs, the lock,
migrations (backup first, newer refused), the data folder and the seeded communities."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from strive_desktop.errors import AlreadyRunning, DatabaseTooNew, StorageError, UserError
from strive_desktop.i18n import N_
from strive_desktop.services import installation, maintenance, rosters, vulnerable
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage import cipher, db
from strive_desktop.storage.datafolder import DB_NAME, SUBDIRS, default_data_dir
from strive_desktop.storage.db import (
    _make_engine,
    open_store,
    raw_text,
    run_migrations,
    storage_error,
    written_table,
)
from strive_desktop.storage.models import SYNC_COLUMNS, SYNCED_MODELS, AuditEntry, Person
from strive_desktop.storage.schema import HEAD, KNOWN_REVISIONS
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")
ROOT = Path(__file__).resolve().parents[2]


def _person(name: str = "Асанов Айбек", year: int | None = 1985, **kw) -> rosters.PersonInput:
    return rosters.PersonInput(full_name=name, sex=kw.pop("sex", "m"), sector=kw.pop("sector", "youth"),
                               community_id=kw.pop("community_id", NOOKAT), birth_year=year, **kw)


def _raw(store, sql: str, **params):
    with store.read() as s:
        return s.execute(text(sql), params).all()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- the model and its sync columns ----------------------------------------------------


def test_every_synced_table_has_the_sync_columns_in_the_database(store):
    con = store.raw_connection()
    try:
        for model in SYNCED_MODELS:
            cols = {row[1] for row in con.execute(f"PRAGMA table_info({model.__tablename__})")}
            assert set(SYNC_COLUMNS) <= cols, model.__tablename__
        local = {row[1] for row in con.execute("PRAGMA table_info(installation)")}
        assert "change_counter" not in local and "deleted" not in local
    finally:
        con.close()


def test_new_record_gets_uuid_times_installation_and_counter(store):
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=1)
    pid = rosters.add_person(store, _person()).person_id
    inst = installation.get_installation(store)
    with store.read() as s:
        p = s.get(Person, pid)
        assert len(p.id) == 36 and p.id.count("-") == 4
        assert before <= p.created_at <= p.updated_at <= before + dt.timedelta(minutes=1)
        assert p.changed_by == inst.id
        assert p.change_counter == inst.counter >= 1
        assert p.deleted is False


def test_change_counter_increases_with_every_change(store):
    pid = rosters.add_person(store, _person()).person_id
    counters = [installation.get_installation(store).counter]
    rec = rosters.get_person(store, pid)
    for phone in ("0555 12 34 56", "0700 11 22 33"):
        inp = rec.to_input()
        inp.phone = phone
        rosters.update_person(store, pid, inp)
        with store.read() as s:
            counters.append(s.get(Person, pid).change_counter)
    assert counters == sorted(counters) and len(set(counters)) == 3
    assert installation.get_installation(store).counter == counters[-1]


def test_saving_without_changes_uses_no_counter(store):
    pid = rosters.add_person(store, _person()).person_id
    before = installation.get_installation(store).counter
    rosters.update_person(store, pid, rosters.get_person(store, pid).to_input())
    assert installation.get_installation(store).counter == before


def test_delete_is_a_tombstone_not_a_hard_delete(store):
    pid = rosters.add_person(store, _person()).person_id
    rosters.delete_person(store, pid)
    assert load_people_index(store).filtered("Айбек").ids == []
    rows = _raw(store, "SELECT deleted, change_counter FROM people WHERE id = :id", id=pid)
    assert rows and rows[0][0] == 1
    dumped = maintenance.dump(store)["people"]
    assert [p["deleted"] for p in dumped if p["id"] == pid] == [True]
    rosters.restore_person(store, pid)
    assert load_people_index(store).filtered("Айбек").ids == [pid]


def test_vulnerable_group_removal_is_a_tombstone(store):
    vid = vulnerable.add_vulnerable_group(store, NOOKAT, "Return migrants")
    vulnerable.remove_vulnerable_group(store, vid)
    assert vulnerable.list_vulnerable_groups(store, NOOKAT) == []
    assert _raw(store, "SELECT deleted FROM vulnerable_groups WHERE id = :id", id=vid) == [(1,)]


# ---- audit log -------------------------------------------------------------------------


def test_audit_log_records_installation_user_and_changes(store):
    pid = rosters.add_person(store, _person()).person_id
    inp = rosters.get_person(store, pid).to_input()
    inp.phone = "+996 555 12 34 56"
    rosters.update_person(store, pid, inp)
    rosters.delete_person(store, pid)
    inst = installation.get_installation(store)
    with store.read() as s:
        rows = [(r.action, r.installation_id, r.user_name, r.changes) for r in s.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == pid).order_by(AuditEntry.counter))]
    assert [r[0] for r in rows] == ["insert", "update", "delete"]
    assert {r[1] for r in rows} == {inst.id}
    assert {r[2] for r in rows} == {"Gulnara"}
    assert rows[1][3]["phone"] == [None, "+996555123456"]
    assert rows[0][3]["full_name"] == "Асанов Айбек"


def test_audit_log_is_append_only(store):
    rosters.add_person(store, _person())
    n1 = _raw(store, "SELECT count(*) FROM audit_log")[0][0]
    first = _raw(store, "SELECT id, changes FROM audit_log ORDER BY counter")
    rosters.add_person(store, _person("Токтогулова Айгүл", 1990, sex="f"))
    after = _raw(store, "SELECT id, changes FROM audit_log ORDER BY counter")
    assert len(after) > n1
    assert after[: len(first)] == first


def test_audit_rows_cannot_be_changed_or_removed_through_the_orm(store):
    pid = rosters.add_person(store, _person()).person_id
    with pytest.raises(RuntimeError, match="append-only"), store.uow() as s:
        s.scalar(select(AuditEntry).where(AuditEntry.entity_id == pid)).user_name = "someone else"
    with pytest.raises(RuntimeError, match="append-only"), store.uow() as s:
        s.delete(s.scalar(select(AuditEntry).where(AuditEntry.entity_id == pid)))
    assert _raw(store, "SELECT user_name FROM audit_log WHERE entity_id = :id", id=pid) == [("Gulnara",)]


def test_synced_records_cannot_be_hard_deleted(store):
    pid = rosters.add_person(store, _person()).person_id
    with pytest.raises(RuntimeError, match="never deleted"), store.uow() as s:
        s.delete(s.get(Person, pid))
    assert rosters.get_person(store, pid).full_name == "Асанов Айбек"


def test_user_name_change_is_recorded_in_later_audit_entries(store):
    installation.set_user_name(store, "Nurlan")
    pid = rosters.add_person(store, _person()).person_id
    assert _raw(store, "SELECT user_name FROM audit_log WHERE entity_id = :id", id=pid) == [("Nurlan",)]


def test_bulk_add_writes_one_audit_entry_and_consecutive_counters(store):
    before = installation.get_installation(store).counter
    ids = rosters.bulk_add_people(store, [_person(f"Асанов Айбек{i}", 1980) for i in range(5)])
    assert installation.get_installation(store).counter == before + 5
    counters = sorted(r[0] for r in _raw(store, "SELECT change_counter FROM people"))
    assert counters == list(range(before + 1, before + 6))
    assert len(ids) == 5
    rows = _raw(store, "SELECT action, user_name FROM audit_log WHERE action = 'bulk'")
    assert rows == [("bulk", "Gulnara")]


# ---- SQLite settings -------------------------------------------------------------------


def test_wal_foreign_keys_and_busy_timeout_are_on(store):
    with store.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert s.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_foreign_keys_are_enforced(store):
    # A broken constraint is a bug in the app, not the user's doing: it stays an IntegrityError
    # (logged and apologised for), never a plain "database error" message.
    with pytest.raises(IntegrityError), store.uow() as s:
        s.execute(text("INSERT INTO memberships (id, person_id, group_id, role, created_at, updated_at, "
                       "changed_by, change_counter, deleted) VALUES ('x', 'nobody', 'nogroup', 'member', "
                       "'2024-01-01', '2024-01-01', '', 0, 0)"))
    assert _raw(store, "SELECT count(*) FROM memberships") == [(0,)]


def _other(store, **kw):  # type: ignore[no-untyped-def]
    """Another connection to the store's database (SQLCipher's SQLite, keyed: file locks are
    per SQLite library within one process, so a second library would not see them)."""
    con = cipher.connect(store.folder.db_path, store.cipher_key, **kw)
    con.isolation_level = None
    return con


def test_a_write_waits_for_another_writer_instead_of_failing(store):
    """busy_timeout in practice: the backup tool or sync holding a write lock for a moment
    does not make the user's save fail with "database is locked"."""
    import threading

    other = _other(store, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings (key, value) VALUES ('held', 'x')")
    releaser = threading.Timer(0.7, lambda: other.execute("COMMIT"))
    releaser.start()
    try:
        res = rosters.add_person(store, _person())
    finally:
        releaser.join()
        other.close()
    assert res.created
    assert installation.get_setting(store, "held") == "x"


def test_a_writer_holding_the_lock_too_long_gives_a_busy_message(tmp_path, monkeypatch):
    from strive_desktop.storage import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    with open_store(tmp_path / "d") as st:
        installation.init_installation(st, name="N", hq=True)
        other = _other(st)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(UserError) as err:
                rosters.add_person(st, _person())
            assert "busy" in err.value.render()
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert rosters.add_person(st, _person()).created  # and the next try works


def test_a_unit_of_work_is_isolated_from_other_writers(store):
    """What a unit of work read stays true until it commits: another program cannot write in
    between (it waits for the lock instead)."""
    other = _other(store, timeout=0.1)
    try:
        with store.uow() as s:
            s.scalar(select(Person.id))  # read only so far
            with pytest.raises(cipher.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after the commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_read_sees_one_consistent_snapshot(store):
    rosters.add_person(store, _person())
    other = _other(store)
    try:
        with store.read() as s:
            first = s.execute(text("SELECT count(*) FROM people")).scalar()
            other.execute("UPDATE people SET full_name = 'Changed'")
            again = s.execute(text("SELECT count(*), max(full_name) FROM people")).one()
        assert (first, tuple(again)) == (1, (1, "Асанов Айбек"))
    finally:
        other.close()


def _names(store) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(r[0] for r in _raw(store, "SELECT full_name FROM people"))


def _seen_by_another_program(store) -> list[str]:  # type: ignore[no-untyped-def]
    other = _other(store)
    try:
        return sorted(r[0] for r in other.execute("SELECT full_name FROM people"))
    finally:
        other.close()


def test_a_batch_commits_its_units_of_work_together_and_reads_inside_see_them(store):
    with store.batch(seconds=3600) as batch:
        rosters.add_person(store, _person("Айгүл Ормонова"))
        rosters.add_person(store, _person("Нурлан Өмүров"))
        batch.checkpoint()  # (not yet the time to commit)
        assert _names(store) == ["Айгүл Ормонова", "Нурлан Өмүров"]
        assert _seen_by_another_program(store) == []  # nothing half-done is visible outside
    assert _seen_by_another_program(store) == ["Айгүл Ормонова", "Нурлан Өмүров"]


def test_a_failing_unit_of_work_in_a_batch_rolls_back_alone(store):
    with store.batch(seconds=3600):
        rosters.add_person(store, _person("Айгүл Ормонова"))
        with pytest.raises(ValueError):
            with store.uow():
                rosters.add_person(store, _person("Жаңылган Өмүрова"))  # (its own unit of work, inside)
                raise ValueError("refused")
        rosters.add_person(store, _person("Нурлан Өмүров"))
    assert _seen_by_another_program(store) == ["Айгүл Ормонова", "Нурлан Өмүров"]


def test_a_batch_commits_when_it_has_held_the_lock_its_longest_time(store):
    """With nobody else waiting, the batch commits after its longest time."""
    with store.batch(seconds=0, longest=0) as batch:
        rosters.add_person(store, _person("Айгүл Ормонова"))
        batch.checkpoint()
        assert _seen_by_another_program(store) == ["Айгүл Ормонова"]
        other = _other(store, timeout=0.1)
        try:
            other.execute("BEGIN IMMEDIATE")  # the lock is free between two commits
            other.execute("ROLLBACK")
        finally:
            other.close()
        rosters.add_person(store, _person("Нурлан Өмүров"))
    assert _seen_by_another_program(store) == ["Айгүл Ормонова", "Нурлан Өмүров"]


def test_a_long_batch_goes_on_while_nobody_waits_and_lets_a_waiting_save_in(store):
    """An import (a batch) and a save on another thread of the app: the batch keeps its
    transaction past its seconds while nobody waits, and commits at its next checkpoint once
    the save waits for the lock (which waits BUSY_TIMEOUT_MS at most): the save goes first,
    then the batch goes on."""
    saved: list[str] = []
    with store.batch(seconds=0, longest=3600) as batch:
        rosters.add_person(store, _person("Айгүл Ормонова"))
        batch.checkpoint()  # nobody waits: not committed
        assert _seen_by_another_program(store) == []
        save = threading.Thread(target=lambda: saved.append(rosters.add_person(store, _person("Жылдыз Үсөнова")).person_id))
        save.start()
        for _ in range(400):  # the import's next packages, each followed by a checkpoint
            batch.checkpoint()
            if saved:
                break
            save.join(0.01)
        save.join(10)
        assert saved  # the save did not fail with "database is locked"
        assert _seen_by_another_program(store) == ["Айгүл Ормонова", "Жылдыз Үсөнова"]
        rosters.add_person(store, _person("Нурлан Өмүров"))  # the batch goes on after it
    assert _seen_by_another_program(store) == ["Айгүл Ормонова", "Жылдыз Үсөнова", "Нурлан Өмүров"]


def test_two_long_batches_on_two_threads_take_turns(store):
    """Two imports at once in one app (two threads, one batch each): the one that waits for the
    lock says so, the other commits at its next checkpoint and lets it in."""
    failed: list[BaseException] = []
    second_done = threading.Event()

    def second() -> None:
        try:
            with store.batch(seconds=0, longest=3600) as batch:
                rosters.add_person(store, _person("Токтогулова Жаңыл"))
                batch.checkpoint()
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            failed.append(exc)
        second_done.set()

    with store.batch(seconds=0, longest=3600) as batch:
        rosters.add_person(store, _person("Айгүл Ормонова"))
        other = threading.Thread(target=second)
        other.start()
        while not second_done.wait(0.01):  # the first import's next packages
            batch.checkpoint()
        rosters.add_person(store, _person("Нурлан Өмүров"))
    other.join()
    assert failed == []
    assert _seen_by_another_program(store) == ["Айгүл Ормонова", "Нурлан Өмүров", "Токтогулова Жаңыл"]


def test_an_error_leaving_a_batch_loses_only_what_was_not_committed(store):
    with pytest.raises(RuntimeError):
        with store.batch(seconds=0, longest=0) as batch:
            rosters.add_person(store, _person("Айгүл Ормонова"))
            batch.checkpoint()
            rosters.add_person(store, _person("Нурлан Өмүров"))
            raise RuntimeError("the power went")
    assert _seen_by_another_program(store) == ["Айгүл Ормонова"]
    assert rosters.add_person(store, _person("Нурлан Өмүров")).created  # and the store goes on


def _in_the_file_alone(store, tmp_path) -> list[str]:  # type: ignore[no-untyped-def]
    """The names in a copy of the database file without its write-ahead log (what a program
    that copies the file alone finds): only what has been checkpointed into the file."""
    copy = tmp_path / "alone.sqlite3"
    copy.write_bytes(store.folder.db_path.read_bytes())
    con = cipher.connect(copy, store.cipher_key)
    try:
        return sorted(r[0] for r in con.execute("SELECT full_name FROM people"))
    finally:
        con.close()


def test_a_batch_leaves_its_commits_in_the_database_file_and_no_thread_behind(store, tmp_path):
    names = [f"Өмүрбеков Үсөн {i}" for i in range(5)]
    with store.batch(seconds=0, longest=0) as batch:
        for name in names:
            rosters.add_person(store, _person(name))
            batch.checkpoint()
    assert _in_the_file_alone(store, tmp_path) == sorted(names)  # copied from the log into the file
    assert not [t for t in threading.enumerate() if t.name == "strive-checkpoint"]
    rosters.add_person(store, _person("Нурлан Өмүров"))  # and the store goes on as before
    assert "Нурлан Өмүров" in _seen_by_another_program(store)


def test_a_long_batch_starts_the_write_ahead_log_over(store, monkeypatch):
    """The log is copied in the background while the batch writes; past WAL_LIMIT_PAGES the
    batch waits for the copy and the log starts over, so it does not grow with the import."""
    monkeypatch.setattr(db, "WAL_LIMIT_PAGES", 30)
    wal = store.folder.db_path.with_name(store.folder.db_path.name + "-wal")
    sizes = []
    with store.batch(seconds=0, longest=0) as batch:
        for i in range(120):
            rosters.add_person(store, _person(f"Асанов Айбек {i}", notes="ң ө ү " * 200))
            batch.checkpoint()
            sizes.append(wal.stat().st_size)
    page = 4096 + 24  # a frame: SQLCipher's page and its header
    assert max(sizes) < 30 * page + 4 * max(sizes[:3])  # the limit and one commit, not 120 commits
    assert len(_seen_by_another_program(store)) == 120


def test_a_batch_reads_with_a_large_page_cache_and_gives_the_memory_back(store):
    def cache(raw) -> int:
        return int(raw.execute("PRAGMA cache_size").fetchone()[0])

    with store.batch(seconds=0, longest=0) as batch:
        rosters.add_person(store, _person("Бакыт Ыйманкулов"))
        raw = batch.conn.connection.driver_connection
        assert cache(raw) == db.BATCH_CACHE_SIZE_KIB
        assert db.BATCH_CACHE_SIZE_KIB < db.CACHE_SIZE_KIB < 0  # KiB, and more of them
    assert cache(raw) == db.CACHE_SIZE_KIB  # the pool's connection holds no more than any other
    rosters.add_person(store, _person("Нурлан Өмүров"))
    assert _seen_by_another_program(store) == ["Бакыт Ыйманкулов", "Нурлан Өмүров"]


def test_a_batch_whose_background_copy_cannot_start_still_commits_everything(store, monkeypatch):
    def refused() -> None:
        raise StorageError(N_("the database could not be read or written"))

    monkeypatch.setattr(store, "raw_connection", refused)  # no second connection to the file
    names = [f"Токтогулова Жаңыл {i}" for i in range(4)]
    with store.batch(seconds=0, longest=0) as batch:
        for name in names:
            rosters.add_person(store, _person(name))
            batch.checkpoint()
    assert _seen_by_another_program(store) == sorted(names)


# ---- one app per data folder -----------------------------------------------------------


def test_second_open_of_the_same_folder_is_refused_clearly(store, data_dir):
    with pytest.raises(AlreadyRunning) as err:
        open_store(data_dir)
    msg = err.value.render()
    assert "already running" in msg and str(data_dir) in msg
    # the first one still works
    assert installation.get_installation(store).name == "Nookat office"


def test_second_process_is_refused_and_folder_is_free_after_close(data_dir):
    st = open_store(data_dir)
    code = ("import sys\nfrom strive_desktop.storage.db import open_store\n"
            "from strive_desktop.errors import AlreadyRunning\n"
            "try:\n    open_store(sys.argv[1])\nexcept AlreadyRunning as e:\n    print(e.render()); sys.exit(3)\n")
    r = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True,
                       cwd=ROOT, timeout=60)
    assert r.returncode == 3 and "already running" in r.stdout
    st.close()
    r = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True,
                       cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr


# ---- migrations ------------------------------------------------------------------------


def test_known_revisions_match_the_alembic_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(ROOT / "strive_desktop/storage/migrations"))
    script = ScriptDirectory.from_config(cfg)
    chain = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == KNOWN_REVISIONS
    assert script.get_current_head() == HEAD


def test_empty_folder_is_migrated_to_head_without_a_backup(data_dir):
    with open_store(data_dir) as st:
        assert maintenance.check(st).schema_version == HEAD
    assert list((data_dir / "backups").iterdir()) == []


@pytest.mark.parametrize("old", KNOWN_REVISIONS[:-1])
def test_older_database_is_backed_up_then_migrated_with_data_kept(tmp_path, old):
    data = tmp_path / "old"
    data.mkdir()
    db = data / DB_NAME
    run_migrations(db, old)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO communities (id, code, name_ky, name_ru, name_en, kind, oblast_ky, oblast_ru, "
                "oblast_en, created_at, updated_at, changed_by, change_counter, deleted) VALUES "
                "(:id, 'nookat', 'Ноокат', 'Ноокат', 'Nookat', 'city', '', '', '', '2020-01-01', "
                "'2020-01-01', '', 0, 0)", {"id": NOOKAT})
    con.execute("INSERT INTO people (id, community_id, full_name, name_key, dup_key, sex, birth_year, sector,"
                " organisation, position, notes, created_at, updated_at, changed_by, change_counter, deleted)"
                " VALUES ('p1', :c, 'Өмүрбеков Үсөн', 'omurbekov usen', 'omurbekov usen', 'm', 1970, "
                "'youth', '', '', '', '2021-01-01', '2021-01-01', 'old', 7, 0)", {"c": NOOKAT})
    con.commit()
    con.close()
    old_bytes = db.read_bytes()

    with open_store(data) as st:
        assert maintenance.check(st).ok
        assert maintenance.check(st).schema_version == HEAD
        assert load_people_index(st).filtered("Омур").full_names == ["Өмүрбеков Үсөн"]
        assert len(installation.list_communities(st)) == 9
    backups = list((data / "backups").iterdir())
    assert len(backups) == 1 and HEAD in backups[0].name
    assert not cipher.is_plain(db) and not cipher.is_plain(backups[0])  # both encrypted now
    con = cipher.connect(backups[0], st.key)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old
        assert con.execute("SELECT full_name FROM people").fetchall() == [("Өмүрбеков Үсөн",)]
    finally:
        con.close()
    assert len(old_bytes) > 0


def test_every_demo_record_survives_a_migration_from_the_previous_revision(demo_store, tmp_path):
    """The demo folder taken back to the previous schema (Alembic downgrade), then opened by
    this version: backup first, then upgrade, and the dump is the same as before."""
    from alembic import command
    from alembic.config import Config

    before = maintenance.dump(demo_store)
    folder = demo_store.folder
    demo_store.close()
    cfg = Config()
    cfg.set_main_option("script_location", str(ROOT / "strive_desktop/storage/migrations"))
    engine = _make_engine(folder.db_path, demo_store.key)  # SQLCipher, keyed
    # as Alembic's own engine would: no foreign-key enforcement while tables are rebuilt
    event.listen(engine, "connect", lambda con, _rec: con.execute("PRAGMA foreign_keys=OFF"))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, KNOWN_REVISIONS[-2])
    finally:
        engine.dispose()
    with open_store(folder.root) as st:
        assert maintenance.check(st).schema_version == HEAD
        after = maintenance.dump(st)
    assert after == before
    assert len(after["people"]) == 108 and len(after["attendance"]) == 756
    assert len(list(folder.backups.glob(f"*before-{HEAD}.sqlite3"))) == 1


def test_database_from_a_newer_version_is_refused_and_untouched(data_dir):
    with open_store(data_dir) as st:
        key = st.key
    db = data_dir / DB_NAME
    con = cipher.connect(db, key)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    digest, size, mtime = _sha(db), db.stat().st_size, db.stat().st_mtime_ns
    wal = db.with_name(DB_NAME + "-wal")
    with pytest.raises(DatabaseTooNew) as err:
        open_store(data_dir)
    assert "newer version" in err.value.render() and "9999_future" in err.value.render()
    assert (_sha(db), db.stat().st_size, db.stat().st_mtime_ns) == (digest, size, mtime)
    assert not wal.exists() or wal.stat().st_size == 0
    assert list((data_dir / "backups").iterdir()) == []
    # the lock was released: the folder is not reported as "already running"
    with pytest.raises(DatabaseTooNew):
        open_store(data_dir)


def test_a_file_that_is_not_a_database_is_refused_clearly(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / DB_NAME).write_bytes(b"this is a spreadsheet, not a database" * 50)
    with pytest.raises(UserError) as err:
        open_store(data_dir)
    assert "not a STRIVE Desktop database" in err.value.render()


# ---- data folder -----------------------------------------------------------------------


def test_data_folder_holds_database_and_subfolders(data_dir):
    open_store(data_dir).close()
    assert (data_dir / DB_NAME).is_file()
    for sub in ("backups", "logs", "outbox", "attachments"):
        assert sub in SUBDIRS and (data_dir / sub).is_dir()


def test_portable_folder_can_move_to_another_place(tmp_path):
    """A USB stick gets another drive letter: nothing in the folder depends on its path."""
    import shutil

    first = tmp_path / "E" / "strive"
    with open_store(first) as st:
        installation.init_installation(st, name="Kochkor office", community=KOCHKOR, user_name="Bakyt")
        pid = rosters.add_person(st, _person(community_id=KOCHKOR)).person_id
        before = maintenance.dump(st)
    moved = tmp_path / "F" / "strive"
    shutil.move(str(first), str(moved))
    with open_store(moved) as st:
        assert maintenance.check(st).ok
        assert maintenance.dump(st) == before
        assert installation.get_installation(st).name == "Kochkor office"
        assert rosters.get_person(st, pid).community_name == "Kochkor"


def test_default_data_dir_follows_strive_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("STRIVE_DATA_DIR", str(tmp_path / "usb"))
    assert default_data_dir() == tmp_path / "usb"


def test_default_data_dir_is_the_platform_user_data_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv("STRIVE_DATA_DIR", raising=False)
    d = default_data_dir()
    assert d == Path(platformdirs.user_data_dir("STRIVE Desktop", "STRIVE", roaming=False))
    assert "STRIVE Desktop" in str(d)


def test_unwritable_data_folder_gives_a_clear_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError) as err:
        open_store(blocker / "data")
    assert "cannot be created" in err.value.render()


# ---- communities -----------------------------------------------------------------------


def test_nine_pilot_communities_with_names_in_three_languages(store):
    cs = installation.list_communities(store)
    assert len(cs) == 9
    assert {c.name_en for c in cs} >= {"Kochkor", "Nookat", "Kara-Balta", "Isfana", "Bazar-Korgon"}
    for c in cs:
        assert c.name_ky and c.name_ru and c.name_en
        assert c.kind in {"city", "town", "aiyl_okmotu"}
        assert c.oblast_en
    nookat = installation.get_community(store, NOOKAT)
    assert nookat.name("ky") == "Ноокат" and nookat.name("en") == "Nookat"
    assert installation.find_community(store, "Кочкор").id == KOCHKOR


def test_seeded_communities_are_identical_everywhere_and_not_counted_as_changes(tmp_path):
    a = open_store(tmp_path / "a")
    b = open_store(tmp_path / "b")
    try:
        da, db_ = maintenance.dump(a)["communities"], maintenance.dump(b)["communities"]
        assert da == db_ and {c["change_counter"] for c in da} == {0}
    finally:
        a.close()
        b.close()


def test_headquarters_can_add_a_community(hq_store):
    cid = installation.add_community(hq_store, code="batken", name_ky="Баткен", name_ru="Баткен",
                                     name_en="Batken", kind="town", oblast_en="Batken oblast")
    names = [c.name_en for c in installation.list_communities(hq_store)]
    assert len(names) == 10 and "Batken" in names
    assert installation.get_community(hq_store, cid).name_ky == "Баткен"
    with pytest.raises(UserError, match="already exists"):
        installation.add_community(hq_store, code="batken", name_ky="", name_ru="", name_en="Batken 2",
                                   kind="town")


def test_community_kind_and_names_are_checked(hq_store):
    with pytest.raises(UserError, match="city, a town or an aiyl okmotu"):
        installation.add_community(hq_store, code="x", name_ky="", name_ru="", name_en="X", kind="village")
    with pytest.raises(UserError, match="code and an English name"):
        installation.add_community(hq_store, code=" ", name_ky="", name_ru="", name_en="X", kind="town")
    assert len(installation.list_communities(hq_store)) == 9


def test_a_field_office_cannot_add_a_community(store):
    with pytest.raises(UserError, match="Only the headquarters"):
        installation.add_community(store, code="x", name_ky="X", name_ru="X", name_en="X", kind="town")


def test_init_twice_or_without_a_name_is_refused(store):
    with pytest.raises(UserError, match="already set up"):
        installation.init_installation(store, name="Again", hq=True)


def test_init_with_unknown_community_names_it(data_dir):
    with open_store(data_dir) as st:
        with pytest.raises(UserError, match="no community called Atlantis"):
            installation.init_installation(st, name="X", community="Atlantis")
        with pytest.raises(UserError, match="needs a name"):
            installation.init_installation(st, name="  ", hq=True)


def _person_input(name: str = "Асанов Айбек") -> rosters.PersonInput:
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
                rosters.add_person(st, _person_input())
            assert isinstance(err.value.__cause__, OperationalError)
            assert "busy" in err.value.render()
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert rosters.add_person(st, _person_input()).created


def test_a_broken_constraint_is_a_bug_not_a_message_and_nothing_is_saved(store):
    pid = rosters.add_person(store, _person_input()).person_id
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
        rosters.add_person(store, _person_input())
    assert {"people", "audit_log"} <= seen
    with store.watch() as seen:
        rosters.bulk_add_people(store, [_person_input(f"Асанов Айбек {i}") for i in range(3)])
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


@pytest.mark.parametrize("db_engine", ["sqlite", "postgresql"], indirect=True)
def test_the_migrations_build_the_schema_the_models_describe(db_engine: str, store) -> None:  # type: ignore[no-untyped-def]
    """Tables, columns, indexes and constraints of a database migrated to head are those of the
    models (Alembic's own comparison), on SQLite and on PostgreSQL: a model's index, such as
    the own-changes index capture reads, exists in every installation, new or upgraded."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from strive_desktop.storage import import_models, sync_models  # noqa: F401 - their tables are in the metadata too
    from strive_desktop.storage.models import Base

    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []
