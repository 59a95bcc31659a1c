"""Import packages: every check first, then one transaction that merges the records.

Importing the same package again changes nothing; packages may arrive in any order. A record
whose parent has not arrived waits in ``sync_pending``; an invalid record is set aside with its
reason; the rest of the package is applied.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import gc
import hashlib
import io
import itertools
import json
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ..errors import UserError
from ..i18n import N_, Message, os_reason
from ..storage import attended
from ..storage.db import Store
from ..storage.dialect import analyze, bool_cells, bulk_insert, in_ids, is_postgres, stage_table_sql
from ..storage.models import Attendance, AuditEntry, Setting, TrainingSession, utcnow
from ..storage.schema import HEAD, KNOWN_REVISIONS
from ..storage.sync_models import SyncConflict, SyncPackage, SyncPeer, SyncPending, SyncSetAside
from . import enrol, settings_doc
from .authority import (
    PARENT_ASIDE,
    PARENT_NEVER,
    TOLERANCE,
    Refused,
    Sender,
    check_audit_row,
    check_record_writes,
    ownership_problems,
    parse_time,
)
from .keys import Identity, box_fingerprint, fingerprint, load_identity, unb64
from .merge import (
    ORDER,
    TABLES,
    Meta,
    TableInfo,
    canonical_time,
    capture,
    check_value,
    conflicts_of,
    merge,
    next_seq,
    recomputed,
    stamp_text,
    table_of,
    write_meta_rows,
)
from .package import (
    MAX_FILE,
    Limits,
    PackageRejected,
    SenderNotAccepted,
    open_package,
    read_header,
    write_file,
)
from .recovery import keep_escrow
from .trust import ENTRY, TrustListRefused
from .trust import apply_list as apply_trust_list

CHUNK = 2000
ANALYZE_AFTER = 50_000  # records written by one import run, after which PostgreSQL's statistics are refreshed
Held = tuple[set[str], dict[str, str]]  # ids whose merge state was looked up, {id: merge state found}
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    file: str
    status: str = ""  # applied / already / waiting / rejected / skipped (import_inbox: for another office)
    package_id: str = ""
    sender: str = ""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    set_aside: int = 0
    pending: int = 0
    message: str = ""
    settings_received: bool = False  # headquarters' certificate settings were taken (sync/settings_doc.py)
    moved_to: str = ""  # import_inbox: where the package file was put after it was dealt with
    error: UserError | None = dataclasses.field(default=None, repr=False, compare=False)

    def summary(self) -> Message:
        """What happened to the package, in words the reader's language renders
        (``Message.render``: the GUI's Sync page and the CLI's ``import``)."""
        if self.status in ("rejected", "waiting", "skipped"):
            return self.error.message if self.error is not None else Message("{reason}", reason=self.message)
        if self.status == "already":
            return Message(N_("{file}: already imported, nothing changed."), file=self.file)
        counts = Message(N_("{file} from {sender}: {added} added, {updated} updated, {unchanged} unchanged, "
                            "{conflicts} conflicts, {set_aside} set aside, {pending} waiting for their parent "
                            "records."), file=self.file, sender=self.sender, added=self.added,
                         updated=self.updated, unchanged=self.unchanged, conflicts=self.conflicts,
                         set_aside=self.set_aside, pending=self.pending)
        if self.settings_received:
            return Message(N_("{summary} Certificate settings received from headquarters."), summary=counts)
        return counts

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "error"}


def _peer_keys(store: Store, sender_id: str) -> tuple[bytes | None, bool]:
    with store.read() as s:
        p = s.get(SyncPeer, sender_id)
        if p is None:
            return None, False
        return (p.sign_pub if p.status == "accepted" else None), True


def limits(store: Store) -> Limits:
    """The size limits of packages received here (settings sync.max_*_mb, else the defaults)."""
    t = table_of(Setting)
    with store.read() as s:
        values = dict(s.execute(select(t.c.key, t.c.value).where(t.c.key.like("sync.max_%"))).all())
    return Limits.from_settings(values)


def _read_file(path: Path, limit: int = MAX_FILE) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise PackageRejected(N_("{file} is far larger than any real package and was not imported."),
                                  file=path.name)
        if size > limit:
            raise PackageRejected(N_("{file} was refused: it is larger than the limit of {mb} MB for a package. "
                                     "The limit can be raised in the settings of this data folder."),
                                  file=path.name, mb=limit >> 20)
        return path.read_bytes()
    except OSError as exc:
        raise UserError(N_("The file {path} cannot be read: {reason}"), path=str(path),
                        reason=os_reason(exc)) from exc


def import_file(store: Store, path: Path, progress: Progress | None = None) -> ImportResult:
    path = Path(path)
    res = ImportResult(file=path.name)
    try:
        # (no name kept for the file's bytes here: import_bytes lets them go once decrypted)
        return import_bytes(store, _read_file(path, limits(store).package), path.name, progress)
    except UserError as exc:
        res.status, res.message, res.error = "rejected", exc.render(), exc
        return res


def import_files(store: Store, paths: Iterable[Path], progress: Progress | None = None) -> list[ImportResult]:
    """Import the package files one after another. They are committed several at a time (a
    batch, storage/db.py: on SQLite every 30 s, or after 2 s when another writer of the app
    waits): each package is still all or nothing, but a page of the database that several
    packages write is written once, not once per package. If a commit fails (a full disk),
    the packages since the last commit are reported as not imported."""
    results: list[ImportResult] = []
    pending: list[ImportResult] = []  # applied, not committed yet

    def committed(commit: Callable[[], None]) -> None:
        try:
            commit()
        except UserError as exc:
            for r in pending:
                r.status, r.message, r.error = "rejected", exc.render(), exc
                r.added = r.updated = 0
        pending.clear()

    with store.batch() as batch:
        for p in paths:
            res = import_file(store, Path(p), progress)
            results.append(res)
            if res.status in ("applied", "already", "waiting"):
                pending.append(res)
            committed(batch.checkpoint)
        committed(batch.commit)
    if sum(r.added + r.updated for r in results) >= ANALYZE_AFTER and store.url:
        with store.uow() as s:  # on PostgreSQL: the reports plan with the new sizes at once
            analyze(s.connection(), [*ORDER, "sync_record_meta"])
    return results


def import_inbox(store: Store, inbox: Path | None = None, progress: Progress | None = None) -> list[ImportResult]:
    folder = Path(inbox) if inbox else store.folder.inbox
    if not folder.is_dir():
        raise UserError(N_("The folder {path} does not exist."), path=str(folder))
    results = import_files(store, sorted(folder.glob("*.strive")), progress)
    done = folder / "imported"
    me = load_identity(store)
    for res in results:
        if res.status == "rejected" and _meant_for_another(folder / res.file, me):
            # a shared stick carries packages for other offices: left where it is, not a failure
            res.status = "skipped"
            res.error = UserError(N_("{file} is meant for another installation; it was left in the folder."),
                                  file=res.file)
            res.message = res.error.render()
            continue
        if res.status not in ("applied", "already"):
            continue
        try:
            done.mkdir(exist_ok=True)
            dest = done / res.file
            n = 2
            while dest.exists():
                dest = done / f"{Path(res.file).stem}-{n}{Path(res.file).suffix}"
                n += 1
            shutil.move(str(folder / res.file), str(dest))
        except OSError:
            continue  # left in the inbox; the next run reports it as already imported
        res.moved_to = str(dest)
    return results


def _meant_for_another(path: Path, me: Identity) -> bool:
    """Whether a package file is sealed for another installation (its signed header says so)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            if len(head) < 12 or head[:8] != b"STRIVEPK":
                return False
            size = int.from_bytes(head[8:12], "big")
            if size > 64 * 1024:
                return False
            header = json.loads(fh.read(size).decode("utf-8"))
        return bool(header["recipient"]["box_fp"] != box_fingerprint(me.box_pub))
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return False


def moved_folder(results: Iterable[ImportResult]) -> str:
    """The folder the imported packages were moved to ('' if none was moved)."""
    for r in results:
        if r.moved_to:
            return str(Path(r.moved_to).parent)
    return ""


def import_bytes(store: Store, data: bytes, name: str, progress: Progress | None = None) -> ImportResult:
    me = load_identity(store)
    res = ImportResult(file=name)
    header, _, _ = read_header(data, name)
    sender_id = str(header.get("sender", {}).get("id", ""))
    accepted, known = _peer_keys(store, sender_id)
    lim = limits(store)
    if len(data) > lim.package:
        raise PackageRejected(N_("{file} was refused: it is larger than the limit of {mb} MB for a package. "
                                 "The limit can be raised in the settings of this data folder."),
                              file=name, mb=lim.package >> 20)
    enrolment, refused = None, None
    if accepted is None and me.is_hq:  # a first package may prove an invitation (sync/enrol.py)
        try:
            enrolment = enrol.check(store, header, name)
        except enrol.EnrolmentRefused as exc:
            refused = exc
        if enrolment is not None:
            accepted = enrolment.sign_pub
    try:
        pkg = open_package(data, name, me, accepted, known, lim)
    except SenderNotAccepted as exc:
        _keep_waiting(store, me, exc.header, data, name)
        why = refused or exc
        res.status, res.message, res.error = "waiting", why.render(), why
        res.package_id = str(exc.header.get("package_id", ""))
        res.sender = str(exc.header["sender"].get("name", ""))
        return res
    del data  # the decrypted entries are all that is needed now
    if enrolment is not None:
        enrol.accept(store, enrolment)
    res.package_id, res.sender = pkg.package_id, str(pkg.header["sender"].get("name", ""))
    sender = _accepted_sender(store, me, pkg, name)
    res.sender = sender.name or res.sender
    with store.read() as s:
        done = s.get(SyncPackage, pkg.package_id)
        already = done is not None and done.direction == "in" and done.status == "applied"
    if already:
        res.status = "already"
        res.unchanged = sum(int(v) for v in pkg.manifest.get("counts", {}).values())
        with store.uow() as s:  # sent again: the sender has not seen our receipt, send it again
            row = s.get(SyncPackage, pkg.package_id)
            if row is not None:
                row.delivered = False
        return res
    settings = None
    if sender.is_hq and settings_doc.ENTRY in pkg.entries:  # checked before anything is applied
        try:
            settings = settings_doc.read(pkg.entries[settings_doc.ENTRY], me.community_id)
        except settings_doc.SettingsRefused as exc:
            raise PackageRejected(N_("{file} was refused, nothing of it was applied: {reason}."),
                                  file=name, reason=exc.message) from None
    gc_was_on = gc.isenabled()
    gc.disable()  # many small objects, no cycles: the cyclic collector would only rescan them
    try:
        with store.uow() as s:
            conn = s.connection()
            try:
                apply_package(conn, me, pkg.header, pkg.manifest, pkg, res, progress, sender=sender)
            except Refused as exc:
                raise PackageRejected(N_("{file} was refused, nothing of it was applied: {reason}."),
                                      file=name, reason=exc.message) from None
            _record_in(s, pkg, name, res)
    finally:
        if gc_was_on:
            gc.enable()
    _save_attachments(store, pkg)
    if settings is not None:
        res.settings_received = settings_doc.take(store, settings)
    return res


def _accepted_sender(store: Store, me: Identity, pkg: Any, name: str) -> Sender:
    """The sender as it was accepted here (its key was checked by open_package). A header that
    claims another community or role than the accepted one refuses the whole package, and so
    does a package of the wrong kind or dated in the future."""
    with store.read() as s:
        peer = s.get(SyncPeer, pkg.sender_id)
        if peer is None or peer.status != "accepted":  # (open_package refused it already)
            raise PackageRejected(N_("{file} comes from {name}, an installation that has not been accepted yet. "
                                     "It waits until headquarters accepts that installation."),
                                  file=name, name=pkg.sender_id)
        sender = Sender(peer.installation_id, peer.name, peer.community_id, bool(peer.is_hq))
    claimed = pkg.header["sender"]
    if bool(claimed.get("is_hq")) != sender.is_hq or (not sender.is_hq and (
            claimed.get("community_id") != sender.community_id or pkg.manifest.get("community_id") != sender.community_id)):
        raise PackageRejected(N_("{file} was refused: it claims another community or role than the one {name} "
                                 "was accepted with. Nothing of it was applied."), file=name, name=sender.name)
    if not sender.is_hq and not sender.community_id:
        raise PackageRejected(N_("{file} was refused: {name} was accepted without a community, so it owns no "
                                 "records. Nothing of it was applied."), file=name, name=sender.name)
    kind = pkg.header.get("kind")
    if kind != ("return" if sender.is_hq else "changes") or me.is_hq == sender.is_hq:
        raise PackageRejected(N_("{file} is damaged: {reason}"), file=name,
                              reason=Message(N_("unexpected package kind {kind}"), kind=str(kind)))
    try:
        created = parse_time(pkg.header.get("created_at"))
        same = pkg.manifest.get("created_at") == pkg.header.get("created_at")
    except (TypeError, ValueError):
        created, same = None, False
    if created is None or not same:
        raise PackageRejected(N_("{file} is damaged: {reason}"), file=name,
                              reason=Message(N_("its creation time is not readable")))
    if created > utcnow() + TOLERANCE:
        raise PackageRejected(N_("{file} was refused: it is dated {date}, in the future. Check the date and time "
                                 "of the computer that wrote it, then export again."), file=name,
                              date=created.date())
    return sender


def _record_in(s: Any, pkg: Any, name: str, res: ImportResult) -> None:
    row = s.get(SyncPackage, pkg.package_id)
    if row is None:
        row = SyncPackage(id=pkg.package_id, direction="in", peer_id=pkg.sender_id)
        s.add(row)
    rng = pkg.manifest.get("range") or [0, 0]
    row.kind, row.first, row.last = str(pkg.manifest.get("kind")), int(rng[0]), int(rng[1])
    row.file_name, row.status, row.done_at = name, "applied", utcnow()
    res.status = "applied"
    row.result = json.dumps(res.as_dict())


def _waiting_file(store: Store, fp: str, package_id: str) -> Path:
    """Where a package of a sender not accepted yet waits: one folder per sender key, so a
    package of another sender can never replace or shadow it."""
    return store.folder.inbox / "waiting" / fp[:32].lower() / f"{package_id}.strive"


def _keep_waiting(store: Store, me: Identity, header: dict[str, Any], data: bytes, name: str) -> None:
    if not me.is_hq:
        raise PackageRejected(N_("{file} comes from {name}, which is not this installation's headquarters. "
                                 "Import the headquarters key file first."),
                              file=name, name=header["sender"].get("name", "?"))
    snd = header["sender"]
    pid = str(header.get("package_id", ""))
    if not pid.replace("-", "").isalnum():
        raise PackageRejected(N_("{file} is damaged or was altered: its header is not readable."), file=name)
    sign_pub, box_pub = unb64(snd["sign_pub"]), unb64(snd["box_pub"])
    fp = fingerprint(sign_pub, box_pub)
    if snd.get("is_hq") or not snd.get("community_id"):
        raise PackageRejected(N_("{file} was refused: it claims another community or role than the one {name} "
                                 "was accepted with. Nothing of it was applied."), file=name, name=snd.get("name", "?"))
    rng = header.get("range") or [0, 0]
    with store.uow() as s:
        peer = s.get(SyncPeer, snd["id"])
        if peer is not None and (peer.sign_pub != sign_pub or peer.box_pub != box_pub):
            raise PackageRejected(N_("{file} claims to come from {name} but is signed with a different key. "
                                     "It was not imported."), file=name, name=peer.name or "?")
        row = s.get(SyncPackage, pid)
        if row is not None and (row.direction != "in" or row.peer_id != snd["id"]):
            raise PackageRejected(N_("{file} was refused: a package with the same number from another "
                                     "installation is already here."), file=name)
        dest = _waiting_file(store, fp, pid)
        if not dest.exists():  # (the same package from the same key: the same content)
            write_file(dest, data)
        if peer is None:
            s.add(SyncPeer(installation_id=str(snd["id"]), name=str(snd.get("name", ""))[:200],
                           community_id=snd.get("community_id"), is_hq=False, sign_pub=sign_pub,
                           box_pub=box_pub, fingerprint=fp, status="waiting"))
        if row is None:
            s.add(SyncPackage(id=pid, direction="in", peer_id=str(snd["id"]), kind=str(header.get("kind", "")),
                              first=int(rng[0]), last=int(rng[1]), file_name=name, status="waiting"))


def apply_waiting(store: Store, progress: Progress | None = None) -> list[ImportResult]:
    """Import packages that waited for their sender to be accepted."""
    with store.read() as s:
        rows = list(s.scalars(select(SyncPackage).where(SyncPackage.direction == "in",
                                                        SyncPackage.status == "waiting")))
        accepted = {p.installation_id: p.fingerprint
                    for p in s.scalars(select(SyncPeer).where(SyncPeer.status == "accepted"))}
        s.expunge_all()
    out = []
    for row in rows:
        if row.peer_id not in accepted:
            continue
        f = _waiting_file(store, accepted[row.peer_id], row.id)
        if not f.exists():
            f = store.folder.inbox / "waiting" / f"{row.id}.strive"  # kept by an earlier version
        if not f.exists():
            continue
        r = import_file(store, f, progress)
        r.file = row.file_name or r.file
        out.append(r)
        if r.status in ("applied", "already"):
            f.unlink(missing_ok=True)
    return out


def _save_attachments(store: Store, pkg: Any) -> None:
    """Store the files of the package's attachment records where the attachments service keeps
    them (``attachments/<sha256 prefix>/<sha256>``), after checking each file's hash."""
    from ..services.attachments import stored_path

    raw = pkg.entries.get("records/attachments.jsonl", b"")
    if not raw:
        return
    with store.read() as s:  # only files of records that were applied (not of records set aside)
        applied = {(r[0], r[1]) for r in s.execute(text("SELECT id, sha256 FROM attachments"))}
    for line in raw.splitlines():
        try:
            doc = json.loads(line)
            sha, name = doc["f"]["sha256"][0][1], doc["f"]["file_name"][0][1]
        except (ValueError, KeyError, IndexError, TypeError):
            continue
        if (doc.get("id"), sha) not in applied:
            continue
        data = pkg.entries.get(f"attachments/{sha}") if isinstance(sha, str) else None
        if data is None or not isinstance(name, str) or hashlib.sha256(data).hexdigest() != sha:
            continue
        dest = stored_path(store, sha)
        root = store.folder.attachments.resolve()
        if root not in dest.resolve().parents or dest.is_file():
            continue
        from ..storage.files import write_sealed

        write_sealed(dest, data, store.subkey("files"))  # encrypted at rest


# ---- the merge transaction -------------------------------------------------------------------

class _Apply:
    def __init__(self, conn: Connection, me: Identity, header: dict[str, Any], res: ImportResult, sender: Sender) -> None:
        self.conn = conn
        self.me = me
        self.res = res
        self.package_id = str(header.get("package_id", ""))
        self.sender = sender
        rng = header.get("range") or [0, 0]
        self.first, self.last = int(rng[0]), int(rng[1])
        # no change may be dated after the package was written, nor after this computer's clock
        # (each plus the tolerance for clocks that drift): a clock claim cannot win a conflict
        created = min(parse_time(header.get("created_at")), utcnow())
        self.latest = (created + TOLERANCE).isoformat(timespec="microseconds")
        self.seq = next_seq(conn)
        # headquarters' writes win concurrent conflicts (merge.rank): the same installation here
        # as at every other installation (this one if it is headquarters, else its accepted key)
        self.hq = frozenset([me.installation_id] if me.is_hq else []) | frozenset(
            r[0] for r in conn.exec_driver_sql("SELECT installation_id FROM sync_peers WHERE is_hq "
                                               "AND status = 'accepted'"))
        self.raw: dict[int, str] = {}  # id(record) -> its line as received (decoded)
        self.known: dict[str, set[str]] = {}
        self.staged: set[str] = set()  # temporary tables made for _upsert
        self.conflict_rids = {(r[0], r[1]) for r in conn.execute(
            text("SELECT DISTINCT tbl, rid FROM sync_conflicts WHERE status = 'open'"))}
        self.schema = HEAD  # the writer's schema revision (the manifest's), see added_since
        # the sessions of the attendance rows written, as written (their trainings' attended
        # totals are recomputed before commit): taken from the rows, not asked per row afterwards
        self.attended_sessions: set[str] = set()
        # the trainings rows were moved away from (their totals lose those rows' hours)
        self.attended_trainings: set[str] = set()

    # -- validation
    def problem(self, info: TableInfo, rec: Any) -> tuple[str | None, Meta | None]:
        if not isinstance(rec, dict) or not isinstance(rec.get("id"), str) or not (1 <= len(rec["id"]) <= 36):
            return "the record has no valid id", None
        try:
            meta = Meta.parse(rec)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return "the record's version information is not readable", None
        unknown = set(meta.f) - set(info.fields)
        if unknown:
            return f"unknown field {sorted(unknown)[0]}", None
        missing = set(info.fields) - set(meta.f)
        if missing:
            # a writer at an older schema does not know the fields added since: their defaults,
            # written when the record was created (any real write of them wins)
            added = added_since(self.schema, info.name)
            if not missing <= set(added) or "created_at" not in meta.f:
                return f"{sorted(missing)[0]} is missing", None
            born = meta.f["created_at"][0][0]
            for name in missing:
                meta.f[name] = [(born, added[name])]
        for name, ws in meta.f.items():
            for _st, v in ws:
                why = check_value(info.cols[name], v)
                if why:
                    return why, None
        for st in meta.ctx:
            if not canonical_time("datetime", st[2]):
                return "the record's version information is not readable", None
        return None, meta

    def check_writes(self, rec: Any, local_text: str | None) -> None:
        """A field office's record names only writes it made within its package's range, or
        writes already known here (raises Refused: the whole package is refused)."""
        if self.sender.is_hq or not isinstance(rec, dict):
            return
        known = json.loads(local_text)["vv"] if local_text else None
        try:
            check_record_writes(rec, self.sender.installation_id, self.first, self.last, self.latest, known)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # not readable: the record is set aside by the validation that follows

    def _aside_parent(self, missing: str) -> str:
        """The reason to set a record aside whose parent (``table:id``) was set aside here and
        was never applied, so it can never arrive ('' if it may still arrive)."""
        ptbl, _, pid = missing.partition(":")
        row = self.conn.exec_driver_sql("SELECT 1 FROM sync_set_aside WHERE tbl = ? AND rid = ? LIMIT 1",
                                        (ptbl, pid)).first()
        return PARENT_ASIDE.format(parent=missing) if row is not None else ""

    def sweep_orphans(self) -> None:
        """Records waiting for a parent that was set aside can never be applied: set them aside
        too (and their own waiting children, in turn)."""
        t = table_of(SyncPending)
        while True:
            rows = self.conn.exec_driver_sql(
                "SELECT p.id, p.tbl, p.rid, p.data, p.missing, p.package_id FROM sync_pending p WHERE EXISTS "
                "(SELECT 1 FROM sync_set_aside a WHERE a.tbl || ':' || a.rid = p.missing)").all()
            if not rows:
                return
            for _pid, tbl, rid, data, missing, package_id in rows:
                keep, self.package_id = self.package_id, package_id
                self.set_aside(tbl, rid, json.loads(data), PARENT_ASIDE.format(parent=missing))
                self.package_id = keep
            self.conn.execute(t.delete().where(t.c.id.in_([r[0] for r in rows])))

    def covered(self) -> dict[str, int]:
        """Per sender, the highest counter c such that packages imported here (this one
        included) cover every counter 1..c of it, with no gap."""
        ranges: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
        for peer, first, last in self.conn.exec_driver_sql(
                "SELECT peer_id, first, last FROM sync_packages WHERE direction = 'in' AND status = 'applied'"):
            ranges[peer].append((int(first or 0), int(last or 0)))
        ranges[self.sender.installation_id].append((self.first, self.last))
        out = {}
        for peer, rs in ranges.items():
            nxt = 1
            for a, b in sorted(rs):
                if a > nxt:
                    break
                nxt = max(nxt, b + 1)
            out[peer] = nxt - 1
        return out

    def settle_unreachable(self) -> None:
        """Set aside the waiting records whose parent can no longer arrive.

        A sender's package holds every record it had changed in the package's range, as it stood
        when the package was written, and a sender only ever has records it wrote itself or
        received from the other side (which has them). So once every package of the record's
        sender up to the one that brought it has been imported here, with no gap, a parent
        still missing is in none of them and will never come. While a package before it is
        missing (honest out-of-order delivery), the record keeps waiting."""
        rows = self.conn.exec_driver_sql(
            "SELECT p.id, p.tbl, p.rid, p.data, p.missing, p.package_id, k.peer_id, k.last FROM sync_pending p "
            "LEFT JOIN sync_packages k ON k.id = p.package_id AND k.direction = 'in'").all()
        if not rows:
            return
        covered = self.covered()
        done = []
        for pid, tbl, rid, data, missing, package_id, peer, last in rows:
            if package_id == self.package_id:
                peer, last = self.sender.installation_id, self.last
            if peer is None or last is None or int(last) < 1 or covered.get(peer, 0) < int(last):
                continue
            ptbl, _, prid = missing.partition(":")
            if ptbl not in TABLES or prid in self._exists(ptbl, {prid}) or self.conn.exec_driver_sql(
                    "SELECT 1 FROM sync_pending WHERE tbl = ? AND rid = ? LIMIT 1", (ptbl, prid)).first():
                continue  # the parent is here, or waits itself (if it is set aside, so is this one)
            keep, self.package_id = self.package_id, package_id
            self.set_aside(tbl, rid, json.loads(data), PARENT_NEVER.format(parent=missing))
            self.package_id = keep
            done.append(pid)
        if done:
            t = table_of(SyncPending)
            for i in range(0, len(done), CHUNK):
                self.conn.execute(t.delete().where(t.c.id.in_(done[i:i + CHUNK])))
            self.sweep_orphans()

    def set_aside(self, tbl: str, rid: str, rec: Any, reason: str) -> None:
        data = _json_text(rec, default=str)
        digest = hashlib.sha256(data.encode()).hexdigest()
        t = table_of(SyncSetAside)
        self.conn.execute(sqlite_insert(t).values(tbl=tbl, rid=str(rid)[:36], digest=digest,
                                                  package_id=self.package_id, reason=reason, data=data,
                                                  at=utcnow()).on_conflict_do_nothing())
        self.res.set_aside += 1

    def wait(self, tbl: str, rid: str, rec: dict[str, Any], missing: str) -> None:
        data = _json_text(rec)
        digest = hashlib.sha256(data.encode()).hexdigest()
        t = table_of(SyncPending)
        self.conn.execute(sqlite_insert(t).values(tbl=tbl, rid=rid, digest=digest, missing=missing,
                                                  package_id=self.package_id, data=data,
                                                  received_at=utcnow()).on_conflict_do_nothing())
        self.res.pending += 1

    def _exists(self, tbl: str, ids: set[str]) -> set[str]:
        have = self.known.setdefault(tbl, set())
        need = [i for i in ids if i not in have]
        for i in range(0, len(need), CHUNK):
            part = need[i:i + CHUNK]
            cond, params = in_ids(self.conn, "id", part)
            have.update(r[0] for r in self.conn.exec_driver_sql(f"SELECT id FROM {tbl} WHERE {cond}", params))  # noqa: S608
        return have

    def parse_new(self, tbl: str, lines: list[bytes]) -> tuple[list[Any], Held]:
        """Parse the lines whose merge state differs from the one held here; count the others
        unchanged without parsing them (a re-sent package costs little). Also returns the merge
        states looked up here (ids asked for, what was found) so the merge need not ask again."""
        ids = {}
        for line in lines:
            if line[:7] == b'{"id":"':
                end = line.find(b'"', 7)
                if 8 <= end <= 43:
                    ids[line[7:end].decode("ascii", "replace")] = True
        local: dict[str, str] = {}
        if ids:
            keys = list(ids)
            cond, params = in_ids(self.conn, "rid", keys)
            q = f"SELECT rid, data FROM sync_record_meta WHERE tbl = ? AND {cond}"  # noqa: S608
            for rid, data in self.conn.exec_driver_sql(q, (tbl, *params)):
                local[rid] = data
        recs = []
        for line in lines:
            text_ = None
            if line[:7] == b'{"id":"':  # as our exporter writes it: decoded once, for the parser and the meta text
                try:
                    text_ = line.decode("utf-8")
                except UnicodeDecodeError:
                    text_ = None
            if local and text_ is not None:
                rid = text_[7:text_.find('"', 7)]
                if rid in local and raw_meta_text(text_, rid) == local[rid]:
                    self.res.unchanged += 1
                    continue
            try:
                rec = json.loads(line if text_ is None else text_)
            except ValueError:
                self.set_aside(tbl, "?", line.decode("utf-8", "replace")[:2000], "the line is not readable")
                continue
            recs.append(rec)
            if text_ is not None:
                self.raw[id(rec)] = text_
        return recs, (set(ids), local)

    # -- one table
    def apply(self, tbl: str, records: list[Any], from_pending: bool = False, held: Held | None = None) -> list[str]:
        """Merge *records* of one table; return the ids applied. *held*: merge states already
        looked up in this transaction (see parse_new)."""
        info = TABLES[tbl]
        applied: list[str] = []
        for i in range(0, len(records), CHUNK):
            applied += self._chunk(info, records[i:i + CHUNK], from_pending, held)
        return applied

    def _chunk(self, info: TableInfo, records: list[Any], from_pending: bool, held: Held | None = None) -> list[str]:
        me = self.me.installation_id
        ids = [r["id"] for r in records if type(r) is dict and type(r.get("id")) is str and 1 <= len(r["id"]) <= 36]
        local: dict[str, str] = {}
        if held is not None:
            asked, found = held
            local.update((rid, found[rid]) for rid in ids if rid in found)
            ids = [rid for rid in ids if rid not in asked]
        if ids:
            cond, params = in_ids(self.conn, "rid", ids)
            q = f"SELECT rid, data FROM sync_record_meta WHERE tbl = ? AND {cond}"  # noqa: S608
            for rid, data in self.conn.exec_driver_sql(q, (info.name, *params)):
                local[rid] = data
        # per id: [the record as received, its parsed Meta or None, the fast-path result or None]
        entries: dict[str, list[Any]] = {}
        for rec in records:
            if local and type(rec) is dict and type(rec.get("id")) is str and rec["id"] in local:
                raw = self.raw.get(id(rec))
                if raw is not None and raw_meta_text(raw, rec["id"]) == local[rec["id"]]:
                    if not from_pending:  # exactly the state we hold: nothing to check or write
                        self.res.unchanged += 1
                    continue
            if not from_pending:
                self.check_writes(rec, local.get(rec["id"]) if type(rec) is dict and type(rec.get("id")) is str else None)
            fast = fast_doc(info, rec, self.raw.get(id(rec)))
            if fast is not None:
                why = None
                meta = None
            else:
                why, meta = self.problem(info, rec)
            if why:
                rid = rec.get("id", "?") if isinstance(rec, dict) else "?"
                self.set_aside(info.name, str(rid), rec, why)
                continue
            rid = rec["id"]
            if rid in entries:  # the same record twice: merge the two states first
                prev = entries[rid]
                a = prev[1] or Meta.parse(prev[0])
                entries[rid] = [rec, merge(a, meta or Meta.parse(rec), self.hq), None]
            else:
                entries[rid] = [rec, meta, fast]
        if not entries:
            return []
        added: set[str] = set()
        planned: list[tuple[str, dict[str, Any], tuple[Any, ...], str, int, Meta | None]] = []
        parents: dict[str, set[str]] = {}
        for rid, (rec, inc, fast) in entries.items():
            old_text = local.get(rid)
            merged: Meta | None = None
            if fast is not None and (old_text is None or old_text == fast[0]):
                if old_text is not None:
                    if not from_pending:
                        self.res.unchanged += 1
                    continue
                new_text, winners, rs = fast
                own = int(rec["vv"].get(me, 0))
                if winners.get("deleted") is True:
                    merged = Meta.parse(rec)
            else:
                inc = inc or Meta.parse(rec)
                merged = merge(Meta.parse(json.loads(old_text)) if old_text else None, inc, self.hq)
                new_text = merged.dumps()
                try:
                    new_text.encode()
                except UnicodeEncodeError:  # half a surrogate pair among the values kept
                    self.set_aside(info.name, rid, rec, "it contains text that is not valid Unicode")
                    continue
                if old_text == new_text:
                    if not from_pending:
                        self.res.unchanged += 1
                    continue
                winners, rs, own = merged.winners(), merged.row_stamp(), merged.vv.get(me, 0)
            for col, ptbl in info.fks.items():
                v = winners[col]
                if v is not None:
                    parents.setdefault(ptbl, set()).add(v)
            planned.append((rid, winners, rs, new_text, own, merged))
            if old_text is None:
                added.add(rid)
        present = {ptbl: self._exists(ptbl, ids_) for ptbl, ids_ in parents.items()}
        build = _row_builder(info)
        fks = tuple(info.fks.items())
        tbl, seq, conflict_rids = info.name, self.seq, self.conflict_rids
        ready: list[tuple[str, dict[str, Any], tuple[Any, ...], str, int, Meta | None]] = []
        for item in planned:
            rid, winners = item[0], item[1]
            missing = None
            for col, ptbl in fks:
                v = winners[col]
                if v is not None and v not in present[ptbl]:
                    missing = f"{ptbl}:{v}"
                    break
            if missing:
                if from_pending:  # still waiting (sweep_orphans deals with a parent set aside)
                    continue
                aside = self._aside_parent(missing)
                if aside:
                    self.set_aside(info.name, rid, entries[rid][0], aside)
                else:
                    rec, inc, _ = entries[rid]
                    self.wait(info.name, rid, rec if inc is None else {"id": rid, **inc.to_doc()}, missing)
                continue
            ready.append(item)
        # the ownership rules, on the record as received and as stored here (sync/authority.py).
        # A chunk none of whose records has a merge state here (the usual first import) is
        # written with a plain insert (one COPY on PostgreSQL), which fails on any record stored
        # here after all: their stored owners are not looked up first; on such a clash they
        # are, and the upsert runs.
        winners_of = {item[0]: item[1] for item in ready}
        unstored = added.issuperset(winners_of)

        def sort_out(refused: dict[str, str]) -> tuple[list[tuple[Any, ...]], list[tuple[str, str, int, int, str]],
                                                       list[tuple[str, Meta]]]:
            rows: list[tuple[Any, ...]] = []
            metas: list[tuple[str, str, int, int, str]] = []
            conflicts: list[tuple[str, Meta]] = []
            for rid, winners, rs, new_text, own, merged in ready:
                if rid in refused:
                    continue
                rows.append(build(winners, rid, rs))
                metas.append((tbl, rid, seq, own, new_text))
                if merged is not None and (any(len(ws) > 1 for ws in merged.f.values())
                                           or (tbl, rid) in conflict_rids
                                           or winners.get("deleted") is True):
                    conflicts.append((rid, merged))
            return rows, metas, conflicts

        if tbl in ("attendance", "training_sessions") and not unstored:
            # a row that moves (an attendance row to another session, a session to another
            # training) takes its hours from the old training too: the training each stored row
            # is on now, before it is written
            self.attended_trainings.update(self._stored_trainings(tbl, [rid for rid in winners_of if rid not in added]))
        refused = ownership_problems(self.conn, tbl, winners_of, self.sender, self.me.is_hq, self.me.community_id,
                                     unstored=unstored)
        rows, metas, conflicts = sort_out(refused)
        failed: dict[str, str] = {}
        if unstored and rows:
            if not self._copy_new(info, rows):  # a record is stored here after all: checked as any other
                refused = ownership_problems(self.conn, tbl, winners_of, self.sender, self.me.is_hq,
                                             self.me.community_id)
                rows, metas, conflicts = sort_out(refused)
                if rows:
                    failed = self._upsert(info, rows)
        else:
            fresh = added.issuperset(m[1] for m in metas)  # no merge state here for any of them
            if rows:
                failed = self._upsert(info, rows, fresh)
        for rid, *_ in ready:
            if rid in refused:
                self.set_aside(info.name, rid, entries[rid][0], refused[rid])
        if not rows:
            return []
        fresh = added.issuperset(m[1] for m in metas)
        idx = [c.name for c in info.columns].index("id")
        if failed:
            rows = [r for r in rows if r[idx] not in failed]
            metas = [m for m in metas if m[1] not in failed]
            for rid, why in failed.items():
                self.set_aside(info.name, rid, entries[rid][0], why)
        self._write_meta(metas, fresh)
        done = [r[idx] for r in rows]
        self.known.setdefault(info.name, set()).update(done)
        if tbl == "attendance":
            sessions = (winners_of[rid].get("session_id") for rid in done)
            self.attended_sessions.update(v for v in sessions if v is not None)
        n_added = len(added.intersection(done))  # done: distinct ids
        self.res.added += n_added
        self.res.updated += len(done) - n_added
        for rid, merged in conflicts:
            if rid not in failed:
                self._record_conflicts(info.name, rid, merged)
        return done

    def _stored_trainings(self, tbl: str, ids: list[str]) -> set[str]:
        """The trainings the rows *ids* of *tbl* (attendance rows or sessions) are stored on here,
        before an update moves them."""
        out: set[str] = set()
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            if tbl == "attendance":
                q = (select(TrainingSession.training_id).distinct()
                     .join(Attendance, Attendance.session_id == TrainingSession.id).where(Attendance.id.in_(part)))
            else:
                q = select(TrainingSession.training_id).distinct().where(TrainingSession.id.in_(part))
            out.update(r[0] for r in self.conn.execute(q))
        return out

    def _upsert(self, info: TableInfo, rows: list[tuple[Any, ...]], fresh: bool = False) -> dict[str, str]:
        """Insert or update *rows* (all columns, in table order); return {id: reason} for the rows
        that clash with a constraint (those are left out, everything else is written).

        The rows go to a temporary table first and then in with one INSERT ... SELECT ... ON
        CONFLICT: with foreign keys on, SQLite opens a statement journal for every upsert
        statement, which made one statement per row (executemany) twice as slow as the row
        writes themselves. One statement per chunk writes exactly the same rows.

        On PostgreSQL, when none of the rows has a merge state here (*fresh*: the usual case of a
        first import), they are first tried with one COPY straight into the table: a row that
        exists after all, or any other clash, rolls that attempt back to its savepoint and the
        staged upsert below writes the chunk as before."""
        names = [c.name for c in info.columns]
        cols = ", ".join(f'"{n}"' for n in names)  # quoted: "end" is a keyword on PostgreSQL
        update = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != "id")
        stage = self._stage(info.name, names)
        if is_postgres(self.conn):  # booleans as PostgreSQL takes them (the rows hold SQLite's 0/1)
            if fresh and self._copy_new(info, rows):
                return {}
            rows = bool_cells(rows, [k for k, n in enumerate(names) if info.cols[n].kind == "bool"])
        try:
            with self.conn.begin_nested():
                bulk_insert(self.conn, f"temp.{stage}", names, rows)  # COPY on PostgreSQL
                self.conn.exec_driver_sql(f"INSERT INTO main.{info.name} ({cols}) SELECT {cols} FROM temp.{stage} "
                                          f"WHERE true ORDER BY rowid ON CONFLICT (id) DO UPDATE SET {update}")  # noqa: S608
                self.conn.exec_driver_sql(f"DELETE FROM temp.{stage}")  # noqa: S608
            return {}
        except (IntegrityError, UnicodeEncodeError):
            pass
        sql = (f"INSERT INTO main.{info.name} ({cols}) VALUES ({', '.join('?' * len(names))}) "
               f"ON CONFLICT (id) DO UPDATE SET {update}")
        failed: dict[str, str] = {}
        idx = names.index("id")
        for row in rows:
            try:
                with self.conn.begin_nested():
                    self.conn.exec_driver_sql(sql, row)
            except IntegrityError as exc:
                failed[row[idx]] = "it clashes with an existing record (" + str(exc.orig)[:120] + ")"
            except UnicodeEncodeError:  # a JSON escape of half a surrogate pair: no text SQLite can hold
                failed[row[idx]] = "it contains text that is not valid Unicode"
        return failed

    def _copy_new(self, info: TableInfo, rows: list[tuple[Any, ...]]) -> bool:
        """*rows* written with a plain insert, no upsert: on PostgreSQL one COPY straight into the
        table, on SQLite through the staging table. False (and nothing written) when any of them
        clashes with a stored row or a constraint."""
        names = [c.name for c in info.columns]
        pg = is_postgres(self.conn)
        stage = "" if pg else self._stage(info.name, names)  # made outside the savepoint: it outlives a clash
        try:
            with self.conn.begin_nested():
                if pg:
                    rows = bool_cells(rows, [k for k, n in enumerate(names) if info.cols[n].kind == "bool"])
                    bulk_insert(self.conn, f"main.{info.name}", names, rows)  # COPY into the table
                else:
                    cols = ", ".join(f'"{n}"' for n in names)
                    bulk_insert(self.conn, f"temp.{stage}", names, rows)
                    self.conn.exec_driver_sql(f"INSERT INTO main.{info.name} ({cols}) SELECT {cols} "  # noqa: S608
                                              f"FROM temp.{stage} ORDER BY rowid")
                    self.conn.exec_driver_sql(f"DELETE FROM temp.{stage}")  # noqa: S608
            return True
        except (IntegrityError, UnicodeEncodeError):
            return False

    def _write_meta(self, metas: list[tuple[str, str, int, int, str]], fresh: bool = False) -> None:
        """Insert or replace the merge states of the rows just written. On PostgreSQL as the rows
        themselves: COPY into a staging table, then one upsert from it (an upsert per row, even
        pipelined, costs more than the rows), or, when none is held here yet (*fresh*), one COPY
        straight into the table (a clash rolls it back and the staged upsert runs); on SQLite
        one executemany (merge.write_meta_rows)."""
        if not metas:
            return
        if not is_postgres(self.conn):
            write_meta_rows(self.conn, metas)
            return
        names = ["tbl", "rid", "seq", "own", "data"]
        if fresh:
            try:
                with self.conn.begin_nested():
                    bulk_insert(self.conn, "sync_record_meta", names, metas)
                return
            except IntegrityError:
                pass
        stage = self._stage("sync_record_meta", names)
        bulk_insert(self.conn, f"temp.{stage}", names, metas)
        self.conn.exec_driver_sql(
            f"INSERT INTO sync_record_meta (tbl, rid, seq, own, data) SELECT tbl, rid, seq, own, data "  # noqa: S608
            f"FROM temp.{stage} WHERE true ORDER BY rowid ON CONFLICT (tbl, rid) DO UPDATE SET seq = excluded.seq, "
            f"own = excluded.own, data = excluded.data")
        self.conn.exec_driver_sql(f"DELETE FROM temp.{stage}")  # noqa: S608

    def _stage(self, tbl: str, names: list[str]) -> str:
        """A temporary table with *tbl*'s columns and no declared types (values keep exactly the
        form they were bound in; the real table's column affinities apply when they move on).
        Created inside the import's transaction, so it goes away with a rollback too."""
        name = f"sync_stage_{tbl}"
        if name not in self.staged:
            self.conn.exec_driver_sql(stage_table_sql(name, tbl, names, is_postgres(self.conn)))
            self.conn.exec_driver_sql(f"DELETE FROM temp.{name}")  # noqa: S608
            self.staged.add(name)
        return name

    def drop_stages(self) -> None:
        for name in sorted(self.staged):
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{name}")
        self.staged.clear()

    def _record_conflicts(self, tbl: str, rid: str, merged: Meta) -> None:
        t = table_of(SyncConflict)
        found = conflicts_of(merged)
        live = set()
        for field, kind, wst, wv, lst, lv in found:
            live.add((field, stamp_text(lst)))
            r = self.conn.execute(sqlite_insert(t).values(
                tbl=tbl, rid=rid, field=field, kind=kind, winner_stamp=stamp_text(wst),
                winner_value=json.dumps(wv, ensure_ascii=False), loser_stamp=stamp_text(lst),
                loser_value=json.dumps(lv, ensure_ascii=False), detected_at=utcnow(), status="open",
            ).on_conflict_do_nothing())
            if r.rowcount:
                self.res.conflicts += 1
        for cid, field, lst in self.conn.execute(
                text("SELECT id, field, loser_stamp FROM sync_conflicts WHERE tbl = :t AND rid = :r "
                     "AND status = 'open'"), {"t": tbl, "r": rid}).all():
            if (field, lst) not in live:
                self.conn.execute(t.update().where(t.c.id == cid).values(status="resolved"))

    def pending_sender(self, package_id: str) -> Sender:
        """The sender of a waiting record: the one of the package that brought it."""
        if package_id == self.package_id:
            return self.sender
        row = self.conn.exec_driver_sql(
            "SELECT p.installation_id, p.name, p.community_id, p.is_hq FROM sync_packages k JOIN sync_peers p "
            "ON p.installation_id = k.peer_id WHERE k.id = ? AND k.direction = 'in'", (package_id,)).first()
        if row is None:  # unknown origin: no rights (every record is set aside with its reason)
            return Sender("", "", "-", False)
        return Sender(row[0], row[1], row[2], bool(row[3]))

    def retry_pending(self) -> None:
        t = table_of(SyncPending)
        while True:
            rows = self.conn.execute(select(t.c.id, t.c.tbl, t.c.rid, t.c.data, t.c.package_id)).all()
            if not rows:
                return
            progress = False
            for tbl, pkg_id in sorted({(r.tbl, r.package_id) for r in rows}, key=lambda k: (ORDER.index(k[0])
                                                                                          if k[0] in ORDER else 99, k[1])):
                mine = [r for r in rows if r.tbl == tbl and r.package_id == pkg_id]
                recs = [json.loads(r.data) for r in mine]
                before = (self.res.added, self.res.updated)
                keep = self.sender
                self.sender = self.pending_sender(pkg_id)
                try:
                    self.apply(tbl, recs, from_pending=True)
                finally:
                    self.sender = keep
                # a pending record is done once its parent exists (applied now or unchanged)
                done = []
                for r, rec in zip(mine, recs, strict=True):
                    meta = Meta.parse(rec)
                    info = TABLES[tbl]
                    ok = all(meta.f[col][0][1] is None or meta.f[col][0][1] in self._exists(ptbl, {meta.f[col][0][1]})
                             for col, ptbl in info.fks.items())
                    if ok:
                        done.append(r.id)
                if done:
                    self.conn.execute(t.delete().where(t.c.id.in_(done)))
                    progress = True
                if (self.res.added, self.res.updated) != before:
                    progress = True
            if not progress:
                return


def _json_text(obj: Any, **kw: Any) -> str:
    """*obj* as JSON text that can be stored (escaped if it holds half a surrogate pair)."""
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, **kw)
    try:
        data.encode()
    except UnicodeEncodeError:
        data = json.dumps(obj, ensure_ascii=True, sort_keys=True, **kw)
    return data


def raw_meta_text(raw: str, rid: str) -> str | None:
    """The merge-state text of a line (decoded) written as our exporter writes it
    (``{"id":"…",`` then the stored text without its brace), or None."""
    n = len(rid)
    if raw[:7] == '{"id":"' and raw[7:7 + n] == rid and raw[7 + n:9 + n] == '",' and "\\" not in rid \
            and '"' not in rid:
        return "{" + raw[9 + n:]
    return None


def fast_doc(info: TableInfo, rec: Any, raw: str | None = None) -> tuple[str, dict[str, Any], tuple[str, int, str]] | None:
    """The common case checked without building a Meta: one write per field, stamps in order,
    every value valid and in its canonical spelling. Returns (canonical meta text, winners, row
    stamp), or None when the record needs the full path."""
    try:
        if type(rec) is not dict or type(rec.get("id")) is not str or not 1 <= len(rec["id"]) <= 36:
            return None
        stamps, fields, vv = rec["s"], rec["f"], rec["vv"]
        if type(stamps) is not list or type(fields) is not dict or type(vv) is not dict or len(rec) != 4:
            return None
        if len(fields) != len(info.fields) or not stamps:
            return None
        prev = None
        for st in stamps:
            if type(st) is not list or len(st) != 4:
                return None
            inst, n, ts, ctx = st
            if type(inst) is not str or type(n) is not int or type(ctx) is not dict:
                return None
            if type(ts) is not str or _canon_datetime(ts) is None or _datetime_iso(ts) is None:
                return None  # the canonical spelling of a naive datetime (canonical_time; an impossible date raises)
            for v in ctx.values():
                if type(v) is not int:
                    return None
            key = (ts, inst, n)
            if prev is not None and key <= prev:
                return None
            prev = key
        for k, v in vv.items():
            if type(k) is not str or type(v) is not int:
                return None
        winners = _field_check(info)(fields, len(stamps))
        if winners is None:
            return None
    except (KeyError, TypeError, ValueError):
        return None
    text_ = raw_meta_text(raw, rec["id"]) if raw is not None else None
    if text_ is None:
        text_ = json.dumps({"f": fields, "s": stamps, "vv": vv}, ensure_ascii=False, sort_keys=True,
                           separators=(",", ":"))
        try:
            text_.encode()
        except UnicodeEncodeError:
            return None
    last = stamps[-1]
    return text_, winners, (last[0], last[1], last[2])


_datetime_iso = dt.datetime.fromisoformat
# the canonical spellings (what isoformat writes back) of a naive datetime with microseconds and
# of a date, ASCII digits only: a string of this shape that parses is its own canonical form, so
# matching it and parsing it (which refuses an impossible date) is the round trip, at a third the cost
_canon_datetime = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}").fullmatch
_canon_date = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch
_FIELD_CHECKS: dict[str, Callable[[dict[str, Any], int], dict[str, Any] | None]] = {}
_ROW_BUILDERS: dict[str, Callable[[dict[str, Any], str, tuple[str, int, str]], tuple[Any, ...]]] = {}


def _field_check(info: TableInfo) -> Callable[[dict[str, Any], int], dict[str, Any] | None]:
    """``check(fields, number of stamps)``: the winners, or None unless every field of the table
    has exactly one write ``[stamp index, value]``, every stamp is used, and every value has its
    column's type, length and canonical spelling (what check_value accepts, no more).

    The checks run for every field of every record received, so they are unrolled once per table
    into one function (no per-field loop, tuple unpacking or calls)."""
    known = _FIELD_CHECKS.get(info.name)
    if known is not None:
        return known
    body = ["def check(f, n):"]
    for j, (name, pytype, nullable, length, kind) in enumerate(info.fast_checks):
        v = f"v{j}"
        bad = {str: f"type({v}) is not str", int: f"type({v}) is not int", bool: f"type({v}) is not bool",
               float: f"type({v}) is not float and type({v}) is not int"}.get(pytype)
        if pytype is str and length:
            bad = f"{bad} or len({v}) > {int(length)}"
        if kind == "date":
            bad = f"type({v}) is not str or _cdate({v}) is None or _date({v}) is None"
        elif kind == "datetime":
            bad = f"type({v}) is not str or _cdatetime({v}) is None or _datetime({v}) is None"
        # f is JSON-decoded: a list whose one element unpacks into two with an int first is
        # [[int, value]] (a dict's keys and a string's characters are strings); any other shape
        # raises ValueError/TypeError, which the caller takes as "not the fast path"
        body += [f"    ws = f[{name!r}]",
                 "    if type(ws) is not list: return None",
                 f"    (i{j}, {v}), = ws"]
        if bad and nullable:
            body.append(f"    if type(i{j}) is not int or ({v} is not None and ({bad})): return None")
        elif bad:
            body.append(f"    if type(i{j}) is not int or {v} is None or {bad}: return None")
        elif not nullable:
            body.append(f"    if type(i{j}) is not int or {v} is None: return None")
        else:
            body.append(f"    if type(i{j}) is not int: return None")
    count = len(info.fast_checks)
    body += [f"    used = {{{', '.join(f'i{j}' for j in range(count))}}}",
             "    if len(used) != n or min(used) < 0 or max(used) >= n: return None",
             f"    return {{{', '.join(f'{c[0]!r}: v{j}' for j, c in enumerate(info.fast_checks))}}}"]
    ns: dict[str, Any] = {"_date": dt.date.fromisoformat, "_datetime": dt.datetime.fromisoformat,
                          "_cdate": _canon_date, "_cdatetime": _canon_datetime}
    exec(compile("\n".join(body), f"<sync field check {info.name}>", "exec"), ns)  # noqa: S102
    fn: Callable[[dict[str, Any], int], dict[str, Any] | None] = ns["check"]
    _FIELD_CHECKS[info.name] = fn
    return fn


def _row_builder(info: TableInfo) -> Callable[[dict[str, Any], str, tuple[str, int, str]], tuple[Any, ...]]:
    """``row(winners, id, row stamp)``: the table row as SQLite stores it through SQLAlchemy's
    types (datetimes with a space, booleans 0/1, JSON as text), columns in table order."""
    known = _ROW_BUILDERS.get(info.name)
    if known is not None:
        return known
    ns: dict[str, Any] = {}
    cells = []
    derived = recomputed(info.name)
    for k, (name, conv) in enumerate(info.raw_conv):
        if name in derived:  # recomputed from its source field (not sent)
            source, fn_ = derived[name]
            ns[f"_d{k}"] = fn_
            cells.append(f"_d{k}(w[{source!r}] or '')")
        elif k == info.stamp_pos[0]:
            cells.append("rid")
        elif k == info.stamp_pos[1]:
            cells.append("rs[0]")
        elif k == info.stamp_pos[2]:
            cells.append("rs[1]")
        elif k == info.stamp_pos[3]:
            cells.append("rs[2].replace('T', ' ', 1)")
        elif conv is None:
            cells.append(f"w[{name!r}]")
        else:
            ns[f"_c{k}"] = conv
            cells.append(f"_c{k}(w[{name!r}])")
    tup = ", ".join(cells)
    src = (f"def row(w, rid, rs):\n    try:\n        return ({tup},)\n"
           f"    except KeyError:  # a field this side's schema has and the record not: NULL\n"
           f"        return row(defaultdict(lambda: None, w), rid, rs)")
    ns["defaultdict"] = collections.defaultdict
    exec(compile(src, f"<sync row {info.name}>", "exec"), ns)  # noqa: S102
    fn: Callable[[dict[str, Any], str, tuple[str, int, str]], tuple[Any, ...]] = ns["row"]
    _ROW_BUILDERS[info.name] = fn
    return fn


# Synced fields added by a migration: (table, field) -> (the revision that added it, its value for
# a record written before). A record from a writer at an older schema gets the value (docs/sync-format.md, "Versions").
ADDED_FIELDS: dict[tuple[str, str], tuple[str, Any]] = {
    ("people", "merged_into"): ("0008_person_merge", None),
    ("people", "merge_moves"): ("0008_person_merge", ""),
    ("people", "kept_apart"): ("0008_person_merge", ""),
    ("certificates", "look"): ("0009_branding", ""),
    ("trainings", "title_ru"): ("0012_titles", ""),
    ("trainings", "title_en"): ("0012_titles", ""),
}


def added_since(schema: str, table: str) -> dict[str, Any]:
    """The fields of *table* a writer at *schema* does not know, with their values for it."""
    if schema not in KNOWN_REVISIONS:
        return {}
    at = KNOWN_REVISIONS.index(schema)
    return {field: value for (tbl, field), (rev, value) in ADDED_FIELDS.items()
            if tbl == table and rev in KNOWN_REVISIONS and KNOWN_REVISIONS.index(rev) > at}


def apply_package(conn: Connection, me: Identity, header: dict[str, Any], manifest: dict[str, Any], pkg: Any,
                  res: ImportResult, progress: Progress | None = None, *, sender: Sender) -> None:
    """Merge the package's records (raises Refused if a record or audit row names an author,
    counter or time its sender cannot have written: the caller rolls everything back)."""
    capture(conn, me.installation_id)
    ap = _Apply(conn, me, header, res, sender)
    ap.schema = str(manifest.get("schema") or HEAD)
    if not sender.is_hq:
        _check_audit(pkg, sender, ap.first, ap.last, min(parse_time(header.get("created_at")), utcnow()) + TOLERANCE)
    tables = [t for t in ORDER if f"records/{t}.jsonl" in pkg.entries]
    total = sum(int(v) for v in manifest.get("counts", {}).values()) or 1
    done = 0
    for tbl in tables:
        for part in _line_chunks(pkg.entries[f"records/{tbl}.jsonl"]):
            recs, held = ap.parse_new(tbl, part)
            ap.apply(tbl, recs, held=held)
            ap.raw.clear()
            done += len(part)
            if progress:
                progress(min(done, total), total)
    unknown = [n for n in pkg.entries if n.startswith("records/") and n[8:-6] not in TABLES]
    for n in unknown:
        ap.set_aside(n[8:-6], "*", {"entry": n}, "unknown table")
    ap.retry_pending()
    ap.sweep_orphans()
    ap.settle_unreachable()
    ap.drop_stages()
    # the attended totals of the trainings the package wrote to (derived, never sent: storage/attended.py)
    # (the attendance rows' sessions as the rows were written: the same trainings as asking the
    # database for the sessions of every attendance id, without one lookup per row)
    attended.recompute_for(conn, training_ids=set(ap.known.get("trainings", ())) | ap.attended_trainings,
                           session_ids=set(ap.known.get("training_sessions", ())) | ap.attended_sessions)
    _apply_audit(conn, pkg)
    _apply_receipts(conn, me, pkg)
    if me.is_hq and not sender.is_hq:  # the office's sealed key, for a recovery (sync/recovery.py)
        keep_escrow(conn, sender.installation_id, pkg.entries, str(header.get("created_at")))
    if sender.is_hq and ENTRY in pkg.entries:  # headquarters' signed keys and revocations
        try:
            apply_trust_list(conn, me, pkg.entries[ENTRY])
        except TrustListRefused as exc:
            raise Refused(exc.message) from None


def _line_chunks(raw: bytes) -> Iterable[list[bytes]]:
    """The non-empty lines of *raw*, CHUNK at a time (never all of them at once in memory)."""
    buf = io.BytesIO(raw)  # shares raw's buffer, no copy
    while True:
        part = [line.rstrip(b"\r\n") for line in itertools.islice(buf, CHUNK)]
        if not part:
            return
        yield [line for line in part if line.strip()]


def _check_audit(pkg: Any, sender: Sender, first: int, last: int, latest: dt.datetime) -> None:
    for line in pkg.entries.get("audit.jsonl", b"").splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise Refused(Message(N_("an audit entry is not readable"))) from None
        check_audit_row(row, sender.installation_id, first, last, latest)


def _apply_audit(conn: Connection, pkg: Any) -> None:
    raw = pkg.entries.get("audit.jsonl")
    if not raw:
        return
    rows = []
    import datetime as dt

    for line in raw.splitlines():
        try:
            a = json.loads(line)
            rows.append({"id": str(a["id"])[:36], "at": dt.datetime.fromisoformat(a["at"]),
                         "installation_id": str(a["installation_id"])[:36], "user_name": str(a.get("user_name", ""))[:200],
                         "action": str(a["action"])[:20], "entity": str(a["entity"])[:40],
                         "entity_id": str(a["entity_id"])[:36], "counter": int(a.get("counter", 0)),
                         "changes": a.get("changes") or {}})
        except (ValueError, KeyError, TypeError):
            continue
    if rows:
        conn.execute(sqlite_insert(table_of(AuditEntry)).on_conflict_do_nothing(), rows)


def _apply_receipts(conn: Connection, me: Identity, pkg: Any) -> None:
    raw = pkg.entries.get("receipts.json")
    if not raw or me.is_hq:
        return
    try:
        ids = [str(r["package_id"]) for r in json.loads(raw)]
    except (ValueError, KeyError, TypeError):
        return
    t = table_of(SyncPackage)
    for i in range(0, len(ids), CHUNK):
        conn.execute(t.update().where(t.c.direction == "out", t.c.id.in_(ids[i:i + CHUNK]))
                     .values(delivered=True, status="delivered"))


def copy_to_inbox(store: Store, paths: Iterable[Path]) -> list[Path]:
    out = []
    for p in paths:
        dest = store.folder.inbox / Path(p).name
        shutil.copyfile(p, dest)
        out.append(dest)
    return out
