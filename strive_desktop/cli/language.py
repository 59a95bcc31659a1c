"""The command line in Kyrgyz and Russian: help, usage and argparse's own words from the one
catalog of texts (strive_desktop/catalog.py, context "cli").

The commands' modules write their help in English (``help="..."``, ``description="..."``);
resources/translations/update.py collects those literals, and the ``C_()`` marks below, into
the context "cli" of the .ts files. Nothing is translated when the parser is built: the help
formatter looks each text up when it writes it, and argparse's own words ("usage:", "options",
"the following arguments are required") are looked up while the arguments are parsed. In
English no catalog (and no Qt) is loaded.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..catalog import CLI, translate

LANGS = ("ky", "ru", "en")


def C_(text: str) -> str:  # noqa: N802 - a translate-noop mark like i18n.N_
    """Mark a command-line text for the catalog (context "cli"); return it unchanged."""
    return text


# argparse's own words (Python's msgids, placeholders and all), looked up while parsing.
ARGPARSE_WORDS = (
    C_("usage: "), C_("positional arguments"), C_("options"), C_("show this help message and exit"),
    C_("show program's version number and exit"),
    C_("argument %(argument_name)s: %(message)s"), C_("unrecognized arguments: %s"),
    C_("not allowed with argument %s"), C_("the following arguments are required: %s"),
    C_("one of the arguments %s is required"), C_("expected one argument"),
    C_("expected at most one argument"), C_("expected at least one argument"),
    C_("ambiguous option: %(option)s could match %(matches)s"), C_("invalid %(type)s value: %(value)r"),
    C_("invalid choice: %(value)r (choose from %(choices)s)"), C_("%(prog)s: error: %(message)s\n"),
    C_("can't open '%(filename)s': %(error)s"),
)
# The words main() prints itself.
ERROR_PREFIX = C_("error: {message}")
INTERRUPTED = C_("interrupted")


def tr(lang: str | None, text: str) -> str:
    """A command-line text in *lang* (English when the catalog has none)."""
    return translate(lang, CLI, text)


def requested_language(argv: Sequence[str]) -> str | None:
    """The interface language asked for with ``--lang`` before the command (``--lang ky
    pdf ...``); a command's own ``--lang`` (a document's language) comes after its name and
    does not count. None if not given."""
    it = iter(argv)
    for arg in it:
        if arg == "--lang":
            value = next(it, None)
            return value if value in LANGS else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in LANGS else None
        if arg == "--data-dir":
            next(it, None)
        elif not arg.startswith("-"):
            return None  # the command's name: what follows is the command's own
    return None


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, writing every heading and help text in the chosen language."""

    def __init__(self, prog: str, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self.lang = lang

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, tr(self.lang, "usage: ") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(tr(self.lang, heading) if heading else heading)

    def add_text(self, text: str | None) -> None:
        super().add_text(tr(self.lang, text) if text and text is not argparse.SUPPRESS else text)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return tr(self.lang, action.help) if action.help else action.help


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks *lang*: its help through :class:`HelpFormatter`, its
    sub-commands' parsers the same, its error messages with argparse's words looked up in the
    catalog."""

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        self.lang = lang if lang in ("ky", "ru") else None

        def formatter(prog: str) -> argparse.HelpFormatter:
            return HelpFormatter(prog, lang=self.lang)

        kwargs.setdefault("formatter_class", formatter)
        super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", _parser_class(self.lang))
        return super().add_subparsers(**kwargs)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        with argparse_words(self.lang):
            return super().parse_known_args(args, namespace)


def _parser_class(lang: str | None) -> Callable[..., Parser]:
    def make(*args: Any, **kwargs: Any) -> Parser:
        return Parser(*args, lang=lang, **kwargs)

    return make


@contextlib.contextmanager
def argparse_words(lang: str | None) -> Iterator[None]:
    """While parsing, argparse's own messages ("invalid choice", "the following arguments are
    required") come from the catalog: argparse looks them up through its module's gettext
    function ``_``, swapped here and put back afterwards."""
    if lang not in ("ky", "ru"):
        yield
        return
    module: Any = argparse
    before = module._
    module._ = lambda text: tr(lang, text)
    try:
        yield
    finally:
        module._ = before
