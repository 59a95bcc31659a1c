"""Russian and Kyrgyz: the interface switches language, every string is translated."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from strive_desktop.errors import UserError, ValidationError
from strive_desktop.gui import i18n
from strive_desktop.gui.context import AppContext, user_text
from strive_desktop.gui.i18n import resource_path
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.pages.people import PeoplePage
from strive_desktop.i18n import Message, Number, Percent
from strive_desktop.services import rosters
from strive_desktop.storage.seed import community_id

ROOT = Path(__file__).resolve().parents[2]
TS = {lang: resource_path("translations", f"strive_{lang}.ts") for lang in ("ru", "ky", "en")}
NOOKAT = community_id("nookat")


def nav_titles(win: MainWindow) -> list[str]:
    return [win.nav.item(i).text() for i in range(win.nav.count())]


def test_russian_interface_shows_russian_navigation(qtbot, language, store):
    language("ru")
    win = MainWindow(store.folder.root, AppContext(store, "ru"))
    qtbot.addWidget(win)
    titles = nav_titles(win)
    assert titles[:3] == ["Обзор", "Консультативная группа", "Люди"]
    assert titles[-1] == "Настройки"
    win.update_status()
    assert win.folder_status.text().startswith("Папка данных: ")
    win._closing_ok = True


def test_kyrgyz_interface_uses_kyrgyz_letters(qtbot, language, store):
    language("ky")
    win = MainWindow(store.folder.root, AppContext(store, "ky"))
    qtbot.addWidget(win)
    titles = nav_titles(win)
    assert titles[:3] == ["Көрсөткүчтөр", "Консультативдик топ", "Адамдар"]
    assert "Жөндөөлөр" in titles
    win._closing_ok = True


def test_plural_forms_in_russian(qtbot, language, ctx, store):
    language("ru")
    rosters.bulk_add_people(store, [rosters.PersonInput(f"Асанов Айбек{'а' * i}", "m", "youth", NOOKAT, 1980 + i)
                                    for i in range(5)])
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.wait_for_list()
    assert page.count.text() == "5 человек"
    assert page.filter.placeholderText().startswith("Фильтр по имени")  # a base-class tr()
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "ФИО"
    assert page.model.data(page.model.index(0, 3)) == "Молодёжь"


def test_large_counts_are_grouped_as_in_the_language(qtbot, language, ctx, store):
    """1 500 people read "1 500 человек" in Russian, "1 500 адам" in Kyrgyz and "1,500 people" in English; a filtered
    count too ("показано 0 из 1 500")."""
    rosters.bulk_add_people(store, [rosters.PersonInput(f"Асанов Айбек {i:04}", "m", "youth", NOOKAT, 1980)
                                    for i in range(1500)])
    language("ru")
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.count.text() == "1\u00a0500 человек"
    page.filter.setText("Жаңыл")
    assert page.count.text() == "показано 0 из 1\u00a0500"
    language("en")
    page.filter.clear()
    page._update_count()
    assert page.count.text() == "1,500 people"
    language("ky")
    page._update_count()
    assert page.count.text() == "1\u00a0500 адам"


def test_service_messages_are_translated_in_the_ui_language(qtbot, language, store):
    language("ky")
    with pytest.raises(ValidationError) as info:
        rosters.add_person(store, rosters.PersonInput("Айбек", "m", "youth", NOOKAT, phone="12ab"))
    assert user_text(info.value) == "Фамилиясын жана атын жазыңыз."
    phone = info.value.errors["phone"].render(QApplication.translate)
    assert "Телефон номеринде" in phone


def _messages(path: Path) -> list[tuple[str, str, list[str]]]:
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            forms = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
            if tr.get("type") in ("unfinished", "vanished", "obsolete"):
                forms = [""]
            out.append((name, m.findtext("source") or "", forms))
    return out


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])  # English: the plural forms only
def test_every_string_is_translated_and_keeps_its_placeholders(lang):
    placeholder = re.compile(r"\{\w*\}")
    problems = []
    for context, source, forms in _messages(TS[lang]):
        for text in forms:
            if not text.strip():
                problems.append(f"{context}: {source!r} is not translated")
            elif sorted(placeholder.findall(text)) != sorted(placeholder.findall(source)):
                problems.append(f"{context}: {source!r} -> {text!r} changes the placeholders")
    assert not problems, "\n".join(problems[:20])
    assert resource_path("translations", f"strive_{lang}.qm").stat().st_size > (10_000 if lang != "en" else 500)


def test_english_counts_read_as_english(qtbot, language, ctx, store):
    """The English interface says "1 person" and "5 people", never "5 person(s)"."""
    language("en")
    rosters.bulk_add_people(store, [rosters.PersonInput("Асанов Айбек", "m", "youth", NOOKAT, 1980)])
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.wait_for_list()
    assert page.count.text() == "1 person"
    rosters.bulk_add_people(store, [rosters.PersonInput(f"Үсөнова Жаңыл{'а' * i}", "f", "women", NOOKAT, 1990)
                                    for i in range(4)])
    page.refresh()  # everyone read again in the background
    page.wait_for_list()
    assert page.count.text() == "5 people"
    plurals = [forms for _c, source, forms in _messages(TS["en"]) if "(s)" in source]
    assert plurals and not [f for forms in plurals for f in forms if "(s)" in f]


def test_kyrgyz_is_not_transliterated_russian():
    texts = " ".join(f for _c, _s, forms in _messages(TS["ky"]) for f in forms)
    for letter in "ңөү":
        assert texts.count(letter) > 50, letter


def test_every_string_in_the_code_is_in_the_ts_files():
    """The .ts files are current: the service messages (N_) and the GUI's own strings are in."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("update", ROOT / "resources/translations/update.py")
    assert spec and spec.loader
    update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update)
    sources = {(c, s) for c, s, _f in _messages(TS["ru"])}
    missing = [s for s in update.n_strings() if ("strive", s) not in sources]
    assert not missing, missing[:10]
    for context, text in (("MainWindow", "Dashboard"), ("MainWindow", "%n change(s) not yet exported"),
                          ("App", "Sorry, something went wrong. Your saved data is safe.\n"
                                  "The details were written to:\n{path}"),
                          ("SetupDialog", "Use &demo data"), ("_ListPage", "{shown} of {total} shown"),
                          ("_Plurals", "%Ln person(s)"), ("PersonDialog", "&Full name:")):
        assert (context, text) in sources, (context, text)


def test_qt_standard_buttons_are_kyrgyz_too(qtbot, language):
    """Qt ships no Kyrgyz file: our qtbase_ky.qm names OK / Cancel / Yes / No."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    language("ky")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "Макул"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Жокко чыгаруу"
    msg = QMessageBox(QMessageBox.Icon.Question, "STRIVE Desktop", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(msg)
    assert msg.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Ооба"
    assert msg.button(QMessageBox.StandardButton.No).text().replace("&", "") == "Жок"


def test_qt_file_dialog_is_kyrgyz_too(qtbot, language):
    """Qt's own file dialog (used where the system has none, e.g. Linux): labels, buttons and
    the file list's columns are Kyrgyz."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QTreeView

    language("ky")
    dlg = QFileDialog(None, "Сактоо", str(ROOT), "PDF (*.pdf)")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dlg)
    dlg.show()
    labels = {w.text().replace("&", "") for w in dlg.findChildren(QLabel) if w.isVisible()}
    assert {"Кайда:", "Файлдын аты:", "Файлдын түрү:"} <= labels
    buttons = {w.text().replace("&", "") for w in dlg.findChildren(QPushButton) if w.isVisible()}
    assert {"Сактоо", "Жокко чыгаруу"} <= buttons
    tree = next(v for v in dlg.findChildren(QTreeView) if v.model() is not None and v.model().columnCount() >= 4)
    header = [tree.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert header == ["Аты", "Көлөмү", "Түрү", "Өзгөртүлгөн күнү"]
    dlg.close()


def test_russian_standard_buttons_come_from_qt(qtbot, language):
    from PySide6.QtWidgets import QDialogButtonBox

    language("ru")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Save).text() == "Сохранить"


def test_user_text_formats_marked_numbers_and_keeps_english() -> None:
    msg = Message("{a} of {b} hours ({c})", a=Number(9.6), b=Number(12), c=Percent(79.6))
    assert msg.render() == "9.6 of 12 hours (80%)"
    err = UserError("Rate {c}, need {a} h", a=Number(1234.5), c=Percent(80))
    assert user_text(err) == "Rate 80%, need 1,234.5 h"


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
