"""First start on an empty data folder: name the installation, its community (or HQ), the user.

Or, for a look around or a training course, "Use demo data": the folder becomes a demo
headquarters filled with the nine pilot communities (off the GUI thread, with a progress
dialog), and the window opens on it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QLineEdit, QWidget

from ..errors import UserError
from ..services import installation
from ..storage.db import Store
from .context import run_in_background, user_text
from .forms.setup_dialog_ui import Ui_SetupDialog


class SetupDialog(QDialog):
    """Calls :func:`installation.init_installation`; ``info`` holds the result after accept."""

    def __init__(self, store: Store, lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.info: installation.InstallationInfo | None = None
        self.ui = Ui_SetupDialog()
        self.ui.setupUi(self)
        for c in installation.list_communities(store):
            self.ui.community.addItem(c.name(lang), c.id)
        self.ui.community.setCurrentIndex(-1)
        self.ui.community.setPlaceholderText(self.tr("Choose the community"))
        self.ui.hqRadio.toggled.connect(lambda hq: self.ui.community.setEnabled(not hq))
        self.ui.community.activated.connect(lambda _i: self.ui.communityRadio.setChecked(True))
        # Qt has no Kyrgyz translation of its standard buttons: name them here.
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Start"))
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.demoButton.clicked.connect(self.fill_demo)
        self.ui.error.hide()
        self.demo_filled = False
        self.ui.name.setFocus()

    def fill_demo(self) -> None:
        """Fill the folder with demo data in the background, then close the dialog."""
        from ..services import demo

        self.setEnabled(False)
        self._show(self.tr("Filling the folder with demo data…"))

        def done(_summary: object) -> None:
            self.demo_filled = True
            self.info = installation.get_installation(self.store)
            self.setEnabled(True)
            QDialog.accept(self)

        def failed(exc: BaseException) -> None:
            from ..logsetup import log_bug

            self.setEnabled(True)
            if isinstance(exc, UserError):
                self._show(user_text(exc))
            else:
                path = log_bug(exc, self.store.folder.logs)
                self._show(self.tr("Sorry, the demo data could not be added. The details were written "
                                   "to {path}").format(path=path))

        run_in_background(self, self.tr("Filling the folder with demo data…"),
                          lambda _worker: demo.fill(self.store), done, failed)

    def accept(self) -> None:
        hq = self.ui.hqRadio.isChecked()
        community = None if hq else self.ui.community.currentData()
        if not hq and not community:
            self._show(self.tr("Choose the community this office works for, or Headquarters."))
            self.ui.community.setFocus()
            return
        try:
            self.info = installation.init_installation(
                self.store, name=self.ui.name.text(), community=community, hq=hq,
                user_name=" ".join(self.ui.userName.text().split()))
        except UserError as exc:
            self._show(user_text(exc))
            return
        super().accept()

    def _show(self, text: str) -> None:
        self.ui.error.setText(text)
        self.ui.error.show()


def ask_user_name(parent: QWidget | None, store: Store) -> str:
    """Ask once for the user's name (recorded in the audit log); empty if skipped."""
    name, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("SetupDialog", "Your name"),
        QCoreApplication.translate("SetupDialog", "Your name is recorded with every change you make.\n"
                                                  "Please type it:"),
        QLineEdit.EchoMode.Normal, "")
    name = " ".join(name.split()) if ok else ""
    if name:
        installation.set_user_name(store, name)
    return name
