"""Tests of group."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from strive_desktop.errors import ValidationError
from strive_desktop.services import rosters
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_a_missing_group_name_in_russian(qtbot, language, store):
    language("ru")
    with pytest.raises(ValidationError) as info:
        rosters.create_group(store, NOOKAT, " ")
    text = info.value.render(QCoreApplication.translate)
    assert text == "Поле «Название группы» обязательно."
