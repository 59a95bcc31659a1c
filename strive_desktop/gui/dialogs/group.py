"""New advisory group: name, CPC name and founding date. The form is ui/group_dialog.ui.

The caller creates the group (``rosters.create_group``) and, on a ``ValidationError``, puts the
message in ``error`` (under the name, the only required field) and shows the dialog again.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSizePolicy, QWidget

from .. import theme
from ..forms.group_dialog_ui import Ui_GroupDialog
from ..widgets.discard import AsksBeforeDiscarding


class GroupDialog(AsksBeforeDiscarding, QDialog):
    """``name`` and ``cpc`` (QLineEdit), ``formed`` (QDateEdit), ``formed_on()``, ``error`` (QLabel)."""

    def __init__(self, community: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ui = self.ui = Ui_GroupDialog()
        ui.setupUi(self)
        theme.colour_error_labels(self)
        self.name, self.cpc, self.formed, self.error = ui.name, ui.cpc, ui.formed, ui.nameError
        # As wide as the field above it: a word-wrapped label otherwise wraps at ~200 px.
        self.error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        ui.where.setText(self.tr("Community: {name}").format(name=community))
        self.name.setText(self.tr("{community} advisory group").format(community=community))
        self.formed.setDate(QDate.currentDate())
        ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Create"))
        ok.setDefault(True)
        ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        self.name.setFocus()
        self.mark_clean()  # Escape / Cancel ask before throwing away what was typed

    def formed_on(self) -> dt.date:
        d = self.formed.date()
        return dt.date(d.year(), d.month(), d.day())
