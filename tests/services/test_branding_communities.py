"""Headquarters keeps certificate settings per community: each community's certificates print
with its own signers (the default set for a community with none), and a reprint after a later
change still shows the signers it was first printed with."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from strive_desktop.pdf import documents
from strive_desktop.services import branding, certificates, rosters, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT, KOCHKOR, BALYKCHY = community_id("nookat"), community_id("kochkor"), community_id("balykchy")
Sig = certificates.Signatory


def _text(path) -> str:  # type: ignore[no-untyped-def]
    return " ".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\u00a0", " ")


def _training(store: Store, community: str, name: str) -> str:
    pid = rosters.add_person(store, rosters.PersonInput(full_name=name, sex="f", sector="youth",
                                                        community_id=community), allow_duplicate=True).person_id
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=community, phase="basics_ve", title="Негиздер",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    trainings.record_bulk(store, [(trainings.get_training(store, tid).sessions[0].id, pid, True)])
    return tid


def _settings(*signers: Sig) -> certificates.CertificateSettings:
    return certificates.CertificateSettings((signers[0], signers[1] if len(signers) > 1 else Sig()))


def test_headquarters_prints_each_communitys_certificates_with_its_own_signers(hq_store, tmp_path):
    certificates.save_certificate_settings(hq_store, _settings(Sig("Айбек Осмонов", "Координатор", "",
                                                                   "Programme coordinator")))
    certificates.save_certificate_settings(hq_store, _settings(
        Sig("Бакыт Асанов", "Кочкор айыл өкмөтүнүн башчысы", "Глава Кочкорского айыл окмоту",
            "Head of Kochkor ayil okmotu")), community_id=KOCHKOR)
    kochkor, nookat = _training(hq_store, KOCHKOR, "Жамила Сапарова"), _training(hq_store, NOOKAT, "Нурлан Токтосунов")
    documents.certificates_pdf(hq_store, kochkor, tmp_path / "kochkor.pdf", lang="ru")
    documents.certificates_pdf(hq_store, nookat, tmp_path / "nookat.pdf", lang="en")
    k, n = _text(tmp_path / "kochkor.pdf"), _text(tmp_path / "nookat.pdf")
    assert "Бакыт Асанов" in k and "Глава Кочкорского айыл окмоту" in k and "Айбек Осмонов" not in k
    assert "Айбек Осмонов" in n and "Programme coordinator" in n and "Kochkor" not in n  # Nookat: the default
    look = certificates.community_look(hq_store, KOCHKOR)
    assert look.own and look.set_at is not None and not certificates.community_look(hq_store, NOOKAT).own
    # the document for each office says what is printed there
    assert branding.community_settings(hq_store, KOCHKOR)["certificate"]["signatories"][0]["name"] == "Бакыт Асанов"
    assert branding.community_settings(hq_store, NOOKAT)["certificate"]["signatories"][0]["name"] == "Айбек Осмонов"


def test_a_reprint_after_a_later_change_keeps_the_signers_it_was_printed_with(hq_store, tmp_path):
    certificates.save_certificate_settings(hq_store, _settings(Sig("Бакыт Асанов", "Башчы")), community_id=KOCHKOR)
    tid = _training(hq_store, KOCHKOR, "Жамила Сапарова")
    documents.certificates_pdf(hq_store, tid, tmp_path / "first.pdf", lang="ky")
    certificates.save_certificate_settings(hq_store, _settings(Sig("Эрлан Жумабеков", "Жаңы башчы")),
                                           community_id=KOCHKOR)
    documents.certificates_pdf(hq_store, tid, tmp_path / "again.pdf", lang="ky")
    again = _text(tmp_path / "again.pdf")
    assert "Бакыт Асанов" in again and "Эрлан Жумабеков" not in again
    # a new certificate of that community takes the new signer
    tid2 = _training(hq_store, KOCHKOR, "Айгүл Мамытова")
    documents.certificates_pdf(hq_store, tid2, tmp_path / "new.pdf", lang="ky")
    assert "Эрлан Жумабеков" in _text(tmp_path / "new.pdf")


def test_a_community_can_go_back_to_the_default_and_only_filled_in_settings_are_sent(hq_store, tmp_path):
    assert not branding.worth_sending(hq_store, BALYKCHY)  # nothing set at headquarters: nothing to send
    certificates.save_certificate_settings(hq_store, _settings(Sig("Бакыт Асанов", "Башчы")), community_id=BALYKCHY)
    assert branding.worth_sending(hq_store, BALYKCHY) and not branding.worth_sending(hq_store, NOOKAT)
    assert certificates.missing_look(hq_store, _training(hq_store, BALYKCHY, "Жамила Сапарова")) == (False, True)
    assert certificates.clear_community_settings(hq_store, BALYKCHY) > 0
    assert certificates.get_certificate_settings(hq_store, BALYKCHY) == certificates.get_certificate_settings(hq_store)
    assert not certificates.community_look(hq_store, BALYKCHY).own
