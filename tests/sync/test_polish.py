"""`conflicts` on the command line names fields and tables as the window does, with phone
numbers as people write them (English by default, Russian with --lang ru)."""

from __future__ import annotations

import dataclasses

import pytest

from strive_desktop.cli import main
from strive_desktop.services import rosters
from strive_desktop.storage.db import Store

from .conftest import person, ship


def _phone_conflict(field: Store, hq: Store) -> None:
    pid = person(field, "Айгүл Өмүрбекова", phone="0700111111")
    ship(field, hq)
    # concurrent edits: headquarters' one is kept (whichever clock was later)
    for st, phone in ((hq, "0700333333"), (field, "0700222222")):
        inp = rosters.get_person(st, pid).to_input()
        rosters.update_person(st, pid, dataclasses.replace(inp, phone=phone))
    assert ship(field, hq)[0].conflicts == 1


def test_conflicts_command_shows_field_names_and_formatted_phones(
        linked, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    _phone_conflict(field, hq)
    hq_dir = hq.folder.root
    hq.close()
    assert main(["--data-dir", str(hq_dir), "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "People Айгүл Өмүрбекова, Phone: kept '+996 700 33 33 33'" in out
    assert "other '+996 700 22 22 22'" in out
    assert "people " not in out and "phone:" not in out
    assert main(["--data-dir", str(hq_dir), "--lang", "ru", "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "Люди Айгүл Өмүрбекова, Телефон: kept '+996 700 33 33 33'" in out
    assert main(["--data-dir", str(hq_dir), "sync-status"]) == 0
    assert "open conflicts to review: 1 (People: Phone)" in capsys.readouterr().out
