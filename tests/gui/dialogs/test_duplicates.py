"""The duplicate warning says why, in the user's language, most likely person first."""

from __future__ import annotations

from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.services import rosters
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_the_warning_ranks_and_explains(qtbot, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in ("Асамов Айбек", "Aibek Asanov"):
        rosters.add_person(store, rosters.PersonInput(name, "m", "lawyer", NOOKAT, 1985), allow_duplicate=True)
    matches = rosters.find_duplicates(store, "Асанов Айбек", 1985, sex="m")
    dlg = DuplicateDialog(matches)
    qtbot.addWidget(dlg)
    assert "the most likely first" in dlg.message.text()
    assert dlg.list.item(0).text().startswith("Aibek Asanov")
    assert "same name in other letters (Latin / Cyrillic), same birth year" in dlg.list.item(0).text()
    assert dlg.why.text() == "Why: same name in other letters (Latin / Cyrillic), same birth year."
    dlg.list.setCurrentRow(1)
    assert "name one letter apart" in dlg.why.text()
    dlg.resize(700, 300)
    dlg.show()
    assert dlg.grab().save(str(tmp_path / "duplicate_dialog.png"))


def test_the_reasons_are_translated(qtbot, store, language) -> None:  # type: ignore[no-untyped-def]
    rosters.add_person(store, rosters.PersonInput("Aibek Asanov", "m", "lawyer", NOOKAT, 1985), allow_duplicate=True)
    language("ru")
    dlg = DuplicateDialog(rosters.find_duplicates(store, "Асанов Айбек", 1985))
    qtbot.addWidget(dlg)
    assert dlg.why.text() == "Почему: то же ФИО другими буквами (латиница / кириллица), тот же год рождения."
    language("ky")
    dlg2 = DuplicateDialog(rosters.find_duplicates(store, "Асанов Айбек", 1985))
    qtbot.addWidget(dlg2)
    assert dlg2.why.text().startswith("Себеби: ошол эле аты-жөнү") and "туулган жыл" in dlg2.why.text()
