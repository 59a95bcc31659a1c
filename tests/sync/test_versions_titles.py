"""A training's titles in Russian and English travel (0012_titles), and a package written before
that revision still imports: its trainings get no Russian or English title."""

from __future__ import annotations

import datetime as dt
import json

from strive_desktop.services import trainings
from strive_desktop.storage.db import Store
from strive_desktop.sync import export, importer, keys, package

from ..conftest import NOOKAT, link


def _without_titles(office: Store, hq: Store, data: bytes, schema: str) -> bytes:
    """The office's package as the version at *schema* (before 0012_titles) wrote it."""
    me, them = keys.load_identity(office), keys.load_identity(hq)
    pkg = package.open_package(data, "p.strive", them, me.sign_pub, True)
    entries = dict(pkg.entries)
    recs = [json.loads(line) for line in entries["records/trainings.jsonl"].splitlines() if line.strip()]
    for r in recs:
        assert r["f"].pop("title_ru") and r["f"].pop("title_en")
    entries["records/trainings.jsonl"] = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in recs)
    manifest = {k: v for k, v in pkg.manifest.items() if k != "entries"}
    manifest["schema"] = schema
    header = {k: pkg.header[k] for k in ("format", "package_id", "kind", "range", "created_at", "app_version")}
    return package.seal(me, {"id": them.installation_id, "name": them.name, "box_pub": them.box_pub}, header,
                        package.build_zip(manifest, entries))


def _training(store: Store) -> str:
    return trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Негиздер", title_ru="Основы", title_en="Basics",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 10), 4.0)]))


def test_the_titles_travel_and_an_older_package_without_them_imports(store, hq_store, tmp_path):
    link(store, hq_store, tmp_path)
    tid = _training(store)
    (res,) = export.export(store)
    older = tmp_path / "older.strive"
    older.write_bytes(_without_titles(store, hq_store, res.path.read_bytes(), "0011_enrolment"))
    out = importer.import_file(hq_store, older)
    assert out.status == "applied" and out.set_aside == 0, out.message
    got = trainings.get_training(hq_store, tid)
    assert (got.title, got.title_ru, got.title_en) == ("Негиздер", "", "")
    # the next change arrives whole, with its titles
    info = trainings.get_training(store, tid)
    trainings.update_training(store, tid, trainings.TrainingInput(
        community_id=NOOKAT, phase=info.phase, title=info.title, title_ru="Основы ПНЭ", title_en="Basics",
        sessions=info.sessions))  # type: ignore[arg-type]
    (res,) = export.export(store)
    assert importer.import_file(hq_store, res.path).status == "applied"
    got = trainings.get_training(hq_store, tid)
    assert (got.title_ru, got.title_en) == ("Основы ПНЭ", "Basics")
