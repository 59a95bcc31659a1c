"""Tests of modal."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QInputDialog

from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
from strive_desktop.gui.dialogs.person import PersonDialog
from strive_desktop.gui.dialogs.training import TrainingDialog
from strive_desktop.gui.dialogs.vulnerable_group import VulnerableGroupDialog
from strive_desktop.gui.pages.people import AdvisoryGroupPage, PeoplePage
from strive_desktop.gui.pages.plans import PlansPage
from strive_desktop.gui.pages.trainings import TrainingsPage
from strive_desktop.gui.pages.vulnerable import VulnerableGroupsPage
from strive_desktop.services import plans, vulnerable
from strive_desktop.storage.seed import community_id

from ..conftest import fill_person, flush_deletes, on_modal  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


def test_cancelled_training_dialogs_do_not_stay_behind(qtbot, ctx, store):
    page = TrainingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    for _ in range(3):
        seen = on_modal(TrainingDialog, lambda d: d.reject())  # type: ignore[attr-defined]
        page.new_item()
        assert seen
    flush_deletes()
    assert page.findChildren(TrainingDialog) == []


def test_person_dialogs_do_not_stay_behind(qtbot, ctx, store, group_id, member_id):
    group = AdvisoryGroupPage(ctx)
    people = PeoplePage(ctx)
    for page in (group, people):
        qtbot.addWidget(page)
        page.show()
        page.refresh()
    for page in (group, people):
        for _ in range(2):
            seen = on_modal(PersonDialog, lambda d: d.reject())  # type: ignore[attr-defined]
            page.new_item()
            assert seen
    flush_deletes()
    assert group.findChildren(QDialog) == [] and people.findChildren(QDialog) == []


def test_a_duplicate_warning_does_not_stay_behind_either(qtbot, ctx, store, member_id):
    dlg = PersonDialog(ctx, community_id=NOOKAT)
    qtbot.addWidget(dlg)
    fill_person(dlg, "Асанов Айбек")
    seen = on_modal(DuplicateDialog, lambda d: d.back_button.click())  # type: ignore[attr-defined]
    dlg.accept()
    assert seen
    flush_deletes()
    assert dlg.findChildren(DuplicateDialog) == []
    assert dt.date.today()  # the dialog is still usable
    assert dlg.ui.fullName.text() == "Асанов Айбек"


def test_vulnerable_group_dialogs_do_not_stay_behind(qtbot, ctx, store):
    page = VulnerableGroupsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    seen = on_modal(VulnerableGroupDialog, lambda d: d.reject())  # type: ignore[attr-defined]
    page.new_item()
    assert seen
    flush_deletes()
    assert page.findChildren(QDialog) == []
    assert vulnerable.list_vulnerable_groups(store, NOOKAT) == []  # cancelled: nothing saved


def test_new_plan_and_revision_dialogs_do_not_stay_behind(qtbot, ctx, store):
    plans.create_plan(store, NOOKAT, plans.PlanDraft("Ноокат: алдын алуу планы 2027"))
    page = PlansPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    seen = on_modal(NewPlanDialog, lambda d: d.reject())  # type: ignore[attr-defined]
    page.new_item()
    seen_note = on_modal(QInputDialog, lambda d: d.reject())  # type: ignore[attr-defined]
    page.save_as_revision()
    assert seen and seen_note
    flush_deletes()
    assert page.findChildren(NewPlanDialog) == [] and page.findChildren(QInputDialog) == []
    assert plans.list_revisions(store, page.plan.id) == []  # cancelled: no revision
