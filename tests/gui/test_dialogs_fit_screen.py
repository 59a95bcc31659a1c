"""Every dialog fits a 1366 x 768 laptop's maximised area, 1366 x 705, in Kyrgyz, Russian and
English (issue 16): its natural size and its minimum size, plus a title bar, stay inside."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from strive_desktop.gui.context import AppContext
from strive_desktop.gui.dialogs.about import AboutDialog
from strive_desktop.gui.dialogs.certificates import CertificatesDialog
from strive_desktop.gui.dialogs.duplicates import DuplicateDialog
from strive_desktop.gui.dialogs.export_sheets import ExportDialog
from strive_desktop.gui.dialogs.group import GroupDialog
from strive_desktop.gui.dialogs.import_attendance import ImportAttendanceDialog
from strive_desktop.gui.dialogs.import_roster import ImportRosterDialog
from strive_desktop.gui.dialogs.new_plan import NewPlanDialog
from strive_desktop.gui.dialogs.person import PersonDialog
from strive_desktop.gui.dialogs.training import TrainingDialog, WalkInDialog
from strive_desktop.gui.dialogs.verify_certificate import VerifyCertificateDialog
from strive_desktop.gui.dialogs.vulnerable_group import VulnerableGroupDialog
from strive_desktop.gui.printing import SummaryOptions
from strive_desktop.gui.setup_dialog import SetupDialog
from strive_desktop.services import rosters, trainings
from strive_desktop.storage.db import open_store

from ..conftest import NOOKAT  # type: ignore[import-not-found]

SCREEN_W, SCREEN_H = 1366, 705
TITLE_BAR = 32  # drawn by the window manager above the widget


def _training(ctx: AppContext) -> str:
    return trainings.create_training(ctx.store, trainings.TrainingInput(
        community_id=NOOKAT, phase="basics_ve", title="Зордук экстремизмдин алдын алуу негиздери",
        sessions=[trainings.SessionInput(dt.date(2026, 3, d), 6) for d in (2, 3, 4)]))


def _duplicate(ctx: AppContext) -> QWidget:
    gid = rosters.create_group(ctx.store, NOOKAT, "Ноокат консультативдик тобу")
    inp = rosters.PersonInput(full_name="Абдыкадырова Гүлзийнат Өмүрбековна", sex="f", sector="women",
                              community_id=NOOKAT, birth_year=1985)
    rosters.add_person(ctx.store, inp, group_id=gid)
    res = rosters.add_person(ctx.store, inp)
    return DuplicateDialog(res.duplicates, group_wanted=True)


def _compare() -> QWidget:
    from strive_desktop.gui.dialogs.compare import CompareDialog
    from strive_desktop.services.plans import PlanDraft

    draft = PlanDraft("Ноокат айылдык планы 2026", objectives="Максат")
    return CompareDialog(draft, draft, [], "Версия 1", "Версия 2")


DIALOGS: dict[str, Callable[[AppContext, Path], QWidget]] = {
    "person": lambda ctx, _t: PersonDialog(ctx, community_id=NOOKAT, group_id=None),
    "group": lambda ctx, _t: GroupDialog("Ноокат"),
    "training": lambda ctx, _t: TrainingDialog(ctx),
    "walk-in": lambda ctx, _t: WalkInDialog(ctx, trainings.get_training(ctx.store, _training(ctx))),
    "vulnerable-group": lambda ctx, _t: VulnerableGroupDialog(ctx, NOOKAT, "Ноокат"),
    "summary-options": lambda ctx, _t: SummaryOptions(ctx),
    "duplicate": lambda ctx, _t: _duplicate(ctx),
    "new-plan": lambda ctx, _t: NewPlanDialog(ctx),
    "export": lambda ctx, _t: ExportDialog(ctx),
    "import-roster": lambda ctx, _t: ImportRosterDialog(ctx),
    "import-attendance": lambda ctx, _t: ImportAttendanceDialog(ctx, training_id=_training(ctx)),
    "certificates": lambda ctx, _t: CertificatesDialog(ctx, _training(ctx)),
    "verify-certificate": lambda ctx, _t: VerifyCertificateDialog(ctx),
    "about": lambda ctx, _t: AboutDialog(ctx.store.folder.root),
    "compare-plans": lambda ctx, _t: _compare(),
}
# The PDF preview sizes itself to the screen it is on: tests/gui/test_pdf_preview_fit.py.


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("name", DIALOGS)
def test_the_dialog_fits_1366x705(qtbot, language, store, tmp_path, lang, name):
    language(lang)
    w = DIALOGS[name](AppContext(store, lang), tmp_path)
    qtbot.addWidget(w)
    w.show()
    QApplication.processEvents()
    for what, size in (("size", w.size()), ("minimum", w.minimumSizeHint().expandedTo(w.minimumSize()))):
        assert size.width() <= SCREEN_W, (what, size)
        assert size.height() + TITLE_BAR <= SCREEN_H, (what, size)


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_first_start_dialog_fits_1366x705(qtbot, language, tmp_path, lang):
    language(lang)
    st = open_store(tmp_path / "new")
    try:
        w = SetupDialog(st, lang)
        qtbot.addWidget(w)
        w.show()
        QApplication.processEvents()
        assert w.width() <= SCREEN_W and w.height() + TITLE_BAR <= SCREEN_H, w.size()
    finally:
        st.close()


