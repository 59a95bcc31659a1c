"""Sync benchmark: export and import of a package of N changed people, against a floor
measured in the same run (raw JSON dump/load + zip, and a raw sqlite3 upsert of the same rows).

    .venv/bin/python bench/bench_sync.py [--people 100000]

Goals (issue 5): import within 3x of the floor; a re-import at most half the time of the
first. Issue 10: the peak memory (resident set) of a process importing the N-person package, and
of one importing a hostile package (a small file carrying gigabytes of unreferenced, highly
compressible entries), both under 300 MB; each import runs in a fresh process so the figure is
that import's own. Never run by the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("STRIVE_PASSWORD", "bench-password")  # data folders are encrypted (issue 13)

from sqlalchemy import insert, update  # noqa: E402

from strive_desktop.domain.names import duplicate_key, search_key  # noqa: E402
from strive_desktop.services import installation, rosters  # noqa: E402
from strive_desktop.storage.db import open_store  # noqa: E402
from strive_desktop.storage.models import Installation, Person  # noqa: E402
from strive_desktop.storage.seed import community_id  # noqa: E402
from strive_desktop.sync import export, importer, keys  # noqa: E402

GIVEN = ["Айбек", "Нурлан", "Бакыт", "Төлөгөн", "Чыңгыз", "Үсөн", "Айгүл", "Жылдыз", "Гүлнара", "Өмүркан"]
SURNAMES = ["Асанов", "Токтогулов", "Жумабаев", "Сыдыков", "Мамытов", "Осмонов", "Өмүрбеков", "Үсөнов"]
SECTORS = ["youth", "women", "religious_leader", "law_enforcement", "local_self_government", "other"]


def timed(fn):  # type: ignore[no-untyped-def]
    gc.collect()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def line(what: str, seconds: float, floor: float | None = None) -> None:
    ratio = f"   {seconds / floor:5.2f}x floor" if floor else ""
    print(f"{what:58} {seconds:8.3f} s{ratio}", flush=True)


def people_rows(n: int, inst: str, cid: str) -> list[dict]:
    rnd = random.Random(5)
    now = dt.datetime(2026, 11, 20, 9, 0, 0)
    rows = []
    for i in range(n):
        name = f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}"
        rows.append(dict(id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)), community_id=cid, full_name=name,
                         name_key=search_key(name), dup_key=duplicate_key(name), sex=rnd.choice("mf"),
                         birth_year=rnd.randint(1950, 2006), phone=f"+996555{i:06d}", pin=None,
                         sector=rnd.choice(SECTORS), organisation="Айыл өкмөтү", position="",
                         consent_date=dt.date(2026, 3, 1), notes="", created_at=now, updated_at=now,
                         changed_by=inst, change_counter=i + 1, deleted=False))
    return rows


def floor_export(rows: list[dict]) -> bytes:
    lines = [json.dumps(r, ensure_ascii=False, default=str) for r in rows]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("people.jsonl", "\n".join(lines))
    return buf.getvalue()


def floor_import(blob: bytes, db: Path, schema_from: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        rows = [json.loads(x) for x in zf.read("people.jsonl").splitlines()]
    con = sqlite3.connect(db)
    src = sqlite3.connect(schema_from)
    ddl = [r[0] for r in src.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'people' AND sql IS NOT NULL "
                                      "ORDER BY type DESC")]  # the table, then its indexes
    src.close()
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    for sql in ddl:
        con.execute(sql)  # foreign keys are not enforced by a raw connection
    cols = list(rows[0])
    sql = (f"INSERT INTO people ({','.join(cols)}) VALUES ({','.join('?' * len(cols))}) ON CONFLICT(id) DO UPDATE "
           f"SET {','.join(f'{c}=excluded.{c}' for c in cols if c != 'id')}")
    with con:
        con.executemany(sql, [tuple(r[c] for c in cols) for r in rows])
    con.close()


def peak_of_import(data_dir: Path, package_file: Path) -> tuple[str, float, float]:
    """Import *package_file* into a copy of *data_dir* in a fresh process: (status, peak RSS in
    MB of the whole process, peak RSS in MB before the import started)."""
    copy = data_dir.with_name(data_dir.name + f"-mem-{uuid.uuid4().hex[:6]}")
    shutil.copytree(data_dir, copy)
    # VmHWM: the peak resident set of this process image (ru_maxrss would carry the parent's over)
    code = ("import sys; sys.path.insert(0, sys.argv[3])\n"
            "def hwm():\n"
            "    return next(int(x.split()[1]) for x in open('/proc/self/status') if x.startswith('VmHWM'))\n"
            "from strive_desktop.storage.db import open_store\n"
            "from strive_desktop.sync import importer\n"
            "st = open_store(sys.argv[1])\n"
            "before = hwm()\n"
            "r = importer.import_file(st, sys.argv[2])\n"
            "st.close()\n"
            "print(r.status, before, hwm())\n")
    out = subprocess.run([sys.executable, "-c", code, str(copy), str(package_file),
                          str(Path(__file__).resolve().parents[1])], capture_output=True, text=True, check=True)
    shutil.rmtree(copy, ignore_errors=True)
    status, before, peak = out.stdout.split()
    return status, int(peak) / 1024, int(before) / 1024


def hostile_package(field_dir: Path, hq_dir: Path, out: Path, gib: float) -> int:
    """A package signed by the (accepted) field office whose zip holds *gib* GiB of zeros under
    attachment names no record refers to. Written entry by entry, never held in memory."""
    import hashlib

    from strive_desktop import __version__
    from strive_desktop.storage.schema import HEAD
    from strive_desktop.sync import FORMAT_VERSION, package

    field, hq = open_store(field_dir), open_store(hq_dir)
    try:
        me, them = keys.load_identity(field), keys.load_identity(hq)
        counter = installation.get_installation(field).counter
    finally:
        field.close()
        hq.close()
    chunk = bytes(1 << 20)
    per = 256  # MiB per entry
    buf = io.BytesIO()
    listed = {}
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for k in range(max(1, int(gib * 1024 / per))):
            h = hashlib.sha256()
            for _ in range(per):
                h.update(chunk)
            sha = hashlib.sha256(str(k).encode()).hexdigest()
            with zf.open(f"attachments/{sha}", "w", force_zip64=True) as fh:
                for _ in range(per):
                    fh.write(chunk)
            listed[f"attachments/{sha}"] = {"sha256": h.hexdigest(), "size": per << 20}
        pid = str(uuid.uuid4())
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()
        manifest = {"format": FORMAT_VERSION, "schema": HEAD, "app_version": __version__, "package_id": pid,
                    "kind": "changes", "sender": me.installation_id, "sender_name": me.name,
                    "recipient": them.installation_id, "community_id": me.community_id, "range": [1, counter],
                    "full": False, "created_at": now, "counts": {}, "entries": listed}
        zf.writestr("manifest.json", json.dumps(manifest))
    header = {"format": FORMAT_VERSION, "package_id": pid, "kind": "changes", "range": [1, counter],
              "created_at": now, "app_version": __version__}
    sealed = package.seal(me, {"id": them.installation_id, "name": them.name, "box_pub": them.box_pub}, header,
                          buf.getvalue())
    out.write_bytes(sealed)
    return len(sealed)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=100_000)
    n = ap.parse_args().people
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        hq = open_store(tmp / "hq")
        installation.init_installation(hq, name="Bishkek HQ", hq=True)
        field = open_store(tmp / "field")
        nookat = community_id("nookat")
        installation.init_installation(field, name="Nookat office", community=nookat)
        keys.import_hq_key(field, keys.export_hq_key(hq, tmp / "hq.strivekey"))
        rosters.add_person(field, rosters.PersonInput("Link Person", "f", "youth", nookat))
        importer.import_file(hq, export.export_changes(field).path)
        keys.accept_installation(hq, "Nookat office")
        importer.apply_waiting(hq)

        me = installation.get_installation(field).id
        rows = people_rows(n, me, nookat)
        for r in rows:
            r["change_counter"] += 1
        with field.uow() as s:  # N local changes, as if typed in (sync columns set like the hook does)
            s.execute(insert(Person), rows)
            s.execute(update(Installation).values(counter=n + 1))
        print(f"{n} changed people, {tmp}")

        t_floor_exp, blob = timed(lambda: floor_export(rows))
        line("floor: JSON Lines into a zip", t_floor_exp)
        t_exp, res = timed(lambda: export.export_changes(field))
        size = res.path.stat().st_size
        line(f"export (capture, serialise, zip, seal; {size / 1e6:.1f} MB)", t_exp, t_floor_exp)

        t_floor_imp, _ = timed(lambda: floor_import(blob, tmp / "floor.sqlite3", hq.folder.db_path))
        line("floor: JSON load + raw sqlite3 upsert (same table and indexes)", t_floor_imp)
        hq.close()  # a copy as it is before the import, for the memory figure
        shutil.copytree(tmp / "hq", tmp / "hq-before")
        hq = open_store(tmp / "hq")
        t_imp, r1 = timed(lambda: importer.import_file(hq, res.path))
        assert r1.status == "applied" and r1.added == n, r1
        line("import (verify, decrypt, merge, write rows + merge state)", t_imp, t_floor_imp)
        t_again, r2 = timed(lambda: importer.import_file(hq, res.path))
        assert r2.status == "already"
        line("re-import of the same package", t_again, t_floor_imp)
        print(f"{'re-import / first import':58} {t_again / t_imp:8.3f}   (goal <= 0.5)")
        again = export.export_changes(field, range_=(res.first, res.last))
        t_same, r3 = timed(lambda: importer.import_file(hq, again.path))
        assert r3.status == "applied" and r3.unchanged >= n and r3.added == r3.updated == 0, r3
        line("import of a re-export of the same range (all unchanged)", t_same, t_floor_imp)
        print(f"{'re-merge / first import':58} {t_same / t_imp:8.3f}   (goal <= 0.5)")
        print(f"{'import / floor':58} {t_imp / t_floor_imp:8.3f}   (goal <= 3)")
        field.close()
        hq.close()
        status, peak, base = peak_of_import(tmp / "hq-before", res.path)
        print(f"{f'peak memory, import of the {n}-person package ({status})':58} {peak:8.0f} MB"
              f"   (process before the import: {base:.0f} MB; goal < 300)")
        size = hostile_package(tmp / "field", tmp / "hq-before", tmp / "hostile.strive", 1.86)
        status, peak, base = peak_of_import(tmp / "hq-before", tmp / "hostile.strive")
        print(f"{f'peak memory, hostile {size / 1e6:.0f} MB package, 1.86 GiB inside ({status})':58} {peak:8.0f} MB"
              f"   (goal < 300)")

    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
