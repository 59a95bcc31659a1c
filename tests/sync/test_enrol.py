"""Enrolment by invitation (issue 16 point 1): an office set up from headquarters' invitation file
exports at once, and headquarters accepts its first package without a phone call; forged,
expired and reused invitations and a wrong secret are not accepted, with a clear reason."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from strive_desktop.catalog import translator
from strive_desktop.errors import UserError
from strive_desktop.formatting import fmt_date
from strive_desktop.i18n import Message
from strive_desktop.services import installation, rosters, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import enrol, export, importer, keys, status

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


def _shown(message: Message, lang: str) -> str:
    """*message* as the window or the CLI writes it in *lang*: its dates that language's way."""
    return message.render(translator(lang), date=lambda d: fmt_date(d, lang))


def _dates(d: dt.date) -> tuple[str, str, str]:
    """(Russian and Kyrgyz, English, ISO) spellings of *d*: 05.12.2026, Dec 5, 2026, 2026-12-05."""
    month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[d.month - 1]
    return f"{d.day:02}.{d.month:02}.{d.year}", f"{month} {d.day}, {d.year}", d.isoformat()


@pytest.fixture
def new_folder(tmp_path: Path) -> Iterator[Store]:
    """An empty data folder on a new office laptop."""
    st = open_store(tmp_path / "office")
    yield st
    st.close()


def add_person(store: Store, name: str, community: str = NOOKAT) -> None:
    rosters.add_person(store, rosters.PersonInput(name, "f", "youth", community), allow_duplicate=True)


def send(office: Store, hq: Store) -> importer.ImportResult:
    (result,) = export.export(office)
    return importer.import_file(hq, result.path)


def peer_state(hq: Store, name: str) -> str:
    return next(p.status for p in keys.list_peers(hq) if p.name == name)


def test_an_invited_office_exports_at_once_and_is_accepted_without_a_call(
        hq_store: Store, new_folder: Store, tmp_path: Path) -> None:
    trainings.set_completion_share(hq_store, 0.75)
    (tmp_path / "usb").mkdir()
    inv = enrol.write_invitation(hq_store, "Nookat", tmp_path / "usb")
    assert inv.path is not None and inv.path.name == "strive-invitation-nookat.striveinvite"
    info = enrol.init_from_invitation(new_folder, inv.path, name="Nookat office", user_name="Gulnara")
    assert info.community_id == NOOKAT and not info.is_hq
    # headquarters' key is installed and its settings applied: the office can export at once
    hq = keys.hq_peer(new_folder)
    assert hq is not None and hq.fingerprint == keys.load_identity(hq_store).fingerprint
    assert trainings.completion_rule(new_folder).min_share == 0.75
    add_person(new_folder, "Айгүл Асанова")
    res = send(new_folder, hq_store)
    assert res.status == "applied", res.message
    assert res.added == 1
    assert load_people_index(hq_store).filtered("Асанова").full_names == ["Айгүл Асанова"]
    office_id = installation.get_installation(new_folder).id
    assert peer_state(hq_store, "Nookat office") == "accepted"
    assert enrol.invited_installations(hq_store) == {office_id}
    (issued,) = enrol.list_invitations(hq_store)
    assert issued.used_by == office_id and issued.used_at is not None
    # the return package reaches the office
    (back,) = export.export(hq_store)
    assert importer.import_file(new_folder, back.path).status == "applied"
    assert any(o.delivered for o in status.outbox(new_folder))
    # later packages need no proof check any more
    add_person(new_folder, "Бермет Токтогулова")
    assert send(new_folder, hq_store).status == "applied"


def test_a_forged_invitation_is_refused_at_setup(hq_store: Store, new_folder: Store, tmp_path: Path) -> None:
    inv = enrol.write_invitation(hq_store, "Nookat", tmp_path / "invite.striveinvite")
    assert inv.path is not None
    doc = json.loads(inv.path.read_text(encoding="utf-8"))
    doc["invitation"]["community"]["id"] = KOCHKOR  # another community than headquarters wrote
    forged = tmp_path / "forged.striveinvite"
    forged.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(UserError, match="altered after headquarters wrote it"):
        enrol.init_from_invitation(new_folder, forged, name="Kochkor office")
    assert not installation.is_initialised(new_folder)
    garbage = tmp_path / "photo.striveinvite"
    garbage.write_bytes(b"\x89PNG not an invitation")
    with pytest.raises(UserError, match="not a STRIVE invitation file"):
        enrol.init_from_invitation(new_folder, garbage, name="Kochkor office")


def test_an_expired_invitation_is_refused(hq_store: Store, new_folder: Store, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    inv = enrol.write_invitation(hq_store, "Nookat", tmp_path / "invite.striveinvite", days=1)
    assert inv.path is not None
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=2)
    monkeypatch.setattr(enrol, "utcnow", lambda: later)
    with pytest.raises(UserError, match="expired on") as err:
        enrol.init_from_invitation(new_folder, inv.path, name="Nookat office")
    assert not installation.is_initialised(new_folder)
    numeric, english, iso = _dates(inv.expires_at.date())
    assert _shown(err.value.message, "ru").startswith(f"Срок этого приглашения истёк {numeric}.")
    assert numeric in _shown(err.value.message, "ky") and iso not in _shown(err.value.message, "ky")
    assert _shown(err.value.message, "en").startswith(f"This invitation expired on {english}.")


def test_an_invitation_that_expired_before_the_first_package_arrives(
        hq_store: Store, new_folder: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inv = enrol.write_invitation(hq_store, "Nookat", tmp_path / "invite.striveinvite", days=1)
    assert inv.path is not None
    enrol.init_from_invitation(new_folder, inv.path, name="Nookat office")
    add_person(new_folder, "Айгүл Асанова")
    (pkg,) = export.export(new_folder)
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=2)
    monkeypatch.setattr(enrol, "utcnow", lambda: later)
    res = importer.import_file(hq_store, pkg.path)
    assert res.status == "waiting"
    assert "not accepted by invitation: the invitation expired on" in res.message
    numeric, english, iso = _dates(inv.expires_at.date())
    assert f"срок приглашения истёк {numeric}" in _shown(res.summary(), "ru")
    assert numeric in _shown(res.summary(), "ky") and iso not in _shown(res.summary(), "ky")
    assert f"the invitation expired on {english}" in _shown(res.summary(), "en")
    assert peer_state(hq_store, "Nookat office") == "waiting"


def test_a_reused_invitation_accepts_only_the_first_office(hq_store: Store, tmp_path: Path) -> None:
    inv = enrol.write_invitation(hq_store, "Nookat", tmp_path / "invite.striveinvite")
    assert inv.path is not None
    first, second = open_store(tmp_path / "first"), open_store(tmp_path / "second")
    try:
        enrol.init_from_invitation(first, inv.path, name="Nookat office")
        enrol.init_from_invitation(second, inv.path, name="Nookat copy")
        add_person(first, "Айгүл Асанова")
        add_person(second, "Бермет Токтогулова")
        assert send(first, hq_store).status == "applied"
        res = send(second, hq_store)
        assert res.status == "waiting"
        assert "already used by another installation" in res.message
        assert peer_state(hq_store, "Nookat copy") == "waiting"
        assert load_people_index(hq_store).filtered("Токтогулова").full_names == []
    finally:
        first.close()
        second.close()


def test_a_wrong_secret_in_the_first_package_is_not_accepted(hq_store: Store, new_folder: Store,
                                                               tmp_path: Path) -> None:
    inv = enrol.write_invitation(hq_store, "Nookat", tmp_path / "invite.striveinvite")
    assert inv.path is not None
    enrol.init_from_invitation(new_folder, inv.path, name="Nookat office")
    installation.set_setting(new_folder, enrol.SECRET_KEY, base64.b64encode(b"guessed secret 0123456789").decode())
    add_person(new_folder, "Айгүл Асанова")
    res = send(new_folder, hq_store)
    assert res.status == "waiting"
    assert "was not accepted by invitation: it does not prove the invitation's secret" in res.message
    assert peer_state(hq_store, "Nookat office") == "waiting"
    assert load_people_index(hq_store).filtered("Асанова").full_names == []
    (issued,) = enrol.list_invitations(hq_store)
    assert issued.used_by == ""
    # headquarters can still accept it the ordinary way, after a phone call
    keys.accept_installation(hq_store, "Nookat office")
    assert [r.status for r in importer.apply_waiting(hq_store)] == ["applied"]


def test_an_invitation_is_for_one_community(hq_store: Store, tmp_path: Path) -> None:
    """An office that re-points itself at another community is not accepted by the invitation."""
    inv = enrol.write_invitation(hq_store, "Kochkor", tmp_path / "invite.striveinvite")
    assert inv.path is not None
    office = open_store(tmp_path / "office")
    try:
        enrol.init_from_invitation(office, inv.path, name="Kochkor office")
        assert installation.get_installation(office).community_id == KOCHKOR
        from sqlalchemy import update

        from strive_desktop.storage.models import Installation

        with office.uow() as s:
            s.execute(update(Installation).values(community_id=NOOKAT))
        add_person(office, "Айгүл Асанова")
        res = send(office, hq_store)
        assert res.status == "waiting" and "the invitation is for another community" in res.message
    finally:
        office.close()


def test_a_revoked_installation_is_not_accepted_again_by_its_invitation(
        hq_store: Store, new_folder: Store, tmp_path: Path) -> None:
    inv = enrol.write_invitation(hq_store, "Nookat", tmp_path / "invite.striveinvite")
    assert inv.path is not None
    enrol.init_from_invitation(new_folder, inv.path, name="Nookat office")
    add_person(new_folder, "Айгүл Асанова")
    assert send(new_folder, hq_store).status == "applied"
    enrol.revoke_installation(hq_store, installation.get_installation(new_folder).id)
    assert peer_state(hq_store, "Nookat office") == "revoked"
    assert export.export(hq_store) == []  # no return package for a revoked office
    add_person(new_folder, "Бермет Токтогулова")
    res = send(new_folder, hq_store)
    assert res.status == "waiting"
    assert load_people_index(hq_store).filtered("Токтогулова").full_names == []


def test_only_headquarters_invites(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Only headquarters writes invitations"):
        enrol.write_invitation(store, "Nookat", tmp_path / "x.striveinvite")


def test_the_invitation_carries_headquarters_signers_logos_and_completion_rule(
        hq_store: Store, new_folder: Store, tmp_path: Path) -> None:
    from PIL import Image

    from strive_desktop.services import certificates, trainings

    src = tmp_path / "undp.png"
    Image.new("RGB", (300, 120), (0, 104, 178)).save(src)
    logo = certificates.import_logo(hq_store, src)
    certificates.save_certificate_settings(hq_store, certificates.CertificateSettings(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы", "Глава айыл окмоту",
                                "Head of the aiyl okmotu"), certificates.Signatory("", "")),
        logo, "", "", "", "", ""), also={trainings.COMPLETION_SETTING: "0.7"})
    inv = enrol.write_invitation(hq_store, "Nookat", tmp_path / "invite.striveinvite")
    enrol.init_from_invitation(new_folder, inv.path, name="Nookat office")
    mine = certificates.get_certificate_settings(new_folder)
    assert mine.signatories[0].name == "Өмүрбек Түлөгөнов"
    assert mine.signatories[0].title_en == "Head of the aiyl okmotu"
    assert certificates.logo_path(new_folder, mine.logo_left) is not None
    assert trainings.completion_rule(new_folder).min_share == pytest.approx(0.7)
