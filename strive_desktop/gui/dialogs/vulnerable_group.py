"""Add or edit a vulnerable group: category and description. The form is ui/vulnerable_group_dialog.ui."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSizePolicy, QWidget

from ...errors import ValidationError
from ...services import vulnerable
from .. import theme
from ..context import AppContext, translate
from ..forms.vulnerable_group_dialog_ui import Ui_VulnerableGroupDialog
from ..widgets.discard import AsksBeforeDiscarding


class VulnerableGroupDialog(AsksBeforeDiscarding, QDialog):
    """Saves on accept (``group_id`` is then set); the service's message appears under the category."""

    def __init__(self, ctx: AppContext, community_id: str, community_name: str, parent: QWidget | None = None,
                 *, group: vulnerable.VulnerableGroupInfo | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.community_id = community_id
        self.group = group
        self.group_id: str | None = group.id if group else None
        ui = self.ui = Ui_VulnerableGroupDialog()
        ui.setupUi(self)
        theme.colour_error_labels(self)
        self.category, self.description, self.error = ui.category, ui.description, ui.categoryError
        self.error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setWindowTitle(self.tr("Edit vulnerable group") if group else self.tr("New vulnerable group"))
        ui.where.setText(self.tr("Community: {name}").format(name=community_name))
        save = ui.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Save"))
        save.setDefault(True)
        ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        if group is not None:
            self.category.setText(group.category)
            self.description.setPlainText(group.description)
        self.category.setFocus()
        self.mark_clean()  # Escape / Cancel ask before throwing away what was typed

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def accept(self) -> None:
        self.error.hide()
        cat, desc = self.category.text(), self.description.toPlainText()
        try:
            with self.ctx.ops.action(self, passthrough=(ValidationError,)) as act:
                if self.group is None:
                    self.group_id = vulnerable.add_vulnerable_group(self.ctx.store, self.community_id, cat, desc)
                else:
                    vulnerable.update_vulnerable_group(self.ctx.store, self.group.id, cat, desc)
        except ValidationError as exc:
            self.error.setText(exc.render(translate))
            self.error.show()
            self.category.setFocus()
            return
        if not act.ok:
            return
        super().accept()
