"""Resource paths, the interface language and loading translations.

The language comes from ``--lang``, else the saved setting, else the system locale (Kyrgyz,
Russian, otherwise English). Our own strings are in resources/translations/strive_<lang>.qm;
Qt's standard buttons and menus use Qt's qtbase_<lang>.qm when Qt ships one (Russian), else our
resources/translations/qtbase_<lang>.qm (Kyrgyz).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from .. import resources

LANGUAGES = ("ky", "ru", "en")
LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}


def resource_path(*parts: str) -> Path:
    """A file shipped in the package ``strive_desktop.resources`` (the source tree's
    resources/ folder): the same lookup in a wheel, an editable install and a bundle."""
    return resources.path(*parts)


def gui_settings(data_dir: Path) -> QSettings:
    """Window and language preferences, kept in the data folder so a USB stick carries them."""
    return QSettings(str(Path(data_dir) / "gui.ini"), QSettings.Format.IniFormat)


def system_language() -> str:
    name = QLocale.system().name().lower()
    for lang in ("ky", "ru"):
        if name.startswith(lang):
            return lang
    return "en"


def choose_language(explicit: str | None, saved: str | None) -> str:
    if explicit in LANGUAGES:
        return explicit  # type: ignore[return-value]
    if saved in LANGUAGES:
        return saved  # type: ignore[return-value]
    return system_language()


_installed: list[QTranslator] = []


def install_translations(app: QCoreApplication, lang: str) -> bool:
    """Load our .qm and Qt's own for *lang*; True if our translation was found."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        # The sources are English; strive_en.qm holds only the plural forms ("5 people").
        plurals = QTranslator(app)
        if plurals.load(str(resource_path("translations", "strive_en.qm"))):
            app.installTranslator(plurals)
            _installed.append(plurals)
        return True
    QLocale.setDefault(QLocale(lang))
    found = False
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", f"strive_{lang}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
        found = True
    qt = QTranslator(app)
    # Qt's own buttons, menus and file dialog: Qt's file (Russian), else ours (Kyrgyz: Qt ships none).
    if any(qt.load(f"qtbase_{lang}", folder) for folder in qt_translation_dirs()) or \
            qt.load(str(resource_path("translations", f"qtbase_{lang}.qm"))):
        app.installTranslator(qt)
        _installed.append(qt)
    extra = QTranslator(app)  # what Qt's file lacks in this Qt version (resources/translations/qtextra_*.ts)
    if extra.load(str(resource_path("translations", f"qtextra_{lang}.qm"))):
        app.installTranslator(extra)
        _installed.append(extra)
    return found


def qt_translation_dirs() -> list[str]:
    """Where Qt's own .qm files may be: Qt's configured folder, then PySide6's own (Qt/translations
    in a Linux wheel, translations in a Windows wheel and in the PyInstaller bundle, where the
    configured folder can point at the build machine: Russian file dialogs stayed English)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
               str(package / "Qt" / "translations"), str(package / "translations")]
    return [f for i, f in enumerate(folders) if f and f not in folders[:i]]

