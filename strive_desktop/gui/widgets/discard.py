"""Forms that ask before throwing away what was typed.

A dialog mixes in :class:`AsksBeforeDiscarding` (before ``QDialog``) and calls
``self.mark_clean()`` once its fields are filled with their starting values. Escape, Cancel and
the window's close button all go through ``reject()``: when a field differs from its starting
value the user is asked "Discard what you entered?" (Keep editing is the default, and Escape on
the question keeps editing); an untouched form closes at once.

What counts as the form's state: the text of line edits and text editors, the current item of
combo boxes, the value of spin boxes and date edits (also those inside tables, such as a
training's sessions), and check boxes and radio buttons; rows added or removed change it too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

Value = tuple[str, object]


translate = QCoreApplication.translate

def _value(w: QWidget) -> Value | None:
    if isinstance(w, QLineEdit):
        if w.parent() is not None and isinstance(w.parent(), (QAbstractSpinBox, QComboBox)):
            return None  # the editor inside a spin box or combo box: its owner says it
        return ("text", w.text())
    if isinstance(w, QPlainTextEdit):
        return ("text", w.toPlainText())
    if isinstance(w, QTextEdit):
        return ("text", w.toPlainText()) if not w.isReadOnly() else None
    if isinstance(w, QComboBox):
        return ("combo", (w.currentIndex(), w.currentText() if w.isEditable() else ""))
    if isinstance(w, QAbstractSpinBox):
        return ("spin", w.text())
    if isinstance(w, QAbstractButton) and w.isCheckable():
        return ("check", w.isChecked())
    return None


def form_state(root: QWidget) -> tuple[Value, ...]:
    """Every input's value under *root*, in a stable order (by object, in creation order)."""
    out: list[Value] = []
    for w in root.findChildren(QWidget):
        if w.window() is not root:
            continue  # a message box or a popup (a calendar) shown over the form
        v = _value(w)
        if v is not None:
            out.append((w.objectName() or type(w).__name__, v))
    return tuple(out)


def ask_discard(parent: QWidget) -> bool:
    """"Discard what you entered?" -- True if the user chose to discard."""
    # translate("Context", "...") written out: lupdate finds only these calls
    box = QMessageBox(QMessageBox.Icon.Question, translate("DiscardGuard", "Discard what you entered?"),
                      translate("DiscardGuard", "What you entered in this form has not been saved. "
                                                "Close it and lose what you entered?"),
                      QMessageBox.StandardButton.NoButton, parent)
    discard = box.addButton(translate("DiscardGuard", "&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(translate("DiscardGuard", "&Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    try:
        box.exec()
        return box.clickedButton() is discard
    finally:
        box.deleteLater()


class AsksBeforeDiscarding:
    """Mixin for a ``QDialog`` subclass (listed before ``QDialog``); see the module's text."""

    _clean_state: tuple[Value, ...] | None = None

    def mark_clean(self) -> None:
        """The form as it is now is the starting point: closing it asks nothing."""
        assert isinstance(self, QWidget)
        self._clean_state = form_state(self)

    def has_unsaved_input(self) -> bool:
        assert isinstance(self, QWidget)
        return self._clean_state is not None and form_state(self) != self._clean_state

    def reject(self) -> None:
        assert isinstance(self, QDialog)
        if self.has_unsaved_input() and not QCoreApplication.closingDown() and not ask_discard(self):
            return
        super().reject()  # type: ignore[misc]
