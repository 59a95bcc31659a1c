"""Review fixes in printing: the preview windows, progress texts and offered file names are in the
interface language, and the certificates dialog says when no signer is set."""

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
from PySide6.QtWidgets import QApplication

from strive_desktop.gui import printing
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.certificates import CertificatesDialog
from strive_desktop.gui.i18n import install_translations
from strive_desktop.gui.pdf_preview import PdfPreview
from strive_desktop.gui.widgets.certificate_settings import CertificateSettingsWidget
from strive_desktop.services import certificates, plans, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
ROOT = Path(__file__).resolve().parents[2]
LATIN = re.compile(r"[A-Za-z]")
WINDOWS_REFUSES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
PRINTING_TEXTS = ("Certificates", "Attendance sheet", "Donor summary", "Preparing the certificates…",
                  "Preparing the attendance sheet…", "Preparing the plan…", "Preparing the donor summary…")


@pytest.fixture
def training(store) -> str:
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


@pytest.fixture(autouse=True)
def close_previews() -> Iterator[None]:
    yield
    for w in list(printing._open):
        w.close()


def _previews() -> list[PdfPreview]:
    return [w for w in printing._open if isinstance(w, PdfPreview)]


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


def test_russian_previews_progress_and_file_names(qtbot, store, training, russian):
    ctx = AppContext(store, "ru")
    progress = _record_progress(ctx)
    printing.print_attendance_sheet(ctx, None, training)
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=20000)
    printing.build_certificates(ctx, None, training, lang="ru", person_ids=None, per_person_dir=None)
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


def test_english_names_stay_english(qtbot, ctx, training):
    printing.print_attendance_sheet(ctx, None, training)
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=20000)
    win = _previews()[0]
    assert win.windowTitle() == "Attendance sheet — preview"
    assert win.suggested_name == "Attendance sheet_Жаңжалдарды талдоо.pdf"


# -- the certificates dialog says when no signer is set ----------------------------------------------


def test_no_signer_hint_and_the_button_to_settings(qtbot, window, training):
    page = window.show_page("trainings")
    dialog = CertificatesDialog(window.ctx, training, page)
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


def test_no_hint_once_a_signer_is_set(qtbot, ctx, store, training):
    cfg = certificates.get_certificate_settings(store)
    certificates.save_certificate_settings(store, cfg.__class__(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы"), certificates.Signatory()),
        cfg.logo_left, cfg.logo_right, cfg.issuer))
    dialog = CertificatesDialog(ctx, training)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.signer_hint.isVisible()


def test_hint_without_a_main_window_has_no_button(qtbot, ctx, training):
    dialog = CertificatesDialog(ctx, training)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.signer_hint.isVisible() and not dialog.settings_button.isVisible()
