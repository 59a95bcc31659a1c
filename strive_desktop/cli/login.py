"""Logging in on the command line: ``--user NAME`` and the password.

Every command acts as one account: ``--user NAME`` (default: STRIVE_USER, else the folder's
first account, the admin made by ``init``). The password comes from the STRIVE_PASSWORD
variable, else it is asked on the terminal (getpass); with neither a terminal nor the variable
the command stops with a clear message instead of waiting for input nobody can give.

A folder without a vault (new, or from before encryption) gets one: the first account is
``--user`` (default "admin") with that password, asked twice on a terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import UserError
from ..i18n import N_
from .language import C_, tr

NEW_PASSWORD = C_("New password for {name}: ")
REPEAT_PASSWORD = C_("Repeat the password: ")


def _ask(prompt: str) -> str:
    import getpass

    return getpass.getpass(prompt)


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def login(data_dir: Path, account: str | None, lang: str | None = None) -> tuple[str, bytes]:
    """(account, database key) for *data_dir*; makes the vault of a folder that has none. The
    questions on the terminal are in *lang*."""
    from ..storage.datafolder import DataFolder
    from ..storage.vault import Vault, environment_password

    folder = DataFolder(data_dir).ensure()
    vault = Vault(folder)
    name = (account or os.environ.get("STRIVE_USER") or "").strip()
    password = environment_password()
    if not vault.exists():
        name = name or "admin"
        if password is None:
            if not _interactive():
                raise UserError(N_("A password is needed for the first account of this data folder: set "
                                   "STRIVE_PASSWORD or run the command in a terminal."))
            password = _ask(tr(lang, NEW_PASSWORD).format(name=name))
            if _ask(tr(lang, REPEAT_PASSWORD)) != password:
                raise UserError(N_("The two passwords are not the same."))
        return name, vault.create(name, password)
    if not name:
        users = vault.users()
        name = users[0] if users else ""
    if password is None:
        if not _interactive():
            raise UserError(N_("A password is needed: set STRIVE_PASSWORD or run the command in a "
                               "terminal."))
        password = _ask(tr(lang, C_("Password for {name}: ")).format(name=name))
    return name, vault.unlock(name, password)
