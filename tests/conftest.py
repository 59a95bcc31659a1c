"""Fixtures shared by every test: real data folders in tmp_path, never a mocked database."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every data folder is encrypted and needs a login: the fixtures (and the CLI and GUI started
# by tests) log in with this password from the environment; the password KDF's cost is lowered
# for tests only (storage/vault.py: production slots use scrypt N = 2**17).
os.environ.setdefault("STRIVE_PASSWORD", "test-password")
os.environ.setdefault("STRIVE_KDF_LOG2N", "10")

from strive_desktop.services import installation, maintenance, rosters  # noqa: E402
from strive_desktop.storage.db import Store, open_store  # noqa: E402
from strive_desktop.storage.seed import community_id  # noqa: E402
from strive_desktop.sync import export, importer, keys  # noqa: E402

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A field office in Nookat, user "Gulnara"."""
    st = open_store(data_dir)
    installation.init_installation(st, name="Nookat office", community=NOOKAT, user_name="Gulnara")
    yield st
    st.close()


@pytest.fixture
def hq_store(tmp_path: Path) -> Iterator[Store]:
    """Headquarters in Bishkek, in its own data folder."""
    st = open_store(tmp_path / "hq")
    installation.init_installation(st, name="Bishkek HQ", hq=True, user_name="Aida")
    yield st
    st.close()


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """Headquarters with the demo data of all 9 communities."""
    from strive_desktop.services import demo

    st = open_store(tmp_path / "demo")
    demo.fill(st)
    yield st
    st.close()


@pytest.fixture(autouse=True)
def english_interface(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every Qt test starts in the English interface a user sees ("5 people", the English
    plural forms installed), whatever language an earlier test switched to."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    from strive_desktop.gui.i18n import install_translations

    install_translations(request.getfixturevalue("qapp"), "en")
    yield


@pytest.fixture
def language(qapp):  # type: ignore[no-untyped-def]
    """``language("ky")`` switches the running application's interface language for one
    test (our .qm files and Qt's own); English again afterwards."""
    from strive_desktop.gui.i18n import install_translations

    def use(lang: str) -> None:
        assert install_translations(qapp, lang)

    yield use
    install_translations(qapp, "en")


# -- sync: a field office and headquarters that know each other's keys --------------------------

def person(store: Store, name: str, community: str = NOOKAT, **kw) -> str:  # type: ignore[no-untyped-def]
    inp = rosters.PersonInput(full_name=name, sex=kw.pop("sex", "f"), sector=kw.pop("sector", "youth"),
                              community_id=community, **kw)
    res = rosters.add_person(store, inp, allow_duplicate=True)
    assert res.person_id
    return res.person_id


def ship(src: Store, dst: Store, tmp: Path | None = None) -> list[importer.ImportResult]:
    """Export everything pending at *src* and import it at *dst*."""
    results = export.export(src)
    return [importer.import_file(dst, r.path) for r in results]


def community_dump(store: Store, cid: str) -> dict:
    """The dump restricted to one community's records plus the shared communities."""
    from strive_desktop.sync.scope import SCOPE_SQL

    data = maintenance.dump(store)
    out = {}
    with store.engine.connect() as conn:
        from sqlalchemy import text

        for tbl, rows in data.items():
            ids = {r[0] for r in conn.execute(text(SCOPE_SQL[tbl])) if r[1] in (cid, None)}
            out[tbl] = [r for r in rows if r["id"] in ids]
    return out


def link(field: Store, hq: Store, tmp: Path) -> None:
    """The field imports headquarters' key; headquarters accepts the field installation."""
    keyfile = keys.export_hq_key(hq, tmp / "hq.strivekey")
    keys.import_hq_key(field, keyfile)
    res = ship(field, hq) if installation.unexported_changes(field) else []
    if not res:
        person(field, "Link Person")
        res = ship(field, hq)
    assert res[0].status == "waiting", res[0].message
    keys.accept_installation(hq, installation.get_installation(field).id)
    out = importer.apply_waiting(hq)
    assert out and out[0].status == "applied", out


def copy_folder_db(src_root: Path, dest_root: Path) -> None:
    """A second copy of a data folder's database (same installation, same keys): the
    encrypted database copied with its key file (vault.json), as they belong together."""
    import shutil

    from strive_desktop.storage.datafolder import DataFolder
    from strive_desktop.storage.db import sqlite_backup
    from strive_desktop.storage.vault import key_from_environment

    key = key_from_environment(DataFolder(src_root))[1]
    dest_root.mkdir(parents=True, exist_ok=True)
    import strive_desktop.storage.db as db

    src_url = db.database_url(DataFolder(src_root))
    if src_url:  # on PostgreSQL (on_postgres): the rows copied into the copy's own database
        from strive_desktop.storage.copy import copy_tables
        from strive_desktop.storage.engine import make_pg_engine

        src, dst = make_pg_engine(src_url), make_pg_engine(db.database_url(DataFolder(dest_root)) or "")
        with src.connect() as a, dst.begin() as b:
            copy_tables(a, b)
        src.dispose()
        dst.dispose()
    else:
        sqlite_backup(src_root / "strive.sqlite3", dest_root / "strive.sqlite3", key)
    shutil.copyfile(src_root / "vault.json", dest_root / "vault.json")


@pytest.fixture
def linked(store: Store, hq_store: Store, tmp_path: Path) -> tuple[Store, Store]:
    link(store, hq_store, tmp_path)
    return store, hq_store


@pytest.fixture
def kochkor_store(tmp_path: Path) -> Iterator[Store]:
    st = open_store(tmp_path / "kochkor")
    installation.init_installation(st, name="Kochkor office", community=KOCHKOR, user_name="Bakyt")
    yield st
    st.close()


# -- a Nookat training: five people (one with the longest name form), three sessions and their
# attendance; the PDFs and the certificate service are tested on it -------------------------------

NAMES = {
    # name: (sex, sector, birth year, sessions attended out of 3)
    "Өмүрбек Түлөгөнов": ("m", "aksakal_court", 1955, 3),
    "Айнура Ңу": ("f", "youth", 2003, 3),
    "Гүлзат Үсөнова": ("f", "women", 1990, 2),  # 8 of 12 hours: below the 80 % rule
    "Ковалёв Сергей": ("m", "law_enforcement", 1980, 3),
    "Абдырахманова-Жумабекова Мээримгүл Таалайбековна кызы Чыңгызхан": ("f", "lsg", 1975, 3),
}
LONG = "Абдырахманова-Жумабекова Мээримгүл Таалайбековна кызы Чыңгызхан"
SESSIONS = [dt.date(2026, 3, 10), dt.date(2026, 3, 11), dt.date(2026, 3, 12)]


@pytest.fixture
def nookat_training(store: Store) -> str:
    from strive_desktop.services import trainings

    gid = rosters.create_group(store, NOOKAT, "Ноокат консультативдик тобу")
    ids = {}
    for name, (sex, sector, year, _n) in NAMES.items():
        res = rosters.add_person(store, rosters.PersonInput(
            full_name=name, sex=sex, sector="local_self_government" if sector == "lsg" else sector,
            community_id=NOOKAT, birth_year=year), group_id=gid, joined_on=dt.date(2025, 1, 1), allow_duplicate=True)
        ids[name] = res.person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Зордук-зомбулук экстремизминин негиздери",
        venue="Ноокат, айыл өкмөтүнүн залы", trainers="Икбалжан Мирсайитов",
        sessions=[trainings.SessionInput(d, 4.0) for d in SESSIONS]))
    info = trainings.get_training(store, tid)
    rows = [(sess.id, ids[name], i < n) for name, (*_, n) in NAMES.items() for i, sess in enumerate(info.sessions)]
    trainings.record_bulk(store, rows)
    return tid


@pytest.fixture
def training(store: Store) -> str:
    """A Nookat training (conflict analysis, two 4-hour sessions) that two people, Өмүрбек
    Түлөгөнов and Айнура Ңу, attended in full: both complete it. A test module with a training
    of its own defines its own ``training``."""
    from strive_desktop.services import trainings

    gid = rosters.create_group(store, NOOKAT, "Топ")
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="conflict_analysis", title="Жаңжалдарды талдоо", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 5, 4), 4), trainings.SessionInput(dt.date(2026, 5, 5), 4)]))
    sessions = trainings.get_training(store, tid).sessions
    for name in ("Өмүрбек Түлөгөнов", "Айнура Ңу"):
        pid = rosters.add_person(store, rosters.PersonInput(full_name=name, sex="f", sector="youth",
                                                            community_id=NOOKAT, birth_year=1990),
                                 group_id=gid, allow_duplicate=True).person_id
        for sess in sessions:
            trainings.record_attendance(store, sess.id, pid, True)
    return tid


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """A form a test filled in and left open is closed by pytest-qt after the test; it must not
    stop there on the "Discard what you entered?" question (gui/widgets/discard.py). This
    conftest hook wraps pytest-qt's (registered later, so called first)."""

    if "PySide6.QtWidgets" in sys.modules and "strive_desktop.gui.widgets.discard" in sys.modules:
        from PySide6.QtWidgets import QApplication

        from strive_desktop.gui.widgets.discard import AsksBeforeDiscarding

        for w in QApplication.allWidgets():
            if isinstance(w, AsksBeforeDiscarding):
                w.mark_clean()
    yield
    _crash_traces_back_to_stderr()
    if "PySide6.QtWidgets" in sys.modules and {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
        # Windows, pages and contexts a test made are often held in reference cycles (a lambda
        # connected to a signal that names its widget): only the cyclic garbage collector frees
        # them, on whichever thread it happens to run, e.g. a worker thread of a later test (a
        # PDF batch, a threading.Timer in tests/storage), and a widget destroyed there can
        # crash the process (a segmentation fault seen in tests/storage/test_db.py). Free
        # them here, on the GUI thread, once pytest-qt has closed them.
        gc.collect()


_stderr_for_crashes: int | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _stderr_for_crashes
    import faulthandler

    from _pytest.faulthandler import get_stderr_fileno

    _stderr_for_crashes = os.dup(get_stderr_fileno())  # as pytest's faulthandler plugin does
    faulthandler.enable(file=_stderr_for_crashes, all_threads=True)


def _crash_traces_back_to_stderr() -> None:
    """The app points faulthandler at logs/crash.log of its data folder (logsetup.enable_crash_log,
    called by every log_bug): after a test that did, a native crash of a later test in the run
    (a segmentation fault) would leave its stacks in that test's tmp folder and the run would
    end with no trace at all. After every test they go to the terminal again."""
    import faulthandler

    logsetup = sys.modules.get("strive_desktop.logsetup")
    crash_file = getattr(logsetup, "_crash_file", None)
    if crash_file is None or _stderr_for_crashes is None:
        return
    faulthandler.enable(file=_stderr_for_crashes, all_threads=True)
    crash_file.close()
    logsetup._crash_file = None  # type: ignore[union-attr]


# -- PostgreSQL (a headquarters on a database server, storage/engine.py) --------------------------
# A throwaway cluster for the whole session (initdb + pg_ctl on a unix socket under pytest's
# temporary folder), or the server of STRIVE_PG_URL. Without PostgreSQL binaries the PostgreSQL
# variants are skipped, unless STRIVE_PG_REQUIRED=1 (.ci/run): then they fail.

PG_ENGINES = ("sqlite", "postgresql")


def _pg_bin() -> Path | None:
    import shutil

    env = os.environ.get("STRIVE_PG_BIN")
    candidates = [Path(env)] if env else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                         key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    which = shutil.which("initdb")
    if which:
        candidates.append(Path(which).parent)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file():
            return c
    return None


class PgServer:
    """A PostgreSQL server for tests: fresh databases made from a migrated template."""

    def __init__(self, base_url: str) -> None:
        from sqlalchemy import create_engine

        self.base_url = base_url  # ends with the maintenance database (postgres)
        self.admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
        self._n = 0
        self._template: str | None = None

    def url(self, dbname: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.base_url).set(database=dbname).render_as_string(hide_password=False)

    def _create(self, name: str, template: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            # the "C" order (code points), as SQLite's binary order: storage/engine.py checks it
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\' '
                                 "LC_COLLATE 'C' LC_CTYPE 'C'")

    def new_database(self) -> str:
        """The URL of a new database with the schema at HEAD (no rows but Alembic's)."""
        from strive_desktop.storage.db import run_migrations

        if self._template is None:
            name = f"strive_tpl_{os.getpid()}"
            self._create(name, "template0")
            run_migrations(Path("unused.sqlite3"), url=self.url(name))
            self._template = name
        self._n += 1
        name = f"strive_t{os.getpid()}_{self._n}"
        self._create(name, self._template)
        return self.url(name)

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def _no_pg(reason: str) -> None:
    if os.environ.get("STRIVE_PG_REQUIRED") == "1":
        pytest.fail(f"PostgreSQL is required here (STRIVE_PG_REQUIRED=1): {reason}")
    pytest.skip(f"no PostgreSQL: {reason}")


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgServer]:
    import socket
    import subprocess

    given = os.environ.get("STRIVE_PG_URL")
    if given:
        yield PgServer(given)
        return
    bindir = _pg_bin()
    if bindir is None:
        _no_pg("no initdb/pg_ctl found (install Debian's postgresql, or set STRIVE_PG_BIN or STRIVE_PG_URL)")
    assert bindir is not None
    import shutil

    root = tmp_path_factory.mktemp("pg")
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to the postgres user, in
        # a folder of its own (pytest's temporary folders are closed to other users)
        import tempfile

        if shutil.which("runuser") is None:
            _no_pg("running as root without runuser")
        run_as = ["runuser", "-u", "postgres", "--"]
        root = Path(tempfile.mkdtemp(prefix="strive-pg-"))
        shutil.chown(root, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"
    subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"], check=True, capture_output=True)
    opts = f"-p {port} -k {root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
    subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"),
                    "-w", "start"], check=True, capture_output=True)
    try:
        yield PgServer(f"postgresql+psycopg://postgres@/postgres?host={root}&port={port}")
    finally:
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        if run_as:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh PostgreSQL database for one test."""
    url = pg_server.new_database()
    yield url
    pg_server.drop(url)


@pytest.fixture
def on_postgres(pg_server: PgServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every data folder the test opens keeps its database on PostgreSQL (a fresh database per
    folder, named in its settings.json) instead of its SQLite file: the same tests, run against
    a headquarters server."""
    import strive_desktop.storage.db as db

    real = db.database_url
    made: dict[Path, str] = {}

    def url_for(folder, override=None):  # type: ignore[no-untyped-def]
        found = real(folder, override)
        if found:
            return found
        root = folder.root.resolve()
        if root not in made:
            from strive_desktop.storage.engine import save_database_url

            made[root] = pg_server.new_database()
            save_database_url(folder, made[root])  # as a real headquarters: the CLI finds it too
        return made[root]

    monkeypatch.setattr(db, "database_url", url_for)
    yield
    for url in made.values():
        pg_server.drop(url)


@pytest.fixture(params=PG_ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """"sqlite" and "postgresql": a test folder's autouse fixture asks for it to run its tests
    on both engines (tests/sync/conftest.py ...)."""
    if request.param == "postgresql":
        request.getfixturevalue("on_postgres")
    return str(request.param)
