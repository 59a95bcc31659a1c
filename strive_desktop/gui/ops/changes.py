"""What one user action changed: the tables its committed transactions wrote.

The store notes every INSERT / UPDATE / DELETE a transaction runs (ORM flushes, Core bulk
writes, the sync importer's SQL) and hands the table names over when it commits
(:meth:`strive_desktop.storage.db.Store.watch`); the runner wraps them in :class:`Changes`.
Pages ask ``changes.touches(Table.PEOPLE, Table.MEMBERSHIPS)`` instead of comparing strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Table(StrEnum):
    """The tables of the database (``tests`` check this list against the models)."""

    COMMUNITIES = "communities"
    ADVISORY_GROUPS = "advisory_groups"
    PEOPLE = "people"
    MEMBERSHIPS = "memberships"
    VULNERABLE_GROUPS = "vulnerable_groups"
    TRAININGS = "trainings"
    TRAINING_SESSIONS = "training_sessions"
    ATTENDANCE = "attendance"
    ATTENDED_TOTALS = "attended_totals"
    ATTENDED_PEOPLE = "attended_people"
    ATTENDED_PLACES = "attended_places"
    ATTENDED_TRAININGS = "attended_trainings"
    LOCAL_PLANS = "local_plans"
    PLAN_ACTIVITIES = "plan_activities"
    PLAN_REVISIONS = "plan_revisions"
    CERTIFICATES = "certificates"
    ATTACHMENTS = "attachments"
    AUDIT_LOG = "audit_log"
    INSTALLATION = "installation"
    SETTINGS = "settings"
    ACCOUNTS = "accounts"
    ROSTER_IMPORTS = "roster_imports"
    ROSTER_IMPORT_ITEMS = "roster_import_items"
    SYNC_KEYS = "sync_keys"
    SYNC_PEERS = "sync_peers"
    SYNC_PACKAGES = "sync_packages"
    SYNC_RECORD_META = "sync_record_meta"
    SYNC_CONFLICTS = "sync_conflicts"
    SYNC_PENDING = "sync_pending"
    SYNC_SET_ASIDE = "sync_set_aside"
    SYNC_INVITATIONS = "sync_invitations"
    SYNC_ESCROWS = "sync_escrows"


# Written with every change (or derived from the attendance in the same transaction, like the
# attended totals); saying "the audit log changed" tells a page nothing.
_BOOKKEEPING = frozenset({Table.AUDIT_LOG, Table.INSTALLATION, Table.ATTENDED_TOTALS, Table.ATTENDED_PEOPLE,
                          Table.ATTENDED_PLACES, Table.ATTENDED_TRAININGS})


@dataclass(frozen=True)
class Changes:
    """The tables one action changed (the audit log and the counter row left out)."""

    tables: frozenset[Table]

    @classmethod
    def of(cls, names: Iterable[str]) -> Changes:
        known = {t.value for t in Table}
        return cls(frozenset(Table(n) for n in names if n in known) - _BOOKKEEPING)

    def touches(self, *tables: Table) -> bool:
        return bool(self.tables.intersection(tables))

    def __bool__(self) -> bool:
        return bool(self.tables)


EVERYTHING = Changes(frozenset(Table) - _BOOKKEEPING)
