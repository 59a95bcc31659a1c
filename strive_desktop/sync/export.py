"""Export: the changes since the last package (or everything, or a range) as a sealed package.

A field installation exports its own changes (its change counters A-B) to headquarters.
Headquarters exports, per accepted field installation, what changed at headquarters in that
installation's community plus shared reference data, with receipts for the packages received.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from .. import __version__
from ..errors import UserError
from ..i18n import N_
from ..services.certificates import revoked_serials
from ..storage.db import Store
from ..storage.dialect import in_ids, is_postgres
from ..storage.models import AuditEntry, Community, Installation, Setting, utcnow
from ..storage.schema import HEAD
from ..storage.sync_models import SyncPackage, SyncPeer
from . import FORMAT_VERSION, settings_doc
from .keys import Identity, b64, load_identity
from .merge import ORDER, capture, current_seq, table_of
from .package import build_zip, seal, write_file
from .recovery import escrow_entry
from .scope import DELIVERY_EXTRA_SQL, SCOPE_SQL, SHARED_TABLES
from .trust import ENTRY as TRUST_ENTRY
from .trust import build_list as build_trust_list
from .trust import digest as trust_digest
from .trust import sign_list as sign_trust_list

LAST_EXPORTED = "sync.last_exported_counter"
TRUST_SENT = "sync.trust_sent."  # + peer id: digest of the last trust list sent to it


class NothingToSend(UserError):
    """A field office's export found no change since its last package (``export`` returns no
    package for it, as headquarters does when no office has anything waiting)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    copies: tuple[Path, ...]
    recipient: str
    first: int
    last: int
    counts: dict[str, int]

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def _setting(conn: Connection, key: str, default: str = "") -> str:
    t = table_of(Setting)
    v = conn.execute(select(t.c.value).where(t.c.key == key)).scalar()
    return default if v is None else v


def _set_setting(conn: Connection, key: str, value: str) -> None:
    from sqlalchemy.dialects.sqlite import insert

    t = table_of(Setting)
    conn.execute(insert(t).values(key=key, value=value).on_conflict_do_update(
        index_elements=[t.c.key], set_={"value": value}))


def _community_code(conn: Connection, cid: str | None) -> str:
    if not cid:
        return "hq"
    code = conn.execute(select(Community.code).where(Community.id == cid)).scalar()
    return (code or "field").lower()


def parse_range(text_: str) -> tuple[int, int]:
    try:
        a, b = (int(x) for x in text_.split("-", 1))
    except ValueError:
        raise UserError(N_("A range is two change numbers like 51-70, not {value}."), value=text_) from None
    if a < 1 or b < a:
        raise UserError(N_("A range is two change numbers like 51-70, not {value}."), value=text_)
    return a, b


def _records(conn: Connection, where: str, params: dict[str, Any], scope: str | None = None,
             authored_by: str | None = None, shared: bool = True,
             deliver: bool = False) -> dict[str, list[bytes]]:
    """Record lines of the merge states selected by *where* (and *scope*, a community; with
    *shared*, also the shared reference data; with *deliver*, also the records of other
    communities that the community's records point to, scope.DELIVERY_EXTRA_SQL). With
    *authored_by*, states made only of that installation's own writes are left out: it has them."""
    out: dict[str, list[bytes]] = {}
    picked: dict[str, list[tuple[str, str]]] = {}
    own_only = {authored_by, ""} if authored_by else None
    for tbl in ORDER:
        if scope is None:
            q = f"SELECT rid, data FROM sync_record_meta m WHERE m.tbl = :tbl AND {where}"
        else:
            if tbl in SHARED_TABLES and not shared:
                continue
            sc = SCOPE_SQL[tbl]
            cond = "1=1" if tbl in SHARED_TABLES else "sc.cid = :community"
            if deliver and tbl in DELIVERY_EXTRA_SQL:
                cond = f"({cond} OR m.rid IN ({DELIVERY_EXTRA_SQL[tbl]}))"
            q = (f"SELECT m.rid, m.data FROM sync_record_meta m JOIN ({sc}) AS sc ON sc.id = m.rid "
                 f"WHERE m.tbl = :tbl AND {where} AND {cond}")
        # (rid, data) rows, kept as SQLAlchemy returns them (100,000 of them in a full export)
        rows = cast(list[tuple[str, str]], conn.execute(text(q), {"tbl": tbl, "community": scope, **params}).all())
        if own_only is not None:
            rows = [(rid, data) for rid, data in rows if not set(json.loads(data)["vv"]) <= own_only]
        if rows:
            picked[tbl] = rows
    if deliver and scope:
        chosen = {tbl: {rid for rid, _data in rows} for tbl, rows in picked.items()}
        for tbl in REFERENCED:
            more = _referenced(conn, tbl, chosen, scope, own_only)
            if more:
                picked[tbl] = picked.get(tbl, []) + more
    for tbl in ORDER:
        if tbl in picked:
            out[tbl] = [b'{"id":' + json.dumps(rid).encode() + b"," + data[1:].encode("utf-8")
                        for rid, data in sorted(picked[tbl])]
    return out


# The parents a community's records may name from another community: (child table, column).
REFERENCED: dict[str, tuple[tuple[str, str], ...]] = {
    "advisory_groups": (("memberships", "group_id"),),
    "people": (("memberships", "person_id"), ("attendance", "person_id"), ("certificates", "person_id")),
}


def _referenced(conn: Connection, tbl: str, chosen: dict[str, set[str]], community: str,
                own_only: set[str] | None) -> list[tuple[str, str]]:
    """Merge states of *tbl* records of another community that the records already chosen for
    *community*'s package point to, however old: e.g. the survivor of a merge made at
    headquarters, entered by another office, whom this office's memberships now name."""
    rows: list[tuple[str, str]] = []
    children = {(child, col): sorted(chosen.get(child, ())) for child, col in REFERENCED[tbl]}
    wanted: set[str] = set()
    for (child, col), ids in children.items():
        for part in _id_parts(conn, ids):
            cond, params = in_ids(conn, "c.id", part)
            q = (f"SELECT DISTINCT c.{col} FROM {child} c JOIN ({SCOPE_SQL[tbl]}) AS sc ON sc.id = c.{col} "  # noqa: S608
                 f"WHERE sc.cid IS NOT ? AND {cond}")
            wanted.update(r[0] for r in conn.exec_driver_sql(q, (community, *params)))
    wanted -= chosen.get(tbl, set())
    for part in _id_parts(conn, sorted(wanted)):
        cond, params = in_ids(conn, "rid", part)
        got = conn.exec_driver_sql(f"SELECT rid, data FROM sync_record_meta WHERE tbl = ? AND {cond}",  # noqa: S608
                                   (tbl, *params)).all()
        rows += [(rid, data) for rid, data in got
                 if own_only is None or not set(json.loads(data)["vv"]) <= own_only]
    return rows


#: ids per statement on SQLite (one parameter each, under its limit of bound parameters)
SQLITE_IDS = 500


def _id_parts(conn: Connection, ids: list[str]) -> list[list[str]]:
    """*ids* in the slices one statement takes (storage/dialect.py ``in_ids``): on PostgreSQL
    all of them at once (one array parameter), on SQLite ``SQLITE_IDS`` at a time."""
    if not ids:
        return []
    step = len(ids) if is_postgres(conn) else SQLITE_IDS
    return [ids[i:i + step] for i in range(0, len(ids), step)]


def _lines(lines: list[bytes], step: int = 5000) -> bytes:
    """``b"\n".join(lines) + b"\n"``, joined a few thousand lines at a time: one join of 100,000
    records holds the GIL (and so the window's thread) for as long as it copies them all."""
    if not lines:
        return b"\n"
    return b"".join(b"\n".join(lines[at:at + step]) + b"\n" for at in range(0, len(lines), step))


def _write(store: Store, me: Identity, conn: Connection, recipient: SyncPeer, kind: str, first: int, last: int,
           full: bool, records: dict[str, list[bytes]], extra: dict[str, bytes], out_dir: Path | None) -> ExportResult:
    pid = str(uuid.uuid4())
    entries = {f"records/{t}.jsonl": _lines(lines) for t, lines in records.items()}
    entries.update(extra)
    counts = {t: len(lines) for t, lines in records.items()}
    manifest = {"format": FORMAT_VERSION, "schema": HEAD, "app_version": __version__, "package_id": pid,
                "kind": kind, "sender": me.installation_id, "sender_name": me.name,
                "recipient": recipient.installation_id, "community_id": me.community_id,
                "range": [first, last], "full": full, "created_at": utcnow().isoformat(), "counts": counts}
    header = {"format": FORMAT_VERSION, "package_id": pid, "kind": kind, "range": [first, last],
              "created_at": manifest["created_at"], "app_version": __version__}
    if kind == "changes":  # an office set up by invitation proves its secret (sync/enrol.py)
        from .enrol import proof

        enrol_proof = proof(conn, pid, {"id": me.installation_id, "community_id": me.community_id,
                                        "sign_pub": b64(me.sign_pub), "box_pub": b64(me.box_pub)})
        if enrol_proof is not None:
            header["enrol"] = enrol_proof
    sealed = seal(me, {"id": recipient.installation_id, "name": recipient.name, "box_pub": recipient.box_pub},
                  header, build_zip(manifest, entries))
    code = _community_code(conn, me.community_id if not me.is_hq else recipient.community_id)
    who = me.installation_id[:8] if not me.is_hq else "hq-" + recipient.installation_id[:8]
    name = f"{code}-{who}-{first:06d}-{last:06d}.strive"
    if (store.folder.outbox / name).exists():
        name = f"{code}-{who}-{first:06d}-{last:06d}-{dt.datetime.now():%H%M%S%f}.strive"
    path = store.folder.outbox / name
    write_file(path, sealed)
    copies = []
    if out_dir is not None:
        out_dir = Path(out_dir)
        try:
            write_file(out_dir / name, sealed)
        except UserError:
            # the export is rolled back (it will be written again): no package under its name anywhere
            path.unlink(missing_ok=True)
            raise
        copies.append(out_dir / name)
    conn.execute(table_of(SyncPackage).insert().values(
        id=pid, direction="out", peer_id=recipient.installation_id, kind=kind, first=first, last=last,
        file_name=name, status="sent", created_at=utcnow(), delivered=False, copied=False,
        result=json.dumps(counts)))
    return ExportResult(path, tuple(copies), recipient.name, first, last, counts)


def export_changes(store: Store, out_dir: Path | None = None, *, full: bool = False,
                   range_: tuple[int, int] | None = None) -> ExportResult:
    """A field installation's package to headquarters."""
    me = load_identity(store)
    if me.is_hq:
        raise UserError(N_("Headquarters sends return packages to each field installation instead."))
    gc_was_on = gc.isenabled()
    gc.disable()  # many small objects, no cycles
    written: list[ExportResult] = []
    try:
        return _export_changes(store, me, out_dir, full, range_, written)
    except BaseException:
        # rolled back (e.g. the database could not be written): no package stays under its name
        for r in written:
            for f in (r.path, *r.copies):
                f.unlink(missing_ok=True)
        raise
    finally:
        if gc_was_on:
            gc.enable()


def _export_changes(store: Store, me: Identity, out_dir: Path | None, full: bool,
                    range_: tuple[int, int] | None, written: list[ExportResult]) -> ExportResult:
    with store.uow() as s:
        conn = s.connection()
        hq = s.scalar(select(SyncPeer).where(SyncPeer.is_hq.is_(True), SyncPeer.status == "accepted"))
        if hq is None:
            raise UserError(N_("Import the headquarters key file first (Sync page or 'keys import-hq FILE')."))
        capture(conn, me.installation_id)
        counter = int(conn.execute(select(Installation.counter)).scalar() or 0)
        last_exported = int(_setting(conn, LAST_EXPORTED, "0") or 0)
        # only what a field office may send: records of its own community that it wrote
        # (headquarters sets anything else aside), never the shared reference data
        scope = me.community_id or ""
        if full:
            first, last = 1, counter
            records = _records(conn, "m.own >= 1", {}, scope=scope, shared=False)
        else:
            if range_ is not None:
                first, last = range_
                if last > counter:
                    raise UserError(N_("This installation has only made {n} changes so far."), n=counter)
                last = counter  # every record with a change >= first goes, so the package covers first-counter
            else:
                first, last = last_exported + 1, counter
                if first > last:
                    raise NothingToSend(N_("There are no changes to export since the last package."))
            records = _records(conn, "m.own >= :first", {"first": first}, scope=scope, shared=False)
        audit = _audit(conn, me.installation_id, 1 if full else first, last)
        extra = {"audit.jsonl": audit} if audit else {}
        extra.update(_attachments(store, records))
        extra.update(escrow_entry(store, me, hq.box_pub))  # for a recovery (sync/recovery.py)
        result = _write(store, me, conn, hq, "changes", 1 if full else first, last, full, records, extra,
                        out_dir)
        written.append(result)
        if last > last_exported:
            _set_setting(conn, LAST_EXPORTED, str(last))
        return result


def _audit(conn: Connection, me: str, first: int, last: int) -> bytes:
    t = table_of(AuditEntry)
    rows = conn.execute(select(t).where(t.c.installation_id == me, t.c.counter >= first, t.c.counter <= last)
                        .order_by(t.c.counter)).all()
    lines = [json.dumps({"id": r.id, "at": r.at.isoformat(timespec="microseconds"),
                         "installation_id": r.installation_id, "user_name": r.user_name, "action": r.action,
                         "entity": r.entity, "entity_id": r.entity_id, "counter": r.counter,
                         "changes": r.changes}, ensure_ascii=False, sort_keys=True) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _attachments(store: Store, records: dict[str, list[bytes]]) -> dict[str, bytes]:
    """The files of the attachment records in the package (stored as attachments/<sha256>)."""
    from ..services.attachments import stored_path

    out: dict[str, bytes] = {}
    for line in records.get("attachments", []):
        doc = json.loads(line)
        if doc["f"]["deleted"][0][1] is True:
            continue
        sha = doc["f"]["sha256"][0][1]
        if not (isinstance(sha, str) and len(sha) == 64) or f"attachments/{sha}" in out:
            continue
        f = stored_path(store, sha)
        if f.is_file():  # sealed at rest (storage/files.py): the package (itself sealed) holds it plain
            from ..storage.files import read_sealed

            out[f"attachments/{sha}"] = read_sealed(f, store.subkey("files"))
    return out


def export_returns(store: Store, out_dir: Path | None = None, *, full: bool = False,
                   only: str | None = None) -> list[ExportResult]:
    """Headquarters: one package per accepted field installation with anything to send."""
    me = load_identity(store)
    if not me.is_hq:
        raise UserError(N_("Only headquarters writes return packages."))
    results: list[ExportResult] = []
    try:
        return _export_returns(store, me, out_dir, full, only, results)
    except BaseException:
        # everything is rolled back: no package of this run may stay under its name
        for r in results:
            for f in (r.path, *r.copies):
                f.unlink(missing_ok=True)
        raise


def _export_returns(store: Store, me: Identity, out_dir: Path | None, full: bool, only: str | None,
                    results: list[ExportResult]) -> list[ExportResult]:
    with store.uow() as s:
        conn = s.connection()
        capture(conn, me.installation_id)
        seq = current_seq(conn)
        peers = list(s.scalars(select(SyncPeer).where(SyncPeer.is_hq.is_(False), SyncPeer.status == "accepted")
                               .order_by(SyncPeer.name)))
        trust_doc = build_trust_list(conn, me, revoked_serials(store))
        trust_entry, trust_hash = sign_trust_list(me, trust_doc), trust_digest(trust_doc)
        settings: dict[str | None, tuple[bytes, str] | None] = {}  # per community
        for peer in peers:
            if only and peer.installation_id != only:
                continue
            since = 0 if full else peer.last_sent_seq
            records = _records(conn, "m.seq > :since", {"since": since}, scope=peer.community_id or "",
                               authored_by=None if full else peer.installation_id, deliver=True)
            received = list(s.scalars(
                select(SyncPackage).where(SyncPackage.direction == "in", SyncPackage.peer_id == peer.installation_id,
                                          SyncPackage.status == "applied", SyncPackage.delivered.is_(False))))
            receipts = [{"package_id": r.id, "first": r.first, "last": r.last} for r in received]
            extra = {"receipts.json": json.dumps(receipts).encode()} if receipts else {}
            # headquarters' signed list of accepted keys and revoked serials, in every package;
            # a changed list is a reason to write a package of its own
            trust_key = TRUST_SENT + peer.installation_id
            trust_changed = _setting(conn, trust_key) != trust_hash
            # the community's certificate settings, when they changed since the last package to it
            if peer.community_id not in settings:
                settings[peer.community_id] = settings_doc.for_office(store, peer.community_id)
            own = settings[peer.community_id]
            settings_key = settings_doc.SENT + peer.installation_id
            send_settings = own is not None and (full or _setting(conn, settings_key) != own[1])
            if not records and not receipts and not trust_changed and not send_settings:
                continue
            extra[TRUST_ENTRY] = trust_entry
            _set_setting(conn, trust_key, trust_hash)
            if own is not None and send_settings:
                extra[settings_doc.ENTRY] = own[0]
                _set_setting(conn, settings_key, own[1])
            for r in received:
                r.delivered = True  # the receipt is on its way
            extra.update(_attachments(store, records))
            results.append(_write(store, me, conn, peer, "return", since + 1, seq, full, records, extra, out_dir))
            peer.last_sent_seq = seq
        counter = int(conn.execute(select(Installation.counter)).scalar() or 0)
        _set_setting(conn, LAST_EXPORTED, str(counter))  # the status bar's "not yet exported"
    return results


def export(store: Store, out_dir: Path | None = None, *, full: bool = False,
           range_: tuple[int, int] | None = None) -> list[ExportResult]:
    """Whatever this installation sends: changes (field) or return packages (headquarters);
    no package when there is nothing new to send."""
    me = load_identity(store)
    if me.is_hq:
        return export_returns(store, out_dir, full=full)
    try:
        return [export_changes(store, out_dir, full=full, range_=range_)]
    except NothingToSend:
        return []
