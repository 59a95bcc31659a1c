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


def allowed(permits: Permits | None, permission: Permission) -> bool:
    """Whether the logged-in account may, from the window's
    :class:`~strive_desktop.services.accounts.Permits` (``ctx.permits``, read once per login);
    True before the store is open (nothing works yet)."""
    return True if permits is None else permits.allows(permission)


def reason(permission: Permission) -> str:
    """Why the role may not, in the interface language."""
    return QCoreApplication.translate(CONTEXT, DENIED[permission])


def guard(widget: QWidget, permits: Permits | None, permission: Permission, *, enabled: bool = True,
          hide: bool = False) -> bool:
    """Enable *widget* when *enabled* (the page's own condition) and the role may; otherwise
    disable it with the reason as its tooltip (or hide it with *hide*). Returns whether the
    role may. The widget's own tooltip comes back once the role may again."""
    ok = allowed(permits, permission)
    if hide:
        widget.setVisible(ok)
    own = widget.property("strive_own_tooltip")
    if own is None:
        own = widget.toolTip()
        widget.setProperty("strive_own_tooltip", own)
    widget.setToolTip(str(own) if ok else reason(permission))
    widget.setEnabled(enabled and ok)
    return ok
