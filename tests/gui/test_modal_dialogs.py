"""Every page's dialogs are deleted once answered: none stays behind as a hidden child."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog

from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
from strive_desktop.gui.dialogs.vulnerable_group import VulnerableGroupDialog
from strive_desktop.gui.pages.plans import PlansPage
from strive_desktop.gui.pages.vulnerable import VulnerableGroupsPage
from strive_desktop.services import plans, vulnerable
from strive_desktop.storage.seed import community_id

from .test_dialogs_review import flush_deletes, on_modal

NOOKAT = community_id("nookat")


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
