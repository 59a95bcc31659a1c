"""Claiming a data folder and the start-up first screen read with plain sqlite3: the same rows
the People page reads through SQLAlchemy, and nothing at all when the folder is not ready."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from strive_desktop.errors import AlreadyRunning, DatabaseTooNew
from strive_desktop.services import installation, rosters
from strive_desktop.services.people_index import load_people_head
from strive_desktop.services.start import first_screen
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import open_store, run_migrations
from strive_desktop.storage.quick import claim_folder
from strive_desktop.storage.schema import KNOWN_REVISIONS
from strive_desktop.storage.seed import community_id
from strive_desktop.storage.vault import key_from_environment

NOOKAT = community_id("nookat")


def _key(path: Path) -> bytes:
    """The folder's database key, logged in as the fixtures are (STRIVE_PASSWORD)."""
    return key_from_environment(DataFolder(path))[1]
KOCHKOR = community_id("kochkor")

GIVEN = ["Айбек", "Гүлнара", "Нурлан", "Өмүр", "Жаңыл", "Үсөн", "Aida", "Bakyt"]
SURNAMES = ["Асанов", "Токтогулов", "Мамытов", "Өмүрбеков", "Sadykov", "Жумабаев"]


def add_people(store, community: str, n: int, seed: int = 1) -> list[str]:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    return rosters.bulk_add_people(store, [
        rosters.PersonInput(full_name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {i}", sex=rng.choice("mf"),
                            sector="youth", community_id=community, birth_year=1990,
                            phone=f"0555{100000 + i}")
        for i in range(n)])


def same(first, head) -> None:  # type: ignore[no-untyped-def]
    (index, total) = head
    assert first.people.ids == index.ids
    assert first.people.full_names == index.full_names
    assert first.people.name_keys == index.name_keys
    assert first.people.community_names == index.community_names
    assert first.total == total


def test_a_field_office_first_screen_is_the_people_pages_first_rows(store):
    ids = add_people(store, NOOKAT, 260)
    add_people(store, KOCHKOR, 30, seed=2)  # another community's people are not listed
    rosters.delete_person(store, ids[0])  # a deleted person is neither listed nor counted
    path = store.folder.root
    head = load_people_head(store, NOOKAT, 200)
    store.close()
    claim = claim_folder(path, key=_key(path))
    try:
        first = first_screen(claim, community_id=KOCHKOR, limit=200)  # ignored: a field office
    finally:
        claim.release()
    assert first is not None
    assert first.community_id == NOOKAT and not first.info.is_hq
    assert first.info.name == "Nookat office" and first.info.user_name == "Gulnara"
    assert first.info.community_name == "Nookat"
    same(first, head)
    assert first.total == 259 and len(first.people) == 200
    assert ids[0] not in first.people.ids
    assert {c.name_en for c in first.communities} >= {"Nookat", "Kochkor", "Isfana"}


def test_headquarters_first_screen_follows_the_community_last_chosen(hq_store):
    add_people(hq_store, NOOKAT, 40)
    add_people(hq_store, KOCHKOR, 25, seed=3)
    path = hq_store.folder.root
    heads = {cid: load_people_head(hq_store, cid, 30) for cid in (None, KOCHKOR)}
    hq_store.close()
    claim = claim_folder(path, key=_key(path))
    try:
        everyone = first_screen(claim, limit=30)
        kochkor = first_screen(claim, community_id=KOCHKOR, limit=30)
        gone = first_screen(claim, community_id="no-such-community", limit=30)
    finally:
        claim.release()
    assert everyone is not None and kochkor is not None and gone is not None
    assert everyone.info.is_hq and everyone.community_id is None
    same(everyone, heads[None])
    assert everyone.total == 65
    assert kochkor.community_id == KOCHKOR
    same(kochkor, heads[KOCHKOR])
    assert set(kochkor.people.community_names) == {"Kochkor"} and kochkor.total == 25
    assert gone.community_id is None and gone.total == 65  # that community is gone: everyone


def test_no_first_screen_for_a_new_an_unset_or_an_older_folder(tmp_path: Path, data_dir: Path):
    claim = claim_folder(tmp_path / "new")
    assert claim.version is None and first_screen(claim) is None  # nothing there yet
    claim.release()

    open_store(tmp_path / "unset").close()  # migrated, but the first-start setup never ran
    claim = claim_folder(tmp_path / "unset", key=_key(tmp_path / "unset"))
    assert first_screen(claim) is None
    claim.release()

    st = open_store(tmp_path / "nameless")
    installation.init_installation(st, name="Nookat office", community=NOOKAT)  # no user name yet
    st.close()
    claim = claim_folder(tmp_path / "nameless", key=_key(tmp_path / "nameless"))
    assert first_screen(claim) is None  # the ordinary start asks for the name
    claim.release()

    old = tmp_path / "old"
    claim = claim_folder(old)
    claim.release()
    run_migrations(claim.folder.db_path, KNOWN_REVISIONS[0])
    claim = claim_folder(old)
    assert claim.version == KNOWN_REVISIONS[0] and first_screen(claim) is None  # migrated first
    claim.release()


def test_a_claimed_folder_is_refused_to_a_second_copy_until_its_store_closes(store):
    path = store.folder.root
    with pytest.raises(AlreadyRunning):
        claim_folder(path, key=_key(path))
    store.close()
    claim = claim_folder(path, key=_key(path))
    with pytest.raises(AlreadyRunning):
        claim_folder(path, key=_key(path))
    st = open_store(path, claim=claim)  # the store takes over the claim's lock
    assert installation.get_installation(st).name == "Nookat office"
    with pytest.raises(AlreadyRunning):
        open_store(path)
    st.close()
    claim_folder(path, key=_key(path)).release()  # free again


def test_a_newer_database_is_refused_by_the_claim_and_the_lock_is_let_go(store):
    path = store.folder.root
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    store.close()
    with pytest.raises(DatabaseTooNew):
        claim_folder(path, key=_key(path))
    with pytest.raises(DatabaseTooNew):
        claim_folder(path, key=_key(path))  # not AlreadyRunning: the first attempt released its lock
