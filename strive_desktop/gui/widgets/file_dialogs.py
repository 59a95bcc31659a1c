"""File dialogs that start where the user last was, for each purpose, and offer USB sticks.

Every file dialog of the GUI goes through this module (a test checks that no other module
uses QFileDialog). The first time, a dialog opens in the user's Documents folder (not the
folder the app was started from), or in a folder the caller names (the automatic backups for
a restore); afterwards in the folder last used *for the same purpose*, kept in the data
folder's gui.ini (:func:`use_settings`, called by the main window), so a USB stick carries it.
Purposes: "pdf" (PDF saved from the preview), "sheets" (spreadsheets written), "import"
(rosters and attendance read), "sync" (packages and the delivery folder), "keys" (keys,
invitations, key backups), "backup" (database backups), "images" (logos, scans, QR photos),
"certificates" (the folder of one PDF per person).

The sidebar of Qt's own dialog lists Documents, the home folder and every mounted removable
drive (a USB stick: a drive letter on Windows, a volume under /media or /run/media on Linux);
the native Windows dialog shows drives by itself.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QStorageInfo, QUrl
from PySide6.QtWidgets import QFileDialog, QSplitter, QWidget

_settings: QSettings | None = None
_memory: dict[str, str] = {}  # without settings (tests, a dialog before the window): this run only

_KEY = "folders/{purpose}"
SIDEBAR_WIDTH = 170


def use_settings(settings: QSettings | None) -> None:
    """Remember the last folders in *settings* (the data folder's gui.ini)."""
    global _settings
    _settings = settings


def documents_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(docs) if docs else Path.home()
    return path if path.is_dir() else Path.home()


def last_folder(purpose: str, start: Path | None = None) -> Path:
    """The folder last used for *purpose* if it still exists (a stick may be gone), else *start*
    (if it exists), else Documents."""
    value = _settings.value(_KEY.format(purpose=purpose)) if _settings is not None else _memory.get(purpose)
    for folder in (Path(str(value)) if value else None, start):
        if folder is not None and folder.is_dir():
            return folder
    return documents_folder()


def remember(purpose: str, chosen: str | Path) -> None:
    """Note the folder of *chosen* (a file or a folder) for the next dialog of *purpose*."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    _memory[purpose] = str(folder)
    if _settings is not None:
        _settings.setValue(_KEY.format(purpose=purpose), str(folder))


# where Linux desktops (udisks), mount(8) habits and macOS put USB sticks and memory cards
AUTOMOUNT_FOLDERS: tuple[Path, ...] = (Path("/media"), Path("/run/media"), Path("/mnt"), Path("/Volumes"))


def mounted_roots() -> list[Path]:
    """The root folders of the mounted, ready volumes except the system's root."""
    return [Path(v.rootPath()) for v in QStorageInfo.mountedVolumes()
            if v.isValid() and v.isReady() and not v.isRoot()]


def removable_drives(roots: Iterable[Path] | None = None, automount: Iterable[Path] | None = None,
                     windows: bool | None = None) -> list[Path]:
    """The *roots* (default: :func:`mounted_roots`) that look like USB sticks or memory cards.

    On Windows a drive letter other than C:; elsewhere a volume mounted below one of the
    *automount* folders (default :data:`AUTOMOUNT_FOLDERS`).
    """
    windows = sys.platform == "win32" if windows is None else windows
    folders = tuple(AUTOMOUNT_FOLDERS if automount is None else automount)
    out = []
    for root in mounted_roots() if roots is None else roots:
        if windows:
            text = root.as_posix()
            removable = len(text) <= 3 and text[:1].upper() not in {"C", ""}
        else:
            removable = any(root != f and root.is_relative_to(f) for f in folders)
        if removable:
            out.append(root)
    return out


def sidebar_urls() -> list[QUrl]:
    """Documents, home and the removable drives, for the sidebar of Qt's own dialog."""
    places = [documents_folder(), Path.home(), *removable_drives()]
    seen: list[Path] = []
    for p in places:
        if p not in seen:
            seen.append(p)
    return [QUrl.fromLocalFile(str(p)) for p in seen]


def _dialog(parent: QWidget | None, caption: str, purpose: str, filters: str = "",
            start: Path | None = None) -> QFileDialog:
    dlg = QFileDialog(parent, caption, str(last_folder(purpose, start)), filters)
    dlg.setSidebarUrls(sidebar_urls())
    splitter = dlg.findChild(QSplitter, "splitter")
    if splitter is not None:  # Qt's own dialog: room for the places' names ("KINGSTON", "Documents")
        splitter.setSizes([SIDEBAR_WIDTH, max(1, dlg.width() - SIDEBAR_WIDTH)])
    return dlg


def _run(dlg: QFileDialog, purpose: str) -> list[str]:
    try:
        if dlg.exec() != QFileDialog.DialogCode.Accepted:
            return []
        chosen = [f for f in dlg.selectedFiles() if f]
    finally:
        dlg.deleteLater()
    if chosen:
        remember(purpose, chosen[0])
    return chosen


def save_file_name(parent: QWidget | None, caption: str, purpose: str, name: str, filters: str,
                   start: Path | None = None) -> str:
    """Ask where to save *name*; '' if cancelled. Asks before writing over a file."""
    dlg = _dialog(parent, caption, purpose, filters, start)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile)
    if name:
        dlg.selectFile(name)
    return next(iter(_run(dlg, purpose)), "")


def open_file_name(parent: QWidget | None, caption: str, purpose: str, filters: str,
                   start: Path | None = None) -> str:
    """Ask for an existing file to read; '' if cancelled."""
    return next(iter(open_file_names(parent, caption, purpose, filters, start, many=False)), "")


def open_file_names(parent: QWidget | None, caption: str, purpose: str, filters: str,
                    start: Path | None = None, *, many: bool = True) -> list[str]:
    """Ask for one or (*many*) several existing files to read; [] if cancelled."""
    dlg = _dialog(parent, caption, purpose, filters, start)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    return _run(dlg, purpose)


def existing_folder(parent: QWidget | None, caption: str, purpose: str, start: Path | None = None) -> str:
    """Ask for a folder (a USB stick, the folder for many PDFs); '' if cancelled."""
    dlg = _dialog(parent, caption, purpose, "", start)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dlg.setFileMode(QFileDialog.FileMode.Directory)
    dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return next(iter(_run(dlg, purpose)), "")
