"""services/installation.py: finding a community the way a user types it."""

from __future__ import annotations

import pytest

from strive_desktop.errors import NotFound, UserError
from strive_desktop.services import installation
from strive_desktop.storage.db import Store


def _add(store: Store, code: str, name: str) -> str:
    return installation.add_community(store, code=code, name_ky=name, name_ru=name, name_en=name,
                                      kind="aiyl_okmotu")


def test_codes_that_share_a_spelling_key_find_each_their_own_community(hq_store: Store) -> None:
    # natl-001 and natl-011 (and Natl-101) fold to one search key; each exact code must still
    # find its own community, in any case and with stray spaces.
    first = _add(hq_store, "natl-001", "Ak-Suu")
    eleventh = _add(hq_store, "natl-011", "Ak-Talaa")
    hundred_first = _add(hq_store, "natl-101", "Ala-Buka")
    assert installation.find_community(hq_store, "natl-001").id == first
    assert installation.find_community(hq_store, "NATL-011").id == eleventh
    assert installation.find_community(hq_store, " natl-101 ").id == hundred_first
    assert installation.find_community(hq_store, "Ak-Talaa").id == eleventh


def test_a_spelling_that_could_be_several_communities_asks_for_the_code(hq_store: Store) -> None:
    _add(hq_store, "natl-001", "Ak-Suu")
    _add(hq_store, "natl-011", "Ak-Talaa")
    with pytest.raises(UserError) as caught:
        installation.find_community(hq_store, "natl 0011")
    text = caught.value.render()
    assert "natl-001 (Ak-Suu)" in text and "natl-011 (Ak-Talaa)" in text
    assert "code" in text


def test_pilot_names_are_found_in_any_script_and_spelling(hq_store: Store) -> None:
    kochkor = installation.find_community(hq_store, "Kochkor").id
    assert installation.find_community(hq_store, "Кочкор").id == kochkor
    assert installation.find_community(hq_store, "kochkor").id == kochkor
    assert installation.find_community(hq_store, "Кочкор").name_en == "Kochkor"
    with pytest.raises(NotFound):
        installation.find_community(hq_store, "Atlantis")
