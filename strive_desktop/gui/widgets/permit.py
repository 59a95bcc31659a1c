"""What the logged-in account's role may not do is disabled (with a tooltip saying why) or
hidden: the same table the services check (domain/roles.py, services/accounts.py)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ...domain.roles import DENIED, Permission
from ...i18n import CONTEXT

if TYPE_CHECKING:
    from ...services.accounts import Permits
    from ...storage.db import Store


class _HasPermits(Protocol):
    @property
    def permits(self) -> Permits: ...


# The window's context (gui/context.py ``AppContext``) of each open store: it keeps the logged-in
# account read once (``ctx.permits``), so that a page guarding its buttons with the store does
# not ask the database for the account again for each button. Weak both ways: a closed window
# or store is forgotten.
_KEEPERS: weakref.WeakKeyDictionary[Store, weakref.ref[_HasPermits]] = weakref.WeakKeyDictionary()


def keep_permits(store: Store, keeper: _HasPermits) -> None:
    """Answer :func:`allowed` for *store* from ``keeper.permits`` (the window's context)."""
    _KEEPERS[store] = weakref.ref(keeper)


def allowed(store: Store | Permits | None, permission: Permission) -> bool:
    """Whether the logged-in account may; True before the store is open (nothing works yet).
    Given the window's :class:`~strive_desktop.services.accounts.Permits` (``ctx.permits``), or
    a store the window keeps them for, answered without asking the database again."""
    if store is None:
        return True
    from ...services import accounts

    if isinstance(store, accounts.Permits):
        return store.allows(permission)
    ref = _KEEPERS.get(store)
    keeper = ref() if ref is not None else None
    if keeper is not None:
        return keeper.permits.allows(permission)
    return accounts.allowed(store, permission)


def reason(permission: Permission) -> str:
    """Why the role may not, in the interface language."""
    return QCoreApplication.translate(CONTEXT, DENIED[permission])


def guard(widget: QWidget, store: Store | Permits | None, permission: Permission, *, enabled: bool = True,
          hide: bool = False) -> bool:
    """Enable *widget* when *enabled* (the page's own condition) and the role may; otherwise
    disable it with the reason as its tooltip (or hide it with *hide*). Returns whether the
    role may. The widget's own tooltip comes back once the role may again."""
    ok = allowed(store, permission)
    if hide:
        widget.setVisible(ok)
    own = widget.property("strive_own_tooltip")
    if own is None:
        own = widget.toolTip()
        widget.setProperty("strive_own_tooltip", own)
    widget.setToolTip(str(own) if ok else reason(permission))
    widget.setEnabled(enabled and ok)
    return ok
