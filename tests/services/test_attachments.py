"""Attachments: scans and photos copied into the data folder, listed, opened, removed."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from strive_desktop.errors import UserError
from strive_desktop.services import attachments, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def training_id(store) -> str:
    return trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер", sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / "in" / name
    p.parent.mkdir(exist_ok=True)
    p.write_bytes(data)
    return p


def test_a_scan_is_copied_under_its_hash_and_listed(store, training_id, tmp_path):
    src = _file(tmp_path, "Катышуу барагы 1-күн.png", PNG)
    aid = attachments.add_attachment(store, src, training_id=training_id)
    rows = attachments.list_attachments(store, training_id=training_id)
    assert [r.id for r in rows] == [aid]
    digest = hashlib.sha256(PNG).hexdigest()
    copy = store.folder.attachments / digest[:16] / digest  # its own name only in the database
    assert rows[0].path == copy and PNG not in copy.read_bytes()  # encrypted at rest
    assert attachments.read_attachment(store, aid) == PNG
    assert rows[0].size == len(PNG) and rows[0].file_name == "Катышуу барагы 1-күн.png"
    shown = attachments.attachment_path(store, aid)  # a plain copy for the viewer, outside the folder
    assert shown.read_bytes() == PNG and store.folder.root not in shown.parents
    src.unlink()  # the copy does not depend on the original
    assert copy.is_file()


def test_a_pdf_is_accepted(store, training_id, tmp_path):
    aid = attachments.add_attachment(store, _file(tmp_path, "sheet.PDF", PDF), training_id=training_id)
    assert attachments.read_attachment(store, aid) == PDF


def test_too_big_is_refused_with_the_size(store, training_id, tmp_path):
    big = _file(tmp_path, "huge.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (attachments.MAX_BYTES + 1))
    with pytest.raises(UserError) as info:
        attachments.add_attachment(store, big, training_id=training_id)
    assert "20 MB" in str(info.value) and "huge.jpg" in str(info.value)
    assert attachments.list_attachments(store, training_id=training_id) == []
    assert not any(p.is_file() for p in store.folder.attachments.rglob("*"))


@pytest.mark.parametrize("name,data", [
    ("notes.docx", b"PK\x03\x04" + b"\x00" * 50),       # wrong type
    ("photo.jpg", b"MZ\x90\x00 this is a program"),     # image name, not an image inside
    ("scan.pdf", b"just some text\n"),
])


def test_wrong_type_is_refused(store, training_id, tmp_path, name, data):
    with pytest.raises(UserError) as info:
        attachments.add_attachment(store, _file(tmp_path, name, data), training_id=training_id)
    assert "not a photo or a PDF" in str(info.value)
    assert attachments.list_attachments(store, training_id=training_id) == []


def test_missing_and_empty_files_are_explained(store, training_id, tmp_path):
    with pytest.raises(UserError, match="was not found"):
        attachments.add_attachment(store, tmp_path / "nope.png", training_id=training_id)
    with pytest.raises(UserError, match="empty"):
        attachments.add_attachment(store, _file(tmp_path, "e.png", b""), training_id=training_id)


def test_the_same_file_twice_is_refused_but_another_training_may_share_it(store, training_id, tmp_path):
    src = _file(tmp_path, "a.png", PNG)
    attachments.add_attachment(store, src, training_id=training_id)
    with pytest.raises(UserError, match="already attached"):
        attachments.add_attachment(store, src, training_id=training_id)
    other = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "other", "Other", sessions=[trainings.SessionInput(dt.date(2026, 4, 2), 2)]))
    attachments.add_attachment(store, src, training_id=other)
    assert len(attachments.list_attachments(store, training_id=other)) == 1


def test_remove_is_a_tombstone_and_keeps_the_file(store, training_id, tmp_path):
    aid = attachments.add_attachment(store, _file(tmp_path, "a.png", PNG), training_id=training_id)
    path = attachments.get_attachment(store, aid).path
    attachments.remove_attachment(store, aid)
    assert attachments.list_attachments(store, training_id=training_id) == []
    assert path.is_file()
    with pytest.raises(UserError):
        attachments.remove_attachment(store, aid)
    # the same file can be attached again after a removal
    attachments.add_attachment(store, _file(tmp_path, "a.png", PNG), training_id=training_id)


def test_a_file_missing_from_the_folder_is_a_plain_message(store, training_id, tmp_path):
    aid = attachments.add_attachment(store, _file(tmp_path, "a.png", PNG), training_id=training_id)
    attachments.get_attachment(store, aid).path.unlink()
    with pytest.raises(UserError, match="not in this data folder"):
        attachments.attachment_path(store, aid)


def test_unsafe_names_are_cleaned(store, training_id, tmp_path):
    aid = attachments.add_attachment(store, _file(tmp_path, 'a:b?.png', PNG), training_id=training_id)
    info = attachments.get_attachment(store, aid)
    assert info.file_name == "a_b_.png"
    assert info.path.parent.parent == store.folder.attachments
