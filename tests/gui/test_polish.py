"""Small things a user sees: the membership history's columns, numbers in service messages,
the settings page, list columns at the minimum width."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication

from strive_desktop.errors import UserError
from strive_desktop.gui.context import AppContext, user_text
from strive_desktop.gui.dialogs.certificates import CertificatesDialog
from strive_desktop.gui.dialogs.history import HistoryDialog
from strive_desktop.i18n import Message, Number, Percent
from strive_desktop.services import certificates, rosters, trainings
from strive_desktop.services.people_index import load_people_index
from strive_desktop.services.rosters import MemberRow
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")
LANGS = ["en", "ru", "ky"]
NBSP = "\u00a0"


def _history_rows() -> list[MemberRow]:
    def row(group: str, role: str, joined: dt.date, left: dt.date | None) -> MemberRow:
        return MemberRow("m", "p", "Өмүрбекова Чолпон", "f", 1990, "women", role, None, joined, left, group)

    return [row("Ноокат айылдык кеңешинин тобу", "chair", dt.date(2024, 1, 15), dt.date(2025, 3, 1)),
            row("Ноокат тобу", "member", dt.date(2025, 3, 2), None)]


@pytest.mark.parametrize("lang", LANGS)
def test_membership_history_columns_leave_air_at_the_right_edge(tmp_path, qtbot, language, lang) -> None:  # type: ignore[no-untyped-def]
    language(lang)
    dlg = HistoryDialog("Өмүрбекова Чолпон", _history_rows())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    t = dlg.table
    h = t.horizontalHeader()
    fm = t.fontMetrics()
    current = QCoreApplication.translate("HistoryDialog", "current member")
    assert t.item(1, 3).text() == current
    # the last column ends inside the table, with room beyond the text; no horizontal scrolling
    assert h.sectionViewportPosition(3) + h.sectionSize(3) <= t.viewport().width()
    assert h.sectionSize(3) >= fm.horizontalAdvance(current) + 2 * fm.averageCharWidth()
    assert t.horizontalScrollBar().maximum() == 0
    # the group's name gets the most room and is shown whole
    assert h.sectionSize(0) >= fm.horizontalAdvance(_history_rows()[0].group_name)
    assert h.sectionSize(0) == max(h.sectionSize(c) for c in range(4))
    if lang == "ky":
        dlg.grab().save(str(tmp_path / "history-ky.png"))


# -- numbers in service messages ----------------------------------------------------------------
@pytest.fixture
def half_attended(store) -> str:  # type: ignore[no-untyped-def]
    """Two members, one session of 6 hours; one present, one absent (the rule asks for 4.8 h)."""
    gid = rosters.create_group(store, NOOKAT, "Ноокат тобу")
    ids = rosters.bulk_add_people(store, [
        rosters.PersonInput("Асанова Айгүл", "f", "women", NOOKAT, 1980),
        rosters.PersonInput("Ташиев Эрлан", "m", "youth", NOOKAT, 1999),
    ], group_id=gid)
    tid = trainings.create_training(store, trainings.TrainingInput(
        NOOKAT, "basics_ve", "Зордук-зомбулук экстремизминин негиздери", venue="Ноокат",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6)]))
    session = trainings.get_training(store, tid).sessions[0]
    trainings.record_bulk(store, [(session.id, pid, i == 0) for i, pid in enumerate(ids)])
    return tid


@pytest.mark.parametrize(("lang", "reason"), [
    ("en", "Attended 0 of 6 hours (0%); the rule asks for 4.8 hours (80%)."),
    ("ru", f"Посещено 0 из 6 ч (0{NBSP}%); по правилу нужно 4,8 ч (80{NBSP}%)."),
    ("ky", f"6 сааттын 0 саатына катышты (0{NBSP}%); эреже боюнча 4,8 саат (80{NBSP}%) керек."),
])
def test_certificate_reasons_write_numbers_and_percent_the_language_s_way(tmp_path,   # type: ignore[no-untyped-def]
        qtbot, store, half_attended, language, lang, reason) -> None:
    language(lang)
    dlg = CertificatesDialog(AppContext(store, lang), half_attended)
    qtbot.addWidget(dlg)
    assert dlg.excluded_rows() == [("Ташиев Эрлан", reason)]
    # the same reason, when printing for that person is refused, reaches the user translated
    with pytest.raises(UserError) as err:
        certificates.issue_certificates(store, half_attended, [_person_id(store, "Ташиев Эрлан")])
    assert user_text(err.value).endswith(reason)
    if lang == "ru":
        dlg.resize(1000, 420)
        dlg.show()
        qtbot.waitExposed(dlg)
        dlg.grab().save(str(tmp_path / "certificates-ru.png"))


def _person_id(store, name: str) -> str:  # type: ignore[no-untyped-def]
    return load_people_index(store).filtered(name).ids[0]


def test_user_text_formats_marked_numbers_and_keeps_english() -> None:
    msg = Message("{a} of {b} hours ({c})", a=Number(9.6), b=Number(12), c=Percent(79.6))
    assert msg.render() == "9.6 of 12 hours (80%)"
    err = UserError("Rate {c}, need {a} h", a=Number(1234.5), c=Percent(80))
    assert user_text(err) == "Rate 80%, need 1,234.5 h"


# -- settings page ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_settings_rule_is_one_line_and_save_is_at_the_bottom_right(tmp_path, qtbot, language, store, lang) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QGroupBox, QScrollArea

    from strive_desktop.gui.main_window import MainWindow

    language(lang)
    win = MainWindow(store.folder.root, AppContext(store, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    page = win.show_page("settings")
    qtbot.wait(20)
    body = page.findChild(QScrollArea).widget()

    def rect(w):  # type: ignore[no-untyped-def]
        return w.rect().translated(w.mapTo(body, w.rect().topLeft()))

    # the completion rule reads as one sentence on one line: label, spin box, "of its hours."
    label = page.completion.parent().findChildren(type(page.rule_tail))[0]
    spin, tail = rect(page.completion), rect(page.rule_tail)
    assert rect(label).right() < spin.left() < spin.right() < tail.left()
    assert abs(rect(label).center().y() - spin.center().y()) <= 3
    assert abs(tail.center().y() - spin.center().y()) <= 3
    assert page.rule_tail.visibleRegion().boundingRect().width() >= page.rule_tail.sizeHint().width()
    # Save is below every box, at the right of the page, and the page still needs no scrolling
    boxes = [rect(b) for b in page.findChildren(QGroupBox)]
    save = rect(page.save_button)
    assert all(save.top() > b.bottom() for b in boxes)
    assert save.right() >= max(b.right() for b in boxes) - 2
    assert save.bottom() <= page.findChild(QScrollArea).viewport().height()
    assert not page.findChild(QScrollArea).verticalScrollBar().isVisible()
    if lang != "en":
        win.grab().save(str(tmp_path / f"settings-{lang}.png"))


# -- list columns at the minimum window width ----------------------------------------------------
def _main_window(qtbot, ctx: AppContext, width: int):  # type: ignore[no-untyped-def]
    from strive_desktop.gui.main_window import MainWindow

    win = MainWindow(ctx.store.folder.root, ctx)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(width, 600 if width < 1366 else 768)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_titles_keep_a_fair_share_at_the_minimum_width(tmp_path, qtbot, store, half_attended, language, lang) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from strive_desktop.gui.models.trainings import phase_label
    from strive_desktop.services import plans

    plans.create_plan(store, NOOKAT, plans.PlanDraft(
        "Ноокат айыл өкмөтүнүн зордук-зомбулук экстремизминин алдын алуу планы",
        dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    language(lang)
    win = _main_window(qtbot, AppContext(store, lang), 960)
    page = win.show_page("trainings")
    qtbot.wait(30)
    t, m = page.table, page.list_model
    title, phase = m.columns.index("title"), m.columns.index("phase")
    avail = t.viewport().width()
    assert t.columnWidth(title) >= 0.3 * avail
    assert t.columnWidth(title) >= t.columnWidth(phase)
    # the phase, cut short, is shown whole when the mouse rests on it
    full = phase_label("basics_ve")
    if t.fontMetrics().horizontalAdvance(full) + 12 > t.columnWidth(phase):
        rect = t.visualRect(m.index(0, phase))
        pos = rect.center()
        QApplication.sendEvent(t.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, t.viewport().mapToGlobal(pos)))
        assert QToolTip.text() == full
        QToolTip.hideText()
    win.grab().save(str(tmp_path / f"trainings-960-{lang}.png"))

    page = win.show_page("plans")
    qtbot.wait(30)
    lst = page.list
    # Title the widest column (it showed "Но…" with every other column at its header's width)
    assert lst.columnWidth(0) >= 0.25 * lst.viewport().width()
    assert lst.columnWidth(0) >= 180
    assert lst.columnWidth(0) > max(lst.columnWidth(c) for c in range(1, lst.columnCount()))
    assert lst.horizontalScrollBar().maximum() == 0
    assert lst.horizontalHeaderItem(5 if lst.columnCount() == 8 else 6).toolTip()
    win.grab().save(str(tmp_path / f"plans-960-{lang}.png"))


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_lists_at_1366_keep_their_measured_widths(qtbot, store, half_attended, language, lang) -> None:  # type: ignore[no-untyped-def]
    from strive_desktop.gui.models.trainings import phase_label

    language(lang)
    win = _main_window(qtbot, AppContext(store, lang), 1366)
    page = win.show_page("trainings")
    qtbot.wait(30)
    t, m = page.table, page.list_model
    phase = m.columns.index("phase")
    fm = t.fontMetrics()
    from strive_desktop.domain.enums import Phase

    assert all(fm.horizontalAdvance(phase_label(p.value)) + 12 <= t.columnWidth(phase) for p in Phase)
