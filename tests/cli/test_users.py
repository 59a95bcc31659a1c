"""`users` and the encrypted `backup` / `restore` on the command line (cli/users.py,
cli/core.py), run as a user would: a subprocess acting as STRIVE_USER with STRIVE_PASSWORD."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"


def run(*args: str, data: Path, user: str, password: str, **env: str) -> subprocess.CompletedProcess:
    full = dict(os.environ, STRIVE_USER=user, STRIVE_PASSWORD=password, STRIVE_KDF_LOG2N="10", **env)
    full.pop("QT_QPA_PLATFORM", None)
    if "STRIVE_NEW_PASSWORD" not in env:
        full.pop("STRIVE_NEW_PASSWORD", None)
    return subprocess.run([sys.executable, str(MAIN), "--data-dir", str(data), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env=full, stdin=subprocess.DEVNULL)


def error(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    return lines[0]


def test_users_roles_and_an_encrypted_usb_backup_on_the_command_line(tmp_path: Path) -> None:
    d = tmp_path / "office"
    aida = {"data": d, "user": "Aida", "password": "aida-pass-1"}
    bakyt = {"data": d, "user": "Bakyt", "password": "bakyt-pass-1"}
    assert run("init", "--name", "Nookat office", "--community", "nookat", **aida).returncode == 0
    r = run("users", "add", "Bakyt", "--role", "trainer", STRIVE_NEW_PASSWORD="bakyt-pass-1", **aida)
    assert r.returncode == 0, r.stderr
    listed = run("users", "list", **aida).stdout.splitlines()
    assert [line.split()[:3] for line in listed] == [["Aida", "office_admin", "active"],
                                                    ["Bakyt", "trainer", "active"]]
    assert "Only an administrator may manage users." in error(run("users", "list", **bakyt))
    assert "Only staff and administrators may change rosters." in error(run("demo", **bakyt))
    assert "STRIVE_NEW_PASSWORD" in error(run("users", "add", "Nurlan", "--role", "staff", **aida))
    assert "last administrator" in error(run("users", "deactivate", "Aida", **aida))
    assert "hq_admin" not in run("users", "list", **aida).stdout
    assert "Wrong name or password." in error(run("users", "list", data=d, user="Aida", password="nope"))
    assert run("demo", **aida).returncode == 0

    usb = tmp_path / "usb"
    usb.mkdir()
    r = run("backup", "--out", str(usb), **aida)
    assert r.returncode == 0 and "encrypted" in r.stdout, r.stderr
    (made,) = usb.glob("strive-backup-*.strivebak")
    assert "Only staff and administrators may make backups." in error(
        run("backup", "--out", str(usb / "b.strivebak"), **bakyt))

    # A new computer: Bakyt's password of the backup opens it; everything is there.
    new = tmp_path / "new"
    assert "Wrong name or password." in error(run("restore", str(made), data=new, user="Bakyt",
                                                  password="not-his"))
    r = run("restore", str(made), data=new, user="Bakyt", password="bakyt-pass-1")
    assert r.returncode == 0, r.stderr
    dump_new = run("dump", data=new, user="Aida", password="aida-pass-1")
    dump_old = run("dump", **aida)
    assert dump_new.returncode == 0 and dump_new.stdout == dump_old.stdout
    assert "Only an administrator may restore a backup." in error(run("restore", str(made), **bakyt))


def test_accounts_are_listed_and_changed_in_kyrgyz_and_russian(cli_run, store, data_dir: Path,
                                                              monkeypatch) -> None:
    store.close()
    monkeypatch.setenv("STRIVE_NEW_PASSWORD", "bakyt-pass-1")
    code, out, err = cli_run(data_dir, "--lang", "ru", "users", "add", "Bakyt", "--role", "trainer")
    assert code == 0, err
    assert out.strip() == "Учётная запись Bakyt добавлена (trainer)."
    code, out, _ = cli_run(data_dir, "--lang", "ky", "users", "deactivate", "Bakyt")
    assert out.strip() == "Bakyt эсептик жазуусу өчүрүлдү: аны менен мындан ары кирүүгө болбойт."
    code, out, _ = cli_run(data_dir, "--lang", "ky", "users", "list")
    bakyt = next(line for line in out.splitlines() if line.startswith("Bakyt"))
    assert bakyt.split()[1:3] == ["trainer", "өчүрүлгөн"]
    code, out, _ = cli_run(data_dir, "--lang", "ru", "users", "list")
    assert "отключена (добавлена " in out and "активна (добавлена " in out


def test_the_day_an_account_was_added_is_written_the_languages_way(cli_run, store, data_dir: Path) -> None:
    from .conftest import spelled  # type: ignore[import-not-found]

    store.close()
    today = dt.datetime.now(dt.UTC).date()  # the accounts' stamps are UTC
    numeric, english = spelled(today)
    for lang, added in (("ru", f"активна (добавлена {numeric})"), ("ky", f"активдүү ({numeric} кошулган)")):
        code, out, err = cli_run(data_dir, "--lang", lang, "users", "list")
        assert code == 0, err
        assert added in out and today.isoformat() not in out
    code, out, err = cli_run(data_dir, "--lang", "en", "users", "list")
    assert code == 0, err
    assert f"active (added {english})" in out
