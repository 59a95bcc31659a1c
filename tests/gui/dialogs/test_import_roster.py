"""The import and export dialogs, driven as a user would, on a real data folder."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.dialogs.export_sheets import ExportDialog
from strive_desktop.gui.dialogs.import_roster import ImportRosterDialog
from strive_desktop.services import rosters
from strive_desktop.services.rosters import PersonInput
from strive_desktop.services.sheets import roster_import as ri

from ...conftest import NOOKAT  # type: ignore[import-not-found]
from ..conftest import on_modal  # type: ignore[import-not-found]


def _sheet(path):  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Аты-жөнү", "Жынысы", "Туулган жылы", "Белги"])
    ws.append(["Асанова Гүлнара", "аял", 1985, "x"])
    ws.append(["Бекова Айдай", "аял", 1990, "y"])
    ws.append(["Жок", "?", "эч качан", "z"])
    wb.save(path)
    return path


def _names(store, gid):  # type: ignore[no-untyped-def]
    return sorted(m.full_name for m in rosters.list_members(store, gid))


def test_import_dialog_guesses_columns_shows_errors_and_matches_and_imports(qtbot, ctx, store, tmp_path):
    gid = rosters.create_group(store, NOOKAT, "Жаштар")
    known = rosters.add_person(store, PersonInput("Асанова Гүлнара", "f", "women", NOOKAT, birth_year=1985)).person_id
    dlg = ImportRosterDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.load(_sheet(tmp_path / "тизме.xlsx"))
    assert [dlg.field_combo(i).currentData() for i in range(4)] == ["full_name", "sex", "birth_year", ri.IGNORE]
    dlg.field_combo(3).setCurrentIndex(dlg.field_combo(3).findData("notes"))
    assert dlg.rows.rowCount() == 3
    assert "Not imported" in dlg.rows.item(2, 2).text() and "Sex" in dlg.rows.item(2, 2).text()
    combo = dlg.decision_combo(2)
    assert combo is not None and combo.currentData() == known and "Асанова Гүлнара" in combo.currentText()
    assert "add 1 new people, add 1 people already stored" in dlg.summary.text()
    assert _names(store, gid) == []  # the preview saved nothing
    dlg.import_button.click()
    assert _names(store, gid) == ["Асанова Гүлнара", "Бекова Айдай"]
    assert "Imported: 1 new people" in dlg.summary.text()
    dlg.resize(1366, 768)
    dlg.grab().save(str(tmp_path / "import.png"))

    on_modal(QMessageBox, lambda box: next(b for b in box.buttons() if "Take" in b.text()).click())
    dlg.undo_button.click()
    assert _names(store, gid) == []
    assert "taken back" in dlg.summary.text()
    assert rosters.get_person(store, known).full_name == "Асанова Гүлнара"  # stored before: stays


def test_import_dialog_a_file_that_is_not_a_spreadsheet(qtbot, ctx, store, tmp_path):
    rosters.create_group(store, NOOKAT, "Жаштар")
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"\xff\xd8\xff not a workbook")
    dlg = ImportRosterDialog(ctx)
    qtbot.addWidget(dlg)
    texts: list[str] = []
    on_modal(QMessageBox, lambda box: (texts.append(box.text()), box.accept()))
    assert not dlg.load(bad)
    assert texts and "not a spreadsheet" in texts[0]
    assert not dlg.import_button.isEnabled()


def test_export_dialog_writes_the_chosen_list(qtbot, ctx, store, tmp_path):
    rosters.add_person(store, PersonInput("=cmd Асанов", "m", "youth", NOOKAT, birth_year=1980))
    dlg = ExportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("xlsx"))
    assert dlg.export_to(tmp_path / "p.xlsx") == 1
    ws = openpyxl.load_workbook(tmp_path / "p.xlsx").active
    assert ws["A2"].value == "=cmd Асанов" and ws["A2"].data_type == "s"
    assert "1 row written to" in dlg.status.text()


def test_data_menu_in_the_main_window(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Data" in titles
    assert window.import_roster_action.text() == "&Import roster…"


def test_donor_workbook_from_the_data_menu_options(qtbot, hq_ctx, tmp_path):
    from strive_desktop.gui.dialogs.export_sheets import donor_workbook_dialog, save_donor_workbook
    from strive_desktop.gui.printing import SummaryOptions

    assert save_donor_workbook(hq_ctx, None, tmp_path / "d.xlsx", {"community_id": None}) == 0
    assert "Participants" in openpyxl.load_workbook(tmp_path / "d.xlsx").sheetnames
    seen: list[str] = []

    def look(dlg):  # type: ignore[no-untyped-def]
        seen.append(dlg.windowTitle())
        assert dlg.language.isHidden()
        dlg.reject()

    on_modal(SummaryOptions, look)
    donor_workbook_dialog(hq_ctx)
    assert seen == ["Donor indicator workbook"]


def test_attendance_dialog_previews_then_saves_with_walk_ins(qtbot, ctx, store, tmp_path):
    import datetime as dt

    from strive_desktop.gui.dialogs.import_attendance import ImportAttendanceDialog
    from strive_desktop.services import trainings

    gid = rosters.create_group(store, NOOKAT, "Жаштар")
    rosters.add_person(store, PersonInput("Асанова Гүлнара", "f", "women", NOOKAT, birth_year=1985), group_id=gid)
    rosters.add_person(store, PersonInput("Осмонов Нурлан", "m", "youth", NOOKAT, birth_year=1980))
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Негиздер",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0), trainings.SessionInput(dt.date(2026, 3, 11), 4.0)]))
    f = tmp_path / "att.csv"
    f.write_text("ФИО;1;2\nАсанова Гүлнара;+;+\nОсмонов Нурлан;+;\nБелгисиз;+;+\n", encoding="utf-8")
    dlg = ImportAttendanceDialog(ctx, training_id=tid)
    qtbot.addWidget(dlg)
    assert dlg.load(f)
    texts = [dlg.table.item(i, 2).text() for i in range(3)]
    assert texts[0] == "Marks: ✓ ✓" and "walk-in" in texts[1] and "not stored" in texts[2]
    dlg.resize(1366, 768)
    dlg.grab().save(str(tmp_path / "attendance.png"))
    dlg.import_button.click()
    assert "Saved: 4 marks, 1 walk-ins added, 1 rows left out." == dlg.summary.text()
    sheet = trainings.attendance_sheet(store, tid)
    assert {p.full_name: sum(p.present.values()) for p in sheet.participants} == {
        "Асанова Гүлнара": 2, "Осмонов Нурлан": 1}
