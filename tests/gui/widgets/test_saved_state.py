"""An imported plan says where and when it was saved (issue 16, problem 8): headquarters showed
"Saved 07:26", the field office's time, as if it had saved the plan itself."""

from __future__ import annotations

import datetime as dt

from strive_desktop.gui.widgets.saved_state import saved_text
from strive_desktop.services import plans
from strive_desktop.services.plan_origin import plan_saved_by

from ...conftest import (  # type: ignore[import-not-found]
    NOOKAT,  # type: ignore[import-not-found]
    link,
    ship,
)


def test_headquarters_says_the_office_saved_the_plan(qtbot, language, store, hq_store, tmp_path):
    link(store, hq_store, tmp_path)
    pid = plans.create_plan(store, NOOKAT, plans.PlanDraft("Ноокат планы 2026", objectives="Максат"))
    ship(store, hq_store)
    at_office, at_hq = plan_saved_by(store, pid), plan_saved_by(hq_store, pid)
    assert at_office.here and not at_hq.here and at_hq.where == "Nookat office"
    local = at_hq.at.replace(tzinfo=dt.UTC).astimezone()
    # the English clock (2:07 PM), written out: strftime's %-I and %p depend on the platform and locale
    english = f"{local.hour % 12 or 12}:{local.minute:02d}\u202f{'AM' if local.hour < 12 else 'PM'}"
    assert saved_text(at_office) == f"Saved {english}"
    assert saved_text(at_hq) == f"Received from Nookat office, saved there {english}"
    language("ru")
    assert saved_text(at_hq) == f"Получен от Nookat office, сохранён там в {local:%H:%M}"
    # headquarters edits it: now it is headquarters' own save
    plans.save_draft(hq_store, pid, plans.PlanDraft("Ноокат планы 2026", objectives="Максат, толукталды"))
    assert plan_saved_by(hq_store, pid).here


def test_the_plan_editor_at_headquarters_says_where_the_plan_was_saved(qtbot, store, hq_store, tmp_path):
    from strive_desktop.gui.context import AppContext
    from strive_desktop.gui.pages.plans import PlansPage

    link(store, hq_store, tmp_path)
    pid = plans.create_plan(store, NOOKAT, plans.PlanDraft("Ноокат планы 2026", objectives="Максат"))
    ship(store, hq_store)
    page = PlansPage(AppContext(hq_store, lang="en"))
    qtbot.addWidget(page)
    page.resize(1366, 705)
    page.show()
    page.refresh()
    assert page.select_plan(pid)
    shown = page.save_state.toolTip() or page.save_state.text()
    assert shown.startswith("Received from Nookat office, saved there ")
