"""The whole first week of a new field office, driven through the window offscreen (issue 16
point 4): headquarters writes an invitation on its Sync page; the office sets up with it in the
first-start dialog, follows the dashboard's first-week steps (group, members, training,
attendance), starts a plan, prints certificates and exports; headquarters imports the package
with no manual acceptance, and its return package reaches the office."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.certificates import CertificatesDialog
from strive_desktop.gui.dialogs.group import GroupDialog
from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
from strive_desktop.gui.dialogs.person import PersonDialog
from strive_desktop.gui.dialogs.training import TrainingDialog
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.pages.sync import SyncPage
from strive_desktop.gui.setup_dialog import SetupDialog
from strive_desktop.services import installation, plans, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import open_store
from strive_desktop.sync import keys, status

from .conftest import choose_files, modal_titles  # type: ignore[import-not-found]


def type_text(widget: QWidget, text: str) -> None:
    """Type *text* key by key (QTest.keyClicks only knows Latin-1: these are Kyrgyz names)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_the_first_week_of_a_new_office(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    # -- headquarters writes the invitation on its Sync page ------------------------------------
    hq_store = open_store(tmp_path / "hq")
    office_store = open_store(tmp_path / "office")
    try:
        installation.init_installation(hq_store, name="Bishkek HQ", hq=True, user_name="Aida")
        hq_page = SyncPage(AppContext(hq_store, "en"))
        qtbot.addWidget(hq_page)
        hq_page.resize(1366, 705)
        hq_page.show()
        invitation = stick / "strive-invitation-nookat.striveinvite"
        monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Nookat", True))
        choose_files(monkeypatch, str(invitation))
        hq_page.invite_button.click()
        assert invitation.exists()

        # -- the office's first start: "I have an invitation file" ----------------------------------
        setup = SetupDialog(office_store, "en")
        qtbot.addWidget(setup)
        setup.show()
        choose_files(monkeypatch, str(invitation))
        setup.invitation_button.click()
        assert keys.load_identity(hq_store).fingerprint in setup.invitation_label.text()
        type_text(setup.ui.name, "Ноокат офиси")
        type_text(setup.ui.userName, "Гүлнара")
        setup.ui.buttons.accepted.emit()
        assert setup.result() == setup.DialogCode.Accepted

        win = MainWindow(office_store.folder.root, AppContext(office_store, "en"))
        qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
        win.resize(1366, 705)
        win.show()
        dash = win.show_page("dashboard")
        dash.refresh()  # type: ignore[union-attr]
        dash.wait_for_figures()  # type: ignore[union-attr]
        steps = dash.first_week  # type: ignore[union-attr]
        assert steps.isVisible() and steps.title.text() == "Your first week: 0 of 5 steps done"

        # -- step 1: the advisory group ---------------------------------------------------------
        steps.buttons["group"].click()
        assert win.page_key() == "group"
        group_page = win.current_page()

        def name_group(dlg: GroupDialog) -> None:
            type_text(dlg.name, "Ноокат консультативдик тобу")
            dlg.accept()

        named = modal_titles(GroupDialog, name_group, tries=3000)
        group_page.create_group_button.click()  # type: ignore[union-attr]
        assert named
        qtbot.waitUntil(lambda: group_page.add_button.isVisible(), timeout=60_000)  # type: ignore[union-attr]

        # -- step 2: members --------------------------------------------------------------------
        for name, sex, sector in (("Түлөгөнова Айнура", "f", "women"), ("Осмонов Нурбек", "m", "youth")):
            def add(dlg: PersonDialog, name: str = name, sex: str = sex, sector: str = sector) -> None:
                type_text(dlg.ui.fullName, name)
                dlg.ui.sex.setCurrentIndex(dlg.ui.sex.findData(sex))
                dlg.ui.sector.setCurrentIndex(dlg.ui.sector.findData(sector))
                dlg.ui.birthYear.setText("1990")
                dlg.ui.buttons.button(dlg.ui.buttons.StandardButton.Save).click()

            seen = modal_titles(PersonDialog, add, tries=3000)
            group_page.new_item()  # type: ignore[union-attr]
            assert seen
        assert group_page.model.rowCount() == 2  # type: ignore[union-attr]

        # -- step 3: the first training, from the dashboard's button ------------------------------
        win.show_page("dashboard")
        dash.refresh()  # type: ignore[union-attr]
        dash.wait_for_figures()  # type: ignore[union-attr]
        assert [k for k, m in steps.marks.items() if m.text() == "✓"] == ["group", "members"]
        steps.buttons["training"].click()
        assert win.page_key() == "trainings"
        tpage = win.current_page()
        tpage.wait_for_list()  # type: ignore[union-attr]  # the first opening reads on the worker

        def new_training(dlg: TrainingDialog) -> None:
            dlg.phase.setCurrentIndex(dlg.phase.findData("basics_ve"))
            type_text(dlg.title_edit, "Зордук-зомбулук экстремизминин негиздери")
            dlg.set_session(0, dt.date.today(), 6)
            dlg.buttons.button(dlg.buttons.StandardButton.Save).click()

        created = modal_titles(TrainingDialog, new_training, tries=3000)
        tpage.new_item()  # type: ignore[union-attr]
        assert created
        tpage.refresh()  # type: ignore[union-attr]
        (training,) = trainings.list_trainings(office_store)

        # -- step 4: attendance by keyboard -------------------------------------------------------
        view = tpage.sheet_view  # type: ignore[union-attr]
        view.setFocus()
        for _ in range(2):  # both members came
            qtbot.keyClick(view, Qt.Key.Key_Space)
            qtbot.keyClick(view, Qt.Key.Key_Down)
        sheet = trainings.attendance_sheet(office_store, training.id)
        assert sorted(p.full_name for p in sheet.participants if any(p.present.values())) == [
            "Осмонов Нурбек", "Түлөгөнова Айнура"]

        # -- a plan ----------------------------------------------------------------------------
        ppage = win.show_page("plans")

        def new_plan(dlg: NewPlanDialog) -> None:
            type_text(dlg.title, "Ноокат: жергиликтүү план 2027")
            dlg.end.setDate(dlg.start.date().addMonths(11))
            dlg.accept()

        planned = modal_titles(NewPlanDialog, new_plan, tries=3000)
        ppage.new_item()  # type: ignore[union-attr]
        assert planned
        assert [p.title for p in plans.list_plans(office_store)] == ["Ноокат: жергиликтүү план 2027"]

        # -- certificates, one PDF per person into a folder ------------------------------------
        certs = CertificatesDialog(win.ctx, training.id, win)  # type: ignore[arg-type]
        qtbot.addWidget(certs)
        certs.show()
        assert len(certs.included_rows()) == 2
        certs.per_person.setChecked(True)
        certs.folder.setText(str(tmp_path / "certificates"))
        certs.create_button.click()
        if getattr(certs, "missing_box", None) is not None:  # no signer or logo set: print anyway
            certs.print_anyway.click()
        qtbot.waitUntil(lambda: getattr(certs, "last_written", None) is not None, timeout=60_000)
        assert len(list((tmp_path / "certificates").glob("*.pdf"))) == 2

        # -- step 5: the first export, from the dashboard's button --------------------------------
        win.show_page("dashboard")
        dash.refresh()  # type: ignore[union-attr]
        dash.wait_for_figures()  # type: ignore[union-attr]
        assert steps.isVisible() and not steps.buttons["attendance"].isVisible()
        steps.buttons["export"].click()
        spage = win.current_page()
        assert isinstance(spage, SyncPage) and spage.export_button.isVisible()
        spage.wait_for_state()  # Export is enabled once the page knows this office can send
        assert spage.export_button.isEnabled()
        choose_files(monkeypatch, str(stick))
        spage.export_button.click()
        # done when the page reports it (the package is on the stick before its record is committed)
        qtbot.waitUntil(lambda: "for Bishkek HQ" in spage.results.toPlainText(), timeout=60_000)
        assert list(stick.glob("nookat-*.strive"))
        win.show_page("dashboard")
        dash.refresh()  # type: ignore[union-attr]
        dash.wait_for_figures()  # type: ignore[union-attr]
        assert not steps.isVisible()  # every step done: the panel has gone

        # -- headquarters imports it: accepted by invitation, no phone call ----------------------
        hq_page.run_import(sorted(stick.glob("nookat-*.strive")))
        qtbot.waitUntil(lambda: "from Ноокат офиси" in hq_page.results.toPlainText(), timeout=60_000)
        assert [(p.name, p.status) for p in keys.list_peers(hq_store)] == [("Ноокат офиси", "accepted")]
        hq_page.refresh()
        hq_page.wait_for_state()
        assert hq_page.peers.item(0, 3).text() == "accepted by invitation"
        assert sorted(load_people_index(hq_store).full_names) == [
            "Осмонов Нурбек", "Түлөгөнова Айнура"]
        assert [p.title for p in plans.list_plans(hq_store)] == ["Ноокат: жергиликтүү план 2027"]

        # -- the return package reaches the office ------------------------------------------------
        back = tmp_path / "back"
        choose_files(monkeypatch, str(back))
        hq_page.export_button.click()
        qtbot.waitUntil(lambda: "for Ноокат офиси" in hq_page.results.toPlainText(), timeout=60_000)
        assert list(back.glob("*.strive"))
        choose_files(monkeypatch, *[str(p) for p in back.glob("*.strive")])
        spage.import_button.click()
        qtbot.waitUntil(lambda: "from Bishkek HQ" in spage.results.toPlainText(), timeout=60_000)
        sent = status.outbox(office_store)
        assert sent and all(o.delivered for o in sent)
    finally:
        office_store.close()
        hq_store.close()
