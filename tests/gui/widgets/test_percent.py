"""One percent style everywhere in the window: English "92%", Russian and Kyrgyz "92 %" with a
no-break space, on the dashboard, in the trainings list and in the certificates dialog."""

from __future__ import annotations

import datetime as dt

import pytest

from strive_desktop.domain.percent import percent, percent_text, share
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.certificates import CertificatesDialog
from strive_desktop.gui.pages.dashboard import DashboardPage
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.services import rosters, trainings
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
NBSP = "\u00a0"


@pytest.fixture
def held_training(store) -> str:  # type: ignore[no-untyped-def]
    """Three members, two of them women; one session, two of three present (67 %)."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    ids = rosters.bulk_add_people(store, [
        rosters.PersonInput("Асанова Айгүл", "f", "women", NOOKAT, 1980),
        rosters.PersonInput("Өмүрбекова Чолпон", "f", "youth", NOOKAT, 2001),
        rosters.PersonInput("Ташиев Эрлан", "m", "youth", NOOKAT, 1999),
    ], group_id=gid)
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Зордук-зомбулук экстремизминин негиздери", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))
    session = trainings.get_training(store, tid).sessions[0]
    trainings.record_bulk(store, [(session.id, pid, i < 2) for i, pid in enumerate(ids)])
    return tid


def test_the_rule_per_language() -> None:
    assert percent(0.92, "en") == "92%"
    assert percent(0.92, "ru") == f"92{NBSP}%"
    assert percent(0.92, "ky") == f"92{NBSP}%"
    assert percent(None, "ru") == "—"
    assert percent_text(80, "en") == "80%" and percent_text(80.4, "ky") == f"80{NBSP}%"
    assert share(1, 3, "en") == "33%" and share(2, 3, "ru") == f"67{NBSP}%" and share(1, 0, "en") == "—"


@pytest.mark.parametrize(("lang", "women", "rate"), [("en", "67%", "67%"),
                                                     ("ru", f"67{NBSP}%", f"67{NBSP}%"),
                                                     ("ky", f"67{NBSP}%", f"67{NBSP}%")])


def test_dashboard_and_trainings_list_write_percent_the_same_way(qtbot, store, held_training, language,  # type: ignore[no-untyped-def]
                                                                 lang, women, rate) -> None:
    language(lang)
    ctx = AppContext(store, lang)
    dash = DashboardPage(ctx)
    qtbot.addWidget(dash)
    dash.refresh()
    dash.wait_for_figures()
    assert dash.women_card.value.text() == women
    assert dash.attendance_card.value.text() == rate
    assert sorted(bar[2] for bar in dash.sex_chart.bars) == sorted([f"2 ({women})", f"1 ({share(1, 3, lang)})"])
    page = TrainingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    m = page.list_model
    assert m.index(0, m.columns.index("rate")).data() == rate
    if lang == "en":  # the sheet's summary line (its ky/ru wording waits for the translations)
        assert f"average attendance {rate}" in page.summary.text()
        assert "at least 80% of the hours" in page.summary.text()
    sheet = page.sheet_model
    assert sheet.index(0, sheet.rate_column).data() in (percent(1, lang), percent(0, lang))


@pytest.mark.parametrize(("lang", "needs"), [("en", "at least 80%"), ("ru", f"80{NBSP}%"), ("ky", f"80{NBSP}%")])
def test_certificates_dialog_states_the_rule_in_the_same_style(qtbot, store, held_training, language,  # type: ignore[no-untyped-def]
                                                               lang, needs) -> None:
    language(lang)
    dialog = CertificatesDialog(AppContext(store, lang), held_training)
    qtbot.addWidget(dialog)
    assert needs in dialog.heading.text()
    assert "80%" not in dialog.heading.text() or lang == "en"


@pytest.mark.parametrize(("lang", "hours", "people", "rate"), [
    ("en", "9.6", "100,000", "67%"),
    ("ru", "9,6", f"100{NBSP}000", f"67{NBSP}%"),
    ("ky", "9,6", f"100{NBSP}000", f"67{NBSP}%"),
])


def test_the_window_writes_numbers_as_the_pdfs_and_workbooks_do(language, lang, hours, people, rate) -> None:
    from strive_desktop import formatting
    from strive_desktop.gui.context import number_text
    from strive_desktop.gui.widgets import percent as gui_percent

    language(lang)
    assert number_text(9.6) == hours == formatting.fmt_number(9.6, lang)
    assert number_text(100000) == people == formatting.fmt_int(100000, lang)
    assert gui_percent.share(2, 3) == rate == formatting.fmt_share(2, 3, lang)
