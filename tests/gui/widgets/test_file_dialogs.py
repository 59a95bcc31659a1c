"""File dialogs start in Documents, then in the folder last used for the same purpose (kept in
the data folder's gui.ini), with Documents, home and USB sticks in the sidebar (issue 16,
problem 8: they opened in the app's own source folder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from reportlab.pdfgen import canvas

from strive_desktop.gui.pdf_preview import PdfPreview
from strive_desktop.gui.widgets import file_dialogs


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[QSettings]:
    s = QSettings(str(tmp_path / "data" / "gui.ini"), QSettings.Format.IniFormat)
    file_dialogs.use_settings(s)
    yield s
    file_dialogs.use_settings(None)


def test_first_documents_then_the_last_folder_of_the_same_purpose(settings, tmp_path):
    assert file_dialogs.last_folder("pdf") == file_dialogs.documents_folder() != Path.cwd()
    stick = tmp_path / "stick" / "reports"
    stick.mkdir(parents=True)
    file_dialogs.remember("pdf", stick / "sheet.pdf")
    assert file_dialogs.last_folder("pdf") == stick
    assert file_dialogs.last_folder("roster") == file_dialogs.documents_folder()  # another purpose
    settings.sync()
    again = QSettings(str(tmp_path / "data" / "gui.ini"), QSettings.Format.IniFormat)
    assert again.value("folders/pdf") == str(stick)  # kept for the next start
    stick.rmdir()  # the stick was pulled out: back to Documents
    assert file_dialogs.last_folder("pdf") == file_dialogs.documents_folder()


def test_the_pdf_preview_saves_where_the_last_pdf_went(qtbot, settings, tmp_path):
    pdf = tmp_path / "sheet.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawString(72, 720, "Катышуу барагы")
    c.save()
    out = tmp_path / "out"
    out.mkdir()
    file_dialogs.remember("pdf", out)
    win = PdfPreview(pdf, "Sheet", "attendance.pdf")
    qtbot.addWidget(win)
    seen: dict[str, object] = {}

    def answer(left: int = 200) -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, QFileDialog):
            seen["dir"] = Path(w.directory().absolutePath())
            seen["sidebar"] = [u.toLocalFile() for u in w.sidebarUrls()]
            seen["name"] = w.selectedFiles()[0] if w.selectedFiles() else ""
            w.selectFile(str(out / "attendance.pdf"))
            w.accept()
        elif left:
            QTimer.singleShot(10, lambda: answer(left - 1))

    QTimer.singleShot(0, answer)
    win.save_dialog()
    assert seen["dir"] == out
    assert str(file_dialogs.documents_folder()) in seen["sidebar"]  # type: ignore[operator]
    assert str(seen["name"]).endswith("attendance.pdf")
    assert (out / "attendance.pdf").read_bytes() == pdf.read_bytes()
    assert file_dialogs.last_folder("pdf") == out


# -- every dialog of the app goes through file_dialogs ------------------------------------------------

PACKAGE = Path(__file__).resolve().parents[3] / "strive_desktop"


def test_no_module_but_file_dialogs_opens_a_qt_file_dialog():
    own = PACKAGE / "gui" / "widgets" / "file_dialogs.py"
    users = sorted(str(p.relative_to(PACKAGE)) for p in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.ui")]
                   if p != own and "QFileDialog" in p.read_text(encoding="utf-8"))
    assert users == []  # they would open in the working folder and forget the USB stick
    assert "QFileDialog(" in own.read_text(encoding="utf-8")  # the test looks at the right folder


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No folder remembered from an earlier test of this run."""
    monkeypatch.setattr(file_dialogs, "_memory", {})
    file_dialogs.use_settings(None)
    yield
    file_dialogs.use_settings(None)


def test_the_next_dialog_of_a_kind_opens_where_the_last_went_after_a_restart(qtbot, fresh, ctx, tmp_path,
                                                                            monkeypatch):
    from strive_desktop.gui.dialogs.export_sheets import ExportDialog
    from strive_desktop.gui.dialogs.import_roster import ImportRosterDialog
    from strive_desktop.gui.main_window import MainWindow

    from ..conftest import choose_files  # type: ignore[import-not-found]

    root = ctx.store.folder.root
    stick = tmp_path / "stick" / "reports"
    stick.mkdir(parents=True)
    asked = choose_files(monkeypatch, stick / "people.xlsx")
    first = MainWindow(root, ctx)
    qtbot.addWidget(first, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    export = ExportDialog(ctx, first)
    export.choose_and_export()
    assert (stick / "people.xlsx").stat().st_size > 0
    docs = file_dialogs.documents_folder()
    assert asked[0]["folder"] == docs  # the first time: Documents
    assert docs != Path.cwd() and not docs.is_relative_to(PACKAGE.parent)  # not the app's own folder
    export.close()
    first.close()

    monkeypatch.setattr(file_dialogs, "_memory", {})  # a new start: only gui.ini remembers
    second = MainWindow(root, ctx)
    qtbot.addWidget(second, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    ExportDialog(ctx, second).choose_and_export()
    assert asked[1]["folder"] == stick  # where the last spreadsheet went
    asked = choose_files(monkeypatch)  # cancelled
    roster = ImportRosterDialog(ctx, second)
    qtbot.addWidget(roster)
    roster.choose_file()
    assert asked[0]["folder"] == docs  # another kind of file: still Documents
    assert roster.roster is None  # nothing read when cancelled


def test_usb_sticks_are_told_apart_from_other_volumes(tmp_path):
    media = tmp_path / "media"
    stick = media / "gulnara" / "KINGSTON"
    disk = tmp_path / "srv"
    assert file_dialogs.removable_drives([disk, media, stick], automount=[media], windows=False) == [stick]
    assert file_dialogs.removable_drives([Path("C:/"), Path("E:/"), Path("//server/share")],
                                         windows=True) == [Path("E:/")]
    assert Path("/") not in file_dialogs.mounted_roots()  # the system's own disk is not offered


def test_a_usb_stick_is_offered_and_the_package_lands_on_it(qtbot, fresh, linked, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from strive_desktop.gui.context import AppContext
    from strive_desktop.gui.pages.sync import SyncPage

    from ...conftest import person
    from ..conftest import choose_files  # type: ignore[import-not-found]

    media = tmp_path / "media"
    stick = media / "gulnara" / "KINGSTON"
    stick.mkdir(parents=True)
    monkeypatch.setattr(file_dialogs, "AUTOMOUNT_FOLDERS", (media,))  # a stick plugged in
    monkeypatch.setattr(file_dialogs, "mounted_roots", lambda: [tmp_path / "srv", stick])
    field, _hq = linked
    person(field, "Бермет Шамшиева")  # something new to send
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    page = SyncPage(AppContext(field, "en"))
    qtbot.addWidget(page)
    page.resize(1366, 705)
    page.show()
    asked = choose_files(monkeypatch, stick)
    page.export_to_folder()
    qtbot.waitUntil(lambda: ".strive: " in page.results.toPlainText() or bool(warned), timeout=30_000)
    assert not warned
    sidebar = asked[0]["sidebar"]
    assert isinstance(sidebar, list) and sidebar[-1] == stick and tmp_path / "srv" not in sidebar
    assert file_dialogs.documents_folder() in sidebar and Path.home() in sidebar
    assert asked[0]["title"] == "Export the package to (e.g. a USB stick)"
    assert list(stick.glob("*.strive"))
    asked = choose_files(monkeypatch)  # the return package, later: the dialog opens on the stick
    page.import_files()
    assert asked[0]["folder"] == stick
