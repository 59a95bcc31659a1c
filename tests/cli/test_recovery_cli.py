"""`recovery-file` (headquarters) and `recover` (the office) on the command line
(cli/recovery.py), run as a user would: subprocesses, real data folders, no terminal."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from strive_desktop.services import installation
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import Store
from strive_desktop.storage.vault import Vault
from tests.conftest import link, person

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"


def run(*args: str, data: Path, password: str = "test-password", **env: str) -> subprocess.CompletedProcess:
    full = dict(os.environ, STRIVE_PASSWORD=password, STRIVE_KDF_LOG2N="10", **env)
    for name in ("QT_QPA_PLATFORM", "STRIVE_USER", "STRIVE_RECOVERY_CODE"):
        if name not in env:
            full.pop(name, None)
    if not password:
        full.pop("STRIVE_PASSWORD")
    return subprocess.run([sys.executable, str(MAIN), "--data-dir", str(data), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env=full, stdin=subprocess.DEVNULL)


def error(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    return lines[0]


def test_recovery_on_the_command_line(store: Store, hq_store: Store, tmp_path: Path) -> None:
    person(store, "Cholpon Abdykadyrova")
    link(store, hq_store, tmp_path)
    office_id = installation.get_installation(store).id
    office, hq = store.folder.root, hq_store.folder.root
    key = store.key
    store.close()
    hq_store.close()
    assert "Only headquarters" in error(run("recovery-file", "--installation", office_id[:8],
                                            "--out", str(tmp_path / "x"), data=office))
    vault = Vault(DataFolder(office))
    for user in vault.users():  # every password forgotten
        vault.add_slot(key, user, secrets.token_hex(16))

    r = run("recovery-file", "--installation", "Nookat office", "--out", str(tmp_path / "r.striverecovery"),
            data=hq)
    assert r.returncode == 0, r.stderr
    code = r.stdout.split("shown only now): ")[1].strip()
    recovery = tmp_path / "r.striverecovery"
    assert json.loads(recovery.read_text(encoding="utf-8"))["installation_id"] == office_id

    # no terminal: neither the code nor the new password is waited for
    assert "STRIVE_RECOVERY_CODE" in error(run("recover", "--file", str(recovery), "--user", "Nurlan",
                                               data=office, password=""))
    assert "STRIVE_PASSWORD" in error(run("recover", "--file", str(recovery), "--user", "Nurlan",
                                          "--code", code, data=office, password=""))
    assert "does not fit" in error(run("recover", "--file", str(recovery), "--user", "Nurlan",
                                       "--code", "ABCD-EFGH-JKLM-NPQR-STUV", data=office, password="new-pass-77"))
    r = run("recover", "--file", str(recovery), "--user", "Nurlan", data=office, password="new-pass-77",
            STRIVE_RECOVERY_CODE=code)
    assert r.returncode == 0, r.stderr
    assert "Nookat office is open again" in r.stdout

    r = run("--user", "Nurlan", "dump", data=office, password="new-pass-77")
    assert r.returncode == 0, r.stderr
    assert "Cholpon Abdykadyrova" in r.stdout
    assert "Wrong name or password." in error(run("--user", "Nurlan", "dump", data=office, password="test-password"))


def test_the_recovery_file_is_announced_in_russian_and_kyrgyz(linked, tmp_path: Path, cli_run) -> None:
    field, hq = linked
    field.close()
    hq.close()
    out_file = tmp_path / "r.striverecovery"
    code, out, err = cli_run(tmp_path / "hq", "--lang", "ru", "recovery-file", "--installation", "Nookat office",
                             "--out", out_file)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Файл восстановления для Nookat office записан в {out_file}"
    assert lines[1].startswith("Действителен до ")
    assert lines[2].startswith("Код восстановления (продиктуйте его по телефону; он показывается только сейчас): ")
    code, out, err = cli_run(tmp_path / "hq", "--lang", "ky", "recovery-file", "--installation", "Nookat office",
                             "--out", tmp_path / "r2.striverecovery")
    assert code == 0, err
    assert out.splitlines()[1].endswith(" чейин жарактуу.")


def test_the_recovery_files_expiry_is_written_the_languages_way(linked, tmp_path: Path, cli_run) -> None:
    from strive_desktop.storage.recovery import read_recovery_file

    from .conftest import spelled  # type: ignore[import-not-found]

    field, hq = linked
    field.close()
    hq.close()
    for n, lang in enumerate(("ru", "ky", "en")):
        out_file = tmp_path / f"r{n}.striverecovery"
        code, out, err = cli_run(tmp_path / "hq", "--lang", lang, "recovery-file", "--installation", "Nookat office",
                                 "--out", out_file)
        assert code == 0, err
        day = read_recovery_file(out_file.read_bytes()).expires_at.date()
        numeric, english = spelled(day)
        valid = out.splitlines()[1]
        assert valid == {"ru": f"Действителен до {numeric}.", "en": f"Valid until {english}."}.get(lang, valid)
        assert (numeric if lang != "en" else english) in valid and day.isoformat() not in valid
