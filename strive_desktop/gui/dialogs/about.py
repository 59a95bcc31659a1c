"""About STRIVE Desktop: version, build date, Python and Qt versions and the data folder, what
support asks for first. Opened with F1 or the "About" button at the right of the status bar;
"Copy details" puts the same facts on the clipboard for an e-mail."""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QSize, QUrl, qVersion  # Qt: see AboutDialog
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME, __version__, resources
from ..widgets.modal import exec_and_delete

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

ICON = ("icons", "strive.png")


def app_icon() -> QIcon:
    """The application icon (window title bars, the taskbar, dialogs)."""
    return QIcon(str(resources.path(*ICON)))


@dataclass(frozen=True)
class BuildFacts:
    version: str
    built: str  # "2026-12-03 09:12 UTC (abc1234)", "" when not run from a built bundle
    python: str
    qt: str
    data_dir: Path


def build_facts(data_dir: Path) -> BuildFacts:
    """What this copy of the app is; the build date comes from the bundle (written by
    packaging/strive-desktop.spec), a source checkout or a pip install has none."""
    built = ""
    info = resources.path("build_info.json")
    try:
        data = json.loads(info.read_text(encoding="utf-8"))
        built = str(data.get("built", ""))
        if data.get("commit"):
            built += f" ({data['commit']})"
    except (OSError, ValueError, AttributeError):
        pass
    bits = "64-bit" if sys.maxsize > 2**32 else "32-bit"
    return BuildFacts(
        version=__version__, built=built,
        python=f"{platform.python_version()} ({bits}, {platform.system()} {platform.release()})",
        qt=f"{qVersion()} (PySide6 {PySide6.__version__})", data_dir=Path(data_dir))


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        # Imported here: this module is loaded before the window's first paint, which the Qt
        # namespace's enums (made on first use) would slow down (gui/main_window.py).
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.facts = build_facts(data_dir)
        self.setWindowTitle(self.tr("About STRIVE Desktop"))
        self.setMinimumWidth(560)
        v = QVBoxLayout(self)
        head = QHBoxLayout()
        logo = QLabel(self)
        logo.setPixmap(QPixmap(str(resources.path(*ICON))).scaled(
            QSize(72, 72), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b style='font-size:15pt'>{APP_NAME}</b><br>"
                       + self.tr("Offline data entry for the STRIVE Asia community prevention "
                                 "programme in Kyrgyzstan."), self)
        title.setWordWrap(True)
        head.addWidget(title, 1)
        v.addLayout(head)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key, label, value in (
                ("version", self.tr("Version:"), self.facts.version),
                ("built", self.tr("Build date:"), self.facts.built or self.tr("not a built package "
                                                                             "(run from the sources)")),
                ("python", self.tr("Python:"), self.facts.python),
                ("qt", self.tr("Qt:"), self.facts.qt),
                ("data", self.tr("Data folder:"), str(self.facts.data_dir))):
            shown = QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            self.values[key] = shown
            form.addRow(label, shown)
        v.addLayout(form)
        v.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.setToolTip(self.tr("Copy these facts, e.g. into an e-mail to support"))
        self.open_button = QPushButton(self.tr("&Open data folder"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.open_button.clicked.connect(self.open_folder)
        self.open_button.setEnabled(self.facts.data_dir.is_dir())
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)

    def details(self) -> str:
        """The facts as plain text, one per line (what Copy details puts on the clipboard)."""
        f = self.facts
        return "\n".join([f"{APP_NAME} {f.version}", f"Build: {f.built or '-'}", f"Python: {f.python}",
                          f"Qt: {f.qt}", f"Data folder: {f.data_dir}"])

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.copy_button.setText(self.tr("Copied"))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.facts.data_dir)))


def show_about(window: QWidget, data_dir: Path) -> None:
    exec_and_delete(AboutDialog(data_dir, window))


def install_about(window: QMainWindow, data_dir: Path) -> QToolButton:
    """The window's hook: its icon, F1 and an "About" button at the right of the status bar."""
    icon = app_icon()
    window.setWindowIcon(icon)
    QGuiApplication.setWindowIcon(icon)  # dialogs and the taskbar too
    button = QToolButton(window)
    button.setObjectName("aboutButton")
    button.setText(translate("MainWindow", "About"))
    button.setToolTip(translate("MainWindow", "Version, build and data folder (F1)"))
    button.setAutoRaise(True)
    button.clicked.connect(lambda: show_about(window, data_dir))
    window.statusBar().addPermanentWidget(button)
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), window)  # in the window
    shortcut.activated.connect(lambda: show_about(window, data_dir))
    return button
