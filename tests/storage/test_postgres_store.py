"""Headquarters on a PostgreSQL server (storage/engine.py): the same data folder (vault, outbox,
logs), the same login, the same Alembic schema; the database on the server."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from strive_desktop.cli import main
from strive_desktop.errors import StorageError
from strive_desktop.services import installation, maintenance
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import open_store
from strive_desktop.storage.engine import database_url, save_database_url
from strive_desktop.storage.models import Person
from strive_desktop.storage.schema import HEAD
from strive_desktop.storage.vault import Vault, WrongPassword
from strive_desktop.sync import export, importer

from ..conftest import KOCHKOR, NOOKAT, link, person


def _people(store) -> list[str]:  # type: ignore[no-untyped-def]
    with store.read() as s:
        return list(s.scalars(select(Person.full_name).order_by(Person.full_name)))


def test_a_headquarters_folder_keeps_its_database_on_the_server_and_logs_in_as_before(
        tmp_path: Path, pg_url: str) -> None:
    hq = tmp_path / "hq"
    st = open_store(hq, db_url=pg_url)
    try:
        installation.init_installation(st, name="Bishkek HQ", hq=True, user_name="Aida")
        person(st, "Айгүл Токтогулова")
        assert st.is_postgres
    finally:
        st.close()
    # the data folder has its vault and folders, and no database file of its own
    assert (hq / "vault.json").is_file() and (hq / "outbox").is_dir() and (hq / "logs").is_dir()
    assert not (hq / "strive.sqlite3").exists()
    # settings.json names the server: the next start (GUI or CLI) opens it without --db-url
    save_database_url(DataFolder(hq), pg_url)
    assert database_url(DataFolder(hq)) == pg_url
    key = Vault(DataFolder(hq)).unlock("admin", "test-password")
    again = open_store(hq, key=key, account="admin")
    try:
        assert _people(again) == ["Айгүл Токтогулова"]
        assert maintenance.check(again).schema_version == HEAD
    finally:
        again.close()
    with pytest.raises(WrongPassword):  # the same login: a wrong password opens nothing
        Vault(DataFolder(hq)).unlock("admin", "not-the-password")


def test_a_wrong_address_or_a_server_that_is_not_there_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as wrong:
        open_store(tmp_path / "a", db_url="mysql://root@server/strive")
    assert "is not a PostgreSQL database address" in wrong.value.render()
    with pytest.raises(StorageError) as gone:
        open_store(tmp_path / "b", db_url="postgresql+psycopg://nobody:secret@/strive?host=/nonexistent&port=1")
    text = gone.value.render()
    assert "cannot be reached" in text and "secret" not in text
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "settings.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StorageError, match="settings file"):
        open_store(tmp_path / "c")


def test_the_command_line_takes_db_url_before_the_command(tmp_path: Path, pg_url: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    hq = tmp_path / "hq"
    assert main(["--data-dir", str(hq), "--db-url", pg_url, "init", "--name", "Bishkek HQ", "--hq"]) == 0
    assert main(["--data-dir", str(hq), "--db-url", pg_url, "demo"]) == 0
    assert "Demo data added" in capsys.readouterr().out
    st = open_store(hq, db_url=pg_url)
    try:
        with st.read() as s:
            assert s.scalar(select(func.count()).select_from(Person)) > 100
    finally:
        st.close()
    assert not (hq / "strive.sqlite3").exists()


def test_settings_json_keeps_its_other_entries(tmp_path: Path, pg_url: str) -> None:
    folder = DataFolder(tmp_path / "x").ensure()
    (folder.root / "settings.json").write_text(json.dumps({"other": 1}), encoding="utf-8")
    save_database_url(folder, pg_url.replace("postgresql+psycopg://", "postgresql://"))
    data = json.loads((folder.root / "settings.json").read_text(encoding="utf-8"))
    assert data == {"other": 1, "database_url": pg_url}
    save_database_url(folder, None)
    assert database_url(folder) is None


def test_two_imports_at_once_give_what_one_after_another_gives_and_nobody_sees_half_a_package(
        tmp_path: Path, on_postgres: None) -> None:
    """Two headquarters users import a package each at the same moment (two stores on one
    server database, as two laptops would be), while a third reads: the result is the one of
    importing them in turn, and the reader only ever sees whole packages."""

    def office(name: str, cid: str, n: int):  # type: ignore[no-untyped-def]
        st = open_store(tmp_path / name)
        installation.init_installation(st, name=f"{name} office", community=cid, user_name=name)
        return st, [f"{name} person {i}" for i in range(n)]

    hq = open_store(tmp_path / "hq")
    installation.init_installation(hq, name="Bishkek HQ", hq=True, user_name="Aida")
    (nookat, n_names), (kochkor, k_names) = office("nookat", NOOKAT, 60), office("kochkor", KOCHKOR, 45)
    for st in (nookat, kochkor):
        (tmp_path / st.folder.root.name / "keys").mkdir()
        link(st, hq, tmp_path / st.folder.root.name / "keys")
    for st, names, cid in ((nookat, n_names, NOOKAT), (kochkor, k_names, KOCHKOR)):
        for name in names:
            person(st, name, community=cid)
    n_pkg = export.export(nookat)[0].path
    k_pkg = export.export(kochkor)[0].path
    with hq.read() as s:
        before = s.scalar(select(func.count()).select_from(Person))
    whole = {before, before + 60, before + 45, before + 105}

    second = open_store(tmp_path / "hq", lock=False)  # another user on the same server database
    seen: set[int] = set()
    done = threading.Event()
    results: dict[str, str] = {}

    def read() -> None:
        while not done.is_set():
            with second.read() as s:
                seen.add(s.scalar(select(func.count()).select_from(Person)))

    def run(st, path, tag):  # type: ignore[no-untyped-def]
        results[tag] = importer.import_files(st, [path])[0].status  # (as the Sync page and the CLI import)

    threads = [threading.Thread(target=read), threading.Thread(target=run, args=(hq, n_pkg, "n")),
               threading.Thread(target=run, args=(second, k_pkg, "k"))]
    for t in threads:
        t.start()
    threads[1].join()
    threads[2].join()
    done.set()
    threads[0].join()
    assert results == {"n": "applied", "k": "applied"}
    assert seen <= whole, f"a half-applied package was visible: {sorted(seen - whole)}"

    # what one after another gives: every record of both packages exactly as its office holds it
    at_hq = maintenance.dump(hq)["people"]
    for st, names in ((nookat, n_names), (kochkor, k_names)):
        sent = [r for r in maintenance.dump(st)["people"] if r["full_name"] in names]
        ids = {r["id"] for r in sent}
        assert len(ids) == len(names)
        assert [r for r in at_hq if r["id"] in ids] == sent
    assert len(at_hq) == before + 105
    for st in (second, hq, nookat, kochkor):
        st.close()


def test_migrate_hq_moves_an_existing_headquarters_to_the_server_whole(
        tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    hq = tmp_path / "hq"
    assert main(["--data-dir", str(hq), "init", "--name", "Bishkek HQ", "--hq"]) == 0
    assert main(["--data-dir", str(hq), "demo"]) == 0
    st = open_store(hq)
    before, people_before = maintenance.dump(st), _people(st)
    st.close()
    capsys.readouterr()
    assert main(["--data-dir", str(hq), "migrate-hq", "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "Moved" in out and "people:" in out
    # the folder now opens the server (settings.json) and finds everything as it was
    after = open_store(hq)
    try:
        assert after.is_postgres
        assert maintenance.dump(after) == before
        assert _people(after) == people_before
        assert maintenance.check(after).ok
        new = person(after, "Жаңы адам")  # and goes on writing there
        assert new in {r["id"] for r in maintenance.dump(after)["people"]}
    finally:
        after.close()
    # a second headquarters cannot be poured into a database that already holds one
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "init", "--name", "Other HQ", "--hq"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(other), "migrate-hq", "--to", pg_url]) == 1
    assert "already holds data" in capsys.readouterr().err
    assert not (other / "settings.json").exists()


def test_a_server_headquarters_backs_up_in_the_apps_own_format_and_comes_back_from_it(
        tmp_path: Path, pg_server, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from strive_desktop.services import backups, hq_server

    url, url2 = pg_server.new_database(), pg_server.new_database()
    hq = tmp_path / "hq"
    assert main(["--data-dir", str(hq), "--db-url", url, "init", "--name", "Bishkek HQ", "--hq"]) == 0
    assert main(["--data-dir", str(hq), "--db-url", url, "demo"]) == 0
    assert main(["--data-dir", str(hq), "--db-url", url, "check"]) == 0
    assert "people: " in capsys.readouterr().out
    st = open_store(hq, db_url=url)
    before = maintenance.dump(st)
    st.close()
    assert main(["--data-dir", str(hq), "--db-url", url, "backup", "--out", str(tmp_path / "hq.strivebak")]) == 0
    assert "encrypted, checked" in capsys.readouterr().out
    # the backup restores into a data folder of its own (the file), which moves to a new server
    # database: everything as it was
    restored = DataFolder(tmp_path / "restored").ensure()
    backups.restore_backup(restored, tmp_path / "hq.strivebak", "admin", "test-password")
    back = open_store(restored.root)
    try:
        assert not back.is_postgres and maintenance.dump(back) == before
        hq_server.move_to_server(back, url2)
    finally:
        back.close()
    again = open_store(restored.root)
    try:
        assert again.is_postgres and maintenance.dump(again) == before
    finally:
        again.close()
    pg_server.drop(url)
    pg_server.drop(url2)
