"""Name normalisation for search and duplicate detection.

Names reach the office typed from paper in Kyrgyz or Russian Cyrillic, or in one of several
Latin spellings (Айбек / Aibek / Aybek, Жылдыз / Zhyldyz / Jyldyz, Өмүр / Omur / Ömür).
``search_key`` maps every spelling onto one coarse Latin skeleton, so a plain substring match
on the stored key finds them all, and SQLite's ASCII-only LIKE is no longer a problem.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u",
    "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i",
    "ь": "", "э": "e", "ю": "iu", "я": "ia", "һ": "h", "ә": "a", "ғ": "g", "қ": "k",
    "ұ": "u", "і": "i", "ї": "i", "є": "e", "ў": "u",
}

# Applied in order to the Latin text, after Cyrillic letters are mapped.
_LATIN_RULES: tuple[tuple[str, str], ...] = (
    ("kh", "h"),
    ("zh", "j"),
    ("dj", "j"),
    ("yo", "io"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("ye", "e"),
    ("y", "i"),
    ("w", "v"),
    ("x", "h"),
    ("q", "k"),
    ("c", "ts"),
    ("ng", "n"),
)

_NON_WORD = re.compile(r"[^a-z0-9]+")
_REPEAT = re.compile(r"(.)\1+")
_CYR_TABLE = str.maketrans(_CYR)


def _strip_marks(text: str) -> str:
    """Latin letters with marks (ö, ü, ñ, ş) lose them: ö -> o."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    for src, dst in _LATIN_RULES:
        word = word.replace(src, dst)
    if word.startswith("ts"):  # Цой / Tsoi / Soi; kept as first written: every "ts" in such a word
        word = word.replace("ts", "s")
    return _REPEAT.sub(r"\1", word)


def search_key(text: str) -> str:
    """Coarse Latin skeleton of *text*, word order kept, words separated by one space.

    Names repeat a few thousand given names and surnames, so the per-word rules are cached:
    computing the keys of 100,000 people is then dominated by the Cyrillic table lookup.
    """
    if not text:
        return ""
    latin = text.casefold().translate(_CYR_TABLE)
    if not latin.isascii():
        latin = _strip_marks(latin)
    return " ".join(_word_key(word) for word in _NON_WORD.split(latin) if word)


def duplicate_key(full_name: str) -> str:
    """Order-free key: "Асанов Айбек" and "Aibek Asanov" give the same value."""
    return " ".join(sorted(search_key(full_name).split()))


def clean_name(full_name: str) -> str:
    """Collapse white space and trim; keep the user's own spelling and case."""
    return " ".join((full_name or "").split())
