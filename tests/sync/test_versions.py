"""The version rule: a package written at an older schema imports, the fields added since taking
their defaults; at this schema a record without one of its fields is set aside; an installation
that updated keeps exporting records whose merge state predates the new field."""

from __future__ import annotations

import datetime as dt
import json

from strive_desktop.pdf import documents
from strive_desktop.services import certificates, trainings
from strive_desktop.storage.db import Store
from strive_desktop.sync import export, importer, keys, package

from ..conftest import NOOKAT, link, person

ADDED = {"certificates": ("look",), "people": ("merged_into", "merge_moves", "kept_apart")}


def _printed(store: Store, tmp_path) -> str:  # type: ignore[no-untyped-def]
    pid = person(store, "Мамыржанова Гүлүмкан", NOOKAT)
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))
    trainings.record_bulk(store, [(trainings.get_training(store, tid).sessions[0].id, pid, True)])
    documents.certificates_pdf(store, tid, tmp_path / "c.pdf", lang="ky")
    return tid


def _as_older(office: Store, hq: Store, data: bytes, schema: str) -> bytes:
    """The office's package as a version at *schema* would have written it: the fields added
    since left out of every record, the manifest naming that schema."""
    me, them = keys.load_identity(office), keys.load_identity(hq)
    pkg = package.open_package(data, "p.strive", them, me.sign_pub, True)
    entries = dict(pkg.entries)
    for tbl, fields in ADDED.items():
        name = f"records/{tbl}.jsonl"
        if name in entries:
            recs = [json.loads(line) for line in entries[name].splitlines() if line.strip()]
            for r in recs:
                for f in fields:
                    r["f"].pop(f, None)
            entries[name] = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in recs)
    manifest = {k: v for k, v in pkg.manifest.items() if k != "entries"}
    manifest["schema"] = schema
    header = {k: pkg.header[k] for k in ("format", "package_id", "kind", "range", "created_at", "app_version")}
    return package.seal(me, {"id": them.installation_id, "name": them.name, "box_pub": them.box_pub}, header,
                        package.build_zip(manifest, entries))


def test_a_package_from_an_older_version_imports_with_the_new_fields_defaults(store, hq_store, tmp_path):
    link(store, hq_store, tmp_path)
    tid = _printed(store, tmp_path)
    (res,) = export.export(store)
    older = tmp_path / "older.strive"
    older.write_bytes(_as_older(store, hq_store, res.path.read_bytes(), "0006_roster_imports"))
    out = importer.import_file(hq_store, older)
    assert out.status == "applied" and out.set_aside == 0, out.message
    (rec,) = certificates.list_certificates(hq_store, tid)
    assert rec.look == "" and rec.full_name == "Мамыржанова Гүлүмкан"
    # At this schema a record without its fields is not complete: set aside, with the reason.
    certificates.revoke(store, rec.serial, "Wrong name")
    (res,) = export.export(store)
    same = tmp_path / "same.strive"
    same.write_bytes(_as_older(store, hq_store, res.path.read_bytes(), package.KNOWN_REVISIONS[-1]))
    out = importer.import_file(hq_store, same)
    assert out.status == "applied" and out.set_aside == 1


def test_an_updated_installation_exports_records_whose_merge_state_predates_a_new_field(store, hq_store, tmp_path):
    from sqlalchemy import text

    link(store, hq_store, tmp_path)
    tid = _printed(store, tmp_path)
    (res,) = export.export(store)
    assert importer.import_file(hq_store, res.path).status == "applied"
    with store.uow() as s:  # the merge states as the version before 0009 wrote them
        conn = s.connection()
        for rid, data in conn.execute(text("SELECT rid, data FROM sync_record_meta WHERE tbl = 'certificates'")).all():
            doc = json.loads(data)
            doc["f"].pop("look")
            conn.execute(text("UPDATE sync_record_meta SET data = :d WHERE rid = :r"), {"d": json.dumps(doc), "r": rid})
    (rec,) = certificates.list_certificates(store, tid)
    certificates.revoke(store, rec.serial, "Wrong name")
    (res,) = export.export(store)  # no crash on the missing field: it goes as this office's write
    out = importer.import_file(hq_store, res.path)
    assert out.status == "applied" and out.set_aside == 0, out.message
    assert certificates.lookup(hq_store, rec.serial).revoked
