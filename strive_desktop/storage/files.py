"""Files kept beside the database, encrypted at rest: attachments/ (scans of signed sheets)
and logos/.

Each file is sealed whole with AES-256-GCM under ``Store.subkey("files")`` (derived from the
database key, so the same login opens both): ``MAGIC`` + a 12-byte nonce + ciphertext and tag.
The files are small (attachments at most 20 MB), so they are read and written whole. A file
from before encryption (no ``MAGIC``) is read as it is and sealed in place when the store
opens (:func:`seal_plain_files`).

An attachment is stored under the SHA-256 of its content (:func:`stored_name`), never under the
name it had (a scan named after a person or a training would show that name to whoever lists
the folder); its own name is kept inside the encrypted database. A file that an older version
stored under its own name is renamed when the store opens.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
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
_STORED = re.compile(r"[0-9a-f]{64}")


def stored_name(sha256: str) -> str:
    """The name on disk of an attachment whose content has the SHA-256 *sha256* (hex)."""
    return sha256.lower()


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
            if not is_sealed(path):
                try:
                    write_sealed(path, path.read_bytes(), key)
                except OSError as exc:
                    raise StorageError(N_("The file {name} cannot be read: {reason}"), name=path.name,
                                       reason=os_reason(exc)) from exc
                done += 1
            if sub == "attachments" and not _STORED.fullmatch(path.name):
                _hide_name(path, key)
    return done


def _hide_name(path: Path, key: bytes) -> None:
    """Rename an attachment stored under its own name (older versions) to :func:`stored_name`
    of its content; a second copy of a content already stored so is removed. A file that
    cannot be read or renamed is left as it is (the app still opens; the next start tries
    again), as is one that does not open with this folder's key."""
    try:
        dest = path.with_name(stored_name(hashlib.sha256(read_sealed(path, key)).hexdigest()))
        if dest.exists():
            path.unlink()
        else:
            path.replace(dest)
    except (StorageError, OSError):
        return


_VIEW_DIR: Path | None = None


def viewing_copy(path: Path, key: bytes, name: str | None = None) -> Path:
    """A plain copy of a sealed file for another program to show (the system viewer), named
    *name* (the file's own name, so that the viewer knows its kind), in a private temporary
    folder outside the data folder that :func:`remove_viewing_copies` empties (on close, and
    at the next start)."""
    global _VIEW_DIR
    data = read_sealed(path, key)
    try:
        if _VIEW_DIR is None or not _VIEW_DIR.is_dir():
            _VIEW_DIR = Path(tempfile.mkdtemp(prefix="strive-view-"))
        out = _VIEW_DIR / (Path(name).name if name else path.name)
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
