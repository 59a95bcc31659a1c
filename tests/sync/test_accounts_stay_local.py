"""Accounts are local to one installation: they never travel in a sync package, while the
account's name travels with the audit entries of what it changed."""

from __future__ import annotations

from sqlalchemy import select

from strive_desktop.services import accounts
from strive_desktop.storage.db import Store
from strive_desktop.storage.models import AuditEntry
from strive_desktop.sync.authority import RULES
from strive_desktop.sync.merge import TABLES

from ..conftest import person, ship


def test_the_office_account_names_its_changes_at_hq_but_the_account_stays_home(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    accounts.login(field, "Gulnara")
    assert [a.name for a in accounts.list_accounts(field)] == ["Gulnara"]
    pid = person(field, "Айгүл Осмонова")
    results = ship(field, hq)
    assert results and all(r.status == "applied" for r in results), [r.message for r in results]
    with hq.read() as s:
        who = s.scalars(select(AuditEntry.user_name).where(AuditEntry.entity_id == pid)).all()
    assert who == ["Gulnara"]
    assert accounts.list_accounts(hq) == []
    # not a synced table: no package carries it, and one that did would be set aside
    assert "accounts" not in TABLES and "accounts" not in RULES
