"""Property: random edit histories at three field installations and headquarters, packages
exchanged in random order with duplicates and losses (resent later), always converge to the
same dump everywhere, and every value that lost a conflict is in headquarters' conflict list."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from strive_desktop.errors import UserError
from strive_desktop.services import installation, rosters
from strive_desktop.storage.db import Store, open_store
from strive_desktop.sync import export, importer, review
from strive_desktop.sync.merge import Meta, conflicts_of, stamp_text

from ..conftest import NOOKAT, community_dump, copy_folder_db, link, person

NAMES = ["Айгүл Ормонова", "Bakyt Asanov", "Нурлан Өмүров", "Saltanat Ysakova", "Гүлнара Үсөнова",
         "Temir Jumabaev"]
VALUES = ["", "А", "Б", "ң ө ү", "x", "yy"]
FIELDS = ["notes", "organisation", "position"]
SITES = 4  # 0 = headquarters, 1-3 = field offices in Nookat


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sync-template")
    hq = open_store(root / "s0")
    installation.init_installation(hq, name="Bishkek HQ", hq=True)
    fields = []
    for i in (1, 2, 3):
        f = open_store(root / f"s{i}")
        installation.init_installation(f, name=f"Nookat office {i}", community=NOOKAT)
        link(f, hq, root)
        fields.append(f)
    for f in fields:  # everyone knows the link people
        for r in export.export_returns(hq, only=installation.get_installation(f).id):
            importer.import_file(f, r.path)
    for s in (hq, *fields):
        s.close()
    return root


def _clone(template: Path, dest: Path) -> list[Store]:
    stores = []
    for i in range(SITES):
        d = dest / f"s{i}"
        copy_folder_db(template / f"s{i}", d)
        stores.append(open_store(d))
    return stores


_edit = st.tuples(st.just("edit"), st.integers(0, SITES - 1), st.integers(0, 20), st.sampled_from(FIELDS),
                  st.integers(0, len(VALUES) - 1))
op = st.one_of(
    st.tuples(st.just("add"), st.integers(0, SITES - 1), st.integers(0, len(NAMES) - 1)),
    _edit, _edit, _edit,
    st.tuples(st.just("delete"), st.integers(0, SITES - 1), st.integers(0, 20)),
    st.tuples(st.just("export"), st.integers(0, SITES - 1)),
    st.tuples(st.just("group"), st.integers(0, SITES - 1)),
    st.tuples(st.just("member"), st.integers(0, SITES - 1), st.integers(0, 20), st.integers(0, 5)),
    st.tuples(st.just("reverse"), st.integers(0, 5)),
    st.tuples(st.just("deliver"), st.integers(0, 200)),
)


def _alive(store: Store) -> list[str]:
    with store.read() as s:
        return [r[0] for r in s.execute(text("SELECT id FROM people WHERE deleted = 0 ORDER BY id"))]


def _groups(store: Store) -> list[str]:
    with store.read() as s:
        return [r[0] for r in s.execute(text("SELECT id FROM advisory_groups WHERE deleted = 0 ORDER BY id"))]


def _export(stores: list[Store], site: int, pool: list[tuple[Path, int]], names: dict[str, int]) -> None:
    try:
        for r in export.export(stores[site]):
            pool.append((r.path, 0 if site else names[r.recipient]))
    except UserError:  # nothing to export
        pass


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=10, max_size=30), order=st.randoms(use_true_random=False))
def test_random_histories_converge(template: Path, tmp_path_factory: pytest.TempPathFactory, ops, order) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path_factory.mktemp("conv")
    stores = _clone(template, work)
    try:
        names = {f"Nookat office {i}": i for i in (1, 2, 3)}
        pool: list[tuple[Path, int]] = []
        for o in ops:
            kind, *args = o
            if kind == "add":
                person(stores[args[0]], NAMES[args[1]])
            elif kind in ("edit", "delete"):
                alive = _alive(stores[args[0]])
                if not alive:
                    continue
                pid = alive[args[1] % len(alive)]
                if kind == "delete":
                    rosters.delete_person(stores[args[0]], pid)
                else:
                    rec = rosters.get_person(stores[args[0]], pid).to_input()
                    rosters.update_person(stores[args[0]], pid,
                                          dataclasses.replace(rec, **{args[2]: VALUES[args[3]]}))
            elif kind == "group":
                rosters.create_group(stores[args[0]], NOOKAT, f"Кеңеш {len(pool)}-{args[0]}")
            elif kind == "member":
                alive, groups = _alive(stores[args[0]]), _groups(stores[args[0]])
                if alive and groups:
                    try:
                        rosters.add_member(stores[args[0]], alive[args[1] % len(alive)], groups[args[2] % len(groups)])
                    except UserError:  # already a member
                        pass
            elif kind == "reverse":  # headquarters settles a conflict the other way
                open_ = review.list_conflicts(stores[0])
                if open_:
                    review.reverse(stores[0], open_[args[0] % len(open_)].id)
            elif kind == "export":
                _export(stores, args[0], pool, names)
            elif kind == "deliver" and pool:  # any package, possibly again (duplicates)
                path, dest = pool[args[0] % len(pool)]
                res = importer.import_file(stores[dest], path)
                assert res.status in ("applied", "already"), res.message
        # losses are resent: everything in the pool arrives, in a random order
        shuffled = list(pool)
        order.shuffle(shuffled)
        for path, dest in shuffled:
            assert importer.import_file(stores[dest], path).status in ("applied", "already")
        for _ in range(2):  # settle: every office sends, headquarters answers everyone
            for i in (1, 2, 3):
                _export(stores, i, pool, names)
                for path, dest in pool[-1:]:
                    if dest == 0:
                        importer.import_file(stores[0], path)
            for r in export.export_returns(stores[0]):
                importer.import_file(stores[names[r.recipient]], r.path)
        dumps = [json.dumps(community_dump(s, NOOKAT), sort_keys=True) for s in stores]
        assert all(d == dumps[0] for d in dumps), "installations did not converge"
        with stores[0].read() as s:
            listed = {(r[0], r[1], r[2], r[3]) for r in s.execute(
                text("SELECT tbl, rid, field, loser_stamp FROM sync_conflicts"))}
            event(f"conflicts listed: {min(len(listed), 3)}+" if listed else "no conflict")
            for tbl, rid, data in s.execute(text("SELECT tbl, rid, data FROM sync_record_meta")):
                for field, _k, _w, _wv, loser, _lv in conflicts_of(Meta.parse(json.loads(data))):
                    assert (tbl, rid, field, stamp_text(loser)) in listed
    finally:
        for s in stores:
            s.close()
        shutil.rmtree(work, ignore_errors=True)
