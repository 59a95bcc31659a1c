"""What the attachments folder shows to whoever lists it (issue 13, the lost laptop): a scan
is kept under the hash of its content, never under its own name (which often names a person
or a training); its own name stays inside the encrypted database and comes back for viewing."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from strive_desktop.services import attachments, certificates, trainings
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.files import is_sealed
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PERSON = "Бурулай Жээнбекова"


def _training(store: Store) -> str:
    return trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Ноокат тренинги", sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))


def _names(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in root.rglob("*")]


def test_a_scan_named_after_a_person_is_stored_under_its_hash(store: Store, tmp_path: Path) -> None:
    src = tmp_path / f"{PERSON} - Ноокат тренинги.pdf"
    src.write_bytes(PDF)
    aid = attachments.add_attachment(store, src, training_id=_training(store))
    digest = hashlib.sha256(PDF).hexdigest()
    assert _names(store.folder.attachments) == [digest[:16], f"{digest[:16]}/{digest}"]
    info = attachments.get_attachment(store, aid)
    assert info.file_name == src.name and info.exists
    # the viewer gets a plain copy (outside the data folder) under the file's own name
    view = attachments.attachment_path(store, aid)
    assert view.name == src.name and view.read_bytes() == PDF
    assert store.folder.root not in view.parents


def test_the_same_scan_on_two_trainings_is_one_file(store: Store, tmp_path: Path) -> None:
    a, b = tmp_path / "day 1.pdf", tmp_path / "day 2.pdf"
    a.write_bytes(PDF)
    b.write_bytes(PDF)
    first = attachments.add_attachment(store, a, training_id=_training(store))
    second = attachments.add_attachment(store, b, training_id=_training(store))
    assert len([p for p in store.folder.attachments.rglob("*") if p.is_file()]) == 1
    assert attachments.read_attachment(store, first) == attachments.read_attachment(store, second) == PDF
    assert attachments.get_attachment(store, second).file_name == "day 2.pdf"


def test_a_scan_an_older_version_stored_under_its_name_is_renamed_when_the_store_opens(
        store: Store, tmp_path: Path) -> None:
    sealed, plain = tmp_path / f"{PERSON}.pdf", tmp_path / "Асанов Бакыт.pdf"
    sealed.write_bytes(PDF)
    plain.write_bytes(PDF + b"% another scan\n")
    tid = _training(store)
    ids = [attachments.add_attachment(store, p, training_id=tid) for p in (sealed, plain)]
    # the layout of an older version: attachments/<hash prefix>/<own name>, one of them not
    # encrypted yet (from before encryption)
    for aid, src in zip(ids, (sealed, plain), strict=True):
        info = attachments.get_attachment(store, aid)
        info.path.replace(info.path.with_name(src.name))
        if src is plain:
            info.path.with_name(src.name).write_bytes(src.read_bytes())
    root, key = store.folder.root, store.key
    store.close()
    again = open_store(root, key=key)
    try:
        names = _names(again.folder.attachments)
        assert not any(PERSON in n or "Асанов" in n for n in names), names
        for aid, src in zip(ids, (sealed, plain), strict=True):
            info = attachments.get_attachment(again, aid)
            assert info.exists and is_sealed(info.path)
            assert attachments.read_attachment(again, aid) == src.read_bytes()
    finally:
        again.close()


def test_a_logo_gets_a_random_name(store: Store, tmp_path: Path) -> None:
    from PIL import Image

    src = tmp_path / f"{PERSON} photo.png"
    Image.new("RGB", (40, 20), (200, 30, 30)).save(src)
    name = certificates.import_logo(store, src)
    assert PERSON not in name and "photo" not in name
    assert _names(store.folder.root / "logos") == [name]
    assert certificates.logo_image(store, name) is not None


def test_a_damaged_file_under_an_old_name_does_not_stop_the_store_from_opening(store: Store) -> None:
    from strive_desktop.storage.files import MAGIC

    odd = store.folder.attachments / "0123456789abcdef" / "Асанов Бакыт.pdf"
    odd.parent.mkdir(parents=True)
    odd.write_bytes(MAGIC + b"\x00" * 64)  # sealed, but not with this folder's key
    root, key = store.folder.root, store.key
    store.close()
    again = open_store(root, key=key)
    again.close()
    assert odd.read_bytes() == MAGIC + b"\x00" * 64  # left as it was, nothing lost
