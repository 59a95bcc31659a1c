"""The Settings page's Save: the user's name and the completion rule in one unit of work."""

from __future__ import annotations

from sqlalchemy import select

from ..domain.rules import COMPLETION_SETTING
from ..errors import UserError
from ..i18n import N_
from ..storage.db import Store
from ..storage.models import Installation, Setting


def save_preferences(store: Store, *, user_name: str | None = None,
                     completion_share: float | None = None) -> None:
    """Save what was given (None = leave as it is), both or neither."""
    if completion_share is not None:
        from ..domain.roles import Permission
        from .accounts import require

        require(store, Permission.SETTINGS)  # the rule is the installation's, not the user's
    if completion_share is not None and not 0 < completion_share <= 1:
        raise UserError(N_("The completion rule must be a share between 1% and 100% of the hours."))
    with store.uow() as s:
        if user_name is not None:
            inst = s.scalar(select(Installation))
            if inst is not None:
                inst.user_name = user_name
        if completion_share is not None:
            row = s.get(Setting, COMPLETION_SETTING)
            if row is None:
                s.add(Setting(key=COMPLETION_SETTING, value=str(completion_share)))
            else:
                row.value = str(completion_share)
    if user_name is not None:
        store.user_name = user_name
