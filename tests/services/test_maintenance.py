"""Tests of maintenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from strive_desktop.cli import main
from strive_desktop.errors import StorageError
from strive_desktop.services import installation, maintenance, people_index
from strive_desktop.storage.db import Store, open_store, sqlite_backup

from ..conftest import person


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_restore_refuses_another_installations_database(store: Store, hq_store: Store,
                                                        tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A raw database copy of another installation is encrypted with that installation's key:
    this folder cannot read it, says so, and keeps its own data and identity (moving a whole
    installation goes through the encrypted folder backup, tests/cli/test_core.py)."""
    person(store, "Айгүл Ормонова")
    hq_backup = maintenance.backup(hq_store.folder, tmp_path / "hq.sqlite3", hq_store.cipher_key)
    field_dir = store.folder.root
    field_id = installation.get_installation(store).id
    store.close()
    code, _, err = run(capsys, "--data-dir", field_dir, "restore", hq_backup)
    assert code != 0 and "cannot be read with the folder's key file" in err and "Traceback" not in err
    st = open_store(field_dir)
    try:
        assert installation.get_installation(st).id == field_id
        assert not installation.get_installation(st).is_hq
        assert people_index.load_people_index(st).full_names == ["Айгүл Ормонова"]
    finally:
        st.close()


def test_restoring_the_same_backup_twice_keeps_both_replaced_copies(hq_store: Store,
                                                                    tmp_path: Path) -> None:
    person(hq_store, "Бакыт Асанов")
    backup = maintenance.backup(hq_store.folder, tmp_path / "hq.sqlite3", hq_store.cipher_key)
    folder, key, root = hq_store.folder, hq_store.cipher_key, hq_store.folder.root
    hq_store.close()
    first = maintenance.restore(folder, backup, key)
    second = maintenance.restore(folder, backup, key)
    assert first != second and first.exists() and second.exists()
    st = open_store(root, key=key)
    try:
        assert people_index.load_people_index(st).full_names == ["Бакыт Асанов"]
    finally:
        st.close()


def test_sqlite_backup_reason_is_not_raw_sqlite_text(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as err:
        sqlite_backup(tmp_path / "missing.sqlite3", tmp_path / "out.sqlite3", bytes(32))
    text = err.value.render()
    assert "unable to open" not in text and "could not be read or written" in text


def test_check_problems_are_said_in_the_readers_language(store: Store) -> None:
    """check()'s problems are messages: the CLI's `check --lang ru` prints them in Russian
    (tests/cli/test_core.py), not the English the service wrote."""
    from strive_desktop.catalog import translator
    from strive_desktop.storage import cipher

    assert maintenance.check(store).problems == ()
    con = cipher.connect(store.folder.db_path, store.cipher_key)
    con.execute("INSERT INTO memberships (id, person_id, group_id, role, created_at, updated_at, changed_by,"
                " change_counter, deleted) VALUES ('m', 'ghost', 'nogroup', 'member', '2024-01-01', "
                "'2024-01-01', '', 0, 0)")  # foreign keys are off in this raw connection
    con.commit()
    con.close()
    problems = maintenance.check(store).problems
    assert sorted(p.render() for p in problems) == [
        "foreign key: memberships row 1 refers to a missing advisory_groups",
        "foreign key: memberships row 1 refers to a missing people"]
    assert sorted(p.render(translator("ru")) for p in problems) == [
        "внешний ключ: строка 1 таблицы memberships ссылается на отсутствующую запись в advisory_groups",
        "внешний ключ: строка 1 таблицы memberships ссылается на отсутствующую запись в people"]
