"""Tests of vulnerable."""

from __future__ import annotations

import pytest

from strive_desktop.errors import NotFound, ValidationError
from strive_desktop.services import vulnerable
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_vulnerable_groups_add_edit_remove(store):
    vid = vulnerable.add_vulnerable_group(store, NOOKAT, "  Жумушсуз жаштар ", "16-25 жаш")
    other = vulnerable.add_vulnerable_group(store, community_id("kochkor"), "Return migrants")
    assert [(v.category, v.description) for v in vulnerable.list_vulnerable_groups(store, NOOKAT)] == [
        ("Жумушсуз жаштар", "16-25 жаш")]
    vulnerable.update_vulnerable_group(store, vid, "Жумушсуз жаштар", "16-30 жаш")
    assert vulnerable.list_vulnerable_groups(store, NOOKAT)[0].description == "16-30 жаш"
    vulnerable.remove_vulnerable_group(store, vid)
    assert [v.id for v in vulnerable.list_vulnerable_groups(store)] == [other]
    with pytest.raises(ValidationError, match="category is required"):
        vulnerable.add_vulnerable_group(store, NOOKAT, " ")
    with pytest.raises(NotFound):
        vulnerable.update_vulnerable_group(store, vid, "X")
