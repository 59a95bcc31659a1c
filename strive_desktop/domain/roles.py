"""Roles of the accounts of one installation, and what each role may do.

The table is the one place that says who may do what; services check it (``services.accounts
.require``) and the window hides or disables what the logged-in role may not do. Role values are
stored in the local ``accounts`` table: never rename one.

- trainer: records attendance, prints attendance sheets and certificates;
- staff: a trainer's work, and edits rosters, trainings, plans (drafts, submitting), syncs;
- office admin (a field office): staff's work, and manages users, keys, backups, restores and
  settings;
- headquarters admin: the same at headquarters, and approves local plans (only headquarters
  approves a plan: a field office has no role that may).
"""

from __future__ import annotations

from enum import StrEnum

from ..i18n import N_


class Role(StrEnum):
    TRAINER = "trainer"
    STAFF = "staff"
    OFFICE_ADMIN = "office_admin"
    HQ_ADMIN = "hq_admin"


class Permission(StrEnum):
    RECORD_ATTENDANCE = "record_attendance"
    PRINT = "print"
    EDIT_ROSTERS = "edit_rosters"
    EDIT_PLANS = "edit_plans"
    APPROVE_PLAN = "approve_plan"
    SYNC = "sync"
    MANAGE_USERS = "manage_users"
    MANAGE_KEYS = "manage_keys"
    BACKUP = "backup"
    RESTORE = "restore"
    SETTINGS = "settings"


ROLE_LABELS: dict[Role, str] = {
    Role.TRAINER: N_("Trainer"),
    Role.STAFF: N_("Staff"),
    Role.OFFICE_ADMIN: N_("Office administrator"),
    Role.HQ_ADMIN: N_("Headquarters administrator"),
}

_TRAINER = frozenset({Permission.RECORD_ATTENDANCE, Permission.PRINT})
_STAFF = _TRAINER | {Permission.EDIT_ROSTERS, Permission.EDIT_PLANS, Permission.SYNC, Permission.BACKUP}
_ADMIN = _STAFF | {Permission.MANAGE_USERS, Permission.MANAGE_KEYS, Permission.RESTORE, Permission.SETTINGS}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.TRAINER: _TRAINER,
    Role.STAFF: frozenset(_STAFF),
    Role.OFFICE_ADMIN: frozenset(_ADMIN),
    Role.HQ_ADMIN: frozenset(_ADMIN | {Permission.APPROVE_PLAN}),
}

ADMIN_ROLES = frozenset({Role.OFFICE_ADMIN, Role.HQ_ADMIN})

# Why a role may not: shown as the refusal and as the tooltip of a disabled action.
DENIED: dict[Permission, str] = {
    Permission.RECORD_ATTENDANCE: N_("Your role may not record attendance."),
    Permission.PRINT: N_("Your role may not print."),
    Permission.EDIT_ROSTERS: N_("Only staff and administrators may change rosters."),
    Permission.EDIT_PLANS: N_("Only staff and administrators may change plans."),
    Permission.APPROVE_PLAN: N_("Only a headquarters administrator may approve a plan."),
    Permission.SYNC: N_("Only staff and administrators may send or receive packages."),
    Permission.MANAGE_USERS: N_("Only an administrator may manage users."),
    Permission.MANAGE_KEYS: N_("Only an administrator may manage keys."),
    Permission.BACKUP: N_("Only staff and administrators may make backups."),
    Permission.RESTORE: N_("Only an administrator may restore a backup."),
    Permission.SETTINGS: N_("Only an administrator may change the settings."),
}


def roles_for(is_hq: bool) -> tuple[Role, ...]:
    """The roles an account of this kind of installation may have (first: the admin role)."""
    return ((Role.HQ_ADMIN, Role.STAFF, Role.TRAINER) if is_hq
            else (Role.OFFICE_ADMIN, Role.STAFF, Role.TRAINER))


def admin_role(is_hq: bool) -> Role:
    return Role.HQ_ADMIN if is_hq else Role.OFFICE_ADMIN


def may(role: Role | str, permission: Permission) -> bool:
    try:
        return permission in PERMISSIONS[Role(role)]
    except ValueError:
        return False  # an unknown role may nothing (fail closed)


def is_admin(role: Role | str) -> bool:
    return role in {r.value for r in ADMIN_ROLES}


# What writing each table needs. The services install a guard on the logged-in store that
# refuses a write to one of these tables (ORM, bulk and raw SQL alike) when the role may not:
# one table for every way in. Bookkeeping written by any action (the audit log, the change
# counter, settings, keys made on first need, sync bookkeeping) is not listed.
TABLE_PERMISSION: dict[str, Permission] = {
    "communities": Permission.EDIT_ROSTERS,
    "advisory_groups": Permission.EDIT_ROSTERS,
    "people": Permission.EDIT_ROSTERS,
    "memberships": Permission.EDIT_ROSTERS,
    "vulnerable_groups": Permission.EDIT_ROSTERS,
    "roster_imports": Permission.EDIT_ROSTERS,
    "roster_import_items": Permission.EDIT_ROSTERS,
    "trainings": Permission.RECORD_ATTENDANCE,
    "training_sessions": Permission.RECORD_ATTENDANCE,
    "attendance": Permission.RECORD_ATTENDANCE,
    "attachments": Permission.RECORD_ATTENDANCE,
    "certificates": Permission.PRINT,
    "local_plans": Permission.EDIT_PLANS,
    "plan_activities": Permission.EDIT_PLANS,
    "plan_revisions": Permission.EDIT_PLANS,
    "accounts": Permission.MANAGE_USERS,
}
