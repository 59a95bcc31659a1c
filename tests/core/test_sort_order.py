"""People are listed in the order of the user's alphabet (Kyrgyz/Russian Cyrillic, then Latin),
not in the order of their Latin search key: everywhere a list of people is shown in name order,
after a migration from an older schema and after a sync import."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strive_desktop.domain.names import SORT_ALPHABET_CYRILLIC, SORT_ALPHABET_LATIN, sort_key
from strive_desktop.services import installation, rosters, trainings
from strive_desktop.services.people_index import load_people_head, load_people_index
from strive_desktop.storage.datafolder import DB_NAME
from strive_desktop.storage.db import Store, open_store, run_migrations
from strive_desktop.storage.quick import claim_folder, first_look
from strive_desktop.storage.schema import HEAD, KNOWN_REVISIONS
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, importer, keys

NOOKAT = community_id("nookat")
KY = SORT_ALPHABET_CYRILLIC
RU = "".join(c for c in KY if c not in "ңөү")

# Shuffled on purpose: the order the user expects, checked against what the app shows.
EXPECTED = ["Абдыкадыров Азамат", "Бакиева Бүбүсара", "Динара Осмонова", "Ковалёв Сергей",
            "Ңаа Айбек", "Орозова Зарина", "Өмүрбеков Үсөн", "Сыдыков Нурлан", "Шамшиев Бакыт",
            "Эрлан Токтосунов", "Эсенов Мирлан", "Aibek Asanov", "John Smith"]
ADDED = ["Эсенов Мирлан", "John Smith", "Ковалёв Сергей", "Шамшиев Бакыт", "Aibek Asanov",
         "Сыдыков Нурлан", "Эрлан Токтосунов", "Динара Осмонова", "Өмүрбеков Үсөн",
         "Абдыкадыров Азамат", "Ңаа Айбек", "Орозова Зарина", "Бакиева Бүбүсара"]


def _reference(text: str, alphabet: str) -> list[int]:
    return [alphabet.index(c) for c in text.casefold()]


# ---- the key -----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(KY + KY.upper(), min_size=1, max_size=8), min_size=2, max_size=12))
def test_kyrgyz_words_sort_as_the_kyrgyz_alphabet_table_says(words):
    assert sorted(words, key=sort_key) == sorted(words, key=lambda w: _reference(w, KY))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(RU + RU.upper(), min_size=1, max_size=8), min_size=2, max_size=12))
def test_russian_words_sort_as_the_russian_alphabet_table_says(words):
    assert sorted(words, key=sort_key) == sorted(words, key=lambda w: _reference(w, RU))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(KY, min_size=1, max_size=6), min_size=1, max_size=3),
                min_size=2, max_size=10))
def test_names_compare_word_by_word(names):
    """"Асан Бек" before "Асанбек": a shorter word comes first, whatever follows it."""
    texts = [" ".join(n) for n in names]
    expected = sorted(texts, key=lambda t: [_reference(w, KY) for w in t.split()])
    assert [sort_key(t) for t in sorted(texts, key=sort_key)] == [sort_key(t) for t in expected]


@settings(max_examples=200, deadline=None)
@given(st.text(KY + KY.upper(), min_size=1, max_size=10),
       st.text(SORT_ALPHABET_LATIN + SORT_ALPHABET_LATIN.upper(), min_size=1, max_size=10))
def test_latin_names_come_after_every_cyrillic_name(cyrillic, latin):
    assert sort_key(cyrillic) < sort_key(latin)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=12), min_size=1, max_size=10))
def test_case_and_spaces_do_not_count_and_the_order_is_stable(texts):
    for t in texts:
        assert sort_key(t.upper()) == sort_key(t.lower()) or t.upper().casefold() != t.lower().casefold()
        assert sort_key("  " + "   ".join(t.split()) + " ") == sort_key(" ".join(t.split()))
    once = sorted(texts, key=sort_key)
    assert sorted(once, key=sort_key) == once
    keys = [sort_key(t) for t in once]
    assert keys == sorted(keys) == [sort_key(t) for t in sorted(reversed(once), key=sort_key)]


def test_the_reviewers_examples():
    assert sorted(ADDED, key=sort_key) == EXPECTED
    assert sort_key("Ковалёв") < sort_key("Эсенов")
    assert sort_key("Сыдыков") < sort_key("Шамшиев")
    assert sort_key("Динара") < sort_key("Елена") < sort_key("Ёлкин") < sort_key("Жылдыз")
    assert sort_key("Нурлан") < sort_key("Ңаа") < sort_key("Осмон") < sort_key("Өмүр") < sort_key("Пакыр")
    assert sort_key("Умут") < sort_key("Үсөн") < sort_key("Фарида")


def test_numbers_by_value_and_before_letters():
    names = ["Группа 10", "Группа 2", "Группа 1б", "Группа А", "Группа 02"]
    assert sorted(names, key=sort_key) == ["Группа 1б", "Группа 2", "Группа 02", "Группа 10", "Группа А"] \
        or sorted(names, key=sort_key) == ["Группа 1б", "Группа 02", "Группа 2", "Группа 10", "Группа А"]
    assert sort_key("Группа 02") == sort_key("Группа 2")


def test_wrong_keyboard_letters_marks_and_punctuation():
    assert sort_key("Aсанов") == sort_key("Асанов")  # a Latin A in a Cyrillic name
    assert sort_key("Aibеk") == sort_key("Aibek")    # a Cyrillic е in a Latin name
    assert sort_key("Ömür") == sort_key("Omur")
    assert sort_key("Асанов") < sort_key("Ömür")     # Latin, even with marks, after Cyrillic
    assert sort_key("Абдыкадыр-уулу") == sort_key("Абдыкадыр уулу")
    assert sort_key("O'Brien") == sort_key("OBrien")
    assert sort_key("Zoe") < sort_key("Ωμέγα")        # other scripts after Latin


# ---- where people are listed -------------------------------------------------------------


def _add(store: Store, names: list[str]) -> dict[str, str]:
    ids = {}
    for n in names:
        res = rosters.add_person(store, rosters.PersonInput(full_name=n, sex="f", sector="youth",
                                                             community_id=NOOKAT), allow_duplicate=True)
        assert res.person_id
        ids[n] = res.person_id
    return ids


def test_every_people_list_is_in_alphabet_order(store):
    ids = _add(store, ADDED[:7])
    rosters.bulk_add_people(store, [rosters.PersonInput(full_name=n, sex="m", sector="youth",
                                                        community_id=NOOKAT) for n in ADDED[7:]])
    assert [r.full_name for r in rosters.search_people(store, "")] == EXPECTED
    assert [r.full_name for r in rosters.search_people(store, "", community_id=NOOKAT)] == EXPECTED
    assert load_people_index(store, NOOKAT).full_names == EXPECTED
    head, total = load_people_head(store, NOOKAT, limit=5)
    assert head.full_names == EXPECTED[:5] and total == len(EXPECTED)
    # a phone-only search takes another query plan; same order
    for n in ("Эсенов Мирлан", "Ковалёв Сергей"):
        rosters.update_person(store, ids[n], rosters.PersonInput(full_name=n, sex="f", sector="youth",
                                                               community_id=NOOKAT, phone="0555 123 456"))
    assert [r.full_name for r in rosters.search_people(store, "555123")] == ["Ковалёв Сергей", "Эсенов Мирлан"]
    # renamed: moves to its new place
    rosters.update_person(store, ids["Эсенов Мирлан"], rosters.PersonInput(
        full_name="Айтматова Мира", sex="f", sector="youth", community_id=NOOKAT))
    names = load_people_index(store, NOOKAT).full_names
    assert names[:2] == ["Абдыкадыров Азамат", "Айтматова Мира"] and "Эсенов Мирлан" not in names


def test_start_up_first_screen_is_in_alphabet_order(store):
    _add(store, ADDED)
    folder, key = store.folder.root, store.key
    store.close()
    claim = claim_folder(folder, key=key)
    try:
        peek = first_look(claim)
    finally:
        claim.release()
    assert peek is not None and [p[1] for p in peek.people] == EXPECTED


def test_group_members_and_attendance_sheet_in_alphabet_order(store):
    ids = _add(store, ADDED)
    gid = rosters.create_group(store, NOOKAT, "Топ 1")
    for pid in ids.values():
        rosters.add_member(store, pid, gid)
    assert [m.full_name for m in rosters.list_members(store, gid)] == EXPECTED
    import datetime as dt

    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Окутуу",
        sessions=[trainings.SessionInput(dt.date(2024, 3, 1), 2.0)]))
    sheet = trainings.attendance_sheet(store, tid)
    assert [p.full_name for p in sheet.participants] == EXPECTED


# ---- migration ---------------------------------------------------------------------------


# the revisions before sort keys existed (people added there have none; later ones have them)
@pytest.mark.parametrize("old", KNOWN_REVISIONS[:KNOWN_REVISIONS.index("0004_sort_key")])
def test_older_database_gets_sort_keys_for_the_people_it_holds(tmp_path, old):
    data = tmp_path / "old"
    data.mkdir()
    db = data / DB_NAME
    run_migrations(db, old)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO communities (id, code, name_ky, name_ru, name_en, kind, oblast_ky, oblast_ru, "
                "oblast_en, created_at, updated_at, changed_by, change_counter, deleted) VALUES "
                "(:id, 'nookat', 'Ноокат', 'Ноокат', 'Nookat', 'city', '', '', '', '2020-01-01', "
                "'2020-01-01', '', 0, 0)", {"id": NOOKAT})
    for i, name in enumerate(ADDED):
        con.execute("INSERT INTO people (id, community_id, full_name, name_key, dup_key, sex, birth_year, "
                    "sector, organisation, position, notes, created_at, updated_at, changed_by, "
                    "change_counter, deleted) VALUES (:id, :c, :n, 'k', 'k', 'm', 1970, 'youth', '', '', '', "
                    "'2021-01-01', '2021-01-01', 'old', 7, 0)", {"id": f"p{i}", "c": NOOKAT, "n": name})
    con.commit()
    con.close()
    with open_store(data) as st:
        installation.init_installation(st, name="Nookat office", community=NOOKAT, user_name="Gulnara")
        assert [r.full_name for r in rosters.search_people(st, "")] == EXPECTED
    assert len(list((data / "backups").glob(f"*{HEAD}*"))) == 1
    con = st.raw_connection()
    try:
        plan = " ".join(str(r) for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM people ORDER BY sort_key LIMIT 5"))
    finally:
        con.close()
    assert "ix_people_sort_key" in plan


# ---- sync --------------------------------------------------------------------------------


def test_sort_key_does_not_travel_and_is_computed_on_import(store, hq_store, tmp_path: Path):
    """Packages carry the name, not the sort key (older versions' packages have none); the
    receiving side computes it, so headquarters lists the field office's people in order."""
    keyfile = keys.export_hq_key(hq_store, tmp_path / "hq.strivekey")
    keys.import_hq_key(store, keyfile)
    _add(store, ADDED)
    results = export.export(store)
    assert results
    res = importer.import_file(hq_store, results[0].path)
    assert res.status == "waiting", res.message
    keys.accept_installation(hq_store, installation.get_installation(store).id)
    out = importer.apply_waiting(hq_store)
    assert out and out[0].status == "applied", out
    assert [r.full_name for r in rosters.search_people(hq_store, "", community_id=NOOKAT)] == EXPECTED
    con = hq_store.raw_connection()
    try:
        rows = con.execute("SELECT full_name, sort_key FROM people").fetchall()
        meta = [json.loads(d) for (d,) in con.execute(
            "SELECT data FROM sync_record_meta WHERE tbl = 'people'")]
    finally:
        con.close()
    assert rows and all(k == sort_key(n) for n, k in rows)
    assert meta and all("sort_key" not in m["f"] and "full_name" in m["f"] for m in meta)


def test_a_reversed_name_conflict_takes_its_place_in_the_list(store, hq_store, tmp_path: Path):
    """Both sides rename the same person; headquarters takes back the name it lost: the list
    puts the person where that name belongs."""
    import dataclasses

    from strive_desktop.sync import review

    keys.import_hq_key(store, keys.export_hq_key(hq_store, tmp_path / "hq.strivekey"))
    ids = _add(store, ["Бакиева Бүбүсара", "Динара Осмонова", "Эсенов Мирлан"])
    pid = ids["Динара Осмонова"]
    importer.import_file(hq_store, export.export_changes(store).path)
    keys.accept_installation(hq_store, installation.get_installation(store).id)
    assert importer.apply_waiting(hq_store)[0].status == "applied"

    def rename(st: Store, name: str) -> None:
        rosters.update_person(st, pid, dataclasses.replace(rosters.get_person(st, pid).to_input(),
                                                           full_name=name))

    rename(hq_store, "Үмүт Осмонова")
    rename(store, "Асел Осмонова")
    importer.import_file(hq_store, export.export_changes(store).path)
    listed = [r.full_name for r in rosters.search_people(hq_store, "", community_id=NOOKAT)]
    winner = rosters.get_person(hq_store, pid).full_name
    assert listed == sorted(listed, key=sort_key) and winner in listed
    name_conflicts = [c for c in review.list_conflicts(hq_store) if c.field == "full_name"]
    assert len(name_conflicts) == 1
    review.reverse(hq_store, name_conflicts[0].id)
    loser = name_conflicts[0].loser_value
    assert rosters.get_person(hq_store, pid).full_name == loser != winner
    listed = [r.full_name for r in rosters.search_people(hq_store, "", community_id=NOOKAT)]
    assert listed == sorted(listed, key=sort_key) and loser in listed
    assert (listed.index(loser) == 0) == (loser == "Асел Осмонова")
