"""What every page and dialog gets: the opened store, the installation, errors, background jobs.

Pages are ``QWidget`` subclasses constructed as ``Page(ctx, parent=None)`` with a
``refresh()`` method the main window calls when the page is shown or data changed.
They call services through ``ctx.ops`` (never build SQL); the runner broadcasts
``ctx.changed`` (typed :class:`~strive_desktop.gui.ops.Changes`) after an action committed so
other views can refresh (the Anki "operations" pattern).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from ..errors import UserError
from ..i18n import Message
from .ops import EVERYTHING, Changes, Ops, Table
from .ops import run_in_background as run_in_background  # the first-start dialog's demo fill

if TYPE_CHECKING:
    from ..services.accounts import Permits
    from ..services.installation import InstallationInfo
    from ..storage.db import Store

log = logging.getLogger(__name__)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


def number_text(value: float) -> str:
    """A number the way the interface language writes it: "9.6" in English, "9,6" in Russian
    and Kyrgyz, whole numbers without ",0" (Babel, as in the PDFs: widgets/percent.py)."""
    from .widgets.percent import number

    return number(value)


def render_message(message: Message) -> str:
    """A service's message in the UI language, its numbers, percentages and dates written the
    interface language's way ("9,6"; "80 %" in Russian and Kyrgyz, "80%" in English; "05.12.2026"
    in Russian and Kyrgyz, "Dec 5, 2026" in English)."""
    from .widgets.dates import date_text
    from .widgets.percent import percent_text

    return message.render(translate, number=number_text, percent=percent_text, date=date_text)


def user_text(exc: UserError) -> str:
    """The error's message in the UI language (numbers too, see render_message)."""
    return render_message(exc.message)


class AppContext(QObject):
    """Shared state of one main window, built once the store is open."""

    community_changed = Signal(str)

    def __init__(self, store: Store, lang: str = "en") -> None:
        super().__init__()
        self.store = store
        self.lang = lang
        self._info: InstallationInfo | None = None
        self._community_id: str | None = None
        self._permits: Permits | None = None
        self.ops = Ops(lambda: self.store, self._logs, user_text)
        self.changed = self.ops.changed  # Changes, after an action committed
        # Connected first, so every other view already sees the new role.
        self.changed.connect(self._accounts_changed)

    # -- who we are ---------------------------------------------------------------------
    @property
    def info(self) -> InstallationInfo:
        if self._info is None:
            from ..services import installation

            self._info = installation.get_installation(self.store)
        return self._info

    def reload_info(self) -> None:
        """Forget the installation and the logged-in account (a restore, a new login)."""
        self._info = None
        self._permits = None

    @property
    def permits(self) -> Permits:
        """The logged-in account and what it may (services/accounts.py ``Permits``), read once
        and kept until a login, a lock or a change of accounts: a page's buttons are guarded
        with it (``guard(button, ctx.permits, ...)``) without asking the database each time."""
        if self._permits is None:
            from ..services import accounts

            self._permits = accounts.permits(self.store)
        return self._permits

    def reload_account(self) -> None:
        """The logged-in account or its role may have changed (login, unlock, user management)."""
        self._permits = None

    def _accounts_changed(self, changes: Changes) -> None:
        if changes.touches(Table.ACCOUNTS):
            self.reload_account()

    @property
    def is_hq(self) -> bool:
        return self.info.is_hq

    @property
    def community_id(self) -> str | None:
        """The community the pages work on: this office's, or the one HQ picked."""
        if self._community_id is None and not self.is_hq:
            self._community_id = self.info.community_id
        return self._community_id

    def set_community(self, community_id: str | None) -> None:
        if community_id != self._community_id:
            self._community_id = community_id
            self.community_changed.emit(community_id or "")

    def community_name(self, community: Any) -> str:
        """A CommunityInfo's name in the UI language."""
        return community.name(self.lang)

    def notify(self, *tables: Table) -> None:
        """Say that *tables* changed outside the runner (nothing given: anything may have)."""
        self.ops.changed.emit(Changes(frozenset(tables)) if tables else EVERYTHING)

    def _logs(self) -> Path | None:
        return self.store.folder.logs

    # -- errors and service calls: the operations layer (gui/ops) ----------------------------
    def show_error(self, parent: QWidget | None, exc: BaseException) -> None:
        """A user/environment error plainly; a bug logged and apologised for."""
        self.ops.show_error(parent, exc)

    def call(self, parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``ops.run``: call a service now; on failure show the error and return None."""
        return self.ops.run(parent, fn, *args, **kwargs)

    def run_in_background(self, parent: QWidget | None, title: str, fn: Callable[[Any], Any],
                          on_done: Callable[[Any], None] | None = None, *, cancellable: bool = False) -> QThread:
        """``ops.batch``: run ``fn(job)`` off the GUI thread with a progress dialog."""
        return self.ops.batch(parent, title, fn, on_done, cancellable=cancellable)
