"""Nothing waits forever: a record whose parent cannot arrive any more (its sender's packages up
to the one that brought it are all here, with no gap, and none held the parent) is set aside with
its reason; while an earlier package of its sender is missing, it keeps waiting."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from sqlalchemy import text

from strive_desktop.services import installation, rosters
from strive_desktop.storage.db import Store
from strive_desktop.sync import export, importer, keys, labels, status

from ..conftest import NOOKAT, person, ship
from .test_malicious_office import forge, new, put


def _pending(store: Store) -> int:
    with store.read() as s:
        return int(s.execute(text("SELECT COUNT(*) FROM sync_pending")).scalar() or 0)


def _orphan_membership(field: Store, group: str, n: int) -> tuple[dict, str]:
    """A membership written by *field* (change *n*) of a person who exists nowhere."""
    ghost = str(uuid.uuid4())
    me = keys.load_identity(field).installation_id
    return new("memberships", me, n, {"person_id": ghost, "group_id": group, "role": "member"}), ghost


def test_a_parent_that_exists_nowhere_does_not_keep_its_record_waiting(linked: tuple[Store, Store],
                                                                       tmp_path: Path) -> None:
    field, hq = linked
    group = rosters.create_group(field, NOOKAT, "Ноокат кеңеши")
    ship(field, hq)
    n = installation.get_installation(field).counter + 1
    rec, ghost = _orphan_membership(field, group, n)
    res = put(hq, forge(field, hq, {"memberships": [rec]}, range_=(n, n)), tmp_path)
    assert (res.status, res.added, res.set_aside, res.pending) == ("applied", 0, 1, 1)
    assert _pending(hq) == 0
    [item] = status.set_aside(hq)
    reason = f"its parent record (people:{ghost}) is in no package of its sender up to this one, so it can never arrive"
    assert (item.table, item.record_id, item.reason) == ("memberships", rec["id"], reason)
    assert status.waiting_for_parents(hq) == 0


def test_an_earlier_package_still_missing_keeps_the_record_waiting(linked: tuple[Store, Store],
                                                                   tmp_path: Path) -> None:
    field, hq = linked
    group = rosters.create_group(field, NOOKAT, "Ноокат кеңеши")
    ship(field, hq)
    p = person(field, "Бермет Сыдыкова")  # its package is delivered late
    late = export.export_changes(field)
    n = late.last + 1
    rec, ghost = _orphan_membership(field, group, n)
    res = put(hq, forge(field, hq, {"memberships": [rec]}, range_=(n, n)), tmp_path)
    assert (res.set_aside, res.pending) == (0, 1)  # the person's package may still bring the parent
    assert _pending(hq) == 1
    res = importer.import_file(hq, late.path)
    assert (res.status, res.added, res.set_aside) == ("applied", 1, 1)
    assert rosters.get_person(hq, p).full_name == "Бермет Сыдыкова"
    assert _pending(hq) == 0
    assert [a.reason for a in status.set_aside(hq)] == [
        f"its parent record (people:{ghost}) is in no package of its sender up to this one, so it can never arrive"]


def test_honest_packages_in_reverse_order_are_all_applied(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    group = rosters.create_group(field, NOOKAT, "Ноокат кеңеши")
    p = person(field, "Азамат Жээнбеков")
    first = export.export_changes(field)
    rosters.add_member(field, p, group)
    inp = rosters.get_person(field, p).to_input()
    rosters.update_person(field, p, dataclasses.replace(inp, notes="after the first package"))
    second = export.export_changes(field)
    res = importer.import_file(hq, second.path)
    assert res.set_aside == 0 and _pending(hq) >= 1
    res = importer.import_file(hq, first.path)
    assert (res.status, res.set_aside) == ("applied", 0)
    assert _pending(hq) == 0 and status.set_aside(hq) == []
    assert [m.person_id for m in rosters.list_members(hq, group)] == [p]


def test_the_reason_is_shown_in_the_users_language() -> None:
    reason = "its parent record (people:1234) is in no package of its sender up to this one, so it can never arrive"
    seen = []

    def translate(context: str, source: str) -> str:
        seen.append((context, source))
        return "RU " + source

    shown = labels.reason_label(reason, translate)
    assert shown == "RU its parent record (people:1234) is in no package of its sender up to this one, so it can never arrive"
    assert seen[0][1] == "its parent record ({parent}) is in no package of its sender up to this one, so it can never arrive"
    assert labels.reason_label("something else", translate) == "something else"


def test_the_sync_page_and_sync_status_show_the_reason_in_russian(  # type: ignore[no-untyped-def]
        qtbot, language, linked: tuple[Store, Store], tmp_path: Path, capsys) -> None:
    from strive_desktop.cli import main

    from ..gui.pages.test_sync import _cells, _page

    field, hq = linked
    group = rosters.create_group(field, NOOKAT, "Ноокат кеңеши")
    ship(field, hq)
    n = installation.get_installation(field).counter + 1
    rec, ghost = _orphan_membership(field, group, n)
    assert put(hq, forge(field, hq, {"memberships": [rec]}, range_=(n, n)), tmp_path).set_aside == 1
    ru = (f"его родительской записи (people:{ghost}) нет ни в одном пакете отправителя до этого, "
          "поэтому она уже не придёт")
    language("ru")
    page = _page(qtbot, hq)
    page.resize(1366, 768)
    page.tabs.setCurrentIndex(page.aside_tab)
    qtbot.waitUntil(lambda: page.aside.rowCount() == 1, timeout=10000)
    assert _cells(page.aside)[0][-1] == ru
    assert page.grab().save(str(tmp_path / "sync-aside-ru.png"))
    page.close()
    hq_dir = hq.folder.root
    hq.close()
    assert main(["--data-dir", str(hq_dir), "--lang", "ru", "sync-status"]) == 0
    assert ru in capsys.readouterr().out


def _hq_return(hq: Store, field: Store, records: dict[str, list[dict]], rng: tuple[int, int]) -> bytes:
    """A return package from headquarters (its genuine key) holding exactly *records*."""
    import json

    from strive_desktop import __version__
    from strive_desktop.storage.models import utcnow
    from strive_desktop.storage.schema import HEAD
    from strive_desktop.sync import FORMAT_VERSION, package

    me, them = keys.load_identity(hq), keys.load_identity(field)
    pid, created = str(uuid.uuid4()), utcnow().isoformat()
    entries = {f"records/{t}.jsonl": b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in recs)
               for t, recs in records.items()}
    manifest = {"format": FORMAT_VERSION, "schema": HEAD, "app_version": __version__, "package_id": pid,
                "kind": "return", "sender": me.installation_id, "sender_name": me.name,
                "recipient": them.installation_id, "community_id": None, "range": list(rng), "full": False,
                "created_at": created, "counts": {t: len(r) for t, r in records.items()}}
    header = {"format": FORMAT_VERSION, "package_id": pid, "kind": "return", "range": list(rng),
              "created_at": created, "app_version": __version__}
    return package.seal(me, {"id": them.installation_id, "name": them.name, "box_pub": them.box_pub}, header,
                        package.build_zip(manifest, entries))


def test_at_a_field_office_a_parent_headquarters_never_sent_does_not_keep_its_record_waiting(
        linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    group = rosters.create_group(field, NOOKAT, "Ноокат кеңеши")
    ship(field, hq)
    ship(hq, field)  # headquarters' return packages so far: all here
    with hq.read() as s:
        last = int(s.execute(text("SELECT MAX(last) FROM sync_packages WHERE direction = 'out'")).scalar() or 0)
    hq_id = keys.load_identity(hq).installation_id
    ghost = str(uuid.uuid4())
    rec = new("memberships", hq_id, 500, {"person_id": ghost, "group_id": group, "role": "member"})
    later = _hq_return(hq, field, {"memberships": [rec]}, (last + 2, last + 2))
    res = put(field, later, tmp_path, "later.strive")
    assert (res.status, res.set_aside, res.pending) == ("applied", 0, 1)  # return package last+1 may bring it
    res = put(field, _hq_return(hq, field, {}, (last + 1, last + 1)), tmp_path, "gap.strive")
    assert (res.status, res.set_aside) == ("applied", 1)
    assert _pending(field) == 0
    assert [a.reason for a in status.set_aside(field)] == [
        f"its parent record (people:{ghost}) is in no package of its sender up to this one, so it can never arrive"]
