"""Headquarters moves to a new computer with its key backup (issue 13 point 6): the restored
headquarters is the same installation, and a field office that exchanged packages with the
old one accepts its packages."""

from __future__ import annotations

from pathlib import Path

from strive_desktop.services import installation, rosters
from strive_desktop.storage.db import Store, open_store
from strive_desktop.sync import export, importer, keys

from ..conftest import NOOKAT, person, ship

PASSPHRASE = "a long key passphrase"


def test_an_office_accepts_the_packages_of_headquarters_restored_on_a_new_computer(
        linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    person(field, "Айгүл Ормонова")
    assert ship(field, hq)[0].status == "applied"
    assert ship(hq, field)[0].status == "applied"  # the two have exchanged packages
    hq_id = installation.get_installation(hq).id
    backup = keys.backup_keys(hq, tmp_path / "hq.strivekeys", PASSPHRASE)
    old_fingerprint = keys.load_identity(hq).fingerprint
    hq.close()

    with open_store(tmp_path / "new-computer") as new:
        installation.init_installation(new, name="Bishkek HQ", hq=True, user_name="Aida")
        keys.restore_keys(new, backup, PASSPHRASE)
        assert installation.get_installation(new).id == hq_id
        assert keys.load_identity(new).fingerprint == old_fingerprint

        # the office's next package reaches the restored headquarters (accepted once again)
        person(field, "Бакыт Өмүров")
        res = [importer.import_file(new, r.path) for r in export.export(field)]
        assert res[0].status == "waiting", res[0].message
        keys.accept_installation(new, installation.get_installation(field).id)
        assert importer.apply_waiting(new)[0].status == "applied"

        # and headquarters' reply is accepted by the office: same headquarters as before
        pid = rosters.add_person(new, rosters.PersonInput(
            full_name="Нуржан Касымов", sex="m", sector="youth", community_id=NOOKAT)).person_id
        back = [importer.import_file(field, r.path) for r in export.export(new)]
        assert back and back[0].status == "applied", back[0].message
        assert rosters.get_person(field, pid).full_name == "Нуржан Касымов"


def test_a_new_computer_without_the_backup_is_still_refused_by_the_office(
        linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    with open_store(tmp_path / "impostor") as other:
        installation.init_installation(other, name="Bishkek HQ", hq=True, user_name="Aida")
        keys.load_identity(other)
        rosters.add_person(other, rosters.PersonInput(
            full_name="Нуржан Касымов", sex="m", sector="youth", community_id=NOOKAT))
        results = export.export(other)
        out = [importer.import_file(field, r.path) for r in results]
        assert not out or out[0].status != "applied"
