"""One theme (issue 12 point 3): the window's style sheets come from gui/theme.py, not from
strings written where the widgets are built; every empty list is the shared EmptyState."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from strive_desktop.gui import theme
from strive_desktop.gui.widgets.empty_state import EmptyState

GUI = Path(__file__).resolve().parents[2] / "strive_desktop" / "gui"


def _found_outside_the_theme(matches: Callable[[ast.AST], bool]) -> list[str]:
    """file:line of every syntax node *matches* accepts, in the gui package outside theme.py and
    the Designer forms."""
    found = []
    for path in GUI.rglob("*.py"):
        if path.name == "theme.py" or "forms" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if matches(node):
                found.append(f"{path.relative_to(GUI)}:{getattr(node, 'lineno', 0)}")
    return found


def _inline_style_sheet(node: ast.AST) -> bool:
    """A setStyleSheet("...") with a literal text."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "setStyleSheet" and bool(node.args)
            and isinstance(node.args[0], ast.Constant) and bool(node.args[0].value))


def test_no_style_sheet_is_written_inline():
    assert _found_outside_the_theme(_inline_style_sheet) == []


def _colour(node: ast.AST) -> bool:
    """A colour written as a literal: "#rrggbb" (or "#rgb"), Qt.GlobalColor.x."""
    literal = (isinstance(node, ast.Constant) and isinstance(node.value, str)
               and re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", node.value) is not None)
    named = (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
             and node.value.attr == "GlobalColor")
    return literal or named


def test_no_colour_is_written_outside_the_theme():
    assert _found_outside_the_theme(_colour) == []


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
