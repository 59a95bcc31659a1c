"""What the parts of the Local plans page share: styles, the "not set" date, revision notes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from ....domain.enums import PlanStatus
from ... import theme
from ...models.activities import status_label

ERROR_STYLE = theme.ERROR_STYLE
READ_ONLY_STYLE = "{cls} {{ background: " + theme.READ_ONLY_BG + "; color: " + theme.READ_ONLY_FG + "; }}"
NO_DATE = QDate(2000, 1, 1)  # the period fields show "not set" at their minimum
STATUS_STYLE = {
    PlanStatus.DRAFT.value: theme.badge_style(theme.DRAFT_BG, theme.DRAFT_FG),
    PlanStatus.SUBMITTED.value: theme.badge_style(theme.SUBMITTED_BG, theme.SUBMITTED_FG),
    PlanStatus.APPROVED.value: theme.badge_style(theme.APPROVED_BG, theme.APPROVED_FG),
}
# Revisions frozen by a status change get the new status as their note (stored as is: "submitted",
# "approved"); they are shown as the status in the UI language.
AUTOMATIC_NOTES = frozenset({PlanStatus.SUBMITTED.value, PlanStatus.APPROVED.value})


def revision_note(note: str) -> str:
    """A revision's note as the user reads it: typed notes as typed, automatic ones translated."""
    return status_label(note) if note in AUTOMATIC_NOTES else note


def local_time(ts: dt.datetime) -> dt.datetime:
    """A stored UTC time in the computer's time zone."""
    return ts.replace(tzinfo=dt.UTC).astimezone()


def as_error_label(label: QLabel) -> QLabel:
    """*label* (of a Designer form) made a message under a field; its place is kept while it is
    hidden, so that showing it moves nothing."""
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.hide()
    return label


def as_line_label(label: QLabel, align: Qt.AlignmentFlag) -> QLabel:
    """*label* (of a Designer form) made a one-line message in a row of fixed height (the whole
    text also in its tooltip)."""
    as_error_label(label)
    label.setWordWrap(False)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    return label
