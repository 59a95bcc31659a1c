"""Accounts of this installation: who may log in, with which role (domain/roles.py).

An account is a row of the local ``accounts`` table (name, role, active) plus a slot in the
vault (storage/vault.py): the account's password unwraps its own copy of the database key, so
the password itself is stored nowhere. Adding an account or resetting its password writes its
slot with the key of the open store; deactivating removes the slot, so the password opens
nothing any more. The last active administrator cannot be deactivated or demoted.

The logged-in account is ``store.account`` (set by the GUI's login and the command line's
``--user``); :func:`login` checks it is active and reads its role. :func:`require` is the one
permission check of the services. A data folder without a vault (made before accounts existed,
opened by a script or a test without logging in) has no accounts: there is nobody to tell
apart and every check passes, as before. Once accounts exist, a store without a logged-in
account may do nothing that needs a permission.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..domain.roles import (
    DENIED,
    TABLE_PERMISSION,
    Permission,
    Role,
    admin_role,
    is_admin,
    may,
    roles_for,
)
from ..errors import NotFound, UserError, ValidationError
from ..i18n import N_, Message
from ..storage.db import Store
from ..storage.models import Account, Installation, utcnow

if TYPE_CHECKING:
    from ..storage.vault import Vault


class PermissionDenied(UserError):
    """The logged-in account's role may not do this."""


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: Role
    active: bool
    created: dt.datetime

    @property
    def admin(self) -> bool:
        return is_admin(self.role)


def _info(a: Account) -> AccountInfo:
    try:
        role = Role(a.role)
    except ValueError:  # written by a newer version: treated as the least role
        role = Role.TRAINER
    return AccountInfo(a.name, role, bool(a.active), a.created)


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _find(s: Session, name: str) -> Account | None:
    for a in s.scalars(select(Account)):
        if _same(a.name, name):
            return a
    return None


def _vault(store: Store) -> Vault:
    from ..storage.vault import Vault

    return Vault(store.folder)


def list_accounts(store: Store) -> list[AccountInfo]:
    with store.read() as s:
        rows = [_info(a) for a in s.scalars(select(Account))]
    return sorted(rows, key=lambda a: (not a.active, a.name.casefold()))


def has_accounts(store: Store) -> bool:
    with store.read() as s:
        return s.scalar(select(Account.name).limit(1)) is not None


def current(store: Store) -> AccountInfo | None:
    """The logged-in account (None: nobody logged in, or a folder without accounts)."""
    name = store.account
    if not name:
        return None
    with store.read() as s:
        a = _find(s, name)
        return _info(a) if a is not None else None


@dataclass(frozen=True)
class Permits:
    """Who is logged in, read once: what :func:`allowed` answers, without asking the database
    again for every button (the window keeps one, ``AppContext.permits``, until a login, a lock
    or a change of accounts)."""

    account: AccountInfo | None
    has_accounts: bool
    is_hq: bool

    def allows(self, permission: Permission) -> bool:
        me = self.account
        if me is None:
            return not self.has_accounts
        if not me.active or not may(me.role, permission):
            return False
        if permission is Permission.APPROVE_PLAN:
            return self.is_hq
        return True


def permits(store: Store) -> Permits:
    """The logged-in account, whether the folder has accounts, and whether it is headquarters,
    in one read (see :class:`Permits`)."""
    name = store.account
    with store.read() as s:
        me = None
        if name:
            a = _find(s, name)
            me = _info(a) if a is not None else None
        any_account = me is not None or s.scalar(select(Account.name).limit(1)) is not None
        return Permits(me, any_account, _is_hq(s))


def allowed(store: Store, permission: Permission) -> bool:
    """Whether the logged-in account may do *permission* (see the module's note)."""
    return permits(store).allows(permission)


def require(store: Store, permission: Permission) -> None:
    """Refuse with :class:`PermissionDenied` unless the logged-in account may *permission*."""
    if not allowed(store, permission):
        raise PermissionDenied(DENIED[permission])


def _is_hq(s: Session) -> bool:
    inst = s.scalar(select(Installation))
    return bool(inst and inst.is_hq)


def create_first_admin(store: Store, name: str) -> AccountInfo:
    """The first account of a folder (``init --user NAME``, the first login of a vault user
    with no account row yet): an administrator. Does nothing but return it if it exists."""
    name = name.strip()
    with store.uow() as s:
        found = _find(s, name)
        if found is not None:
            return _info(found)
        if s.scalar(select(Account.name).where(Account.active.is_(True)).limit(1)) is not None:
            raise PermissionDenied(N_("This installation already has accounts; an administrator "
                                      "adds new ones."))
        a = Account(name=name, role=admin_role(_is_hq(s)).value, active=True, created=utcnow())
        s.add(a)
        s.flush()
        return _info(a)


def login(store: Store, name: str) -> AccountInfo:
    """After the vault opened the database for *name*: check the account and make it the
    store's logged-in account (audit entries carry its name). A vault user of a folder that has
    no account yet becomes its first administrator."""
    with store.read() as s:
        a = _find(s, name)
        found = _info(a) if a is not None else None
        any_account = s.scalar(select(Account.name).limit(1)) is not None
    if found is None and not any_account:
        if store.installation() is None:
            # Before ``init``: whether the first admin is headquarters' or an office's is not
            # known yet; the first login after ``init`` makes the account.
            store.account = store.user_name = name.strip()
            return AccountInfo(name.strip(), Role.OFFICE_ADMIN, True, utcnow())
        info = create_first_admin(store, name)
    elif found is None:
        raise PermissionDenied(N_("There is no account {name} on this computer."), name=name)
    else:
        info = found
    if not info.active:
        raise PermissionDenied(N_("The account {name} has been deactivated."), name=info.name)
    store.account = info.name
    store.user_name = info.name
    _guard(store, info.role)
    return info


# ---- the write guard ----------------------------------------------------------------------------

_WRITE = re.compile(r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"?(\w+)',
                    re.IGNORECASE)
_ROLES: weakref.WeakKeyDictionary[Store, Role] = weakref.WeakKeyDictionary()


def _guard(store: Store, role: Role) -> None:
    """Refuse, for the logged-in account, every write to a table its role may not change
    (domain/roles.py TABLE_PERMISSION): ORM flushes, bulk inserts and the importer's raw SQL
    all pass here, so no way in is forgotten. The unit of work rolls back."""
    first = store not in _ROLES
    _ROLES[store] = role
    if not first:
        return

    def check(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        role_now = _ROLES.get(store)
        m = _WRITE.match(statement)
        if role_now is None or m is None:
            return
        needed = TABLE_PERMISSION.get(m.group(1).lower())
        if needed is not None and not may(role_now, needed):
            raise PermissionDenied(DENIED[needed])

    event.listen(store.engine, "before_cursor_execute", check)


def _check_password(password: str, repeat: str) -> None:
    if password != repeat:
        raise ValidationError({"repeat": Message(N_("The two passwords are not the same."))})


def _role(value: Role | str, is_hq: bool) -> Role:
    try:
        role = Role(value)
    except ValueError:
        raise ValidationError({"role": Message(N_("Choose a role."))}) from None
    if role not in roles_for(is_hq):
        raise ValidationError({"role": Message(N_("This role does not exist at this installation."))})
    return role


def add_account(store: Store, name: str, role: Role | str, password: str, repeat: str) -> AccountInfo:
    """A new account (an administrator's action); a deactivated one of that name comes back
    with the new role and password."""
    require(store, Permission.MANAGE_USERS)
    name = name.strip()
    errors: dict[str, Message] = {}
    if not name:
        errors["name"] = Message(N_("Enter a name."))
    elif len(name) > 100:
        errors["name"] = Message(N_("The name is too long."))
    if errors:
        raise ValidationError(errors)
    _check_password(password, repeat)
    vault = _vault(store)
    with store.uow() as s:
        the_role = _role(role, _is_hq(s))
        found = _find(s, name)
        if found is not None and found.active:
            raise ValidationError({"name": Message(N_("There is already an account {name}."), name=found.name)})
        if found is None:
            found = Account(name=name, role=the_role.value, active=True, created=utcnow())
            s.add(found)
        else:
            found.role, found.active = the_role.value, True
        s.flush()
        vault.add_slot(store.key, found.name, password)  # last: nothing commits if it fails
        return _info(found)


def _active_admins(s: Session) -> list[Account]:
    return [a for a in s.scalars(select(Account).where(Account.active.is_(True))) if is_admin(a.role)]


def _get(s: Session, name: str) -> Account:
    found = _find(s, name)
    if found is None:
        raise NotFound(N_("There is no account {name}."), name=name)
    return found


def reset_password(store: Store, name: str, password: str, repeat: str) -> None:
    """An administrator sets a new password for an account (a forgotten one)."""
    require(store, Permission.MANAGE_USERS)
    _check_password(password, repeat)
    with store.read() as s:
        found = _get(s, name)
        if not found.active:
            raise UserError(N_("The account {name} has been deactivated; add it again to give it "
                               "a password."), name=found.name)
        real = found.name
    _vault(store).add_slot(store.key, real, password)


def change_own_password(store: Store, old: str, new: str, repeat: str) -> None:
    """The logged-in account changes its own password (the old one is asked)."""
    me = current(store)
    if me is None:
        raise PermissionDenied(N_("Log in first."))
    _check_password(new, repeat)
    _vault(store).change_password(me.name, old, new)


def set_role(store: Store, name: str, role: Role | str) -> AccountInfo:
    require(store, Permission.MANAGE_USERS)
    with store.uow() as s:
        the_role = _role(role, _is_hq(s))
        found = _get(s, name)
        if is_admin(found.role) and not is_admin(the_role) and found.active and len(_active_admins(s)) <= 1:
            raise UserError(N_("{name} is the last administrator; make another account an "
                               "administrator first."), name=found.name)
        found.role = the_role.value
        s.flush()
        info = _info(found)
    if store in _ROLES and store.account and _same(store.account, info.name):
        _ROLES[store] = info.role
    return info


def deactivate(store: Store, name: str) -> AccountInfo:
    """The account can no longer log in: its vault slot is removed (its password opens nothing)
    and it is marked inactive; its name stays in the audit log."""
    require(store, Permission.MANAGE_USERS)
    with store.uow() as s:
        found = _get(s, name)
        if not found.active:
            return _info(found)
        if is_admin(found.role) and len(_active_admins(s)) <= 1:
            raise UserError(N_("{name} is the last administrator and cannot be deactivated."),
                            name=found.name)
        found.active = False
        s.flush()
        vault = _vault(store)
        if vault.exists():
            vault.remove_slot(found.name)
        return _info(found)


# ---- idle lock ----------------------------------------------------------------------------------

IDLE_SETTING = "security.idle_lock_minutes"
IDLE_DEFAULT = 15
IDLE_RANGE = (1, 240)


def idle_lock_minutes(store: Store) -> int:
    """Minutes without input after which the window locks (Settings; 15 by default)."""
    from ..storage.models import Setting

    with store.read() as s:
        raw = s.scalar(select(Setting.value).where(Setting.key == IDLE_SETTING))
    try:
        value = int(raw) if raw is not None else IDLE_DEFAULT
    except ValueError:
        value = IDLE_DEFAULT
    return min(max(value, IDLE_RANGE[0]), IDLE_RANGE[1])


def set_idle_lock_minutes(store: Store, minutes: int) -> int:
    from ..storage.models import Setting

    require(store, Permission.SETTINGS)
    if not IDLE_RANGE[0] <= minutes <= IDLE_RANGE[1]:
        raise ValidationError({"idle": Message(N_("Choose between {low} and {high} minutes."),
                                               low=IDLE_RANGE[0], high=IDLE_RANGE[1])})
    with store.uow() as s:
        row = s.get(Setting, IDLE_SETTING)
        if row is None:
            s.add(Setting(key=IDLE_SETTING, value=str(minutes)))
        else:
            row.value = str(minutes)
    return minutes


def check_password(store: Store, password: str) -> None:
    """The logged-in account's password, checked against its vault slot (unlocking the idle
    lock); ``WrongPassword`` when it does not fit."""
    me = current(store)
    if me is None:
        raise PermissionDenied(N_("Log in first."))
    _vault(store).unlock(me.name, password)
