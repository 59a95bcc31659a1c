"""The import's fast path (checks unrolled per table) accepts a record only when the full
validation would accept it too, with the same winning values and row stamp; records as the
exporter writes them do take the fast path."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from strive_desktop.storage.db import Store
from strive_desktop.sync import importer, keys
from strive_desktop.sync.authority import Sender
from strive_desktop.sync.merge import TABLES

from ..conftest import NOOKAT

INST = "5f0c7e4e-1111-4222-8333-944444444444"
TS = "2026-11-20T09:00:00.000000"
PEOPLE = {"birth_year": 1981, "community_id": NOOKAT, "consent_date": "2026-03-01", "created_at": TS,
          "deleted": False, "dup_key": "toktogulov tologon", "full_name": "Токтогулов Төлөгөн",
          "kept_apart": "", "merge_moves": "", "merged_into": None,
          "name_key": "toktogulov tologon", "notes": "", "organisation": "Айыл өкмөтү", "phone": "+996555000001",
          "pin": None, "position": "", "sector": "youth", "sex": "m"}
ODD = [None, True, False, 0, 1, -1, 1.5, "", "x", "x" * 300, "2026-03-01", "2026-3-1", "20260301", "2026-W09-1",
       "2026-02-30", TS, "2026-11-20T09:00:00", "2026-11-20 09:00:00.000000", TS + "+00:00", [1], {"a": 1}, [[0, 1]]]

NEAR = {"date": ["2026-03-01", "2026-3-1", "20260301", "2026-W09-1", "2026-02-30", "2026-03-01T00:00:00"],
        "datetime": [TS, "2026-11-20T09:00:00", "2026-11-20 09:00:00.000000", TS + "+00:00", TS[:-7] + "Z",
                     "2026-11-20T09:00:00.000", "2026-11-20T24:00:00.000000", "20261120T090000.000000"],
        "str": ["", "ң ө ү", "x" * 14, "x" * 15, "x" * 20, "x" * 21, "x" * 36, "x" * 37, "x" * 40, "x" * 41,
                "x" * 200, "x" * 201],
        "int": [0, -5, 2 ** 70, 1.0, True], "bool": [True, False, 0, 1], "float": [0.5, 1, True]}


def record(fields: dict[str, Any] | None = None) -> dict:
    f = {k: [[0, v]] for k, v in sorted((fields or PEOPLE).items())}
    return {"id": "0000aaaa-0000-4000-8000-000000000001", "f": f, "s": [[INST, 7, TS, {}]], "vv": {INST: 7}}


@pytest.fixture
def apply(hq_store: Store) -> Iterator[importer._Apply]:
    with hq_store.read() as s:  # rolled back at the end
        ap = importer._Apply(s.connection(), keys.load_identity(hq_store),
                             {"package_id": "t", "range": [1, 7], "created_at": TS}, importer.ImportResult(file="t"),
                             Sender(INST, "Nookat office", NOOKAT, False))
        yield ap


def test_a_record_as_the_exporter_writes_it_takes_the_fast_path() -> None:
    rec = record()
    fast = importer.fast_doc(TABLES["people"], rec)
    assert fast is not None
    text_, winners, stamp = fast
    assert winners == PEOPLE and stamp == (INST, 7, TS)
    assert json.loads(text_) == {k: v for k, v in rec.items() if k != "id"}


mutation = st.one_of(
    st.sampled_from(sorted(PEOPLE)).flatmap(lambda name: st.tuples(
        st.just("value"), st.just(name), st.sampled_from(NEAR.get(TABLES["people"].cols[name].kind, []) + ODD))),
    st.tuples(st.just("write"), st.sampled_from(sorted(PEOPLE)),
              st.sampled_from([[[1, "v"]], [[True, "v"]], [[-1, "v"]], [[0, "v"], [0, "w"]], [0, "v"], [[0]], [], "v"])),
    st.tuples(st.just("stamp"), st.integers(0, 3), st.sampled_from(NEAR["datetime"] + ODD)),
    st.tuples(st.just("vv"), st.just(""), st.sampled_from(ODD)),
    st.tuples(st.just("drop"), st.sampled_from(sorted(PEOPLE)), st.none()),
    st.tuples(st.just("second"), st.sampled_from(sorted(PEOPLE)), st.sampled_from(["2026-11-20T10:00:00.000000",
                                                                                   "2026-11-20T08:00:00.000000"])),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(mutation, min_size=1, max_size=2))
def test_the_fast_path_never_accepts_what_the_full_checks_refuse(apply: importer._Apply, muts: list) -> None:
    info = TABLES["people"]
    rec = copy.deepcopy(record())
    for kind, name, v in muts:
        if kind == "value":
            rec["f"][name] = [[0, v]]
        elif kind == "write":
            rec["f"][name] = copy.deepcopy(v)
        elif kind == "stamp":
            rec["s"][0][name] = v
        elif kind == "vv":
            rec["vv"] = {INST: v}
        elif kind == "drop":
            rec["f"].pop(name, None)
        elif kind == "second":  # a second write for one field (valid when the stamps are in order)
            rec["s"] = [*rec["s"][:1], [INST, 8, v, {INST: 7}]]
            rec["f"][name] = [[1, PEOPLE[name]]]
    fast = importer.fast_doc(info, rec)
    event("fast path" if fast is not None else "full path")
    if fast is None:
        return
    why, meta = apply.problem(info, rec)
    assert why is None, (why, rec)
    assert meta is not None and meta.winners() == fast[1] and meta.row_stamp() == fast[2]
    assert fast[0] == meta.dumps()  # the merge state is stored in its one canonical spelling


def _agrees(ap: importer._Apply, rec: dict) -> bool:
    """Does the fast path agree with the full checks on *rec*? Returns whether it took it."""
    info = TABLES["people"]
    fast = importer.fast_doc(info, rec)
    if fast is None:
        return False
    why, meta = ap.problem(info, rec)
    assert why is None, (why, rec)
    assert meta is not None and meta.winners() == fast[1] and meta.row_stamp() == fast[2]
    assert fast[0] == meta.dumps()  # the merge state is stored in its one canonical spelling
    return True


def test_every_field_with_every_awkward_value(apply: importer._Apply) -> None:
    taken = 0
    for name in sorted(PEOPLE):
        col = TABLES["people"].cols[name]
        edges = ["x" * n for n in (col.length - 1, col.length, col.length + 1)] if col.length else []
        for v in NEAR.get(col.kind, []) + ODD + edges:
            rec = record()
            rec["f"][name] = [[0, v]]
            taken += _agrees(apply, rec)
    for v in NEAR["datetime"] + ODD:
        rec = record()
        rec["s"][0][2] = v
        taken += _agrees(apply, rec)
    for name in ("notes", "phone", "pin"):  # a second write: its index must be that stamp's (an int)
        for i in (1, 2, -1, True, 1.0):
            rec = record()
            rec["s"].append([INST, 8, "2026-11-20T10:00:00.000000", {INST: 7}])
            rec["f"][name] = [[i, "later"]]
            taken += _agrees(apply, rec)
    assert taken > 40  # the valid ones did take the fast path
