"""An office whose every password is forgotten opens again with headquarters' recovery file
(docs/recovery.md): the file and the code read out on the phone give the database key; the
key must open this data folder's database and the database must be the installation the file
was written for; then an administrator account gets a new password (a new key slot) and the
audit log records the recovery. Nothing else changes: every record is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..domain.roles import Role, admin_role
from ..errors import StorageError, UserError, ValidationError
from ..i18n import N_, Message, os_reason
from ..storage import cipher
from ..storage.claim import claim_folder
from ..storage.datafolder import DataFolder
from ..storage.db import open_store
from ..storage.models import Account, AuditEntry, Installation, utcnow
from ..storage.recovery import RecoveryRefused, open_recovery_file, read_recovery_file
from ..storage.vault import Vault, same_name


@dataclass(frozen=True)
class Recovered:
    """The outcome: the administrator who may now log in, and the database key to open with."""

    account: str
    role: Role
    installation: str
    key: bytes


def _installation_of(folder: DataFolder, key: bytes) -> tuple[str, str, list[str]] | None:
    """(id, name, account names) of the installation in the folder's database, if *key* opens it."""
    try:
        con = cipher.connect(folder.db_path, key, readonly=True)
    except (StorageError, cipher.Error):
        return None
    try:
        row = con.execute("SELECT id, name FROM installation").fetchone()
        names = [str(r[0]) for r in con.execute("SELECT name FROM accounts")]
    except cipher.Error:
        return None
    finally:
        con.close()
    return (str(row[0]), str(row[1]), names) if row else None


def recover(data_dir: Path, file: Path, code: str, user: str, password: str, repeat: str, *,
            lock: bool = True) -> Recovered:
    """Open the data folder at *data_dir* with the recovery *file* and *code*, and give the
    administrator *user* (made if missing, made an active administrator otherwise) the new
    *password*. ``lock=False`` when the caller holds the folder's lock already (the GUI)."""
    folder = DataFolder(Path(data_dir))
    errors: dict[str, Message] = {}
    if not user.strip():
        errors["user"] = Message(N_("Enter a name."))
    if password != repeat:
        errors["repeat"] = Message(N_("The two passwords are not the same."))
    if errors:
        raise ValidationError(errors)
    try:
        raw = Path(file).read_bytes()
    except OSError as exc:
        raise UserError(N_("The file {path} cannot be read: {reason}"), path=str(file),
                        reason=os_reason(exc)) from exc
    rf = read_recovery_file(raw)
    if not folder.db_path.is_file():
        raise UserError(N_("No STRIVE data folder at {path}. Check --data-dir, or set the folder up "
                           "first ('init' or the app)."), path=str(folder.root))
    key = open_recovery_file(rf, code)
    claim = claim_folder(folder.root, lock=lock)  # a running app on this folder: refused before any change
    try:
        found = _installation_of(folder, key)
        if found is None or found[0] != rf.installation_id:
            raise RecoveryRefused(N_("This recovery file was written for another installation ({name}); it "
                                     "does not open this data folder."), name=rf.name or rf.installation_id)
        vault = Vault(folder)
        user = next((n for n in [*found[2], *vault.users()] if same_name(n, user)), user.strip())
        vault.add_slot(key, user, password)  # checks the name and the password's length
        store = open_store(folder.root, key=key, account=user, claim=claim)
    except BaseException:
        claim.release()
        raise
    try:
        with store.uow() as s:
            inst = s.scalar(select(Installation))
            role = admin_role(bool(inst and inst.is_hq))
            account = next((a for a in s.scalars(select(Account)) if same_name(a.name, user)), None)
            if account is None:
                account = Account(name=user.strip(), role=role.value, active=True, created=utcnow())
                s.add(account)
            else:
                account.role, account.active = role.value, True
            s.flush()
            s.add(AuditEntry(at=utcnow(), installation_id=found[0], user_name=account.name,
                             action="recovery", entity="accounts", entity_id=found[0], counter=0,
                             changes={"account": account.name, "role": role.value,
                                      "file_written": rf.doc.get("created_at", ""),
                                      "file_expires": rf.expires_at.isoformat()}))
            name = account.name
    finally:
        store.close()
    return Recovered(name, role, found[1], key)

