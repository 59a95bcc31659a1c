"""Encrypted backups of a whole data folder (services/backups.py): what a USB stick or the
backups folder holds, what comes back, and what a wrong password or a damaged file gets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from strive_desktop.errors import UserError
from strive_desktop.services import (
    accounts,
    attachments,
    backups,
    certificates,
    installation,
    rosters,
    trainings,
)
from strive_desktop.services.backups import to_keep
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.keys import ensure_keys
from strive_desktop.storage.seed import community_id
from strive_desktop.storage.sync_models import SyncKey
from strive_desktop.storage.vault import Vault, WrongPassword

NOOKAT = community_id("nookat")
PW = "first-pass-1"
NAMES = ("Айгүл Осмонова", "Бакыт Токтосунов")
PHONE = "+996555123456"
PIN = "11204199500123"


def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (40, 20), (200, 30, 30)).save(path)
    return path


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    folder = DataFolder(tmp_path / "office").ensure()
    key = Vault(folder).create("Aida", PW)
    st = open_store(folder.root, key=key, account="Aida")
    installation.init_installation(st, name="Nookat office", community=NOOKAT, user_name="Aida")
    accounts.login(st, "Aida")
    rosters.add_person(st, rosters.PersonInput(full_name=NAMES[0], sex="f", sector="youth", community_id=NOOKAT,
                                               phone=PHONE, pin=PIN), allow_duplicate=True)
    rosters.add_person(st, rosters.PersonInput(full_name=NAMES[1], sex="m", sector="religious_leader",
                                               community_id=NOOKAT), allow_duplicate=True)
    tid = trainings.create_training(st, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2025, 3, 1), 4)]))
    attachments.add_attachment(st, _png(tmp_path / "signed-sheet.png"), training_id=tid)
    assert certificates.import_logo(st, _png(tmp_path / "logo.png"))
    ensure_keys(st)
    yield st
    st.close()


def _files(root: Path, sub: str) -> dict[str, bytes]:
    base = root / sub
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()}


def _keys(store: Store) -> dict[str, bytes]:
    with store.read() as s:
        return {k.name: k.private for k in s.scalars(select(SyncKey))}


def _names(store: Store) -> set[str]:
    return set(load_people_index(store, NOOKAT).full_names)


def test_a_usb_backup_is_encrypted_and_everything_comes_back(office: Store, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    info = backups.write_backup(office, usb)
    data = info.path.read_bytes()
    assert info.path.parent == usb and info.path.suffix == ".strivebak"
    for secret in (*NAMES, PHONE, PIN, "Nookat office"):
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            assert secret.encode(enc) not in data, (secret, enc)
    assert b"SQLite format 3" not in data and b"signed-sheet" not in data
    for private in _keys(office).values():
        assert private not in data
    attached, logos, keys = (_files(office.folder.root, "attachments"), _files(office.folder.root, "logos"),
                             _keys(office))
    assert attached and logos and set(keys) == {"sign", "box"}

    # A new computer: an empty folder, the backup and Aida's password.
    new = DataFolder(tmp_path / "new").ensure()
    backups.restore_backup(new, info.path, "aida", PW)
    st = open_store(new.root, key=Vault(new).unlock("Aida", PW), account="Aida")
    try:
        accounts.login(st, "Aida")
        assert _names(st) == set(NAMES)
        assert _keys(st) == keys
        assert _files(new.root, "attachments") == attached and _files(new.root, "logos") == logos
        assert installation.get_installation(st).id == installation.get_installation(office).id
    finally:
        st.close()


def test_a_wrong_password_or_name_opens_nothing(office: Store, tmp_path: Path) -> None:
    out = backups.write_backup(office, tmp_path / "b.strivebak").path
    new = DataFolder(tmp_path / "new").ensure()
    with pytest.raises(WrongPassword):
        backups.restore_backup(new, out, "Aida", "not-the-password")
    with pytest.raises(WrongPassword):
        backups.restore_backup(new, out, "Nobody", PW)
    assert not new.db_path.exists() and not (new.root / "vault.json").exists()


@pytest.mark.parametrize("damage", ["flip", "cut", "foreign"])
def test_a_damaged_backup_is_refused_and_the_folder_keeps_its_data(office: Store, tmp_path: Path,
                                                                    damage: str) -> None:
    out = backups.write_backup(office, tmp_path / "b.strivebak").path
    data = bytearray(out.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "cut":
        data = data[: len(data) - 100]
    else:
        data = bytearray(b"PK\x03\x04 this is a zip of something else" * 50)
    out.write_bytes(bytes(data))
    root = office.folder.root
    office.close()
    before = (root / "strive.sqlite3").read_bytes()
    folder = DataFolder(root)
    with pytest.raises(UserError) as info:
        backups.restore_backup(folder, out, "Aida", PW)
    assert isinstance(info.value, backups.BackupDamaged)
    assert "damaged" in str(info.value) or "not a STRIVE Desktop backup" in str(info.value)
    assert (root / "strive.sqlite3").read_bytes() == before
    st = open_store(root, key=Vault(folder).unlock("Aida", PW), account="Aida")
    try:
        assert _names(st) == set(NAMES)
    finally:
        st.close()


def test_restoring_over_a_folder_brings_back_the_day_of_the_backup(office: Store, tmp_path: Path) -> None:
    out = backups.write_backup(office, tmp_path / "b.strivebak").path
    rosters.add_person(office, rosters.PersonInput(full_name="Later Person", sex="f", sector="youth",
                                                   community_id=NOOKAT), allow_duplicate=True)
    inst = installation.get_installation(office).id
    root = office.folder.root
    office.close()
    folder = DataFolder(root)
    aside = backups.restore_backup(folder, out, "Aida", PW, current_installation=inst)
    assert (aside / "strive.sqlite3").exists() and (aside / "vault.json").exists()
    st = open_store(root, key=Vault(folder).unlock("Aida", PW), account="Aida")
    try:
        assert _names(st) == set(NAMES)
    finally:
        st.close()


def test_automatic_backups_daily_at_most_and_rotated_over_simulated_dates(office: Store) -> None:
    d = dt.datetime
    assert backups.auto_backup(office, now=d(2026, 1, 1, 9)) is not None
    assert backups.auto_backup(office, now=d(2026, 1, 1, 17)) is None  # the same day: none
    for when in (d(2026, 1, 15, 9), d(2026, 2, 1, 9), d(2026, 2, 20, 9),
                 *(d(2026, 3, day, 8 + day % 3) for day in range(1, 11))):
        assert backups.auto_backup(office, now=when) is not None
    kept = [b.created.date() for b in backups.automatic_backups(office.folder)]
    daily = [dt.date(2026, 3, day) for day in range(10, 3, -1)]  # the last seven days
    # weeks: Mar 8 (week of Mar 2), Mar 1 (week of Feb 23), Feb 20; months: Jan 15 (January's newest)
    assert kept == [*daily, dt.date(2026, 3, 1), dt.date(2026, 2, 20), dt.date(2026, 1, 15)]
    backups.verify(backups.automatic_backups(office.folder)[0].path, office.key)


def _daily(start: dt.datetime, days: int) -> list[dt.datetime]:
    return [start + dt.timedelta(days=i, hours=i % 5) for i in range(days)]


def test_a_year_and_a_half_of_daily_backups_keeps_7_days_4_weeks_12_months():
    stamps = _daily(dt.datetime(2025, 6, 1, 9), 550)
    keep = to_keep(stamps)
    newest = max(stamps)
    days = {t.date() for t in keep if (newest - t).days < 7}
    assert len(days) == 7  # the last seven days, every one
    weeks = {t.isocalendar()[:2] for t in keep}
    assert len(weeks) >= 4
    months = {(t.year, t.month) for t in keep}
    assert len(months) == 12
    oldest_month = min(months)
    assert oldest_month == ((newest.year - 1, newest.month + 1) if newest.month < 12 else (newest.year, 1))
    assert len(keep) <= 7 + 4 + 12
    assert newest in keep and min(stamps) not in keep


def test_several_backups_on_one_day_keep_the_newest_of_that_day():
    day = dt.datetime(2026, 3, 4)
    stamps = [day.replace(hour=h) for h in (8, 12, 18)]
    assert to_keep(stamps) == {day.replace(hour=18)}


def test_gaps_count_only_days_that_have_a_backup():
    # used on 10 scattered days over two months: the 7 newest days survive as dailies
    stamps = [dt.datetime(2026, 1, 1) + dt.timedelta(days=6 * i) for i in range(10)]
    keep = to_keep(stamps)
    assert set(sorted(stamps)[-7:]) <= keep
    assert to_keep([]) == set()
