"""Sync commands: keys ..., export, import, sync-status."""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from ..errors import UserError
from ..i18n import N_
from .language import C_, tr

# a peer's sync_peers.status as the command line writes it
STATUS = {"accepted": C_("accepted"), "waiting": C_("waiting"), "revoked": C_("revoked")}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("keys", help="this installation's sync keys, the headquarters key, accepted installations")
    ks = p.add_subparsers(dest="keys_command", metavar="KEYS_COMMAND", required=True)
    k = ks.add_parser("show", help="fingerprints of this installation, headquarters and other installations")
    k.set_defaults(handler=cmd_keys_show, needs_lock=False, needs_folder=True)
    k = ks.add_parser("export-hq", help="headquarters: write the key file field installations import")
    k.add_argument("file", type=Path)
    k.set_defaults(handler=cmd_keys_export_hq, needs_lock=False, needs_folder=True)
    k = ks.add_parser("import-hq", help="field: import headquarters' key file (once)")
    k.add_argument("file", type=Path)
    k.set_defaults(handler=cmd_keys_import_hq, needs_lock=True, needs_folder=True)
    k = ks.add_parser("accept", help="headquarters: accept an installation (id, name or fingerprint) "
                                     "and import its waiting packages")
    k.add_argument("installation")
    k.set_defaults(handler=cmd_keys_accept, needs_lock=True, needs_folder=True)
    k = ks.add_parser("backup", help="write a passphrase-protected backup of the private keys "
                                     "(passphrase from STRIVE_PASSPHRASE or asked)")
    k.add_argument("file", type=Path)
    k.set_defaults(handler=cmd_keys_backup, needs_lock=False, needs_folder=True)
    k = ks.add_parser("restore", help="restore the private keys from a backup")
    k.add_argument("file", type=Path)
    k.set_defaults(handler=cmd_keys_restore, needs_lock=True, needs_folder=True)

    p = sub.add_parser("export", help="write a sync package (field: changes since the last one; "
                                      "headquarters: a return package per field installation)")
    p.add_argument("--out", type=Path, default=None, help="also copy the package(s) to this folder (USB stick)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--full", action="store_true", help="everything, not only the changes since the last export")
    g.add_argument("--range", dest="range_", metavar="A-B", help="re-export the changes A to B")
    p.set_defaults(handler=cmd_export, needs_lock=True, needs_folder=True)

    p = sub.add_parser("import", help="import sync packages")
    p.add_argument("files", nargs="*", type=Path)
    p.add_argument("--inbox", type=Path, default=None, help="import every package in this folder")
    p.set_defaults(handler=cmd_import, needs_lock=True, needs_folder=True)

    p = sub.add_parser("sync-status", help="installations, last packages, gaps, outbox, conflicts")
    p.set_defaults(handler=cmd_status, needs_lock=False, needs_folder=True)

    p = sub.add_parser("conflicts", help="values that lost a sync conflict; reverse or keep one")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--reverse", type=int, metavar="ID", help="make the other value the current one")
    g.add_argument("--keep", type=int, metavar="ID", help="keep the current value")
    p.set_defaults(handler=cmd_conflicts, needs_lock=True, needs_folder=True)


def _passphrase(confirm: bool, lang: str | None) -> str:
    env = os.environ.get("STRIVE_PASSPHRASE")
    if env:
        return env
    first = getpass.getpass(tr(lang, C_("Passphrase: ")))
    if confirm and getpass.getpass(tr(lang, C_("Passphrase again: "))) != first:
        raise UserError(N_("The two passphrases differ."))
    return first


def cmd_keys_show(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync import keys, status

    me = keys.load_identity(ctx.store)
    ctx.say(C_("this installation: {name} (headquarters) {id}") if me.is_hq else
            C_("this installation: {name} (field office) {id}"), name=me.name, id=me.installation_id)
    ctx.say(C_("fingerprint: {fingerprint}"), fingerprint=me.fingerprint)
    for p in status.peer_status(ctx.store, ctx.lang or "en"):
        role = ctx.text(C_("headquarters")) if p.is_hq else p.community
        state = ctx.text(STATUS.get(p.status, p.status))
        ctx.out(f"{state:9} {p.fingerprint}  {p.name} ({role}) {p.installation_id}")
    return 0


def cmd_keys_export_hq(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync import keys

    path = keys.export_hq_key(ctx.store, args.file)
    ctx.say(C_("Headquarters key written to {path} (fingerprint {fingerprint})"), path=path,
            fingerprint=keys.load_identity(ctx.store).fingerprint)
    return 0


def cmd_keys_import_hq(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync import keys

    fp = keys.import_hq_key(ctx.store, args.file)
    ctx.say(C_("Headquarters key imported. Check its fingerprint with headquarters: {fingerprint}"), fingerprint=fp)
    return 0


def cmd_keys_accept(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync import importer, keys

    peer = keys.accept_installation(ctx.store, args.installation)
    ctx.say(C_("Accepted {name} ({fingerprint})."), name=peer.name, fingerprint=peer.fingerprint)
    for r in importer.apply_waiting(ctx.store):
        ctx.out(_import_line(ctx, r))
    return 0


def cmd_keys_backup(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync import keys

    path = keys.backup_keys(ctx.store, args.file, _passphrase(confirm=True, lang=ctx.lang))
    ctx.say(C_("Key backup written to {path}. Keep the passphrase apart from the file."), path=path)
    return 0


def cmd_keys_restore(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync import keys

    fp = keys.restore_keys(ctx.store, args.file, _passphrase(confirm=False, lang=ctx.lang))
    ctx.say(C_("Keys restored; fingerprint {fingerprint}"), fingerprint=fp)
    return 0


def cmd_export(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync import export

    rng = export.parse_range(args.range_) if args.range_ else None
    results = export.export(ctx.store, args.out, full=args.full, range_=rng)
    if not results:
        ctx.say(C_("Nothing to send."))
    for r in results:
        values = dict(name=r.path.name, records=r.records, first=r.first, last=r.last, recipient=r.recipient,
                      path=r.path)
        if r.copies:
            ctx.say(C_("{name}: {records} records, changes {first}-{last}, for {recipient}; written to {path} "
                       "and {copy}"), copy=r.copies[0], **values)
        else:
            ctx.say(C_("{name}: {records} records, changes {first}-{last}, for {recipient}; written to {path}"),
                    **values)
    return 0


def cmd_import(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync import importer

    if not args.files and args.inbox is None:
        raise UserError(N_("Name the package files to import, or --inbox FOLDER."))
    results = importer.import_files(ctx.store, args.files) if args.files else []
    if args.inbox is not None:
        results += importer.import_inbox(ctx.store, args.inbox)
    bad = 0
    for r in results:
        ctx.out(_import_line(ctx, r))
        bad += r.status == "rejected"
    if not results:
        ctx.say(C_("No packages found."))
    moved = importer.moved_folder(results)
    if moved:
        ctx.say(C_("Imported packages were moved to {path}"), path=moved)
    return 1 if bad else 0


def _import_line(ctx, r) -> str:  # type: ignore[no-untyped-def]
    """A received package's result (sync/importer.py ImportResult) in the interface language."""
    return str(ctx.render(r.summary()))


def cmd_status(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services.installation import unexported_changes
    from ..sync import keys, review, status

    me = keys.load_identity(ctx.store)
    ctx.say(C_("{name} (headquarters), fingerprint {fingerprint}") if me.is_hq else
            C_("{name} (field office), fingerprint {fingerprint}"), name=me.name, fingerprint=me.fingerprint)
    if not me.is_hq:
        ctx.say(C_("changes not yet exported: {n}"), n=unexported_changes(ctx.store))
    for p in status.peer_status(ctx.store, ctx.lang or "en"):
        line = f"{p.name} [{ctx.text(STATUS.get(p.status, p.status))}] {p.fingerprint}"
        if not p.is_hq:
            line += ctx.text(C_(": {packages} packages, last change {last}, last received {received}"),
                             packages=p.packages, last=p.last_counter, received=p.last_received or "-")
            if p.waiting_packages:
                line += ctx.text(C_(", {n} waiting for acceptance"), n=p.waiting_packages)
        ctx.out(line)
        for gap in p.gap_texts():
            ctx.say(C_("  gap: {gap}"), gap=ctx.render(gap))
    if me.is_hq:
        from ..services.installation import get_community
        from ..sync import enrol

        for inv in enrol.list_invitations(ctx.store)[:20]:
            state = ctx.text(C_("used by {id} on {date}"), id=inv.used_by[:8], date=ctx.date(inv.used_at)) \
                if inv.used_at else ctx.text(C_("not used yet"))
            ctx.say(C_("invitation for {community}, written {written}, valid until {until}: {state}"),
                    community=get_community(ctx.store, inv.community_id).name_en,
                    written=ctx.date(inv.created_at), until=ctx.date(inv.expires_at), state=state)
    for item in status.outbox(ctx.store, ctx.lang or "en")[:20]:
        state = C_("delivered") if item.delivered else (C_("copied") if item.copied else C_("in outbox"))
        ctx.say(C_("outbox: {file} for {recipient}, {when}, {state}"), file=item.file_name,
                recipient=item.recipient, when=item.created_at, state=ctx.text(state))
    from ..sync.labels import field_label, reason_label, table_label
    from . import message_translator

    tr = message_translator(getattr(args, "ui_lang", None), ctx.data_dir) or (lambda _c, text: text)
    conflicts = review.list_conflicts(ctx.store)
    if conflicts:
        where = sorted({f"{table_label(c.table, tr)}: {field_label(c.table, c.field, tr)}" for c in conflicts})
        ctx.say(C_("open conflicts to review: {n} ({where})"), n=len(conflicts), where=", ".join(where))
    for a in status.set_aside(ctx.store, limit=20, lang=ctx.lang or "en"):
        ctx.say(C_("set aside: {table} {id} from {file}, {when}: {reason}"), table=table_label(a.table, tr),
                id=a.record_id[:8], file=a.package_file, when=a.at, reason=reason_label(a.reason, tr))
    return 0


def cmd_conflicts(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync import review

    if args.reverse is not None:
        review.reverse(ctx.store, args.reverse)
        ctx.say(C_("Conflict {id} reversed; the change goes out with the next export."), id=args.reverse)
        return 0
    if args.keep is not None:
        review.dismiss(ctx.store, args.keep)
        ctx.say(C_("Conflict {id}: the current value is kept."), id=args.keep)
        return 0
    from ..sync.labels import field_label, table_label, value_text
    from . import message_translator

    tr = message_translator(getattr(args, "ui_lang", None), ctx.data_dir) or (lambda _c, text: text)

    def shown(c: review.ConflictRow, value: object) -> str:
        text = value_text(c.table, c.field, value, tr, ctx.lang or "en")
        return repr(text) if text else ctx.text(C_("(empty)"))

    rows = review.list_conflicts(ctx.store)
    for c in rows:
        kept = ctx.text(C_("(deleted)")) if c.kind == "delete" else shown(c, c.winner_value)
        ctx.say(C_("{id}: {table} {record}, {field}: kept {kept} from {winner}; other {other} from {loser}"),
                id=c.id, table=table_label(c.table, tr), record=c.record_label,
                field=field_label(c.table, c.field, tr), kept=kept, winner=c.winner_by,
                other=shown(c, c.loser_value), loser=c.loser_by)
    if not rows:
        ctx.say(C_("No open conflicts."))
    return 0
