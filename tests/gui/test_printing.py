"""Printing in the GUI: preview window, print and save, the certificate batch dialog, settings."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QGroupBox, QMessageBox

from strive_desktop.gui import printing
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.certificates import CertificatesDialog, print_certificates
from strive_desktop.gui.i18n import install_translations
from strive_desktop.gui.pdf_preview import PdfPreview
from strive_desktop.gui.printing import SummaryOptions
from strive_desktop.gui.widgets.certificate_settings import CertificateSettingsWidget
from strive_desktop.pdf import documents
from strive_desktop.services import (
    certificates,
    plans,
    rosters,
    trainings,
)
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
PEOPLE = [("Өмүрбек Түлөгөнов", "m", 2), ("Айнура Ңу", "f", 2), ("Гүлзат Үсөнова", "f", 1)]


@pytest.fixture
def ctx(qtbot, store) -> AppContext:
    return AppContext(store, "en")


@pytest.fixture
def training(store) -> str:
    gid = rosters.create_group(store, NOOKAT, "Топ")
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо", venue="Ноокат",
        trainers="Икбалжан Мирсайитов",
        sessions=[trainings.SessionInput(dt.date(2026, 5, 4), 4), trainings.SessionInput(dt.date(2026, 5, 5), 4)]))
    sessions = trainings.get_training(store, tid).sessions
    for name, sex, n in PEOPLE:
        pid = rosters.add_person(store, rosters.PersonInput(full_name=name, sex=sex, sector="youth",
                                                            community_id=NOOKAT, birth_year=1990),
                                 group_id=gid, allow_duplicate=True).person_id
        for i, sess in enumerate(sessions):
            trainings.record_attendance(store, sess.id, pid, i < n)
    return tid


def _previews() -> list[PdfPreview]:
    return [w for w in printing._open if isinstance(w, PdfPreview)]


@pytest.fixture(autouse=True)
def close_previews():
    yield
    for w in list(printing._open):
        w.close()


def test_preview_opens_with_the_document_and_prints_and_saves(qtbot, store, training, tmp_path):
    path = documents.attendance_sheet_pdf(store, training, tmp_path / "sheet.pdf", blank_rows=40)
    pages = len(PdfReader(str(path)).pages)
    assert pages == 2
    win = PdfPreview(path, "Attendance sheet")
    qtbot.addWidget(win)
    win.show()
    assert win.page_count == pages
    assert win.page_label.text() == f"Page 1 of {pages}"
    # print to a PDF "printer": every page goes out
    printer = win.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(72)
    assert win.print_to(printer) == pages
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == pages
    # Save as adds the .pdf the user forgot
    assert win.save_to(tmp_path / "copy")
    assert (tmp_path / "copy.pdf").read_bytes() == path.read_bytes()


def test_print_attendance_sheet_builds_in_background_and_opens_preview(qtbot, ctx, training):
    printing.print_attendance_sheet(ctx, None, training)
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=20000)
    win = _previews()[0]
    assert win.page_count == 1
    assert "Жаңжалдарды талдоо" in PdfReader(str(win.path)).pages[0].extract_text()


def test_print_plan_and_summary_open_previews(qtbot, ctx, store):
    pid = plans.create_plan(store, NOOKAT, plans.PlanDraft(
        "Ноокат планы", objectives="Максат", activities=[plans.ActivityInput("Иш-чара", budget_project=1000)]))
    printing.print_plan(ctx, None, pid)
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=20000)
    assert _previews()[0].page_count == 3  # title page, sections, activities on a landscape page
    # the dashboard calls print_summary(parent, ctx)
    printing.print_summary(None, ctx, values=dict(date_from=None, date_to=None, community_id=None, lang="ky"))
    qtbot.waitUntil(lambda: len(_previews()) == 2, timeout=20000)
    text = " ".join(PdfReader(str(_previews()[1].path)).pages[0].extract_text().split())
    assert "Донорлор үчүн программа боюнча жыйынтык" in text


def test_summary_options_dialog_gives_the_period_and_community(qtbot, ctx):
    dialog = printing.SummaryOptions(ctx)
    qtbot.addWidget(dialog)
    assert dialog.values()["community_id"] == NOOKAT  # the office's own community first
    dialog.all_dates.setChecked(False)
    dialog.date_from.setDate(dialog.date_from.date().fromString("01.01.2026", "dd.MM.yyyy"))
    v = dialog.values()
    assert v["date_from"] == dt.date(2026, 1, 1) and v["date_to"] == dt.date.today()
    assert dialog.date_from.isEnabled()


def test_batch_dialog_lists_who_is_in_and_who_is_out_and_why(qtbot, ctx, training):
    dialog = CertificatesDialog(ctx, training)
    qtbot.addWidget(dialog)
    assert sorted(dialog.included_rows()) == ["Айнура Ңу", "Өмүрбек Түлөгөнов"]
    (out,) = dialog.excluded_rows()
    assert out[0] == "Гүлзат Үсөнова"
    assert out[1] == "Attended 4 of 8 hours (50%); the rule asks for 6.4 hours (80%)."
    assert "2 of 3 participants get a certificate; 1 do not." == dialog.counts.text()
    assert "at least 80% of the hours" in dialog.heading.text()


def test_batch_dialog_creates_the_pdf_for_the_ticked_people_and_revokes(qtbot, ctx, store, training):
    dialog = CertificatesDialog(ctx, training)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    # leave Айнура out of this print run
    for r in range(dialog.table.rowCount()):
        if dialog.table.item(r, 0).text() == "Айнура Ңу":
            dialog.table.item(r, 0).setCheckState(Qt.CheckState.Unchecked)
    assert len(dialog.chosen_person_ids()) == 1
    dialog.create()
    # No signer and no logo set: it asks first, and prints only when told to.
    assert "no signature lines and no logos" in dialog.missing_box.text()
    assert _previews() == []
    qtbot.mouseClick(dialog.print_anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=20000)
    text = PdfReader(str(_previews()[0].path)).pages[0].extract_text()
    assert "Өмүрбек Түлөгөнов" in text and "Настоящий сертификат выдан" in text
    (rec,) = certificates.list_certificates(store, training)
    qtbot.waitUntil(lambda: rec.serial in [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())])
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 3).text() == rec.serial)
    dialog.table.selectRow(row)
    assert dialog.revoke_button.isEnabled()
    assert dialog.revoke_selected("Name misspelt")
    # revoked (e.g. a misspelt name): not left out, offered again for a certificate with a new number
    assert "Өмүрбек Түлөгөнов" not in [name for name, _reason in dialog.excluded_rows()]
    assert rec.serial not in [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    # the next batch offers the language chosen this time
    again = CertificatesDialog(ctx, training)
    qtbot.addWidget(again)
    assert again.language.currentData() == "ru"


def test_batch_dialog_one_pdf_per_person_into_a_folder(qtbot, ctx, store, training, tmp_path):
    dialog = CertificatesDialog(ctx, training)
    qtbot.addWidget(dialog)
    dialog.per_person.setChecked(True)
    dialog.folder.setText(str(tmp_path / "certs"))
    dialog.create(confirmed=True)
    qtbot.waitUntil(lambda: dialog.last_written is not None, timeout=20000)
    assert len(list((tmp_path / "certs").glob("*.pdf"))) == 2
    assert _previews() == []


def test_printing_with_signers_but_no_logo_asks_and_cancel_prints_nothing(qtbot, ctx, store, training):
    certificates.save_certificate_settings(store, certificates.CertificateSettings(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы"), certificates.Signatory())))
    dialog = CertificatesDialog(ctx, training)
    qtbot.addWidget(dialog)
    dialog.create()
    assert "no logos" in dialog.missing_box.text() and "signature" not in dialog.missing_box.text()
    dialog.missing_box.reject()
    qtbot.wait(200)
    assert _previews() == [] and certificates.list_certificates(store, training) == []


def test_certificate_settings_save_and_show_on_the_settings_page(qtbot, ctx, store, tmp_path):
    w = CertificateSettingsWidget(ctx)
    qtbot.addWidget(w)
    w.names[0].setText("Өмүрбек  Түлөгөнов ")
    w.titles[0].setText("Айыл өкмөтүнүн башчысы")
    assert w.save()
    cfg = certificates.get_certificate_settings(store)
    assert cfg.signatories[0] == certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы")
    from PIL import Image

    Image.new("RGB", (120, 60), (200, 30, 30)).save(tmp_path / "logo.png")
    assert w.logo_right.import_file(tmp_path / "logo.png")
    assert certificates.logo_path(store, certificates.get_certificate_settings(store).logo_right) is not None
    (tmp_path / "bad.png").write_text("x")
    from PySide6.QtWidgets import QMessageBox

    shown = []
    orig = QMessageBox.warning
    QMessageBox.warning = staticmethod(lambda *a, **k: shown.append(a[2]))  # type: ignore[method-assign]
    try:
        assert not w.logo_left.import_file(tmp_path / "bad.png")
    finally:
        QMessageBox.warning = orig  # type: ignore[method-assign]
    assert shown and "not an image" in shown[0]

    from strive_desktop.gui.pages.settings import SettingsPage

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.certificate_scroll)  # built when the tab is first shown
    titles = [b.title() for b in page.findChildren(QGroupBox)]
    assert "Certificates" in titles
    widget = page.findChild(CertificateSettingsWidget)
    assert widget.names[0].text() == "Өмүрбек Түлөгөнов"


def test_print_certificates_opens_the_batch_dialog(qtbot, ctx, training):
    dialog = print_certificates(ctx, None, training)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CertificatesDialog) and dialog.isVisible()
    assert len(dialog.included_rows()) == 2


def test_dashboard_donor_summary_button_opens_the_preview(qtbot, ctx, training, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from strive_desktop.gui.pages.dashboard import DashboardPage

    monkeypatch.setattr(printing.SummaryOptions, "exec", lambda self: QDialog.DialogCode.Accepted)
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    assert page.summary_button is not None
    page.summary_button.click()
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=20000)
    text = " ".join(PdfReader(str(_previews()[0].path)).pages[0].extract_text().split())
    assert "Programme summary for donors" in text and "Nookat" in text


def test_pdf_save_error_names_a_plain_reason(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfgen import canvas

    from strive_desktop.gui.pdf_preview import PdfPreview

    pdf = tmp_path / "sheet.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawString(72, 720, "Attendance")
    c.save()
    w = PdfPreview(pdf, "Sheet")
    qtbot.addWidget(w)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert w.save_to(tmp_path / "stick-removed" / "sheet.pdf") is False
    assert warned and "the file or folder does not exist" in warned[0]
    assert "No such file" not in warned[0]


ROOT = Path(__file__).resolve().parents[2]
LATIN = re.compile(r"[A-Za-z]")
WINDOWS_REFUSES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
PRINTING_TEXTS = ("Certificates", "Attendance sheet", "Donor summary", "Preparing the certificates…",
                  "Preparing the attendance sheet…", "Preparing the plan…", "Preparing the donor summary…")


@pytest.fixture
def printed_training(store) -> str:
    gid = rosters.create_group(store, NOOKAT, "Топ")
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 5, 4), 4), trainings.SessionInput(dt.date(2026, 5, 5), 4)]))
    sessions = trainings.get_training(store, tid).sessions
    for name, sex in (("Өмүрбек Түлөгөнов", "m"), ("Айнура Ңу", "f")):
        pid = rosters.add_person(store, rosters.PersonInput(full_name=name, sex=sex, sector="youth",
                                                            community_id=NOOKAT, birth_year=1990),
                                 group_id=gid, allow_duplicate=True).person_id
        for sess in sessions:
            trainings.record_attendance(store, sess.id, pid, True)
    return tid


def _translated(lang: str) -> bool:
    """Whether strive_<lang>.ts has the printing texts translated (the lead fills new strings)."""
    root = ET.parse(ROOT / "resources" / "translations" / f"strive_{lang}.ts").getroot()
    done = {m.findtext("source") for c in root.iter("context") if c.findtext("name") == "printing"
            for m in c.iter("message") if (m.findtext("translation") or "").strip()
            and m.find("translation").get("type") != "unfinished"}
    return all(text in done for text in PRINTING_TEXTS)


@pytest.fixture
def russian(qapp) -> Iterator[None]:
    if not _translated("ru"):
        pytest.skip("the printing texts are not translated in strive_ru.ts yet")
    assert install_translations(qapp, "ru")
    yield
    install_translations(qapp, "en")


def _record_progress(ctx: AppContext) -> list[str]:
    shown: list[str] = []
    run = ctx.run_in_background

    def recording(parent, title, *args, **kwargs):  # type: ignore[no-untyped-def]
        shown.append(title)
        return run(parent, title, *args, **kwargs)

    ctx.run_in_background = recording  # type: ignore[method-assign]
    return shown


def test_lupdate_collects_the_printing_texts(tmp_path):
    """The texts reach the translators: lupdate sees them in strive_desktop/gui/printing.py."""
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    lupdate = str(exe) if exe.exists() else shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / "printing.ts"
    subprocess.run([lupdate, "-locations", "none", str(ROOT / "strive_desktop" / "gui" / "printing.py"),
                    "-ts", str(ts)], check=True, capture_output=True, timeout=120)
    root = ET.parse(ts).getroot()
    found = {m.findtext("source") for c in root.iter("context") if c.findtext("name") == "printing"
             for m in c.iter("message")}
    assert set(PRINTING_TEXTS) <= found


def test_file_names_offered_are_valid_on_windows():
    name = printing.file_name("Сертификаттар", 'Ноокат: "жаштар" / 2026?')
    assert not WINDOWS_REFUSES.search(name)
    assert name == "Сертификаттар_Ноокат жаштар 2026"
    assert printing.file_name("Отчёт для доноров", "", "2026-11-26") == "Отчёт для доноров_2026-11-26"


def test_russian_previews_progress_and_file_names(qtbot, store, printed_training, russian):
    ctx = AppContext(store, "ru")
    progress = _record_progress(ctx)
    printing.print_attendance_sheet(ctx, None, printed_training)
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=20000)
    printing.build_certificates(ctx, None, printed_training, lang="ru", person_ids=None, per_person_dir=None)
    qtbot.waitUntil(lambda: len(_previews()) == 2, timeout=20000)
    printing.print_summary(ctx, None, values=dict(date_from=None, date_to=None, community_id=None, lang="ru"))
    qtbot.waitUntil(lambda: len(_previews()) == 3, timeout=20000)
    pid = plans.create_plan(store, NOOKAT, plans.PlanDraft("План Нооката", objectives="Цель"))
    printing.print_plan(ctx, None, pid)
    qtbot.waitUntil(lambda: len(_previews()) == 4, timeout=20000)

    for win in _previews():
        assert not LATIN.search(win.windowTitle()), win.windowTitle()
        stem = win.suggested_name.removesuffix(".pdf")
        assert win.suggested_name.endswith(".pdf") and not LATIN.search(stem), win.suggested_name
        assert not WINDOWS_REFUSES.search(win.suggested_name)
    sheet, certs, summary, plan = _previews()
    assert "Жаңжалдарды талдоо" in sheet.windowTitle() or "Жаңжалдарды талдоо" in sheet.suggested_name
    assert "Жаңжалдарды талдоо" in certs.suggested_name
    assert "План Нооката" in plan.windowTitle() and plan.suggested_name == "План Нооката.pdf"
    assert dt.date.today().isoformat() in summary.suggested_name
    assert len(progress) == 4 and not any(LATIN.search(p) for p in progress), progress


def test_english_names_stay_english(qtbot, ctx, printed_training):
    printing.print_attendance_sheet(ctx, None, printed_training)
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=20000)
    win = _previews()[0]
    assert win.windowTitle() == "Attendance sheet — preview"
    assert win.suggested_name == "Attendance sheet_Жаңжалдарды талдоо.pdf"


def test_no_signer_hint_and_the_button_to_settings(qtbot, window, printed_training):
    page = window.show_page("trainings")
    page.wait_for_list()  # the first opening reads on the window's worker
    dialog = CertificatesDialog(window.ctx, printed_training, page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.signer_hint.isVisible()
    assert dialog.signer_hint_label.text().startswith("No signer is set: the certificates will have no "
                                                      "signature lines.")
    assert dialog.settings_button.isVisible()
    dialog.settings_button.click()
    assert not dialog.isVisible()
    assert window.page_key() == "settings"
    signers = window.current_page().findChild(CertificateSettingsWidget)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is signers.names[0], timeout=3000)
    assert signers.names[0].visibleRegion().boundingRect().height() > 0  # scrolled into sight


def test_no_hint_once_a_signer_is_set(qtbot, ctx, store, printed_training):
    cfg = certificates.get_certificate_settings(store)
    certificates.save_certificate_settings(store, cfg.__class__(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы"), certificates.Signatory()),
        cfg.logo_left, cfg.logo_right, cfg.issuer))
    dialog = CertificatesDialog(ctx, printed_training)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.signer_hint.isVisible()


def test_hint_without_a_main_window_has_no_button(qtbot, ctx, printed_training):
    dialog = CertificatesDialog(ctx, printed_training)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.signer_hint.isVisible() and not dialog.settings_button.isVisible()


def test_a_reversed_period_keeps_the_dialog_open_with_the_input(qtbot, hq_ctx):
    dlg = SummaryOptions(hq_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.all_dates.setChecked(False)
    dlg.date_from.setDate(QDate(2026, 6, 30))
    dlg.date_to.setDate(QDate(2026, 1, 1))
    dlg.community.setCurrentIndex(dlg.community.findData(community_id("kochkor")))
    dlg.language.setCurrentIndex(dlg.language.findData("ru"))
    dlg.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.isVisible() and dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.period_error.isVisible() and "ends before it starts" in dlg.period_error.text()
    # nothing chosen was lost
    assert dlg.date_from.date() == QDate(2026, 6, 30) and dlg.community.currentData() == community_id("kochkor")
    assert dlg.language.currentData() == "ru"
    dlg.date_to.setDate(QDate(2026, 12, 31))
    assert not dlg.period_error.isVisible()
    dlg.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert str(dlg.values()["date_to"]) == "2026-12-31"


def test_all_dates_ignores_the_reversed_fields(qtbot, hq_ctx):
    dlg = SummaryOptions(hq_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.date_from.setDate(QDate(2026, 6, 30))
    dlg.date_to.setDate(QDate(2026, 1, 1))
    dlg.all_dates.setChecked(True)  # the default
    dlg.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.result() == QDialog.DialogCode.Accepted and dlg.values()["date_from"] is None
