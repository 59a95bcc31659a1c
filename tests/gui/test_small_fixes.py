"""Small fixes from the reviewers: what a user sees in the trainings list, the revision
comparison, the budget cell editor, the compiled forms."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.services import rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def members(store) -> list[str]:
    gid = rosters.create_group(store, NOOKAT, "Ноокат кеңеши")
    return [rosters.add_person(store, rosters.PersonInput(name, sex, "youth", NOOKAT, year), group_id=gid).person_id
            for name, sex, year in (("Осмонов Нурбек", "m", 1990), ("Жумабаева Гүлнара", "f", 1979))]


@pytest.fixture
def training_id(store, members) -> str:
    return trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "conflict_analysis", "Анализ конфликтов", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6), trainings.SessionInput(dt.date(2026, 3, 3), 6)]))


@pytest.fixture
def trainings_page(qtbot, ctx) -> TrainingsPage:
    p = TrainingsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    return p


# -- 1. the trainings list: no rate for a training not held yet ----------------------------------


def _rate(page: TrainingsPage) -> str:
    return page.list_model.index(0, page.list_model.columns.index("rate")).data()


def test_a_training_with_nothing_recorded_shows_a_dash_not_zero(qtbot, trainings_page, store, training_id):
    page = trainings_page
    page.refresh()
    assert page.list_model.index(0, page.list_model.columns.index("participants")).data() == "2"
    assert _rate(page) == "—"  # not held yet: as on the dashboard, no "0 %"


def test_an_absence_recorded_is_a_real_zero(qtbot, trainings_page, store, training_id, members):
    session = trainings.get_training(store, training_id).sessions[0]
    trainings.record_attendance(store, session.id, members[0], False)
    trainings_page.refresh()
    assert _rate(trainings_page) == "0 %"


def test_the_first_tick_on_the_open_sheet_shows_the_rate(qtbot, trainings_page, store, training_id):
    page = trainings_page
    page.refresh()
    assert _rate(page) == "—"
    m = page.sheet_model
    m.toggle(m.index(0, 2))  # one of two people at one of two sessions
    assert _rate(page) == "25 %"
    page.refresh()
    assert _rate(page) == "25 %"
