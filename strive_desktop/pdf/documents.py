"""One call per document: gather the data through the services, render, return the file(s).

Used by the command line and by the GUI (off the GUI thread); no Qt here.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from ..errors import UserError
from ..i18n import N_
from ..services import certificates, installation, plans, reports, trainings
from ..storage.db import Store
from .common import IsCancelled, Progress


def certificate_look(store: Store, lang: str, cfg: certificates.CertificateSettings | None = None,
                     fallback: certificates.CertificateSettings | None = None):  # type: ignore[no-untyped-def]
    """The look of certificates in *lang*: the current settings, or *cfg* (kept with a register
    entry), whose logos fall back to *fallback*'s where the file is not in this data folder (a
    reprint at another installation)."""
    from .certificate import CertificateLook

    if lang not in certificates.LANGUAGES:
        raise UserError(N_("Unknown certificate language {lang}: use ky, ru, en or bilingual."), lang=lang)
    cfg = cfg or certificates.get_certificate_settings(store)

    def logo(slot: str) -> io.BytesIO | None:  # decrypted (logos are encrypted at rest)
        found = certificates.logo_image(store, getattr(cfg, slot))
        if found is None and getattr(cfg, slot) and fallback is not None:
            found = certificates.logo_image(store, getattr(fallback, slot))
        return found

    langs = certificates.BILINGUAL if lang == "bilingual" else (lang,)
    # each certificate in its own language(s): the signers' titles and the extra line chosen for it
    return CertificateLook(lang, tuple(s.for_languages(langs) for s in cfg.signatories), logo("logo_left"),
                           logo("logo_right"), cfg.issuer_for(langs), logo("logo_centre"))


def certificates_pdf(store: Store, training_id: str, out: Path | str | None, *, lang: str = "ky",
                     person_ids: Sequence[str] | None = None, per_person_dir: Path | str | None = None,
                     progress: Progress | None = None, cancelled: IsCancelled | None = None) -> list[Path]:
    """Issue (or reuse) the certificates and write them: one PDF at *out* and/or one per person.

    Each certificate is printed with the signers and logos kept in its register entry when it was
    issued (a reprint matches the original); entries from before that print with the current
    settings."""
    from .certificate import render_certificates, render_per_person

    community_id = trainings.get_training(store, training_id).community_id
    current = certificates.get_certificate_settings(store, community_id)  # headquarters: the community's own
    look = certificate_look(store, lang, current)
    looks: dict[str, object] = {"": look}

    def look_for(rec: certificates.CertificateRecord):  # type: ignore[no-untyped-def]
        found = looks.get(rec.look)
        if found is None:
            kept = certificates.look_settings(rec.look)
            found = looks[rec.look] = look if kept is None else certificate_look(store, lang, kept, current)
        return found

    from ..services.certificate_signing import sign_records

    # each certificate carries the training's title in its language (and its signature covers it)
    records = sign_records(store, [r.in_language(lang) for r in
                                   certificates.issue_certificates(store, training_id, person_ids)])
    if not records:
        raise UserError(N_("Nobody completed this training under the current rule, so there is no "
                           "certificate to print."))
    written: list[Path] = []
    if out is not None:
        written.append(render_certificates(out, records, look, progress=progress, cancelled=cancelled,
                                           look_for=look_for))
    if per_person_dir is not None:
        written += render_per_person(per_person_dir, records, look, progress=progress, cancelled=cancelled,
                                     look_for=look_for)
    return written


def attendance_sheet_pdf(store: Store, training_id: str, out: Path | str, *, lang: str = "en",
                         blank_rows: int = 8) -> Path:
    from .attendance_sheet import render_attendance_sheet

    sheet = trainings.attendance_sheet(store, training_id)
    community = installation.get_community(store, sheet.training.community_id)
    return render_attendance_sheet(out, sheet, community, lang=lang, blank_rows=blank_rows)


def plan_pdf(store: Store, plan_id: str, out: Path | str, *, lang: str = "en") -> Path:
    from .plan import render_plan

    plan = plans.get_plan(store, plan_id)
    community = installation.get_community(store, plan.community_id)
    rev_date = approved_on = None
    for r in plans.list_revisions(store, plan_id):
        day = r.saved_at.date() if isinstance(r.saved_at, dt.datetime) else r.saved_at
        if r.number == plan.revision:
            rev_date = day
        if r.status == "approved" and (approved_on is None or day > approved_on):
            approved_on = day  # the revision frozen when it was approved
    if plan.status == "approved" and approved_on is None:  # approved with no change since a revision
        approved_on = plan.updated_at.date()
    changed = bool(plan.revision) and bool(
        plans.compare_drafts(plans.revision_draft(store, plan_id, plan.revision), plan.draft))
    return render_plan(out, plan, community, lang=lang, revision_date=rev_date, changed_since_revision=changed,
                       approved_on=approved_on if plan.status == "approved" else None)


def summary_pdf(store: Store, out: Path | str, *, date_from: dt.date | None = None,
                date_to: dt.date | None = None, community_id: str | None = None, lang: str = "en") -> Path:
    from .summary import render_summary

    data = reports.donor_summary(store, date_from, date_to, community_id)
    names = {c.id: c.name(lang) for c in installation.list_communities(store)}
    return render_summary(out, data, lang=lang, logos=certificates.all_logos(store),
                          community_names=names)
