"""Property tests (Hypothesis) for the rules everything else leans on: phone numbers and
the name search key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strive_desktop.domain.names import duplicate_key, search_key
from strive_desktop.domain.validation import FieldProblem, format_phone, normalise_phone

national = st.from_regex(r"[1-9][0-9]{8}", fullmatch=True)
sep = st.sampled_from(["", " ", "-", "  ", ".", " - "])

CYR = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
LAT = "abcdefghijklmnopqrstuvwxyz"
letters = st.text(alphabet=CYR + CYR.upper() + LAT + LAT.upper(), min_size=1, max_size=12)
names = st.lists(letters, min_size=1, max_size=4)


def _spread(digits: str, seps: list[str]) -> str:
    return "".join(d + seps[i % len(seps)] for i, d in enumerate(digits)).strip(" -.")


@given(national, st.lists(sep, min_size=1, max_size=5), st.sampled_from(["+996", "996", "0", ""]))
def test_every_written_form_normalises_to_the_same_number(n, seps, prefix):
    written = prefix + " " + _spread(n, seps) if prefix else _spread(n, seps)
    assert normalise_phone(written) == "+996" + n


@given(national)
def test_normalised_number_round_trips_through_its_display_form(n):
    stored = normalise_phone("0" + n)
    shown = format_phone(stored)
    assert shown.startswith("+996 ") and len(shown) == 17
    assert normalise_phone(shown) == stored
    assert normalise_phone(stored) == stored


@given(st.text(max_size=30))
def test_phone_input_is_either_accepted_or_explained(raw):
    try:
        out = normalise_phone(raw)
    except FieldProblem as exc:
        assert str(exc)
    else:
        assert out is None or (out.startswith("+") and 11 <= len(out) <= 16 and out[1:].isdigit())


@given(st.text(max_size=40))
def test_search_key_is_plain_latin_words(text):
    key = search_key(text)
    assert set(key) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")
    assert key == key.strip() and "  " not in key


@given(names)
def test_search_key_ignores_case(words):
    name = " ".join(words)
    assert search_key(name.upper()) == search_key(name.lower()) == search_key(name)


@given(names, st.sampled_from([" ", "  ", "\t", ", ", " - "]))
def test_every_word_of_a_name_finds_the_name(words, glue):
    key = search_key(glue.join(words))
    for w in words:
        assert search_key(w) in key


@given(names)
@settings(max_examples=200)
def test_e_yo_and_kyrgyz_letters_fold_to_their_plain_forms(words):
    name = " ".join(words)
    plain = name
    for a, b in (("ё", "е"), ("Ё", "Е"), ("ң", "н"), ("Ң", "Н"), ("ө", "о"), ("Ө", "О"), ("ү", "у"), ("Ү", "У")):
        plain = plain.replace(a, b)
    assert search_key(name) == search_key(plain)


@given(names, st.randoms())
def test_duplicate_key_ignores_word_order(words, rnd):
    shuffled = list(words)
    rnd.shuffle(shuffled)
    assert duplicate_key(" ".join(words)) == duplicate_key(" ".join(shuffled))


@pytest.mark.parametrize("cyr,lat", [
    ("Айбек", "Aibek"), ("Айбек", "Aybek"), ("Жылдыз", "Zhyldyz"), ("Жылдыз", "Jyldyz"),
    ("Өмүр", "Omur"), ("Өмүр", "Ömür"), ("Чыңгыз", "Chyngyz"), ("Үсөн", "Uson"), ("Үсөн", "Üsön"), ("Юлия", "Yulia"),
    ("Хасан", "Khasan"), ("Цой", "Tsoi"), ("Шамшиев", "Shamshiev"), ("Нургүл", "Nurgul"),
])
def test_cyrillic_and_latin_spellings_share_a_key(cyr, lat):
    assert search_key(cyr) == search_key(lat)
