"""import-roster, imports, undo-import, export-xlsx and export-csv run as a user would."""

from __future__ import annotations

import csv
import re

import openpyxl

from .test_core import assert_user_error, run  # type: ignore[import-not-found]


def test_import_roster_dry_run_import_undo_and_export(tmp_path):
    data = tmp_path / "data"
    assert run("init", "--name", "Nookat office", "--community", "nookat", data=data).returncode == 0
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ФИО", "Пол", "Год рождения", "Тел"])
    ws.append(["Асанова Гульнара", "ж", 1985, 555123456])
    ws.append(["Токтогулов Бакыт", "м", "не знаю", None])
    wb.save(tmp_path / "r.xlsx")

    r = run("import-roster", str(tmp_path / "r.xlsx"), "--group", "Жаштар", data=data)
    assert_user_error(r, "no advisory group")
    from strive_desktop.services import rosters
    from strive_desktop.storage.db import open_store
    from strive_desktop.storage.seed import community_id

    st = open_store(data)
    rosters.create_group(st, community_id("nookat"), "Жаштар")
    st.close()

    r = run("import-roster", str(tmp_path / "r.xlsx"), "--group", "жаштар", "--dry-run", data=data)
    assert r.returncode == 0, r.stderr
    assert "Would add 1, match 0, refuse 1" in r.stdout and "row 3: Токтогулов Бакыт" in r.stdout
    r = run("--lang", "ru", "import-roster", str(tmp_path / "r.xlsx"), "--group", "Жаштар",
            "--map", "Тел=ignore", data=data)
    assert r.returncode == 0, r.stderr
    assert "добавлено 1, сопоставлено 0, отклонено 1" in r.stdout
    import_id = re.search(r"Импорт ([0-9a-f-]{36}):", r.stdout)[1]

    r = run("export-csv", "people", "--out", str(tmp_path / "p.csv"), data=data)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader((tmp_path / "p.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [(x["Full name"], x["Phone"]) for x in rows] == [("Асанова Гульнара", "")]  # phone ignored

    assert "taken back" in run("undo-import", import_id, data=data).stdout
    assert "taken back" in run("imports", data=data).stdout
    r = run("export-xlsx", "people", "--out", str(tmp_path / "p.xlsx"), data=data)
    assert r.returncode == 0 and openpyxl.load_workbook(tmp_path / "p.xlsx").active.max_row == 1

    r = run("donor-xlsx", "--out", str(tmp_path / "d.xlsx"), "--from", "2026-01-01", data=data)
    assert r.returncode == 0 and "0 participant(s)" in r.stdout, r.stderr
    assert openpyxl.load_workbook(tmp_path / "d.xlsx").sheetnames[0] == "Key figures"

    import datetime as dt

    from strive_desktop.services import trainings

    st = open_store(data)
    tid = trainings.create_training(st, trainings.TrainingInput(
        community_id=community_id("nookat"), phase="basics_ve", title="T",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    rosters.add_person(st, rosters.PersonInput("Асанова Гульнара", "f", "women", community_id("kochkor")))
    st.close()
    (tmp_path / "att.csv").write_text("ФИО,10.03.2026\nАсанова Гульнара,+\nНикто Никтоев,+\n", encoding="utf-8")
    r = run("import-attendance", str(tmp_path / "att.csv"), "--training", tid, data=data)
    assert r.returncode == 0, r.stderr
    assert "Recorded 1 mark(s); 1 walk-in(s) added; 1 row(s) refused" in r.stdout
    assert "Никто Никтоев +: Никто Никтоев is not stored" in r.stdout

    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a sheet")
    assert_user_error(run("import-roster", str(tmp_path / "photo.jpg"), "--group", "Жаштар", data=data),
                      "not a spreadsheet")


def test_roster_import_speaks_kyrgyz_and_russian(cli_run, store, data_dir, tmp_path):
    from strive_desktop.services import rosters
    from strive_desktop.storage.seed import community_id

    rosters.create_group(store, community_id("nookat"), "Жаштар")
    store.close()
    sheet = tmp_path / "r.csv"
    sheet.write_text("ФИО;Пол;Год рождения\nАсанова Гульнара;ж;1985\nТоктогулов Бакыт;м;не знаю\n", encoding="utf-8")
    code, out, err = cli_run(data_dir, "--lang", "ky", "import-roster", sheet, "--group", "Жаштар", "--dry-run")
    assert code == 0, err
    assert "Сыноо иретинде, эч нерсе сакталган жок. Кошулмак: 1, дал келмек: 0, четке кагылмак: 1." in out
    assert "  3-сап: Токтогулов Бакыт: " in out
    code, out, err = cli_run(data_dir, "--lang", "ru", "import-roster", sheet, "--group", "Жаштар")
    assert code == 0, err
    lines = out.splitlines()
    import_id = lines[-1].removeprefix("Чтобы отменить: undo-import ")
    assert f"Импорт {import_id}: добавлено 1, сопоставлено 0, отклонено 1 (группа 'Жаштар')." in lines
    code, out, _ = cli_run(data_dir, "--lang", "ky", "imports")
    assert out.strip().endswith("кошулду 1, дал келди 0, четке кагылды 1; күчүндө")
    code, out, _ = cli_run(data_dir, "--lang", "ru", "undo-import", import_id)
    assert out.strip().startswith(f"Импорт {import_id} отменён: удалено записей: ")
    # when it was made and taken back: local time, the language's way, not ISO
    for lang in ("ru", "ky"):
        code, out, _ = cli_run(data_dir, "--lang", lang, "imports")
        assert len(re.findall(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", out)) == 2, out
        assert not re.search(r"\d{4}-\d\d-\d\d", out), out
    code, out, _ = cli_run(data_dir, "--lang", "en", "imports")
    stamp = r"[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\u202f[AP]M"
    assert re.search(rf"^{import_id}  {stamp}  r\.csv .*; taken back {stamp}$", out.strip()), out
