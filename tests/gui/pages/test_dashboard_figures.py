"""The dashboard counts on the window's worker thread and shows the figures when they arrive."""

from __future__ import annotations

import threading

import pytest

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.pages import dashboard
from strive_desktop.gui.pages.dashboard import DashboardPage
from strive_desktop.services import rosters
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_the_figures_are_read_off_the_gui_thread_and_shown_when_they_arrive(qtbot, ctx: AppContext, store,
                                                                             monkeypatch: pytest.MonkeyPatch):
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    for name, sex in (("Асанова Айгүл", "f"), ("Токтогулов Бакыт", "m")):
        rosters.add_person(store, rosters.PersonInput(name, sex, "youth", NOOKAT, 1990), group_id=gid)
    read_on: list[threading.Thread] = []
    read = dashboard.read_figures

    def spy(*args):  # noqa: ANN002, ANN202
        read_on.append(threading.current_thread())
        return read(*args)

    monkeypatch.setattr(dashboard, "read_figures", spy)
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.members_card.value.text() == "…"  # not counted yet: no made-up zero
    qtbot.waitUntil(lambda: page.members_card.value.text() == "2", timeout=10000)
    assert page.women_card.value.text() == "50%"
    assert read_on and read_on[0] is not threading.main_thread()


def test_the_last_refresh_asked_for_is_the_one_shown(qtbot, ctx: AppContext, store):
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.refresh()  # before the member was added...
    rosters.add_person(store, rosters.PersonInput("Асанова Айгүл", "f", "youth", NOOKAT, 1990), group_id=gid)
    page.refresh()  # ...and after
    page.wait_for_figures()
    qtbot.wait(50)  # both answers delivered
    assert page.members_card.value.text() == "1"
