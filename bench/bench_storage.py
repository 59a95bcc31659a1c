"""Storage benchmark: the services against a raw sqlite3 floor measured in the same run.

    .venv/bin/python bench/bench_storage.py [--people 100000] [--attendance 1000000]

Prints each figure and its ratio to the floor. Goals (issue 2): writes within 3x of the
floor, a people search under 50 ms at 100,000 people. Never run by the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("STRIVE_PASSWORD", "bench-password")  # data folders are encrypted (issue 13)

from strive_desktop.domain.names import duplicate_key, search_key, sort_key  # noqa: E402
from strive_desktop.services import installation, people_index, rosters, trainings  # noqa: E402
from strive_desktop.storage.db import open_store  # noqa: E402
from strive_desktop.storage.seed import PILOT_COMMUNITIES, community_id  # noqa: E402

GIVEN = ["Айбек", "Нурлан", "Бакыт", "Төлөгөн", "Чыңгыз", "Үсөн", "Айгүл", "Жылдыз", "Гүлнара", "Өмүркан",
         "Мээрим", "Асел", "Сергей", "Елена", "Данияр", "Бермет", "Азамат", "Нургүл", "Эрлан", "Ольга"]
SURNAMES = ["Асанов", "Токтогулов", "Жумабаев", "Сыдыков", "Мамытов", "Осмонов", "Өмүрбеков", "Үсөнов",
            "Фёдоров", "Ковалёв", "Чоргоев", "Ыскаков", "Шамшиев", "Турдубаев", "Эсенов", "Абдыраев"]
PATRONYMS = ["Бакытович", "Асанович", "Таалайбек уулу", "Эркин кызы", "Маратовна", "Нурланович", "Асан уулу",
             "Сергеевна", "Төлөгөн кызы", "Үсөнович", "Өмүрбек уулу", "Жумабай кызы"]
SECTORS = ["youth", "women", "religious_leader", "law_enforcement", "local_self_government", "aksakal_court",
           "social_worker", "lawyer", "other"]
QUERIES = ["Айбек", "aibek", "Өмүр", "omurbekov", "чыңгыз", "Fedorov", "zhyldyz", "0555 12", "Ковалев", "xyzq"]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def best_of(n: int, fn: Callable[[], object]) -> float:
    return min(timed(fn)[0] for _ in range(n))


def median_of(n: int, fn: Callable[[], object]) -> float:
    return statistics.median(timed(fn)[0] for _ in range(n))


def line(what: str, seconds: float, floor: float | None = None, unit: str = "s") -> None:
    shown = f"{seconds * 1000:9.1f} ms" if unit == "ms" else f"{seconds:9.3f} s "
    ratio = f"   {seconds / floor:5.2f}x floor" if floor else ""
    print(f"  {what:<58}{shown}{ratio}", flush=True)


def make_inputs(n: int, rng: random.Random) -> list[rosters.PersonInput]:
    cids = [community_id(c["code"]) for c in PILOT_COMMUNITIES]
    out = []
    for i in range(n):
        out.append(rosters.PersonInput(
            full_name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {rng.choice(PATRONYMS)}", sex=rng.choice("fm"),
            sector=rng.choice(SECTORS), community_id=cids[i % len(cids)], birth_year=rng.randint(1950, 2005),
            phone=f"0{rng.choice(['555', '700', '772'])}{rng.randint(100000, 999999)}"))
    return out


RAW_PEOPLE = """CREATE TABLE people (id TEXT PRIMARY KEY, community_id TEXT, full_name TEXT, name_key TEXT, sort_key TEXT,
  dup_key TEXT, sex TEXT, birth_year INT, phone TEXT, pin TEXT, sector TEXT, organisation TEXT, position TEXT,
  consent_date TEXT, notes TEXT, created_at TEXT, updated_at TEXT, changed_by TEXT, change_counter INT,
  deleted INT);
CREATE INDEX ix_people_community_id ON people(community_id); CREATE INDEX ix_people_name_key ON people(name_key);
CREATE INDEX ix_people_sort_key ON people(sort_key, name_key);
CREATE INDEX ix_people_dup_key ON people(dup_key); CREATE INDEX ix_people_phone ON people(phone);
CREATE INDEX ix_people_pin ON people(pin); CREATE INDEX ix_people_cc ON people(change_counter);
CREATE TABLE attendance (id TEXT PRIMARY KEY, session_id TEXT, person_id TEXT, present INT, walk_in INT,
  created_at TEXT, updated_at TEXT, changed_by TEXT, change_counter INT, deleted INT,
  UNIQUE(session_id, person_id));
CREATE INDEX ix_att_person ON attendance(person_id); CREATE INDEX ix_att_cc ON attendance(change_counter);
"""


def raw_floor(path: Path, inputs: list[rosters.PersonInput], att: list[tuple[str, str, bool]],
              person_ids: list[str]) -> dict[str, float]:
    """The same rows into the same indexed columns with plain sqlite3 executemany, WAL + NORMAL.

    The floor gets its keys (search_key etc.) precomputed outside the timing: it measures only
    what the database must do.
    """
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.executescript(RAW_PEOPLE)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()
    rows = [(pid, p.community_id, p.full_name, search_key(p.full_name), sort_key(p.full_name),
             duplicate_key(p.full_name), p.sex,
             p.birth_year, "+996" + p.phone[1:], None, p.sector, "", "", None, "", now, now, "x", i, 0)
            for i, (pid, p) in enumerate(zip(person_ids, inputs, strict=True))]
    out = {}

    def people() -> None:
        with con:
            con.executemany("INSERT INTO people VALUES (" + ",".join("?" * 20) + ")", rows)

    out["people"] = timed(people)[0]
    arows = [(str(uuid.uuid5(uuid.NAMESPACE_OID, f"{s}/{p}")), s, p, int(ok), 0, now, now, "x", i, 0)
             for i, (s, p, ok) in enumerate(att)]

    def attendance() -> None:
        with con:
            con.executemany("INSERT INTO attendance VALUES (?,?,?,?,?,?,?,?,?,?)", arows)

    out["attendance"] = timed(attendance)[0] if arows else 0.0

    def search(q: str) -> Callable[[], object]:
        key = search_key(q)
        return lambda: con.execute("SELECT id, full_name, sex, birth_year, sector, phone, community_id FROM people "
                                   "WHERE deleted = 0 AND name_key LIKE ? ORDER BY sort_key LIMIT 200",
                                   (f"%{key}%",)).fetchall()

    per_query = [median_of(5, search(q)) for q in QUERIES]
    out["search"], out["search_max"] = statistics.median(per_query), max(per_query)
    out["load_all"] = median_of(3, lambda: con.execute(
        "SELECT id, full_name, sex, birth_year, sector, phone, community_id, name_key FROM people "
        "WHERE deleted = 0 ORDER BY sort_key").fetchall())
    con.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--attendance", type=int, default=1_000_000)
    args = ap.parse_args()
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="strive-bench-"))
    print(f"STRIVE storage benchmark: {args.people:,} people, {args.attendance:,} attendance rows; "
          f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    print(f"  data in {tmp}")
    inputs = make_inputs(args.people, rng)

    store = open_store(tmp / "app")
    installation.init_installation(store, name="Bench HQ", hq=True, user_name="bench")

    # --- writes through the services ------------------------------------------------------
    t_people, ids = timed(lambda: rosters.bulk_add_people(store, inputs))
    # sessions to spread the attendance over: n_sessions x people
    n_sess = max(1, args.attendance // max(1, len(ids)))
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id("kochkor"), "basics_ve", "Bench training",
        sessions=[trainings.SessionInput(dt.date(2024, 1, 1) + dt.timedelta(days=d), 2.0) for d in range(n_sess)]))
    sessions = [s.id for s in trainings.get_training(store, tid).sessions]
    att = [(s, p, rng.random() < 0.85) for s in sessions for p in ids][: args.attendance]

    def write_attendance() -> None:
        step = 100_000
        for i in range(0, len(att), step):
            trainings.record_bulk(store, att[i:i + step])

    t_att = timed(write_attendance)[0] if att else 0.0

    floor = raw_floor(tmp / "raw.sqlite3", inputs, att, ids)
    att.clear()  # free the memory before the reads
    print("\nWrites (one transaction per 100,000 rows)")
    line(f"raw sqlite3 executemany: {len(ids):,} people (floor)", floor["people"])
    line(f"rosters.bulk_add_people: {len(ids):,} people (with validation)", t_people, floor["people"])
    if args.attendance:
        line(f"raw sqlite3 executemany: {args.attendance:,} attendance (floor)", floor["attendance"])
        line(f"trainings.record_bulk: {args.attendance:,} attendance", t_att, floor["attendance"])

    # --- reads ------------------------------------------------------------------------------
    print(f"\nPeople search over {len(ids):,} people (median over {len(QUERIES)} queries, first 200 rows)")
    line("raw SQL LIKE on the stored key (floor)", floor["search"], unit="ms")
    line("raw SQL LIKE, slowest query (floor)", floor["search_max"], unit="ms")
    # The one search over people (people_index): read everyone, then PeopleIndex.match.
    per_query = [median_of(3, lambda q=q: people_index.load_people_index(store).filtered(q)) for q in QUERIES]
    t_search = statistics.median(per_query)
    line("load_people_index + filtered (a search from nothing)", t_search, floor["search"], unit="ms")
    line("load_people_index + filtered, slowest query", max(per_query), floor["search_max"], unit="ms")
    probe = inputs[len(inputs) // 2]
    t_dup = median_of(5, lambda: rosters.find_duplicates(store, probe.full_name, probe.birth_year))
    line("rosters.find_duplicates (the check before every add)", t_dup, unit="ms")
    t_load, index = timed(lambda: people_index.load_people_index(store))
    t_load = min(t_load, median_of(3, lambda: people_index.load_people_index(store)))
    line("raw SELECT of every person, ordered (floor)", floor["load_all"], unit="ms")
    line("people_index.load_people_index (everyone)", t_load, floor["load_all"], unit="ms")
    t_match = statistics.median(median_of(5, lambda q=q: index.match(q)) for q in QUERIES)
    line("PeopleIndex.match (filter-as-you-type, in memory)", t_match, unit="ms")

    # --- attendance sheet ---------------------------------------------------------------------
    small = rosters.create_group(store, community_id("nookat"), "Sheet group")
    sheet_people = rosters.bulk_add_people(store, make_inputs(40, rng), group_id=small)
    sheet_tid = trainings.create_training(store, trainings.TrainingInput(
        community_id("nookat"), "conflict_analysis", "Sheet training",
        sessions=[trainings.SessionInput(dt.date(2024, 2, d), 3.0) for d in range(1, 6)]))
    sheet_sessions = [s.id for s in trainings.get_training(store, sheet_tid).sessions]
    trainings.record_bulk(store, [(s, p, rng.random() < 0.8) for s in sheet_sessions for p in sheet_people])
    print("\nAttendance sheet")
    t_sheet = median_of(7, lambda: trainings.attendance_sheet(store, sheet_tid))
    n = len(trainings.attendance_sheet(store, sheet_tid).participants)
    line(f"trainings.attendance_sheet ({n} people x 5 sessions)", t_sheet, unit="ms")
    t_tick = median_of(7, lambda: trainings.record_attendance(store, sheet_sessions[0], sheet_people[0], True))
    line("trainings.record_attendance (one tick, one transaction)", t_tick, unit="ms")

    store.close()
    shutil.rmtree(tmp, ignore_errors=True)
    print("\nGoals: writes within 3x of the floor; search under 50 ms at 100,000 people.")
    print(f"  people writes {t_people / floor['people']:.2f}x, "
          + (f"attendance writes {t_att / floor['attendance']:.2f}x, " if args.attendance else "")
          + f"search {t_search * 1000:.1f} ms (slowest {max(per_query) * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
