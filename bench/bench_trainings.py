"""Trainings list figures: one attendance sheet built per training (as the list did) against
``trainings.training_figures`` (a few aggregate queries), with ``list_trainings`` alone as the
floor measured in the same run (the list cannot be shown faster than its rows are read).

    .venv/bin/python bench/bench_trainings.py [--trainings 300] [--participants 40] [--sessions 4]

Each training's sheet has the community's group members plus people who are not members (on
the sheet through their attendance records), about two thirds of the ticks present. Checks
that both ways give the same figures. Never run by the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("STRIVE_PASSWORD", "bench-password")  # data folders are encrypted (issue 13)

from strive_desktop.services import installation, rosters, trainings  # noqa: E402
from strive_desktop.storage.db import open_store  # noqa: E402
from strive_desktop.storage.seed import community_id  # noqa: E402

NOOKAT = community_id("nookat")


def median_of(n: int, fn: Callable[[], object]) -> float:
    out = []
    for _ in range(n):
        gc.collect()
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def line(what: str, seconds: float, floor: float | None = None) -> None:
    ratio = f"   {seconds / floor:6.2f}x floor" if floor else ""
    print(f"  {what:<62}{seconds * 1000:9.1f} ms{ratio}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trainings", type=int, default=300)
    ap.add_argument("--participants", type=int, default=40, help="on every sheet")
    ap.add_argument("--sessions", type=int, default=4)
    ap.add_argument("--members", type=int, default=30, help="of the participants, group members")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="strive-bench-trainings-"))
    try:
        store = open_store(tmp / "data")
        installation.init_installation(store, name="Nookat office", community=NOOKAT, user_name="Bench")
        t0 = time.perf_counter()
        gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
        members = min(args.members, args.participants)
        others = args.participants - members

        def person(i: int) -> rosters.PersonInput:
            return rosters.PersonInput(f"Асанов Айбек {i:05d}", rng.choice("fm"), "youth", NOOKAT, 1990)

        member_ids = rosters.bulk_add_people(store, [person(i) for i in range(members)], group_id=gid)
        outsider_ids = rosters.bulk_add_people(
            store, [person(members + i) for i in range(others * args.trainings)])
        rows: list[tuple[str, str, bool]] = []
        start = dt.date(2020, 1, 6)
        for k in range(args.trainings):
            tid = trainings.create_training(store, trainings.TrainingInput(
                NOOKAT, "basics_ve", f"Тренинг {k}", sessions=[
                    trainings.SessionInput(start + dt.timedelta(days=7 * k + d), rng.choice((2.0, 3.0, 4.0)))
                    for d in range(args.sessions)]))
            guests = outsider_ids[k * others:(k + 1) * others]
            for sess in trainings.get_training(store, tid).sessions:
                rows.extend((sess.id, pid, rng.random() < 0.67) for pid in (*member_ids, *guests))
        trainings.record_bulk(store, rows)
        print(f"{args.trainings} trainings x {args.participants} participants ({members} members) x "
              f"{args.sessions} sessions, {len(rows):,} attendance records "
              f"(built in {time.perf_counter() - t0:.1f} s)\n", flush=True)

        def old() -> dict[str, tuple[int, float, int]]:
            out = {}
            for info in trainings.list_trainings(store, NOOKAT):
                sheet = trainings.attendance_sheet(store, info.id)
                out[info.id] = (len(sheet.participants), sheet.average_rate, len(sheet.completed))
            return out

        def new() -> dict[str, tuple[int, float, int]]:
            trainings.list_trainings(store, NOOKAT)
            return {tid: (f.participants, f.average_rate, f.completed)
                    for tid, f in trainings.training_figures(store, NOOKAT).items()}

        a, b = old(), new()
        assert a.keys() == b.keys() and all(
            a[t][0] == b[t][0] and a[t][2] == b[t][2] and abs(a[t][1] - b[t][1]) < 1e-12 for t in a), "differ"
        assert all(v[0] == args.participants for v in a.values())
        print(f"  same figures both ways for all {len(a)} trainings "
              f"({sum(v[2] for v in a.values()):,} completions)\n")
        floor = median_of(args.rounds, lambda: trainings.list_trainings(store, NOOKAT))
        t_figures = median_of(args.rounds, lambda: trainings.training_figures(store, NOOKAT))
        t_new = median_of(args.rounds, new)
        t_old = median_of(max(1, args.rounds // 2), old)
        print(f"median of {args.rounds} rounds:")
        line("list_trainings alone (floor)", floor)
        line("training_figures alone", t_figures, floor)
        line("list: list_trainings + training_figures (new)", t_new, floor)
        line("list: list_trainings + attendance_sheet per training (old)", t_old, floor)
        print(f"\n  the list's figures {t_old / t_new:.1f}x faster than one sheet per training")
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
