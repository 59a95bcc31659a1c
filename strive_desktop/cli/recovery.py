"""Recovery on the command line (docs/recovery.md): ``recovery-file`` at headquarters,
``recover`` at the field office whose every password is forgotten. No Qt.

``recover --file FILE --user NAME`` takes the recovery code from ``--code``, else the
STRIVE_RECOVERY_CODE variable, else asks on the terminal; the new password from STRIVE_PASSWORD,
else asked twice on the terminal. With neither a terminal nor the variables it stops with a
clear message instead of waiting for input nobody can give.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import UserError
from ..i18n import N_
from .language import C_, tr
from .login import NEW_PASSWORD, REPEAT_PASSWORD, _ask, _interactive


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("recovery-file",
                       help="headquarters: write the recovery file of a field office whose every "
                            "password is forgotten (its one-time code is shown once)")
    p.add_argument("--installation", required=True, help="the office's installation id (or its start) or name")
    p.add_argument("--out", required=True, type=Path, help="the file (or folder) to write")
    p.add_argument("--days", type=int, default=14, help="days the file stays valid (default 14)")
    p.set_defaults(handler=cmd_recovery_file, needs_lock=True, needs_folder=True)
    q = sub.add_parser("recover",
                       help="field office: open with headquarters' recovery file and set a new "
                            "administrator password")
    q.add_argument("--file", required=True, type=Path, help="the recovery file from headquarters")
    q.add_argument("--user", dest="account", required=True,
                   help="the administrator who gets the new password (made if missing)")
    q.add_argument("--code", default=None,
                   help="the recovery code headquarters read out (else STRIVE_RECOVERY_CODE or asked)")
    q.set_defaults(handler=cmd_recover, needs_lock=True, needs_folder=True)


def cmd_recovery_file(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..sync.recovery import write_recovery_file

    res = write_recovery_file(ctx.store, args.installation, args.out, args.days)
    ctx.say(C_("Recovery file for {name} written to {path}"), name=res.name, path=res.path)
    ctx.say(C_("Valid until {date}."), date=ctx.date(res.expires_at))
    ctx.say(C_("Recovery code (read it out on the phone; it is shown only now): {code}"), code=res.code)
    return 0


def _code(args, lang: str | None) -> str:  # type: ignore[no-untyped-def]
    code = args.code or os.environ.get("STRIVE_RECOVERY_CODE")
    if code:
        return str(code)
    if not _interactive():
        raise UserError(N_("The recovery code is needed: give --code, set STRIVE_RECOVERY_CODE or run "
                           "the command in a terminal."))
    return _ask(tr(lang, C_("Recovery code from headquarters: ")))


def _new_password(name: str, lang: str | None) -> tuple[str, str]:
    from ..storage.vault import environment_password

    password = environment_password()
    if password is not None:
        return password, password
    if not _interactive():
        raise UserError(N_("A new password is needed: set STRIVE_PASSWORD or run the command in a "
                           "terminal."))
    first = _ask(tr(lang, NEW_PASSWORD).format(name=name))
    return first, _ask(tr(lang, REPEAT_PASSWORD))


def cmd_recover(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services.recovery import recover

    code = _code(args, ctx.lang)
    password, repeat = _new_password(args.account, ctx.lang)
    done = recover(ctx.data_dir, args.file, code, args.account, password, repeat)
    ctx.say(C_("{installation} is open again. {account} ({role}) logs in with the new password."),
            installation=done.installation, account=done.account, role=done.role.value)
    return 0
