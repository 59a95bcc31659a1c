"""The one catalog of texts: the window, the PDFs and the command line read the same compiled
translations, resources/translations/strive_<lang>.qm (made from the Qt Linguist .ts files).

English is the source language: every text is written in English in the code and looked up
here by (context, English text). The contexts used outside the window are

* ``"strive"`` (``i18n.CONTEXT``): service messages and enum labels marked with ``N_()``;
* ``"pdf"`` (``PDF``): the words printed on the documents (``pdf/text.py t()``);
* ``"cli"`` (``CLI``): the command line's help and messages (``cli/texts.py``).

Only ``PySide6.QtCore.QTranslator`` is used (it reads .qm files without an application
object), imported on the first lookup in Kyrgyz or Russian: English never loads Qt, and
nothing here touches widgets. A lookup that finds nothing returns the English text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from .resources import path as resource_path

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

PDF = "pdf"
CLI = "cli"
LANGS = ("ky", "ru", "en")

Translate = Callable[[str, str], str]

_lock = threading.Lock()


@lru_cache(maxsize=4)
def _translator(lang: str) -> QTranslator | None:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    path = resource_path("translations", f"strive_{lang}.qm")
    return translator if translator.load(str(path)) else None


def translate(lang: str | None, context: str, text: str, disambiguation: str | None = None) -> str:
    """*text* (English) in *lang*; English, or the English text itself when the catalog has no
    translation for it."""
    if lang not in ("ky", "ru"):
        return text
    # PDFs are made on worker threads too, and QTranslator is reentrant, not thread-safe: one
    # lookup at a time (a lookup takes microseconds; a document makes at most a few hundred).
    with _lock:
        translator = _translator(lang)
        if translator is None:
            return text
        return translator.translate(context, text, disambiguation) or text


def translator(lang: str | None) -> Translate | None:
    """``translate(context, text)`` in *lang* (the signature ``Message.render`` takes); None
    for English or when *lang* has no catalog."""
    if lang not in ("ky", "ru"):
        return None
    with _lock:
        found = _translator(lang)
    if found is None:
        return None
    return lambda context, text: translate(lang, context, text)
