"""Who wins a conflict between concurrent changes: never the later clock. Headquarters' change
wins over a field office's; between two offices a stable order decides, the same at every
installation whatever the import order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sqlalchemy import text

from strive_desktop.services import installation, rosters
from strive_desktop.storage.db import Store, open_store
from strive_desktop.sync import export, importer, review

from ..conftest import NOOKAT, community_dump, copy_folder_db, link, person, ship


def _edit(store: Store, pid: str, ahead: dt.timedelta | None = None, **changes: object) -> None:
    """Edit a person; with *ahead*, as on a computer whose clock runs that much ahead."""
    inp = rosters.get_person(store, pid).to_input()
    rosters.update_person(store, pid, dataclasses.replace(inp, **changes))
    if ahead is not None:
        with store.uow() as s:
            s.execute(text("UPDATE people SET updated_at = :t WHERE id = :p"),
                      {"t": dt.datetime.now(dt.UTC).replace(tzinfo=None) + ahead, "p": pid})


def _office(tmp: Path, hq: Store, name: str) -> Store:
    f = open_store(tmp / name)
    installation.init_installation(f, name=name, community=NOOKAT, user_name="Aida")
    (tmp / f"k-{name}").mkdir()
    link(f, hq, tmp / f"k-{name}")
    return f


def _returns(hq: Store, office: Store) -> None:
    for r in export.export_returns(hq, only=installation.get_installation(office).id):
        assert importer.import_file(office, r.path).status == "applied"


def _clone(src: Store, dest: Path) -> Store:
    copy_folder_db(src.folder.root, dest)
    return open_store(dest)


def test_a_change_dated_a_day_ahead_does_not_beat_headquarters(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    p = person(field, "Nurlan Toktogulov")
    ship(field, hq)
    _edit(hq, p, notes="HQ: phone checked")
    _edit(field, p, ahead=dt.timedelta(hours=23), notes="Office: clock ahead")
    res = ship(field, hq)[0]
    assert (res.status, res.conflicts) == ("applied", 1)
    assert rosters.get_person(hq, p).notes == "HQ: phone checked"
    [c] = review.list_conflicts(hq)
    assert (c.winner_value, c.loser_value) == ("HQ: phone checked", "Office: clock ahead")
    ship(hq, field)
    assert rosters.get_person(field, p).notes == "HQ: phone checked"
    assert community_dump(field, NOOKAT) == community_dump(hq, NOOKAT)


def test_an_edit_that_saw_the_other_wins_even_with_an_older_clock(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    p = person(field, "Saltanat Bekova")
    ship(field, hq)
    _edit(hq, p, notes="HQ: first")
    ship(hq, field)
    _edit(field, p, ahead=-dt.timedelta(hours=20), notes="Office: after reading HQ's note")  # clock behind
    res = ship(field, hq)[0]
    assert (res.status, res.conflicts) == ("applied", 0)
    assert rosters.get_person(hq, p).notes == "Office: after reading HQ's note"


def test_two_offices_same_winner_everywhere_whatever_the_order(hq_store: Store, tmp_path: Path) -> None:
    hq = hq_store
    o1, o2 = _office(tmp_path, hq, "Nookat office 1"), _office(tmp_path, hq, "Nookat office 2")
    try:
        p = person(o1, "Gulzat Asanova")
        ship(o1, hq)
        _returns(hq, o2)
        ids = {installation.get_installation(o).id: o for o in (o1, o2)}
        high, low = ids[max(ids)], ids[min(ids)]
        _edit(high, p, notes="honest edit")
        _edit(low, p, ahead=dt.timedelta(hours=23), notes="dated a day ahead")  # within the tolerance
        packages = {o: export.export(o) for o in (o1, o2)}
        hq2 = _clone(hq, tmp_path / "hq-copy")
        try:
            for store, order in ((hq, (o1, o2)), (hq2, (o2, o1))):
                for o in order:
                    [res] = [importer.import_file(store, r.path) for r in packages[o]]
                    assert res.status == "applied", res.message
                assert rosters.get_person(store, p).notes == "honest edit"
                [c] = review.list_conflicts(store)
                assert (c.winner_value, c.loser_value) == ("honest edit", "dated a day ahead")
            assert community_dump(hq, NOOKAT) == community_dump(hq2, NOOKAT)
        finally:
            hq2.close()
        for o in (o1, o2):
            _returns(hq, o)
            assert rosters.get_person(o, p).notes == "honest edit"
            assert community_dump(o, NOOKAT) == community_dump(hq, NOOKAT)
    finally:
        o1.close()
        o2.close()
