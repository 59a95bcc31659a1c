"""The whole-table search (headquarters) finds exactly the pairs a plain pairwise scoring of
every block finds: the fast path (names scored once, cheap bounds first) loses nothing."""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import combinations

import pytest

from strive_desktop.domain.matching import (
    LIKELY,
    POSSIBLE,
    Match,
    Profile,
    blocking_keys,
    clear_caches,
    score,
)
from strive_desktop.services.people_match import scored_pairs

GIVEN_M = ["Айбек", "Нурлан", "Бакыт", "Төлөгөн", "Чыңгыз", "Үсөн", "Азамат", "Кубат", "Улан", "Сергей"]
GIVEN_F = ["Айгүл", "Жылдыз", "Чолпон", "Шолпон", "Чынара", "Шынара", "Анна", "Ана", "Юлия", "Айсулуу"]
ROOTS = ["Асан", "Асам", "Сыдык", "Сидик", "Мамыт", "Осмон", "Үсөн", "Ногойбай", "Абдыкерим", "Токтогул",
         "Жумабай", "Бекеш", "Бекиш", "Эсенбек", "Абдулкерим", "Карабай", "Карыбек"]
FATHERS = ["Бакыт", "Азамат", "Кубат", "Кубан", "Нурлан"]
LATIN = str.maketrans({"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
                       "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o", "п": "p",
                       "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u", "ф": "f", "х": "kh", "ц": "ts",
                       "ч": "ch", "ш": "sh", "ы": "y", "э": "e", "ю": "iu", "я": "ia"})


def _latin(name: str) -> str:
    return " ".join(w.lower().translate(LATIN).capitalize() for w in name.split())


def _person(rng: random.Random) -> Profile:
    sex = rng.choice("mf")
    given = rng.choice(GIVEN_M if sex == "m" else GIVEN_F)
    root = rng.choice(ROOTS)
    surname = root + ("ов" if sex == "m" else "ова")
    roll = rng.random()
    if roll < 0.1:
        name = f"{given} {rng.choice(FATHERS)} {'уулу' if sex == 'm' else 'кызы'}"
    elif roll < 0.15:
        name = f"{surname} {given} {rng.choice(FATHERS)}{'ович' if sex == 'm' else 'овна'}"
    else:
        name = f"{surname} {given}"
    year = rng.randint(1980, 1989) if rng.random() < 0.85 else None
    return Profile(name, year, sex if rng.random() < 0.95 else None,
                   pin=str(rng.randint(10**13, 10**13 + 40)) if rng.random() < 0.05 else None,
                   phone=f"+99670000{rng.randint(0, 60):04d}" if rng.random() < 0.05 else None,
                   community_id=f"c{rng.randint(1, 3)}")


def _again(rng: random.Random, p: Profile) -> Profile:
    """The same person entered by another office: in Latin letters, words swapped, one letter
    typed wrong, the patronymic left out, or the year left out."""
    words = p.full_name.split()
    how = rng.randrange(5)
    if how == 0:
        name = _latin(p.full_name)
    elif how == 1:
        name = " ".join(reversed(words))
    elif how == 2:
        w = words[0]
        i = rng.randrange(1, len(w))
        name = " ".join([w[:i] + rng.choice("аеимнос") + w[i + 1:]] + words[1:])
    else:
        name = " ".join(words[:2])
    year = None if how == 4 else p.birth_year
    return Profile(name, year, p.sex, None, p.phone, f"c{rng.randint(1, 3)}")


def _population(n: int, twins: int, seed: int) -> list[Profile]:
    rng = random.Random(seed)
    people = [_person(rng) for _ in range(n - twins)]
    people += [_again(rng, people[rng.randrange(len(people))]) for _ in range(twins)]
    rng.shuffle(people)
    return people


def _reference(profiles: list[Profile], threshold: float) -> dict[tuple[int, int], Match]:
    """Every block of the matcher's keys, every pair in it scored: no shortcut."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for key in blocking_keys(p):
            blocks[key].append(i)
    out: dict[tuple[int, int], Match] = {}
    for members in blocks.values():
        for x, y in combinations(sorted(members), 2):
            a, b = profiles[x], profiles[y]
            if a.birth_year is not None and b.birth_year is not None and a.birth_year != b.birth_year:
                continue  # born in other years: other people, never compared
            if a.sex and b.sex and a.sex != b.sex:
                continue
            m = score(a, b)
            if m.score >= threshold:
                out[(x, y)] = m
    return out


@pytest.mark.parametrize("threshold", [POSSIBLE, LIKELY])
def test_the_whole_table_search_finds_exactly_the_pairs_of_pairwise_scoring(threshold: float) -> None:
    profiles = _population(3000, 300, seed=17)
    clear_caches()
    found = scored_pairs(profiles, threshold=threshold)
    expected = _reference(profiles, threshold)
    assert len(expected) > 300  # the planted twins and the namesakes of a small name list
    assert {(p.a, p.b): p.match for p in found} == expected
    assert len(found) == len(expected)  # no pair twice
    assert all(p.a < p.b for p in found)
    keys = [(-p.match.score, p.a, p.b) for p in found]
    assert keys == sorted(keys)  # best first, ties in the order of the people


def test_planted_spellings_are_among_the_pairs() -> None:
    base = [Profile("Асанов Айбек", 1985, "m", community_id="c1"),
            Profile("Ногойбаев Айбек", 1990, "m", phone="+996700111222"),
            Profile("Азамат Бакыт уулу", 1988, "m"),
            Profile("Шолпон Асанова", 1991, "f")]
    again = [Profile("Asanov Aibek", 1985, "m", community_id="c2"),
             Profile("Nogojbaev Ajbek", None, "m", phone="+996700111222"),
             Profile("Бакыт Азамат уулу", 1988, "m"),   # another man: the son of Азамат
             Profile("Чолпон Асанова", 1991, "f")]      # another woman: Ч is not Ш
    profiles = _population(500, 0, seed=3) + base + again
    pairs = {(profiles[p.a].full_name, profiles[p.b].full_name) for p in scored_pairs(profiles)}
    assert ("Асанов Айбек", "Asanov Aibek") in pairs
    assert ("Ногойбаев Айбек", "Nogojbaev Ajbek") in pairs
    assert not any({"Азамат Бакыт уулу", "Бакыт Азамат уулу"} == set(p) for p in pairs)
    assert not any({"Шолпон Асанова", "Чолпон Асанова"} == set(p) for p in pairs)
