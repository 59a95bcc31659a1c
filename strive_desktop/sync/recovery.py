"""Recovery through headquarters (docs/recovery.md; the cryptography in storage/recovery.py).

A field office puts its database key, sealed to headquarters' public box key, into every
package it sends (:func:`escrow_entry`); headquarters keeps the newest one per installation,
still sealed (:func:`keep_escrow`). When an office has forgotten every password, a
headquarters administrator writes a recovery file for it (:func:`write_recovery_file`): the
key wrapped under a one-time code that is shown once and read out on the phone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..domain.roles import Permission
from ..errors import UserError
from ..i18n import N_, os_reason
from ..services.accounts import require
from ..storage.db import Store
from ..storage.models import utcnow
from ..storage.recovery import (
    DEFAULT_DAYS,
    ESCROW_ENTRY,
    MAX_DAYS,
    RecoveryRefused,
    check_escrow,
    make_recovery_file,
    open_escrow,
    seal_escrow,
)
from ..storage.sync_models import SyncEscrow, SyncPeer
from .keys import Identity, load_identity
from .merge import table_of


def escrow_entry(store: Store, me: Identity, hq_box_pub: bytes) -> dict[str, bytes]:
    """The package entry with this office's database key sealed to headquarters."""
    doc = seal_escrow(store.key, me.installation_id, hq_box_pub)
    return {ESCROW_ENTRY: json.dumps(doc).encode("utf-8")}


def keep_escrow(conn: Connection, sender_id: str, entries: dict[str, bytes], sent_at: str) -> None:
    """Headquarters keeps the escrow of an applied package of *sender_id* (the newest wins; a
    malformed one is ignored: it is only needed for a recovery)."""
    raw = entries.get(ESCROW_ENTRY)
    if raw is None:
        return
    try:
        doc = check_escrow(json.loads(raw.decode("utf-8")), sender_id)
        sent = dt.datetime.fromisoformat(sent_at).replace(tzinfo=None)
    except (ValueError, UnicodeDecodeError, TypeError):
        return
    if doc is None:
        return
    t = table_of(SyncEscrow)
    old = conn.execute(select(t.c.sent_at).where(t.c.installation_id == sender_id)).scalar()
    values = {"sealed": json.dumps(doc), "sent_at": sent, "received_at": utcnow()}
    if old is None:
        conn.execute(t.insert().values(installation_id=sender_id, **values))
    elif sent >= old:
        conn.execute(t.update().where(t.c.installation_id == sender_id).values(**values))


@dataclass(frozen=True)
class RecoveryFileResult:
    path: Path
    code: str  # shown once, stored nowhere
    installation_id: str
    name: str
    expires_at: dt.datetime


def find_installation(store: Store, installation: str) -> SyncPeer:
    """A field installation known here, by id, id prefix or name."""
    key = installation.strip().casefold()
    with store.read() as s:
        peers = list(s.scalars(select(SyncPeer).where(SyncPeer.is_hq.is_(False))))
        s.expunge_all()
    exact = [p for p in peers if key and (p.installation_id.casefold() == key or p.name.casefold() == key)]
    match = exact or [p for p in peers if key and p.installation_id.casefold().startswith(key)]
    if not match:
        raise UserError(N_("No installation called {name} has sent a package yet."), name=installation)
    if len(match) > 1:
        raise UserError(N_("More than one installation matches {name}; use its id."), name=installation)
    return match[0]


def has_escrow(store: Store, installation_id: str) -> bool:
    with store.read() as s:
        return s.get(SyncEscrow, installation_id) is not None


def write_recovery_file(store: Store, installation: str, out: Path,
                        days: int = DEFAULT_DAYS) -> RecoveryFileResult:
    """Headquarters writes the recovery file of a field installation to *out* (a file, or a
    folder for the default name); the returned code is shown once to be read out on the phone."""
    require(store, Permission.MANAGE_KEYS)
    me = load_identity(store)
    if not me.is_hq:
        raise UserError(N_("Only headquarters writes recovery files."))
    if not 1 <= days <= MAX_DAYS:
        raise UserError(N_("A recovery file is valid for 1 to {n} days."), n=MAX_DAYS)
    peer = find_installation(store, installation)
    if peer.status != "accepted":
        raise UserError(N_("Accept the installation {name} first."), name=peer.name)
    with store.read() as s:
        row = s.get(SyncEscrow, peer.installation_id)
        sealed = None if row is None else row.sealed
    if sealed is None:
        raise UserError(N_("{name} has not sent a recovery copy of its key yet: it is in every package "
                           "from this version on."), name=peer.name)
    doc: dict[str, Any] = json.loads(sealed)
    key = open_escrow(doc, me.box_key, peer.installation_id)
    content, code = make_recovery_file(key, peer.installation_id, peer.name, days)
    out = Path(out)
    if out.is_dir():
        out = out / f"strive-recovery-{peer.installation_id[:8]}.striverecovery"
    _write(out, json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8"))
    return RecoveryFileResult(out, code, peer.installation_id, peer.name,
                              dt.datetime.fromisoformat(content["expires_at"]))


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UserError(N_("The recovery file could not be written to {path}: {reason}"), path=str(path),
                        reason=os_reason(exc)) from exc


__all__ = ["RecoveryFileResult", "RecoveryRefused", "escrow_entry", "find_installation", "has_escrow",
           "keep_escrow", "write_recovery_file"]
