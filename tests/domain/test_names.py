"""Tests of names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strive_desktop.domain.names import duplicate_key, search_key

CYR = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
LAT = "abcdefghijklmnopqrstuvwxyz"
letters = st.text(alphabet=CYR + CYR.upper() + LAT + LAT.upper(), min_size=1, max_size=12)
names = st.lists(letters, min_size=1, max_size=4)


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
