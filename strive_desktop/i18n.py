"""Marking strings for translation without importing Qt.

Domain and service code raise errors whose text is an English *source string*. The GUI passes
it through ``QCoreApplication.translate(CONTEXT, text)``; lupdate finds the strings because they
are wrapped in ``N_()`` (registered as a translate-noop keyword). Placeholders use ``{name}`` and
are filled after translation, so a translator can move them. An argument that is a
``Message`` itself (a field's name in "{what} is required.") is translated the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

CONTEXT = "strive"


def N_(text: str) -> str:  # noqa: N802 - the conventional gettext-noop name
    """Mark *text* for extraction; return it unchanged."""
    return text


class Number:
    """A number inside a message ("{hours} hours"), written the way the reader's language
    writes numbers: the GUI passes ``Message.render(number=...)`` (QLocale: "9,6" in Russian
    and Kyrgyz); without one it is Python's short form ("9.6", "6")."""

    __slots__ = ("value",)

    def __init__(self, value: float) -> None:
        self.value = value

    def __str__(self) -> str:
        return f"{self.value:g}"

    def __repr__(self) -> str:
        return f"Number({self.value!r})"


class Percent(Number):
    """A percentage (0-100) inside a message, sign included: "92%" in English; the GUI passes
    ``Message.render(percent=...)`` for "92 %" in Russian and Kyrgyz (domain/percent.py)."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{round(self.value)}%"

    def __repr__(self) -> str:
        return f"Percent({self.value!r})"


Format = Callable[[float], str]
DateFormat = Callable[[dt.date], str]


class Message:
    """A translatable message with named arguments, rendered by whoever shows it."""

    __slots__ = ("text", "args")

    def __init__(self, text: str, **args: object) -> None:
        self.text = text
        self.args = args

    def render(self, translate=None, *, number: Format | None = None,  # type: ignore[no-untyped-def]
               percent: Format | None = None, date: DateFormat | None = None) -> str:
        """The text in the language of *translate* (English without one).

        An argument that is itself a ``Message`` (e.g. a field's name marked with ``N_``:
        ``Message(N_("{what} is required."), what=Message(N_("The full name")))``) is
        rendered with the same *translate*, so no English word is left inside a translated
        sentence. ``Number`` and ``Percent`` arguments are written by *number* and *percent*
        (the reader's conventions: "9,6", "80 %"), or in English without them; a ``datetime.date``
        argument by *date* ("05.12.2026" in Russian), or Babel's English form without one.
        """
        src = translate(CONTEXT, self.text) if translate else self.text
        args = {k: self._arg(v, translate, number, percent, date) for k, v in self.args.items()}
        try:
            return src.format(**args)
        except (KeyError, IndexError):
            return self.text.format(**args)

    @staticmethod
    def _arg(value: object, translate, number: Format | None,  # type: ignore[no-untyped-def]
             percent: Format | None, date: DateFormat | None) -> object:
        if isinstance(value, Message):
            return value.render(translate, number=number, percent=percent, date=date)
        if isinstance(value, dt.date):
            if date is not None:
                return date(value)
            from .formatting import fmt_date

            return fmt_date(value, "en")
        if isinstance(value, Percent):
            return percent(value.value) if percent else str(value)
        if isinstance(value, Number):
            return number(value.value) if number else str(value)
        return value

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.text!r}, {self.args!r})"


def os_reason(exc: OSError) -> Message | str:
    """Why a file operation failed, as a translatable phrase for the common causes (a full
    disk, a read-only stick, no permission, a missing file, a read error); the system's own
    (English) text otherwise. Used as the ``{reason}`` of a message."""
    import errno

    phrases = {
        errno.ENOSPC: N_("the disk is full"),
        errno.EROFS: N_("the disk or folder is read-only"),
        errno.EACCES: N_("you have no permission to write there"),
        errno.EPERM: N_("you have no permission to write there"),
        errno.ENOENT: N_("the file or folder does not exist"),
        errno.EIO: N_("the disk could not be read or written (is the USB stick still in?)"),
    }
    phrase = phrases.get(exc.errno or 0)
    return Message(phrase) if phrase else (exc.strerror or str(exc))

