"""National benchmark (issue 18): headquarters importing one package from every community of the
country, on SQLite (SQLCipher, as the app keeps it) and on PostgreSQL, each against its raw floor
measured in the same run; then the dashboard figures and the donor summary over all of it.

    .venv/bin/python bench/bench_national.py [--communities 450] [--people 200] [--sessions 44]

The default is the national scale of the issue: 450 communities with 200 people each (90,000
people) who each attended 44 sessions (about 4,000,000 attendance rows). ``--communities 20
--people 50`` finishes in about a minute.

Every office is a real installation: a data folder (copied from one made once, so 450 folders
do not each run the migrations and the password's key derivation: each opens with the template's
database key), set up with headquarters' invitation, its data written with bulk inserts (the sync
columns set as the flush hook sets them), then the real export writes its signed, sealed package,
moved whole into one inbox. With ``--data DIR`` the preparation is resumable: a stopped run is
started again with the same arguments and makes only the packages missing from DIR/inbox
(headquarters, the invitations and the template are kept in DIR); ``--jobs 2`` makes two offices
at a time (about 1,600 s for 450 on a busy 2-core machine under ``nice -n 19``). The packages are
imported with the real importer (``importer.import_inbox``) into a headquarters on SQLite and
into the same headquarters moved to a throwaway PostgreSQL cluster (``migrate-hq``'s
``move_to_server``; initdb/pg_ctl from Debian's postgresql, or STRIVE_PG_BIN, or an empty
database given by STRIVE_PG_URL).

The floor: exactly the rows the import wrote (every record table and the merge state,
``sync_record_meta``) inserted into an empty headquarters of the same schema, indexes and
foreign keys, in one transaction: ``executemany`` on the app's SQLCipher connection, ``COPY``
on PostgreSQL. Reading the rows back out of the imported database is not timed.

Goals: each import within 3x of its floor; the dashboard figures and the donor summary under
1 s each. Never run by the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("STRIVE_PASSWORD", "bench-password")  # data folders are encrypted (issue 13)

from sqlalchemy import insert, update  # noqa: E402

from strive_desktop.domain.names import duplicate_key, search_key, sort_key  # noqa: E402
from strive_desktop.services import hq_server, installation, reports, stats  # noqa: E402
from strive_desktop.storage.db import BATCH_CACHE_SIZE_KIB, Store, open_store  # noqa: E402
from strive_desktop.storage.models import (  # noqa: E402
    AdvisoryGroup,
    Attendance,
    Community,
    Installation,
    Membership,
    Person,
    Training,
    TrainingSession,
    stable_id,
)
from strive_desktop.storage.seed import community_id  # noqa: E402
from strive_desktop.sync import enrol, export, importer  # noqa: E402
from strive_desktop.sync.merge import ORDER  # noqa: E402

GIVEN_F = ["Айгүл", "Жылдыз", "Гүлнара", "Бурул", "Нуриза", "Чолпон", "Айпери", "Сезим", "Мээрим", "Асель"]
GIVEN_M = ["Айбек", "Нурлан", "Бакыт", "Төлөгөн", "Чыңгыз", "Үсөн", "Өмүркан", "Эрлан", "Талант", "Мирлан"]
SURNAMES = ["Асанов", "Токтогулов", "Жумабаев", "Сыдыков", "Мамытов", "Осмонов", "Өмүрбеков", "Үсөнов",
            "Абдыкадыров", "Бекмуратов", "Кадыров", "Турдубаев"]
SECTORS = ["youth", "women", "religious_leader", "law_enforcement", "local_self_government", "aksakal_court",
           "social_worker", "lawyer", "other"]
PHASES = ["basics_ve", "conflict_analysis", "lsg_roles", "local_plan", "other"]
SESSIONS_PER_TRAINING = 4
CHUNK = 100_000  # rows read back for the floor at a time (not timed)


def line(what: str, seconds: float, floor: float | None = None) -> None:
    ratio = f"   {seconds / floor:5.2f}x floor" if floor else ""
    print(f"{what:62} {seconds:9.3f} s{ratio}", flush=True)


CPU: dict[str, float] = {"last": 0.0}  # this process's CPU time of the last timed() (not the PostgreSQL server's)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    CPU["last"] = time.process_time() - c
    return time.perf_counter() - t, out


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# -- a throwaway PostgreSQL cluster (as tests/conftest.py pg_server) --------------------------------
class Cluster:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.run_as: list[str] = []
        self.bindir: Path | None = None
        self.base = os.environ.get("STRIVE_PG_URL", "")

    def start(self) -> str:
        """The URL of an empty database with "C" collation (a new cluster unless STRIVE_PG_URL)."""
        if self.base:
            return self.base
        env = os.environ.get("STRIVE_PG_BIN")
        found = [Path(env)] if env else []
        found += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True,
                        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
        self.bindir = next((b for b in found if (b / "initdb").is_file()), None)
        if self.bindir is None:
            raise SystemExit("no PostgreSQL: install Debian's postgresql, or set STRIVE_PG_BIN or STRIVE_PG_URL")
        if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to the postgres user
            self.run_as = ["runuser", "-u", "postgres", "--"]
            self.root = Path(tempfile.mkdtemp(prefix="bench-national-pg-"))
            shutil.chown(self.root, "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        data = self.root / "data"
        subprocess.run([*self.run_as, str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], check=True, capture_output=True)
        # durable writes as a real server has them (fsync on); more memory than Debian's default
        opts = (f"-p {port} -k {self.root} -c listen_addresses='' -c shared_buffers=512MB "
                f"-c max_wal_size=4GB -c checkpoint_timeout=30min")
        subprocess.run([*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l",
                        str(self.root / "log"), "-w", "start"], check=True, capture_output=True)
        self.base = f"postgresql+psycopg://postgres@/postgres?host={self.root}&port={port}"
        return self.base

    def new_database(self, name: str) -> str:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            conn.exec_driver_sql(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                                 "LC_COLLATE 'C' LC_CTYPE 'C'")
        admin.dispose()
        return str(make_url(self.base).set(database=name).render_as_string(hide_password=False))

    def stop(self) -> None:
        if self.bindir is not None:
            subprocess.run([*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m",
                            "immediate", "stop"], capture_output=True)
            if self.run_as:
                shutil.rmtree(self.root, ignore_errors=True)


# -- the country ----------------------------------------------------------------------------------
def codes(n: int) -> list[str]:
    return [f"natl-{k:03d}" for k in range(n)]


def add_communities(store: Store, n: int) -> None:
    """The bench's communities as reference data, the way the pilot communities are seeded
    (storage/seed.py: the same id everywhere, no sync stamps): headquarters and every office
    know them before any package travels."""
    epoch = dt.datetime(2020, 1, 1)
    with store.uow() as s:
        s.execute(insert(Community), [
            dict(id=community_id(code), code=code, name_ky=f"Айыл өкмөтү {k}", name_ru=f"Айыльный аймак {k}",
                 name_en=f"Aiyl okmotu {k}", kind="aiyl_okmotu", created_at=epoch, updated_at=epoch,
                 changed_by="", change_counter=0, deleted=False) for k, code in enumerate(codes(n))])


def office_rows(k: int, inst: str, cid: str, people: int, sessions: int) -> dict[type, list[dict[str, Any]]]:
    """One community's records as its office wrote them: a group, its people and memberships,
    trainings with their sessions, and every person's attendance at every session."""
    rnd = random.Random(k)
    now = dt.datetime(2026, 11, 20, 9, 0, 0, 1000 + k)
    counter = 0

    def sync(**kw: Any) -> dict[str, Any]:
        nonlocal counter
        counter += 1
        return dict(kw, created_at=now, updated_at=now, changed_by=inst, change_counter=counter, deleted=False)

    gid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
    out: dict[type, list[dict[str, Any]]] = {
        AdvisoryGroup: [sync(id=gid, community_id=cid, name=f"Advisory group {k}", cpc_name="", formed_on=None,
                             notes="")]}
    persons = []
    for i in range(people):
        sex = rnd.choice("fm")
        name = f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN_F if sex == 'f' else GIVEN_M)}"
        persons.append(sync(id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)), community_id=cid,
                            full_name=name, name_key=search_key(name), sort_key=sort_key(name),
                            dup_key=duplicate_key(name), sex=sex, birth_year=rnd.randint(1950, 2006),
                            phone=f"+99655{k:03d}{i:04d}", pin=None, sector=rnd.choice(SECTORS),
                            organisation="Айыл өкмөтү", position="", consent_date=dt.date(2026, 3, 1), notes="",
                            merged_into=None, merge_moves="", kept_apart=""))
    out[Person] = persons
    out[Membership] = [sync(id=stable_id("membership", p["id"], gid), person_id=p["id"], group_id=gid,
                            role="member", joined_on=dt.date(2026, 3, 1), left_on=None) for p in persons]
    trainings, sess = [], []
    day = dt.date(2026, 1, 12)
    for t in range(-(-sessions // SESSIONS_PER_TRAINING)):
        tid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
        trainings.append(sync(id=tid, community_id=cid, phase=PHASES[t % len(PHASES)], title=f"Training {t + 1}",
                              title_ru="", title_en="", venue="Айыл өкмөтү", trainers=""))
        for _ in range(min(SESSIONS_PER_TRAINING, sessions - len(sess))):
            sess.append(sync(id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)), training_id=tid,
                             date=day, hours=4.0))
            day += dt.timedelta(days=3)
    out[Training], out[TrainingSession] = trainings, sess
    out[Attendance] = [sync(id=stable_id(s["id"], p["id"]), session_id=s["id"], person_id=p["id"],
                            present=rnd.random() < 0.9, walk_in=False) for s in sess for p in persons]
    return out


def office_records(people: int, sessions: int) -> int:
    """How many records office_rows writes for one office."""
    return 1 + 2 * people + -(-sessions // SESSIONS_PER_TRAINING) + sessions + people * sessions


def prepare_hq(data: Path, hq_dir: Path, n: int) -> None:
    """Headquarters with the communities and one invitation each, and the offices' template
    (vault, migrations and the communities once, copied for every office), made once: a stopped
    preparation goes on from them."""
    if (data / "prepared").is_file():
        return
    for old in (hq_dir, data / "invitations", data / "office-template"):
        shutil.rmtree(old, ignore_errors=True)
    hq = open_store(hq_dir)
    installation.init_installation(hq, name="Bishkek HQ", hq=True)
    add_communities(hq, n)
    invites = data / "invitations"
    invites.mkdir()
    for code in codes(n):
        enrol.write_invitation(hq, community_id(code), invites / f"{code}.striveinvite")
    hq.close()
    t = open_store(data / "office-template")
    add_communities(t, n)
    t.close()
    (data / "prepared").write_text(f"{n} communities\n")


def have_package(inbox: Path, code: str) -> bool:
    return any(inbox.glob(f"{code}-*.strive"))


_KEY: bytes = b""  # the template's database key: every office is a copy of it (set before the workers start)


def make_office(data: Path, inbox: Path, k: int, people: int, sessions: int) -> int:
    """One office: a copy of the template set up with its invitation, its records written, the
    real export's signed, sealed package moved into *inbox* whole (a stopped run leaves no half
    package there). Returns the records sent."""
    code = codes(k + 1)[k]
    folder = data / "offices" / f"office-{code}"
    shutil.rmtree(folder, ignore_errors=True)  # left over by a stopped run
    shutil.copytree(data / "office-template", folder)
    field = open_store(folder, key=_KEY)  # the template's vault: its key, not the password's scrypt again
    try:
        info = enrol.init_from_invitation(field, data / "invitations" / f"{code}.striveinvite", name=f"Office {k}")
        rows = office_rows(k, info.id, community_id(code), people, sessions)
        total = sum(len(r) for r in rows.values())
        with field.uow() as s:
            for model, batch in rows.items():
                s.execute(insert(model), batch)
            s.execute(update(Installation).values(counter=total))
        res = export.export_changes(field)
        part = inbox / (res.path.name + ".part")
        shutil.copyfile(res.path, part)
        os.replace(part, inbox / res.path.name)
    finally:
        field.close()
    shutil.rmtree(folder)
    return total


def _office_job(job: tuple[Path, Path, int, int, int]) -> int:
    return make_office(*job)


def build_country(data: Path, hq_dir: Path, inbox: Path, n: int, people: int, sessions: int,
                  jobs: int = 1) -> int:
    """The headquarters folder and one package per community in *inbox*; returns the records
    sent. Resumable: packages already in *inbox* are kept, the others made."""
    global _KEY
    prepare_hq(data, hq_dir, n)
    inbox.mkdir(parents=True, exist_ok=True)
    for stale in inbox.glob("*.part"):
        stale.unlink()
    todo = [k for k, code in enumerate(codes(n)) if not have_package(inbox, code)]
    print(f"  {n - len(todo)} packages already in the inbox, {len(todo)} to make ({jobs} at a time)", flush=True)
    t = open_store(data / "office-template")
    _KEY = t.key
    t.close()
    (data / "offices").mkdir(exist_ok=True)
    started = time.perf_counter()
    work = [(data, inbox, k, people, sessions) for k in todo]
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            done = pool.imap_unordered(_office_job, work)
            for i, _ in enumerate(done):
                if (i + 1) % 25 == 0 or i + 1 == len(work):
                    print(f"  {i + 1} of {len(work)} offices exported ({time.perf_counter() - started:.0f} s)",
                          flush=True)
    else:
        for i, job in enumerate(work):
            _office_job(job)
            if (i + 1) % 25 == 0 or i + 1 == len(work):
                print(f"  {i + 1} of {len(work)} offices exported ({time.perf_counter() - started:.0f} s)",
                      flush=True)
    missing = [code for code in codes(n) if not have_package(inbox, code)]
    if missing:
        raise SystemExit(f"no package for {len(missing)} communities ({missing[0]}, ...)")
    return n * office_records(people, sessions)


# -- the floors -------------------------------------------------------------------------------
def floor_tables() -> list[str]:
    return [t for t in ORDER if t != "communities"] + ["sync_record_meta"]


def columns(conn: Any, tbl: str) -> list[str]:
    from sqlalchemy import inspect

    return [c["name"] for c in inspect(conn).get_columns(tbl)]


def sqlite_chunks(src: Store, tbl: str, cols: list[str]) -> Iterator[list[tuple[Any, ...]]]:
    raw = src.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(f"SELECT {', '.join(f'{c!r}'.replace(chr(39), chr(34)) for c in cols)} FROM {tbl}")  # noqa: S608
        while True:
            part = cur.fetchmany(CHUNK)
            if not part:
                return
            yield part
    finally:
        raw.close()


def floor_sqlite(src: Store, empty_dir: Path) -> tuple[float, dict[str, int]]:
    """executemany of the imported rows into an empty headquarters (the app's SQLCipher
    connection, its PRAGMAs and the page cache of an import's batch, foreign keys on), one
    transaction; reading them is not timed."""
    dst = open_store(empty_dir)
    spent, counts = 0.0, {}
    raw = dst.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(f"PRAGMA cache_size={BATCH_CACHE_SIZE_KIB}")  # the page cache an import's batch has
        cur.execute("BEGIN IMMEDIATE")
        for tbl in floor_tables():
            with src.engine.connect() as c:
                cols = columns(c, tbl)
            sql = (f"INSERT INTO {tbl} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "  # noqa: S608
                   f"VALUES ({', '.join('?' * len(cols))})")
            n = 0
            for part in sqlite_chunks(src, tbl, cols):
                gc.collect()
                t = time.perf_counter()
                cur.executemany(sql, part)
                spent += time.perf_counter() - t
                n += len(part)
            counts[tbl] = n
        t = time.perf_counter()
        raw.commit()
        spent += time.perf_counter() - t
    finally:
        raw.close()
        dst.close()
    return spent, counts


def floor_postgres(src: Store, dst_url: str) -> tuple[float, dict[str, int]]:
    """COPY of the imported rows (as the server writes them out) into an empty headquarters
    database of the same schema, one transaction; reading them out is not timed."""
    import psycopg
    from sqlalchemy.engine import make_url

    def dsn(url: str) -> str:
        u = make_url(url)
        return f"dbname={u.database} user={u.username} host={u.query['host']} port={u.query['port']}"

    spent, counts = 0.0, {}
    with psycopg.connect(dsn(src.url or "")) as a, psycopg.connect(dsn(dst_url)) as b:
        for tbl in floor_tables():
            cols = ", ".join(f'"{c}"' for c in [r[0] for r in a.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
                (tbl,))])
            n, buf, size = 0, [], 0

            def flush() -> float:
                data = b"".join(buf)  # noqa: B023 - one write: the floor is COPY itself, not many small writes
                gc.collect()
                t = time.perf_counter()
                with b.cursor().copy(f"COPY {tbl} ({cols}) FROM STDIN") as cp:  # noqa: B023
                    cp.write(data)
                return time.perf_counter() - t

            with a.cursor().copy(f"COPY (SELECT {cols} FROM {tbl}) TO STDOUT") as out:
                for block in out:
                    buf.append(bytes(block))
                    size += len(block)
                    n += bytes(block).count(b"\n")
                    if size > 64 << 20:
                        spent += flush()
                        buf, size = [], 0
            if buf:
                spent += flush()
            counts[tbl] = n
        t = time.perf_counter()
        b.commit()
        spent += time.perf_counter() - t
    return spent, counts


# -- the run ----------------------------------------------------------------------------------
def import_all(store: Store, inbox: Path) -> tuple[float, list[importer.ImportResult]]:
    t, results = timed(lambda: importer.import_inbox(store, inbox))
    bad = [r for r in results if r.status != "applied"]
    assert not bad, bad[0].message
    return t, results


def figures(store: Store, label: str) -> tuple[float, float]:
    times_s, times_d = [], []
    for _ in range(3):
        t, summ = timed(lambda: stats.summary(store))
        times_s.append(t)
        t, donor = timed(lambda: reports.donor_summary(store))
        times_d.append(t)
    print(f"  ({label}: {summ.members} people counted on the dashboard, "
          f"{donor.participants} participants, {donor.sessions} sessions in the donor summary)")
    line(f"{label}: dashboard figures (stats.summary), best of 3", min(times_s))
    line(f"{label}: donor summary (reports.donor_summary), best of 3", min(times_d))
    print(f"  {label}: every run: dashboard " + ", ".join(f"{x:.3f}" for x in times_s)
          + " s; donor " + ", ".join(f"{x:.3f}" for x in times_d) + " s", flush=True)
    return min(times_s), min(times_d)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--communities", type=int, default=450, help="field offices, one package each (450)")
    ap.add_argument("--people", type=int, default=200, help="people per community (200)")
    ap.add_argument("--sessions", type=int, default=44,
                    help="training sessions per community, everyone attends each (44: ~4,000,000 rows at 450 x 200)")
    ap.add_argument("--keep", action="store_true", help="leave the folders in /tmp (for a look afterwards)")
    ap.add_argument("--only", choices=["sqlite", "postgresql"], help="one engine only")
    ap.add_argument("--data", help="keep the offices' packages and headquarters (before any import) in this "
                                   "folder, and take them from there when it has them (then the first "
                                   "--communities packages are imported; people and sessions are theirs)")
    ap.add_argument("--prepare-only", action="store_true", help="only make the packages (with --data)")
    ap.add_argument("--jobs", type=int, default=1, help="offices prepared at a time (processes; default 1)")
    args = ap.parse_args()
    n, people, sessions = args.communities, args.people, args.sessions
    tmp = Path(tempfile.mkdtemp(prefix="bench-national-"))
    cluster = Cluster(tmp / "pg")
    started = time.perf_counter()
    results: dict[str, tuple[float, float, float, float]] = {}
    try:
        print(f"{n} communities x {people} people x {sessions} sessions ({n * people * sessions} attendance rows), "
              f"{tmp}", flush=True)
        data = Path(args.data) if args.data else tmp / "country"
        inbox, hq_dir = tmp / "inbox", tmp / "hq"
        if (data / "ready").is_file():  # made by an earlier run with --data: not made again
            print(f"setup: the offices' packages and headquarters from {data} ({(data / 'ready').read_text()})")
            if len(list((data / "inbox").glob("*.strive"))) < n:
                raise SystemExit(f"{data} holds fewer than {n} packages: ask for fewer --communities")
        else:  # made now, or the rest of them after a stopped preparation
            data.mkdir(parents=True, exist_ok=True)
            t, records = timed(lambda: build_country(data, data / "hq", data / "inbox", n, people, sessions,
                                                     args.jobs))
            size = sum(p.stat().st_size for p in (data / "inbox").glob("*.strive"))
            line(f"setup: {n} offices, {records} records, {size / 1e6:.0f} MB of packages "
                 f"(this run made what was missing)", t)
            (data / "ready").write_text(f"{n} x {people} x {sessions}, {records} records")
            shutil.rmtree(data / "offices", ignore_errors=True)
        if args.prepare_only:
            return
        shutil.copytree(data / "hq", hq_dir)
        inbox.mkdir()
        packages = sorted((data / "inbox").glob("*.strive"))[:n]  # with --data: the first --communities
        for p in packages:
            os.link(p, inbox / p.name)
        print(f"inbox: {len(packages)} packages, {sum(p.stat().st_size for p in packages) / 1e6:.0f} MB", flush=True)
        shutil.copytree(hq_dir, tmp / "hq-empty")  # before any import: the floors' target
        engines = [args.only] if args.only else ["sqlite", "postgresql"]
        if "postgresql" in engines:
            url = cluster.start()
            base = url.rsplit("/", 1)[0]
            shutil.copytree(hq_dir, tmp / "hq-pg")
            shutil.copytree(hq_dir, tmp / "hq-pg-empty")
            for folder, db in ((tmp / "hq-pg", "strive_hq"), (tmp / "hq-pg-empty", "strive_floor")):
                target = cluster.new_database(db) if not os.environ.get("STRIVE_PG_URL") else f"{base}/{db}"
                st = open_store(folder)
                hq_server.move_to_server(st, target)  # migrate-hq: the same headquarters on the server
                st.close()
        for engine in engines:
            folder = hq_dir if engine == "sqlite" else tmp / "hq-pg"
            box = tmp / f"inbox-{engine}"
            shutil.copytree(inbox, box, copy_function=os.link)  # import_inbox moves what it imported
            hq = open_store(folder)
            print(f"-- {engine} {'(SQLCipher file)' if engine == 'sqlite' else '(throwaway cluster)'}", flush=True)
            t_imp, res = import_all(hq, box)
            cpu_imp = CPU["last"]
            added = sum(r.added for r in res)
            line(f"{engine}: import of the inbox ({len(res)} packages, {added} records)", t_imp)
            print(f"  {engine}: {added} added, {sum(r.updated for r in res)} updated, "
                  f"{sum(r.unchanged for r in res)} unchanged, {sum(r.pending for r in res)} waiting, "
                  f"{sum(r.set_aside for r in res)} set aside, {sum(r.conflicts for r in res)} conflicts", flush=True)
            if engine == "sqlite":
                t_floor, counts = floor_sqlite(hq, tmp / "hq-empty")
                what = "executemany"
            else:
                probe = open_store(tmp / "hq-pg-empty")
                floor_url = probe.url or ""
                probe.close()
                t_floor, counts = floor_postgres(hq, floor_url)
                what = "COPY"
            line(f"{engine}: floor, {what} of the same {sum(counts.values())} rows (+ merge state)", t_floor)
            line(f"{engine}: import of the inbox", t_imp, t_floor)
            print(f"  {engine}: CPU of this process: import {cpu_imp:.3f} s (wall {t_imp:.3f} s); "
                  f"load average now {load()}", flush=True)
            print(f"  {engine}: rows per table: " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
            t_dash, t_donor = figures(hq, engine)
            results[engine] = (t_imp, t_floor, t_dash, t_donor)
            hq.close()
        print()
        for engine, (t_imp, t_floor, t_dash, t_donor) in results.items():
            print(f"{engine + ': import / floor':62} {t_imp / t_floor:9.2f}    (goal <= 3)")
            print(f"{engine + ': dashboard figures':62} {t_dash:9.3f} s  (goal < 1 s)")
            print(f"{engine + ': donor summary':62} {t_donor:9.3f} s  (goal < 1 s)")
        print(f"{'whole run':62} {time.perf_counter() - started:9.0f} s")
    finally:
        cluster.stop()
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
