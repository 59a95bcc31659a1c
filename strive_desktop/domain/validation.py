"""Validation rules with messages a user understands (English source, translated by the UI)."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import ValidationError
from ..i18n import N_, Message

MIN_BIRTH_YEAR = 1920
NAME_MAX = 200

_DIGITS = re.compile(r"\d")


class FieldProblem(ValueError):
    """A single field's value is wrong; ``message`` says why in the user's terms."""

    def __init__(self, text: str, **args: object) -> None:
        self.message = Message(text, **args)
        super().__init__(str(self.message))


class Errors:
    """Collects field errors and raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, Message] = {}

    def add(self, field: str, text: str, **args: object) -> None:
        self.errors.setdefault(field, Message(text, **args))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


# Country calling codes accepted besides Kyrgyzstan's own: the neighbours whose numbers
# migrants' families use (+7 Russia and Kazakhstan, +998 Uzbekistan, +992 Tajikistan, +86 China).
FOREIGN_PHONE_REGIONS = frozenset({"RU", "KZ", "UZ", "TJ", "CN"})
_PHONE_CHARS = re.compile(r"[^\d\s()+\-.]")
_BAD_PHONE = N_("Enter a phone number of Kyrgyzstan (0555 12 34 56, +996 555 12 34 56) or of a "
                "neighbouring country (+7, +998, +992, +86).")


def _foreign_phone(digits: str, region: str | None = None) -> str | None:
    """``digits`` with its country code (or a national number of ``region``) as E.164, if it is
    a valid number of an accepted neighbouring country; else None."""
    import phonenumbers  # the rule's one outside library; loaded on the first foreign number

    try:
        number = phonenumbers.parse(digits if region else "+" + digits, region)
    except phonenumbers.NumberParseException:
        return None
    if (phonenumbers.region_code_for_number(number) not in FOREIGN_PHONE_REGIONS
            or not phonenumbers.is_valid_number(number)):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phone(raw: str | None) -> str | None:
    """Return a phone number in E.164 (``+996XXXXXXXXX``, ``+7XXXXXXXXXX`` ...) or None for an
    empty value.

    Kyrgyz numbers as before: +996 555 06 88 33, 996555068833, 0555 068 833, 555068833 and any
    spacing, dashes or brackets (any nine national digits not starting with 0, so every number
    stored by an older version still passes). Numbers of Russia and Kazakhstan (+7, or 8 and
    ten digits as written there), Uzbekistan (+998), Tajikistan (+992) and China (+86) are
    checked with Google's libphonenumber rules (``phonenumbers``); ``00`` may stand for +.
    Raises ``FieldProblem`` with a user message for anything else.
    """
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if _PHONE_CHARS.search(text) or text.count("+") > 1 or ("+" in text and not text.startswith("+")):
        raise FieldProblem(N_("A phone number may contain only digits, spaces, dashes and a leading +."))
    digits = "".join(_DIGITS.findall(text))
    international = text.startswith("+")
    if not international and digits.startswith("00"):
        digits, international = digits[2:], True
    if digits.startswith("996") and len(digits) == 12:
        national = digits[3:]
    elif digits.startswith("9960") and len(digits) == 13:  # +996 (0555) 12 34 56
        national = digits[4:]
    elif international:
        foreign = _foreign_phone(digits)
        if foreign is None:
            raise FieldProblem(_BAD_PHONE)
        return foreign
    elif digits.startswith("0") and len(digits) == 10:
        national = digits[1:]
    elif len(digits) == 9:
        national = digits
    elif len(digits) == 11 and digits[0] in "78":  # 8 701 123 45 67 / 7 916 ... (Russia, Kazakhstan)
        foreign = _foreign_phone(digits[1:], "RU") if digits[0] == "8" else _foreign_phone(digits)
        if foreign is None:
            raise FieldProblem(_BAD_PHONE)
        return foreign
    elif (foreign := _foreign_phone(digits)) is not None:  # 998 90 123 45 67 typed without +
        return foreign
    else:
        raise FieldProblem(_BAD_PHONE)
    if national[0] == "0":
        raise FieldProblem(_BAD_PHONE)
    return "+996" + national


def format_phone(stored: str | None) -> str:
    """A stored number for display: ``+996555068833`` -> ``+996 555 06 88 33`` (grouped as
    Kyrgyz numbers are written), others as libphonenumber writes them internationally
    (``+7 701 123 4567``); a value that is not a number is shown as it is."""
    if not stored:
        return ""
    if stored.startswith("+996") and len(stored) == 13:
        n = stored[4:]
        return f"+996 {n[:3]} {n[3:5]} {n[5:7]} {n[7:]}"
    if not stored.startswith("+"):
        return stored
    import phonenumbers

    try:
        number = phonenumbers.parse(stored, None)
    except phonenumbers.NumberParseException:
        return stored
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def check_pin(pin: str | None) -> str | None:
    """Validate a 14-digit personal identification number (ПИН); return it or None if empty.

    Kyrgyz PINs start with 1 (female) or 2 (male) followed by the birth date as DDMMYYYY.
    """
    if pin is None or not pin.strip():
        return None
    p = re.sub(r"\s", "", pin)
    if not re.fullmatch(r"\d{14}", p):
        raise FieldProblem(N_("The personal number (PIN) must have exactly 14 digits."))
    if p[0] not in "12":
        raise FieldProblem(N_("The personal number (PIN) must start with 1 or 2."))
    try:
        dt.date(int(p[5:9]), int(p[3:5]), int(p[1:3]))
    except ValueError:
        raise FieldProblem(N_("Digits 2-9 of the personal number (PIN) must be a birth date (DDMMYYYY).")) from None
    return p


def pin_birth_year(pin: str) -> int:
    return int(pin[5:9])


def check_birth_year(year: int | None, today: dt.date | None = None) -> int | None:
    if year is None:
        return None
    today = today or dt.date.today()
    if not (MIN_BIRTH_YEAR <= year <= today.year - 10):
        raise FieldProblem(N_("Birth year must be between {low} and {high}."), low=MIN_BIRTH_YEAR, high=today.year - 10)
    return year


# Characters the fonts embedded in every PDF (DejaVu Sans, regular and bold) draw: Latin with
# its accents, Greek, Cyrillic (Kyrgyz ң ө ү, Kazakh, Uzbek Cyrillic ...), the Latin letters of
# Vietnamese and Turkic alphabets, dashes, quotes, №, currency signs. Anything else (emoji,
# pictographs, other scripts) would print as an empty box, so it is refused where it is typed.
# tests/pdf/test_fonts.py checks every character here against both font files.
PRINTABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x20, 0x7E), (0xA0, 0x24F), (0x2B0, 0x2E9), (0x300, 0x34F), (0x384, 0x38A), (0x38C, 0x38C),
    (0x38E, 0x3A1), (0x3A3, 0x3FF), (0x400, 0x525), (0x1E00, 0x1EFB), (0x2010, 0x2027),
    (0x2030, 0x205E), (0x20A0, 0x20B5), (0x2100, 0x2109), (0x2116, 0x2116), (0x2122, 0x2122),
)


def unprintable(text: str) -> list[str]:
    """The distinct characters of *text* (in order) that a printed document cannot show."""
    bad: list[str] = []
    for ch in text:
        cp = ord(ch)
        if not any(a <= cp <= b for a, b in PRINTABLE_RANGES) and not ch.isspace() and ch not in bad:
            bad.append(ch)
    return bad


def check_printable(errors: Errors, field: str, text: str, what: str) -> None:
    """Refuse text with characters the PDFs cannot draw (an emoji would print as a box)."""
    bad = unprintable(text)
    if bad:
        errors.add(field, N_("{what} contains characters that cannot be printed: {chars}. "
                             "Use letters, digits and ordinary punctuation."),
                   what=Message(what), chars=" ".join(bad[:5]))


def require_text(errors: Errors, field: str, value: str | None, what: str) -> str:
    """*what* is the field's name, an ``N_``-marked English source string ("The full name"):
    it is translated together with the sentence around it."""
    text = " ".join((value or "").split())
    label = Message(what)
    if not text:
        errors.add(field, N_("{what} is required."), what=label)
    elif len(text) > NAME_MAX:
        errors.add(field, N_("{what} is too long (at most {n} characters)."), what=label, n=NAME_MAX)
    else:
        check_printable(errors, field, text, what)
    return text


def check_period(errors: Errors, field: str, start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        errors.add(field, N_("The end date cannot be before the start date."))


def check_within(errors: Errors, field: str, start: dt.date | None, end: dt.date | None,
                 period_start: dt.date | None, period_end: dt.date | None, n: int) -> None:
    """An activity (number *n*) must lie inside its plan's period (each bound when it is set).

    The problem is recorded under ``<field>.start`` or ``<field>.end``."""
    if period_start and period_end and period_end < period_start:
        return  # the reversed period is the one error to show
    if start and period_start and start < period_start:
        errors.add(f"{field}.start", N_("Activity {n} starts before the plan period."), n=n)
    if end and period_end and end > period_end:
        errors.add(f"{field}.end", N_("Activity {n} ends after the plan period."), n=n)


def check_budget(errors: Errors, field: str, amount: int | None) -> int:
    if amount is None:
        return 0
    if amount < 0:
        errors.add(field, N_("A budget cannot be negative."))
    if amount > 10**12:
        errors.add(field, N_("This budget is too large."))
    return int(amount)


_SOM_SPACES = re.compile(r"[\s\u00a0\u202f'\u2019]")  # spaces, no-break spaces, apostrophes
_SOM_GROUPED = re.compile(r"[0-9]{1,3}([.,])[0-9]{3}(?:\1[0-9]{3})*")  # 12,500  1.250.000
SOM_MAX_DIGITS = 15
# A currency word after the amount, as written on paper: "12 500 сом", "12500 som", "12 500 с".
_SOM_UNIT = re.compile(r"(?:сом(?:ов|а)?|som|с|c|kgs)\.?", re.IGNORECASE)
_SOM_TRAILING_UNIT = re.compile(r"(?P<amount>.*?[0-9])[\s\u00a0\u202f]*" + _SOM_UNIT.pattern,
                                re.IGNORECASE | re.DOTALL)


def parse_whole_som(text: str | None) -> int:
    """What a user types as a budget -> whole som; an empty text is 0.

    Spaces, no-break spaces and apostrophes may group the thousands anywhere ("12 500",
    "1'250'000"). A comma or a dot is taken only as a thousands separator in the exact
    grouping pattern ("12,500", "1.250.000"); anything else with one ("1,5", "12 500,50",
    "12.5") is refused rather than guessed: budgets are whole som and "1,5" must never
    become 15. A currency word after the number is allowed ("12 500 сом", "12500 som",
    "12 500 с"). Raises ``FieldProblem`` with a message for the user; the sign is kept (the
    budget rules refuse a negative amount with their own message).
    """
    raw = (text or "").strip()
    unit = _SOM_TRAILING_UNIT.fullmatch(raw)
    t = _SOM_SPACES.sub("", unit.group("amount") if unit else raw)
    if not t:
        return 0
    sign = 1
    if t[0] in "-\u2212":
        sign, t = -1, t[1:]
    if _SOM_GROUPED.fullmatch(t):
        t = t.replace(",", "").replace(".", "")
    if t.isascii() and t.isdigit():
        if len(t) > SOM_MAX_DIGITS:
            raise FieldProblem(N_("This budget is too large."))
        return sign * int(t)
    if re.fullmatch(r"[0-9.,]*[0-9][0-9.,]*", t):
        raise FieldProblem(N_("“{amount}” is not a whole number of som. Budgets are in whole som, "
                              "without tyiyn, e.g. 12 500."), amount=raw)
    raise FieldProblem(N_("Enter the amount in som as a whole number, e.g. 12 500."))
