"""The colours and the few style snippets of the window, in one place.

Pages and dialogs use these names instead of writing colours inline, so that a change of
colour (contrast on an old laptop screen, a colour-blind reader) is one edit here.
"""

from __future__ import annotations

# Text colours.
ERROR = "#b00020"  # a message about something to correct, "Not saved"
OK = "#1e5b28"  # "Saved 14:05"
MUTED = "#5a6473"  # secondary text

# Plan status badges: background, text.
DRAFT_BG, DRAFT_FG = "#e8eef6", "#1f3a5f"
SUBMITTED_BG, SUBMITTED_FG = "#fff0b3", "#5c4400"
APPROVED_BG, APPROVED_FG = "#d9f2dc", OK

# Read-only fields.
READ_ONLY_BG, READ_ONLY_FG = "#f3f3f3", "#333"

ERROR_STYLE = f"color: {ERROR};"
EMPTY_STATE_STYLE = "font-size: 12pt;"


def text_style(colour: str) -> str:
    """A label's style sheet for text in *colour* (one of the colours above)."""
    return f"color: {colour};"


def badge_style(background: str, foreground: str) -> str:
    return f"background: {background}; color: {foreground};"
