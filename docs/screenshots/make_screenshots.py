"""Regenerate the screenshots in docs/screenshots/ from the real application, offscreen.

    .venv/bin/python docs/screenshots/make_screenshots.py [--lang en ky ru] [--only NAME...]

What it does:

1. builds data folders in ``<temp>/strive-screenshots/`` (deleted and made again each run):
   ``demo`` is headquarters filled by ``services.demo`` (what the first start's "Use demo data"
   does: 9 communities); ``nookat`` is a field office in Nookat (``init`` + the demo's Nookat
   group, trainings and plan through the same services); ``kochkor`` a field office just set
   up, for the empty pages. The Nookat office then sends its
   records to headquarters through a real sealed sync package, and one person edited on both
   sides gives headquarters a conflict;
2. opens the real main window offscreen at 1366x768 for each language and saves every page
   and the main dialogs as ``<name>.png`` (English), ``<name>-ky.png`` and ``<name>-ru.png``;
3. renders the certificate, attendance sheet, local plan and donor summary PDFs and turns
   their first page into ``pdf-*.png`` with ``pdftoppm -r 60`` (English and Kyrgyz).

The names and the demo data are the same every run (times, today's date, key fingerprints
and package names are not). See README.md in this folder for the list.
Not a test: pytest does not collect it (not named test_*.py, outside tests/).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from strive_desktop.gui.app import GuiApp, make_application  # noqa: E402
from strive_desktop.gui.i18n import gui_settings, install_translations  # noqa: E402
from strive_desktop.services import certificates, demo, installation, plans, rosters, trainings  # noqa: E402
from strive_desktop.storage.db import Store, open_store  # noqa: E402
from strive_desktop.storage.seed import PILOT_COMMUNITIES, community_id  # noqa: E402
from strive_desktop.sync import export, importer, keys  # noqa: E402

SIZE = QSize(1366, 768)
NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")
LANGS = ("en", "ky", "ru")
CONFLICT_NAME = "Нурлан Өмүров"


# -- data ------------------------------------------------------------------------------------------
def fill_nookat(store: Store) -> None:
    """The demo's group, trainings and plan for Nookat only (the demo fills all nine)."""
    every = demo.PILOT_COMMUNITIES
    demo.PILOT_COMMUNITIES = tuple(c for c in PILOT_COMMUNITIES if c["code"] == "nookat")  # type: ignore[assignment]
    try:
        demo.fill(store, seed=7)
    finally:
        demo.PILOT_COMMUNITIES = every  # type: ignore[assignment]


def set_signers(store: Store) -> None:
    certificates.save_certificate_settings(store, certificates.CertificateSettings(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы"),
         certificates.Signatory("Айнура Ыдырысова", "Программа координатору, UNODC"))))


def nookat_training(store: Store) -> trainings.TrainingInfo:
    """Headquarters' Nookat "Basics" training: the one on the attendance sheet pictures."""
    return next(t for t in trainings.list_trainings(store, NOOKAT) if t.phase == "basics_ve")


def add_walk_in(store: Store) -> None:
    """A walk-in on the sheet (someone not in the group), present at the first session."""
    t = trainings.get_training(store, nookat_training(store).id)
    pid = rosters.add_person(store, rosters.PersonInput(
        full_name="Мамытов Чыңгыз", sex="m", sector="youth", community_id=NOOKAT, birth_year=2003),
        allow_duplicate=True).person_id
    assert pid
    trainings.add_walk_in(store, t.id, pid)
    trainings.record_bulk(store, [(t.sessions[0].id, pid, True)])


def build_data(base: Path) -> tuple[Path, Path]:
    """Headquarters with the demo data, and a Nookat field office (not yet sent)."""
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    hq_dir, field_dir = base / "demo", base / "nookat"
    hq = open_store(hq_dir)
    demo.fill(hq)
    add_walk_in(hq)
    set_signers(hq)
    field = open_store(field_dir)
    installation.init_installation(field, name="Nookat office", community=NOOKAT, user_name="Гүлнара")
    fill_nookat(field)
    set_signers(field)
    keys.import_hq_key(field, keys.export_hq_key(hq, base / "hq.strivekey"))
    hq.close()
    field.close()
    # A field office just set up: nothing entered yet, no headquarters key.
    empty = open_store(base / "kochkor")
    installation.init_installation(empty, name="Kochkor office", community=KOCHKOR, user_name="Бакыт")
    empty.close()
    return hq_dir, field_dir


def exchange(hq_dir: Path, field_dir: Path) -> list[importer.ImportResult]:
    """Field -> headquarters through sealed packages: accepted, then a conflict on one person;
    the field office keeps a few changes not yet sent. Returns the results of the last import."""
    hq, field = open_store(hq_dir), open_store(field_dir)
    try:
        pid = rosters.add_person(field, rosters.PersonInput(
            full_name=CONFLICT_NAME, sex="m", sector="youth", community_id=NOOKAT, birth_year=1999,
            phone="0555123456"), allow_duplicate=True).person_id
        assert pid
        for r in export.export(field):
            importer.import_file(hq, r.path)
        keys.accept_installation(hq, installation.get_installation(field).id)
        importer.apply_waiting(hq)

        def edit(st: Store, notes: str) -> None:
            rosters.update_person(st, pid, dataclasses.replace(rosters.get_person(st, pid).to_input(), notes=notes))

        edit(hq, "Штабдан: телефону өзгөрдү")
        edit(field, "Кеңседен: жаштар кеңешинин мүчөсү")
        results = [importer.import_file(hq, r.path) for r in export.export(field)]
        for name, sex, sector in (("Асанова Бермет", "f", "women"), ("Осмонов Үсөн", "m", "local_self_government")):
            rosters.add_person(field, rosters.PersonInput(full_name=name, sex=sex, sector=sector,
                                                          community_id=NOOKAT, birth_year=1988),
                               allow_duplicate=True)
    finally:
        hq.close()
        field.close()
    return results


# -- shooting --------------------------------------------------------------------------------------
def settle(ms: int = 120) -> None:
    """Let pending events, timers set to 0 and layouts run."""
    app = QCoreApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


class Shooter:
    def __init__(self, lang: str, only: set[str] | None) -> None:
        self.lang = lang
        self.only = only
        self.written: list[str] = []
        self.failed: list[str] = []

    def name(self, base: str) -> str:
        return f"{base}.png" if self.lang == "en" else f"{base}-{self.lang}.png"

    def wanted(self, base: str) -> bool:
        return self.only is None or base in self.only

    def save(self, widget: QWidget, base: str) -> None:
        settle()
        path = HERE / self.name(base)
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.written.append(path.name)

    def shot(self, base: str, fn: Callable[[], None]) -> None:
        """Run one shot; a failure is reported and the others still run."""
        if not self.wanted(base):
            return
        try:
            fn()
        except Exception:  # noqa: BLE001 - report and go on with the next picture
            self.failed.append(self.name(base))
            traceback.print_exc()

    def dialog(self, dlg: QWidget, base: str, prepare: Callable[[], None] | None = None,
               size: QSize | None = None) -> None:
        """Show *dlg* (not exec'd: no nested event loop), optionally act on it, save, close."""
        try:
            dlg.show()
            if size is not None:
                dlg.resize(size)
            settle()
            if prepare is not None:
                prepare()
                settle()
            self.save(dlg, base)
        finally:
            if isinstance(dlg, QDialog):
                dlg.reject()
            else:
                dlg.close()
            dlg.deleteLater()
            settle(10)


def open_window(data_dir: Path, lang: str, page: str = "dashboard", community: str | None = None) -> GuiApp:
    app = QApplication.instance()
    install_translations(app, lang)  # type: ignore[arg-type]
    settings = gui_settings(data_dir)
    settings.setValue("language", lang)
    settings.setValue("window/page", page)
    settings.setValue("window/community", community or "")
    settings.remove("window/geometry")
    settings.sync()
    g = GuiApp(data_dir, lang)
    g.window.resize(SIZE)
    g.window.show()
    if not g.open():
        raise RuntimeError(f"could not open {data_dir}")
    g.window.resize(SIZE)
    settle(300)
    return g


def close_window(g: GuiApp) -> None:
    g.window._closing_ok = True
    g.window.close()
    g.window.deleteLater()
    settle(50)
    g.close()


def set_community(g: GuiApp, cid: str | None) -> None:
    combo = g.window.community_combo
    combo.setCurrentIndex(max(combo.findData(cid), 0))
    settle()


def page(g: GuiApp, key: str) -> QWidget:
    w = g.window.show_page(key)
    settle(200)
    assert w is not None, key
    return w


def hq_shots(sh: Shooter, hq_dir: Path, empty_dir: Path) -> None:
    from strive_desktop.gui.dialogs.certificates import CertificatesDialog
    from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
    from strive_desktop.gui.dialogs.history import HistoryDialog
    from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
    from strive_desktop.gui.dialogs.person import PersonDialog
    from strive_desktop.gui.dialogs.training import TrainingDialog, WalkInDialog
    from strive_desktop.gui.dialogs.vulnerable_group import VulnerableGroupDialog
    from strive_desktop.gui.pdf_preview import PdfPreview
    from strive_desktop.gui.setup_dialog import SetupDialog

    lang = sh.lang

    def setup() -> None:
        install_translations(QApplication.instance(), lang)  # type: ignore[arg-type]
        store = open_store(empty_dir / lang)
        try:
            dlg = SetupDialog(store, lang)
            dlg.ui.name.setText({"en": "Nookat office", "ky": "Ноокат кеңсеси", "ru": "Ноокатский офис"}[lang])
            dlg.ui.community.setCurrentIndex(dlg.ui.community.findData(NOOKAT))
            dlg.ui.communityRadio.setChecked(True)
            sh.dialog(dlg, "setup")
        finally:
            store.close()

    sh.shot("setup", setup)

    g = open_window(hq_dir, lang, "dashboard", None)
    try:
        w = g.window
        ctx = g.ctx
        assert ctx is not None and g.store is not None
        store = g.store
        sh.shot("dashboard", lambda: (page(g, "dashboard"), sh.save(w, "dashboard")))
        for key in ("trainings", "plans", "vulnerable"):
            sh.shot(f"{key}-all-communities",
                    lambda key=key: (page(g, key), sh.save(w, f"{key}-all-communities")))
        set_community(g, NOOKAT)
        sh.shot("dashboard-nookat", lambda: (page(g, "dashboard"), sh.save(w, "dashboard-nookat")))

        def group() -> None:
            p = page(g, "group")
            p.table.selectRow(2)  # type: ignore[attr-defined]
            sh.save(w, "group")

        sh.shot("group", group)
        sh.shot("people", lambda: (page(g, "people"), sh.save(w, "people")))

        def history() -> None:
            p = page(g, "group")
            m = rosters.list_members(store, rosters.list_groups(store, NOOKAT)[0].id)[0]
            sh.dialog(HistoryDialog(m.full_name, rosters.membership_history(store, m.person_id), p),
                      "group-history")

        sh.shot("group-history", history)

        group_id = rosters.list_groups(store, NOOKAT)[0].id
        members = rosters.list_members(store, group_id)

        def person_dialog() -> None:
            p = page(g, "group")
            dlg = PersonDialog(ctx, p, community_id=NOOKAT, group_id=group_id)

            def bad() -> None:
                dlg.ui.fullName.setText("Садыкова Айжан")
                dlg.ui.sex.setCurrentIndex(dlg.ui.sex.findData("f"))
                dlg.ui.birthYear.setText("1890")
                dlg.ui.phone.setText("0555 12")
                dlg.accept()  # refused: the errors show under their fields

            sh.dialog(dlg, "person-dialog", bad)

        sh.shot("person-dialog", person_dialog)

        def duplicate() -> None:
            m = rosters.get_person(store, members[3].person_id)
            res = rosters.add_person(store, dataclasses.replace(m.to_input(), phone=None))
            assert not res.created and res.duplicates
            names = {c.name_en: c.name(lang) for c in installation.list_communities(store)}
            dlg = DuplicateDialog(res.duplicates, page(g, "group"), group_wanted=True, community_names=names)
            sh.dialog(dlg, "person-dialog-duplicate")

        sh.shot("person-dialog-duplicate", duplicate)

        training = nookat_training(store)

        def sheet() -> None:
            p = page(g, "trainings")
            p.select_training(training.id)  # type: ignore[attr-defined]
            settle(200)
            p.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
            p.sheet_view.setFocus()  # type: ignore[attr-defined]
            p.sheet_view.setCurrentIndex(p.sheet_model.index(3, 3))  # type: ignore[attr-defined]
            sh.save(w, "attendance-sheet")

        sh.shot("attendance-sheet", sheet)

        def scans() -> None:
            p = page(g, "trainings")
            p.select_training(training.id)  # type: ignore[attr-defined]
            if not p.attachment_names():  # type: ignore[attr-defined]
                scan = Path(tempfile.gettempdir()) / "strive-screenshots" / "signed-sheet-10.09.2021.png"
                w.grab().save(str(scan))  # any picture stands for the photo of the paper sheet
                p.attach_file(scan)  # type: ignore[attr-defined]
            p.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
            sh.save(w, "trainings-scans")
            p.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]

        sh.shot("trainings-scans", scans)

        def new_training() -> None:
            dlg = TrainingDialog(ctx, page(g, "trainings"), community_id=NOOKAT)
            sh.dialog(dlg, "trainings-dialog-validation", dlg.accept)  # nothing filled in: refused

        sh.shot("trainings-dialog-validation", new_training)
        info = trainings.get_training(store, training.id)
        sh.shot("trainings-dialog-edit", lambda: sh.dialog(
            TrainingDialog(ctx, page(g, "trainings"), training=info), "trainings-dialog-edit"))

        def walk_in() -> None:
            dlg = WalkInDialog(ctx, info, page(g, "trainings"))

            def bad() -> None:
                dlg.full_name.setText("Жоомарт")
                dlg.birth_year.setText("20")
                dlg.accept()

            sh.dialog(dlg, "attendance-walk-in", bad)

        sh.shot("attendance-walk-in", walk_in)
        sh.shot("certificates-dialog", lambda: sh.dialog(
            CertificatesDialog(ctx, training.id, page(g, "trainings")), "certificates-dialog"))

        plan = plans.list_plans(store, NOOKAT)[0]

        def plan_tab(index: int, base: str) -> Callable[[], None]:
            def run() -> None:
                p = page(g, "plans")
                p.select_plan(plan.id)  # type: ignore[attr-defined]
                p.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
                if index == 2:
                    p.select_revisions(1, 2)  # type: ignore[attr-defined]
                sh.save(w, base)
            return run

        sh.shot("plans-editor", plan_tab(0, "plans-editor"))
        sh.shot("plans-activities", plan_tab(1, "plans-activities"))
        sh.shot("plans-revisions", plan_tab(2, "plans-revisions"))

        def compare() -> None:
            plan_tab(2, "plans-revisions")()
            dlg = page(g, "plans").compare_dialog()  # type: ignore[attr-defined]
            assert dlg is not None
            sh.dialog(dlg, "plans-compare")

        sh.shot("plans-compare", compare)

        def differences() -> None:
            plan_tab(2, "plans-revisions")()
            dlg = page(g, "plans").compare_dialog()  # type: ignore[attr-defined]
            assert dlg is not None
            sh.dialog(dlg, "plans-compare-differences", lambda: dlg.only_changes.setChecked(True))

        sh.shot("plans-compare-differences", differences)
        sh.shot("plans-new-dialog", lambda: sh.dialog(NewPlanDialog(ctx, page(g, "plans")), "plans-new-dialog"))
        sh.shot("vulnerable", lambda: (page(g, "vulnerable"), sh.save(w, "vulnerable")))

        def vulnerable_dialog() -> None:
            p = page(g, "vulnerable")
            dlg = VulnerableGroupDialog(ctx, NOOKAT, p.community_label(NOOKAT), p)  # type: ignore[attr-defined]
            sh.dialog(dlg, "vulnerable-dialog-validation", dlg.accept)  # no category: refused

        sh.shot("vulnerable-dialog-validation", vulnerable_dialog)
        sh.shot("settings", lambda: (page(g, "settings"), sh.save(w, "settings")))

        def preview() -> None:
            from strive_desktop.pdf import documents

            out = Path(tempfile.gettempdir()) / "strive-screenshots" / f"sheet-{lang}.pdf"
            documents.attendance_sheet_pdf(store, training.id, out, lang=lang)
            view = PdfPreview(out, QCoreApplication.translate("Printing", "Attendance sheet"), parent=w)
            sh.dialog(view, "pdf-preview", size=SIZE)

        sh.shot("pdf-preview", preview)
    finally:
        close_window(g)


def sync_shots(sh: Shooter, hq_dir: Path, field_dir: Path, results: list[importer.ImportResult]) -> None:
    lang = sh.lang
    g = open_window(field_dir, lang, "dashboard")
    try:
        w = g.window
        sh.shot("dashboard-field", lambda: (page(g, "dashboard"), sh.save(w, "dashboard-field")))
        sh.shot("group-field", lambda: (page(g, "group"), sh.save(w, "group-field")))

        def field_sync() -> None:
            p = page(g, "sync")
            p.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
            sh.save(w, "sync-field-send-receive")

        sh.shot("sync-field-send-receive", field_sync)
    finally:
        close_window(g)
    g = open_window(hq_dir, lang, "sync", None)
    try:
        w = g.window

        def hq_tab(index: int, base: str) -> Callable[[], None]:
            def run() -> None:
                p = page(g, "sync")
                p.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
                if index == 0:  # what the page says after importing the package (done above)
                    p.show_results(results)  # type: ignore[attr-defined]
                if index == 2:
                    p.conflicts.selectRow(0)  # type: ignore[attr-defined]
                sh.save(w, base)
            return run

        sh.shot("sync-hq-send-receive", hq_tab(0, "sync-hq-send-receive"))
        sh.shot("sync-hq-installations", hq_tab(1, "sync-hq-installations"))
        sh.shot("sync-hq-conflicts", hq_tab(2, "sync-hq-conflicts"))
    finally:
        close_window(g)


def empty_shots(sh: Shooter, data_dir: Path) -> None:
    """A field office on its first day: the empty pages say what to do first."""
    g = open_window(data_dir, sh.lang, "group")
    try:
        for key in ("group", "people", "trainings", "plans"):
            sh.shot(f"{key}-empty", lambda key=key: (page(g, key), sh.save(g.window, f"{key}-empty")))
        sh.shot("sync-field-no-key", lambda: (page(g, "sync"), sh.save(g.window, "sync-field-no-key")))
    finally:
        close_window(g)


# -- PDFs ------------------------------------------------------------------------------------------
def pdf_shots(hq_dir: Path, langs: list[str], tmp: Path, only: set[str] | None) -> list[str]:
    """First page of each printed document, at 60 dpi (as a reader sees it in the README)."""
    from strive_desktop.pdf import documents

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (poppler-utils): PDF pictures skipped", file=sys.stderr)
        return []
    store = open_store(hq_dir)
    written = []
    try:
        training = nookat_training(store)
        plan = plans.list_plans(store, NOOKAT)[0]
        for lang in [x for x in ("en", "ky") if x in langs]:
            suffix = "" if lang == "en" else f"-{lang}"
            docs: dict[str, Callable[[Path], object]] = {
                "pdf-attendance-sheet": lambda out, lang=lang: documents.attendance_sheet_pdf(
                    store, training.id, out, lang=lang),
                "pdf-plan-activities": lambda out, lang=lang: documents.plan_pdf(store, plan.id, out, lang=lang),
                "pdf-summary": lambda out, lang=lang: documents.summary_pdf(store, out, lang=lang),
                "pdf-certificate-" + ("bilingual" if lang == "ky" else "en"):
                    lambda out, lang=lang: documents.certificates_pdf(
                        store, training.id, out, lang="bilingual" if lang == "ky" else "en"),
            }
            for base, make in docs.items():
                name = base if base.startswith("pdf-certificate") else base + suffix
                if only is not None and base not in only:
                    continue
                pdf = tmp / f"{name}.pdf"
                make(pdf)
                # The plan: its first page (title, sections) and the second (activities table).
                pages = [(2, name), (1, "pdf-plan-title" + suffix)] if base == "pdf-plan-activities" \
                    else [(1, name)]
                for number, out in pages:
                    stem = tmp / out
                    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number),
                                    "-singlefile", str(pdf), str(stem)], check=True)
                    shutil.copyfile(f"{stem}.png", HERE / f"{out}.png")
                    written.append(f"{out}.png")
    finally:
        store.close()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these pictures (names without -lang.png)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF pictures")
    args = ap.parse_args(argv)
    only = set(args.only) if args.only else None
    make_application()
    base = Path(tempfile.gettempdir()) / "strive-screenshots"
    print(f"building the data folders in {base} …", flush=True)
    hq_dir, field_dir = build_data(base)
    written: list[str] = []
    failed: list[str] = []
    shooters = [Shooter(lang, only) for lang in args.lang]
    for sh in shooters:
        print(f"[{sh.lang}] pages and dialogs …", flush=True)
        hq_shots(sh, hq_dir, base / "empty")
        empty_shots(sh, base / "kochkor")
    if not args.no_pdf:
        written += pdf_shots(hq_dir, args.lang, base, only)
    results = exchange(hq_dir, field_dir)
    for sh in shooters:
        print(f"[{sh.lang}] field office and sync …", flush=True)
        sync_shots(sh, hq_dir, field_dir, results)
        written += sh.written
        failed += sh.failed
    install_translations(QApplication.instance(), "en")  # type: ignore[arg-type]
    print(f"{len(written)} pictures written to {HERE}")
    if failed:
        print("FAILED: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
