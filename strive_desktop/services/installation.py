"""This installation's identity, communities and settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.enums import CommunityKind
from ..domain.names import search_key
from ..errors import NotFound, UserError
from ..i18n import N_
from ..storage.db import Store
from ..storage.models import Community, Installation, Setting, new_id


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


def _community_info(c: Community) -> CommunityInfo:
    return CommunityInfo(c.id, c.code, c.name_ky, c.name_ru, c.name_en, c.kind,
                         c.oblast_en, c.oblast_ru, c.oblast_ky)


def list_communities(store: Store) -> list[CommunityInfo]:
    with store.read() as s:
        rows = s.scalars(select(Community).where(Community.deleted.is_(False)).order_by(Community.name_en))
        return [_community_info(c) for c in rows]


def find_community(store: Store, name: str) -> CommunityInfo:
    """Find a community by id, code or name in any language.

    An exact id, code or name wins. Otherwise the spelling-tolerant search key is compared
    (Latin or Cyrillic, any case); as that key folds repeated letters and digits together
    (natl-001 and natl-011 give one key), more than one community may answer it: then the
    user is asked for the code instead of being handed one of them.
    """
    wanted = " ".join(name.split()).casefold()
    communities = list_communities(store)
    exact = [c for c in communities
             if c.id == name or wanted in {c.code.casefold(), c.name_en.casefold(),
                                           c.name_ru.casefold(), c.name_ky.casefold()}]
    if len(exact) == 1:
        return exact[0]
    key = search_key(name)
    near = exact or [c for c in communities
                     if key and key in {search_key(c.code), search_key(c.name_en),
                                        search_key(c.name_ru), search_key(c.name_ky)}]
    if len(near) == 1:
        return near[0]
    if near:
        raise UserError(N_("{name} could be any of these communities: {choices}. Give its code."),
                        name=name, choices=", ".join(f"{c.code} ({c.name_en})" for c in near))
    raise NotFound(N_("There is no community called {name}."), name=name)


def get_community(store: Store, community_id: str) -> CommunityInfo:
    with store.read() as s:
        c = s.get(Community, community_id)
        if c is None:
            raise NotFound(N_("That community no longer exists."))
        return _community_info(c)


def add_community(store: Store, *, code: str, name_ky: str, name_ru: str, name_en: str, kind: str,
                  oblast_en: str = "", oblast_ru: str = "", oblast_ky: str = "") -> str:
    """Headquarters only: register another community beyond the pilots."""
    inst = get_installation(store)
    if not inst.is_hq:
        raise UserError(N_("Only the headquarters installation can add communities."))
    code, name_en = code.strip().lower(), " ".join(name_en.split())
    if not (name_en and code):
        raise UserError(N_("A community needs a code and an English name."))
    if kind not in {k.value for k in CommunityKind}:
        raise UserError(N_("A community is a city, a town or an aiyl okmotu."))
    with store.uow() as s:
        if s.scalar(select(Community).where(Community.code == code)):
            raise UserError(N_("A community with the code {code} already exists."), code=code)
        c = Community(id=new_id(), code=code, name_ky=name_ky or name_en, name_ru=name_ru or name_en,
                      name_en=name_en, kind=kind, oblast_en=oblast_en, oblast_ru=oblast_ru,
                      oblast_ky=oblast_ky)
        s.add(c)
        s.flush()
        return c.id


def get_installation(store: Store) -> InstallationInfo:
    with store.read() as s:
        inst = s.scalar(select(Installation))
        if inst is None:
            raise UserError(N_("This data folder is not set up yet. Run 'init' or start the app to set it up."))
        cname = ""
        if inst.community_id:
            c = s.get(Community, inst.community_id)
            cname = c.name_en if c else ""
        return InstallationInfo(inst.id, inst.name, inst.community_id, cname, inst.is_hq,
                                inst.user_name, inst.counter)


def is_initialised(store: Store) -> bool:
    with store.read() as s:
        return s.scalar(select(Installation)) is not None


def init_installation(store: Store, *, name: str, community: str | None = None, hq: bool = False,
                      user_name: str = "") -> InstallationInfo:
    """Name this installation and tie it to a community, or make it headquarters."""
    name = " ".join((name or "").split())
    if not name:
        raise UserError(N_("The installation needs a name, e.g. 'Kochkor office'."))
    if hq == bool(community):
        raise UserError(N_("Choose either a community or headquarters."))
    cid = find_community(store, community).id if community else None
    with store.uow() as s:
        if s.scalar(select(Installation)) is not None:
            raise UserError(N_("This data folder is already set up as an installation."))
        s.add(Installation(id=new_id(), name=name, community_id=cid, is_hq=hq, user_name=user_name, counter=0))
    store.user_name = user_name
    # The sync key pairs are made by the sync layer the first time it needs them
    # (sync.keys.load_identity): services never import sync, which is built on them.
    return get_installation(store)


def set_user_name(store: Store, user_name: str) -> None:
    with store.uow() as s:
        inst = s.scalar(select(Installation))
        if inst is not None:
            inst.user_name = user_name
    store.user_name = user_name


def get_setting(store: Store, key: str, default: str = "") -> str:
    with store.read() as s:
        row = s.get(Setting, key)
        return row.value if row else default


def set_setting(store: Store, key: str, value: str) -> None:
    with store.uow() as s:
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=value))
        else:
            row.value = value


def unexported_changes(store: Store) -> int:
    """Changes made here since the last export (the sync layer records the last counter)."""
    inst = get_installation(store)
    last = int(get_setting(store, "sync.last_exported_counter", "0") or 0)
    return max(0, inst.counter - last)
