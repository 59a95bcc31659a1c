"""Enrolment commands: ``invite`` (headquarters) and ``revoke``; ``init --invite`` is in core."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .language import C_

if TYPE_CHECKING:
    from . import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("invite", help="headquarters: write an invitation file for a new field office "
                                      "(its first package is then accepted without a phone call)")
    p.add_argument("--community", required=True, help="community name or code, e.g. Kochkor")
    p.add_argument("--out", required=True, type=Path, help="file or folder to write (e.g. a USB stick)")
    p.add_argument("--days", type=int, default=30, help="how long the invitation is valid (default 30 days)")
    p.set_defaults(handler=cmd_invite, needs_lock=True, needs_folder=True)

    p = sub.add_parser("revoke", help="headquarters: stop accepting an installation (id, name or fingerprint)")
    p.add_argument("installation")
    p.set_defaults(handler=cmd_revoke, needs_lock=True, needs_folder=True)


def cmd_invite(args: argparse.Namespace, ctx: Context) -> int:
    from ..sync import enrol, keys

    inv = enrol.write_invitation(ctx.store, args.community, args.out, days=args.days)
    ctx.say(C_("Invitation written to {path}, valid until {date}. Give it to the office (USB stick, e-mail); "
               "headquarters' fingerprint is {fingerprint}."), path=inv.path, date=ctx.date(inv.expires_at),
            fingerprint=keys.load_identity(ctx.store).fingerprint)
    return 0


def cmd_revoke(args: argparse.Namespace, ctx: Context) -> int:
    from ..errors import UserError
    from ..i18n import N_
    from ..sync import enrol, keys

    key = args.installation.strip().lower()
    match = [p for p in keys.list_peers(ctx.store) if not p.is_hq and key and (
        p.installation_id.lower().startswith(key) or p.name.lower() == key or p.fingerprint.lower() == key)]
    if len(match) != 1:
        raise UserError(N_("No installation called {name} has sent a package yet.") if not match else
                        N_("More than one installation matches {name}; use its id."), name=args.installation)
    enrol.revoke_installation(ctx.store, match[0].installation_id)
    ctx.say(C_("{name} is no longer accepted; its packages wait until it is accepted again."), name=match[0].name)
    return 0


def cmd_init_invited(args: argparse.Namespace, ctx: Context) -> int:
    from ..sync import enrol

    info = enrol.init_from_invitation(ctx.store, args.invite, name=args.name, user_name=ctx.store.account or "")
    ctx.say(C_("Installation '{name}' ({community}) set up in {path} by invitation; it can export to "
               "headquarters now."), name=info.name, community=info.community_name, path=ctx.data_dir)
    return 0
