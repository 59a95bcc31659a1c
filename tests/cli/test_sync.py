"""The command line: two data folders exchange packages; after a round trip dump agrees."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from strive_desktop.cli import main
from strive_desktop.services import rosters
from strive_desktop.storage.db import Store, open_store
from strive_desktop.sync import export, importer, keys, package

from ..conftest import person, ship


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_round_trip_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    hq, field, usb = tmp_path / "hq", tmp_path / "field", tmp_path / "usb"
    assert run(capsys, "--data-dir", hq, "init", "--name", "Bishkek HQ", "--hq")[0] == 0
    assert run(capsys, "--data-dir", field, "init", "--name", "Nookat office", "--community", "Nookat")[0] == 0
    code, _, err = run(capsys, "--data-dir", field, "export", "--out", usb)
    assert code == 1 and "headquarters key" in err
    run(capsys, "--data-dir", hq, "keys", "export-hq", tmp_path / "hq.strivekey")
    code, out, _ = run(capsys, "--data-dir", field, "keys", "import-hq", tmp_path / "hq.strivekey")
    fp = out.strip().split()[-1]
    assert code == 0 and fp in run(capsys, "--data-dir", hq, "keys", "show")[1]
    from strive_desktop.services import rosters
    from strive_desktop.storage.seed import community_id

    st = open_store(field)
    try:
        rosters.add_person(st, rosters.PersonInput("Ақыл Бекова", "f", "youth", community_id("nookat")))
        rosters.add_person(st, rosters.PersonInput("Үмүт Ногойбаева", "f", "women", community_id("nookat")))
    finally:
        st.close()
    code, out, _ = run(capsys, "--data-dir", field, "export", "--out", usb)
    assert code == 0 and "2 records" in out and "changes 1-2" in out
    code, out, _ = run(capsys, "--data-dir", hq, "import", "--inbox", usb)
    assert code == 0 and "not been accepted" in out
    code, out, _ = run(capsys, "--data-dir", hq, "keys", "accept", "Nookat office")
    assert code == 0 and "2 added" in out
    code, out, _ = run(capsys, "--data-dir", hq, "import", *usb.glob("*.strive"))
    assert code == 0 and "already imported" in out
    code, out, _ = run(capsys, "--data-dir", hq, "sync-status")
    assert "Nookat office [accepted]" in out and "last change 2" in out
    code, out, _ = run(capsys, "--data-dir", hq, "export", "--out", tmp_path / "back")
    assert code == 0 and "for Nookat office" in out
    code, out, _ = run(capsys, "--data-dir", field, "import", *(tmp_path / "back").glob("*.strive"))
    assert code == 0 and "0 added" in out
    assert "delivered" in run(capsys, "--data-dir", field, "sync-status")[1]
    d_field = json.loads(run(capsys, "--data-dir", field, "dump")[1])
    d_hq = json.loads(run(capsys, "--data-dir", hq, "dump")[1])
    assert d_field["people"] == d_hq["people"] and len(d_hq["people"]) == 2
    bad = tmp_path / "bad.strive"
    bad.write_bytes(b"not a package")
    code, out, _ = run(capsys, "--data-dir", hq, "import", bad)
    assert code == 1 and "not a STRIVE sync package" in out


def test_key_backup_and_restore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    hq = tmp_path / "hq"
    run(capsys, "--data-dir", hq, "init", "--name", "Bishkek HQ", "--hq")
    monkeypatch.setenv("STRIVE_PASSPHRASE", "Бишкек-2026 passphrase")
    fp = run(capsys, "--data-dir", hq, "keys", "show")[1].splitlines()[1].split()[-1]
    assert run(capsys, "--data-dir", hq, "keys", "backup", tmp_path / "k.backup")[0] == 0
    new = tmp_path / "new"
    run(capsys, "--data-dir", new, "init", "--name", "Bishkek HQ", "--hq")
    code, out, _ = run(capsys, "--data-dir", new, "keys", "restore", tmp_path / "k.backup")
    assert code == 0 and fp in out
    monkeypatch.setenv("STRIVE_PASSPHRASE", "wrong one!")
    code, _, err = run(capsys, "--data-dir", new, "keys", "restore", tmp_path / "k.backup")
    assert code == 1 and "Wrong passphrase" in err
    code, _, err = run(capsys, "--data-dir", new, "export", "--range", "9-3")
    assert code == 1 and "51-70" in err


def test_conflicts_command_lists_and_reverses(linked, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from strive_desktop.services import rosters
    from strive_desktop.sync import export

    from ..conftest import person

    field, hq = linked
    pid = person(field, "Чынара Асанова")
    importer.import_file(hq, export.export_changes(field).path)
    for st, notes in ((hq, "штаб"), (field, "кеңсе")):
        rosters.update_person(st, pid, dataclasses.replace(rosters.get_person(st, pid).to_input(), notes=notes))
    importer.import_file(hq, export.export_changes(field).path)
    hq_dir = hq.folder.root
    hq.close()  # the command opens the data folder itself
    code, out, _ = run(capsys, "--data-dir", hq_dir, "conflicts")
    # concurrent edits: headquarters' one is kept, whichever clock was later
    assert code == 0 and "People Чынара Асанова, Notes: kept 'штаб'" in out and "other 'кеңсе'" in out
    cid = out.split(":")[0]
    code, out, _ = run(capsys, "--data-dir", hq_dir, "conflicts", "--reverse", cid)
    assert code == 0 and "reversed" in out
    assert run(capsys, "--data-dir", hq_dir, "conflicts")[1].strip() == "No open conflicts."
    code, _, err = run(capsys, "--data-dir", hq_dir, "conflicts", "--reverse", cid)
    assert code == 1 and "already settled" in err


def _phone_conflict(field: Store, hq: Store) -> None:
    pid = person(field, "Айгүл Өмүрбекова", phone="0700111111")
    ship(field, hq)
    # concurrent edits: headquarters' one is kept (whichever clock was later)
    for st, phone in ((hq, "0700333333"), (field, "0700222222")):
        inp = rosters.get_person(st, pid).to_input()
        rosters.update_person(st, pid, dataclasses.replace(inp, phone=phone))
    assert ship(field, hq)[0].conflicts == 1


def test_conflicts_command_shows_field_names_and_formatted_phones(
        linked, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    _phone_conflict(field, hq)
    hq_dir = hq.folder.root
    hq.close()
    assert main(["--data-dir", str(hq_dir), "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "People Айгүл Өмүрбекова, Phone: kept '+996 700 33 33 33'" in out
    assert "other '+996 700 22 22 22'" in out
    assert "people " not in out and "phone:" not in out
    assert main(["--data-dir", str(hq_dir), "--lang", "ru", "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "Люди Айгүл Өмүрбекова, Телефон: оставлено '+996 700 33 33 33' от Bishkek HQ" in out
    assert main(["--data-dir", str(hq_dir), "sync-status"]) == 0
    assert "open conflicts to review: 1 (People: Phone)" in capsys.readouterr().out


def run_cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_import_inbox_moves_and_says_where(linked: tuple[Store, Store], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    field, hq = linked
    person(field, "Үмүт Ногойбаева")
    usb = tmp_path / "usb"
    usb.mkdir()
    pkg = export.export_changes(field).path
    shutil.copy(pkg, usb / pkg.name)
    hq_dir = hq.folder.root
    hq.close()
    code, out, _ = run_cli(capsys, "--data-dir", hq_dir, "import", "--inbox", usb)
    assert code == 0 and f"moved to {usb / 'imported'}" in out
    assert (usb / "imported" / pkg.name).exists() and not (usb / pkg.name).exists()
    code, out, _ = run_cli(capsys, "--data-dir", hq_dir, "import", "--inbox", usb)
    assert "No packages found." in out


def test_a_field_office_with_nothing_new_says_so_and_succeeds(linked: tuple[Store, Store], data_dir: Path,
                                                              tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    field, _hq = linked  # everything the office made went to headquarters when they were linked
    field.close()
    usb = tmp_path / "usb"
    assert run(capsys, "--data-dir", data_dir, "export", "--out", usb) == (0, "Nothing to send.\n", "")
    assert run(capsys, "--data-dir", data_dir, "--lang", "ky", "export") == (0, "Жөнөтө турган эч нерсе жок.\n", "")
    assert run(capsys, "--data-dir", data_dir, "--lang", "ru", "export") == (0, "Отправлять нечего.\n", "")
    assert not usb.exists() or not list(usb.iterdir())


def test_keys_import_status_and_conflicts_speak_kyrgyz_and_russian(linked: tuple[Store, Store], data_dir: Path,
                                                                   tmp_path: Path, cli_run) -> None:
    field, hq = linked
    person(field, "Айгерим Токтосунова")
    field.close()
    hq.close()
    hq_dir, usb = tmp_path / "hq", tmp_path / "usb"
    code, out, _ = cli_run(data_dir, "--lang", "ky", "keys", "show")
    assert out.splitlines()[0].startswith("бул орнотуу: Nookat office (талаа кеңсеси) ")
    assert out.splitlines()[1].startswith("манжа изи: ")
    assert out.splitlines()[2].startswith("кабыл алынган ")  # headquarters, accepted
    assert cli_run(data_dir, "export", "--out", usb)[0] == 0
    code, out, err = cli_run(hq_dir, "--lang", "ru", "import", "--inbox", usb)
    assert code == 0, err
    assert " от Nookat office: добавлено 1, обновлено 0, без изменений 0, конфликтов 0, отложено 0, ждут " \
           "родительских записей 0." in out.splitlines()[0]
    code, out, _ = cli_run(hq_dir, "--lang", "ru", "import", *usb.rglob("*.strive"))
    assert out.splitlines()[0].endswith(": уже импортирован, ничего не изменилось.")
    code, out, _ = cli_run(hq_dir, "--lang", "ru", "sync-status")
    assert out.splitlines()[0].startswith("Bishkek HQ (головной офис), отпечаток ")
    assert "Nookat office [принята] " in out and ": пакетов 2, последнее изменение " in out
    code, out, _ = cli_run(data_dir, "--lang", "ky", "sync-status")
    assert "азырынча экспорттолбогон өзгөрүүлөр: 0" in out.splitlines()
    assert cli_run(hq_dir, "--lang", "ky", "conflicts")[1] == "Ачык карама-каршылыктар жок.\n"


def test_a_damaged_package_is_refused_with_its_reason_in_kyrgyz_and_russian(linked: tuple[Store, Store],
                                                                          tmp_path: Path, cli_run) -> None:
    """The reason of a refusal (here a package signed by the office but without its manifest)
    is said in the language of --lang too, not only the sentence around it."""
    field, hq = linked
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("records/people.jsonl", b"{}")
    them = keys.load_identity(hq)
    bad = tmp_path / "x.strive"
    bad.write_bytes(package.seal(keys.load_identity(field), {"id": them.installation_id, "name": them.name,
                                                             "box_pub": them.box_pub},
                                 {"package_id": "11111111-2222-3333-4444-555555555555", "kind": "changes",
                                  "range": [1, 1]}, buf.getvalue()))
    hq_dir = hq.folder.root
    field.close()
    hq.close()
    for lang, said in (("ru", "x.strive повреждён: в нём нет манифеста"), ("ky", "x.strive бузулган: анда манифест жок"),
                       ("en", "x.strive is damaged: there is no manifest")):
        code, out, _ = cli_run(hq_dir, "--lang", lang, "import", bad)
        assert code == 1 and said in out, out


def test_a_gap_and_the_settings_line_are_said_in_kyrgyz_and_russian(linked: tuple[Store, Store], tmp_path: Path,
                                                                    cli_run) -> None:  # type: ignore[no-untyped-def]
    """sync-status's gaps (sync/status.py PeerStatus.gap_texts) and an import's result line
    (sync/importer.py ImportResult.summary) reach the user in the language of --lang."""
    field, hq = linked
    person(field, "Жылдыз Садыкова")
    lost = export.export_changes(field)
    person(field, "Бактыгүл Осмонова")
    later = export.export_changes(field)
    field.close()
    hq_dir = hq.folder.root
    hq.close()
    code, out, err = cli_run(hq_dir, "--lang", "ru", "import", later.path)
    assert code == 0, err
    assert out.splitlines() == [f"{later.path.name} от Nookat office: добавлено 1, обновлено 0, без изменений 0, "
                                "конфликтов 0, отложено 0, ждут родительских записей 0."]
    code, out, _ = cli_run(hq_dir, "--lang", "ru", "sync-status")
    assert f"  пропуск: нет изменения {lost.first} от Nookat office" in out.splitlines()
    code, out, _ = cli_run(hq_dir, "--lang", "ky", "sync-status")
    assert f"  боштук: Nookat office жөнөткөн {lost.first} өзгөрүүсү жок" in out.splitlines()
    code, out, _ = cli_run(hq_dir, "sync-status")
    assert f"  gap: change {lost.first} from Nookat office is missing" in out.splitlines()
    code, out, _ = cli_run(hq_dir, "--lang", "ky", "import", later.path)
    assert out.splitlines() == [f"{later.path.name}: мурун эле импорттолгон, эч нерсе өзгөргөн жок."]
