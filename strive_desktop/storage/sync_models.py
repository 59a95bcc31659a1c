"""Local-only sync bookkeeping (never travels as records).

keys: this installation's private keys; peers: other installations (accepted or waiting);
packages: packages sent and received; record_meta: per-record version vector and per-field
write stamps (the merge state); conflicts, pending (waiting for a parent) and set-aside records.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow


class SyncKey(Base):
    __tablename__ = "sync_keys"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)  # "sign" / "box"
    private: Mapped[bytes] = mapped_column(LargeBinary)
    public: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncPeer(Base):
    __tablename__ = "sync_peers"
    installation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    community_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    is_hq: Mapped[bool] = mapped_column(Boolean, default=False)
    sign_pub: Mapped[bytes] = mapped_column(LargeBinary)
    box_pub: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="waiting")  # waiting / accepted
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_sent_seq: Mapped[int] = mapped_column(Integer, default=0)


class SyncPackage(Base):
    __tablename__ = "sync_packages"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(4))  # in / out
    peer_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="changes")
    first: Mapped[int] = mapped_column(Integer, default=0)
    last: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="")  # out: sent/delivered; in: applied/waiting
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    delivered: Mapped[bool] = mapped_column(Boolean, default=False)
    copied: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[str] = mapped_column(Text, default="")


class SyncRecordMeta(Base):
    __tablename__ = "sync_record_meta"
    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    rid: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0, index=True)
    own: Mapped[int] = mapped_column(Integer, default=0, index=True)
    data: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(40))
    rid: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20), default="edit")  # edit / delete
    winner_stamp: Mapped[str] = mapped_column(String(60))
    winner_value: Mapped[str] = mapped_column(Text, default="")
    loser_stamp: Mapped[str] = mapped_column(String(60))
    loser_value: Mapped[str] = mapped_column(Text, default="")
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open / resolved / reversed


Index("uq_sync_conflict", SyncConflict.tbl, SyncConflict.rid, SyncConflict.field,
      SyncConflict.loser_stamp, unique=True)


class SyncPending(Base):
    __tablename__ = "sync_pending"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(40))
    rid: Mapped[str] = mapped_column(String(36))
    digest: Mapped[str] = mapped_column(String(64))
    missing: Mapped[str] = mapped_column(String(120), default="")
    package_id: Mapped[str] = mapped_column(String(36), default="")
    data: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


Index("uq_sync_pending", SyncPending.tbl, SyncPending.rid, SyncPending.digest, unique=True)


class SyncSetAside(Base):
    __tablename__ = "sync_set_aside"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(40))
    rid: Mapped[str] = mapped_column(String(36))
    digest: Mapped[str] = mapped_column(String(64))
    package_id: Mapped[str] = mapped_column(String(36), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


Index("uq_sync_set_aside", SyncSetAside.tbl, SyncSetAside.rid, SyncSetAside.digest, unique=True)


class SyncInvitation(Base):
    """An invitation headquarters wrote for a field office (sync/enrol.py): single use, expires."""

    __tablename__ = "sync_invitations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    community_id: Mapped[str] = mapped_column(String(36))
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    used_by: Mapped[str] = mapped_column(String(36), default="")  # the installation that enrolled with it


class SyncEscrow(Base):
    """Headquarters' copy of a field office's database key, still sealed to headquarters' box
    key (storage/recovery.py): the newest one each office sent, for a recovery file."""

    __tablename__ = "sync_escrows"
    installation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sealed: Mapped[str] = mapped_column(Text)  # the escrow document (JSON), never opened here
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime)  # the package's creation time
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
