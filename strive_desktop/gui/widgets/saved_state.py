"""The plan editor's "Saved 14:05" line, saying who saved it when another installation did:
"Received from Kochkor office, saved there 07:26" (local time), not "Saved 07:26" as if
headquarters had saved it. The plans page shows ``saved_text(plan_origin.plan_saved_by(...))``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...services.plan_origin import SavedBy
from .dates import local, time_text

translate = QCoreApplication.translate


def saved_text(saved: SavedBy) -> str:
    time = time_text(local(saved.at))
    if saved.here:
        return translate("PlanSavedState", "Saved {time}").format(time=time)
    if saved.where:
        return translate("PlanSavedState", "Received from {place}, saved there {time}").format(
            place=saved.where, time=time)
    return translate("PlanSavedState", "Received from another installation, saved there {time}").format(time=time)
