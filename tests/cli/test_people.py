"""The people commands: duplicates lists pairs with scores, merge-people and unmerge act on them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from strive_desktop.services import installation, rosters
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import open_store
from strive_desktop.storage.seed import community_id

ROOT = Path(__file__).resolve().parent.parent.parent


def run(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)


def test_duplicates_merge_and_unmerge(tmp_path: Path) -> None:
    data = tmp_path / "hq"
    st = open_store(data)
    installation.init_installation(st, name="HQ", hq=True, user_name="Aida")
    ids = {}
    for name, cid in (("Асанов Айбек", "nookat"), ("Aibek Asanov", "kochkor"), ("Сидиков Бакыт", "nookat"),
                      ("Сыдыков Бакыт", "kochkor")):
        res = rosters.add_person(st, rosters.PersonInput(name, "m", "youth", community_id(cid), 1985),
                                 allow_duplicate=True)
        ids[name] = res.person_id
    st.close()

    r = run(data, "duplicates")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2 and lines[-1].startswith("1 pair(s)")
    assert lines[0].startswith("1.00 likely")
    assert "Асанов Айбек" in lines[0] and "Aibek Asanov" in lines[0] and "Сыдыков" not in lines[0]
    assert "same name in other letters (Latin / Cyrillic), same birth year" in lines[0]
    assert run(data, "duplicates", "--community", "Балыкчы").stdout.strip() == "No likely duplicates."

    keep, other = ids["Асанов Айбек"], ids["Aibek Asanov"]
    r = run(data, "merge-people", keep[:8], other[:8])
    assert r.returncode == 0, r.stderr
    assert f"Merged {other} into {keep}" in r.stdout
    assert run(data, "duplicates").stdout.strip() == "No likely duplicates."

    r = run(data, "unmerge", other[:8])
    assert r.returncode == 0, r.stderr
    st = open_store(data)
    try:
        assert set(load_people_index(st).filtered("Айбек").ids) == {keep, other}
    finally:
        st.close()
    # kept apart after the undo; a second undo is refused with a plain message
    assert run(data, "duplicates").stdout.strip() == "No likely duplicates."
    r = run(data, "unmerge", other[:8])
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().startswith("error: ") and "not merged" in r.stderr


def test_duplicates_and_keep_apart_speak_kyrgyz_and_russian(cli_run, hq_store, tmp_path: Path) -> None:
    a = rosters.add_person(hq_store, rosters.PersonInput("Асанов Айбек", "m", "youth", community_id("nookat"), 1985),
                           allow_duplicate=True).person_id
    b = rosters.add_person(hq_store, rosters.PersonInput("Aibek Asanov", "m", "youth", community_id("kochkor"), 1985),
                           allow_duplicate=True).person_id
    hq_store.close()
    data = tmp_path / "hq"
    code, out, _ = cli_run(data, "--lang", "ky", "duplicates")
    first, last = out.strip().splitlines()
    assert first.startswith("1.00 ыктымал ")
    assert first.endswith(": аты башка тамгалар менен бирдей (латын / кирилл), туулган жылы бирдей")
    assert last == "Жуптар: 1. Бириктирүү: merge-people KEEP OTHER"
    code, out, _ = cli_run(data, "--lang", "ru", "duplicates")
    assert out.strip().splitlines()[-1] == "Пар: 1. Объединить: merge-people KEEP OTHER"
    code, out, _ = cli_run(data, "--lang", "ru", "keep-apart", a, b)
    assert out.strip() == "Отмечено как разные люди: их больше не будут предлагать как одного человека."
    code, out, _ = cli_run(data, "--lang", "ky", "duplicates")
    assert out.strip() == "Болжолдуу кайталанмалар жок."
