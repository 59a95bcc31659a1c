"""Property: two honest Nookat offices and a Kochkor office that, besides its honest packages,
sends forged ones (signed with its genuine key) touching Nookat's records. In any order, with
duplicates, everyone still converges, and no forged change is anywhere."""

from __future__ import annotations

import dataclasses
import json
import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from strive_desktop.errors import UserError
from strive_desktop.services import installation, maintenance, rosters
from strive_desktop.storage.db import Store, open_store
from strive_desktop.sync import export, importer, keys

from ..conftest import KOCHKOR, NOOKAT, community_dump, copy_folder_db, link, person
from .test_malicious_office import edit, forge, new, state

SITES = 4  # 0 headquarters, 1-2 Nookat offices, 3 the Kochkor office
MARK = "FORGED"


@pytest.fixture(scope="module")
def forged_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("forged-template")
    hq = open_store(root / "s0")
    installation.init_installation(hq, name="Bishkek HQ", hq=True)
    offices = []
    for i, (name, cid) in enumerate((("Nookat office 1", NOOKAT), ("Nookat office 2", NOOKAT),
                                     ("Kochkor office", KOCHKOR)), start=1):
        f = open_store(root / f"s{i}")
        installation.init_installation(f, name=name, community=cid)
        (root / f"k{i}").mkdir()
        link(f, hq, root / f"k{i}")
        offices.append(f)
    for f in offices:
        for r in export.export_returns(hq, only=installation.get_installation(f).id):
            importer.import_file(f, r.path)
    for s in (hq, *offices):
        s.close()
    return root


op = st.one_of(
    st.tuples(st.just("add"), st.integers(1, 3), st.integers(0, 5)),
    st.tuples(st.just("edit"), st.integers(1, 3), st.integers(0, 20), st.integers(0, 5)),
    st.tuples(st.just("export"), st.integers(0, 3)),
    st.tuples(st.just("forge"), st.sampled_from(["rename", "move", "member", "author", "future", "claim"]),
              st.integers(0, 20)),
    st.tuples(st.just("deliver"), st.integers(0, 200)),
)


def _people(store: Store, cid: str) -> list[str]:
    with store.read() as s:
        return [r[0] for r in s.execute(text("SELECT id FROM people WHERE deleted = 0 AND community_id = :c "
                                             "ORDER BY id"), {"c": cid})]


def _forge(stores: list[Store], kind: str, k: int, tmp: Path) -> Path | None:
    hq, kochkor = stores[0], stores[3]
    targets = _people(hq, NOOKAT)
    if not targets:
        return None
    pid = targets[k % len(targets)]
    me = keys.load_identity(kochkor).installation_id
    n = installation.get_installation(kochkor).counter + 1
    base = state(hq, "people", pid)
    records: dict[str, list[dict]] = {}
    claim = None
    if kind in ("rename", "claim"):
        records["people"] = [edit(base, pid, me, n, {"full_name": f"{MARK} {k}"})]
        claim = {"community_id": NOOKAT} if kind == "claim" else None
    elif kind == "move":
        records["people"] = [edit(base, pid, me, n, {"community_id": KOCHKOR, "notes": MARK})]
    elif kind == "author":
        hq_id = keys.load_identity(hq).installation_id
        records["people"] = [edit(base, pid, hq_id, 99999, {"notes": MARK})]
    elif kind == "future":
        records["people"] = [edit(base, pid, me, n, {"notes": MARK}, ts="9999-12-31T00:00:00.000000")]
    else:
        groups = rosters.list_groups(kochkor, KOCHKOR)
        if not groups:
            return None
        records["memberships"] = [new("memberships", me, n, {"person_id": pid, "group_id": groups[0].id,
                                                             "role": MARK})]
    f = tmp / f"forged-{uuid.uuid4().hex[:8]}.strive"
    f.write_bytes(forge(kochkor, hq, records, claim=claim))
    return f


def _export(stores: list[Store], site: int, pool: list[tuple[Path, int]], names: dict[str, int]) -> None:
    try:
        for r in export.export(stores[site]):
            pool.append((r.path, 0 if site else names[r.recipient]))
    except UserError:
        pass


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=8, max_size=18), order=st.randoms(use_true_random=False))
def test_honest_and_forged_packages_converge_without_any_forged_change(  # type: ignore[no-untyped-def]
        forged_template: Path, tmp_path_factory: pytest.TempPathFactory, ops, order) -> None:
    work = tmp_path_factory.mktemp("forged")
    stores = []
    for i in range(SITES):
        copy_folder_db(forged_template / f"s{i}", work / f"s{i}")
        stores.append(open_store(work / f"s{i}"))
    try:
        names = {"Nookat office 1": 1, "Nookat office 2": 2, "Kochkor office": 3}
        rosters.create_group(stores[3], KOCHKOR, "Кочкор кеңеши")
        pool: list[tuple[Path, int]] = []
        for kind, *args in ops:
            if kind == "add":
                person(stores[args[0]], ["Айгүл Ормонова", "Bakyt Asanov", "Нурлан Өмүров", "Saltanat Ysakova",
                                         "Гүлнара Үсөнова", "Temir Jumabaev"][args[1]],
                       KOCHKOR if args[0] == 3 else NOOKAT)
            elif kind == "edit":
                alive = _people(stores[args[0]], KOCHKOR if args[0] == 3 else NOOKAT)
                if alive:
                    pid = alive[args[1] % len(alive)]
                    inp = rosters.get_person(stores[args[0]], pid).to_input()
                    rosters.update_person(stores[args[0]], pid, dataclasses.replace(inp, notes=f"n{args[2]}"))
            elif kind == "export":
                _export(stores, args[0], pool, names)
            elif kind == "forge":
                f = _forge(stores, args[0], args[1], work)
                if f is not None:
                    pool.append((f, 0))
            elif kind == "deliver" and pool:
                path, dest = pool[args[0] % len(pool)]
                importer.import_file(stores[dest], path)
        shuffled = list(pool)
        order.shuffle(shuffled)
        for path, dest in shuffled:
            importer.import_file(stores[dest], path)
        for _ in range(2):
            for i in (1, 2, 3):
                before = len(pool)
                _export(stores, i, pool, names)
                for path, _dest in pool[before:]:
                    assert importer.import_file(stores[0], path).status in ("applied", "already")
            for r in export.export_returns(stores[0]):
                importer.import_file(stores[names[r.recipient]], r.path)
        nookat = [json.dumps(community_dump(s, NOOKAT), sort_keys=True) for s in stores[:3]]
        assert nookat[0] == nookat[1] == nookat[2], "Nookat's records did not converge"
        kochkor = [json.dumps(community_dump(s, KOCHKOR), sort_keys=True) for s in (stores[0], stores[3])]
        assert kochkor[0] == kochkor[1], "Kochkor's records did not converge"
        for s in stores:
            assert MARK not in json.dumps(maintenance.dump(s), ensure_ascii=False)
    finally:
        for s in stores:
            s.close()
        shutil.rmtree(work, ignore_errors=True)
