"""GUI fixtures: an AppContext and a main window on a real data folder (offscreen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.storage.db import Store


@pytest.fixture
def ctx(qtbot, store: Store) -> AppContext:
    """The context of a Nookat field office window, English UI."""
    return AppContext(store, "en")


@pytest.fixture
def hq_ctx(qtbot, hq_store: Store) -> AppContext:
    return AppContext(hq_store, "en")


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx.store.folder.root, ctx)
    # pytest-qt closes the window before this fixture's teardown: a test that leaves unsaved
    # edits must not hang on the "save changes?" question then.
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    return win


def on_modal(cls: type[QWidget], action: Callable[[QWidget], None], tries: int = 300) -> list[QWidget]:
    """Run *action* on the next modal dialog of type *cls* once its exec() loop is running."""
    seen: list[QWidget] = []

    def poll(left: int = tries) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, cls) and w not in seen:
            seen.append(w)
            action(w)
        elif left > 0:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen


def choose_files(monkeypatch: pytest.MonkeyPatch, *paths: object) -> list[dict[str, object]]:
    """Answer every file dialog (gui/widgets/file_dialogs.py) with *paths*, as a user choosing them
    and clicking Open/Save; no paths: Cancel. Returns what each dialog showed when it opened:
    "folder" (a Path), "sidebar" (a list of Paths), "title"."""
    asked: list[dict[str, object]] = []

    def answer(dlg: QFileDialog) -> int:
        asked.append({"folder": Path(dlg.directory().absolutePath()), "title": dlg.windowTitle(),
                      "sidebar": [Path(u.toLocalFile()) for u in dlg.sidebarUrls()]})
        return (QDialog.DialogCode.Accepted if paths else QDialog.DialogCode.Rejected).value

    monkeypatch.setattr(QFileDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda dlg: [str(p) for p in paths])
    return asked


def flush_deletes() -> None:
    """Let widgets scheduled with deleteLater() go, as the event loop would."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()
