"""Qt's own strings (the file dialog's "Look in:", "Files of type:", its overwrite question) in
Russian and Kyrgyz (issue 16, problem 11), also where Qt's configured translations folder is
not where the .qm files are (the PyInstaller bundle)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel

from strive_desktop.gui import i18n

EXPECTED = {
    "ru": {"labels": {"&Перейти к:", "&Имя файла:", "&Типы файлов:"},
           "replace": "%1 уже существует.\nЗаменить его?"},
    "ky": {"labels": {"&Кайда:", "Файлдын &аты:", "Файлдын &түрү:"},
           "replace": "%1 мурунтан бар.\nАны алмаштырасызбы?"},
}


def _labels(qtbot) -> set[str]:  # type: ignore[no-untyped-def]
    dlg = QFileDialog(None, "STRIVE")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dlg)
    dlg.show()
    return {label.text() for label in dlg.findChildren(QLabel) if label.isVisible() and label.text()}


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_the_file_dialog_speaks_the_interface_language(qtbot, language, lang):
    language(lang)
    labels = _labels(qtbot)
    assert EXPECTED[lang]["labels"] <= labels, labels
    assert not {"&Look in:", "Look in:", "Files of &type:", "Files of type:"} & labels
    for text in ("Find Directory", "Directories", "&Choose"):
        assert QCoreApplication.translate("QFileDialog", text) != text
    assert QCoreApplication.translate("QFileDialog", "%1 already exists.\nDo you want to replace it?") \
        == EXPECTED[lang]["replace"]


def test_russian_qt_strings_are_found_when_qts_folder_is_wrong(qtbot, language, monkeypatch):
    class NoFolder:
        LibraryPath = i18n.QLibraryInfo.LibraryPath

        @staticmethod
        def path(_which: object) -> str:
            return "/nonexistent/qt/translations"

    monkeypatch.setattr(i18n, "QLibraryInfo", NoFolder)
    language("ru")
    assert EXPECTED["ru"]["labels"] <= _labels(qtbot)
