"""Sync status: per installation the last package received and any gap in its change counters;
the outbox (sent, copied to the delivery folder, receipted); the delivery folder."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..i18n import N_, Message
from ..storage.db import Store
from ..storage.models import Community
from ..storage.sync_models import SyncPackage, SyncPeer

DELIVERY_KEY = "sync.delivery_folder"


@dataclass(frozen=True)
class PeerStatus:
    installation_id: str
    name: str
    community: str
    fingerprint: str
    status: str  # accepted / waiting
    is_hq: bool
    packages: int
    last_counter: int
    last_received: str
    gaps: tuple[tuple[int, int], ...]
    waiting_packages: int

    def gap_texts(self) -> list[Message]:
        """Each gap in words the reader's language renders (the Sync page, CLI ``sync-status``)."""
        return [Message(N_("changes {first}-{last} from {name} are missing"), first=a, last=b, name=self.name)
                if b > a else Message(N_("change {first} from {name} is missing"), first=a, name=self.name)
                for a, b in self.gaps]


@dataclass(frozen=True)
class OutboxItem:
    package_id: str
    file_name: str
    recipient: str
    first: int
    last: int
    created_at: str
    copied: bool
    delivered: bool


def gaps_of(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Missing counter intervals between 1 and the highest counter received."""
    out = []
    nxt = 1
    for a, b in sorted(ranges):
        if a > nxt:
            out.append((nxt, a - 1))
        nxt = max(nxt, b + 1)
    return tuple(out)


def _local(t: dt.datetime | None, lang: str) -> str:
    """A stored UTC time as local time for display, in *lang*: 05.12.2026 14:07."""
    if t is None:
        return ""
    from ..formatting import fmt_datetime

    return fmt_datetime(t.replace(tzinfo=dt.UTC).astimezone(), lang)


def peer_status(store: Store, lang: str = "en") -> list[PeerStatus]:
    with store.read() as s:
        comm = {c.id: {"ky": c.name_ky, "ru": c.name_ru}.get(lang, c.name_en) for c in s.scalars(select(Community))}
        out = []
        for p in s.scalars(select(SyncPeer).order_by(SyncPeer.is_hq.desc(), SyncPeer.name)):
            pk = list(s.scalars(select(SyncPackage).where(SyncPackage.direction == "in",
                                                          SyncPackage.peer_id == p.installation_id)))
            changes = [x for x in pk if x.kind in ("changes", "")]
            ranges = [(x.first, x.last) for x in changes if x.last >= x.first >= 1]
            last = max(pk, key=lambda x: (x.done_at or x.created_at), default=None)
            out.append(PeerStatus(
                p.installation_id, p.name, comm.get(p.community_id or "", "headquarters" if p.is_hq else ""),
                p.fingerprint, p.status, p.is_hq, len(pk), max((b for _, b in ranges), default=0),
                _local(last.done_at or last.created_at, lang) if last else "",
                gaps_of(ranges) if not p.is_hq else (),
                sum(1 for x in pk if x.status == "waiting")))
        return out


def outbox(store: Store, lang: str = "en") -> list[OutboxItem]:
    with store.read() as s:
        names = {p.installation_id: p.name for p in s.scalars(select(SyncPeer))}
        rows = s.scalars(select(SyncPackage).where(SyncPackage.direction == "out")
                         .order_by(SyncPackage.created_at.desc()))
        return [OutboxItem(r.id, r.file_name, names.get(r.peer_id, r.peer_id[:8]), r.first, r.last,
                           _local(r.created_at, lang), r.copied, r.delivered) for r in rows]


@dataclass(frozen=True)
class DeliveryState:
    folder: str
    reachable: bool
    copied_now: int
    waiting: int
    checked_at: str


def copy_to_delivery(store: Store, folder: str | None = None, lang: str = "en") -> DeliveryState:
    """Copy every outbox package not yet copied into the delivery folder, if it is reachable."""
    from ..services.installation import get_setting

    folder = folder if folder is not None else get_setting(store, DELIVERY_KEY, "")
    from ..formatting import fmt_time

    now = fmt_time(dt.datetime.now(), lang)  # local time, shown to the user in *lang*
    with store.read() as s:
        pending = [(r.id, r.file_name) for r in s.scalars(
            select(SyncPackage).where(SyncPackage.direction == "out", SyncPackage.copied.is_(False)))]
    if not folder:
        return DeliveryState("", False, 0, len(pending), now)
    dest = Path(folder)
    if not dest.is_dir():
        return DeliveryState(folder, False, 0, len(pending), now)
    done = []
    for pid, name in pending:
        src = store.folder.outbox / name
        if not src.exists():
            continue
        try:
            tmp = dest / (name + ".part")
            shutil.copyfile(src, tmp)
            tmp.replace(dest / name)
            done.append(pid)
        except OSError:
            return _mark(store, done, DeliveryState(folder, False, len(done), len(pending) - len(done), now))
    return _mark(store, done, DeliveryState(folder, True, len(done), len(pending) - len(done), now))


def _mark(store: Store, ids: list[str], state: DeliveryState) -> DeliveryState:
    if ids:
        with store.uow() as s:
            for pid in ids:
                row = s.get(SyncPackage, pid)
                if row is not None:
                    row.copied = True
    return state


@dataclass(frozen=True)
class HqInbox:
    """What headquarters' status bar says instead of "changes not yet exported" (it exports no
    changes of its own in that sense: it writes return packages per community)."""

    received: int  # packages received from offices
    waiting: int  # of which still waiting until their installation is accepted
    last_received: dt.datetime | None  # UTC


def hq_inbox(store: Store) -> HqInbox:
    with store.read() as s:
        rows = list(s.execute(select(SyncPackage.status, SyncPackage.created_at)
                              .where(SyncPackage.direction == "in")))
    return HqInbox(received=len(rows), waiting=sum(1 for st, _t in rows if st == "waiting"),
                   last_received=max((t for _s, t in rows if t is not None), default=None))


def pending_count(store: Store) -> int:
    with store.read() as s:
        return len(list(s.scalars(select(SyncPackage.id).where(SyncPackage.direction == "out",
                                                               SyncPackage.delivered.is_(False)))))


@dataclass(frozen=True)
class AsideItem:
    table: str
    record_id: str
    reason: str
    package_file: str
    at: str


def set_aside(store: Store, limit: int = 500, lang: str = "en") -> list[AsideItem]:
    """Records that were not applied because they are invalid, newest first."""
    from ..storage.sync_models import SyncSetAside

    with store.read() as s:
        files = {p.id: p.file_name for p in s.scalars(select(SyncPackage).where(SyncPackage.direction == "in"))}
        rows = s.scalars(select(SyncSetAside).order_by(SyncSetAside.at.desc(), SyncSetAside.id.desc()).limit(limit))
        return [AsideItem(r.tbl, r.rid, r.reason, files.get(r.package_id, r.package_id[:8]), _local(r.at, lang))
                for r in rows]


def waiting_for_parents(store: Store) -> int:
    from sqlalchemy import func

    from ..storage.sync_models import SyncPending

    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(SyncPending)) or 0)
