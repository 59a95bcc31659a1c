"""The recovery procedure of docs/recovery.md, end to end with real data folders: an office
sends its first package, headquarters imports it, the office forgets every password,
headquarters writes a recovery file, the office opens with it and sets a new admin password."""

from __future__ import annotations

import base64
import json
import secrets
from pathlib import Path

import pytest
from sqlalchemy import select

from strive_desktop.domain.roles import Role
from strive_desktop.errors import AlreadyRunning, UserError, ValidationError
from strive_desktop.services import accounts, installation, rosters
from strive_desktop.services.recovery import recover
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.models import AuditEntry
from strive_desktop.storage.recovery import (
    RecoveryRefused,
)
from strive_desktop.storage.vault import Vault, WrongPassword
from strive_desktop.sync.recovery import write_recovery_file
from tests.conftest import link, person, ship

NEW_PASSWORD = "new-secret-42"


def _forget_everything(office: Store) -> tuple[Path, bytes, str]:
    """The office closes; nobody knows any password any more (every slot's password is lost:
    the slots are rewrapped under passwords nobody was told)."""
    root, key = office.folder.root, office.key
    office_id = installation.get_installation(office).id
    office.close()
    vault = Vault(DataFolder(root))
    for user in vault.users():
        vault.add_slot(key, user, secrets.token_hex(16))
    with pytest.raises(WrongPassword):
        vault.unlock(vault.users()[0], "test-password")
    return root, key, office_id


def test_the_documented_procedure_end_to_end(store: Store, hq_store: Store, tmp_path: Path) -> None:
    pid = person(store, "Aigerim Toktosunova")
    link(store, hq_store, tmp_path)  # the office's first package arrives at headquarters
    root, key, office_id = _forget_everything(store)

    res = write_recovery_file(hq_store, office_id, tmp_path / "nookat.striverecovery")
    assert res.path.is_file() and res.name == "Nookat office"
    assert len(res.code.replace("-", "")) == 20
    raw = res.path.read_bytes()
    assert key not in raw and base64.b64encode(key) not in raw and key.hex().encode() not in raw

    done = recover(root, res.path, res.code.lower().replace("-", " "), "Nurlan", NEW_PASSWORD, NEW_PASSWORD)
    assert (done.account, done.role, done.installation) == ("Nurlan", Role.OFFICE_ADMIN, "Nookat office")
    assert done.key == key

    # later: the new password opens the folder, the admin sees the roster, the log tells
    again = Vault(DataFolder(root)).unlock("Nurlan", NEW_PASSWORD)
    office = open_store(root, key=again, account="Nurlan")
    try:
        me = accounts.login(office, "Nurlan")
        assert me.role is Role.OFFICE_ADMIN and me.active
        assert rosters.get_person(office, pid).full_name == "Aigerim Toktosunova"
        with office.read() as s:
            log = [(e.user_name, e.installation_id)
                   for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "recovery"))]
        assert log == [("Nurlan", office_id)]
        # and the office goes on working and sending
        person(office, "Bakyt Osmonov")
        assert ship(office, hq_store)[0].status == "applied"
    finally:
        office.close()


def test_an_existing_account_gets_the_new_password_and_is_an_admin_again(store: Store, hq_store: Store,
                                                                         tmp_path: Path) -> None:
    link(store, hq_store, tmp_path)
    user = Vault(store.folder).users()[0]
    root, key, office_id = _forget_everything(store)
    res = write_recovery_file(hq_store, office_id, tmp_path)
    assert res.path.parent == tmp_path and res.path.suffix == ".striverecovery"
    done = recover(root, res.path, res.code, user.upper(), NEW_PASSWORD, NEW_PASSWORD)
    assert done.account.casefold() == user.casefold()
    assert Vault(DataFolder(root)).users() == [user]
    assert Vault(DataFolder(root)).unlock(user, NEW_PASSWORD) == key



def test_a_recovery_file_for_another_installation_is_refused(store: Store, hq_store: Store,
                                                             kochkor_store: Store, tmp_path: Path) -> None:
    link(store, hq_store, tmp_path)
    (tmp_path / "k").mkdir()
    link(kochkor_store, hq_store, tmp_path / "k")
    kochkor_id = installation.get_installation(kochkor_store).id
    root, key, _ = _forget_everything(store)
    res = write_recovery_file(hq_store, kochkor_id, tmp_path / "kochkor.striverecovery")
    before = (root / "strive.sqlite3").read_bytes(), (root / "vault.json").read_bytes()
    with pytest.raises(RecoveryRefused, match="another installation"):
        recover(root, res.path, res.code, "Nurlan", NEW_PASSWORD, NEW_PASSWORD)
    assert ((root / "strive.sqlite3").read_bytes(), (root / "vault.json").read_bytes()) == before


@pytest.mark.parametrize("field", ["installation_id", "expires_at", "ciphertext", "name"])
def test_a_changed_recovery_file_is_refused(store: Store, hq_store: Store, tmp_path: Path, field: str) -> None:
    link(store, hq_store, tmp_path)
    root, _key, office_id = _forget_everything(store)
    res = write_recovery_file(hq_store, office_id, tmp_path / "r.striverecovery")
    doc = json.loads(res.path.read_text(encoding="utf-8"))
    if field == "ciphertext":
        ct = bytearray(base64.b64decode(doc[field]))
        ct[3] ^= 1
        doc[field] = base64.b64encode(bytes(ct)).decode()
    elif field == "expires_at":
        doc[field] = "2099-01-01T00:00:00+00:00"
    else:
        doc[field] = doc[field][:-1] + ("x" if doc[field][-1] != "x" else "y")
    res.path.write_text(json.dumps(doc), encoding="utf-8")
    before = (root / "vault.json").read_bytes()
    with pytest.raises(RecoveryRefused, match="does not fit|another installation"):
        recover(root, res.path, res.code, "Nurlan", NEW_PASSWORD, NEW_PASSWORD)
    assert (root / "vault.json").read_bytes() == before



def test_only_a_headquarters_administrator_writes_a_recovery_file(store: Store, hq_store: Store,
                                                                  tmp_path: Path) -> None:
    link(store, hq_store, tmp_path)
    office_id = installation.get_installation(store).id
    with pytest.raises(UserError, match="Only headquarters"):
        write_recovery_file(store, office_id, tmp_path / "x")
    with pytest.raises(UserError, match="No installation called"):
        write_recovery_file(hq_store, "nobody", tmp_path / "x")
    accounts.create_first_admin(hq_store, "Aida")
    accounts.login(hq_store, "Aida")
    accounts.add_account(hq_store, "Timur", Role.STAFF, "staff-pass", "staff-pass")
    accounts.login(hq_store, "Timur")
    with pytest.raises(accounts.PermissionDenied):
        write_recovery_file(hq_store, office_id, tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_the_new_password_is_checked_before_anything_changes(store: Store, hq_store: Store,
                                                             tmp_path: Path) -> None:
    link(store, hq_store, tmp_path)
    root, _key, office_id = _forget_everything(store)
    res = write_recovery_file(hq_store, office_id, tmp_path / "r.striverecovery")
    before = (root / "vault.json").read_bytes()
    with pytest.raises(ValidationError):
        recover(root, res.path, res.code, "Nurlan", NEW_PASSWORD, NEW_PASSWORD + "x")
    with pytest.raises(ValidationError):
        recover(root, res.path, res.code, "Nurlan", "short", "short")
    with pytest.raises(UserError, match="cannot be read"):
        recover(root, tmp_path / "missing.striverecovery", res.code, "Nurlan", NEW_PASSWORD, NEW_PASSWORD)
    assert (root / "vault.json").read_bytes() == before


def test_a_running_app_on_the_folder_refuses_the_recovery_before_any_change(store: Store, hq_store: Store,
                                                                            tmp_path: Path) -> None:
    link(store, hq_store, tmp_path)
    root, key, office_id = _forget_everything(store)
    res = write_recovery_file(hq_store, office_id, tmp_path / "r.striverecovery")
    before = (root / "vault.json").read_bytes()
    running = open_store(root, key=key)  # the app is open on it (it holds the folder's lock)
    try:
        with pytest.raises(AlreadyRunning):
            recover(root, res.path, res.code, "Nurlan", NEW_PASSWORD, NEW_PASSWORD)
    finally:
        running.close()
    assert (root / "vault.json").read_bytes() == before
    assert recover(root, res.path, res.code, "Nurlan", NEW_PASSWORD, NEW_PASSWORD).account == "Nurlan"


def test_a_lost_key_file_is_recovered_too(store: Store, hq_store: Store, tmp_path: Path) -> None:
    pid = person(store, "Asel Kadyrova")
    link(store, hq_store, tmp_path)
    root, key, office_id = _forget_everything(store)
    (root / "vault.json").unlink()  # deleted by mistake: the database alone is unreadable
    res = write_recovery_file(hq_store, office_id, tmp_path / "r.striverecovery")
    recover(root, res.path, res.code, "Nurlan", NEW_PASSWORD, NEW_PASSWORD)
    assert Vault(DataFolder(root)).users() == ["Nurlan"]
    office = open_store(root, key=Vault(DataFolder(root)).unlock("Nurlan", NEW_PASSWORD), account="Nurlan")
    try:
        assert accounts.login(office, "Nurlan").admin
        assert rosters.get_person(office, pid).full_name == "Asel Kadyrova"
    finally:
        office.close()
