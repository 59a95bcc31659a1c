"""The vault (key slots) and the encrypted store: what a user notices, through the public API."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from strive_desktop.errors import ValidationError
from strive_desktop.services import installation, rosters
from strive_desktop.storage import cipher
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.storage.vault import LoginNeeded, Vault, WrongPassword

NOOKAT = community_id("nookat")


@pytest.fixture(autouse=True)
def _password(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STRIVE_PASSWORD", "test-password")


def _folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "office").ensure()


def test_each_account_unlocks_the_same_key_with_its_own_password(tmp_path):
    vault = Vault(_folder(tmp_path))
    assert not vault.exists()
    key = vault.create("Gulnara", "first-secret")
    assert len(key) == 32 and vault.exists()
    vault.add_slot(key, "Bakyt", "second-secret")
    assert vault.users() == ["Gulnara", "Bakyt"]
    assert vault.unlock("Gulnara", "first-secret") == key
    assert vault.unlock("bakyt ", "second-secret") == key  # a name as typed, any case
    with pytest.raises(WrongPassword) as err:
        vault.unlock("Gulnara", "second-secret")
    assert err.value.render() == "Wrong name or password."
    with pytest.raises(WrongPassword):
        vault.unlock("Nobody", "first-secret")


def test_the_key_and_the_passwords_are_not_in_the_vault_file(tmp_path):
    vault = Vault(_folder(tmp_path))
    key = vault.create("Gulnara", "first-secret")
    raw = vault.path.read_bytes()
    assert key not in raw and key.hex().encode() not in raw
    assert b"first-secret" not in raw
    assert json.loads(raw)["slots"][0]["kdf"] == "scrypt"


def test_change_password_and_admin_reset_and_removal(tmp_path):
    vault = Vault(_folder(tmp_path))
    key = vault.create("Gulnara", "first-secret")
    vault.add_slot(key, "Bakyt", "second-secret")
    vault.change_password("Gulnara", "first-secret", "new-secret")
    with pytest.raises(WrongPassword):
        vault.unlock("Gulnara", "first-secret")
    assert vault.unlock("Gulnara", "new-secret") == key
    with pytest.raises(WrongPassword):
        vault.change_password("Bakyt", "wrong-one", "whatever1")
    vault.add_slot(key, "Bakyt", "reset-by-admin")  # an admin's reset replaces the slot
    assert vault.users() == ["Gulnara", "Bakyt"]
    assert vault.unlock("Bakyt", "reset-by-admin") == key
    vault.remove_slot("Bakyt")
    assert vault.users() == ["Gulnara"]
    with pytest.raises(WrongPassword):
        vault.unlock("Bakyt", "reset-by-admin")


def test_short_password_or_empty_name_is_refused(tmp_path):
    vault = Vault(_folder(tmp_path))
    with pytest.raises(ValidationError) as err:
        vault.create("Gulnara", "abc")
    assert "at least 6 characters" in err.value.render()
    with pytest.raises(ValidationError):
        vault.create("  ", "long-enough")
    assert not vault.exists()


def test_a_damaged_vault_file_is_a_clear_message(tmp_path):
    folder = _folder(tmp_path)
    (folder.root / "vault.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(Exception) as err:
        Vault(folder).unlock("Gulnara", "first-secret")
    assert "damaged" in str(err.value)


def test_store_is_encrypted_and_reopens_with_the_key(tmp_path):
    folder = _folder(tmp_path)
    key = Vault(folder).create("Gulnara", "first-secret")
    with open_store(folder.root, key=key, account="Gulnara") as st:
        assert st.key == key and st.account == "Gulnara"
        installation.init_installation(st, name="Nookat office", community=NOOKAT, user_name="Gulnara")
        pid = rosters.add_person(st, rosters.PersonInput(
            full_name="Жылдыз Асанова", sex="f", sector="youth", community_id=NOOKAT, birth_year=1990,
            phone="0555123456")).person_id
    raw = folder.db_path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert "Жылдыз".encode() not in raw and b"996555123456" not in raw
    key2 = Vault(folder).unlock("Gulnara", "first-secret")
    with open_store(folder.root, key=key2) as st:
        assert rosters.get_person(st, pid).full_name == "Жылдыз Асанова"


def test_subkeys_differ_by_purpose_and_are_stable(tmp_path):
    folder = _folder(tmp_path)
    key = Vault(folder).create("Gulnara", "first-secret")
    with open_store(folder.root, key=key) as st:
        files, backup = st.subkey("files"), st.subkey("backup")
    with open_store(folder.root, key=key) as st:
        assert st.subkey("files") == files
    assert files != backup and len(files) == 32 and key not in (files, backup)


def test_opening_without_a_password_asks_for_a_login(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    Vault(folder).create("Gulnara", "first-secret")
    monkeypatch.delenv("STRIVE_PASSWORD", raising=False)
    with pytest.raises(LoginNeeded) as err:
        open_store(folder.root)
    assert "log in" in err.value.render()
    # the lock was released: a login afterwards works
    open_store(folder.root, key=Vault(folder).unlock("Gulnara", "first-secret")).close()


def test_environment_password_with_the_wrong_account_is_wrong_password(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    Vault(folder).create("Gulnara", "first-secret")
    monkeypatch.setenv("STRIVE_PASSWORD", "not-the-one")
    with pytest.raises(WrongPassword):
        open_store(folder.root)
    monkeypatch.setenv("STRIVE_PASSWORD", "first-secret")
    with open_store(folder.root) as st:
        assert st.account == "Gulnara"


def test_a_database_under_another_key_is_a_clear_message_not_file_is_not_a_database(tmp_path):
    folder = _folder(tmp_path)
    key = Vault(folder).create("Gulnara", "first-secret")
    open_store(folder.root, key=key).close()
    (folder.root / "vault.json").unlink()
    other = Vault(folder).create("Gulnara", "first-secret")  # a vault of another folder
    with pytest.raises(Exception) as err:
        open_store(folder.root, key=other)
    text = str(err.value)
    assert "cannot be read with the folder's key file" in text and "file is not a database" not in text


def test_raw_connection_reads_the_encrypted_database(tmp_path):
    with open_store(tmp_path / "d") as store:
        installation.init_installation(store, name="Nookat office", community=NOOKAT, user_name="G")
        con = store.raw_connection()
        try:
            assert con.execute("SELECT name FROM installation").fetchone() == ("Nookat office",)
        finally:
            con.close()
        assert cipher.is_plain(store.folder.db_path) is False


def test_cli_init_makes_the_first_admin_and_commands_act_as_an_account(tmp_path, monkeypatch, capsys):
    from strive_desktop.cli import main

    d = tmp_path / "cli"
    monkeypatch.setenv("STRIVE_PASSWORD", "admin-secret")
    assert main(["--data-dir", str(d), "init", "--name", "N", "--hq", "--user", "Айда"]) == 0
    assert Vault(DataFolder(d)).users() == ["Айда"]
    assert main(["--data-dir", str(d), "--user", "айда", "check"]) == 0
    monkeypatch.setenv("STRIVE_PASSWORD", "not-it")
    assert main(["--data-dir", str(d), "check", "--user", "Айда"]) == 1
    assert "Wrong name or password." in capsys.readouterr().err
    monkeypatch.delenv("STRIVE_PASSWORD")
    monkeypatch.setattr("sys.stdin", None)  # no terminal: a clear error, never a wait
    assert main(["--data-dir", str(d), "check"]) == 1
    assert "STRIVE_PASSWORD" in capsys.readouterr().err


def test_a_plain_folder_from_before_is_encrypted_in_place_with_its_backups_and_files(tmp_path):
    import sqlite3

    from strive_desktop.storage.db import run_migrations
    from strive_desktop.storage.files import is_sealed

    root = tmp_path / "old"
    folder = DataFolder(root).ensure()
    run_migrations(folder.db_path, key=None)  # a database as an older version left it: plain
    con = sqlite3.connect(folder.db_path)
    con.execute("CREATE TABLE note (t TEXT)")
    con.execute("INSERT INTO note VALUES ('Жылдыз Асанова')")
    con.commit()
    con.close()
    (folder.backups / "strive-old.sqlite3").write_bytes(folder.db_path.read_bytes())
    old_scan = folder.attachments / "abc" / "sheet.png"
    old_scan.parent.mkdir(parents=True)
    old_scan.write_bytes(b"\x89PNG " + "Жылдыз".encode())
    scan = old_scan.with_name(hashlib.sha256(old_scan.read_bytes()).hexdigest())  # renamed too
    key = Vault(folder).create("Gulnara", "first-secret")
    with open_store(root, key=key) as st:
        con = st.raw_connection()
        assert con.execute("SELECT t FROM note").fetchone() == ("Жылдыз Асанова",)
        con.close()
    for path in (folder.db_path, folder.backups / "strive-old.sqlite3", scan):
        assert "Жылдыз".encode() not in path.read_bytes(), path
    assert not cipher.is_plain(folder.db_path) and is_sealed(scan) and not old_scan.exists()
    assert cipher.connect(folder.backups / "strive-old.sqlite3", key).execute(
        "SELECT t FROM note").fetchone() == ("Жылдыз Асанова",)
    assert not list(root.rglob("*.encrypting")) and not list(root.rglob("*.part"))
