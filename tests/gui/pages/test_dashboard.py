"""Dashboard: the figures of this community, headquarters per community, charts readable."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.gui.pages.dashboard import DashboardPage
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.services import rosters, stats, trainings
from strive_desktop.storage.db import Store
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


def test_field_office_dashboard_counts_its_members(qtbot, ctx, store):
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    rosters.bulk_add_people(store, [
        rosters.PersonInput("Асанова Айгүл", "f", "women", NOOKAT, 1980),
        rosters.PersonInput("Өмүрбеков Нурлан", "m", "youth", NOOKAT, 2001),
        rosters.PersonInput("Ташиев Эрлан", "m", "youth", NOOKAT, 1999),
    ], group_id=gid)
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.wait_for_figures()
    assert page.title.text() == "Dashboard: Nookat"
    assert page.members_card.value.text() == "3"
    assert page.women_card.value.text() == "33%"
    assert page.trainings_card.value.text() == "0"
    assert page.attendance_card.value.text() == "—"
    assert ("Female", 1.0, "1 (33%)") in page.sex_chart.bars
    assert ("Youth", 2.0, "2 (67%)") in page.sector_chart.bars
    assert not page.per_table.isVisible()


@pytest.fixture
def demo_ctx(qtbot, demo_store) -> AppContext:  # type: ignore[no-untyped-def]
    return AppContext(demo_store, "en")


def test_headquarters_sees_every_community_and_can_open_one(qtbot, demo_ctx, demo_store):
    page = DashboardPage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.refresh()
    page.wait_for_figures()
    parts = stats.summaries(demo_store)
    total = stats.total(parts)
    assert page.title.text() == "Dashboard: All communities"
    assert page.members_card.value.text() == str(total.members)
    assert page.per_table.isVisible()
    assert page.per_table.rowCount() == 9
    rows = {page.per_table.item(r, 0).text(): page.per_table.item(r, 1).text() for r in range(9)}
    assert rows["Nookat"] == str(parts[NOOKAT].members)
    r = next(r for r in range(9) if page.per_table.item(r, 0).text() == "Nookat")
    page.per_table.cellDoubleClicked.emit(r, 0)
    assert demo_ctx.community_id == NOOKAT
    page.refresh()
    page.wait_for_figures()
    assert page.title.text() == "Dashboard: Nookat"
    assert page.members_card.value.text() == str(parts[NOOKAT].members)
    assert not page.per_table.isVisible()


def test_no_chart_label_is_cut_at_1366x768(qtbot, demo_ctx):
    win = MainWindow(demo_ctx.store.folder.root, demo_ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    page = win.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    page.wait_for_figures()
    qtbot.waitExposed(win)
    for chart in (page.sex_chart, page.status_chart, page.sector_chart, page.phase_chart):
        labels = [b[0] for b in chart.bars]
        assert labels and chart.elided_labels() == labels, chart.title
        assert chart.width() >= 400
    assert "Female" in [b[0] for b in page.sex_chart.bars]
    assert "Submitted" in [b[0] for b in page.status_chart.bars]
    win._closing_ok = True


def test_empty_charts_say_so(qtbot, ctx):
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.wait_for_figures()
    assert page.members_card.value.text() == "0"
    assert page.sex_chart.empty_text == "nothing recorded yet"
    assert page.per_title.isHidden()
    assert page.attendance_card.value.text() == "—"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_no_chart_label_is_cut_in_kyrgyz_or_russian(qtbot, qapp, demo_store, lang):
    from strive_desktop.gui.i18n import install_translations

    install_translations(qapp, lang)
    try:
        win = MainWindow(demo_store.folder.root, AppContext(demo_store, lang))
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        page = win.show_page("dashboard")
        page.wait_for_figures()
        qtbot.waitExposed(win)
        for chart in (page.sex_chart, page.status_chart, page.sector_chart, page.phase_chart):
            labels = [b[0] for b in chart.bars]
            assert chart.elided_labels() == labels, chart.title
        nav = [win.nav.item(i).text() for i in range(win.nav.count())]
        fm = win.nav.fontMetrics()
        assert all(fm.horizontalAdvance(t) + 24 <= win.nav.width() for t in nav), nav
        win._closing_ok = True
    finally:
        install_translations(qapp, "en")


def test_a_chart_with_only_zeros_shows_the_empty_text_alone(qtbot, ctx, store):
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    rosters.bulk_add_people(store, [rosters.PersonInput("Асанова Айгүл", "f", "women", NOOKAT, 1980)],
                            group_id=gid)
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.wait_for_figures()
    assert page.status_chart.is_empty()  # no plans: draft/submitted/approved all 0
    assert not page.sex_chart.is_empty()
    one_line = page.status_chart.sizeHint().height()
    assert one_line < page.sex_chart.sizeHint().height()


D = dt.date


def _percent(text: str) -> int:
    m = re.search(r"(\d+)\s*%", text)
    assert m, text
    return int(m.group(1))


def _sheet(store: Store) -> str:
    """Four members, two 4-hour sessions: one ticked twice, one ticked then unticked, two never
    touched. The sheet: 8 of 32 hours (25 %); counting only touched cells gave 8 of 12 (67 %)."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    people = [rosters.add_person(store, rosters.PersonInput(
        full_name=n, sex="f", sector="women", community_id=NOOKAT, birth_year=1990),
        group_id=gid, allow_duplicate=True).person_id
        for n in ("Асанова Айгүл", "Бакытова Нургүл", "Жумабаева Өмүр", "Үсөнова Аңжы")]
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Негиздер",
        sessions=[trainings.SessionInput(D(2026, 3, 2), 4.0), trainings.SessionInput(D(2026, 3, 3), 4.0)]))
    s1, s2 = trainings.get_training(store, tid).sessions
    trainings.record_attendance(store, s1.id, people[0], True)
    trainings.record_attendance(store, s2.id, people[0], True)
    trainings.record_attendance(store, s1.id, people[1], True)
    trainings.record_attendance(store, s1.id, people[1], False)
    return tid


def test_dashboard_and_trainings_page_show_the_sheets_attendance(qtbot, ctx: AppContext) -> None:
    tid = _sheet(ctx.store)
    dash = DashboardPage(ctx)
    qtbot.addWidget(dash)
    dash.refresh()
    dash.wait_for_figures()
    page = TrainingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.refresh()
    m = page.list_model
    row = m.row_of(tid)
    rate_col = m.columns.index("rate")
    listed = m.index(row, rate_col).data()
    assert _percent(dash.attendance_card.value.text()) == 25
    assert _percent(listed) == 25
    assert "average attendance 25%" in page.summary.text()
