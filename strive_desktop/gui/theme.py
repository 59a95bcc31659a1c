"""The colours and the few style snippets of the window, in one place.

Pages and dialogs use these names instead of writing colours inline, so that a change of
colour (contrast on an old laptop screen, a colour-blind reader) is one edit here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

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

WARNING = "#8a5a00"  # "Unsaved changes", a hint that something is missing
NOTICE_FG = "#5c4400"  # "Read-only"
HINT = "#555"  # hints under and beside lists
SUBTLE = "#444"  # an empty list's sentence, a selected item's details
BANNER_BG, BANNER_BORDER = "#fff4ce", "#e0c060"  # the undo bar, a read-only plan's banner
PANEL_BG, PANEL_BORDER = "#f2f5f9", "#d5dde8"  # a box of totals

# Tables: the attendance sheet's totals column, a completed training's total, a walk-in's name,
# an activity row that cannot be saved, a certificate of someone who is no longer on the sheet.
TOTAL_BG = DRAFT_BG
DONE_FG = "#1b7f3b"
WALK_IN_FG = "#5a4a00"
ROW_ERROR_BG = "#fde2e1"
OUT_FG = "#8a3b12"

# Two revisions side by side: a changed, added, removed value; the header cells.
CHANGED_BG = SUBMITTED_BG
ADDED_BG = APPROVED_BG
REMOVED_BG = "#f9dcdc"
COMPARE_HEADER_BG = DRAFT_BG

# Charts: bars in this order, women and men, plan statuses (draft, submitted, approved), the
# axis text and a bar's empty track.
CHART_PALETTE = ("#2b6cb0", "#d53f8c", "#38a169", "#dd6b20", "#805ad5", "#319795", "#b7791f", "#e53e3e",
                 "#718096")
SEX_COLOURS = ("#d53f8c", "#2b6cb0")
STATUS_COLOURS = ("#a0aec0", "#dd6b20", "#38a169")
CHART_AXIS = "#718096"
CHART_TRACK = "#edf2f7"

ERROR_STYLE = f"color: {ERROR};"
BOLD_STYLE = "font-weight: 600;"
TITLE_STYLE = "font-size: 15pt; font-weight: 600;"  # a page's title
SUBTITLE_STYLE = f"font-size: 12pt; color: {SUBTLE};"  # beside it: the community shown
HEADING_STYLE = "font-size: 12pt; font-weight: 600;"  # a selected item's name
HINT_STYLE = f"color: {HINT};"
DETAILS_STYLE = f"color: {SUBTLE};"
BANNER_STYLE = (f"background: {BANNER_BG}; border: 1px solid {BANNER_BORDER}; border-radius: 3px;"
                " padding: 5px 8px;")
# For a named frame: PANEL_STYLE.format(name="Totals") styles #Totals, not its children.
PANEL_STYLE = "#{name} {{ background: " + PANEL_BG + "; border: 1px solid " + PANEL_BORDER + "; border-radius: 3px; }}"
TABLE_CELL_STYLE = "QTableWidget::item { padding: 2px 4px; }"  # a table of long texts side by side
SECTION_STYLE = "font-weight: 600; margin-top: 8px;"  # a heading inside a page
EMPTY_HINT_STYLE = "font-size: 11pt; padding: 8px 2px;"  # a sentence in place of an empty list's rows

# The navigation on the left and the community bar above the pages.
NAV_BG, NAV_SELECTED_BG = "#1f3a5f", "#2f5d8f"
NAV_STYLE = (f"#Navigation {{ background: {NAV_BG}; color: white; border: none; font-size: 11pt; padding-top: 8px; }}"
             "#Navigation::item { padding: 9px 12px; }"
             f"#Navigation::item:selected {{ background: {NAV_SELECTED_BG}; color: white; }}")
COMMUNITY_BAR_STYLE = f"#CommunityBar {{ background: {DRAFT_BG}; border-bottom: 1px solid #c5d3e6; }}"

# The dashboard's cards.
CARD_STYLE = "#Card { background: palette(base); border: 1px solid #d0d7e2; border-radius: 4px; }"
CARD_VALUE_STYLE = "font-size: 20pt; font-weight: 600; color: #1a365d;"

# A result or a note in a box: good (a valid certificate), bad, a note to read first.
GOOD_BOX_BG, GOOD_BOX_BORDER = "#e4f4e4", "#7fb77f"
BAD_BOX_BG, BAD_BOX_BORDER = "#fbe6e1", "#d08b7a"
NOTE_BOX_BG, NOTE_BOX_BORDER = "#fff4d6", "#e0c169"
# A place for a picture (a logo, a signature) not chosen yet.
PICTURE_SLOT_STYLE = f"QLabel {{ border: 1px dashed #9aa5b4; color: {MUTED}; }}"


def box_style(name: str, background: str, border: str) -> str:
    """The style sheet of the frame named *name* (its children keep theirs): a box in colours."""
    return f"#{name} {{ background: {background}; border: 1px solid {border}; border-radius: 3px; }}"
CHIP_STYLE = "padding: 3px 10px; border-radius: 9px; font-weight: 600; "
EMPTY_STATE_STYLE = f"font-size: 12pt; color: {SUBTLE};"


def text_style(colour: str) -> str:
    """A label's style sheet for text in *colour* (one of the colours above)."""
    return f"color: {colour};"


def badge_style(background: str, foreground: str) -> str:
    return f"background: {background}; color: {foreground};"


# the idle lock's cover over a locked window (gui/dialogs/idle_lock.py)
LOCK_COVER_STYLE = "QFrame#lockCover { background: #eef1f5; }"
# a new office's first-week steps on the dashboard (gui/widgets/first_week.py)
FIRST_WEEK_STYLE = "#FirstWeek { background: #f4f8fd; border: 1px solid #b9cbe3; border-radius: 4px; }"


def error_labels(form: QWidget) -> list[QLabel]:
    """A Designer form's error labels: ``<field>Error`` under each field, or ``error``."""
    return [label for label in form.findChildren(QLabel)
            if label.objectName() == "error" or label.objectName().endswith("Error")]


def colour_error_labels(form: QWidget) -> None:
    """Give a form's error labels the error colour: the .ui files carry no colour of their own."""
    for label in error_labels(form):
        label.setStyleSheet(ERROR_STYLE)
