"""Is this the same person? Name forms, blocking keys and a score with its reasons.

The same person reaches headquarters written by different offices: in Kyrgyz or Russian
Cyrillic, in a Latin spelling (passport forms like IULIIA, ZHYLDYZ, or informal ones: Ajbek,
Jyldyz, Bakit), with a Latin letter typed inside a Cyrillic word (a keyboard slip), with a
patronymic or without, with one letter wrong. Two different people, on the other hand, often
differ by one letter only: Чолпон / Шолпон, Анна / Ана, Сыдыков / Сидиков, Асанов / Асанова.

Matching runs in two stages:

1. :func:`blocking_keys` gives each person a few cheap keys (the consonant skeleton of one name
   word plus the first letter of another, the PIN, the phone). Only people sharing a key are
   compared, so 100,000 people never mean 5 billion comparisons.
2. :func:`score` compares two :class:`Profile` objects: the name words are matched in any
   order (rapidfuzz's Levenshtein distance on normalised forms, per word), Kyrgyz patronymic
   units ("Бакыт уулу", "Айгүл кызы") and Russian patronymics (-ович, -овна) only with their
   own kind, and birth year, sex, PIN, phone and community are evidence for or against.

Thresholds: at or above :data:`POSSIBLE` a person is shown in the warning at entry; at or above
:data:`LIKELY` the pair goes to the review list at headquarters. A pair with a male and a female
form of one surname (Асанов / Асанова), different sexes or different PINs never reaches
:data:`POSSIBLE`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, permutations

from rapidfuzz.distance import Levenshtein

POSSIBLE = 0.75
LIKELY = 0.90
NAME_CLOSE_CAP = 0.84
_WORD_MATCHED = 0.8   # two words this alike are matched; a name with a word unmatched ...
_UNMATCHED_CAP = 0.6  # ... scores at most this (before its patronymic)

# Reasons, as codes: the GUI and CLI turn them into sentences in the user's language.
R_PIN = "same_pin"
R_NAME = "same_name"
R_NAME_LATIN = "same_name_other_script"
R_NAME_ORDER = "same_name_other_order"
R_NAME_CLOSE = "name_one_letter_apart"
R_NAME_VARIANT = "name_spelling_variant"
R_PATRONYMIC = "patronymic_missing"
R_YEAR = "same_birth_year"
R_PHONE = "same_phone"
R_COMMUNITY = "same_community"

# ---- letters -----------------------------------------------------------------------------
#
# The "form" of a word is a Latin string with one character per sound the scripts share:
# ж -> j, ч -> c, ш/щ -> w, ц -> q, х -> h, ы -> y, й/и -> i, ө -> o, ү -> u, ң -> n.
# Single characters for ч/ш/ж keep one wrong letter one edit (Чолпон / Шолпон: c / w).

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j", "з": "z",
    "и": "i", "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u", "ф": "f", "х": "h", "ц": "q",
    "ч": "c", "ш": "w", "щ": "w", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "һ": "h", "ә": "a", "ғ": "g", "қ": "k", "ұ": "u", "і": "i", "ї": "i", "є": "e", "ў": "u",
}
_CYR_TABLE = str.maketrans(_CYR)
_CYR_LETTERS = frozenset(_CYR)
_FRONT = frozenset("өү")  # Kyrgyz front vowels, written у/е/о in Russian spellings
_KYRGYZ = frozenset("өүң")  # letters only a Kyrgyz spelling has (Чыңгыз; Russian: Чингиз)

# Latin letters that look like Cyrillic ones (after casefold): a Latin c or H typed inside a
# Cyrillic word, or a Cyrillic а/е/о inside a Latin one.
_LAT_TO_CYR = str.maketrans({"a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м",
                             "o": "о", "p": "р", "t": "т", "x": "х", "y": "у", "i": "і"})
_CYR_TO_LAT = str.maketrans({"а": "a", "в": "b", "с": "c", "е": "e", "н": "h", "к": "k", "м": "m",
                             "о": "o", "р": "p", "т": "t", "х": "x", "у": "y", "і": "i"})

_VOWELS = frozenset("aeiouy")
# Latin spellings, longest first (applied left to right by _LATIN_RE).
_LATIN_MULTI = {
    "shch": "w", "sch": "w", "sh": "w", "ch": "c", "tch": "c", "dzh": "j", "zh": "j", "dj": "j",
    "kh": "h", "ts": "q", "tz": "q", "gh": "g", "ph": "f", "ck": "k",
    "iu": "iu", "ia": "ia", "yu": "iu", "ya": "ia", "yo": "io", "ye": "e", "ju": "ju", "ja": "ja",
}
_LATIN_SINGLE = {"w": "v", "q": "k", "x": "ks", "c": "k"}
_LATIN_RE = re.compile("|".join(sorted(_LATIN_MULTI, key=len, reverse=True)) + "|.")
_SPLIT = re.compile(r"[^\w\-]+|_")

PATRONYMIC_MALE = frozenset({"uulu", "ulu", "uly", "ugli", "ogli", "ogly"})
PATRONYMIC_FEMALE = frozenset({"kyzy", "kizi", "kyzi", "kizy", "qizi"})
_RU_PATRONYMIC = re.compile(r"^(.{2,}?)(ovic|evic|ic|ovna|evna|icna|inicna)$")
_SURNAME_GENDER = re.compile(r"^(.{3,}?)(ov|ev|in|yn|ova|eva|ina|yna|skii|skaia|skai|ski|ska)$")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fix_homoglyphs(word: str) -> str:
    """A word mixing scripts is written in the script most of its letters use."""
    cyr = sum(c in _CYR_LETTERS for c in word)
    lat = sum("a" <= c <= "z" for c in word)
    if cyr and lat:
        return word.translate(_LAT_TO_CYR if cyr >= lat else _CYR_TO_LAT)
    return word


def _latin_form(word: str) -> tuple[str, ...]:
    """Forms of a Latin-written word: one, or two where j/y at the start can be ж or й."""
    word = _strip_marks(word)
    out: list[str] = []
    alt: list[str] | None = None
    tokens = _LATIN_RE.findall(word)
    for i, tok in enumerate(tokens):
        prev = out[-1][-1:] if out else ""
        nxt = tokens[i + 1][:1] if i + 1 < len(tokens) else ""
        if tok in ("ju", "ja"):
            # Жумабек / Jumabek, but Юлия / Julia: the start of a word can be read both ways.
            if i == 0:
                alt = ["i" + tok[1]]
            out.append("j" + tok[1])
            continue
        if tok in _LATIN_MULTI:
            out.append(_LATIN_MULTI[tok])
            continue
        if tok in ("j", "y"):
            if prev in _VOWELS and (not nxt or nxt not in _VOWELS):
                out.append("i")  # Ajbek, Aybek, Nogojbaev: й after a vowel
            elif tok == "j":
                out.append("j")
            elif prev and prev not in _VOWELS:
                out.append("y")  # Sydykov: ы
            else:
                out.append("i")
            continue
        out.append(_LATIN_SINGLE.get(tok, tok))
    form = "".join(out).replace("ii", "i")
    if alt is not None:
        return form, ("".join(alt + out[1:])).replace("ii", "i")
    return (form,)


@dataclass(frozen=True)
class Word:
    """One name word in its comparable forms."""

    text: str                    # as normalised (casefolded, homoglyphs fixed)
    forms: tuple[str, ...]       # exact forms (one, or two for an ambiguous Latin start)
    latin: bool                  # written in Latin letters
    front: bool                  # has Kyrgyz ө or ү
    kyrgyz: bool = False         # has a letter only Kyrgyz spelling uses (ө ү ң)


@lru_cache(maxsize=131072)
def word_of(raw: str) -> Word:
    w = unicodedata.normalize("NFC", raw).casefold().replace("-", "").replace("'", "").replace("’", "")
    w = _fix_homoglyphs(w)
    if any(c in _CYR_LETTERS for c in w):
        form = w.translate(_CYR_TABLE)
        form = "".join(c for c in form if c.isalnum()).replace("ii", "i")
        return Word(w, (form,), False, any(c in _FRONT for c in w), any(c in _KYRGYZ for c in w))
    return Word(w, _latin_form(w), True, any(c in "öü" for c in w), True)


def _loose(form: str) -> str:
    """ы, и and й are one letter in Latin spellings (Бакыт / Bakit, Айбек / Aibek)."""
    return form.replace("y", "i").replace("ï", "i").replace("ii", "i")


def _front_fold(form: str) -> str:
    """Үсөн / Усен, Төлөгөн / Тулеген: Russian spellings of Kyrgyz front vowels."""
    return form.replace("o", "e").replace("u", "e")


@lru_cache(maxsize=262144)
def _form_similarity(a: str, b: str, loose: bool, front: bool) -> tuple[float, str]:
    if a == b:
        return 1.0, R_NAME
    if loose:
        a2, b2 = _loose(a), _loose(b)
        if a2 == b2:
            return 1.0, R_NAME_VARIANT
    else:
        a2, b2 = a, b
    if front:
        fa, fb = _front_fold(a2), _front_fold(b2)
        if fa == fb:
            return 0.97, R_NAME_VARIANT
    if not a2 or not b2 or a2[0] != b2[0]:
        return 0.0, ""  # Чолпон / Шолпон: different first letters, different names
    dist = Levenshtein.distance(a2, b2)
    longest = max(len(a2), len(b2))
    if dist == 1 and longest >= 5:
        # Асанов / Асамов: one letter typed wrong. Not a doubled letter (Анна / Ана) and not
        # ы/и in Cyrillic (Сыдыков / Сидиков are two families).
        doubled = _doubling(a2, b2)
        if doubled in _VOWELS:
            return 0.97, R_NAME_VARIANT  # Айсулуу / Айсулу: a Kyrgyz long vowel written short
        if doubled and longest < 6:
            return 0.6, ""  # Анна / Ана, Алла / Ала: two names
        return 1.0 - 0.6 / longest, R_NAME_CLOSE
    return max(0.0, 1.0 - dist / longest) * 0.9, ""


def _doubling(a: str, b: str) -> str:
    """The letter written twice in one word and once in the other ("" if that is not the
    difference)."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) != len(short) + 1:
        return ""
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            if (i > 0 and long_[i - 1] == long_[i]) or (i + 1 < len(long_) and long_[i + 1] == long_[i]):
                return long_[i]
    return ""


def word_similarity(a: Word, b: Word) -> tuple[float, str]:
    """0..1 and a reason code for two name words (1.0: the same word in any script)."""
    # ы/и are told apart only between two spellings of one kind (Сыдыков / Сидиков); a Latin or
    # a Kyrgyz spelling against a Russian one folds them (Bakit, Чыңгыз / Чингиз).
    loose = a.latin or b.latin or a.kyrgyz != b.kyrgyz
    front = a.front != b.front
    best = (0.0, "")
    for fa in a.forms:
        for fb in b.forms:
            s = _form_similarity(fa, fb, loose, front)
            if s[0] > best[0]:
                best = s
    if best[0] == 1.0 and a.latin != b.latin:
        best = (1.0, R_NAME_LATIN)
    return best


# ---- names ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Patronymic:
    root: Word
    sex: str  # "m" or "f"


@dataclass(frozen=True)
class ParsedName:
    words: tuple[Word, ...]          # given names and surnames, any order
    patronymic: Patronymic | None    # "Бакыт уулу", "Бакытович", "Айбек кызы"
    surname_sex: str | None          # "m" for Асанов, "f" for Асанова, None if unknown


def _marker(word: Word) -> str | None:
    for f in word.forms:
        lf = _loose(f)
        if lf in PATRONYMIC_MALE or f in PATRONYMIC_MALE:
            return "m"
        if lf in PATRONYMIC_FEMALE or f in PATRONYMIC_FEMALE:
            return "f"
    return None


def _split_name(full_name: str) -> list[str]:
    return [w for w in _SPLIT.split(full_name or "") if w.strip("-")]


@lru_cache(maxsize=131072)
def _word_facts(raw: str) -> tuple[Word, str | None, Patronymic | None, str | None]:
    """One written word: its Word; "m"/"f" if it is уулу/кызы; the patronymic unit it is if
    it reads as a Russian patronymic (Бакытович: used in names of three words or more); the
    sex its surname ending says (Асанов "m", Асанова "f"). A few thousand words make up
    100,000 names, so this is worked out once per word."""
    w = word_of(raw)
    ru = None
    m = _RU_PATRONYMIC.match(w.forms[0])
    if m and not w.front:
        root_text = m.group(1)
        ru = Patronymic(Word(root_text, (root_text,), w.latin, False), "f" if m.group(2).endswith("a") else "m")
    g = _SURNAME_GENDER.match(_loose(w.forms[0]))
    surname_sex = ("f" if g.group(2).endswith("a") else "m") if g else None
    return w, _marker(w), ru, surname_sex


@lru_cache(maxsize=131072)
def parse_name(full_name: str) -> ParsedName:
    """Split a full name into name words and a patronymic unit.

    "Азамат Бакыт уулу": the name Азамат and the patronymic unit "Бакыт уулу" (son of Бакыт);
    "Бакыт Азамат уулу" is another man. Hyphenated names are one word (Абдул-Керим =
    Абдулкерим). A Russian patronymic (-ович/-евич/-овна/-евна) is a patronymic unit too.
    """
    facts = [_word_facts(w) for w in _split_name(full_name)]
    n = len(facts)
    names: list[tuple[Word, str | None, Patronymic | None, str | None]] = []
    patronymic: Patronymic | None = None
    i = 0
    while i < n:
        fact = facts[i]
        if patronymic is None:
            sex = facts[i + 1][1] if i + 1 < n else None
            if sex:
                patronymic = Patronymic(fact[0], sex)
                i += 2
                continue
            if fact[1] and names:
                # "уулу" written first or alone after the father's name moved: bind to the word before
                patronymic = Patronymic(names.pop()[0], fact[1])
                i += 1
                continue
            if fact[2] is not None and n >= 3:
                patronymic = fact[2]
                i += 1
                continue
        names.append(fact)
        i += 1
    surname_sex = next((f[3] for f in names if f[3]), None)
    return ParsedName(tuple(f[0] for f in names), patronymic, surname_sex)


def _surname_stems(p: ParsedName) -> set[str]:
    out = set()
    for w in p.words:
        m = _SURNAME_GENDER.match(_loose(w.forms[0]))
        if m:
            out.add(m.group(1))
    return out


@dataclass(frozen=True)
class NameScore:
    score: float
    reasons: tuple[str, ...]
    gender_conflict: bool


def _joined(a: Word, b: Word) -> Word:
    """Two words read as one: "Анна Мария" as the double name "Анна-Мария"."""
    forms = tuple(fa + fb for fa in a.forms for fb in b.forms)
    return Word(a.text + b.text, forms, a.latin, a.front or b.front, a.kyrgyz or b.kyrgyz)


def _word_sets(short: tuple[Word, ...], long_: tuple[Word, ...]) -> list[tuple[Word, ...]]:
    """The longer list of words as written, and with each pair of neighbours joined."""
    out = [long_]
    if len(long_) > len(short):
        for i in range(len(long_) - 1):
            out.append(long_[:i] + (_joined(long_[i], long_[i + 1]),) + long_[i + 2:])
    return out


def name_score(a: ParsedName, b: ParsedName) -> NameScore:
    """How alike two names are, 0..1, words matched in any order."""
    if not a.words or not b.words:
        return NameScore(0.0, (), False)
    short, longer = (a.words, b.words) if len(a.words) <= len(b.words) else (b.words, a.words)
    best = max((_name_words_score(short, cand) for cand in _word_sets(short, longer)),
               key=lambda r: r[0])
    score, reasons = best
    return _patronymic_and_gender(a, b, score, reasons)


def _name_words_score(short: tuple[Word, ...], long_: tuple[Word, ...]) -> tuple[float, list[str]]:
    if len(long_) > 5:
        long_ = long_[:5]
        short = short[:5]
    best_total = -1.0
    best_pairs: list[tuple[float, str]] = []
    best_order: tuple[int, ...] = ()
    for perm in permutations(range(len(long_)), len(short)):
        pairs = [word_similarity(short[i], long_[j]) for i, j in enumerate(perm)]
        total = sum(s * (len(short[i].forms[0]) + 2) for i, (s, _r) in enumerate(pairs))
        if total > best_total:
            best_total, best_pairs = total, pairs
            best_order = perm
    weight = sum(len(w.forms[0]) + 2 for w in short)
    score = best_total / weight if weight else 0.0
    reasons: list[str] = []
    matched = sum(1 for s, _r in best_pairs if s >= _WORD_MATCHED)
    if matched < min(2, len(short)) or any(s < _WORD_MATCHED for s, _r in best_pairs):
        score = min(score, _UNMATCHED_CAP)
    extra = len(long_) - len(short)
    score -= 0.04 * extra
    codes = {r for _s, r in best_pairs if r}
    if R_NAME_CLOSE in codes:
        # One letter apart may be a typo or another family (Бекешев / Бекишев): shown at entry,
        # never "likely" on the name alone.
        score = min(score, NAME_CLOSE_CAP)
        reasons.append(R_NAME_CLOSE)
    elif R_NAME_VARIANT in codes:
        reasons.append(R_NAME_VARIANT)
    elif R_NAME_LATIN in codes:
        reasons.append(R_NAME_LATIN)
    elif list(best_order) != sorted(best_order) and len(short) == len(long_):
        reasons.append(R_NAME_ORDER)
    else:
        reasons.append(R_NAME)
    return score, reasons


def _patronymic_and_gender(a: ParsedName, b: ParsedName, score: float, reasons: list[str]) -> NameScore:
    # Patronymics: different fathers are different people; one side without is common.
    pa, pb = a.patronymic, b.patronymic
    if pa and pb:
        s, _r = word_similarity(pa.root, pb.root)
        if pa.sex != pb.sex:
            score = min(score, 0.5)
        elif s < 0.8:
            score = min(score, 0.5)
        else:
            score = score * 0.8 + 0.2 * s
            if s < 0.95:  # Кубат / Кубан: one letter apart in the father's name
                score = min(score, NAME_CLOSE_CAP)
    elif pa or pb:
        score -= 0.02
        reasons.append(R_PATRONYMIC)
    conflict = False
    if a.surname_sex and b.surname_sex and a.surname_sex != b.surname_sex \
            and _surname_stems(a) & _surname_stems(b):
        conflict = True  # Асанов / Асанова: a man and a woman of one family
        score = min(score, 0.5)
    return NameScore(max(0.0, min(1.0, score)), tuple(reasons), conflict)


SAME_NAME = NameScore(1.0, (R_NAME,), False)  # a name with itself (with name words)
NO_NAME = NameScore(0.0, (), False)


@lru_cache(maxsize=262144)
def _names_score(a: str, b: str) -> NameScore:
    """name_score of two full names; a few thousand names repeat across 100,000 people."""
    pa = parse_name(a)
    if a == b:
        return SAME_NAME if pa.words else NO_NAME
    return name_score(pa, parse_name(b))


# ---- people ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What the matcher knows of one person."""

    full_name: str
    birth_year: int | None = None
    sex: str | None = None
    pin: str | None = None
    phone: str | None = None
    community_id: str | None = None


@dataclass(frozen=True)
class Match:
    score: float
    reasons: tuple[str, ...]

    @property
    def likely(self) -> bool:
        return self.score >= LIKELY

    @property
    def possible(self) -> bool:
        return self.score >= POSSIBLE


# What birth year, phone and community can add to the name's score (see score_with_names).
_YEAR_BONUS = 0.05
_PHONE_BONUS = 0.06
_COMMUNITY_BONUS = 0.01
EVIDENCE_MAX = _YEAR_BONUS + _PHONE_BONUS + _COMMUNITY_BONUS


def names_score(a: str, b: str) -> NameScore:
    """How alike two full names are (cached per pair of names, in either order)."""
    return _names_score(a, b) if a <= b else _names_score(b, a)


def score(a: Profile, b: Profile) -> Match:
    """How likely *a* and *b* are one person (0..1) and why."""
    return score_with_names(a, b, None)


def score_with_names(a: Profile, b: Profile, names: NameScore | None) -> Match:
    """:func:`score` with the names' score already known (``names_score(a.full_name,
    b.full_name)``): across the whole table one pair of names is scored once for all the
    people carrying them."""
    if a.pin and b.pin:
        if a.pin == b.pin:
            return Match(1.0, (R_PIN,))
        return Match(0.0, ())  # two personal numbers: two people
    ns = names if names is not None else names_score(a.full_name, b.full_name)
    return evidence_match(ns, abs(a.birth_year - b.birth_year) if a.birth_year and b.birth_year else None,
                          sexes_differ=bool(a.sex and b.sex and a.sex != b.sex),
                          same_phone=bool(a.phone and b.phone and a.phone == b.phone),
                          same_community=bool(a.community_id and a.community_id == b.community_id))


def evidence_match(ns: NameScore, year_gap: int | None, *, sexes_differ: bool, same_phone: bool,
                   same_community: bool) -> Match:
    """The names' score with the evidence of two people without two PINs: the gap between
    their birth years (None: one of them unknown), sexes, phone and community."""
    s = ns.score
    reasons = list(ns.reasons)
    if sexes_differ:
        s = min(s, 0.5)
    if year_gap is not None:
        if year_gap == 0:
            s += _YEAR_BONUS
            reasons.append(R_YEAR)
        else:
            s = min(s, 0.5)  # another birth year is someone else (as the warning always held)
    else:
        s -= 0.03
    if same_phone:
        s += _PHONE_BONUS
        reasons.append(R_PHONE)
    if same_community:
        s += _COMMUNITY_BONUS
        reasons.append(R_COMMUNITY)
    if ns.gender_conflict:
        s = min(s, 0.5)
    return Match(round(max(0.0, min(1.0, s)), 3), tuple(reasons))


# (text, text) -> alike enough to be matched. Keyed by the words' texts: every field of a
# Word of parse_name(...).words follows from its text (word_of), and tuples of two strings
# hash far faster than the dataclasses.
_CLOSE: dict[tuple[str, str], bool] = {}


def _words_close(a: Word, b: Word) -> bool:
    key = (a.text, b.text)
    close = _CLOSE.get(key)
    if close is None:
        close = _CLOSE[key] = word_similarity(a, b)[0] >= _WORD_MATCHED
    return close


def names_may_reach(a: str, b: str, floor: float) -> bool:
    """False only if ``names_score(a, b).score`` is surely below *floor*; much cheaper than
    the score itself, which tries every order of the words.

    Two names of as many words (at most 5), not both with a patronymic: unless every word of
    each has a partner of similarity 0.8 or more in the other, the score is capped at
    :data:`_UNMATCHED_CAP` (see _name_words_score; one patronymic only lowers it)."""
    if floor <= _UNMATCHED_CAP:
        return True
    pa, pb = parse_name(a), parse_name(b)
    if not pa.words or not pb.words:
        return False
    if len(pa.words) != len(pb.words) or len(pa.words) > 5 or (pa.patronymic and pb.patronymic):
        return True
    close = _CLOSE
    for xs, ys in ((pa.words, pb.words), (pb.words, pa.words)):
        for x in xs:
            for y in ys:
                c = close.get((x.text, y.text))
                if c is None:
                    c = _words_close(x, y)
                if c:
                    break
            else:
                return False
    return True


# ---- blocking ---------------------------------------------------------------------------------

_SKELETON_DROP = str.maketrans("", "", "aeiouyï")


def _skeleton(form: str) -> str:
    """First letter and consonants: Бакыт / Bakit / Bakyt -> bkt, Үсөн / Усен -> usn."""
    if not form:
        return ""
    return form[0] + form[1:].translate(_SKELETON_DROP)


_ALL_MARKERS = PATRONYMIC_MALE | PATRONYMIC_FEMALE


@lru_cache(maxsize=131072)
def _block_word(raw: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """(skeletons, skeletons and their one-letter deletions) of one word; None for уулу / кызы.

    Deleting one letter from each of two skeletons meets when they differ by one letter
    (Асанов / Асамов: asnv, asmv -> asv), the "symmetric delete" way of finding typos with
    exact keys."""
    w = word_of(raw)
    loose = {_loose(f) for f in w.forms}
    if loose & _ALL_MARKERS or not any(loose):
        return None
    skels = frozenset(_skeleton(f) for f in loose)
    near = set(skels)
    for sk in skels:
        if len(sk) >= 4:
            near.update(sk[:i] + sk[i + 1:] for i in range(1, len(sk)))
    return skels, frozenset(near)


@lru_cache(maxsize=131072)
def name_blocking_keys(full_name: str) -> frozenset[str]:
    """Keys two spellings of one name share: the skeleton of one word (in every form) with
    the skeleton of another or one of its one-letter deletions (Асанов Айбек: "asnv~abk",
    "abk~asnv", "abk~asv" ...). One wrong letter in one word still leaves a shared key.
    Words are taken in any order, a patronymic's father's name as a word like the others."""
    words = [bw for bw in map(_block_word, _split_name(full_name)) if bw]
    if len(words) == 1:
        return words[0][1]
    if len(words) == 2:  # most names: written out, without the loops of the general case
        (s0, n0), (s1, n1) = words
        return frozenset([a + "~" + b for a in s0 for b in n1] + [a + "~" + b for a in s1 for b in n0])
    keys: set[str] = set()
    for i, (skels, _near) in enumerate(words):
        for sk in skels:
            head = sk + "~"
            for j, (_skels, near) in enumerate(words):
                if i != j:
                    keys.update([head + n for n in near])
    return frozenset(keys)


class NameTable:
    """Many full names at once (the whole table at headquarters), worked out word by word:
    some 2,000 distinct words make up the 45,000 distinct names of 100,000 people.

    :meth:`keyed_pairs` gives the pairs of names sharing a :func:`name_blocking_keys` key
    without writing the keys out. A key is the skeleton *s* of one word of a name with a near
    form (skeleton or one-letter deletion) of another word *w* of it: the name is filed under
    (*w*, *s*). Two names share a key exactly when they are filed under (*w*, *s*) and
    (*v*, *s*) with *w* and *v* having a near form in common, which is worked out once per
    pair of words, not per pair of names. :meth:`may_reach` is :func:`names_may_reach` on the
    parsed words, by number; :meth:`pairs_that_may_reach` puts the two together and never
    writes out most of the pairs that cannot reach.
    """

    def __init__(self, names: Sequence[str]) -> None:
        self.names = names
        self._ids: dict[str, int] = {}   # raw word -> number (-1: split otherwise by _split_name)
        self._by_text: dict[str, int] = {}  # normalised text -> the first word number with it
        self._blocks: list[tuple[frozenset[str], frozenset[str]] | None] = []  # _block_word
        self._skeletons: list[tuple[str, ...]] = []  # () for a word without keys (уулу, кызы)
        self._filed: list[defaultdict[str, list[int]]] = []  # word w -> skeleton s -> names
        self._marker: list[bool] = []    # уулу / кызы and their spellings (parse_name's)
        self._words: list[Word] = []
        self._single: dict[str, list[int]] = defaultdict(list)  # names of one word: near form -> names
        self._keyed: list[bool] = []
        self._parsed: list[tuple[int, ...]] = []  # word numbers of parse_name(name).words
        self._patronymic: list[bool] = []
        # Names of two words with keys, parsed as those two words: the sum of their numbers
        # (the other word of the one a name is filed under), -1 for any other name.
        self._pair_sum: list[int] = []
        self._surname_sex: list[str | None] = []  # by word: the sex its surname ending says
        self._unplain: list[set[str]] = []  # word w -> skeletons s under which another name is filed
        self._alike: list[frozenset[int]] = []  # word -> the words alike enough (itself too)
        # Words split alike by _split_name and with keys: any of them first, and second if not
        # уулу / кызы (then the name is those two words).
        self._first: dict[str, int] = {}
        self._second: dict[str, int] = {}
        first, second, skeletons, filed = self._first.get, self._second.get, self._skeletons, self._filed
        keyed, parsed, patronymic, pair_sum = (self._keyed.append, self._parsed.append, self._patronymic.append,
                                               self._pair_sum.append)
        for k, name in enumerate(names):
            raws = name.split()
            if len(raws) == 2:  # the common name
                a, b = first(raws[0]), second(raws[1])
                if a is not None and b is not None:
                    fa, fb = filed[a], filed[b]
                    for s in skeletons[a]:
                        fb[s].append(k)
                    for s in skeletons[b]:
                        fa[s].append(k)
                    keyed(True)
                    parsed((a, b))
                    patronymic(False)
                    pair_sum(a + b)
                    continue
            self._add(k, name)

    def _word(self, raw: str) -> int:
        i = self._ids.get(raw)
        if i is None:
            if _split_name(raw) != [raw]:
                self._ids[raw] = -1
                return -1
            i = self._ids[raw] = len(self._blocks)
            block = _block_word(raw)
            self._blocks.append(block)
            self._skeletons.append(() if block is None else tuple(block[0]))
            self._filed.append(defaultdict(list))
            self._unplain.append(set())
            w, marker, _ru, surname_sex = _word_facts(raw)
            self._marker.append(marker is not None)
            self._surname_sex.append(surname_sex)
            self._words.append(w)
            self._by_text.setdefault(w.text, i)
            if block is not None:
                self._first[raw] = i
                if marker is None:
                    self._second[raw] = i
        return i

    def _add(self, k: int, name: str) -> None:
        """Name *k* in general: any number of words, any characters."""
        ws = [self._word(raw) for raw in name.split()]
        if -1 in ws:
            ws = [self._word(raw) for raw in _split_name(name)]  # each word splits as itself
        blocked = [i for i in ws if self._blocks[i] is not None]
        self._keyed.append(bool(blocked))
        plain = len(ws) == 2 and len(blocked) == 2 and not self._marker[ws[1]]
        if len(blocked) >= 2:
            for x, a in enumerate(blocked):
                for s in self._skeletons[a]:
                    for y, b in enumerate(blocked):
                        if x != y:
                            self._filed[b][s].append(k)
                            if not plain:
                                self._unplain[b].add(s)
        elif blocked:
            for near in self._blocks[blocked[0]][1]:  # type: ignore[index]
                self._single[near].append(k)
        if len(ws) == 2 and self._marker[ws[1]]:  # "Бакыт уулу": a patronymic unit alone
            self._parsed.append(())
            self._patronymic.append(True)
        elif len(ws) <= 2:
            self._parsed.append(tuple(ws))
            self._patronymic.append(False)
        else:
            p = parse_name(name)
            self._parsed.append(tuple(self._by_text[w.text] for w in p.words))
            self._patronymic.append(p.patronymic is not None)
        self._pair_sum.append(ws[0] + ws[1] if plain else -1)

    def keyed(self, k: int) -> bool:
        """Whether name *k* has blocking keys at all."""
        return self._keyed[k]

    def has_words(self, k: int) -> bool:
        """Whether name *k* has name words (``parse_name(name).words``), not only a patronymic."""
        return bool(self._parsed[k])

    def _find_alike(self) -> list[frozenset[int]]:
        """Each word's words alike enough to be matched (word_similarity >= _WORD_MATCHED),
        itself included. Exact keys narrow them down first: two words are that alike only if
        two of their forms (as written or with ы/и/й folded) are equal, equal with the front
        vowels folded, one edit apart (then both have 4 letters or more and share a
        one-letter deletion) or both 16 letters or more (_form_similarity)."""
        if self._alike or not self._words:
            return self._alike
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, w in enumerate(self._words):
            keys = set()
            for f in w.forms:
                for v in {f, _loose(f)}:
                    keys.add("=" + v)
                    keys.add("~" + _front_fold(v))
                    if len(v) >= 4:
                        keys.add("-" + v)
                        keys.update(["-" + v[:x] + v[x + 1:] for x in range(len(v))])
                    if len(v) >= 16:
                        keys.add("long")
            for key in keys:
                by_key[key].append(i)
        candidates: set[tuple[int, int]] = set()
        for group in by_key.values():
            if len(group) > 1:
                candidates.update(combinations(group, 2))  # ascending, no word twice
        alike: list[set[int]] = [{i} for i in range(len(self._words))]
        words = self._words
        for x, y in candidates:
            if word_similarity(words[x], words[y])[0] >= _WORD_MATCHED:
                alike[x].add(y)
                alike[y].add(x)
        self._alike = [frozenset(a) for a in alike]
        return self._alike

    def keyed_pairs(self) -> set[tuple[int, int]]:
        """Every pair (k, j), k < j, of names sharing a blocking key."""
        return self._pairs(prune=False)

    def _pairs(self, *, prune: bool) -> set[tuple[int, int]]:
        """keyed_pairs; with *prune*, less pairs of two names of two words that cannot pass
        may_reach for want of a partner for the words their key came through.

        Two names filed under (a, s) and (b, s) are {c, a} and {d, b}, c and d of skeleton
        s. If a and b are not alike, every word has a partner only if a is alike d and b is
        alike c: s is then the skeleton of a word alike a and of a word alike b."""
        by_near: dict[str, list[int]] = defaultdict(list)
        for i, block in enumerate(self._blocks):
            if block is not None:
                for near in block[1]:
                    by_near[near].append(i)
        alike = self._find_alike() if prune else []
        skeletons = self._skeletons
        alike_skeletons = [{sk for c in cs for sk in skeletons[c]} for cs in alike]
        pairs: set[tuple[int, int]] = set()
        add, add_all = pairs.add, pairs.update
        filed, pair_sum, unplain = self._filed, self._pair_sum, self._unplain
        for a, block in enumerate(self._blocks):
            fa = filed[a]
            if block is None or not fa:
                continue
            for names_a in fa.values():  # filed under the same word and skeleton
                if len(names_a) > 1:
                    add_all([(k, j) if k < j else (j, k) for k, j in combinations(names_a, 2) if k != j])
            if prune:
                alike_a, skeletons_a, unplain_a = alike[a], alike_skeletons[a], unplain[a]
            # the words after this one with a near form in common
            for b in {j for near in block[1] for j in by_near[near] if j > a}:
                fb = filed[b]
                if not prune or b in alike_a:
                    for s in fa.keys() & fb.keys():
                        names_b = fb[s]
                        add_all([(k, j) if k < j else (j, k) for k in fa[s] for j in names_b if k != j])
                    continue
                allowed = skeletons_a & alike_skeletons[b]
                if unplain_a or unplain[b]:
                    allowed |= unplain_a | unplain[b]
                alike_b = alike[b]
                for s in allowed:
                    if s not in fa or s not in fb:
                        continue
                    names_b = fb[s]
                    for k in fa[s]:
                        sum_k = pair_sum[k]
                        if sum_k < 0:
                            add_all([(k, j) if k < j else (j, k) for j in names_b if k != j])
                            continue
                        ck = sum_k - a in alike_b  # k: {c, a}, c of skeleton s
                        for j in names_b:
                            sum_j = pair_sum[j]
                            if sum_j >= 0 and not (ck and sum_j - b in alike_a):  # j: {d, b}
                                continue
                            if k != j:
                                add((k, j) if k < j else (j, k))
        for names_n in self._single.values():
            if len(names_n) > 1:
                add_all(combinations(names_n, 2))  # one entry per name and near form: ascending
        return pairs

    def parsed_name(self, k: int) -> ParsedName:
        """``parse_name(names[k])``, without parsing a plain two-word name again."""
        s = self._pair_sum[k]
        if s < 0:
            return parse_name(self.names[k])
        a, b = self._parsed[k]
        return ParsedName((self._words[a], self._words[b]), None, self._surname_sex[a] or self._surname_sex[b])

    def names_score(self, k: int, j: int) -> NameScore:
        """``names_score(names[k], names[j])`` of two different names."""
        if self.names[k] > self.names[j]:
            k, j = j, k
        return name_score(self.parsed_name(k), self.parsed_name(j))

    def may_reach(self, k: int, j: int, floor: float) -> bool:
        """``names_may_reach(names[k], names[j], floor)``."""
        if floor <= _UNMATCHED_CAP:
            return True
        pa, pb = self._parsed[k], self._parsed[j]
        if not pa or not pb:
            return False
        if len(pa) != len(pb) or len(pa) > 5 or (self._patronymic[k] and self._patronymic[j]):
            return True
        return self._covered(pa, pb)

    def _covered(self, pa: tuple[int, ...], pb: tuple[int, ...]) -> bool:
        """Every word of each name has a partner alike enough in the other."""
        alike = self._find_alike()
        for xs, ys in ((pa, pb), (pb, pa)):
            for x in xs:
                if alike[x].isdisjoint(ys):
                    return False
        return True

    def pairs_that_may_reach(self, floor: float, years: Sequence[frozenset[int] | None]) -> list[tuple[int, int]]:
        """The :meth:`keyed_pairs` whose names may reach *floor* (:meth:`may_reach`) and
        whose people may be born the same year: *years* holds each name's people's birth
        years, None if one of them is unknown (meets every year)."""
        parsed, patronymic, covered = self._parsed, self._patronymic, self._covered
        words_count = floor > _UNMATCHED_CAP
        out = []
        for k, j in self._pairs(prune=words_count):
            yk = years[k]
            if yk is not None:
                yj = years[j]
                if yj is not None and yk.isdisjoint(yj):
                    continue
            if words_count:
                pa, pb = parsed[k], parsed[j]
                if not pa or not pb:
                    continue
                if len(pa) == len(pb) and len(pa) <= 5 and not (patronymic[k] and patronymic[j]) \
                        and not covered(pa, pb):
                    continue
            out.append((k, j))
        return out


def blocking_keys(p: Profile) -> frozenset[str]:
    keys = set(name_blocking_keys(p.full_name))
    if p.pin:
        keys.add("pin:" + p.pin)
    if p.phone:
        keys.add("tel:" + p.phone)
    return frozenset(keys)


def clear_caches() -> None:
    """Forget the per-name caches (benchmarks measure a cold start with it)."""
    for fn in (word_of, _form_similarity, parse_name, _names_score, name_blocking_keys, _block_word,
               _word_facts):
        fn.cache_clear()
    _CLOSE.clear()
