"""Many certificates checked at once (a folder of scans) give the same answers as one by one."""

from __future__ import annotations

import datetime as dt

from strive_desktop.errors import UserError
from strive_desktop.pdf import documents
from strive_desktop.services import certificate_signing as signing
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_a_batch_gives_each_certificate_the_answer_it_gets_alone(store, tmp_path):
    tids = []
    for title, names in (("Негиздер", ["Мамыржанова Гүлүмкан", "Ысмайылов Чыңгыз", "Ковалёв Сергей"]),
                         ("Экинчи окуу", ["Асанов Бакыт", "Токтогулова Айгүл"])):
        ids = [rosters.add_person(store, rosters.PersonInput(full_name=n, sex="f", sector="youth", community_id=NOOKAT,
                                                             birth_year=1990), allow_duplicate=True).person_id
               for n in names]
        tid = trainings.create_training(store, trainings.TrainingInput(
            community_id=NOOKAT, phase="basics_ve", title=title,
            sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0), trainings.SessionInput(dt.date(2026, 3, 11), 2.5)]))
        info = trainings.get_training(store, tid)
        trainings.record_bulk(store, [(s.id, p, True) for s in info.sessions for p in ids])
        documents.certificates_pdf(store, tid, tmp_path / f"{tid}.pdf", lang="ky")
        tids.append(tid)
    recs = [r for tid in tids for r in signing.sign_records(store, certificates.list_certificates(store, tid))]
    texts = [r.qr_text for r in recs]
    sig = texts[1].split(":")[2]
    texts.append(texts[0].rsplit(":", 1)[0] + ":" + sig)  # another certificate's signature
    texts.append("https://example.org/")
    certificates.revoke(store, recs[2].serial, "Printed with a wrong name")
    texts.append(texts[2])
    many = signing.verify_many(store, texts)
    assert len(many) == len(texts)
    for text, answer in zip(texts, many, strict=True):
        try:
            alone: signing.Verified | UserError = signing.verify_qr(store, text)
        except UserError as exc:
            alone = exc
        if isinstance(alone, UserError):
            assert isinstance(answer, UserError) and answer.render() == alone.render()
        else:
            assert isinstance(answer, signing.Verified) and answer == alone
    assert sum(isinstance(a, signing.Verified) for a in many) == 4  # 5 genuine, one of them revoked
    assert "was revoked" in many[-1].render()  # type: ignore[union-attr]
