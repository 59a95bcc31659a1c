"""The words printed on the PDFs, looked up in the one catalog of texts (strive_desktop/catalog.py).

Call sites write the English word, ``t(lang, "Attendance sheet")``; resources/translations/
update.py collects every ``t(..., "literal")`` and ``W_("literal")`` of strive_desktop/pdf into
the context "pdf" of the .ts files, where its Kyrgyz and Russian translations are kept with the
interface's. Sexes, sectors, phases and statuses print the interface's own labels. ``lang`` is
"en", "ru" or "ky".
"""

from __future__ import annotations

from ..catalog import PDF, translate
from ..domain.enums import LABELS as ENUM_LABELS
from ..i18n import CONTEXT

LANGS = ("en", "ru", "ky")


def W_(text: str) -> str:  # noqa: N802 - a translate-noop mark like i18n.N_
    """Mark a PDF word that is not written inside a ``t(lang, "...")`` call (a list of
    headings looked up later) so that update.py collects it; return it unchanged."""
    return text


def t(lang: str, text: str, disambiguation: str | None = None, /, **args: object) -> str:
    """The PDF word *text* (English, context "pdf" of the catalog) in *lang*, placeholders
    filled after translation. *disambiguation* tells apart two uses of the same English word
    translated differently ("Total" of a sum row and of a column of people)."""
    word = translate(lang, PDF, text, disambiguation)
    return word.format(**args) if args else word


# Donor age bands (domain/rules.py age_band) as printed.
AGE_BANDS = {"<18": W_("Under 18"), "18-24": "18–24", "25-34": "25–34", "35-59": "35–59",
             "60+": W_("60 and over"), "unknown": W_("Not recorded")}
_SHORT_SEX = {"f": W_("F"), "m": W_("M")}


def label(lang: str, value: str) -> str:
    """An enum value (sex, sector, phase, status) in *lang* with the interface's own words
    (domain/enums.py LABELS, context "strive"), an age band with the PDF's; an unknown value
    as it is."""
    source = _ENUM_LABELS.get(value)
    if source is not None:
        return translate(lang, CONTEXT, source)
    band = AGE_BANDS.get(value)
    return t(lang, band) if band is not None else value


def sex_short(lang: str, value: str) -> str:
    """One letter for a sex in a narrow column: F/M, Ж/М, А/Э."""
    source = _SHORT_SEX.get(value)
    return t(lang, source) if source is not None else value


_ENUM_LABELS: dict[str, str] = {str(k): v for k, v in ENUM_LABELS.items()}
