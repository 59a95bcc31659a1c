"""Running a modal dialog that is deleted afterwards.

A dialog made with a parent and never deleted stays alive as a hidden child of its page, and
PySide may hand it to Python's garbage collector, which can then delete it at a random moment
(a crash inside a later Qt call was seen that way). :func:`exec_and_delete` runs the dialog and
schedules its deletion: the caller can still read its results right after (the deletion waits
for the event loop that called it, not for a nested one such as the next dialog's).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def exec_and_delete(dialog: QDialog) -> int:
    """``dialog.exec()``, then ``deleteLater()``; the exec result."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
