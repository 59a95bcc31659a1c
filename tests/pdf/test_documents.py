"""PDFs a trainer prints: certificates (register, serials, QR), attendance sheets, plans, donor summary."""

from __future__ import annotations

import pytest

from strive_desktop.errors import UserError
from strive_desktop.pdf import documents
from strive_desktop.pdf.common import Cancelled
from strive_desktop.services import (
    certificates,
    trainings,
)
from strive_desktop.storage.seed import community_id

from .conftest import SESSIONS, qpdf_ok, text_of  # type: ignore[import-not-found]

NOOKAT = community_id("nookat")


# ---- the certificate register --------------------------------------------------------------------


# ---- certificate PDFs -------------------------------------------------------------------------------


def test_one_pdf_per_person_named_by_serial_and_name(store, training, tmp_path):
    files = documents.certificates_pdf(store, training, None, lang="ru", per_person_dir=tmp_path / "each")
    assert len(files) == 4
    recs = {r.serial: r.full_name for r in certificates.list_certificates(store, training)}
    for f in files:
        serial = f.name[:len("NOO-2026-XXXXXX-0001")]
        assert recs[serial] in f.name
        (page,) = text_of(f)
        assert " ".join(recs[serial].split()) in " ".join(page.split())  # on one or two lines
        qpdf_ok(f)


def test_cancelled_batch_leaves_no_file(store, training, tmp_path):
    from strive_desktop.pdf.certificate import render_certificates

    recs = certificates.issue_certificates(store, training)
    look = documents.certificate_look(store, "en")
    out = tmp_path / "out" / "c.pdf"
    with pytest.raises(Cancelled):
        render_certificates(out, recs, look, cancelled=lambda: True)
    assert list(out.parent.iterdir()) == []


def test_nobody_completed_is_a_clear_message(store, tmp_path):
    tid = trainings.create_training(store, trainings.TrainingInput(
        community_id=NOOKAT, phase="other", title="Empty", sessions=[trainings.SessionInput(SESSIONS[0], 2)]))
    with pytest.raises(UserError, match="Nobody completed"):
        documents.certificates_pdf(store, tid, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# ---- attendance sheet -----------------------------------------------------------------------------


# ---- local plan -------------------------------------------------------------------------------------


# ---- donor summary ----------------------------------------------------------------------------------


# ---- command line -------------------------------------------------------------------------------------
