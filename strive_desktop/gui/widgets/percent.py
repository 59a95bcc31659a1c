"""Percentages in the window, in the interface language's usual form (see domain/percent.py):
the language is the one the translations were installed for (QLocale's default)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from ...domain import percent as rule


def ui_lang() -> str:
    """The language the interface runs in: ru, ky or en."""
    language = QLocale().language()
    if language == QLocale.Language.Russian:
        return "ru"
    if language == QLocale.Language.Kyrgyz:
        return "ky"
    return "en"


def percent(fraction: float | None) -> str:
    """0.92 -> "92%" (English) or "92 %" with a no-break space (Russian, Kyrgyz); None -> "—"."""
    return rule.percent(fraction, ui_lang())


def percent_text(number: float) -> str:
    """92 -> "92%" / "92 %": a number that already is a percentage."""
    return rule.percent_text(number, ui_lang())


def share(n: float, total: float) -> str:
    """*n* of *total* as a percentage; "—" for an empty total."""
    return rule.share(n, total, ui_lang())
