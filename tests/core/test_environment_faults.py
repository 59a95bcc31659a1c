"""Faults of the machine at start-up (a full disk, a read-only stick, a disk that cannot be
read) get a message that says so, in the user's language, never "your database is damaged"."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from strive_desktop.errors import StorageError
from strive_desktop.i18n import os_reason
from strive_desktop.storage import cipher
from strive_desktop.storage.quick import claim_folder


def fake_ky(context: str, text: str) -> str:
    """Kyrgyz for the phrases checked here, as the GUI's translator would give them."""
    return {"the disk is full": "диск толуп калды",
            "The data folder {path} cannot be created or written: {reason}":
                "{path} маалыматтар папкасын түзүүгө же жазууга болбойт: {reason}"}.get(text, text)


def test_a_full_disk_while_creating_the_folder_says_the_disk_is_full(tmp_path: Path, monkeypatch):
    def full(self, *a, **k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "mkdir", full)
    with pytest.raises(StorageError) as info:
        claim_folder(tmp_path / "new")
    assert info.value.render().endswith("cannot be created or written: the disk is full")
    assert info.value.render(fake_ky).endswith(": диск толуп калды")  # no English left inside


@pytest.mark.parametrize(("errname", "words"), [
    ("SQLITE_IOERR_SHMSIZE", "could not be read"),
    ("SQLITE_CANTOPEN", "could not be read"),
    ("SQLITE_FULL", "The disk is full"),
    ("SQLITE_BUSY", "busy"),
    ("SQLITE_CORRUPT", "Restore it from a backup"),
    ("SQLITE_NOTADB", "is not a STRIVE Desktop database"),
])
def test_the_database_not_readable_at_start_is_told_for_what_it_is(store, monkeypatch, errname, words):
    """A database that SQLite cannot read at start: the cause decides the message; only a
    foreign or corrupt file is called one."""
    folder, key = store.folder.root, store.key
    store.close()
    real = cipher.dbapi.connect

    def failing(*a, **k):  # type: ignore[no-untyped-def]
        exc = cipher.OperationalError("disk I/O error" if "IOERR" in errname else errname.lower())
        exc.sqlite_errorname = errname  # type: ignore[attr-defined]
        raise exc

    monkeypatch.setattr(cipher.dbapi, "connect", failing)
    with pytest.raises(StorageError) as info:
        claim_folder(folder, key=key)
    text = info.value.render()
    assert words in text
    if errname not in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        assert "damaged" not in text and "not a STRIVE Desktop database" not in text
    monkeypatch.setattr(cipher.dbapi, "connect", real)
    claim_folder(folder, key=key).release()  # the lock was let go: the folder opens once the fault is gone


def test_os_reason_keeps_the_system_text_for_other_faults():
    assert os_reason(OSError(errno.EBUSY, "Device or resource busy")) == "Device or resource busy"
    assert os_reason(OSError(errno.EROFS, "Read-only file system")).render() == "the disk or folder is read-only"
