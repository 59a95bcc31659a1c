"""An imported plan says where and when it was saved (issue 16, problem 8): headquarters showed
"Saved 07:26", the field office's time, as if it had saved the plan itself."""

from __future__ import annotations

import datetime as dt

from strive_desktop.gui.widgets.saved_state import saved_text
from strive_desktop.services import plans
from strive_desktop.services.plan_origin import plan_saved_by

from ..conftest import NOOKAT  # type: ignore[import-not-found]
from ..sync.conftest import link, ship  # type: ignore[import-not-found]


def test_headquarters_says_the_office_saved_the_plan(qtbot, language, store, hq_store, tmp_path):
    link(store, hq_store, tmp_path)
    pid = plans.create_plan(store, NOOKAT, plans.PlanDraft("Ноокат планы 2026", objectives="Максат"))
    ship(store, hq_store)
    at_office, at_hq = plan_saved_by(store, pid), plan_saved_by(hq_store, pid)
    assert at_office.here and not at_hq.here and at_hq.where == "Nookat office"
    local = at_hq.at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")
    assert saved_text(at_office) == f"Saved {local}"
    assert saved_text(at_hq) == f"Received from Nookat office, saved there {local}"
    language("ru")
    assert saved_text(at_hq) == f"Получен от Nookat office, сохранён там в {local}"
    # headquarters edits it: now it is headquarters' own save
    plans.save_draft(hq_store, pid, plans.PlanDraft("Ноокат планы 2026", objectives="Максат, толукталды"))
    assert plan_saved_by(hq_store, pid).here
