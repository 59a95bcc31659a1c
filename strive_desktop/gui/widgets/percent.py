"""Numbers and percentages in the window, written by the same Babel formatting as the PDFs and
the workbooks (strive_desktop/formatting.py): the language is the one the translations were
installed for (QLocale's default)."""

from __future__ import annotations

from PySide6.QtCore import QLocale


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
    from ... import formatting  # Babel: imported on first use, not on the start-up path

    return formatting.fmt_percent(fraction, ui_lang())


def percent_text(number: float) -> str:
    """92 -> "92%" / "92 %": a number that already is a percentage."""
    from ... import formatting  # Babel: imported on first use, not on the start-up path

    return formatting.fmt_percent(number / 100, ui_lang())


def share(n: float, total: float) -> str:
    """*n* of *total* as a percentage; "—" for an empty total."""
    from ... import formatting  # Babel: imported on first use, not on the start-up path

    return formatting.fmt_share(n, total, ui_lang())


def number(value: float, digits: int = 6) -> str:
    """9.6 -> "9.6" (English) or "9,6" (Russian, Kyrgyz); 100000 -> "100,000" / "100 000"."""
    from ... import formatting  # Babel: imported on first use, not on the start-up path

    return formatting.fmt_number(value, ui_lang(), digits)
