"""First start on an empty data folder: name the installation, its community (or HQ), the user.

Or "I have an invitation file": headquarters' invitation (sync/enrol.py) ties the office to its
community and installs headquarters' key, so the office can send its first package at once and
headquarters accepts it without a phone call. Without one the dialog says what sending needs.

Or, for a look around or a training course, "Use demo data": the folder becomes a demo
headquarters filled with the nine pilot communities (off the GUI thread, with a progress
dialog), and the window opens on it.

The language is chosen at the top (Кыргызча / Русский / English): the interface switches at
once and the choice is saved for the next start (``gui_settings`` "language").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from ..services import installation
from ..storage.db import Store
from . import theme
from .context import run_in_background, user_text
from .forms.setup_dialog_ui import Ui_SetupDialog
from .i18n import LANGUAGES, gui_settings, install_translations
from .widgets import file_dialogs

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class SetupDialog(QDialog):
    """Calls :func:`installation.init_installation`; ``info`` holds the result after accept,
    ``lang`` the interface language chosen (the application's translations follow it)."""

    def __init__(self, store: Store, lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.lang = lang if lang in LANGUAGES else "en"
        self.info: installation.InstallationInfo | None = None
        self.ui = Ui_SetupDialog()
        self.ui.setupUi(self)
        theme.colour_error_labels(self)
        self._communities = installation.list_communities(store)
        self._fill_communities()
        self.ui.hqRadio.toggled.connect(lambda hq: self.ui.community.setEnabled(not hq))
        self.ui.community.activated.connect(lambda _i: self.ui.communityRadio.setChecked(True))
        self._language_buttons = {"ky": self.ui.languageKy, "ru": self.ui.languageRu, "en": self.ui.languageEn}
        self._language_buttons[self.lang].setChecked(True)
        for code, button in self._language_buttons.items():
            button.toggled.connect(lambda on, code=code: on and self.set_language(code))
        self._name_buttons()
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.demoButton.clicked.connect(self.fill_demo)
        self.ui.error.hide()
        self.demo_filled = False
        self.invitation: Any = None  # sync.enrol.Invitation once a file was chosen
        self.invitation_path: Path | None = None
        self._build_invitation()
        self.ui.name.setFocus()

    def _build_invitation(self) -> None:
        """The invitation frame under the form: what an invitation gives, and the button."""
        frame = QFrame(self)
        frame.setObjectName("invitationFrame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(frame)
        lay.setContentsMargins(8, 6, 8, 6)
        self.invitation_label = QLabel(frame)
        self.invitation_label.setWordWrap(True)
        self.invitation_label.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.invitation_label)
        row = QHBoxLayout()
        self.invitation_button = QPushButton(frame)
        self.invitation_button.clicked.connect(self.choose_invitation)
        row.addWidget(self.invitation_button)
        row.addStretch(1)
        lay.addLayout(row)
        main = self.ui.mainLayout
        main.insertWidget(main.indexOf(self.ui.error), frame)
        self.invitation_frame = frame
        self._name_invitation()

    def _name_invitation(self) -> None:
        inv = self.invitation
        if inv is None:
            self.invitation_button.setText(self.tr("I have an &invitation file…"))
            self.invitation_label.setText(self.tr(
                "<b>An office sends its work to headquarters.</b> With headquarters' invitation file "
                "it can do so at once, without a phone call. Without one, the office works all the same, "
                "but sending needs headquarters' key file and a phone call to check it first."))
            return
        self.invitation_button.setText(self.tr("Choose another &invitation file…"))
        # Babel: imported once an invitation is chosen, not on the way to the first paint
        from ..formatting import fmt_date

        self.invitation_label.setText(self.tr(
            "<b>Invitation from {hq}</b> for {community}, valid until {date}. Headquarters' fingerprint: "
            "<b>{fp}</b>. This office can send to headquarters at once.").format(
            hq=inv.hq_name, community=self._community_name(inv.community_id),
            date=fmt_date(inv.expires_at.date(), self.lang),
            fp=inv.hq_fingerprint))

    def _community_name(self, community_id: str) -> str:
        return next((c.name(self.lang) for c in self._communities if c.id == community_id), community_id)

    def choose_invitation(self) -> None:
        path = file_dialogs.open_file_name(self, self.tr("Invitation file from headquarters"), "keys",
                                           self.tr("STRIVE invitations (*.striveinvite);;All files (*)"))
        if path:
            self.use_invitation(Path(path))

    def use_invitation(self, path: Path) -> bool:
        """Read and check the invitation at *path*; the office's community is then the invited one."""
        from ..sync import enrol

        try:
            inv = enrol.read_invitation(path)
        except UserError as exc:
            self._show(user_text(exc))
            return False
        self.invitation, self.invitation_path = inv, path
        self.ui.error.hide()
        self.ui.communityRadio.setChecked(True)
        self.ui.community.setCurrentIndex(self.ui.community.findData(inv.community_id))
        for w in (self.ui.community, self.ui.communityRadio, self.ui.hqRadio):
            w.setEnabled(False)
        self._name_invitation()
        self._fit()
        return True

    def _name_buttons(self) -> None:
        self.ui.community.setPlaceholderText(self.tr("Choose the community"))
        # Qt has no Kyrgyz translation of its standard buttons: name them here.
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Start"))
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _fill_communities(self) -> None:
        """The communities named in the interface language; the chosen one stays chosen."""
        combo = self.ui.community
        chosen = combo.currentData()
        combo.clear()
        for c in self._communities:
            combo.addItem(c.name(self.lang), c.id)
        combo.setCurrentIndex(combo.findData(chosen) if chosen else -1)

    def set_language(self, lang: str) -> None:
        """Switch the whole interface to *lang* now, and start in it next time."""
        if lang not in LANGUAGES:
            return
        self.lang = lang
        app = QCoreApplication.instance()
        if app is not None:
            install_translations(app, lang)
            # Qt posts LanguageChange to every window; the button box answers it by naming its
            # standard buttons again (Qt's "OK"): let that happen now, before they are named here.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange.value)
        gui_settings(self.store.folder.root).setValue("language", lang)
        self.ui.retranslateUi(self)
        self._name_buttons()
        self._fill_communities()
        self._name_invitation()
        if self.invitation is not None:
            self.ui.community.setEnabled(False)
        self.ui.error.hide()  # a message shown before is in the old language
        self._language_buttons[lang].setChecked(True)
        if self.parent() is not None:
            retranslate_window(self.parent())
        self._fit()

    def _fit(self) -> None:
        """Tall enough for the word-wrapped texts at the dialog's width (a longer language, an
        error shown): Qt does not grow a window for a height-for-width layout by itself."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            need = layout.totalHeightForWidth(self.width())
            if need > self.height():
                self.resize(self.width(), need)

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
        if self.invitation_path is not None:
            from ..sync import enrol

            try:
                self.info = enrol.init_from_invitation(self.store, self.invitation_path, name=self.ui.name.text(),
                                                       user_name=" ".join(self.ui.userName.text().split()))
            except UserError as exc:
                self._show(user_text(exc))
                return
            super().accept()
            return
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
        self._fit()


def retranslate_window(window: object) -> None:
    """Translate again what the main window shows before a data folder is attached (the
    "Opening the data folder…" text) and its navigation titles if they are built already."""
    from .main_window import PAGES

    titles = {spec.key: spec.title for spec in PAGES}
    loading = getattr(window, "loading", None)
    if loading is not None:
        loading.setText(translate("MainWindow", "Opening the data folder…"))
    label = getattr(window, "community_label", None)
    if label is not None and not callable(label):
        label.setText(translate("MainWindow", "Community:"))
    nav = getattr(window, "nav", None)
    for i in range(nav.count() if nav is not None else 0):
        item = nav.item(i)
        key = item.data(Qt.ItemDataRole.UserRole)
        if key in titles:
            item.setText(translate("MainWindow", titles[key]))


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
