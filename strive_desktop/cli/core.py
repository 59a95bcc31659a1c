"""Core commands: init, demo, check, backup, restore, dump."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UserError
from ..i18n import N_
from .language import C_

if TYPE_CHECKING:
    from . import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="name this installation and tie it to a community (or --hq)")
    p.add_argument("--name", required=True, help="installation name, e.g. 'Kochkor office'")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--community", help="community name or code, e.g. Kochkor")
    g.add_argument("--hq", action="store_true", help="make this the headquarters installation")
    g.add_argument("--invite", type=Path, help="field office: set up from headquarters' invitation file")
    p.add_argument("--user", dest="account", default=argparse.SUPPRESS,
                   help="the first admin account's name (its password: STRIVE_PASSWORD, or asked twice)")
    p.set_defaults(handler=cmd_init, needs_lock=True)

    p = sub.add_parser("demo", help="fill the data folder with realistic demo data")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=cmd_demo, needs_lock=True)

    p = sub.add_parser("check", help="integrity and foreign-key check; non-zero exit on a problem")
    p.set_defaults(handler=cmd_check, needs_lock=False)

    p = sub.add_parser("backup", help="write a consistent copy of the database (safe while the app runs)")
    p.add_argument("--out", required=True, type=Path, help="file or folder to write")
    p.set_defaults(handler=cmd_backup, needs_lock=False)

    p = sub.add_parser("restore", help="replace the database with a backup (the old one is kept in backups/)")
    p.add_argument("file", type=Path)
    p.add_argument("--other-installation", action="store_true",
                   help="accept a backup made by another installation (e.g. moving to a new computer)")
    p.set_defaults(handler=cmd_restore, needs_lock=True)

    p = sub.add_parser("dump", help="every synced record as canonical, sorted JSON")
    p.set_defaults(handler=cmd_dump, needs_lock=False)


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    from ..services import installation

    if getattr(args, "invite", None):
        from .enrol import cmd_init_invited

        return cmd_init_invited(args, ctx)
    info = installation.init_installation(ctx.store, name=args.name, community=args.community, hq=args.hq,
                                          user_name=ctx.store.account or "")
    if info.is_hq:
        ctx.say(C_("Installation '{name}' (headquarters) set up in {path}"), name=info.name, path=ctx.data_dir)
    else:
        ctx.say(C_("Installation '{name}' ({community}) set up in {path}"), name=info.name,
                community=info.community_name, path=ctx.data_dir)
    return 0


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from ..services import demo

    s = demo.fill(ctx.store, seed=args.seed)
    ctx.say(C_("Demo data added: {communities} communities, {people} people, {trainings} trainings, "
               "{plans} plans."), communities=s.communities, people=s.people, trainings=s.trainings, plans=s.plans)
    return 0


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    from ..services import maintenance
    from ..storage.db import open_store

    if not (ctx.data_dir / "strive.sqlite3").exists() and not ctx.on_server:
        raise UserError(N_("There is no database in {path}."), path=str(ctx.data_dir))
    store = open_store(ctx.data_dir, key=ctx.key, account=ctx.account, lock=False, migrate=False,
                       db_url=ctx.db_url)
    try:
        report = maintenance.check(store)
    finally:
        store.close()
    from ..storage.schema import HEAD

    if report.schema_version == HEAD:
        ctx.say(C_("schema version: {version}"), version=report.schema_version)
    else:
        ctx.say(C_("schema version: {version} (the app upgrades it to {head} when it opens the folder)"),
                version=report.schema_version, head=HEAD)
    for table, n in report.counts.items():
        ctx.say(C_("{table}: {n}"), table=table, n=n)
    for problem in report.problems:
        ctx.warn(C_("problem: {problem}"), problem=ctx.render(problem))
    if report.ok:
        ctx.say(C_("check: OK"))
    else:
        ctx.say(C_("check: {n} problem(s)"), n=len(report.problems))
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from ..services import maintenance
    from ..storage.datafolder import DataFolder

    folder = DataFolder(ctx.data_dir)
    if (folder.db_path.exists() or ctx.on_server) and ctx.key is not None:
        # An encrypted folder: the whole folder (database, key slots, attachments, logos) in one
        # encrypted file that the password of any of its accounts opens (services/backups.py).
        from ..domain.roles import Permission
        from ..services import accounts, backups

        accounts.require(ctx.store, Permission.BACKUP)
        info = backups.write_backup(ctx.store, args.out)
        ctx.say(C_("Backup written to {path} (encrypted, checked)"), path=info.path)
        return 0
    # no login for a folder without a database: the backup says there is nothing to back up
    if not folder.db_path.exists():  # no login for a folder without a database
        raise UserError(N_("There is no database in {path} to back up."), path=str(folder.root))
    out = maintenance.backup(folder, args.out, ctx.key)
    ctx.say(C_("Backup written to {path}"), path=out)
    return 0


@contextlib.contextmanager
def _restoring(folder: Any, backup: Path) -> Iterator[None]:
    """While a backup replaces the folder's contents: the folder's lock held (the app must not
    have it open), and a backup of another installation refused with a clear message."""
    from filelock import FileLock, Timeout

    from ..errors import AlreadyRunning
    from ..services import maintenance

    lock = FileLock(str(folder.lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise AlreadyRunning(N_("STRIVE Desktop is running with this data folder; close it before restoring.")
                             ) from None
    try:
        yield
    except maintenance.OtherInstallation:
        raise UserError(N_("{path} is a backup of another installation; restoring it would give this "
                           "data folder another identity. Restore it into a new, empty data folder, or "
                           "add --other-installation to replace this installation with it."),
                        path=str(backup)) from None
    finally:
        lock.release()


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from ..services import maintenance
    from ..storage.datafolder import DataFolder
    from ..storage.db import open_store

    folder = DataFolder(ctx.data_dir).ensure()
    from ..services import backups

    if backups.is_backup_file(args.file):
        return _restore_encrypted(args, ctx, folder)
    with _restoring(folder, args.file):
        aside = maintenance.restore(folder, args.file, ctx.key, other_installation=args.other_installation)
    open_store(ctx.data_dir, key=ctx.key, account=ctx.account).close()  # applies migrations if the backup is older
    ctx.say(C_("Restored {file}. The replaced database was kept as {path}"), file=args.file, path=aside)
    return 0


def _restore_encrypted(args: argparse.Namespace, ctx: Context, folder: Any) -> int:
    """``restore`` of an encrypted backup (services/backups.py): opened with the password of an
    account of the backup (--user, else the backup's first account; STRIVE_PASSWORD or asked).
    On a folder that has accounts, only an administrator restores."""
    import os

    from ..domain.roles import Permission
    from ..services import accounts, backups
    from ..storage.db import open_store
    from ..storage.vault import Vault, environment_password
    from .login import _ask, _interactive

    current = None
    if Vault(folder).exists():
        store = ctx.store
        accounts.require(store, Permission.RESTORE)
        inst = store.installation()
        current = inst.id if inst else None
        ctx.close()
    name = (ctx.account or os.environ.get("STRIVE_USER") or "").strip() or backups.first_account(args.file)
    password = environment_password()
    if password is None:
        if not _interactive():
            raise UserError(N_("A password is needed: set STRIVE_PASSWORD or run the command in a "
                               "terminal."))
        password = _ask(ctx.text(C_("Password of {name} in the backup: "), name=name))
    with _restoring(folder, args.file):
        aside = backups.restore_backup(folder, args.file, name, password, current_installation=current,
                                       other_installation=args.other_installation)
    key = Vault(folder).unlock(name, password)
    open_store(ctx.data_dir, key=key, account=name).close()  # applies migrations if the backup is older
    ctx.say(C_("Restored {file}. What it replaced was kept in {path}"), file=args.file, path=aside)
    return 0


def cmd_dump(args: argparse.Namespace, ctx: Context) -> int:
    from ..services import maintenance
    from ..storage.db import open_store, read_version
    from ..storage.schema import HEAD

    db = ctx.data_dir / "strive.sqlite3"
    if not db.exists():
        raise UserError(N_("There is no database in {path}."), path=str(ctx.data_dir))
    # The current schema is read without the lock (safe while the app runs); an older one is
    # upgraded first (a backup is written to backups/), so the dump always has today's shape.
    old = read_version(db, ctx.key) != HEAD
    store = open_store(ctx.data_dir, key=ctx.key, account=ctx.account, lock=old, migrate=old)
    try:
        data = maintenance.dump(store)
    finally:
        store.close()
    sys.stdout.write(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1))
    sys.stdout.write("\n")
    return 0
