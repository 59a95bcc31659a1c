"""The command line: ``python main.py [--data-dir DIR] COMMAND``. No Qt widgets are imported here.

With no command the GUI starts. Each command prints one clear line on an error and exits
non-zero, in Kyrgyz or Russian with ``--lang`` or when that language was chosen in the GUI;
``--lang ky`` / ``--lang ru`` before the command also gives the help, the usage lines and
argparse's own messages and the commands' result lines in that language (cli/language.py). An
unexpected error is logged to logs/strive.log in the data folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import APP_NAME, __version__
from ..errors import UserError
from ..i18n import Message

EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 70

# Modules that add commands: each has ``register(subparsers)``; handlers are set with
# ``parser.set_defaults(handler=fn, needs_lock=bool)`` and called as ``fn(args, ctx)``. A command
# that only works on a data folder already set up adds ``needs_folder=True``: on a folder without
# a database (a mistyped --data-dir) it stops with exit 2 before anything is created.
COMMAND_MODULES = ["strive_desktop.cli.core", "strive_desktop.cli.pdf", "strive_desktop.cli.sync",
                   "strive_desktop.cli.sheets", "strive_desktop.cli.people", "strive_desktop.cli.enrol",
                   "strive_desktop.cli.users", "strive_desktop.cli.recovery", "strive_desktop.cli.hq"]


class Context:
    """What a command handler gets: the data folder, opened on demand."""

    def __init__(self, data_dir: Path, needs_lock: bool, db_url: str | None = None) -> None:
        self.data_dir = data_dir
        #: --db-url: a headquarters database on a PostgreSQL server (storage/engine.py)
        self.db_url = db_url
        self.needs_lock = needs_lock
        self._store = None
        self.account: str | None = None  # --user NAME
        self._key: bytes | None = None
        self.lang: str | None = None  # --lang, else the language chosen in the GUI (main)

    @property
    def key(self) -> bytes:
        """The database key, after logging in as ``--user`` (:mod:`cli.login`)."""
        if self._key is None:
            from .login import login

            self.account, self._key = login(self.data_dir, self.account, self.lang)
        return self._key

    @property
    def on_server(self) -> bool:
        """The folder keeps its database on a PostgreSQL server (--db-url, settings.json)."""
        from ..storage.datafolder import DataFolder
        from ..storage.engine import database_url

        return database_url(DataFolder(self.data_dir), self.db_url) is not None

    @property
    def store(self):  # type: ignore[no-untyped-def]
        if self._store is None:
            from ..storage.db import open_store

            store = open_store(self.data_dir, key=self.key, account=self.account, lock=self.needs_lock,
                               db_url=self.db_url)
            if store.account:
                from ..services import accounts

                try:  # the account's role applies to every command (services/accounts.py)
                    accounts.login(store, store.account)
                except BaseException:
                    store.close()
                    raise
            self._store = store
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @staticmethod
    def out(text: str = "") -> None:
        print(text)

    def text(self, text: str, **values: object) -> str:
        """*text* (English, marked with ``C_()`` for the catalog, context "cli") in the interface
        language, its ``{placeholders}`` filled from *values*."""
        from .language import tr

        return tr(self.lang, text).format(**values)

    def say(self, text: str, **values: object) -> None:
        """Print a result line in the interface language (see :meth:`text`)."""
        self.out(self.text(text, **values))

    def warn(self, text: str, **values: object) -> None:
        """The same on stderr: a problem found, not the command's result."""
        print(self.text(text, **values), file=sys.stderr)

    def render(self, message: Message | UserError) -> str:
        """A service's message (context "strive") in the interface language, its dates too."""
        return render(message, self.lang, self.data_dir)

    def date(self, d: dt.date) -> str:
        """A date for a person to read, the interface language's way: 05.12.2026 in Kyrgyz and
        Russian, Dec 5, 2026 in English (a date the command takes as an argument stays ISO)."""
        from ..formatting import fmt_date

        return fmt_date(d.date() if isinstance(d, dt.datetime) else d, self.lang or "en")

    def stamp(self, t: dt.datetime) -> str:
        """A stored (UTC) time in local time, the interface language's way: 05.12.2026 14:07 /
        Dec 5, 2026, 2:07 PM."""
        from ..formatting import fmt_datetime, local_time

        return fmt_datetime(local_time(t), self.lang or "en")


def build_parser(lang: str | None = None, *, commands: bool = True) -> argparse.ArgumentParser:
    """The parser of every command; its help and messages in *lang* (English without).
    Without *commands*, the options before a command only (what starting the window takes)."""
    from .language import Parser

    parser = Parser(prog="strive-desktop", description=f"{APP_NAME} {__version__}", lang=lang)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data folder to use (default: the user's data folder); "
                             "point it at a USB stick for portable use")
    parser.add_argument("--db-url", default=None, metavar="URL",
                        help="headquarters only: keep the database on a PostgreSQL server "
                             "(postgresql+psycopg://user:password@server:5432/database) instead of "
                             "the data folder's file; settings.json's database_url does the same")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    # dest ui_lang: the PDF commands have a --lang of their own (the document's language)
    parser.add_argument("--lang", dest="ui_lang", choices=["ky", "ru", "en"], default=None,
                        help="interface language (also of error messages)")
    parser.add_argument("--user", dest="account", default=None,
                        help="the account to act as (default: the first admin); the password comes "
                             "from STRIVE_PASSWORD or is asked on the terminal")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    for command in sub.choices.values():  # every command acts as one account (cli/login.py)
        if "--user" not in command._option_string_actions:
            command.add_argument("--user", dest="account", default=argparse.SUPPRESS,
                                 help="the account to act as (default: the first admin); the password "
                                      "comes from STRIVE_PASSWORD or is asked")
    return parser


def saved_language(data_dir: Path) -> str | None:
    """The language chosen in the GUI for this data folder (gui.ini), if any."""
    import configparser

    ini = configparser.ConfigParser(interpolation=None)
    try:
        ini.read(data_dir / "gui.ini", encoding="utf-8")
    except (OSError, configparser.Error):
        return None
    return ini.get("General", "language", fallback=None)


def message_translator(lang: str | None, data_dir: Path) -> Callable[[str, str], str] | None:
    """Error messages in Kyrgyz or Russian: ``--lang``, else the language chosen in the GUI;
    None (English) otherwise. The catalog (QtCore's QTranslator) is loaded only then."""
    lang = lang or saved_language(data_dir)
    if lang not in ("ky", "ru"):
        return None
    try:
        from ..catalog import translator

        return translator(lang)
    except Exception:  # noqa: BLE001 - English is better than no message at all
        return None


def render(message: Message | UserError, lang: str | None, data_dir: Path) -> str:
    """*message* (context "strive") in *lang*, else the language chosen in the GUI; its
    ``datetime.date``, ``Number`` and ``Percent`` arguments written that language's way
    (05.12.2026 / Dec 5, 2026; 9,6 / 9.6; 80 % / 80%), as the window writes them."""
    from ..formatting import fmt_date, fmt_number, fmt_percent

    lang = lang or saved_language(data_dir)
    out = lang or "en"
    return message.render(message_translator(lang, data_dir), date=lambda d: fmt_date(d, out),
                          number=lambda x: fmt_number(x, out, 6), percent=lambda x: fmt_percent(x / 100, out))


def _has_database(data_dir: Path, db_url: str | None) -> bool:
    """The folder has its database file, or keeps its database on a server (--db-url or
    settings.json: whether that one is set up is for the command to find out)."""
    if (data_dir / "strive.sqlite3").is_file():
        return True
    from ..storage.datafolder import DataFolder
    from ..storage.engine import database_url

    try:
        return database_url(DataFolder(data_dir), db_url) is not None
    except UserError:
        return True  # a wrong address: the command says so


def _starts_the_window(argv: Sequence[str]) -> bool:
    """*argv* holds only the options before a command, each with a valid value: the window
    starts, and the commands' parsers (nine modules to import, a tenth of a second or more before
    the window's first paint) are not built. Anything else (a command, ``--help``, an unknown or
    abbreviated option, a missing value) goes to the full parser, which says what is wrong."""
    from .language import LANGS

    it = iter(argv)
    for arg in it:
        name, equals, value = arg.partition("=")
        if name not in ("--data-dir", "--db-url", "--lang", "--user"):
            return False
        given = value if equals else next(it, None)
        if given is None or (name == "--lang" and given not in LANGS):
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    from .language import ERROR_PREFIX, INTERRUPTED, requested_language, tr

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(requested_language(argv), commands=not _starts_the_window(argv))
    args = parser.parse_args(argv)
    from ..storage.datafolder import default_data_dir

    data_dir = (args.data_dir or default_data_dir()).expanduser()
    if not args.command:
        from ..gui.app import run_gui

        return run_gui(data_dir, lang=args.ui_lang)
    handler: Callable = args.handler
    ctx = Context(data_dir, getattr(args, "needs_lock", True), args.db_url)
    if getattr(args, "needs_folder", False) and not _has_database(data_dir, args.db_url):
        from ..i18n import N_

        missing = UserError(N_("No STRIVE data folder at {path}. Check --data-dir, or set the folder up "
                               "first ('init' or the app)."), path=str(data_dir))
        lang = args.ui_lang or saved_language(data_dir)
        print(tr(lang, ERROR_PREFIX).format(message=render(missing, lang, data_dir)),
              file=sys.stderr)
        return EXIT_USAGE
    ctx.account = getattr(args, "account", None) or None
    ctx.lang = args.ui_lang or saved_language(data_dir)
    try:
        return int(handler(args, ctx) or 0)
    except UserError as exc:
        lang = args.ui_lang or saved_language(data_dir)
        print(tr(lang, ERROR_PREFIX).format(message=render(exc, lang, data_dir)),
              file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(tr(args.ui_lang or saved_language(data_dir), INTERRUPTED), file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        from ..logsetup import log_bug

        log = log_bug(exc, data_dir / "logs")
        tr = message_translator(args.ui_lang, data_dir)
        text = "Sorry, something went wrong. Your saved data is safe.\nThe details were written to:\n{path}"
        print((tr("App", text) if tr else text).format(path=log).replace("\n", " "), file=sys.stderr)
        return EXIT_BUG
    finally:
        ctx.close()
