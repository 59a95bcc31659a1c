"""Tests of compare."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from strive_desktop.gui.dialogs.compare import CompareDialog
from strive_desktop.gui.pages.plans import PlansPage
from strive_desktop.services import plans
from strive_desktop.storage.seed import community_id

NOOKAT = community_id("nookat")


@pytest.fixture
def plan_id(store) -> str:
    draft = plans.PlanDraft("Ноокат: алдын алуу планы 2027", dt.date(2027, 1, 1), dt.date(2027, 12, 31),
                            objectives="1. Жаштардын маалымдуулугу.",
                            activities=[plans.ActivityInput("Тегерек үстөл", budget_project=20000)])
    return plans.create_plan(store, NOOKAT, draft)


@pytest.fixture
def plans_page(qtbot, ctx, plan_id) -> PlansPage:
    p = PlansPage(ctx)
    qtbot.addWidget(p)
    p.resize(1176, 700)
    p.show()
    p.refresh()
    yield p
    p._dirty = False


def test_submitted_revision_differs_from_the_draft_before_it_by_its_status(store, plan_id):
    assert plans.save_revision(store, plan_id, "долбоор") == 1
    plans.change_status(store, plan_id, "submitted")  # freezes revision 2, same text
    diffs = plans.compare_revisions(store, plan_id, 1, 2)
    assert [(d.field, d.old, d.new) for d in diffs] == [("status", "draft", "submitted")]
    assert plans.compare_revisions(store, plan_id, 2, 2) == []


def test_the_compare_dialog_shows_the_status_change(qtbot, plans_page, store, plan_id, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = plans_page
    assert page.make_revision("долбоор") == 1
    assert page.change_status("submitted")
    page.select_revisions(1, 2)
    dlg = page.compare_dialog()
    assert isinstance(dlg, CompareDialog)
    qtbot.addWidget(dlg)
    assert dlg.heading.text() == "Differences between the two versions: 1"  # not "the same"
    assert dlg.highlighted() == [("Status", "Draft", "Submitted")]
    row = next(r for r in range(dlg.table.rowCount()) if dlg.table.item(r, 0).text() == "Status")
    assert dlg.group_title(row) == "Plan"


def test_the_current_text_has_no_status_row_to_confuse(qtbot, plans_page, plan_id):
    page = plans_page
    page.make_revision("")
    page.select_revisions(1)
    dlg = page.compare_dialog()
    qtbot.addWidget(dlg)
    assert dlg.heading.text() == "The two versions are the same."
    plan_rows = [dlg.table.item(r, 0).text() for r in range(1, 7)]
    assert plan_rows[0] == "Title" and "Status" not in plan_rows
