"""The first screen at start-up, read before the data layer (SQLAlchemy) is imported.

``python main.py`` paints the empty window, claims the data folder
(:func:`storage.quick.claim_folder`: lock and schema check) and, when the folder is already at
this build's schema and set up, reads :func:`first_screen`: who this installation is, the
communities and the first screenful of the People list with the total count. The People page
shows that at once; the store is opened right after (:func:`storage.db.open_store` with the
same claim) and everything works as usual from then on.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..storage.quick import Claim, first_look
from .info import CommunityInfo, InstallationInfo
from .people_index import PeopleIndex, index_of


@dataclass(frozen=True)
class FirstScreen:
    info: InstallationInfo
    communities: list[CommunityInfo]
    community_id: str | None  # the community whose people are listed (None: everyone, HQ)
    people: PeopleIndex  # the first rows in name order, as load_people_head reads them
    total: int  # everyone there, for the count and the scrollbar


def first_screen(claim: Claim, *, community_id: str | None = None, limit: int = 200) -> FirstScreen | None:
    """What the People page shows first, or None when the ordinary start must run (a new or
    older database, a folder not set up yet, no user name, a read error).

    *community_id* is headquarters' last chosen community (ignored for a field office, which
    lists its own community; ignored when that community no longer exists).
    """
    peek = first_look(claim, community_id=community_id, limit=limit)
    if peek is None:
        return None
    communities = [CommunityInfo(*row) for row in peek.communities]
    inst_id, name, cid, is_hq, user_name, counter = peek.installation
    by_id = {c.id: c for c in communities}
    info = InstallationInfo(inst_id, name, cid, by_id[cid].name_en if cid in by_id else "", is_hq,
                            user_name, counter)
    return FirstScreen(info, communities, peek.community_id, index_of(peek.people), peek.total)
