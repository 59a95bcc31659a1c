"""Tests of maintenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from strive_desktop.cli import main
from strive_desktop.errors import StorageError
from strive_desktop.services import installation, maintenance
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import Store, open_store, sqlite_backup

from ..conftest import person


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_restore_refuses_another_installations_database(store: Store, hq_store: Store,
                                                        tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    person(store, "Айгүл Ормонова")
    hq_backup = maintenance.backup(hq_store.folder, tmp_path / "hq.sqlite3", hq_store.cipher_key)
    field_dir = store.folder.root
    field_id = installation.get_installation(store).id
    store.close()
    code, _, err = run(capsys, "--data-dir", field_dir, "restore", hq_backup)
    assert code != 0 and "another installation" in err and "--other-installation" in err
    st = open_store(field_dir)
    try:
        assert installation.get_installation(st).id == field_id
    finally:
        st.close()
    code, out, _ = run(capsys, "--data-dir", field_dir, "restore", hq_backup, "--other-installation")
    assert code == 0 and "Restored" in out
    st = open_store(field_dir)
    try:
        assert installation.get_installation(st).is_hq
    finally:
        st.close()


def test_a_new_folder_takes_any_backup_and_kept_copies_never_overwrite(hq_store: Store,
                                                                       tmp_path: Path) -> None:
    backup = maintenance.backup(hq_store.folder, tmp_path / "hq.sqlite3", hq_store.cipher_key)
    new = DataFolder(tmp_path / "laptop").ensure()
    maintenance.restore(new, backup, hq_store.cipher_key)  # nothing there yet
    st = open_store(new.root)  # a folder just set up (no records) may also take it
    st.close()
    first = maintenance.restore(new, backup, hq_store.cipher_key)
    second = maintenance.restore(new, backup, hq_store.cipher_key)
    assert first != second and first.exists() and second.exists()


def test_sqlite_backup_reason_is_not_raw_sqlite_text(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as err:
        sqlite_backup(tmp_path / "missing.sqlite3", tmp_path / "out.sqlite3", bytes(32))
    text = err.value.render()
    assert "unable to open" not in text and "could not be read or written" in text
