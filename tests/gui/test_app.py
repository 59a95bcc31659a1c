"""Starting the app: first-start setup, a second copy refused, bugs logged and apologised for,
environment faults shown plainly, background work off the GUI thread."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from strive_desktop.errors import StorageError
from strive_desktop.gui.app import GuiApp
from strive_desktop.gui.context import AppContext, run_in_background
from strive_desktop.gui.setup_dialog import SetupDialog
from strive_desktop.services import installation
from strive_desktop.storage.db import open_store

ROOT = Path(__file__).resolve().parents[2]


class Boxes:
    """QMessageBox.warning / critical replaced by a recorder (the text is what a user would read)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.warnings: list[str] = []
        self.criticals: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning",
                            lambda _p, _t, text, *a, **k: self.warnings.append(text))
        monkeypatch.setattr(QMessageBox, "critical",
                            lambda _p, _t, text, *a, **k: self.criticals.append(text))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


@pytest.fixture
def gui_app(qtbot, data_dir):  # type: ignore[no-untyped-def]
    apps: list[GuiApp] = []

    def make(folder: Path = data_dir) -> GuiApp:
        g = GuiApp(folder, "en")
        qtbot.addWidget(g.window)
        apps.append(g)
        return g

    yield make
    for g in apps:
        g.window._closing_ok = True
        g.close()


def answer_setup(name: str, community: str | None, user: str, *, demo: bool = False) -> list[SetupDialog]:
    seen: list[SetupDialog] = []

    def poll(left: int = 300) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, SetupDialog):
            seen.append(w)
            if demo:
                w.ui.demoButton.click()
                return
            w.ui.name.setText(name)
            if community is None:
                w.ui.hqRadio.setChecked(True)
            else:
                w.ui.community.setCurrentIndex(w.ui.community.findText(community))
            w.ui.userName.setText(user)
            w.accept()
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen


def test_first_start_on_an_empty_folder_runs_the_setup_then_opens_the_pages(gui_app, data_dir):
    g = gui_app()
    seen = answer_setup("Kochkor office", "Kochkor", "Saltanat Chorgoeva")
    assert g.open()
    assert seen, "the setup dialog was not shown"
    info = installation.get_installation(g.store)
    assert (info.name, info.community_name, info.user_name, info.is_hq) == (
        "Kochkor office", "Kochkor", "Saltanat Chorgoeva", False)
    assert g.window.nav.count() >= 4
    assert g.window.windowTitle() == "STRIVE Desktop: Kochkor"


def test_cancelling_the_first_start_setup_opens_nothing(gui_app, data_dir):
    g = gui_app()

    def cancel(left: int = 300) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, SetupDialog):
            w.reject()
        elif left:
            QTimer.singleShot(10, lambda: cancel(left - 1))

    QTimer.singleShot(0, cancel)
    assert not g.open()
    assert g.ctx is None


def test_demo_data_from_the_first_start_runs_in_the_background(qtbot, gui_app, data_dir):
    g = gui_app()
    seen = answer_setup("", None, "", demo=True)
    assert g.open()
    assert seen and seen[0].demo_filled
    assert g.ctx is not None and g.ctx.is_hq
    assert len(installation.list_communities(g.store)) == 9
    from strive_desktop.services import rosters

    assert len(rosters.list_groups(g.store)) == 9


def test_a_second_copy_on_the_same_folder_gets_a_plain_message(gui_app, store, boxes):
    g = gui_app(store.folder.root)  # `store` holds the folder, like a running app
    assert not g.open()
    assert len(boxes.warnings) == 1
    assert "already running" in boxes.warnings[0]
    assert str(store.folder.root) in boxes.warnings[0]
    assert not boxes.criticals


def test_a_database_from_a_newer_version_is_refused_plainly(gui_app, data_dir, boxes):
    st = open_store(data_dir)
    installation.init_installation(st, name="Nookat office", community="Nookat")
    st.close()
    from strive_desktop.storage import cipher

    con = cipher.connect(data_dir / "strive.sqlite3", st.key)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    before = (data_dir / "strive.sqlite3").read_bytes()
    g = gui_app()
    assert not g.open()
    assert "newer version" in boxes.warnings[0]
    assert (data_dir / "strive.sqlite3").read_bytes() == before


def test_a_bug_is_logged_and_apologised_for_naming_the_log(qtbot, ctx, boxes):
    try:
        raise ZeroDivisionError("the bug")
    except ZeroDivisionError as exc:
        ctx.show_error(None, exc)
    assert len(boxes.criticals) == 1
    log = ctx.store.folder.logs / "strive.log"
    assert str(log) in boxes.criticals[0]
    assert "Sorry" in boxes.criticals[0]
    text = log.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in text and "Traceback" in text
    assert "ZeroDivisionError: the bug" not in text  # its message may hold personal data: never logged


def test_an_environment_fault_is_shown_plainly_without_a_log_entry(qtbot, ctx, boxes):
    ctx.show_error(None, StorageError("The disk is full. Free some space; nothing that was saved "
                                      "before was lost."))
    assert boxes.warnings == ["The disk is full. Free some space; nothing that was saved before was lost."]
    assert not boxes.criticals
    log = ctx.store.folder.logs / "strive.log"
    assert not log.exists() or "Traceback" not in log.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_hook_and_becomes_an_apology(qtbot, gui_app, store, boxes,
                                                                          monkeypatch):
    store.close()  # free the folder for the app
    g = gui_app(store.folder.root)
    assert g.open()
    monkeypatch.setattr(sys, "excepthook", g.excepthook)  # what run_gui installs

    def broken_slot() -> None:
        raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(boxes.criticals), timeout=3000)
    log = g.store.folder.logs / "strive.log"
    assert str(log) in boxes.criticals[0]
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError (message withheld" in text and "a bug in a slot\")" in text  # the code line, not the message


def test_background_work_runs_off_the_gui_thread_and_reports_back_on_it(qtbot, ctx):
    where: dict[str, object] = {}
    main = threading.get_ident()

    def work(worker) -> int:  # type: ignore[no-untyped-def]
        where["work"] = threading.get_ident()
        worker.progress.emit(1, 2)
        return 42

    def done(result: int) -> None:
        where["done"] = threading.get_ident()
        where["result"] = result

    thread = ctx.run_in_background(None, "Working…", work, done)
    assert isinstance(thread, QThread)
    qtbot.waitUntil(lambda: "result" in where, timeout=5000)
    assert where["work"] != main
    assert where["done"] == main
    assert where["result"] == 42


def test_a_failing_background_job_is_reported_on_the_gui_thread(qtbot, ctx, boxes):
    errors: list[tuple[str, bool]] = []

    def fail(_worker) -> None:  # type: ignore[no-untyped-def]
        raise StorageError("The data folder is read-only. Nothing could be saved.")

    run_in_background(None, "Working…", fail, None,
                      lambda exc: errors.append((str(exc), QThread.currentThread() is QApplication
                                                 .instance().thread())))
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == [("The data folder is read-only. Nothing could be saved.", True)]
    AppContext.run_in_background(ctx, None, "Working…", fail)
    qtbot.waitUntil(lambda: bool(boxes.warnings), timeout=5000)
    assert "read-only" in boxes.warnings[0]


def test_main_py_without_a_display_library_problem_starts_and_a_locked_folder_exits_nonzero(store):
    """`python main.py` on a folder another app holds: a plain message, exit status 1."""
    code = ("import sys\n"
            "from PySide6.QtWidgets import QMessageBox\n"
            "QMessageBox.warning = staticmethod(lambda p, t, text, *a: print('MSG', text))\n"
            "from strive_desktop.cli import main\n"
            f"sys.exit(main(['--data-dir', {str(store.folder.root)!r}]))\n")
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(store.folder.root)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 1, out.stderr
    assert "MSG STRIVE Desktop is already running" in out.stdout
    assert "Traceback" not in out.stderr


def test_a_folder_without_a_user_name_asks_for_it_once(gui_app, data_dir, monkeypatch):
    st = open_store(data_dir)
    installation.init_installation(st, name="Nookat office", community="Nookat")
    st.close()
    asked: list[str] = []

    def get_text(_parent, title, _label, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(title)
        return "  Гүлнара   Өмүрова ", True

    monkeypatch.setattr("strive_desktop.gui.setup_dialog.QInputDialog.getText", get_text)
    g = gui_app()
    assert g.open()
    assert asked == ["Your name"]
    assert installation.get_installation(g.store).user_name == "Гүлнара Өмүрова"
