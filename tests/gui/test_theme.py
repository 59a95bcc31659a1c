"""One theme (issue 12 point 3): the window's style sheets come from gui/theme.py, not from
strings written where the widgets are built; every empty list is the shared EmptyState."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from strive_desktop.gui import theme
from strive_desktop.gui.widgets.empty_state import EmptyState

GUI = Path(__file__).resolve().parents[2] / "strive_desktop" / "gui"


def _inline_style_sheets() -> list[str]:
    """Every setStyleSheet("...") with a literal text, outside theme.py and the Designer forms."""
    found = []
    for path in GUI.rglob("*.py"):
        if path.name == "theme.py" or "forms" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "setStyleSheet" and node.args
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value):
                found.append(f"{path.relative_to(GUI)}:{node.lineno}")
    return found


def test_no_style_sheet_is_written_inline():
    assert _inline_style_sheets() == []


def _colours_outside_the_theme() -> list[str]:
    """Every colour written as a literal ("#rrggbb", Qt.GlobalColor.x) outside theme.py and the forms."""
    found = []
    for path in GUI.rglob("*.py"):
        if path.name == "theme.py" or "forms" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            literal = (isinstance(node, ast.Constant) and isinstance(node.value, str)
                       and re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", node.value))
            named = (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
                     and node.value.attr == "GlobalColor")
            if literal or named:
                found.append(f"{path.relative_to(GUI)}:{node.lineno}")
    return found


def test_no_colour_is_written_outside_the_theme():
    assert _colours_outside_the_theme() == []


def test_the_theme_names_its_colours_once():
    colours = [v for k, v in vars(theme).items() if k.isupper() and isinstance(v, str) and v.startswith("#")]
    assert theme.ERROR in colours and len(colours) >= 10
    assert theme.ERROR in theme.ERROR_STYLE
    assert theme.box_style("UndoBar", theme.BANNER_BG, theme.BANNER_BORDER).startswith("#UndoBar {")


def test_the_empty_state_says_why_and_offers_the_first_step(qtbot):
    clicked = []
    state = EmptyState(None, "Create the first training", lambda: clicked.append(1))
    qtbot.addWidget(state)
    state.setText("No trainings yet.")
    assert state.text() == "No trainings yet." and state.label.text() == "No trainings yet."
    assert isinstance(state.button, QPushButton)
    state.button.click()
    assert clicked == [1]
    plain = EmptyState(None)
    qtbot.addWidget(plain)
    assert plain.button is None and plain.findChildren(QPushButton) == []


def test_the_pages_show_their_empty_lists_with_the_shared_widget(qtbot, ctx):
    from strive_desktop.gui.pages.duplicates import SamePeoplePage
    from strive_desktop.gui.pages.plans import PlansPage
    from strive_desktop.gui.pages.trainings import TrainingsPage
    from strive_desktop.gui.pages.vulnerable import VulnerableGroupsPage

    for cls in (PlansPage, TrainingsPage, VulnerableGroupsPage, SamePeoplePage):
        page = cls(ctx)
        qtbot.addWidget(page)
        page.refresh()
        states = page.findChildren(EmptyState)
        assert len(states) == 1, cls.__name__
        assert states[0].text(), cls.__name__  # it says why the list is empty
