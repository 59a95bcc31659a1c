"""The sync page's times (sync/status.py), written in the language the page is shown in:
"05.12.2026 14:07" in Russian and Kyrgyz, Babel's "Dec 5, 2026, 2:07 PM" in English."""

from __future__ import annotations

import re

from strive_desktop.storage.db import Store
from strive_desktop.sync import status

from ..conftest import person, ship  # type: ignore[import-not-found]

RU_STAMP = re.compile(r"\d\d\.\d\d\.\d{4} \d\d:\d\d")
EN_STAMP = re.compile(r"[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\u202f[AP]M")


def test_package_times_follow_the_language(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    person(field, "Айгүл Ормонова", birth_year=1990)
    ship(field, hq)
    assert RU_STAMP.fullmatch(status.outbox(field, "ru")[0].created_at)
    assert RU_STAMP.fullmatch(status.outbox(field, "ky")[0].created_at)
    assert EN_STAMP.fullmatch(status.outbox(field, "en")[0].created_at)
    [office] = [p for p in status.peer_status(hq, "ru") if not p.is_hq]
    assert RU_STAMP.fullmatch(office.last_received)
    [office] = [p for p in status.peer_status(hq, "en") if not p.is_hq]
    assert EN_STAMP.fullmatch(office.last_received)


def test_the_delivery_check_time_follows_the_language(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "stick"
    folder.mkdir()
    assert re.fullmatch(r"\d\d:\d\d", status.copy_to_delivery(store, str(folder), lang="ky").checked_at)
    assert re.fullmatch(r"\d{1,2}:\d\d\u202f[AP]M", status.copy_to_delivery(store, str(folder), lang="en").checked_at)
