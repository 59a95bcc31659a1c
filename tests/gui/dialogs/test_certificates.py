"""Tests of certificates."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QInputDialog

from strive_desktop.errors import UserError
from strive_desktop.gui.context import AppContext, user_text
from strive_desktop.gui.dialogs.certificates import CertificatesDialog
from strive_desktop.gui.dialogs.verify_certificate import VerifyCertificateDialog
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

from ..conftest import quarter_ticked_sheet  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_certificates_dialog_shows_the_whole_reason_for_no_certificate(qtbot, language, store: Store,
                                                                       lang: str) -> None:
    language(lang)
    tid = quarter_ticked_sheet(store)
    first = trainings.attendance_sheet(store, tid).participants[0].person_id
    for sess in trainings.get_training(store, tid).sessions:  # she completed it ...
        trainings.record_attendance(store, sess.id, first, True)
    issued = certificates.issue_certificates(store, tid, [first])
    certificates.revoke(store, issued[0].serial, "Аты-жөнү туура эмес жазылган, жаңы сертификат "
                        "кийинки жумада басылып чыгат / Имя написано с ошибкой")  # ... and loses it
    dlg = CertificatesDialog(AppContext(store, lang), tid)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.wait(20)
    excluded = dlg.excluded_rows()
    assert len(excluded) == 3  # three below the rule (the revoked one may get a new certificate)
    t = dlg.table
    col = dlg.COL_DETAIL
    width = t.columnWidth(col) - 8  # the cell's text margins
    for r in range(t.rowCount()):
        item = t.item(r, col)
        need = t.fontMetrics().boundingRect(QRect(0, 0, width, 10_000),
                                            int(Qt.TextFlag.TextWordWrap), item.text()).height()
        assert need <= t.rowHeight(r), item.text()  # wrapped inside its row, nothing cut off
        assert item.toolTip() == item.text()
    assert t.columnWidth(col) > t.columnWidth(dlg.COL_NAME)  # the reasons get the room


def test_certificates_dialog_opens_the_check_and_revoke_lets_a_new_one_be_printed(
        qtbot, ctx, store, training, monkeypatch):  # type: ignore[no-untyped-def]
    certificates.issue_certificates(store, training)
    dialog = CertificatesDialog(ctx, training)
    qtbot.addWidget(dialog)
    check = dialog.open_verify()
    assert isinstance(check, VerifyCertificateDialog) and check.isVisible()
    check.close()
    prompts: list[str] = []

    def fake_get_text(_parent, _title, label, *a, **k):  # type: ignore[no-untyped-def]
        prompts.append(label)
        return "Typo in the name", True

    monkeypatch.setattr(QInputDialog, "getText", fake_get_text)
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, dialog.COL_NAME).text() == "Айнура Ңу")
    dialog.table.selectRow(row)
    assert dialog.revoke_selected()
    assert "new certificate with a new number can be printed" in prompts[0]
    # she is among those who get a certificate again, without a serial until it is printed
    batch = certificates.batch_preview(store, training)
    assert {x.participant.full_name: x.serial for x in batch.included}["Айнура Ңу"] == ""


NBSP = "\u00a0"
# -- numbers in service messages ----------------------------------------------------------------
@pytest.fixture
def half_attended(store) -> str:  # type: ignore[no-untyped-def]
    """Two members, one session of 6 hours; one present, one absent (the rule asks for 4.8 h)."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    ids = rosters.bulk_add_people(store, [
        rosters.PersonInput("Асанова Айгүл", "f", "women", NOOKAT, 1980),
        rosters.PersonInput("Ташиев Эрлан", "m", "youth", NOOKAT, 1999),
    ], group_id=gid)
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Зордук-зомбулук экстремизминин негиздери", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))
    session = trainings.get_training(store, tid).sessions[0]
    trainings.record_bulk(store, [(session.id, pid, i == 0) for i, pid in enumerate(ids)])
    return tid


def _person_id(store, name: str) -> str:  # type: ignore[no-untyped-def]
    return load_people_index(store).filtered(name).ids[0]


@pytest.mark.parametrize(("lang", "reason"), [
    ("en", "Attended 0 of 6 hours (0%); the rule asks for 4.8 hours (80%)."),
    ("ru", f"Посещено 0 из 6 ч (0{NBSP}%); по правилу нужно 4,8 ч (80{NBSP}%)."),
    ("ky", f"6 сааттын 0 саатына катышты (0{NBSP}%); эреже боюнча 4,8 саат (80{NBSP}%) керек."),
])


def test_certificate_reasons_write_numbers_and_percent_the_language_s_way(tmp_path,   # type: ignore[no-untyped-def]
        qtbot, store, half_attended, language, lang, reason) -> None:
    language(lang)
    dlg = CertificatesDialog(AppContext(store, lang), half_attended)
    qtbot.addWidget(dlg)
    assert dlg.excluded_rows() == [("Ташиев Эрлан", reason)]
    # the same reason, when printing for that person is refused, reaches the user translated
    with pytest.raises(UserError) as err:
        certificates.issue_certificates(store, half_attended, [_person_id(store, "Ташиев Эрлан")])
    assert user_text(err.value).endswith(reason)
    if lang == "ru":
        dlg.resize(1000, 420)
        dlg.show()
        qtbot.waitExposed(dlg)
        dlg.grab().save(str(tmp_path / "certificates-ru.png"))
