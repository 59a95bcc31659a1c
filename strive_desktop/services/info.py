"""Who this installation is and which communities it knows: plain records, no SQLAlchemy.

Kept apart from :mod:`services.installation` so that the first screen at start-up
(:mod:`services.start`) can build them before the data layer is imported.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InstallationInfo:
    id: str
    name: str
    community_id: str | None
    community_name: str
    is_hq: bool
    user_name: str
    counter: int


@dataclass(frozen=True)
class CommunityInfo:
    id: str
    code: str
    name_ky: str
    name_ru: str
    name_en: str
    kind: str
    oblast_en: str
    oblast_ru: str
    oblast_ky: str

    def name(self, lang: str = "en") -> str:
        return {"ky": self.name_ky, "ru": self.name_ru}.get(lang, self.name_en)
