"""Printing in the GUI: preview window, print and save, the certificate batch dialog, settings."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QGroupBox

from strive_desktop.gui import printing
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.certificates import CertificatesDialog, print_certificates
from strive_desktop.gui.pdf_preview import PdfPreview
from strive_desktop.gui.widgets.certificate_settings import CertificateSettingsWidget
from strive_desktop.pdf import documents
from strive_desktop.services import certificates, plans, rosters, trainings
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
