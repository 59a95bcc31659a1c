"""Accounts on the command line: users list | add | reset-password | deactivate | set-role.

Every command acts as the account given by ``--user`` (checked by the services: only an
administrator manages users). A new password comes from the variable STRIVE_NEW_PASSWORD or
is asked twice on a terminal; with neither, a clear error instead of waiting. No Qt.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..domain.roles import Permission, Role
from ..errors import UserError
from ..i18n import N_
from .language import C_, tr

ROLE_NAMES = [r.value for r in Role]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="accounts of this installation (administrators only)")
    users = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    q = users.add_parser("list", help="every account with its role")
    q.set_defaults(handler=cmd_list, needs_lock=False)
    q = users.add_parser("add", help="a new account; its password from STRIVE_NEW_PASSWORD or asked")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=ROLE_NAMES,
                   help="trainer, staff, or the administrator of this kind of installation "
                        "(office_admin at a field office, hq_admin at headquarters)")
    q.set_defaults(handler=cmd_add, needs_lock=True)
    q = users.add_parser("reset-password", help="a new password for an account (a forgotten one)")
    q.add_argument("name")
    q.set_defaults(handler=cmd_reset, needs_lock=True)
    q = users.add_parser("set-role", help="change an account's role")
    q.add_argument("name")
    q.add_argument("role", choices=ROLE_NAMES)
    q.set_defaults(handler=cmd_set_role, needs_lock=True)
    q = users.add_parser("deactivate", help="the account can no longer log in (its name stays in the log)")
    q.add_argument("name")
    q.set_defaults(handler=cmd_deactivate, needs_lock=True)


def new_password(name: str, lang: str | None = None) -> tuple[str, str]:
    """(password, repeat) for *name*: STRIVE_NEW_PASSWORD, or asked twice on a terminal (in *lang*)."""
    env = os.environ.get("STRIVE_NEW_PASSWORD")
    if env:
        return env, env
    if not sys.stdin.isatty():
        raise UserError(N_("Give the new password in the STRIVE_NEW_PASSWORD variable, or run the "
                           "command in a terminal to type it."))
    import getpass

    from .login import NEW_PASSWORD, REPEAT_PASSWORD

    first = getpass.getpass(tr(lang, NEW_PASSWORD).format(name=name))
    return first, getpass.getpass(tr(lang, REPEAT_PASSWORD))


def cmd_list(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import accounts

    accounts.require(ctx.store, Permission.MANAGE_USERS)
    rows = accounts.list_accounts(ctx.store)
    if not rows:
        ctx.say(C_("No accounts."))
        return 0
    width = max(len(a.name) for a in rows)
    for a in rows:
        state = C_("active (added {date})") if a.active else C_("deactivated (added {date})")
        ctx.out(f"{a.name:<{width}}  {a.role.value:<12}  " + ctx.text(state, date=ctx.date(a.created)))
    return 0


def cmd_add(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import accounts

    accounts.require(ctx.store, Permission.MANAGE_USERS)  # before asking for a password
    password, repeat = new_password(args.name, ctx.lang)
    info = accounts.add_account(ctx.store, args.name, args.role, password, repeat)
    ctx.say(C_("Account {name} added ({role})."), name=info.name, role=info.role.value)
    return 0


def cmd_reset(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import accounts

    accounts.require(ctx.store, Permission.MANAGE_USERS)
    password, repeat = new_password(args.name, ctx.lang)
    accounts.reset_password(ctx.store, args.name, password, repeat)
    ctx.say(C_("The password of {name} was changed."), name=args.name)
    return 0


def cmd_set_role(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import accounts

    info = accounts.set_role(ctx.store, args.name, args.role)
    ctx.say(C_("{name} is now {role}."), name=info.name, role=info.role.value)
    return 0


def cmd_deactivate(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import accounts

    info = accounts.deactivate(ctx.store, args.name)
    ctx.say(C_("Account {name} deactivated: it can no longer log in."), name=info.name)
    return 0
