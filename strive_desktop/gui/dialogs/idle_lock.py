"""The idle lock: after some minutes without input (Settings, 15 by default) every window of
the app is covered, and only the logged-in account's password uncovers it.

Nothing is closed or reset: each visible window (the main window and any dialog open on it)
gets an opaque cover as its topmost child, so a half-typed form is exactly as it was after
unlocking. The password field sits on the cover of the window that takes input (an open
modal dialog, else the main window); keys and shortcuts aimed at anything else are swallowed
while locked. The password is checked off the GUI thread (the key derivation takes a moment).
A data folder without accounts (nobody logged in) is never locked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services import accounts
from .. import theme

if TYPE_CHECKING:
    from ..context import AppContext

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                    QEvent.Type.Wheel, QEvent.Type.TouchBegin})
_SWALLOW = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
                      QEvent.Type.Shortcut, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                      QEvent.Type.Wheel})


class LockCover(QFrame):
    """The opaque cover of one window; the one with ``prompt`` asks for the password."""

    def __init__(self, lock: IdleLock, window: QWidget, prompt: bool) -> None:
        super().__init__(window)
        self.lock = lock
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setStyleSheet(theme.LOCK_COVER_STYLE)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.title = QLabel(self.tr("STRIVE Desktop is locked"), self)
        self.title.setStyleSheet(theme.TITLE_STYLE)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.title)
        self.password: QLineEdit | None = None
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        if prompt:
            who = QLabel(self.tr("Enter the password of {name} to go on. Nothing you typed is lost.")
                         .format(name=lock.ctx.store.account), self)
            who.setAlignment(Qt.AlignmentFlag.AlignCenter)
            who.setWordWrap(True)
            outer.addWidget(who)
            row = QHBoxLayout()
            row.addStretch(1)
            self.password = QLineEdit(self)
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            self.password.setMinimumWidth(240)
            self.password.setPlaceholderText(self.tr("Password"))
            self.password.returnPressed.connect(lock.try_unlock)
            self.unlock_button = QPushButton(self.tr("&Unlock"), self)
            self.unlock_button.clicked.connect(lock.try_unlock)
            row.addWidget(self.password)
            row.addWidget(self.unlock_button)
            row.addStretch(1)
            outer.addLayout(row)
            self.message.setStyleSheet(theme.ERROR_STYLE)
        outer.addWidget(self.message)
        outer.addStretch(2)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        return False


class IdleLock(QObject):
    """Watches the application's input; see the module's note. ``lock()`` and ``unlock()``
    are public so that the window's menu (and the tests) can lock at once."""

    def __init__(self, ctx: AppContext, main: QWidget) -> None:
        super().__init__(main)
        self.ctx, self.main = ctx, main
        self.covers: list[LockCover] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self._checking = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        main.destroyed.connect(lambda *_: app.removeEventFilter(self))
        self.restart()

    # -- the clock --------------------------------------------------------------------------------
    def enabled(self) -> bool:
        store = self.ctx.store
        return store is not None and bool(store.account)

    def restart(self) -> None:
        """Start counting again (after input, after the setting changed)."""
        if not self.enabled():
            self.timer.stop()
            return
        self.timer.start(accounts.idle_lock_minutes(self.ctx.store) * 60_000)

    @property
    def locked(self) -> bool:
        return bool(self.covers)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if self.covers:
            if kind in _SWALLOW and not self._inside_cover(watched):
                return True
            return False
        if kind in _INPUT and self.timer.isActive():
            self.timer.start()  # same interval, counted again from now
        return False

    def _inside_cover(self, obj: QObject) -> bool:
        node: Any = obj
        while node is not None:
            if isinstance(node, LockCover):
                return True
            node = node.parent() if isinstance(node, QObject) else None
        return False

    # -- locking ---------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.covers or not self.enabled():
            return
        self.timer.stop()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        front = app.activeModalWidget() or self.main
        windows = [w for w in app.topLevelWidgets() if w.isVisible() and not w.isHidden()
                   and w.isWindow() and w.windowType() != Qt.WindowType.ToolTip
                   and w.windowType() != Qt.WindowType.Popup]
        if front not in windows:
            windows.append(front)
        for w in windows:
            self.covers.append(LockCover(self, w, prompt=w is front))
        box = self.prompt_cover()
        if box is not None and box.password is not None:
            box.password.setFocus()

    def prompt_cover(self) -> LockCover | None:
        return next((c for c in self.covers if c.password is not None), None)

    def try_unlock(self) -> None:
        box = self.prompt_cover()
        if box is None or box.password is None or self._checking:
            return
        password = box.password.text()
        self._checking = True
        box.message.setText(self.tr("Checking…"))

        def done(_result: object) -> None:
            self._checking = False
            self.ctx.reload_account()  # the account is read again, once, after the unlock
            self.unlock()

        def failed(exc: BaseException) -> None:
            from ...errors import UserError
            from ..context import user_text

            self._checking = False
            if isinstance(exc, UserError):
                box.message.setText(user_text(exc))
                assert box.password is not None
                box.password.selectAll()
                box.password.setFocus()
            else:
                self.ctx.show_error(box, exc)

        self.ctx.ops.batch(box, self.tr("Checking the password…"),
                           lambda _job: accounts.check_password(self.ctx.store, password), done,
                           on_error=failed)

    def unlock(self) -> None:
        for cover in self.covers:
            parent = cover.parentWidget()
            if parent is not None:
                parent.removeEventFilter(cover)
            cover.hide()
            cover.deleteLater()
        self.covers = []
        self.restart()
