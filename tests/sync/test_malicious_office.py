"""A malicious office: the Kochkor office, accepted by headquarters, signs packages of its own
making with its genuine key. Whatever they say, headquarters applies only what the Kochkor office
owns; Nookat's records stay as they were, at headquarters and in every return package."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import errno
import json
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from strive_desktop import __version__
from strive_desktop.catalog import translator
from strive_desktop.services import installation, plans, rosters, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import Store
from strive_desktop.storage.models import SYNCED_MODELS, utcnow
from strive_desktop.storage.schema import HEAD
from strive_desktop.sync import FORMAT_VERSION, export, importer, keys, package, status
from strive_desktop.sync.authority import RULES
from strive_desktop.sync.merge import TABLES

from ..conftest import KOCHKOR, NOOKAT, community_dump, link, person, ship

NOW = utcnow().isoformat(timespec="microseconds")


# ---- the forger ------------------------------------------------------------------------------

def forge(sender: Store, hq: Store, records: dict[str, list[dict]], *, audit: list[dict] | None = None,
          range_: tuple[int, int] | None = None, claim: dict[str, Any] | None = None, package_id: str | None = None,
          created_at: str | None = None, extra: dict[str, bytes] | None = None,
          manifest_over: dict[str, Any] | None = None) -> bytes:
    """A package with exactly these records (and audit rows), signed with *sender*'s real key
    and sealed for *hq*. *claim* overrides what the header says about the sender (community_id,
    is_hq); the signature stays genuine."""
    me = keys.load_identity(sender)
    if claim:
        me = dataclasses.replace(me, **claim)
    them = keys.load_identity(hq)
    pid = package_id or str(uuid.uuid4())
    first, last = range_ or (1, installation.get_installation(sender).counter + 20)
    created = created_at or utcnow().isoformat()
    entries = {f"records/{t}.jsonl": b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in recs)
               for t, recs in records.items()}
    if audit:
        entries["audit.jsonl"] = b"".join(json.dumps(a, ensure_ascii=False).encode() + b"\n" for a in audit)
    entries.update(extra or {})
    manifest = {"format": FORMAT_VERSION, "schema": HEAD, "app_version": __version__, "package_id": pid,
                "kind": "changes", "sender": me.installation_id, "sender_name": me.name,
                "recipient": them.installation_id, "community_id": me.community_id, "range": [first, last],
                "full": False, "created_at": created, "counts": {t: len(r) for t, r in records.items()}}
    manifest.update(manifest_over or {})
    header = {"format": FORMAT_VERSION, "package_id": pid, "kind": "changes", "range": [first, last],
              "created_at": created, "app_version": __version__}
    return package.seal(me, {"id": them.installation_id, "name": them.name, "box_pub": them.box_pub}, header,
                        package.build_zip(manifest, entries))


def state(store: Store, tbl: str, rid: str) -> dict:
    """The merge state *store* holds for a record (what an office received for it)."""
    with store.read() as s:
        data = s.execute(text("SELECT data FROM sync_record_meta WHERE tbl = :t AND rid = :r"),
                         {"t": tbl, "r": rid}).scalar()
    assert data, (tbl, rid)
    return json.loads(data)


def edit(base: dict, rid: str, author: str, n: int, changes: dict[str, Any], ts: str = NOW,
         ctx: dict[str, int] | None = None) -> dict:
    """*base* (a merge state) with one more write by *author* #*n* of *changes*."""
    doc = copy.deepcopy(base)
    doc["s"].append([author, n, ts, dict(doc["vv"]) if ctx is None else ctx])
    i = len(doc["s"]) - 1
    for k, v in changes.items():
        doc["f"][k] = [[i, v]]
    doc["vv"][author] = max(doc["vv"].get(author, 0), n)
    return {"id": rid, **doc}


def new(tbl: str, author: str, n: int, values: dict[str, Any], rid: str | None = None, ts: str = NOW) -> dict:
    """A new record of *tbl*: every field (defaults for the ones not given), one write."""
    f: dict[str, Any] = {}
    for name, col in TABLES[tbl].cols.items():
        if name not in TABLES[tbl].fields:
            continue
        default = {"str": "", "int": 0, "float": 0.0, "bool": False, "json": {}, "date": "2026-03-02",
                   "datetime": NOW}[col.kind]
        f[name] = [[0, values.get(name, None if col.nullable and name not in values else default)]]
    assert set(values) <= set(f), set(values) - set(f)
    return {"id": rid or str(uuid.uuid4()), "f": f, "s": [[author, n, ts, {}]], "vv": {author: n}}


def put(store: Store, data: bytes, tmp: Path, name: str = "forged.strive") -> importer.ImportResult:
    f = tmp / name
    f.write_bytes(data)
    return importer.import_file(store, f)


def shown(res: importer.ImportResult, lang: str) -> str:
    """The refusal as the Sync page and the CLI's ``import --lang`` write it in *lang*."""
    return res.summary().render(translator(lang))


def return_text(hq: Store, *offices: Store) -> str:
    """Everything headquarters would send back to the offices (every record, full packages)."""
    out = []
    for r in export.export_returns(hq, full=True):
        for office in offices:
            try:
                pkg = package.open_package(r.path.read_bytes(), r.path.name, keys.load_identity(office),
                                           keys.load_identity(hq).sign_pub, True)
            except package.PackageRejected:
                continue
            out += [v.decode() for v in pkg.entries.values()]
    return "\n".join(out)


def reasons(hq: Store) -> list[str]:
    return [a.reason for a in status.set_aside(hq)]


# ---- the scene: Nookat and Kochkor offices, both accepted --------------------------------------

@dataclasses.dataclass
class Scene:
    hq: Store
    nookat: Store
    kochkor: Store
    tmp: Path
    ids: dict[str, str]

    @property
    def k(self) -> str:
        return keys.load_identity(self.kochkor).installation_id

    def n(self, extra: int = 1) -> int:
        return installation.get_installation(self.kochkor).counter + extra

    def nookat_at_hq(self) -> dict:
        return community_dump(self.hq, NOOKAT)


@pytest.fixture
def scene(store: Store, hq_store: Store, kochkor_store: Store, tmp_path: Path) -> Scene:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    link(store, hq_store, tmp_path / "a")
    link(kochkor_store, hq_store, tmp_path / "b")
    ids: dict[str, str] = {}
    ids["group"] = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    ids["person"] = person(store, "Айгүл Ормонова")
    ids["membership"] = rosters.add_member(store, ids["person"], ids["group"])
    ids["training"] = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))
    ids["session"] = trainings.get_training(store, ids["training"]).sessions[0].id
    trainings.record_attendance(store, ids["session"], ids["person"], True)
    ids["plan"] = plans.create_plan(store, NOOKAT, plans.PlanDraft(
        "Ноокат планы", activities=[plans.ActivityInput("Жаштар фестивалы", budget_project=1000)]))
    ids["kperson"] = person(kochkor_store, "Бакыт Асанов", KOCHKOR)
    ids["kgroup"] = rosters.create_group(kochkor_store, KOCHKOR, "Кочкор кеңеши")
    assert ship(store, hq_store)[0].status == "applied"
    assert ship(kochkor_store, hq_store)[0].status == "applied"
    ship(hq_store, store)
    ship(hq_store, kochkor_store)
    return Scene(hq_store, store, kochkor_store, tmp_path, ids)


def assert_untouched(sc: Scene, before: dict, marker: str) -> None:
    """Nookat's records at headquarters as before, and nothing forged in any return package or
    at the Nookat office."""
    assert sc.nookat_at_hq() == before
    assert marker not in return_text(sc.hq, sc.nookat, sc.kochkor)
    ship(sc.hq, sc.nookat)
    assert community_dump(sc.nookat, NOOKAT) == before


# ---- rule 1: identity from the key -------------------------------------------------------------

def test_a_header_claiming_nookat_is_refused_and_nothing_applied(scene: Scene) -> None:
    sc = scene
    before = sc.nookat_at_hq()
    base = state(sc.hq, "people", sc.ids["person"])
    rec = edit(base, sc.ids["person"], sc.k, sc.n(), {"full_name": "FORGED NAME"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}, claim={"community_id": NOOKAT}), sc.tmp)
    assert res.status == "rejected" and "claims another community or role" in res.message
    assert_untouched(sc, before, "FORGED NAME")


def test_a_header_claiming_headquarters_cannot_rename_a_community(scene: Scene) -> None:
    sc = scene
    before = sc.nookat_at_hq()
    rec = edit(state(sc.hq, "communities", NOOKAT), NOOKAT, sc.k, sc.n(), {"name_en": "HACKED"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"communities": [rec]}, claim={"is_hq": True, "community_id": None}),
              sc.tmp)
    assert res.status == "rejected"
    assert installation.get_community(sc.hq, NOOKAT).name_en == "Nookat"
    assert_untouched(sc, before, "HACKED")


def test_a_community_renamed_with_an_honest_header_is_set_aside(scene: Scene) -> None:
    sc = scene
    before = sc.nookat_at_hq()
    rec = edit(state(sc.hq, "communities", NOOKAT), NOOKAT, sc.k, sc.n(), {"name_en": "HACKED"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"communities": [rec]}), sc.tmp)
    assert res.status == "applied" and res.set_aside == 1 and res.updated == 0
    assert reasons(sc.hq) == ["only headquarters changes shared reference data"]
    assert_untouched(sc, before, "HACKED")


# ---- rule 2: ownership, on the stored record and the incoming one --------------------------------

def test_a_nookat_person_rewritten_by_kochkor_is_set_aside(scene: Scene) -> None:
    sc = scene
    before = sc.nookat_at_hq()
    rec = edit(state(sc.hq, "people", sc.ids["person"]), sc.ids["person"], sc.k, sc.n(), {"full_name": "FORGED NAME"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}), sc.tmp)
    assert (res.status, res.set_aside, res.updated) == ("applied", 1, 0)
    assert reasons(sc.hq) == ["it belongs to another community than its sender"]
    assert_untouched(sc, before, "FORGED NAME")


def test_a_stored_nookat_person_without_merge_state_sent_as_new_by_kochkor_is_set_aside(scene: Scene) -> None:
    """A record stored here but with no merge state (as if it came in before sync kept one),
    sent by Kochkor as a brand-new record of its own: still checked against the stored owner
    (on PostgreSQL the plain COPY of a wholly new chunk clashes, and the check runs then)."""
    sc = scene
    with sc.hq.uow() as s:
        s.execute(text("DELETE FROM sync_record_meta WHERE tbl = 'people' AND rid = :r"), {"r": sc.ids["person"]})
    before = sc.nookat_at_hq()
    rec = new("people", sc.k, sc.n(), {"community_id": KOCHKOR, "full_name": "FORGED NEW", "sex": "f",
                                       "sector": "youth"}, rid=sc.ids["person"])
    other = new("people", sc.k, sc.n(2), {"community_id": KOCHKOR, "full_name": "Нурлан Бакиев", "sex": "m",
                                          "sector": "youth"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec, other]}), sc.tmp)
    assert (res.status, res.set_aside, res.added) == ("applied", 1, 1)
    assert reasons(sc.hq) == ["the record belongs to another community here; only headquarters moves records "
                              "between communities"]
    assert sc.nookat_at_hq() == before
    assert rosters.get_person(sc.hq, other["id"]).full_name == "Нурлан Бакиев"


def test_a_nookat_person_moved_into_kochkor_is_set_aside_and_nookat_edits_still_arrive(scene: Scene) -> None:
    sc = scene
    before = sc.nookat_at_hq()
    nookat_id = keys.load_identity(sc.nookat).installation_id
    base = state(sc.hq, "people", sc.ids["person"])
    claimed = dict(base["vv"], **{nookat_id: 99999})  # "seen every change Nookat will ever make"
    rec = edit(base, sc.ids["person"], sc.k, sc.n(), {"community_id": KOCHKOR, "full_name": "MOVED"}, ctx=claimed)
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}), sc.tmp)
    assert res.status == "rejected" and "claims to have seen changes" in res.message
    rec = edit(base, sc.ids["person"], sc.k, sc.n(), {"community_id": KOCHKOR, "full_name": "MOVED"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}), sc.tmp, "moved.strive")
    assert (res.status, res.set_aside, res.updated) == ("applied", 1, 0)
    assert reasons(sc.hq) == ["the record belongs to another community here; only headquarters moves records "
                              "between communities"]
    assert_untouched(sc, before, "MOVED")
    # the genuine office's later edit is applied, and both sides agree
    rosters.update_person(sc.nookat, sc.ids["person"], rosters.PersonInput(
        full_name="Айгүл Ормонова-Токтосун", sex="f", sector="youth", community_id=NOOKAT))
    res = ship(sc.nookat, sc.hq)[0]
    assert res.updated == 1
    assert rosters.get_person(sc.hq, sc.ids["person"]).full_name == "Айгүл Ормонова-Токтосун"
    ship(sc.hq, sc.nookat)
    assert community_dump(sc.nookat, NOOKAT) == sc.nookat_at_hq()


CHILDREN = ["membership", "session_attendance", "certificate", "budget_line", "membership_deleted", "revision"]


def _child(sc: Scene, case: str) -> tuple[dict[str, list[dict]], str]:
    k, n, ids = sc.k, sc.n(), sc.ids
    if case == "membership":  # a Nookat person into a Kochkor group
        rec = new("memberships", k, n, {"person_id": ids["person"], "group_id": ids["kgroup"], "role": "member",
                                        "joined_on": "2026-03-03"})
        return {"memberships": [rec]}, rec["id"]
    if case == "session_attendance":
        sid = str(uuid.uuid4())
        return {"training_sessions": [new("training_sessions", k, n, {"training_id": ids["training"], "hours": 666.25},
                                          rid=sid)],
                "attendance": [new("attendance", k, n + 1, {"session_id": sid, "person_id": ids["kperson"],
                                                            "present": True})]}, "666.25"  # (no UUID has a dot)
    if case == "certificate":
        return {"certificates": [new("certificates", k, n, {"training_id": ids["training"], "person_id": ids["person"],
                                                            "serial": "FAKE-NOOKAT-0001",
                                                            "verification_code": "X"})]}, "FAKE-NOOKAT-0001"
    if case == "budget_line":
        return {"plan_activities": [new("plan_activities", k, n, {"plan_id": ids["plan"], "title": "Бюджет",
                                                                  "budget_project": 99_999_999,
                                                                  "status": "planned"})]}, "99999999"
    if case == "revision":
        return {"plan_revisions": [new("plan_revisions", k, n, {"plan_id": ids["plan"], "number": 7,
                                                                "note": "FORGED REVISION"})]}, "FORGED REVISION"
    assert case == "membership_deleted"
    base = state(sc.hq, "memberships", ids["membership"])
    return {"memberships": [edit(base, ids["membership"], k, n, {"deleted": True, "left_on": "2026-12-31"})]}, \
        "2026-12-31"


@pytest.mark.parametrize("case", CHILDREN)
def test_a_child_of_a_nookat_record_is_set_aside(scene: Scene, case: str) -> None:
    sc = scene
    before = sc.nookat_at_hq()
    records, marker = _child(sc, case)
    res = put(sc.hq, forge(sc.kochkor, sc.hq, records), sc.tmp)
    assert res.status == "applied" and res.added == res.updated == 0 and res.pending == 0, res
    assert res.set_aside == sum(len(r) for r in records.values())
    found = reasons(sc.hq)
    assert "it belongs to another community than its sender" in found
    assert set(found) <= {"it belongs to another community than its sender",
                          "its parent record (training_sessions:" + records.get("training_sessions", [{}])[0].get(
                              "id", "") + ") was set aside, so it can never be applied"}
    assert_untouched(sc, before, marker)


def test_kochkor_may_still_change_its_own_records(scene: Scene) -> None:
    sc = scene
    rec = edit(state(sc.hq, "people", sc.ids["kperson"]), sc.ids["kperson"], sc.k, sc.n(), {"notes": "honest"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}), sc.tmp)
    assert (res.status, res.updated, res.set_aside) == ("applied", 1, 0)
    assert rosters.get_person(sc.hq, sc.ids["kperson"]).notes == "honest"


def test_every_synced_table_has_an_ownership_rule() -> None:
    tables = {m.__tablename__ for m in SYNCED_MODELS}  # type: ignore[attr-defined]
    assert tables == set(RULES), tables ^ set(RULES)
    for tbl, rule in RULES.items():
        for col, ptbl in rule.via:
            assert TABLES[tbl].fks[col] == ptbl, (tbl, col)


# ---- rule 3: authorship, counters, derived fields ---------------------------------------------

def test_a_write_in_headquarters_name_refuses_the_package(scene: Scene) -> None:
    sc = scene
    before = sc.nookat_at_hq()
    hq_id = keys.load_identity(sc.hq).installation_id
    rec = edit(state(sc.hq, "people", sc.ids["kperson"]), sc.ids["kperson"], hq_id, 99999, {"notes": "BY HQ"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}), sc.tmp)
    assert res.status == "rejected" and "never received" in res.message
    assert f"запись ({sc.ids['kperson']}) содержит изменение другой установки ({hq_id[:8]} #99999), которое эта " \
           "установка никогда не получала" in shown(res, "ru")
    assert f"башка орнотуунун бул орнотуу эч качан албаган өзгөрүүсү бар ({hq_id[:8]} #99999)" in shown(res, "ky")
    assert "never received" not in shown(res, "ru") + shown(res, "ky")
    assert "BY HQ" not in json.dumps(community_dump(sc.hq, KOCHKOR), ensure_ascii=False)
    assert_untouched(sc, before, "BY HQ")


def test_a_counter_outside_the_package_range_refuses_the_package(scene: Scene) -> None:
    sc = scene
    rec = edit(state(sc.hq, "people", sc.ids["kperson"]), sc.ids["kperson"], sc.k, 99999, {"notes": "FAR"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}, range_=(1, sc.n())), sc.tmp)
    assert res.status == "rejected" and "the package's range" in res.message
    rid = sc.ids["kperson"]
    assert shown(res, "ru") == (f"forged.strive отклонён, ничего из него не применено: в записи ({rid}) нет ни "
                                "одного изменения её отправителя из диапазона пакета.")
    assert shown(res, "ky") == (f"forged.strive кабыл алынган жок, андан эч нерсе колдонулган жок: жазууда ({rid}) "
                                "жөнөтүүчүнүн пакеттин аралыгындагы бир да өзгөрүүсү жок.")
    assert rosters.get_person(sc.hq, sc.ids["kperson"]).notes == ""


@pytest.mark.parametrize("who", ["hq", "nookat"])
def test_audit_rows_in_anyone_elses_name_refuse_the_package(scene: Scene, who: str) -> None:
    sc = scene
    author = keys.load_identity(sc.hq if who == "hq" else sc.nookat).installation_id
    rec = edit(state(sc.hq, "people", sc.ids["kperson"]), sc.ids["kperson"], sc.k, sc.n(), {"notes": "x"})
    row = {"id": str(uuid.uuid4()), "at": NOW, "installation_id": author, "user_name": "Aida", "action": "update",
           "entity": "people", "entity_id": sc.ids["person"], "counter": 5, "changes": {"notes": ["", "AUDIT LIE"]}}
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}, audit=[row]), sc.tmp)
    assert res.status == "rejected" and "audit entry names another installation" in res.message
    assert "в записи журнала изменений автором указана другая установка" in shown(res, "ru")
    assert "өзгөртүүлөр журналынын жазуусунда автор катары башка орнотуу көрсөтүлгөн" in shown(res, "ky")
    assert "audit entry" not in shown(res, "ru") + shown(res, "ky")
    with sc.hq.read() as s:
        assert s.execute(text("SELECT COUNT(*) FROM audit_log WHERE id = :i"), {"i": row["id"]}).scalar() == 0
    assert rosters.get_person(sc.hq, sc.ids["kperson"]).notes == ""


def test_an_audit_row_numbered_outside_the_range_is_refused_in_the_readers_language(scene: Scene) -> None:
    sc = scene
    rec = edit(state(sc.hq, "people", sc.ids["kperson"]), sc.ids["kperson"], sc.k, sc.n(), {"notes": "x"})
    row = {"id": str(uuid.uuid4()), "at": NOW, "installation_id": sc.k, "user_name": "Aida", "action": "update",
           "entity": "people", "entity_id": sc.ids["kperson"], "counter": 99999, "changes": {"notes": ["", "x"]}}
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}, audit=[row], range_=(1, sc.n())), sc.tmp)
    assert res.status == "rejected" and f"an audit entry is numbered 99999, outside the package's range 1-{sc.n()}" \
        in res.message
    assert f"номер записи журнала изменений 99999 вне диапазона пакета 1-{sc.n()}." in shown(res, "ru")
    assert f"өзгөртүүлөр журналынын жазуусунун номери 99999, ал пакеттин 1-{sc.n()} аралыгынан тышкары." \
        in shown(res, "ky")
    assert "audit entry" not in shown(res, "ru") + shown(res, "ky")
    assert rosters.get_person(sc.hq, sc.ids["kperson"]).notes == ""


def test_poisoned_search_and_duplicate_keys_are_recomputed(scene: Scene) -> None:
    sc = scene
    rec = new("people", sc.k, sc.n(), {"full_name": "Нурлан Өмүров", "community_id": KOCHKOR, "sex": "m",
                                       "sector": "youth", "name_key": "zzzz", "dup_key": "zzzz"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}), sc.tmp)
    assert (res.status, res.added) == ("applied", 1)
    assert load_people_index(sc.hq).filtered("Nurlan Omurov").full_names == ["Нурлан Өмүров"]
    assert rosters.find_duplicates(sc.hq, "Омуров Нурлан")


# ---- rule 4: time --------------------------------------------------------------------------

def test_a_change_dated_9999_cannot_win(scene: Scene) -> None:
    sc = scene
    rec = edit(state(sc.hq, "people", sc.ids["kperson"]), sc.ids["kperson"], sc.k, sc.n(), {"notes": "FUTURE"},
               ts="9999-12-31T00:00:00.000000")
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}), sc.tmp)
    assert res.status == "rejected" and "after the package was written" in res.message
    assert "изменение датировано 9999-12-31T00:00:00.000000, то есть позже, чем был записан пакет" in shown(res, "ru")
    assert "өзгөрүүнүн датасы 9999-12-31T00:00:00.000000, башкача айтканда пакет жазылгандан кийин" \
        in shown(res, "ky")
    assert "after the package" not in shown(res, "ru") + shown(res, "ky")
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}, created_at="9999-12-31T00:00:00"), sc.tmp, "f.strive")
    assert res.status == "rejected" and "in the future" in res.message
    assert rosters.get_person(sc.hq, sc.ids["kperson"]).notes == ""


def test_a_package_whose_creation_time_is_not_readable_is_refused_in_the_readers_language(scene: Scene) -> None:
    sc = scene
    rec = edit(state(sc.hq, "people", sc.ids["kperson"]), sc.ids["kperson"], sc.k, sc.n(), {"notes": "WHEN"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}, created_at="yesterday"), sc.tmp)
    assert res.status == "rejected" and "is damaged: its creation time is not readable" in res.message
    assert shown(res, "ru") == "forged.strive повреждён: время его создания не читается"
    assert shown(res, "ky") == "forged.strive бузулган: анын түзүлгөн убактысы окулбайт"
    assert rosters.get_person(sc.hq, sc.ids["kperson"]).notes == ""


# ---- rule 5: waiting packages per sender key ---------------------------------------------------

def test_an_unaccepted_sender_cannot_replace_a_waiting_package(hq_store: Store, tmp_path: Path) -> None:
    from strive_desktop.storage.db import open_store

    hq = hq_store
    offices = []
    for name, cid in (("Nookat office", NOOKAT), ("Impostor", KOCHKOR)):
        st = open_store(tmp_path / name)
        installation.init_installation(st, name=name, community=cid, user_name="x")
        keys.import_hq_key(st, keys.export_hq_key(hq, tmp_path / f"{name}.strivekey"))
        offices.append(st)
    genuine, impostor = offices
    try:
        pid = person(genuine, "Айгүл Ормонова")
        sent = export.export_changes(genuine)
        assert importer.import_file(hq, sent.path).status == "waiting"
        package_id = importer.import_file(hq, sent.path).package_id
        person(impostor, "Импостор Жалган", KOCHKOR)
        fake = forge(impostor, hq, {}, package_id=package_id)
        res = put(hq, fake, tmp_path)
        assert res.status in ("waiting", "rejected")
        keys.accept_installation(hq, installation.get_installation(genuine).id)
        out = importer.apply_waiting(hq)
        assert [r.status for r in out] == ["applied"], out
        assert rosters.get_person(hq, pid).full_name == "Айгүл Ормонова"
    finally:
        for st in offices:
            st.close()


# ---- rule 7: a field office sends only its own; nothing waits forever ---------------------------

def test_a_demo_filled_field_office_sends_only_its_community(kochkor_store: Store, hq_store: Store,
                                                             tmp_path: Path) -> None:
    from strive_desktop.services import demo

    demo.fill(kochkor_store)
    dump = community_dump(kochkor_store, KOCHKOR)
    from strive_desktop.services import maintenance

    assert {t: len(r) for t, r in maintenance.dump(kochkor_store).items() if t != "communities"} == \
        {t: len(r) for t, r in dump.items() if t != "communities"}
    link(kochkor_store, hq_store, tmp_path)
    with hq_store.read() as s:
        assert s.execute(text("SELECT COUNT(*) FROM sync_set_aside")).scalar() == 0
        assert s.execute(text("SELECT COUNT(*) FROM sync_pending")).scalar() == 0
    assert community_dump(hq_store, KOCHKOR)["people"] == dump["people"]


def test_children_of_a_set_aside_record_do_not_wait_forever(scene: Scene) -> None:
    sc = scene
    tid = str(uuid.uuid4())
    training = new("trainings", sc.k, sc.n(), {"community_id": NOOKAT, "title": "FORGED", "phase": "basics_ve"}, rid=tid)
    session = new("training_sessions", sc.k, sc.n(2), {"training_id": tid, "hours": 3.0})
    # the session's package comes first, the training's (an earlier change) after it: the session waits
    first = put(sc.hq, forge(sc.kochkor, sc.hq, {"training_sessions": [session]}, range_=(sc.n(2), sc.n(2))),
                sc.tmp, "a.strive")
    assert first.pending == 1 and first.set_aside == 0
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"trainings": [training]}, range_=(sc.n(), sc.n())), sc.tmp, "b.strive")
    assert res.set_aside == 2 and res.added == 0
    with sc.hq.read() as s:
        assert s.execute(text("SELECT COUNT(*) FROM sync_pending")).scalar() == 0
    assert f"its parent record (trainings:{tid}) was set aside, so it can never be applied" in reasons(sc.hq)


# ---- rule 8: atomic package writes -------------------------------------------------------------

@pytest.mark.parametrize("where", ["stick", "outbox"])
def test_a_failed_write_leaves_no_package(linked: tuple[Store, Store], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    field, _hq = linked
    person(field, "Айгүл Ормонова")
    stick = tmp_path / "stick"
    stick.mkdir()
    target = stick if where == "stick" else field.folder.outbox
    real = os.fsync

    def full_disk(fd: int) -> None:
        p = Path(os.readlink(f"/proc/self/fd/{fd}"))
        if p.parent == target.resolve() and p.is_file():
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    before = set(field.folder.outbox.iterdir())
    monkeypatch.setattr(package.os, "fsync", full_disk)
    with pytest.raises(importer.UserError) as exc:
        export.export_changes(field, stick)
    assert "could not be written" in exc.value.render()
    assert list(stick.iterdir()) == []
    assert set(field.folder.outbox.iterdir()) == before
    monkeypatch.setattr(package.os, "fsync", real)
    again = export.export_changes(field, stick)  # nothing was lost: the same changes go now
    assert again.first == 1 or again.records >= 1
    assert [p.name for p in stick.iterdir()] == [again.path.name]


# ---- rule 6: limits, unreferenced entries, manifest counts -------------------------------------

def _set(store: Store, key: str, value: str) -> None:
    with store.uow() as s:
        s.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = :v"),
                  {"k": key, "v": value})


def test_an_unreferenced_attached_file_refuses_the_package(scene: Scene) -> None:
    sc = scene
    blob = b"%PDF-1.4 not referenced"
    sha = __import__("hashlib").sha256(blob).hexdigest()
    rec = edit(state(sc.hq, "people", sc.ids["kperson"]), sc.ids["kperson"], sc.k, sc.n(), {"notes": "x"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}, extra={f"attachments/{sha}": blob}), sc.tmp)
    assert res.status == "rejected" and "no record of the package refers to" in res.message
    assert not list(sc.hq.folder.attachments.rglob("*.*"))


def test_manifest_counts_that_disagree_with_the_records_refuse_the_package(scene: Scene) -> None:
    sc = scene
    rec = edit(state(sc.hq, "people", sc.ids["kperson"]), sc.ids["kperson"], sc.k, sc.n(), {"notes": "x"})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"people": [rec]}, manifest_over={"counts": {"people": 1000}}), sc.tmp)
    assert res.status == "rejected" and "record counts do not match" in res.message
    assert rosters.get_person(sc.hq, sc.ids["kperson"]).notes == ""


@pytest.mark.parametrize("limit", ["sync.max_package_mb", "sync.max_content_mb", "sync.max_attachment_mb"])
def test_size_limits_are_configurable_and_refuse_the_package(scene: Scene, limit: str) -> None:
    sc = scene
    _set(sc.hq, limit, "1")
    blob = os.urandom(3 << 19)  # 1.5 MB, incompressible
    sha = __import__("hashlib").sha256(blob).hexdigest()
    att = new("attachments", sc.k, sc.n(), {"training_id": None, "plan_id": None, "file_name": "scan.pdf",
                                            "sha256": sha, "size": len(blob)})
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"attachments": [att]}, extra={f"attachments/{sha}": blob}), sc.tmp)
    assert res.status == "rejected" and "larger than the limit of 1 MB" in res.message, res.message
    _set(sc.hq, limit, "64")
    res = put(sc.hq, forge(sc.kochkor, sc.hq, {"attachments": [att]}, extra={f"attachments/{sha}": blob}), sc.tmp,
              "again.strive")
    assert res.status == "applied" and res.set_aside == 1  # (an attachment of nothing: no community)
    assert not [f for f in sc.hq.folder.attachments.rglob("*") if f.is_file()]  # its file is not kept either


def test_an_export_rolled_back_after_writing_leaves_no_package(linked: tuple[Store, Store], tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    field, hq = linked
    person(field, "Айгүл Ормонова")
    stick = tmp_path / "stick"
    before = set(field.folder.outbox.iterdir())

    def broken(*_a: Any, **_k: Any) -> None:
        raise importer.UserError("The database could not be written.")

    monkeypatch.setattr(export, "_set_setting", broken)  # fails after the package was written
    with pytest.raises(importer.UserError):
        export.export_changes(field, stick)
    assert list(stick.iterdir()) == [] and set(field.folder.outbox.iterdir()) == before
    person(hq, "Нурлан Өмүров")
    with pytest.raises(importer.UserError):
        export.export_returns(hq, stick)
    assert list(stick.iterdir()) == [] and not list(hq.folder.outbox.iterdir())
