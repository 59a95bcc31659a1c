"""Photos and scans of signed paper sheets, kept in the data folder's attachments/.

A file is copied to ``attachments/<first 16 hex digits of its SHA-256>/<its whole SHA-256>``,
encrypted (sealed with ``Store.subkey("files")``, :mod:`storage.files`): its own name, which may
hold a person's or a training's name, is only in the ``Attachment`` row that records it (it travels with sync like any record; the file itself stays in
the folder). Removing an attachment is a tombstone: the row is marked deleted and the copy is
kept, so nothing is lost by a wrong click.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..errors import NotFound, UserError
from ..i18n import N_, os_reason
from ..storage.db import Store
from ..storage.files import is_sealed, read_sealed, stored_name, viewing_copy, write_sealed
from ..storage.models import Attachment, LocalPlan, Training, new_id

MAX_BYTES = 20 * 1024 * 1024
PREFIX_LEN = 16
NAME_MAX = 120

# Extension -> a description of what the file must start with.
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp")
PDF_EXTENSIONS = (".pdf",)
ALLOWED_EXTENSIONS = IMAGE_EXTENSIONS + PDF_EXTENSIONS


def file_kind(head: bytes) -> str | None:
    """Return "pdf", "image" or None, judged by the first bytes of a file (not by its name)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if (head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n")
            or head[:6] in (b"GIF87a", b"GIF89a") or head.startswith(b"BM")
            or head[:4] in (b"II*\x00", b"MM\x00*")
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")):
        return "image"
    return None


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    training_id: str | None
    plan_id: str | None
    file_name: str
    sha256: str
    size: int
    description: str
    added_at: dt.datetime
    path: Path

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def _safe_name(name: str) -> str:
    """The file's own name without folders or characters Windows refuses; never empty."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r'[<>:"|?*\x00-\x1f]', "_", base).strip(" .")
    if len(base) > NAME_MAX:
        stem, ext = os.path.splitext(base)
        base = stem[:NAME_MAX - len(ext)] + ext
    return base or "attachment"


def stored_path(store: Store, sha256: str) -> Path:
    """Where the sealed copy of a file with the content hash *sha256* is kept (its own name
    is not part of it: :func:`storage.files.stored_name`)."""
    return store.folder.attachments / sha256[:PREFIX_LEN] / stored_name(sha256)


def _check_file(source: Path) -> tuple[int, str]:
    """Size and kind of *source*, or a UserError saying why it cannot be attached."""
    try:
        size = source.stat().st_size
        if not source.is_file():
            raise UserError(N_("{name} is not a file."), name=source.name)
        with source.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError as exc:
        raise UserError(N_("The file {name} was not found."), name=source.name) from exc
    except OSError as exc:
        raise UserError(N_("The file {name} cannot be read: {reason}"), name=source.name,
                        reason=os_reason(exc)) from exc
    if size > MAX_BYTES:
        raise UserError(N_("{name} is {size} MB; attachments can be at most 20 MB. Scan at a lower "
                           "resolution or save the photo smaller."),
                        name=source.name, size=f"{size / 1024 / 1024:.1f}")
    if size == 0:
        raise UserError(N_("The file {name} is empty."), name=source.name)
    kind = file_kind(head)
    if source.suffix.lower() not in ALLOWED_EXTENSIONS or kind is None:
        raise UserError(N_("{name} is not a photo or a PDF. Attach a scan or photo of the sheet "
                           "(JPEG, PNG, TIFF) or a PDF."), name=source.name)
    return size, kind


def _hash(source: Path) -> str:
    h = hashlib.sha256()
    with source.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _copy(store: Store, source: Path, dest: Path) -> None:
    """Copy *source* sealed (encrypted) through a temporary file in the same folder, so neither
    a half-written nor a plain copy ever appears in the data folder."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UserError(N_("The file {name} cannot be read: {reason}"), name=source.name,
                        reason=os_reason(exc)) from exc
    write_sealed(dest, data, store.subkey("files"))


def add_attachment(store: Store, source: Path | str, *, training_id: str | None = None,
                   plan_id: str | None = None, description: str = "") -> str:
    """Copy *source* (an image or a PDF up to 20 MB) into attachments/ and record it.

    Returns the attachment id. The same file attached twice to the same record is refused.
    """
    source = Path(source)
    if (training_id is None) == (plan_id is None):
        raise ValueError("attach to exactly one of a training or a plan")
    size, _kind = _check_file(source)
    try:
        digest = _hash(source)
    except OSError as exc:
        raise UserError(N_("The file {name} cannot be read: {reason}"), name=source.name,
                        reason=os_reason(exc)) from exc
    name = _safe_name(source.name)
    with store.read() as s:
        parent = s.get(Training, training_id) if training_id else s.get(LocalPlan, plan_id)
        if parent is None or parent.deleted:
            raise NotFound(N_("The training was not found; it may have been deleted.") if training_id
                           else N_("The plan was not found; it may have been deleted."))
        q = select(Attachment.file_name).where(Attachment.sha256 == digest, Attachment.deleted.is_(False))
        q = q.where(Attachment.training_id == training_id) if training_id else \
            q.where(Attachment.plan_id == plan_id)
        same = s.scalar(q)
    if same is not None:
        raise UserError(N_("This file is already attached (as {name})."), name=same)
    dest = stored_path(store, digest)
    if not (dest.is_file() and is_sealed(dest)):
        _copy(store, source, dest)
    with store.uow() as s:
        a = Attachment(id=new_id(), training_id=training_id, plan_id=plan_id, file_name=name,
                       sha256=digest, size=size, description=description.strip())
        s.add(a)
        return a.id


def _info(store: Store, a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(a.id, a.training_id, a.plan_id, a.file_name, a.sha256, a.size, a.description,
                          a.created_at, stored_path(store, a.sha256))


def list_attachments(store: Store, *, training_id: str | None = None,
                     plan_id: str | None = None) -> list[AttachmentInfo]:
    """The attachments of one training or plan, oldest first."""
    with store.read() as s:
        q = select(Attachment).where(Attachment.deleted.is_(False))
        if training_id:
            q = q.where(Attachment.training_id == training_id)
        if plan_id:
            q = q.where(Attachment.plan_id == plan_id)
        return [_info(store, a) for a in s.scalars(q.order_by(Attachment.created_at, Attachment.file_name))]


def get_attachment(store: Store, attachment_id: str) -> AttachmentInfo:
    with store.read() as s:
        a = s.get(Attachment, attachment_id)
        if a is None or a.deleted:
            raise NotFound(N_("The record was not found; it may have been deleted."))
        return _info(store, a)


def _existing(store: Store, attachment_id: str) -> AttachmentInfo:
    info = get_attachment(store, attachment_id)
    if not info.exists:
        raise UserError(N_("The file {name} is not in this data folder's attachments (it may have been "
                           "attached at another office)."), name=info.file_name)
    return info


def read_attachment(store: Store, attachment_id: str) -> bytes:
    """The attached file's content (decrypted); a UserError if the file is missing."""
    return read_sealed(_existing(store, attachment_id).path, store.subkey("files"))


def attachment_path(store: Store, attachment_id: str) -> Path:
    """A plain copy of the attachment for the system's viewer to open (outside the data folder,
    removed when the app closes: :func:`storage.files.viewing_copy`); a UserError if the file
    is missing (e.g. attached at another office)."""
    info = _existing(store, attachment_id)
    return viewing_copy(info.path, store.subkey("files"), info.file_name)


def remove_attachment(store: Store, attachment_id: str) -> None:
    """Tombstone the record; the copied file stays in attachments/."""
    with store.uow() as s:
        a = s.get(Attachment, attachment_id)
        if a is None or a.deleted:
            raise NotFound(N_("The record was not found; it may have been deleted."))
        a.deleted = True
