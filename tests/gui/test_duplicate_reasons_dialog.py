"""The duplicate warning says why, in the user's language, most likely person first."""

from __future__ import annotations

from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.services import rosters
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_the_warning_ranks_and_explains(qtbot, store) -> None:  # type: ignore[no-untyped-def]
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
    dlg.grab().save("/tmp/w17_dup_dialog.png")
