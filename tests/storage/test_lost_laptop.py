"""The lost-laptop test (issue 13): someone finds the laptop, the app closed, and reads every
byte of every file in the data folder (database, WAL and SHM, backups, outbox, inbox,
attachments, logos, logs, settings) and of a USB backup looking for the people of the rosters: 100 names, phones
and PINs of the demo data, in UTF-8 and in UTF-16. Nothing may be found."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from strive_desktop.logsetup import configure, log_bug
from strive_desktop.services import (
    attachments,
    backups,
    certificates,
    demo,
    installation,
    maintenance,
    rosters,
    trainings,
)
from strive_desktop.storage.datafolder import DataFolder
from strive_desktop.storage.db import open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import export, importer, keys

NOOKAT = community_id("nookat")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
       b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00"
       b"\x00\x00IEND\xaeB`\x82")


def _needles(people: list[dict]) -> dict[str, str]:
    found: dict[str, str] = {}
    for p in people:
        found[p["full_name"]] = "name"
        if p["phone"]:
            found[p["phone"].lstrip("+")] = "phone"
        if p["pin"]:
            found[p["pin"]] = "PIN"
    return found


def _hits(root: Path, needles: dict[str, str]) -> list[str]:
    encoded = [(text, kind, enc, text.encode(enc)) for text, kind in needles.items()
               for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    hits = []
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files
    for path in root.rglob("*"):  # the names of files and folders too, not only their bytes
        rel = path.relative_to(root).as_posix().casefold()
        hits += [f"{path.relative_to(root)}: {kind} {text!r} in the name" for text, kind in needles.items()
                 if text.casefold() in rel]
    for path in files:
        data = path.read_bytes()
        for text, kind, enc, raw in encoded:
            if raw in data:
                hits.append(f"{path.relative_to(root)}: {kind} {text!r} ({enc})")
    return hits


def test_no_name_phone_or_pin_in_any_file_of_the_data_folders(tmp_path: Path) -> None:
    # Headquarters with the demo data of the nine communities.
    hq = open_store(tmp_path / "hq")
    demo.fill(hq)
    everyone = [p for p in maintenance.dump(hq)["people"] if not p["deleted"]]
    sample = [dict(p) for p in everyone if p["phone"]][:100]
    assert len(sample) == 100
    for i, p in enumerate(sample):  # the demo has no PINs: each gets a valid one
        p["birth_year"] = p["birth_year"] or 1985
        p["pin"] = f"{1 if p['sex'] == 'f' else 2}{i % 28 + 1:02d}{i % 12 + 1:02d}{p['birth_year']}{i:05d}"
    needles = _needles(sample)

    # A field office that holds the same people, attaches a scan, sets a logo, sends a package.
    field = open_store(tmp_path / "field")
    installation.init_installation(field, name="Nookat office", community=NOOKAT, user_name="Gulnara")
    for p in sample:
        rosters.add_person(field, rosters.PersonInput(
            full_name=p["full_name"], sex=p["sex"], sector=p["sector"], community_id=NOOKAT,
            birth_year=p["birth_year"], phone=p["phone"], pin=p["pin"]), allow_duplicate=True)
    title = "Айгүлдүн Ноокаттагы тренинги"
    needles[title] = "training"
    tid = trainings.create_training(field, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title=title,
        sessions=[trainings.SessionInput(dt.date(2024, 3, 1), 4)]))
    # the scan and the logo are named after a person and the training, as people name their files
    scan = tmp_path / f"{sample[3]['full_name']} {title}.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + "\n".join(p["full_name"] for p in sample[:20]).encode() + b"\n%%EOF\n")
    aid = attachments.add_attachment(field, scan, training_id=tid)
    logo = tmp_path / f"{sample[4]['full_name']}.png"
    logo.write_bytes(PNG)
    certificates.import_logo(field, logo)
    # the original name is kept (inside the encrypted database) and the scan reads back whole
    assert attachments.get_attachment(field, aid).file_name == scan.name
    assert attachments.read_attachment(field, aid) == scan.read_bytes()
    keys.import_hq_key(field, keys.export_hq_key(hq, tmp_path / "hq.strivekey"))
    results = export.export(field)
    assert results and any(field.folder.outbox in r.path.parents for r in results)
    for r in results:
        importer.import_file(hq, r.path)
    maintenance.backup(field.folder, field.folder.backups / "by-hand.sqlite3", field.key)
    usb = tmp_path / "usb"  # a USB stick with the whole folder backed up, and the automatic one
    usb.mkdir()
    backups.write_backup(field, usb)
    assert backups.auto_backup(field) is not None and backups.auto_backup(hq) is not None

    # Errors that carry people's data reach the log without it.
    configure(field.folder.logs)
    try:
        raise ValueError(f"could not save {sample[0]['full_name']} {sample[0]['phone']}")
    except ValueError as exc:
        log_bug(exc, field.folder.logs)
    logging.getLogger("strive.test").error("job failed: %s", RuntimeError(sample[1]["full_name"]))
    try:
        with field.engine.begin() as conn:  # an SQL error with a name among its parameters
            conn.exec_driver_sql("INSERT INTO people (id, full_name) VALUES (?, ?)",
                                 ("x", sample[2]["full_name"]))
    except Exception as exc:  # noqa: BLE001 - whatever it is, it is logged
        log_bug(exc, field.folder.logs)
    for h in logging.getLogger().handlers:
        h.flush()

    hq.close()
    field.close()
    for root in (tmp_path / "hq", tmp_path / "field"):
        assert (DataFolder(root).logs).is_dir()
    assert (tmp_path / "field" / "logs" / "strive.log").stat().st_size > 0
    hits = _hits(tmp_path / "hq", needles) + _hits(tmp_path / "field", needles) + _hits(usb, needles)
    assert hits == []
