"""Two kinds of failure (after qutebrowser's KnownError / BugError split).

``UserError`` and its subclasses are the environment's or the user's fault (bad input, a locked
or newer database, a broken file, a full disk): they carry a translatable message and are shown
plainly. Anything else is a bug: logged with its traceback and apologised for.
"""

from __future__ import annotations

from .i18n import Message


class UserError(Exception):
    """An error whose message is meant for the user."""

    def __init__(self, text: str, **args: object) -> None:
        self.message = Message(text, **args)
        super().__init__(str(self.message))

    def render(self, translate=None, **formats) -> str:  # type: ignore[no-untyped-def]
        """The message in the language of *translate*; *formats* (number, percent, date) as
        for ``Message.render``."""
        return self.message.render(translate, **formats)


class Refusal(Exception):
    """A check's refusal whose reason becomes part of a user's message (the ``{reason}`` of a
    refused package): ``message`` is the translatable reason, ``str()`` its English text for the
    log."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


class ValidationError(UserError):
    """One or more fields are wrong; ``errors`` maps a field name to its message."""

    def __init__(self, errors: dict[str, Message]) -> None:
        self.errors = errors
        first = next(iter(errors.values()))
        self.message = first
        Exception.__init__(self, "; ".join(f"{k}: {v}" for k, v in errors.items()))


class NotFound(UserError):
    pass


class AlreadyRunning(UserError):
    pass


class DatabaseTooNew(UserError):
    pass


class StorageError(UserError):
    """Disk full, read-only folder, locked or corrupt database."""
