"""After an import at headquarters, the search for people entered twice runs off the GUI
thread (through the operations layer) and then asks whether to review them."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox, QWidget

from strive_desktop.gui.pages.duplicates import offer_review
from strive_desktop.services import people_merge, rosters
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


def test_the_search_after_an_import_runs_in_the_background_and_offers_the_review(
        qtbot, hq_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for name, cid in (("Асанов Айбек", NOOKAT), ("Aibek Asanov", KOCHKOR),
                      ("Үсөн Мамытов", NOOKAT), ("Усен Мамытов", KOCHKOR)):
        rosters.add_person(hq_ctx.store, rosters.PersonInput(name, "m", "youth", cid, 1985), allow_duplicate=True)
    threads: list[threading.Thread] = []
    search = people_merge.review_pairs

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return search(*args, **kwargs)

    monkeypatch.setattr(people_merge, "review_pairs", recorded)
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    shown: list[bool] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    offer_review(parent, hq_ctx, lambda: shown.append(True))
    qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    assert threads and threads[0] is not threading.main_thread()
    assert asked[0].startswith("2 pair")  # the two people entered twice
    assert not shown  # "Later" (the box closed without a choice) opens nothing
