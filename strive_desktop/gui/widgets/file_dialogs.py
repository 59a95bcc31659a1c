"""File dialogs that start where the user last was, for each purpose, and offer USB sticks.

The first time, a dialog opens in the user's Documents folder (not the folder the app was
started from); afterwards in the folder last used *for the same purpose* ("pdf", "sync",
"roster" ...), kept in the data folder's gui.ini (:func:`use_settings`, called by the main
window), so a USB stick carries it. The sidebar of Qt's own dialog lists Documents, the home
folder and every mounted removable drive (a USB stick: a drive letter on Windows, a volume
under /media or /run/media on Linux); the native Windows dialog shows drives by itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QStorageInfo, QUrl
from PySide6.QtWidgets import QFileDialog, QWidget

_settings: QSettings | None = None
_memory: dict[str, str] = {}  # without settings (tests, a dialog before the window): this run only

_KEY = "folders/{purpose}"


def use_settings(settings: QSettings | None) -> None:
    """Remember the last folders in *settings* (the data folder's gui.ini)."""
    global _settings
    _settings = settings


def documents_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(docs) if docs else Path.home()
    return path if path.is_dir() else Path.home()


def last_folder(purpose: str) -> Path:
    """The folder last used for *purpose* if it still exists (a stick may be gone), else Documents."""
    value = _settings.value(_KEY.format(purpose=purpose)) if _settings is not None else _memory.get(purpose)
    if value:
        folder = Path(str(value))
        if folder.is_dir():
            return folder
    return documents_folder()


def remember(purpose: str, chosen: str | Path) -> None:
    """Note the folder of *chosen* (a file or a folder) for the next dialog of *purpose*."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    _memory[purpose] = str(folder)
    if _settings is not None:
        _settings.setValue(_KEY.format(purpose=purpose), str(folder))


def removable_drives() -> list[Path]:
    """Mounted, ready volumes that look like USB sticks or memory cards."""
    out = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isRoot():
            continue
        root = Path(volume.rootPath())
        text = root.as_posix()
        if sys.platform == "win32":
            removable = len(text) <= 3 and text[:1].upper() not in {"C", ""}
        else:
            removable = text.startswith(("/media/", "/run/media/", "/mnt/", "/Volumes/"))
        if removable:
            out.append(root)
    return out


def sidebar_urls() -> list[QUrl]:
    places = [documents_folder(), Path.home(), *removable_drives()]
    seen: list[Path] = []
    for p in places:
        if p not in seen:
            seen.append(p)
    return [QUrl.fromLocalFile(str(p)) for p in seen]


def _dialog(parent: QWidget | None, caption: str, purpose: str, name: str, filters: str) -> QFileDialog:
    dlg = QFileDialog(parent, caption, str(last_folder(purpose)), filters)
    dlg.setSidebarUrls(sidebar_urls())
    if name:
        dlg.selectFile(name)
    return dlg


def _run(dlg: QFileDialog, purpose: str) -> str:
    try:
        if dlg.exec() != QFileDialog.DialogCode.Accepted or not dlg.selectedFiles():
            return ""
        chosen = dlg.selectedFiles()[0]
    finally:
        dlg.deleteLater()
    remember(purpose, chosen)
    return chosen


def save_file_name(parent: QWidget | None, caption: str, purpose: str, name: str, filters: str) -> str:
    """Ask where to save *name*; '' if cancelled. Asks before writing over a file."""
    dlg = _dialog(parent, caption, purpose, name, filters)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile)
    return _run(dlg, purpose)


def open_file_name(parent: QWidget | None, caption: str, purpose: str, filters: str) -> str:
    """Ask for an existing file to read; '' if cancelled."""
    dlg = _dialog(parent, caption, purpose, "", filters)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dlg, purpose)
