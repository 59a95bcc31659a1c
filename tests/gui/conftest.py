"""GUI fixtures: an AppContext and a main window on a real data folder (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
def window(qtbot, ctx: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(ctx.store.folder.root, ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win._closing_ok = True
