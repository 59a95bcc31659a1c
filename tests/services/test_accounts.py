"""Accounts and roles of one installation (services/accounts.py, domain/roles.py): who may log
in, what each role may do, and who the audit log names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from strive_desktop.errors import ValidationError
from strive_desktop.services import accounts, installation, plans, rosters, trainings
from strive_desktop.services.accounts import PermissionDenied
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.models import AuditEntry, Person
from strive_desktop.storage.seed import community_id
from strive_desktop.storage.vault import Vault, WrongPassword

NOOKAT = community_id("nookat")
PW = "first-pass-1"


def _open(root: Path, name: str, password: str) -> Store:
    key = Vault(DataFolder(root)).unlock(name, password)
    st = open_store(root, key=key, account=name)
    accounts.login(st, name)
    return st


def _new_folder(root: Path, *, hq: bool) -> Store:
    folder = DataFolder(root).ensure()
    key = Vault(folder).create("Aida", PW)
    st = open_store(root, key=key, account="Aida")
    if hq:
        installation.init_installation(st, name="Bishkek HQ", hq=True, user_name="Aida")
    else:
        installation.init_installation(st, name="Nookat office", community=NOOKAT, user_name="Aida")
    accounts.login(st, "Aida")
    return st


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    st = _new_folder(tmp_path / "office", hq=False)
    yield st
    st.close()


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[Store]:
    st = _new_folder(tmp_path / "hq", hq=True)
    yield st
    st.close()


def _person(store: Store, name: str = "Айгүл Осмонова") -> str:
    res = rosters.add_person(store, rosters.PersonInput(full_name=name, sex="f", sector="youth",
                                                        community_id=NOOKAT), allow_duplicate=True)
    assert res.person_id
    return res.person_id


def _people(store: Store) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(Person).where(Person.deleted.is_(False))) or 0)


def _plan(store: Store) -> str:
    d = dt.date
    draft = plans.PlanDraft(title="Ноокат: план", period_start=d(2025, 1, 1), period_end=d(2025, 12, 31),
                            context="Жаштар.", objectives="Жаштарды колдоо.",
                            activities=[plans.ActivityInput("Маалымат сааттары", "Адис", "Мектеп",
                                                            d(2025, 2, 1), d(2025, 3, 1), 15000, 5000, 0)])
    pid = plans.create_plan(store, NOOKAT, draft)
    plans.change_status(store, pid, "submitted")
    return pid


def test_the_first_account_is_the_admin_and_the_audit_log_names_it(office: Store) -> None:
    me = accounts.current(office)
    assert me is not None and me.name == "Aida" and me.role.value == "office_admin" and me.admin
    pid = _person(office)
    with office.read() as s:
        who = s.scalars(select(AuditEntry.user_name).where(AuditEntry.entity_id == pid)).all()
    assert who == ["Aida"]


def test_an_admin_adds_a_trainer_who_records_attendance_but_changes_no_roster(office: Store) -> None:
    root = office.folder.root
    accounts.add_account(office, "Bakyt", "trainer", "trainer-pass", "trainer-pass")
    assert [(a.name, a.role.value) for a in accounts.list_accounts(office)] == [
        ("Aida", "office_admin"), ("Bakyt", "trainer")]
    office.close()
    st = _open(root, "Bakyt", "trainer-pass")  # his own password opens the same data
    try:
        before = _people(st)
        with pytest.raises(PermissionDenied, match="Only staff and administrators may change rosters"):
            _person(st, "Бакыт Токтосунов")
        assert _people(st) == before  # nothing saved
        tid = trainings.create_training(st, trainings.TrainingInput(
            NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2025, 3, 1), 4)]))
        assert trainings.get_training(st, tid).title == "Негиздер"
        with pytest.raises(PermissionDenied, match="Only an administrator may manage users"):
            accounts.add_account(st, "Someone", "staff", "some-pass", "some-pass")
        assert not accounts.allowed(st, accounts.Permission.RESTORE)
    finally:
        st.close()


def test_only_the_headquarters_admin_approves_a_plan(office: Store, hq: Store) -> None:
    pid = _plan(office)
    with pytest.raises(PermissionDenied, match="Only a headquarters administrator may approve a plan"):
        plans.change_status(office, pid, "approved")
    assert plans.get_plan(office, pid).status == "submitted"
    hq_plan = _plan(hq)
    assert plans.change_status(hq, hq_plan, "approved").status == "approved"
    accounts.add_account(hq, "Nurlan", "staff", "staff-pass", "staff-pass")
    assert accounts.allowed(hq, accounts.Permission.APPROVE_PLAN)


def test_the_last_admin_stays_and_a_deactivated_account_opens_nothing(office: Store) -> None:
    with pytest.raises(Exception, match="last administrator"):
        accounts.deactivate(office, "aida")
    with pytest.raises(Exception, match="last administrator"):
        accounts.set_role(office, "Aida", "staff")
    accounts.add_account(office, "Gulnara", "office_admin", "gulnara-pass", "gulnara-pass")
    accounts.add_account(office, "Bakyt", "staff", "staff-pass-1", "staff-pass-1")
    accounts.deactivate(office, "Bakyt")
    vault = Vault(office.folder)
    with pytest.raises(WrongPassword):
        vault.unlock("Bakyt", "staff-pass-1")
    assert {a.name: a.active for a in accounts.list_accounts(office)} == {
        "Aida": True, "Gulnara": True, "Bakyt": False}
    accounts.deactivate(office, "Aida")  # another admin is left
    assert vault.unlock("Gulnara", "gulnara-pass") == office.key


def test_passwords_twice_and_a_reset_by_the_admin(office: Store) -> None:
    with pytest.raises(ValidationError) as info:
        accounts.add_account(office, "Bakyt", "staff", "staff-pass-1", "staff-pass-2")
    assert "repeat" in info.value.errors
    with pytest.raises(ValidationError):
        accounts.add_account(office, "Bakyt", "hq_admin", "staff-pass-1", "staff-pass-1")  # not at an office
    assert [a.name for a in accounts.list_accounts(office)] == ["Aida"]
    accounts.add_account(office, "Bakyt", "staff", "staff-pass-1", "staff-pass-1")
    with pytest.raises(ValidationError):
        accounts.add_account(office, "bakyt", "staff", "other-pass", "other-pass")  # same name
    accounts.reset_password(office, "Bakyt", "forgot-it-2", "forgot-it-2")
    vault = Vault(office.folder)
    with pytest.raises(WrongPassword):
        vault.unlock("Bakyt", "staff-pass-1")
    assert vault.unlock("Bakyt", "forgot-it-2") == office.key
    accounts.change_own_password(office, PW, "new-pass-9", "new-pass-9")
    assert vault.unlock("Aida", "new-pass-9") == office.key


def test_a_deactivated_account_cannot_log_in_even_with_a_key(office: Store) -> None:
    accounts.add_account(office, "Bakyt", "staff", "staff-pass-1", "staff-pass-1")
    key = office.key
    accounts.add_account(office, "Gulnara", "office_admin", "gulnara-pass", "gulnara-pass")
    accounts.deactivate(office, "Bakyt")
    office.account = None
    with pytest.raises(PermissionDenied, match="deactivated"):
        accounts.login(office, "Bakyt")
    assert key == office.key


def test_the_idle_lock_time_is_a_setting_of_the_admin(office: Store) -> None:
    assert accounts.idle_lock_minutes(office) == 15
    assert accounts.set_idle_lock_minutes(office, 5) == 5
    assert accounts.idle_lock_minutes(office) == 5
    with pytest.raises(ValidationError):
        accounts.set_idle_lock_minutes(office, 0)
    accounts.check_password(office, PW)
    with pytest.raises(WrongPassword):
        accounts.check_password(office, "not-it")
