"""What the logged-in account's role may not do is disabled (with a tooltip saying why) or
hidden: the same table the services check (domain/roles.py, services/accounts.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ...domain.roles import DENIED, Permission
from ...i18n import CONTEXT

if TYPE_CHECKING:
    from ...services.accounts import Permits
    from ...storage.db import Store


def allowed(store: Store | Permits | None, permission: Permission) -> bool:
    """Whether the logged-in account may; True before the store is open (nothing works yet).
    Given the window's :class:`~strive_desktop.services.accounts.Permits` (``ctx.permits``),
    answered without asking the database (a page's many buttons, one lookup)."""
    if store is None:
        return True
    from ...services import accounts

    if isinstance(store, accounts.Permits):
        return store.allows(permission)
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
