"""The dialogs drawn in Qt Designer (ui/*.ui): filled from the keyboard, accepted, and the result
is where a user looks for it (the list, the plan, the sheet, the PDF).

Also the form conventions of ui/README.md, read from the .ui files themselves: every field label
has a buddy and a mnemonic, no two mnemonics of a dialog clash, the tab order lists every field
in the order of the form, error labels sit in the row under their field.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QEvent, Qt, QTranslator
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QWidget,
)

from strive_desktop.gui import printing
from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.group import GroupDialog
from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
from strive_desktop.gui.dialogs.training import WalkInDialog
from strive_desktop.gui.dialogs.vulnerable_group import VulnerableGroupDialog
from strive_desktop.gui.i18n import resource_path
from strive_desktop.gui.pages import people
from strive_desktop.gui.pages.plans import PlansPage
from strive_desktop.gui.pages.vulnerable import VulnerableGroupsPage
from strive_desktop.gui.pdf_preview import PdfPreview
from strive_desktop.gui.printing import SummaryOptions
from strive_desktop.services import plans, rosters, trainings, vulnerable
from strive_desktop.storage.seed import community_id

from .conftest import modal_titles  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parents[2]
NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")
FORMS = ("group_dialog", "vulnerable_group_dialog", "new_plan_dialog", "walk_in_dialog",
         "summary_options_dialog")
#: Widgets a user types into or chooses in: each must be in <tabstops>.
INPUTS = {"QLineEdit", "QComboBox", "QDateEdit", "QPlainTextEdit", "QTextEdit", "QCheckBox", "QSpinBox",
          "QDoubleSpinBox", "QRadioButton", "QTableWidget", "QPushButton", "QDialogButtonBox"}


# -- helpers ------------------------------------------------------------------------------------------

def on_modals(kind: type[QWidget], *actions: Callable[[Any], None]) -> list[str]:
    """conftest's modal_titles, the dialog made the active window first (keys, Tab and
    mnemonics go there) and rejected half a second after the last action if still open."""
    return modal_titles(kind, *actions, tries=250, activate=True, close_after_ms=500)


def focused() -> QWidget | None:
    """The widget keys go to: the application's focus, else the focus inside the open dialog."""
    w = QApplication.focusWidget()
    if w is None:
        window = QApplication.activeModalWidget() or QApplication.activeWindow()
        w = window.focusWidget() if window is not None else None
    return w


def _send(event: QKeyEvent) -> None:
    target = focused()
    if target is None:  # sending to None crashes Qt
        if event.type() == QEvent.Type.KeyRelease:
            return  # the press closed the dialog
        raise AssertionError("no widget has the keyboard focus")
    QApplication.sendEvent(target, event)


def has_focus(widget: QWidget) -> bool:
    """*widget* has the keyboard focus (a date field gives it to its inner line edit)."""
    f = focused()
    return f is not None and (f is widget or widget.isAncestorOf(f))


def show_active(qtbot: Any, dialog: QWidget) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def type_text(text: str) -> None:
    """Type *text* key by key where the keyboard focus is (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            _send(QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def key(k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        _send(QKeyEvent(kind, k, modifiers))
    if modifiers & Qt.KeyboardModifier.AltModifier:
        QTest.qWait(200)  # a button's mnemonic clicks it with animateClick(), 100 ms later


def _named(w: QWidget | None) -> QWidget | None:
    while w is not None and (not w.objectName() or w.objectName().startswith("qt_")):
        w = w.parentWidget()  # the date field, not its inner line edit
    return w


def tab_out() -> QWidget | None:
    """Press Tab until the focus leaves the field (a date field's Tab walks day, month, year first)."""
    here = _named(focused())
    for _ in range(4):
        key(Qt.Key.Key_Tab)
        if _named(focused()) is not here:
            break
    return _named(focused())


def tab_chain(start: QWidget, steps: int) -> list[str]:
    """The fields the focus visits pressing Tab from *start* (the window is active)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    names = []
    for _ in range(steps):
        w = tab_out()
        names.append(w.objectName() if w is not None else "")
    return names


def mnemonic_clashes(dialog: QWidget) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        if not w.isVisibleTo(dialog):
            continue
        m = re.search(r"&(\w)", w.text().replace("&&", ""))
        if m:
            keys.setdefault(m.group(1).casefold(), []).append(w.text())
    return {k: v for k, v in keys.items() if len(v) > 1}


@pytest.fixture
def training_id(store) -> str:
    return trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Экстремизмдин негиздери",
        sessions=[trainings.SessionInput(dt.date(2026, 3, 2), 6.0), trainings.SessionInput(dt.date(2026, 3, 3), 6.0)]))


@pytest.fixture
def translated(qapp):
    """Load strive_<lang>.qm for one test and remove it afterwards (nothing else changes)."""
    loaded: list[QTranslator] = []

    def use(lang: str) -> None:
        t = QTranslator(qapp)
        assert t.load(str(resource_path("translations", f"strive_{lang}.qm")))
        qapp.installTranslator(t)
        loaded.append(t)

    yield use
    for t in loaded:
        qapp.removeTranslator(t)


# -- the .ui files follow the conventions ---------------------------------------------------------------

def _text(widget: ET.Element) -> str | None:
    for prop in widget.findall("property"):
        if prop.get("name") == "text":
            s = prop.find("string")
            return None if s is None else (s.text or "")
    return None


def _prop(widget: ET.Element, name: str) -> str | None:
    for prop in widget.findall("property"):
        if prop.get("name") == name:
            return "".join(prop.itertext()).strip()
    return None


@pytest.mark.parametrize("name", FORMS)
def test_form_labels_have_buddies_mnemonics_and_the_tab_order_follows_the_form(name):
    root = ET.parse(ROOT / "ui" / f"{name}.ui").getroot()
    widgets = list(root.iter("widget"))
    by_name = {w.get("name"): w for w in widgets}
    # Field labels (left column of a form layout) have a buddy and a mnemonic.
    for item in root.iter("item"):
        label = item.find("widget")
        if item.get("column") == "0" and label is not None and label.get("class") == "QLabel":
            text, buddy = _text(label) or "", _prop(label, "buddy")
            assert "&" in text and buddy in by_name, (label.get("name"), text, buddy)
    for w in widgets:
        if w.get("class") == "QLabel" and _prop(w, "buddy"):
            assert "&" in (_text(w) or ""), w.get("name")
    # <tabstops>: every input, in the order the form lists them (top to bottom).
    stops = [t.text for t in root.find("tabstops")]
    inputs = [w.get("name") for w in widgets if w.get("class") in INPUTS]
    assert stops == inputs
    # Error labels: <field>Error, in the row under <field>, word-wrapped, red.
    rows = {}
    for layout in root.iter("layout"):
        if layout.get("class") == "QFormLayout":
            for item in layout.findall("item"):
                child = item.find("widget")
                if child is None:
                    child = item.find("layout")
                names = [child.get("name")] + [w.get("name") for w in child.iter("widget")]
                for n in names:
                    rows[n] = (int(item.get("row")), item.get("column"))
    for w in widgets:
        n = w.get("name")
        if n.endswith("Error"):
            field = n[: -len("Error")]  # a widget, or a row's layout (the period's two dates)
            assert field in rows, n
            assert rows[n] == (rows[field][0] + 1, "1"), n
            # word-wrapped; coloured by the theme (theme.colour_error_labels), not by the form
            assert _prop(w, "styleSheet") is None and _prop(w, "wordWrap") == "true", n


def test_compiled_forms_are_the_ones_the_dialogs_use():
    from strive_desktop.gui.forms import (
        group_dialog_ui,
        new_plan_dialog_ui,
        summary_options_dialog_ui,
        vulnerable_group_dialog_ui,
        walk_in_dialog_ui,
    )

    # The translation context of a .ui string is its <class>: the same as the dialog's self.tr().
    for module, cls in ((group_dialog_ui, GroupDialog), (new_plan_dialog_ui, NewPlanDialog),
                        (summary_options_dialog_ui, SummaryOptions),
                        (vulnerable_group_dialog_ui, VulnerableGroupDialog), (walk_in_dialog_ui, WalkInDialog)):
        assert hasattr(module, f"Ui_{cls.__name__}")
        assert f'QCoreApplication.translate("{cls.__name__}"' in Path(module.__file__).read_text(encoding="utf-8")


# -- new advisory group ---------------------------------------------------------------------------------

def test_group_dialog_api_as_the_people_page_uses_it(qtbot):
    dlg = GroupDialog("Ноокат")
    qtbot.addWidget(dlg)
    show_active(qtbot, dlg)
    assert dlg.windowTitle() == "New advisory group"
    assert dlg.name.text() == "Ноокат advisory group"
    assert dlg.cpc.placeholderText() == "e.g. community prevention centre (CPC)"
    assert dlg.formed_on() == dt.date.today()
    dlg.formed.setDate(QDate(2025, 9, 1))
    assert dlg.formed_on() == dt.date(2025, 9, 1)
    assert dlg.error.isHidden()
    assert tab_chain(dlg.name, 3) == ["cpc", "formed", "buttons"]
    assert dlg.minimumWidth() >= 460
    assert not mnemonic_clashes(dlg)
    # The page shows the service's message in ``error``: under the name, as wide as the field.
    dlg.error.setText("The group name is required.")
    dlg.error.show()
    qtbot.waitUntil(lambda: dlg.error.isVisible())
    assert dlg.name.geometry().bottom() < dlg.error.geometry().top() < dlg.cpc.geometry().top()
    assert dlg.error.width() >= dlg.name.width() - 2


def test_new_group_from_the_keyboard_appears_on_the_advisory_group_page(qtbot, ctx, store, monkeypatch):
    monkeypatch.setattr(people, "GroupDialog", GroupDialog)  # what people.py imports once switched
    page = people.AdvisoryGroupPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    seen: list[Any] = []

    def empty_name(dlg: GroupDialog) -> None:
        seen.append(has_focus(dlg.name))
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        key(Qt.Key.Key_Backspace)
        key(Qt.Key.Key_Return)  # Create: refused, the page shows why and asks again

    def fill(dlg: GroupDialog) -> None:
        seen.append(dlg.error.text() if dlg.error.isVisible() else "")
        dlg.name.setFocus()
        type_text("Ноокат консультативдик тобу")
        key(Qt.Key.Key_Tab)
        type_text("Ноокат ЖАБ")
        dlg.formed.setDate(QDate(2025, 9, 1))
        key(Qt.Key.Key_Return)

    titles = on_modals(GroupDialog, empty_name, fill)
    page.create_group()
    assert titles == ["New advisory group", "New advisory group"]
    assert seen[0] is True  # the name has the focus at once
    assert "name" in seen[1].lower() and "required" in seen[1].lower()
    (group,) = rosters.list_groups(store, NOOKAT)
    assert (group.name, group.cpc_name, group.formed_on) == ("Ноокат консультативдик тобу", "Ноокат ЖАБ",
                                                             dt.date(2025, 9, 1))
    assert page.group_combo.currentData() == group.id
    assert "Ноокат ЖАБ" in page.subtitle.text() and "Sep 1, 2025" in page.subtitle.text()  # Babel's English date


# -- vulnerable group -------------------------------------------------------------------------------------

def test_vulnerable_group_typed_in_is_saved_and_listed(qtbot, ctx, store):
    page = VulnerableGroupsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.refresh()
    seen: list[Any] = []

    def fill(dlg: VulnerableGroupDialog) -> None:
        seen.append(has_focus(dlg.category))
        seen.append(dlg.ui.where.text())
        key(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Save with nothing typed
        seen.append(dlg.error_text())
        type_text("Мигранттар үй-бүлөлөрү")
        key(Qt.Key.Key_Tab)
        seen.append(has_focus(dlg.description))
        type_text("Ата-энеси Орусияда иштеген өспүрүмдөр")
        key(Qt.Key.Key_Tab)  # Tab leaves the description (it does not insert a tab)
        seen.append(dlg.description.toPlainText())
        key(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)

    titles = on_modals(VulnerableGroupDialog, fill)
    page.new_item()
    assert titles == ["New vulnerable group"]
    assert seen[0] is True and seen[1] == "Community: Nookat"
    assert "category" in seen[2].lower()
    assert seen[3] is True and seen[4] == "Ата-энеси Орусияда иштеген өспүрүмдөр"
    (saved,) = vulnerable.list_vulnerable_groups(store, NOOKAT)
    assert (saved.category, saved.description) == ("Мигранттар үй-бүлөлөрү", "Ата-энеси Орусияда иштеген өспүрүмдөр")
    assert page.table.item(0, 0).text() == "Мигранттар үй-бүлөлөрү"
    assert page.selected().id == saved.id


def test_vulnerable_group_dialog_edits_in_place(qtbot, ctx, store):
    vid = vulnerable.add_vulnerable_group(store, NOOKAT, "Return migrants", "From Russia")
    (info,) = vulnerable.list_vulnerable_groups(store, NOOKAT)
    dlg = VulnerableGroupDialog(ctx, NOOKAT, "Nookat", group=info)
    qtbot.addWidget(dlg)
    show_active(qtbot, dlg)
    assert dlg.windowTitle() == "Edit vulnerable group"
    assert (dlg.category.text(), dlg.description.toPlainText()) == ("Return migrants", "From Russia")
    assert dlg.minimumWidth() >= 520 and dlg.description.minimumHeight() >= 110
    assert tab_chain(dlg.category, 1) == ["description"]
    assert not mnemonic_clashes(dlg)
    dlg.category.setText("Return migrants and their families")
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Accepted and dlg.group_id == vid
    assert [v.category for v in vulnerable.list_vulnerable_groups(store)] == ["Return migrants and their families"]


# -- new local plan -------------------------------------------------------------------------------------

def test_new_plan_from_the_keyboard_opens_in_the_plan_editor(qtbot, ctx, store):
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    page.refresh()
    seen: list[Any] = []

    def fill(dlg: NewPlanDialog) -> None:
        seen.append(has_focus(dlg.title))
        seen.append(dlg.community.isVisible())
        type_text("Ноокат: 2027-жылдын планы")
        key(Qt.Key.Key_Tab)
        seen.append(has_focus(dlg.start))
        dlg.start.setDate(QDate(2027, 1, 1))
        tab_out()
        seen.append(has_focus(dlg.end))
        dlg.end.setDate(QDate(2027, 12, 31))
        key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # C&reate plan

    titles = on_modals(NewPlanDialog, fill)
    page.new_item()
    assert titles == ["New local plan"]
    assert seen == [True, False, True, True]
    (plan,) = plans.list_plans(store)
    assert plan.title == "Ноокат: 2027-жылдын планы"
    full = plans.get_plan(store, plan.id)
    assert (full.draft.period_start, full.draft.period_end) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert page.title_edit.text() == "Ноокат: 2027-жылдын планы"


def test_new_plan_dialog_at_headquarters_tabs_through_every_field(qtbot, hq_ctx, hq_store):
    dlg = NewPlanDialog(hq_ctx)
    qtbot.addWidget(dlg)
    show_active(qtbot, dlg)
    assert dlg.minimumWidth() >= 560
    assert tab_chain(dlg.community, 4)[:3] == ["title", "start", "end"]
    assert not mnemonic_clashes(dlg)
    assert dlg.ui.periodLabel.buddy() is dlg.start
    dlg.community.setCurrentIndex(dlg.community.findData(KOCHKOR))
    dlg.title.setText("Кочкор 2027")
    dlg.end.setDate(dlg.start.date().addDays(-1))
    dlg.accept()
    assert dlg.period_error.isVisible() and not dlg.title_error.isVisible()
    assert dlg.period_error.text() == "The end date cannot be before the start date."
    assert dlg.period_error.geometry().top() > dlg.end.geometry().bottom()
    dlg.end.setDate(dlg.start.date().addMonths(11))
    dlg.accept()
    assert not dlg.period_error.isVisible()
    assert plans.get_plan(hq_store, dlg.plan_id).community_name == "Kochkor"


# -- walk-in ------------------------------------------------------------------------------------------------

def test_walk_in_from_the_keyboard_is_on_the_sheet(qtbot, ctx, store, training_id):
    dlg = WalkInDialog(ctx, trainings.get_training(store, training_id))
    qtbot.addWidget(dlg)
    show_active(qtbot, dlg)
    assert has_focus(dlg.full_name)
    assert tab_chain(dlg.full_name, 3) == ["sex", "birthYear", "sector"]
    assert dlg.minimumWidth() >= 540 and not mnemonic_clashes(dlg)
    dlg.full_name.setFocus()
    type_text("Мамытова Чолпон")
    key(Qt.Key.Key_Tab)
    female = dlg.sex.itemText(dlg.sex.findData("f"))
    type_text(female[0])  # type-ahead in the closed list
    assert dlg.sex.currentData() == "f"
    key(Qt.Key.Key_Tab)
    assert has_focus(dlg.birth_year)
    type_text("1995x")  # the validator refuses the letter
    key(Qt.Key.Key_Tab)
    assert has_focus(dlg.sector)
    dlg.sector.setCurrentIndex(dlg.sector.findData("social_worker"))
    assert (dlg.sex.currentData(), dlg.birth_year.text()) == ("f", "1995")
    key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Add to the sheet
    assert dlg.result() == QDialog.DialogCode.Accepted
    rows = {p.full_name: p for p in trainings.attendance_sheet(store, training_id).participants}
    assert rows["Мамытова Чолпон"].walk_in and rows["Мамытова Чолпон"].sector == "social_worker"
    assert dlg.person_id == rows["Мамытова Чолпон"].person_id


def _drawn_in_red(label: QWidget) -> bool:
    """Some of the label's text is painted in a red (the theme's error colour), none in black."""
    image = label.grab().toImage()
    colours = {image.pixelColor(x, y).getRgb()[:3] for x in range(image.width()) for y in range(image.height())}
    red = any(r > 120 and g < 70 and b < 90 for r, g, b in colours)
    dark = any(r < 60 and g < 60 and b < 60 for r, g, b in colours)
    return red and not dark


def test_walk_in_errors_sit_under_their_fields(qtbot, ctx, store, training_id):
    dlg = WalkInDialog(ctx, trainings.get_training(store, training_id))
    qtbot.addWidget(dlg)
    show_active(qtbot, dlg)
    dlg.accept()
    ui = dlg.ui
    assert dlg.error_text("full_name") and dlg.error_text("sex") and dlg.error_text("sector")
    assert dlg.error_text("birth_year") == ""
    for field, error in ((ui.fullName, ui.fullNameError), (ui.sex, ui.sexError), (ui.sector, ui.sectorError)):
        assert error.isVisible() and _drawn_in_red(error)
        assert field.geometry().bottom() < error.geometry().top()
    assert ui.fullNameError.geometry().bottom() < ui.sex.geometry().top()
    assert has_focus(dlg.full_name) or not dlg.isActiveWindow()
    assert not trainings.attendance_sheet(store, training_id).participants


# -- donor summary options ----------------------------------------------------------------------------------

def _previews() -> list[PdfPreview]:
    return [w for w in printing._open if isinstance(w, PdfPreview)]


@pytest.fixture
def close_previews():
    yield
    for w in list(printing._open):
        w.close()


def test_summary_options_from_the_keyboard_make_the_pdf(qtbot, ctx, store, training_id, close_previews):
    seen: list[Any] = []

    def choose(dlg: SummaryOptions) -> None:
        seen.append([dlg.date_from.isEnabled(), dlg.date_to.isEnabled()])
        # &Period: its buddy is the "All dates" box, which Qt's label also clicks: off, dates on
        key(Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
        seen.append(has_focus(dlg.all_dates) and not dlg.all_dates.isChecked())
        seen.append([dlg.date_from.isEnabled(), dlg.date_to.isEnabled()])
        key(Qt.Key.Key_Tab)
        seen.append(has_focus(dlg.date_from))
        dlg.date_from.setDate(QDate(2026, 3, 1))
        tab_out()
        dlg.date_to.setDate(QDate(2026, 3, 31))
        key(Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Language of the PDF
        seen.append(has_focus(dlg.language))
        dlg.language.setCurrentIndex(dlg.language.findData("ru"))
        seen.append(dlg.values())
        key(Qt.Key.Key_Return)

    titles = on_modals(SummaryOptions, choose)
    printing.print_summary(ctx, None)
    assert titles == ["Donor summary"]
    assert seen[0] == [False, False] and seen[1] is True
    assert seen[2] == [True, True] and seen[3] is True and seen[4] is True
    assert seen[5] == dict(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31), community_id=NOOKAT,
                           lang="ru")
    qtbot.waitUntil(lambda: len(_previews()) == 1, timeout=20000)
    text = " ".join(PdfReader(str(_previews()[0].path)).pages[0].extract_text().split())
    assert "01.03.2026" in text and "31.03.2026" in text
    assert "Ноокат" in text


def test_summary_options_layout(qtbot, hq_ctx):
    dlg = SummaryOptions(hq_ctx)
    qtbot.addWidget(dlg)
    show_active(qtbot, dlg)
    assert dlg.minimumWidth() >= 460 and not mnemonic_clashes(dlg)
    assert dlg.ui.periodLabel.buddy() is dlg.all_dates
    assert tab_chain(dlg.all_dates, 2) == ["community", "language"]  # the dates are off
    assert dlg.values()["community_id"] is None  # headquarters: all communities
    assert isinstance(dlg.community, QComboBox) and dlg.community.count() == 10


# -- in Kyrgyz and Russian ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_forms_are_translated(qtbot, store, training_id, translated, lang):
    translated(lang)
    ctx = AppContext(store, lang)
    walk_in = WalkInDialog(ctx, trainings.get_training(store, training_id))
    vg = VulnerableGroupDialog(ctx, NOOKAT, "Ноокат")
    plan = NewPlanDialog(ctx)
    for dlg in (walk_in, vg, plan):
        qtbot.addWidget(dlg)
    expected = {"ky": ("Өзү келгенди кошуу", "&Аты-жөнү:", "Жаңы аялуу топ", "&Категория:", "Жаңы жергиликтүү план"),
                "ru": ("Добавить пришедшего", "&ФИО:", "Новая уязвимая группа", "&Категория:",
                       "Новый местный план")}[lang]
    assert (walk_in.windowTitle(), walk_in.ui.fullNameLabel.text(), vg.windowTitle(), vg.ui.categoryLabel.text(),
            plan.windowTitle()) == expected
