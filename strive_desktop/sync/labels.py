"""Readable names for synced tables and columns, and readable values, for the conflict and
set-aside lists (no Qt here: the labels are English source strings marked with ``N_`` and
translated by whoever shows them, in the context ``strive``).

``field_label("people", "phone")`` -> ``"Phone"``; ``value_text("people", "phone",
"+996700222222")`` -> ``"+996 700 22 22 22"``; booleans become "yes"/"no", dates ``dd.mm.yyyy``,
stored vocabulary values (sex, sector, phase, status, role) their labels.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from ..domain.enums import (
    LABELS,
    ActivityStatus,
    CommunityKind,
    GroupRole,
    Phase,
    PlanStatus,
    Sector,
    Sex,
)
from ..domain.validation import format_phone
from ..i18n import CONTEXT, N_

Translate = Callable[[str, str], str]

TABLE_LABELS: dict[str, str] = {
    "communities": N_("Communities"),
    "advisory_groups": N_("Advisory groups"),
    "people": N_("People"),
    "memberships": N_("Group memberships"),
    "vulnerable_groups": N_("Vulnerable groups"),
    "trainings": N_("Trainings"),
    "training_sessions": N_("Training sessions"),
    "attendance": N_("Attendance"),
    "local_plans": N_("Local plans"),
    "plan_activities": N_("Plan activities"),
    "plan_revisions": N_("Plan revisions"),
    "certificates": N_("Certificates"),
    "attachments": N_("Attachments"),
}

FIELD_LABELS: dict[str, str] = {
    # people
    "full_name": N_("Full name"),
    "name_key": N_("Full name"),  # derived from the name, for searching
    "dup_key": N_("Full name"),  # derived from the name, for the duplicate check
    "merged_into": N_("Merged into"),  # services/people_merge.py
    "merge_moves": N_("Records moved by a merge"),
    "look": N_("Signers and logos printed"),
    "title_ru": N_("Title in Russian"),  # trainings (0012_titles)
    "title_en": N_("Title in English"),
    "kept_apart": N_("Kept apart from"),
    "sex": N_("Sex"),
    "birth_year": N_("Birth year"),
    "phone": N_("Phone"),
    "pin": N_("PIN"),
    "sector": N_("Sector"),
    "organisation": N_("Organisation"),
    "position": N_("Position"),
    "consent_date": N_("Consent date"),
    "notes": N_("Notes"),
    "community_id": N_("Community"),
    # groups and memberships
    "name": N_("Name"),
    "cpc_name": N_("Prevention centre"),
    "formed_on": N_("Formed on"),
    "person_id": N_("Person"),
    "group_id": N_("Advisory group"),
    "role": N_("Role"),
    "joined_on": N_("Joined on"),
    "left_on": N_("Left on"),
    # vulnerable groups
    "category": N_("Category"),
    "description": N_("Description"),
    # trainings
    "phase": N_("Phase"),
    "title": N_("Title"),
    "venue": N_("Venue"),
    "trainers": N_("Trainers"),
    "training_id": N_("Training"),
    "date": N_("Date"),
    "hours": N_("Hours"),
    "session_id": N_("Session"),
    "present": N_("Present"),
    "walk_in": N_("Walk-in"),
    # plans
    "period_start": N_("Period start"),
    "period_end": N_("Period end"),
    "status": N_("Status"),
    "context": N_("Context"),
    "vulnerable_groups": N_("Vulnerable groups"),
    "objectives": N_("Objectives"),
    "revision": N_("Revision"),
    "plan_id": N_("Local plan"),
    "responsible": N_("Responsible"),
    "partners": N_("Partners"),
    "start": N_("Start"),
    "end": N_("End"),
    "budget_project": N_("Budget: project"),
    "budget_local": N_("Budget: local"),
    "budget_other": N_("Budget: other"),
    "indicator": N_("Indicator"),
    "number": N_("Number"),
    "saved_by": N_("Saved by"),
    "note": N_("Note"),
    "snapshot": N_("Revision contents"),
    # certificates and attachments
    "serial": N_("Serial number"),
    "issued_on": N_("Issued on"),
    "verification_code": N_("Verification code"),
    "revoked": N_("Revoked"),
    "revoked_reason": N_("Reason for revoking"),
    "file_name": N_("File name"),
    "sha256": N_("Checksum"),
    "size": N_("Size"),
    # communities
    "code": N_("Code"),
    "kind": N_("Kind"),
    "name_ky": N_("Name (Kyrgyz)"),
    "name_ru": N_("Name (Russian)"),
    "name_en": N_("Name (English)"),
    "oblast_ky": N_("Oblast (Kyrgyz)"),
    "oblast_ru": N_("Oblast (Russian)"),
    "oblast_en": N_("Oblast (English)"),
    # bookkeeping
    "deleted": N_("Deleted"),
    "created_at": N_("Created"),
}

YES = N_("yes")
NO = N_("no")

# Columns holding a stored vocabulary value, shown by its label.
_VOCABULARY: dict[str, type[StrEnum]] = {
    "sex": Sex, "sector": Sector, "phase": Phase, "role": GroupRole, "kind": CommunityKind,
}
_STATUS: dict[str, type[StrEnum]] = {"local_plans": PlanStatus, "plan_activities": ActivityStatus}
_PHONES = frozenset({"phone"})
_BOOLEANS = frozenset({"present", "walk_in", "revoked", "deleted"})
_DATES = frozenset({"consent_date", "formed_on", "joined_on", "left_on", "date", "period_start", "period_end",
                    "start", "end", "issued_on", "created_at", "updated_at"})


def _same(_context: str, text: str) -> str:
    return text


def reason_label(reason: str, translate: Translate = _same) -> str:
    """A set-aside reason for a person: translated if it is one of the fixed ones."""
    from .authority import PARENT_REASONS, REASONS

    if reason in REASONS:
        return translate(CONTEXT, reason)
    for source in PARENT_REASONS:
        before, _, after = source.partition("{parent}")
        if reason.startswith(before) and reason.endswith(after) and len(reason) > len(before) + len(after):
            return translate(CONTEXT, source).replace("{parent}", reason[len(before):len(reason) - len(after)])
    return reason


def table_label(table: str, translate: Translate = _same) -> str:
    """The name of a synced table for a person (the raw name if it is unknown)."""
    src = TABLE_LABELS.get(table)
    return translate(CONTEXT, src) if src else table


def field_label(table: str, field: str, translate: Translate = _same) -> str:
    """The name of a synced column for a person (the raw name if it is unknown)."""
    del table  # one meaning per column name across the synced tables
    src = FIELD_LABELS.get(field)
    return translate(CONTEXT, src) if src else field


def _vocabulary(table: str, field: str) -> type[StrEnum] | None:
    if field == "status":
        return _STATUS.get(table)
    return _VOCABULARY.get(field)


def _date(value: str, lang: str) -> str | None:
    from ..formatting import fmt_date, fmt_datetime

    try:
        if len(value) == 10:
            return fmt_date(dt.date.fromisoformat(value), lang)
        if len(value) >= 16 and value[4] == "-" and value[10] in "T ":
            return fmt_datetime(dt.datetime.fromisoformat(value), lang)
    except ValueError:
        return None
    return None


def value_text(table: str, field: str, value: Any, translate: Translate = _same, lang: str = "en") -> str:
    """A synced value as a person reads it: a formatted phone number, dates in *lang* (Babel),
    "yes"/"no", a sector's or status's label; anything else as it is (lists and objects as JSON).
    An empty value gives ``""`` (the caller says "(empty)" in its own words)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or (field in _BOOLEANS and value in (0, 1)):
        return translate(CONTEXT, YES if value else NO)
    if isinstance(value, str):
        if field in _PHONES:
            return format_phone(value)
        enum = _vocabulary(table, field)
        if enum is not None:
            try:
                return translate(CONTEXT, LABELS[enum(value)])
            except (ValueError, KeyError):
                return value
        if field in _DATES:
            shown = _date(value, lang)
            if shown is not None:
                return shown
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
