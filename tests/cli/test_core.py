"""Every CLI command run as a user would: `python main.py --data-dir DIR <cmd>` in a subprocess.

Errors must print one plain line, exit 1 and never show a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from strive_desktop.storage.schema import HEAD

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"


def run(*args: str, data: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(MAIN)]
    if data is not None:
        cmd += ["--data-dir", str(data)]
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(cmd + list(args), capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=full_env)


def assert_user_error(r: subprocess.CompletedProcess, words: str) -> None:
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    lines = r.stderr.strip().splitlines()
    # "error: " in the user's language (cli/language.py): ката / ошибка
    assert len(lines) == 1 and lines[0].startswith(("error: ", "ката: ", "ошибка: ")), r.stderr
    assert words in lines[0], lines[0]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cli") / "demo"
    r = run("demo", data=d)
    assert r.returncode == 0, r.stderr
    assert "9 communities, 108 people, 36 trainings, 9 plans" in r.stdout
    return d


def test_help_lists_every_command():
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("init", "demo", "check", "backup", "restore", "dump", "--data-dir"):
        assert cmd in r.stdout


def test_init_community_then_again_refused(tmp_path):
    d = tmp_path / "usb" / "strive"
    r = run("init", "--name", "Кочкор офиси", "--community", "Кочкор", "--user", "Айгүл", data=d)
    assert r.returncode == 0, r.stderr
    assert "Installation 'Кочкор офиси' (Kochkor) set up in" in r.stdout
    assert (d / "strive.sqlite3").is_file() and (d / "backups").is_dir()
    assert_user_error(run("init", "--name", "Again", "--hq", data=d), "already set up")


def test_init_hq_and_unknown_community(tmp_path):
    r = run("init", "--name", "Bishkek HQ", "--hq", data=tmp_path / "hq")
    assert r.returncode == 0 and "(headquarters)" in r.stdout
    assert_user_error(run("init", "--name", "X", "--community", "Atlantis", data=tmp_path / "x"),
                      "There is no community called Atlantis.")


def test_init_usage_error_exits_nonzero_without_traceback(tmp_path):
    r = run("init", "--name", "X", data=tmp_path / "x")  # neither --community nor --hq
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "one of the arguments --community --hq --invite is required" in r.stderr


def test_check_on_demo_is_ok(demo_dir):
    r = run("check", data=demo_dir)
    assert r.returncode == 0, r.stderr
    assert "check: OK" in r.stdout and f"schema version: {HEAD}" in r.stdout
    assert "people: 108" in r.stdout and "communities: 9" in r.stdout


def test_dump_shows_communities_rosters_trainings_attendance_plans(demo_dir):
    r = run("dump", data=demo_dir)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["communities"]) == 9
    assert {c["name_ky"] for c in data["communities"]} >= {"Ноокат", "Кочкор", "Исфана"}
    assert len(data["advisory_groups"]) == 9 and len(data["people"]) == 108
    assert len(data["memberships"]) == 108 and len(data["trainings"]) == 36
    assert len(data["attendance"]) == 756 and len(data["local_plans"]) == 9
    assert len(data["plan_revisions"]) == 18 and len(data["vulnerable_groups"]) == 18
    assert {t["phase"] for t in data["trainings"]} == {"basics_ve", "conflict_analysis", "lsg_roles",
                                                       "local_plan"}
    for rows in data.values():
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    # canonical: the same folder dumps byte-for-byte the same
    assert run("dump", data=demo_dir).stdout == r.stdout
    assert "Ноокат" in r.stdout  # not \u-escaped


def test_demo_is_deterministic_apart_from_ids_and_times(tmp_path, demo_dir):
    other = tmp_path / "again"
    assert run("demo", data=other).returncode == 0
    a = json.loads(run("dump", data=demo_dir).stdout)
    b = json.loads(run("dump", data=other).stdout)
    def names(d):
        return sorted((p["full_name"], p["birth_year"], p["phone"]) for p in d["people"])
    assert names(a) == names(b)
    assert sorted(p["present"] for p in a["attendance"]) == sorted(p["present"] for p in b["attendance"])


def test_demo_into_a_folder_with_data_is_refused(demo_dir):
    assert_user_error(run("demo", data=demo_dir), "already holds people or groups")
    assert len(json.loads(run("dump", data=demo_dir).stdout)["people"]) == 108


def _raw(path: Path, data: Path):  # type: ignore[no-untyped-def]
    """A raw connection to a database (or backup) of the data folder *data*, with its key."""
    from strive_desktop.storage import cipher

    return cipher.connect(path, _raw_key(data))


def _raw_key(data: Path) -> bytes:
    """The database key of the data folder *data* (STRIVE_PASSWORD opens its first account)."""
    from strive_desktop.storage.datafolder import DataFolder
    from strive_desktop.storage.vault import key_from_environment

    return key_from_environment(DataFolder(data))[1]


def test_check_and_dump_without_a_database(tmp_path):
    assert_user_error(run("check", data=tmp_path / "empty"), "There is no database in")
    assert_user_error(run("dump", data=tmp_path / "empty"), "There is no database in")


def test_check_finds_a_broken_foreign_key(tmp_path):
    d = tmp_path / "d"
    assert run("init", "--name", "N", "--community", "nookat", data=d).returncode == 0
    con = _raw(d / "strive.sqlite3", d)
    con.execute("INSERT INTO memberships (id, person_id, group_id, role, created_at, updated_at, changed_by,"
                " change_counter, deleted) VALUES ('m', 'ghost', 'nogroup', 'member', '2024-01-01', "
                "'2024-01-01', '', 0, 0)")  # foreign keys are off in this raw connection
    con.commit()
    con.close()
    r = run("check", data=d)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "problem: foreign key: memberships" in r.stderr and "problem(s)" in r.stdout
    r = run("--lang", "ru", "check", data=d)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "проблема: внешний ключ: строка 1 таблицы memberships ссылается на отсутствующую запись в " \
           "people" in r.stderr.splitlines()
    r = run("--lang", "ky", "check", data=d)
    assert "көйгөй: тышкы ачкыч: memberships таблицасынын 1 сабы жок advisory_groups жазуусуна шилтейт" \
           in r.stderr.splitlines()


def _names_of(data: Path) -> list[str]:
    """The full names of the people the folder *data* holds, as `dump` shows them."""
    return [p["full_name"] for p in json.loads(run("dump", data=data).stdout)["people"]]


def _readable(path: Path, words: list[str]) -> list[str]:
    """Which of *words* can be read in the bytes of *path* (UTF-8 or UTF-16)."""
    data = path.read_bytes()
    return [w for w in words if any(w.encode(enc) in data for enc in ("utf-8", "utf-16-le"))]


def test_check_and_backup_work_while_the_app_holds_the_folder(tmp_path, demo_dir):
    from strive_desktop.storage.db import open_store

    names = _names_of(demo_dir)
    assert len(names) == 108
    st = open_store(demo_dir)  # like a running app
    try:
        r = run("check", data=demo_dir)
        assert r.returncode == 0 and "check: OK" in r.stdout
        out = tmp_path / "copy.strivebak"
        r = run("backup", "--out", str(out), data=demo_dir)
        assert r.returncode == 0 and f"Backup written to {out} (encrypted, checked)" in r.stdout
        assert out.stat().st_size > 0 and _readable(out, names) == []  # nobody's name in it
        assert_user_error(run("demo", data=demo_dir), "already running")
        assert_user_error(run("restore", str(out), data=demo_dir), "already running")
    finally:
        st.close()
    # the backup brings the whole roster back, into a new folder (as on a new computer)
    fresh = tmp_path / "new-computer"
    r = run("restore", str(out), data=fresh)
    assert r.returncode == 0, r.stderr
    assert sorted(_names_of(fresh)) == sorted(names)
    assert run("check", data=fresh).returncode == 0


def test_backup_into_a_folder_and_errors(tmp_path, demo_dir):
    folder = tmp_path / "usb"
    folder.mkdir()
    r = run("backup", "--out", str(folder), data=demo_dir)
    assert r.returncode == 0
    written = list(folder.glob("strive-backup-*.strivebak"))
    assert len(written) == 1 and f"Backup written to {written[0]}" in r.stdout
    assert list(folder.glob("*.part")) == []
    assert _readable(written[0], _names_of(demo_dir)) == []
    assert_user_error(run("backup", "--out", str(tmp_path / "x.strivebak"), data=tmp_path / "none"),
                      "There is no database")
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    assert_user_error(run("backup", "--out", str(blocker / "b.strivebak"), data=demo_dir),
                      "The backup could not be written")


def test_backup_onto_or_restore_from_the_live_database_is_refused(tmp_path):
    from strive_desktop.services.backups import MAGIC

    d = tmp_path / "d"
    assert run("init", "--name", "N", "--community", "nookat", data=d).returncode == 0
    assert run("demo", data=d).returncode == 0
    names = _names_of(d)
    assert_user_error(run("backup", "--out", str(d / "strive.sqlite3"), data=d), "is the database in use")
    assert_user_error(run("restore", str(d / "strive.sqlite3"), data=d), "is the database in use")
    # the database was not overwritten by a backup and still holds every person
    assert not (d / "strive.sqlite3").read_bytes().startswith(MAGIC)
    assert run("check", data=d).returncode == 0
    assert _names_of(d) == names and len(names) == 12


def test_check_and_dump_on_an_older_schema(tmp_path):
    from strive_desktop.storage.db import run_migrations
    from strive_desktop.storage.schema import KNOWN_REVISIONS

    d = tmp_path / "old"
    d.mkdir()
    run_migrations(d / "strive.sqlite3", KNOWN_REVISIONS[0])
    r = run("check", data=d)
    assert r.returncode == 0 and "check: OK" in r.stdout
    assert f"schema version: {KNOWN_REVISIONS[0]} (the app upgrades it to {HEAD}" in r.stdout
    assert list((d / "backups").iterdir()) == []  # check changes nothing
    r = run("dump", data=d)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["communities"]) == 9
    assert len(list((d / "backups").glob(f"*before-{HEAD}.sqlite3"))) == 1
    assert f"schema version: {HEAD}\n" in run("check", data=d).stdout


def test_restore_keeps_the_replaced_database(tmp_path):
    d = tmp_path / "d"
    assert run("init", "--name", "N", "--community", "nookat", data=d).returncode == 0
    backup = tmp_path / "b.strivebak"
    assert run("backup", "--out", str(backup), data=d).returncode == 0
    assert run("demo", data=d).returncode == 0
    names = _names_of(d)
    assert len(names) == 12  # a field office: its own community only
    r = run("restore", str(backup), data=d)
    assert r.returncode == 0, r.stderr
    assert "What it replaced was kept in" in r.stdout
    assert _names_of(d) == []
    kept = list((d / "backups").glob("replaced-*"))
    assert len(kept) == 1
    # what was replaced is kept as it was (encrypted, with its own key file): the same password
    # opens it as a data folder of its own and the 12 people are there
    assert (kept[0] / "strive.sqlite3").is_file() and (kept[0] / "vault.json").is_file()
    assert _readable(kept[0] / "strive.sqlite3", names) == []
    assert sorted(_names_of(kept[0])) == sorted(names)
    assert run("check", data=d).returncode == 0


def test_restore_refuses_bad_files(tmp_path):
    from strive_desktop.services import backups
    from strive_desktop.storage.db import open_store
    from strive_desktop.storage.schema import HEAD

    d = tmp_path / "d"
    assert run("init", "--name", "N", "--community", "nookat", data=d).returncode == 0
    assert run("demo", data=d).returncode == 0
    names = _names_of(d)
    assert_user_error(run("restore", str(tmp_path / "missing.strivebak"), data=d), "does not exist")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"hello" * 1000)
    assert_user_error(run("restore", str(junk), data=d), "not a STRIVE Desktop database")
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.close()
    assert_user_error(run("restore", str(other), data=d), "not a STRIVE Desktop database")
    good = tmp_path / "good.strivebak"
    assert run("backup", "--out", str(good), data=d).returncode == 0
    # a backup cut short or changed after writing
    cut = tmp_path / "cut.strivebak"
    cut.write_bytes(good.read_bytes()[:-100])
    assert_user_error(run("restore", str(cut), data=d), "cut short or damaged")
    changed = tmp_path / "changed.strivebak"
    data = bytearray(good.read_bytes())
    data[-50] ^= 0xFF
    changed.write_bytes(bytes(data))
    assert_user_error(run("restore", str(changed), data=d), "changed after it was written")
    # the wrong password, or an account the backup does not have
    assert_user_error(run("restore", str(good), data=d, env={"STRIVE_PASSWORD": "not-the-password"}),
                      "Wrong name or password")
    assert_user_error(run("restore", str(good), "--user", "nobody", data=d), "Wrong name or password")
    # a backup of another installation (a foreign file) does not silently replace this one
    foreign_dir = tmp_path / "foreign"
    assert run("init", "--name", "F", "--community", "nookat", data=foreign_dir).returncode == 0
    foreign = tmp_path / "foreign.strivebak"
    assert run("backup", "--out", str(foreign), data=foreign_dir).returncode == 0
    assert_user_error(run("restore", str(foreign), data=d), "is a backup of another installation")
    # a backup of a newer version of the app
    st = open_store(d, key=_raw_key(d))
    try:
        con = _raw(d / "strive.sqlite3", d)
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
        con.commit()
        newer = backups.write_backup(st, tmp_path / "newer.strivebak").path
        con.execute("UPDATE alembic_version SET version_num = ?", (HEAD,))
        con.commit()
        con.close()
    finally:
        st.close()
    assert_user_error(run("restore", str(newer), data=d), "newer version")
    # after every refusal the folder still holds its roster
    assert run("check", data=d).returncode == 0
    assert _names_of(d) == names and len(names) == 12
    assert list((d / "backups").glob("replaced-*")) == []


def test_newer_database_refused_by_every_command(tmp_path):
    d = tmp_path / "d"
    assert run("init", "--name", "N", "--hq", data=d).returncode == 0
    con = _raw(d / "strive.sqlite3", d)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = (d / "strive.sqlite3").read_bytes()
    assert_user_error(run("demo", data=d), "newer version of STRIVE Desktop")
    r = run("check", data=d)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert (d / "strive.sqlite3").read_bytes() == before


def test_strive_data_dir_is_the_default_folder(tmp_path):
    d = tmp_path / "from-env"
    r = run("init", "--name", "Env office", "--hq", env={"STRIVE_DATA_DIR": str(d)})
    assert r.returncode == 0 and str(d) in r.stdout
    assert (d / "strive.sqlite3").is_file()


def test_unexpected_error_is_logged_not_shown(tmp_path):
    """A bug (not a user error) prints an apology naming the log file; the traceback goes there."""
    d = tmp_path / "d"
    code = ("import sys\nfrom strive_desktop import cli\nfrom strive_desktop.cli import core as cli_core\n"
            "def boom(args, ctx):\n    raise RuntimeError('kaboom')\n"
            "cli_core.cmd_dump = boom\nsys.exit(cli.main(['--data-dir', sys.argv[1], 'dump']))\n")
    r = subprocess.run([sys.executable, "-c", code, str(d)], capture_output=True, text=True, cwd=ROOT,
                       timeout=60)
    assert r.returncode == 70
    assert "Traceback" not in r.stderr and "Sorry, something went wrong" in r.stderr
    log = (d / "logs" / "strive.log").read_text(encoding="utf-8")
    assert "RuntimeError" in log and "Traceback" in log and "kaboom" not in log  # no message: no data


@pytest.mark.parametrize(("lang", "words"), [("ky", "Atlantis деген жамаат жок."),
                                             ("ru", "Сообщества с названием Atlantis нет."),
                                             ("en", "There is no community called Atlantis.")])


def test_errors_are_in_the_language_asked_for(tmp_path, lang, words):
    assert_user_error(run("--lang", lang, "init", "--name", "X", "--community", "Atlantis",
                          data=tmp_path / "x"), words)


def test_errors_follow_the_language_chosen_in_the_gui(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "gui.ini").write_text("[General]\nlanguage=ky\n", encoding="utf-8")
    assert_user_error(run("init", "--name", "X", "--community", "Atlantis", data=d), "деген жамаат жок")


def test_an_unexpected_error_apologises_in_russian_too(tmp_path):
    d = tmp_path / "d"
    code = ("import sys\nfrom strive_desktop import cli\nfrom strive_desktop.cli import core as cli_core\n"
            "def boom(args, ctx):\n    raise RuntimeError('kaboom')\n"
            "cli_core.cmd_dump = boom\nsys.exit(cli.main(['--lang', 'ru', '--data-dir', sys.argv[1], 'dump']))\n")
    r = subprocess.run([sys.executable, "-c", code, str(d)], capture_output=True, text=True, cwd=ROOT,
                       timeout=60)
    assert r.returncode == 70
    assert "Traceback" not in r.stderr and r.stderr.startswith("Извините")
    assert str(d / "logs" / "strive.log") in r.stderr


def test_a_documents_language_is_not_the_error_language(demo_dir):
    """`certificates --lang ky` chooses the certificate's language; an error stays English."""
    assert_user_error(run("certificates", "--training", "no-such-training", "--out", "x.pdf", "--lang", "ky",
                          data=demo_dir), "")
    r = run("certificates", "--training", "no-such-training", "--out", "x.pdf", "--lang", "ky", data=demo_dir)
    assert r.stderr.isascii(), r.stderr


def test_check_init_and_backup_speak_kyrgyz_and_russian(cli_run, store, data_dir: Path, tmp_path: Path) -> None:
    store.close()  # the command line opens the folder itself
    code, out, _ = cli_run(data_dir, "--lang", "ky", "check")
    assert code == 0 and out.splitlines()[0] == f"схеманын версиясы: {HEAD}"
    assert out.splitlines()[-1] == "текшерүү: баары туура"
    code, out, _ = cli_run(data_dir, "--lang", "ru", "check")
    assert code == 0 and out.splitlines()[-1] == "проверка: всё в порядке"
    code, out, _ = cli_run(data_dir, "--lang", "ru", "backup", "--out", tmp_path / "copy.strivebak")
    assert code == 0 and out.strip() == f"Резервная копия записана в {tmp_path / 'copy.strivebak'} (зашифрована, проверена)"
    hq = tmp_path / "hq"
    code, out, _ = cli_run(hq, "--lang", "ky", "init", "--name", "Бишкек", "--hq")
    assert code == 0 and out.strip() == f"'Бишкек' орнотуусу (башкы кеңсе) {hq} папкасында түзүлдү"
