"""Fixed vocabularies. Values are stored in the database and in sync files: never rename one."""

from __future__ import annotations

from enum import StrEnum

from ..i18n import N_


class Sex(StrEnum):
    FEMALE = "f"
    MALE = "m"


class Sector(StrEnum):
    YOUTH = "youth"
    WOMEN = "women"
    RELIGIOUS = "religious_leader"
    LAW_ENFORCEMENT = "law_enforcement"
    LSG = "local_self_government"
    AKSAKAL_COURT = "aksakal_court"
    SOCIAL_WORKER = "social_worker"
    LAWYER = "lawyer"
    OTHER = "other"


class Phase(StrEnum):
    BASICS = "basics_ve"
    CONFLICT_ANALYSIS = "conflict_analysis"
    LSG_ROLES = "lsg_roles"
    LOCAL_PLAN = "local_plan"
    OTHER = "other"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class CommunityKind(StrEnum):
    CITY = "city"
    TOWN = "town"
    AIYL_OKMOTU = "aiyl_okmotu"


class GroupRole(StrEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"


# English source labels, translated by the GUI (context "strive") and used by PDFs.
LABELS: dict[StrEnum, str] = {
    Sex.FEMALE: N_("Female"),
    Sex.MALE: N_("Male"),
    Sector.YOUTH: N_("Youth"),
    Sector.WOMEN: N_("Women"),
    Sector.RELIGIOUS: N_("Religious leader"),
    Sector.LAW_ENFORCEMENT: N_("Law enforcement"),
    Sector.LSG: N_("Local self-government"),
    Sector.AKSAKAL_COURT: N_("Aksakal court"),
    Sector.SOCIAL_WORKER: N_("Social worker"),
    Sector.LAWYER: N_("Lawyer"),
    Sector.OTHER: N_("Other"),
    Phase.BASICS: N_("Basics of violent extremism"),
    Phase.CONFLICT_ANALYSIS: N_("Conflict analysis"),
    Phase.LSG_ROLES: N_("Roles and powers of LSG"),
    Phase.LOCAL_PLAN: N_("Local plan development"),
    Phase.OTHER: N_("Other"),
    PlanStatus.DRAFT: N_("Draft"),
    PlanStatus.SUBMITTED: N_("Submitted"),
    PlanStatus.APPROVED: N_("Approved"),
    ActivityStatus.PLANNED: N_("Planned"),
    ActivityStatus.IN_PROGRESS: N_("In progress"),
    ActivityStatus.DONE: N_("Done"),
    ActivityStatus.CANCELLED: N_("Cancelled"),
    CommunityKind.CITY: N_("City"),
    CommunityKind.TOWN: N_("Town"),
    CommunityKind.AIYL_OKMOTU: N_("Aiyl okmotu"),
    GroupRole.CHAIR: N_("Chair"),
    GroupRole.SECRETARY: N_("Secretary"),
    GroupRole.MEMBER: N_("Member"),
}


def label(value: StrEnum) -> str:
    """English source label of an enum value (translate it before showing)."""
    return LABELS.get(value, str(value))
