"""The check window at one office takes a certificate printed at another: the QR code says who
signed it, the facts are typed off the paper, headquarters' list says whose key to trust."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.verify_certificate import VerifyCertificateDialog
from strive_desktop.pdf import documents
from strive_desktop.services import (
    certificate_signing,
    certificates,
    installation,
    rosters,
    trainings,
)
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, importer, keys

NOOKAT, KOCHKOR = community_id("nookat"), community_id("kochkor")


def _link(office: Store, hq: Store, tmp_path: Path) -> None:
    keys.import_hq_key(office, keys.export_hq_key(hq, tmp_path / "hq.strivekey"))
    rosters.add_person(office, rosters.PersonInput(full_name="Link Person", sex="f", sector="youth",
                                                   community_id=installation.get_installation(office).community_id))
    for r in export.export(office):
        importer.import_file(hq, r.path)
    keys.accept_installation(hq, installation.get_installation(office).id)
    importer.apply_waiting(hq)


def test_a_certificate_of_another_office_is_checked_from_the_facts_typed_off_the_paper(qtbot, store, hq_store,
                                                                                         tmp_path):
    kochkor = open_store(tmp_path / "kochkor")
    installation.init_installation(kochkor, name="Kochkor office", community=KOCHKOR, user_name="Bakyt")
    try:
        _link(store, hq_store, tmp_path)
        _link(kochkor, hq_store, tmp_path)
        pid = rosters.add_person(store, rosters.PersonInput(full_name="Мамыржанова Гүлүмкан Өмүрбек кызы", sex="f",
                                                            sector="youth", community_id=NOOKAT)).person_id
        tid = trainings.create_training(store, trainings.TrainingInput(
            community_id=NOOKAT, phase="basics_ve", title="Негиздер",
            sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
        trainings.record_bulk(store, [(trainings.get_training(store, tid).sessions[0].id, pid, True)])
        documents.certificates_pdf(store, tid, tmp_path / "c.pdf", lang="ky")
        (rec,) = certificate_signing.sign_records(store, certificates.list_certificates(store, tid))
        for r in export.export(store):
            importer.import_file(hq_store, r.path)
        for r in export.export_returns(hq_store):
            if r.recipient == "Kochkor office":
                assert importer.import_file(kochkor, r.path).status == "applied"

        dialog = VerifyCertificateDialog(AppContext(kochkor, "ru"))
        qtbot.addWidget(dialog)
        dialog.resize(1366 // 2, 768)
        dialog.qr.setText(rec.qr_text)
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        assert dialog.valid is None and not dialog.facts_box.isHidden()  # asks for the facts, no verdict
        dialog.fact_name.setText(rec.full_name)
        dialog.fact_title.setText("«Негиздер»")
        dialog.fact_start.setDate(QDate(2026, 3, 10))
        dialog.fact_end.setDate(QDate(2026, 3, 10))
        dialog.fact_hours.setValue(4)
        dialog.fact_total.setValue(4)
        dialog.fact_community.setCurrentIndex(dialog.fact_community.findData("nookat"))
        dialog.fact_issued.setDate(QDate(rec.issued_on.year, rec.issued_on.month, rec.issued_on.day))
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        assert dialog.valid is True and "Nookat office" in dialog.result.text()
        dialog.grab().save(str(tmp_path / "verify-other-office.png"))
        dialog.fact_hours.setValue(3)  # a fact changed on the paper
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        assert dialog.valid is False
    finally:
        kochkor.close()
