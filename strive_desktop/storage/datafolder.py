"""The data folder: database, backups/, logs/, outbox/, attachments/.

By default the platform's user data folder (platformdirs); ``--data-dir`` points anywhere,
e.g. a USB stick (portable mode).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import StorageError
from ..i18n import N_, os_reason

DB_NAME = "strive.sqlite3"
SUBDIRS = ("backups", "logs", "outbox", "attachments", "inbox")


def default_data_dir() -> Path:
    env = os.environ.get("STRIVE_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("STRIVE Desktop", "STRIVE", roaming=False))


@dataclass(frozen=True)
class DataFolder:
    root: Path

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def outbox(self) -> Path:
        return self.root / "outbox"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def lock_path(self) -> Path:
        return self.root / ".strive.lock"

    def ensure(self) -> DataFolder:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            for sub in SUBDIRS:
                (self.root / sub).mkdir(exist_ok=True)
        except OSError as exc:
            raise StorageError(
                N_("The data folder {path} cannot be created or written: {reason}"),
                path=str(self.root),
                reason=os_reason(exc),
            ) from exc
        if not self.root.is_dir():
            raise StorageError(N_("{path} is not a folder."), path=str(self.root))
        return self
