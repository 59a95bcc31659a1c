"""No Alt+letter twice in what a user sees at once, in English, Kyrgyz and Russian.

Qt presses the button of an Alt+letter only when that letter is unique in the window; when two
visible texts share it ("&Save" next to "&Sex"), Alt+S merely moves the focus between them.
Every page of the main window (navigation + the page, each tab of its tab widgets) on demo
data, at headquarters and in a field office, and every dialog on its own, is checked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QTabBar,
    QTabWidget,
    QWidget,
)

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.main_window import MainWindow
from strive_desktop.services import demo, installation, plans, rosters, trainings
from strive_desktop.storage.db import Store, open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.sync import keys

LANGS = ("en", "ky", "ru")
NOOKAT = community_id("nookat")
_MNEMONIC = re.compile(r"(?<!&)&(?!&)(.)")


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), lower case."""
    m = _MNEMONIC.search(text.replace("&&", ""))
    return m.group(1).lower() if m else None


def mnemonic_texts(root: QWidget) -> list[str]:
    """The texts with a mnemonic among the widgets of *root* visible now."""
    texts: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w is not root and not w.isVisibleTo(root):
            continue
        if w is root and not w.isVisible():
            continue
        if isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QLabel) and w.buddy() is not None:
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts.extend(w.tabText(i) for i in range(w.count()) if w.isTabVisible(i))
    return [t for t in texts if mnemonic(t)]


def clashes(root: QWidget) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text in mnemonic_texts(root):
        by_letter[mnemonic(text)].append(text)  # type: ignore[index]
    return {k: v for k, v in by_letter.items() if len(v) > 1}


def settle(n: int = 5) -> None:
    for _ in range(n):
        QApplication.processEvents()


def each_tab_state(root: QWidget) -> Iterator[str]:
    """Yield once as the widget is, then once per other tab of each visible tab widget."""
    yield ""
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisibleTo(root):
            continue
        start = tabs.currentIndex()
        for i in range(tabs.count()):
            if i == start or not tabs.isTabVisible(i) or not tabs.isTabEnabled(i):
                continue
            tabs.setCurrentIndex(i)
            settle()
            yield f" tab {tabs.tabText(i)!r}"
        tabs.setCurrentIndex(start)
        settle()


@pytest.fixture(params=["hq", "field", "field without the hq key"])
def demo_folder(request, tmp_path) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    """Demo data at headquarters, or in a Nookat field office (with or without the HQ key)."""
    st = open_store(tmp_path / "data")
    if request.param != "hq":
        installation.init_installation(st, name="Nookat office", community=NOOKAT, user_name="Gulnara")
    demo.fill(st)
    if request.param == "field":
        hq = open_store(tmp_path / "hq")
        installation.init_installation(hq, name="Bishkek HQ", hq=True, user_name="Aida")
        keys.import_hq_key(st, keys.export_hq_key(hq, tmp_path))
        hq.close()
    yield st
    st.close()


def select_something(win: MainWindow, key: str, store: Store) -> None:
    """Pick a row on list pages, so that the detail (and its buttons) shows."""
    page = win.pages.get(key)
    if page is None:
        return
    cid = win.ctx.community_id if win.ctx else None  # type: ignore[union-attr]
    if hasattr(page, "wait_for_list"):  # a page whose first opening reads on the window's worker
        page.wait_for_list()
    if key == "trainings":
        items = trainings.list_trainings(store, cid)
        if items:
            page.select_training(items[0].id)  # type: ignore[attr-defined]
    elif key == "plans":
        items = plans.list_plans(store, cid)
        if items:
            page.select_plan(items[0].id)  # type: ignore[attr-defined]
    elif key in ("group", "people") and hasattr(page, "table"):
        page.table.selectRow(0)  # type: ignore[attr-defined]
    settle()


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_each_shortcut_letter_once(qtbot, language, demo_folder, lang):
    language(lang)
    win = MainWindow(demo_folder.folder.root, AppContext(demo_folder, lang))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_closing_ok", True))
    win.resize(1366, 768)
    win.show()
    settle()
    communities = [None, NOOKAT] if installation.get_installation(demo_folder).is_hq else [None]
    found: list[str] = []
    for cid in communities:
        if cid is not None:
            win.community_combo.setCurrentIndex(win.community_combo.findData(cid))
            settle()
        for row in range(win.nav.count()):
            key = win.page_key(row)
            win.nav.setCurrentRow(row)
            settle()
            select_something(win, key, demo_folder)  # type: ignore[arg-type]
            for state in each_tab_state(win):
                for letter, texts in clashes(win).items():
                    found.append(f"{key}{state} [{cid or 'all'}]: {letter!r} in {texts}")
    assert not found, "\n".join(found)


# -- dialogs --------------------------------------------------------------------------------
def _dialogs(ctx: AppContext, parent: QWidget, store: Store) -> Iterator[tuple[str, QWidget]]:
    from strive_desktop.gui.dialogs.certificates import CertificatesDialog
    from strive_desktop.gui.dialogs.compare import CompareDialog
    from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
    from strive_desktop.gui.dialogs.group import GroupDialog
    from strive_desktop.gui.dialogs.history import HistoryDialog
    from strive_desktop.gui.dialogs.move import MoveDialog
    from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
    from strive_desktop.gui.dialogs.training import WalkInDialog
    from strive_desktop.gui.dialogs.vulnerable_group import VulnerableGroupDialog
    from strive_desktop.gui.printing import SummaryOptions
    from strive_desktop.gui.setup_dialog import SetupDialog

    yield "setup", SetupDialog(open_store(store.folder.root.parent / "empty"), ctx.lang, parent)
    groups = rosters.list_groups(store, NOOKAT)
    members = rosters.list_members(store, groups[0].id)
    m = members[0]
    res = rosters.add_person(store, rosters.get_person(store, members[3].person_id).to_input())
    assert res.duplicates
    yield "duplicate warning", DuplicateDialog(res.duplicates, parent, group_wanted=True)
    training = trainings.list_trainings(store, NOOKAT)[0]
    yield "walk-in", WalkInDialog(ctx, trainings.get_training(store, training.id), parent)
    yield "certificates", CertificatesDialog(ctx, training.id, parent)
    from strive_desktop.gui.pdf_preview import PdfPreview
    from strive_desktop.pdf import documents

    pdf = documents.attendance_sheet_pdf(store, training.id, store.folder.root.parent / "sheet.pdf", lang=ctx.lang)
    yield "pdf preview", PdfPreview(pdf, "Attendance sheet", parent=parent)
    yield "new plan", NewPlanDialog(ctx, parent)
    yield "group", GroupDialog("Nookat", parent)
    yield "vulnerable group", VulnerableGroupDialog(ctx, NOOKAT, "Nookat", parent)
    yield "move", MoveDialog(m.full_name, rosters.list_groups(store), groups[0].id, lambda g: g.name, parent)
    yield "summary options", SummaryOptions(ctx, parent)
    yield "history", HistoryDialog(m.full_name, rosters.membership_history(store, m.person_id), parent)
    plan = next(p for p in plans.list_plans(store, NOOKAT) if len(plans.list_revisions(store, p.id)) >= 2)
    left, right = plans.revision_draft(store, plan.id, 1), plans.revision_draft(store, plan.id, 2)
    yield "compare", CompareDialog(left, right, plans.compare_revisions(store, plan.id, 1, 2), "1", "2", parent)


def _keyboard_dialogs(ctx: AppContext, parent: QWidget, store: Store) -> Iterator[tuple[str, QDialog]]:
    from strive_desktop.gui.dialogs.person import PersonDialog
    from strive_desktop.gui.dialogs.training import TrainingDialog

    gid = rosters.list_groups(store, NOOKAT)[0].id
    yield "person", PersonDialog(ctx, parent, community_id=NOOKAT, group_id=gid)
    yield "training", TrainingDialog(ctx, parent, community_id=NOOKAT)
    training = trainings.list_trainings(store, NOOKAT)[0]
    yield "training (edit)", TrainingDialog(ctx, parent, training=trainings.get_training(store, training.id))


def _check_dialogs(qtbot, lang: str, store: Store,  # type: ignore[no-untyped-def]
                   make: Callable[[AppContext, QWidget, Store], Iterator[tuple[str, QWidget]]]) -> list[str]:
    ctx = AppContext(store, lang)
    parent = QWidget()
    qtbot.addWidget(parent)
    found: list[str] = []
    for name, dlg in make(ctx, parent, store):
        dlg.show()
        settle()
        for state in each_tab_state(dlg):
            for letter, texts in clashes(dlg).items():
                found.append(f"{name}{state}: {letter!r} in {texts}")
        dlg.hide()
        dlg.deleteLater()
    return found


@pytest.fixture
def demo_hq(tmp_path) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    st = open_store(tmp_path / "demo")
    demo.fill(st)
    yield st
    st.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_dialog_has_each_shortcut_letter_once(qtbot, language, demo_hq, lang):
    language(lang)
    found = _check_dialogs(qtbot, lang, demo_hq, _dialogs)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_person_and_training_dialogs_have_each_shortcut_letter_once(qtbot, language, demo_hq, lang):
    language(lang)
    found = _check_dialogs(qtbot, lang, demo_hq, _keyboard_dialogs)
    assert not found, "\n".join(found)


def test_a_clash_is_found(qtbot):
    """The check itself: two buttons on the same letter are reported, '&&' is no mnemonic."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    w = QWidget()
    qtbot.addWidget(w)
    lay = QVBoxLayout(w)
    for text in ("&Save", "&Sex", "Fish && &Chips", "&&Plain"):
        lay.addWidget(QPushButton(text, w))
    hidden = QPushButton("&Chop", w)
    lay.addWidget(hidden)
    hidden.hide()
    w.show()
    assert clashes(w) == {"s": ["&Save", "&Sex"]}


@pytest.mark.parametrize("lang", ("ky", "ru"))
def test_title_placeholders_are_not_cut(qtbot, language, store, lang):
    """The grey example in the Title field of the new-plan and training dialogs shows whole."""
    from PySide6.QtWidgets import QLineEdit

    from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
    from strive_desktop.gui.dialogs.training import TrainingDialog

    language(lang)
    ctx = AppContext(store, lang)
    for dlg in (NewPlanDialog(ctx), TrainingDialog(ctx, community_id=NOOKAT)):
        qtbot.addWidget(dlg)
        dlg.show()
        settle()
        title = dlg.findChild(QLineEdit, "title")
        assert title is not None and title.placeholderText().startswith(
            {"ky": "мисалы", "ru": "например"}[lang])
        room = title.contentsRect().width() - 8  # the line edit's own text margins
        assert title.fontMetrics().horizontalAdvance(title.placeholderText()) <= room, title.placeholderText()
        dlg.close()
