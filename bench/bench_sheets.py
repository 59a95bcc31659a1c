"""Spreadsheet benchmark: roster import and people export against floors measured in the same run.

    .venv/bin/python bench/bench_sheets.py [--rows 10000] [--people 100000]

Import: reading a roster XLSX, preview (validation, duplicate look-up against the people
already stored) and apply, against the floor = openpyxl read-only reading the same file plus
a raw sqlite3 executemany of the rows (goal within 3x). Export: 100,000 people to XLSX against
a bare write-only openpyxl loop writing the same cells (goal within 1.5x). Never run by tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("STRIVE_PASSWORD", "bench-password")  # data folders are encrypted (issue 13)

import openpyxl  # noqa: E402

from strive_desktop.services import installation, rosters  # noqa: E402
from strive_desktop.services.rosters import PersonInput  # noqa: E402
from strive_desktop.services.sheets import exports  # noqa: E402
from strive_desktop.services.sheets import roster_import as ri  # noqa: E402
from strive_desktop.storage.db import open_store  # noqa: E402
from strive_desktop.storage.seed import community_id  # noqa: E402

GIVEN = ["Айбек", "Нурлан", "Бакыт", "Төлөгөн", "Чыңгыз", "Үсөн", "Айгүл", "Жылдыз", "Гүлнара", "Өмүркан",
         "Мээрим", "Асел", "Сергей", "Елена", "Данияр", "Бермет", "Азамат", "Нургүл", "Эрлан", "Ольга"]
SURNAMES = ["Асанов", "Токтогулов", "Жумабаев", "Сыдыков", "Мамытов", "Осмонов", "Өмүрбеков", "Үсөнов",
            "Фёдоров", "Ковалёв", "Чоргоев", "Ыскаков", "Шамшиев", "Турдубаев", "Эсенов", "Абдыраев"]


def timed(fn):  # type: ignore[no-untyped-def]
    gc.collect()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def line(what: str, seconds: float, floor: float | None = None) -> None:
    ratio = f"   {seconds / floor:5.2f}x floor" if floor else ""
    print(f"{what:<58}{seconds:9.3f} s{ratio}", flush=True)


def roster_file(path: Path, n: int, rnd: random.Random) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Тизме")
    ws.append(["№", "Аты-жөнү", "Жынысы", "Туулган күнү", "Телефон", "Тармак"])
    for i in range(n):
        born = dt.datetime(rnd.randint(1950, 2005), rnd.randint(1, 12), rnd.randint(1, 28))
        ws.append([i + 1, f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)} {i:05d}", rnd.choice("жэ"),
                   born if i % 2 else born.strftime("%d.%m.%Y"), 555000000 + i, rnd.choice(["жаштар", "аялдар", ""])])
    wb.save(path)


def floor_import(path: Path, db: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))[1:]
    wb.close()
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE p (id TEXT PRIMARY KEY, name TEXT, sex TEXT, born TEXT, phone TEXT, sector TEXT)")
    con.executemany("INSERT INTO p VALUES (?,?,?,?,?,?)",
                    [(str(uuid.uuid4()), r[1], r[2], str(r[3]), str(r[4]), r[5]) for r in rows])
    con.commit()
    con.close()
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--people", type=int, default=100_000)
    args = ap.parse_args()
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        xlsx = tmpd / "roster.xlsx"
        roster_file(xlsx, args.rows, rnd)
        print(f"roster import, {args.rows:,} rows", flush=True)
        floor, _ = timed(lambda: floor_import(xlsx, tmpd / "floor.sqlite3"))
        line("floor: openpyxl read-only + sqlite3 executemany", floor)
        store = open_store(tmpd / "data")
        installation.init_installation(store, name="Bench", community=community_id("nookat"), user_name="b")
        gid = rosters.create_group(store, community_id("nookat"), "Bench group")

        def run_import():  # type: ignore[no-untyped-def]
            pv = ri.preview(store, ri.read_roster(xlsx), gid)
            return ri.apply_import(store, pv)

        took, res = timed(run_import)
        line(f"read + preview + apply ({res.added:,} added)", took, floor)
        took2, res2 = timed(run_import)  # the same file again: every row is matched
        line(f"again, against them ({res2.matched:,} matched)", took2, floor)
        store.close()

        print(f"people export, {args.people:,} people", flush=True)
        store = open_store(tmpd / "big")
        installation.init_installation(store, name="HQ", hq=True, user_name="b")
        coms = [community_id(c) for c in ("nookat", "kochkor")]
        rosters.bulk_add_people(store, [PersonInput(f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}",
                                                    rnd.choice("fm"), "youth", rnd.choice(coms),
                                                    birth_year=rnd.randint(1950, 2005),
                                                    phone=f"0555{i:06d}"[-10:],
                                                    consent_date=dt.date(2024, 1, 1) if i % 3 else None)
                                        for i in range(args.people)])
        sheet = exports.build_sheet(store, "people")
        rows = [tuple(r) for r in sheet.rows]

        def bare() -> None:
            wb = openpyxl.Workbook(write_only=True)
            ws = wb.create_sheet("People")
            ws.append(list(sheet.headers))
            for r in rows:
                ws.append(list(r))
            wb.save(tmpd / "bare.xlsx")

        floor, _ = timed(bare)
        line("floor: bare write-only openpyxl loop, same cells", floor)
        took, n = timed(lambda: exports.export_table(store, "people", tmpd / "people.xlsx"))
        line(f"export_table people -> xlsx ({n:,} rows, query included)", took, floor)
        took, n = timed(lambda: exports.export_table(store, "people", tmpd / "people.csv"))
        line("export_table people -> csv", took, floor)
        store.close()


if __name__ == "__main__":
    main()
