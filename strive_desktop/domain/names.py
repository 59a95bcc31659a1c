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


# ---- sort order ------------------------------------------------------------------------------
#
# ``sort_key`` turns a name into a string whose plain code-point order (Python's ``<``, SQLite's
# default BINARY collation on the stored column) is the order of the user's alphabet:
# Kyrgyz/Russian Cyrillic first, then Latin, then any other script by code point.

#: The Kyrgyz alphabet (Russian is the same without ң ө ү); letters of neighbouring Cyrillic
#: alphabets follow the letter they are written like (ә after а, қ after к ...).
SORT_ALPHABET_CYRILLIC = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
SORT_ALPHABET_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYR_EXTRA_AFTER = {"ә": "а", "ғ": "г", "є": "е", "і": "и", "ї": "и", "қ": "к", "ұ": "ү",
                    "ў": "у", "һ": "х"}

_SEP = " "            # between words: lowest, so "Асан Б" comes before "Асанбек"
_NUM_BASE = 0x21      # a number: one character for its length (1..15 digits), then its digits
_NUM_MAX_LEN = 15
_LETTER_BASE = 0x41   # letters, in alphabet order, from "A" up


def _letter_table() -> dict[str, str]:
    order: list[str] = []
    for ch in SORT_ALPHABET_CYRILLIC:
        order.append(ch)
        order += sorted(k for k, v in _CYR_EXTRA_AFTER.items() if v == ch)
    order += SORT_ALPHABET_LATIN
    return {ch: chr(_LETTER_BASE + i) for i, ch in enumerate(order)}


_SORT_LETTERS = _letter_table()
_OTHER_MARK = chr(_LETTER_BASE + len(_SORT_LETTERS))
# A letter typed on the wrong keyboard ("Aсанов" with a Latin A, "Aibеk" with a Cyrillic е)
# sorts as the letter it looks like in the script most of its word is written in.
_HOMOGLYPHS = {"a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о",
               "p": "р", "t": "т", "x": "х", "y": "у"}
_TO_CYRILLIC = str.maketrans(_HOMOGLYPHS)
_TO_LATIN = str.maketrans({v: k for k, v in _HOMOGLYPHS.items()})
_LATIN_EXTRA = {"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ð": "d", "þ": "th"}
_APOSTROPHES = str.maketrans("", "", "'’ʼ`´ʻ")
_SORT_WORD = re.compile(r"[^\W_]+")


def _sort_chars(ch: str) -> str:
    """The sort characters of one letter that is neither Cyrillic of the table nor a-z."""
    ch = _LATIN_EXTRA.get(ch, ch)
    if ch in _SORT_LETTERS or len(ch) > 1:
        return "".join(_SORT_LETTERS[c] for c in ch)
    bare = _strip_marks(ch)
    if bare and all(c in _SORT_LETTERS for c in bare):
        return "".join(_SORT_LETTERS[c] for c in bare)
    if unicodedata.combining(ch):
        return ""
    return _OTHER_MARK + ch


def _number(digits: str) -> str:
    digits = digits.lstrip("0") or "0"
    return chr(_NUM_BASE + min(len(digits), _NUM_MAX_LEN)) + digits


@lru_cache(maxsize=65536)
def _sort_word(word: str) -> str:
    if not word.isascii():
        cyr = sum(c in _CYR_TABLE_KEYS for c in word)
        if cyr:
            latin = sum("a" <= c <= "z" for c in word)
            if latin:
                word = word.translate(_TO_CYRILLIC if cyr >= latin else _TO_LATIN)
    out: list[str] = []
    digits = ""
    for ch in word:
        if ch.isdecimal():
            digits += str(unicodedata.decimal(ch))
            continue
        if digits:
            out.append(_number(digits))
            digits = ""
        code = _SORT_LETTERS.get(ch)
        out.append(code if code is not None else _sort_chars(ch))
    if digits:
        out.append(_number(digits))
    return "".join(out)


_CYR_TABLE_KEYS = frozenset(SORT_ALPHABET_CYRILLIC) | frozenset(_CYR_EXTRA_AFTER)


def sort_key(text: str) -> str:
    """A key that puts names in the order of the Kyrgyz/Russian alphabet when compared as plain
    strings (Python ``<``, SQLite's BINARY collation): ``sorted(names, key=sort_key)``.

    - Cyrillic letters in alphabet order: а б в г д е ё ж з и й к л м н ң о ө п р с т у ү ф х ц
      ч ш щ ъ ы ь э ю я; names written in Latin letters come after all Cyrillic ones, a-z;
      letters of other scripts after those.
    - Case does not count; marks on Latin letters do not (Ömür sorts as Omur); ё and й keep
      their own places.
    - Words compare one by one (hyphens and other punctuation separate words, apostrophes are
      dropped): "Асан Бек" comes before "Асанбек".
    - Numbers compare by value: "Группа 2" before "Группа 10".
    """
    if not text:
        return ""
    norm = unicodedata.normalize("NFC", text).casefold().translate(_APOSTROPHES)
    return _SEP.join(_sort_word(w) for w in _SORT_WORD.findall(norm))
