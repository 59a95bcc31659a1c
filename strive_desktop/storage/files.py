"""Files kept beside the database, encrypted at rest: attachments/ (scans of signed sheets)
and logos/.

Each file is sealed whole with AES-256-GCM under ``Store.subkey("files")`` (derived from the
database key, so the same login opens both): ``MAGIC`` + a 12-byte nonce + ciphertext and tag.
The files are small (attachments at most 20 MB), so they are read and written whole. A file
from before encryption (no ``MAGIC``) is read as it is and sealed in place when the store
opens (:func:`seal_plain_files`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ..errors import StorageError
from ..i18n import N_, os_reason

MAGIC = b"STRIVE-SEALED-1\n"
AAD = b"strive-desktop:file"
SEALED_FOLDERS = ("attachments", "logos")


def is_sealed(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def seal(data: bytes, key: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, AAD)


def unseal(blob: bytes, key: bytes, name: str = "") -> bytes:
    """The plain bytes of a sealed file (a file from before encryption is returned as it is)."""
    if not blob.startswith(MAGIC):
        return blob
    body = blob[len(MAGIC):]
    try:
        return AESGCM(key).decrypt(body[:12], body[12:], AAD)
    except InvalidTag:
        raise StorageError(N_("The file {name} is damaged or belongs to another data folder."),
                           name=name) from None


def write_sealed(dest: Path, data: bytes, key: bytes) -> None:
    """Write *data* sealed to *dest* through a temporary file in the same folder (never half a
    file, never a plain copy)."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".part-", dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(seal(data, key))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StorageError(N_("The file could not be copied into the data folder: {reason}"),
                           reason=os_reason(exc)) from exc


def read_sealed(path: Path, key: bytes) -> bytes:
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise StorageError(N_("The file {name} cannot be read: {reason}"), name=path.name,
                           reason=os_reason(exc)) from exc
    return unseal(blob, key, path.name)


def seal_plain_files(root: Path, key: bytes) -> int:
    """Seal in place every file from before encryption under *root*'s attachments/ and logos/
    (and remove unfinished ``.part-`` copies); returns how many were sealed."""
    done = 0
    for sub in SEALED_FOLDERS:
        folder = root / sub
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            if path.name.startswith(".part-"):
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
            if is_sealed(path):
                continue
            try:
                write_sealed(path, path.read_bytes(), key)
            except OSError as exc:
                raise StorageError(N_("The file {name} cannot be read: {reason}"), name=path.name,
                                   reason=os_reason(exc)) from exc
            done += 1
    return done


_VIEW_DIR: Path | None = None


def viewing_copy(path: Path, key: bytes) -> Path:
    """A plain copy of a sealed file for another program to show (the system viewer), in a
    private temporary folder outside the data folder that :func:`remove_viewing_copies`
    empties (on close, and at the next start)."""
    global _VIEW_DIR
    data = read_sealed(path, key)
    try:
        if _VIEW_DIR is None or not _VIEW_DIR.is_dir():
            _VIEW_DIR = Path(tempfile.mkdtemp(prefix="strive-view-"))
        out = _VIEW_DIR / path.name
        out.write_bytes(data)
    except OSError as exc:
        raise StorageError(N_("The file {name} cannot be read: {reason}"), name=path.name,
                           reason=os_reason(exc)) from exc
    return out


def remove_viewing_copies(*, older_than_hours: float = 12.0) -> None:
    """Delete this run's plain copies made for viewing, and those an earlier run left behind
    (older than *older_than_hours*: another copy of the app may be showing its own now)."""
    global _VIEW_DIR
    import shutil
    import time

    if _VIEW_DIR is not None:
        shutil.rmtree(_VIEW_DIR, ignore_errors=True)
        _VIEW_DIR = None
    limit = time.time() - older_than_hours * 3600
    with contextlib.suppress(OSError):
        for old in Path(tempfile.gettempdir()).glob("strive-view-*"):
            with contextlib.suppress(OSError):
                if old.stat().st_mtime < limit:
                    shutil.rmtree(old, ignore_errors=True)
