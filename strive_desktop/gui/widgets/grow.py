"""A dialog that grows when it shows more: a field's error message appearing under its field."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .. import theme

#: room kept for the window's title bar and frame under the screen's available height
_FRAME = 40


def grow_to_fit(dialog: QWidget) -> None:
    """Make every word-wrapped error label *dialog* shows (``<field>Error``, ``error``) as tall as its text at its width, and the
    dialog as tall as that needs (within the screen).

    A form layout sizes a word-wrapped label shown later (a field's error, kept no taller than
    its text) for a guessed width, so a message of three lines at the field's real width would
    be cut off at the bottom."""
    layout = dialog.layout()
    if layout is None:
        return
    labels = [label for label in theme.error_labels(dialog) if label.wordWrap()]
    for label in labels:
        label.setMinimumHeight(0)
    layout.activate()
    for label in labels:
        if label.isVisibleTo(dialog) and label.text():
            need = label.heightForWidth(label.width())
            if need > label.height():
                label.setMinimumHeight(need)
    layout.activate()
    want = layout.totalMinimumSize().height()
    screen = dialog.screen()
    if screen is not None:
        want = min(want, screen.availableGeometry().height() - _FRAME)
    if dialog.height() < want:
        dialog.resize(dialog.width(), want)
