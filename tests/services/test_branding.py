"""Headquarters' settings for a community (signers, extra lines, logos, completion rule) as one
JSON document an office takes into its own settings (e.g. from its invitation file)."""

from __future__ import annotations

import datetime as dt
import json

import pikepdf
import pytest
from PIL import Image

from strive_desktop.errors import UserError
from strive_desktop.pdf import documents
from strive_desktop.services import branding, certificates, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT, KOCHKOR = community_id("nookat"), community_id("kochkor")


def _hq_settings(hq_store, tmp_path):  # type: ignore[no-untyped-def]
    names = []
    for i, colour in enumerate([(0, 104, 178), (0, 51, 153), (170, 40, 40)]):
        src = tmp_path / f"logo{i}.png"
        Image.new("RGB", (300, 120), colour).save(src)
        names.append(certificates.import_logo(hq_store, src))
    certificates.save_certificate_settings(hq_store, certificates.CertificateSettings(
        (certificates.Signatory("Өмүрбек Түлөгөнов", "Айыл өкмөтүнүн башчысы", "Глава айыл окмоту",
                                "Head of the aiyl okmotu"), certificates.Signatory("Асанов Бакыт", "Координатор")),
        names[0], names[2], "Коомдук фонд «Ынтымак»", names[1], "", "Public Foundation Yntymak"),
        also={trainings.COMPLETION_SETTING: "0.7"})


def test_an_office_takes_headquarters_signers_logos_and_completion_rule(store, hq_store, tmp_path):
    _hq_settings(hq_store, tmp_path)
    doc = json.loads(json.dumps(branding.community_settings(hq_store, NOOKAT)))  # through a file
    assert doc["community_code"] == "nookat" and set(doc["logos"]) == {"logo_left", "logo_centre", "logo_right"}
    cfg = branding.apply_community_settings(store, doc)
    mine = certificates.get_certificate_settings(store)
    assert mine == cfg and mine.signatories == certificates.get_certificate_settings(hq_store).signatories
    assert mine.issuer_en == "Public Foundation Yntymak"
    assert all(certificates.logo_path(store, n) for n in (mine.logo_left, mine.logo_centre, mine.logo_right))
    assert trainings.completion_rule(store).min_share == pytest.approx(0.7)
    # the office prints with them
    pid = rosters.add_person(store, rosters.PersonInput(full_name="Мамыржанова Гүлүмкан", sex="f", sector="youth",
                                                        community_id=NOOKAT)).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    trainings.record_bulk(store, [(trainings.get_training(store, tid).sessions[0].id, pid, True)])
    documents.certificates_pdf(store, tid, tmp_path / "c.pdf", lang="en")
    with pikepdf.open(tmp_path / "c.pdf") as pdf:
        assert sum(1 for v in pdf.pages[0].Resources.XObject.values() if v.Subtype == "/Image") == 3
    # taking the same document again changes nothing and copies no second file
    files = sorted(p.name for p in (store.folder.root / "logos").iterdir())
    branding.apply_community_settings(store, doc)
    assert sorted(p.name for p in (store.folder.root / "logos").iterdir()) == files


def test_another_communitys_or_a_damaged_document_is_refused_and_changes_nothing(store, hq_store, tmp_path):
    _hq_settings(hq_store, tmp_path)
    before = certificates.get_certificate_settings(store)
    with pytest.raises(UserError, match="another community"):
        branding.apply_community_settings(store, branding.community_settings(hq_store, KOCHKOR))
    doc = branding.community_settings(hq_store, NOOKAT)
    doc["logos"]["logo_left"]["data"] = "bm90IGFuIGltYWdl"  # "not an image"
    with pytest.raises(UserError, match="not readable"):
        branding.apply_community_settings(store, doc)
    with pytest.raises(UserError, match="not readable"):
        branding.apply_community_settings(store, {"format": "something else"})
    assert certificates.get_certificate_settings(store) == before
    assert not (store.folder.root / "logos").exists()
