"""Headquarters' settings for a community, as one JSON-able document: the certificates' signers
(names, titles in Kyrgyz, Russian and English), the extra lines under the programme name, the
three logos (embedded, at most ``MAX_LOGO_BYTES`` each) and the completion rule.

Headquarters keeps one set of certificate settings per community, its own set being the default
for a community it keeps none for (services/certificates.py). It writes the document
(``community_settings``) for an office into the office's invitation file and, whenever what it
says changed, into the next return package for that office (sync/settings_doc.py); the office
takes it (``apply_community_settings`` / ``receive_community_settings``) into its own settings.
Headquarters' settings replace the office's each time headquarters changes them; the office may
still change its own afterwards, until headquarters' next change (docs/sync-format.md). The
document names the community it was written for, and an office refuses one for another community.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass
from typing import Any

from ..domain.rules import COMPLETION_SETTING
from ..errors import UserError
from ..i18n import N_, os_reason
from ..storage.db import Store
from ..storage.files import read_sealed, write_sealed
from ..storage.models import utcnow
from .certificates import (
    LOGO_DIR,
    CertificateSettings,
    community_look,
    get_certificate_settings,
    logo_path,
    look_json,
    look_settings,
    save_certificate_settings,
)
from .installation import get_community, get_installation, get_setting
from .trainings import completion_rule

FORMAT = "strive-community-settings-1"
MAX_LOGO_BYTES = 2 << 20  # a logo travels embedded: 2 MiB at most (a print logo needs far less)
LOGO_SLOTS = ("logo_left", "logo_centre", "logo_right")
# At an office: the last settings taken from headquarters, JSON {"digest", "at", "look"}
RECEIVED_SETTING = "branding.received"


def community_settings(store: Store, community_id: str) -> dict[str, Any]:
    """The settings headquarters gives the office of *community_id* (JSON-able)."""
    community = get_community(store, community_id)  # NotFound for an unknown community
    cfg = get_certificate_settings(store, community.id)  # the community's own set, or headquarters' default
    logos: dict[str, dict[str, str]] = {}
    for slot in LOGO_SLOTS:
        path = logo_path(store, getattr(cfg, slot))
        if path is None:
            continue
        data = read_sealed(path, store.subkey("files"))  # logos are encrypted at rest
        if len(data) > MAX_LOGO_BYTES:
            raise UserError(N_("The logo {name} is larger than {mb} MB; choose a smaller image in Settings."),
                            name=path.name, mb=MAX_LOGO_BYTES >> 20)
        logos[slot] = {"name": path.name, "data": base64.b64encode(data).decode("ascii")}
    return {"format": FORMAT, "community_id": community.id, "community_code": community.code,
            "certificate": json.loads(look_json(cfg)), "logos": logos,
            "completion_share": completion_rule(store).min_share}


def _refuse() -> UserError:
    return UserError(N_("The settings from headquarters are not readable; ask headquarters for a new file."))


def _logo(slot_doc: Any) -> tuple[str, bytes]:
    """A logo's safe file name and bytes, checked to be a PNG or JPEG image ReportLab can print."""
    name, data = str(slot_doc["name"]), str(slot_doc["data"])
    if len(data) > MAX_LOGO_BYTES * 4 // 3 + 8:
        raise _refuse()
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise _refuse() from None
    if not (raw.startswith(b"\x89PNG\r\n\x1a\n") or raw.startswith(b"\xff\xd8")):
        raise _refuse()
    from reportlab.lib.utils import ImageReader

    try:
        ImageReader(io.BytesIO(raw)).getSize()
    except Exception:  # noqa: BLE001 - any failure means "not an image we can print"
        raise _refuse() from None
    stem = re.sub(r"[^\w.-]", "_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[-80:] or "logo"
    # named by content: the same logo sent again is the same file
    return f"hq-{hashlib.sha256(raw).hexdigest()[:12]}-{stem}", raw


def digest(doc: dict[str, Any]) -> str:
    """What a document says (SHA-256 of its canonical JSON): the same settings, the same digest."""
    return hashlib.sha256(json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                          .encode("utf-8")).hexdigest()


def worth_sending(store: Store, community_id: str) -> bool:
    """Whether headquarters has settings to give the office of *community_id*: its own set for that
    community, or a default with a signer, an extra line or a logo. An office's settings are never
    replaced by an empty set headquarters never filled in."""
    if community_look(store, community_id).own:
        return True
    cfg = get_certificate_settings(store)
    return any((*(x.name or x.title for x in cfg.signatories), cfg.issuer, cfg.logo_left, cfg.logo_centre,
                cfg.logo_right))


@dataclass(frozen=True)
class _Parsed:
    cfg: CertificateSettings
    share: float
    logos: dict[str, tuple[str, bytes]]
    community_id: str


def _parse(doc: Any) -> _Parsed:
    """The document checked (UserError if not readable; nothing is written)."""
    try:
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise _refuse()
        cfg = look_settings(json.dumps(doc["certificate"]))
        share = float(doc["completion_share"])
        logos = {slot: _logo(doc["logos"][slot]) for slot in LOGO_SLOTS if slot in (doc.get("logos") or {})}
    except (KeyError, TypeError, ValueError):
        raise _refuse() from None
    if cfg is None or not 0 < share <= 1:
        raise _refuse()
    names = {slot: name for slot, (name, _raw) in logos.items()}
    cfg = CertificateSettings(cfg.signatories, names.get("logo_left", ""), names.get("logo_right", ""), cfg.issuer,
                              names.get("logo_centre", ""), cfg.issuer_ru, cfg.issuer_en)
    return _Parsed(cfg, share, logos, str(doc.get("community_id") or ""))


def check_community_settings(doc: Any) -> None:
    """Refuse (UserError) a document that is not readable, before anything else is applied."""
    _parse(doc)


def apply_community_settings(store: Store, doc: dict[str, Any]) -> CertificateSettings:
    """An office takes headquarters' settings for its community: certificate signers, extra
    lines, logos and the completion rule replace its own (one unit of work; the logo files are
    written first). Refused, with nothing changed, for another community or a damaged document."""
    parsed = _parse(doc)
    inst = get_installation(store)
    if not inst.is_hq and inst.community_id != parsed.community_id:
        raise UserError(N_("These settings are for another community than this office's."))
    folder = store.folder.root / LOGO_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, raw in parsed.logos.values():
            if not (folder / name).is_file():
                write_sealed(folder / name, raw, store.subkey("files"))
    except OSError as exc:
        raise UserError(N_("The logo could not be copied: {reason}"), reason=os_reason(exc)) from exc
    received = json.dumps({"digest": digest(doc), "at": utcnow().isoformat(), "look": look_json(parsed.cfg)},
                          ensure_ascii=False)
    try:
        save_certificate_settings(store, parsed.cfg, also={COMPLETION_SETTING: str(parsed.share),
                                                           RECEIVED_SETTING: received})
    except UserError:
        raise _refuse() from None  # a text over the limits: not what headquarters writes
    return parsed.cfg


def _received(store: Store) -> dict[str, Any]:
    try:
        doc = json.loads(get_setting(store, RECEIVED_SETTING, "") or "{}")
    except ValueError:
        return {}
    return doc if isinstance(doc, dict) else {}


def receive_community_settings(store: Store, doc: dict[str, Any]) -> bool:
    """An office takes the settings headquarters sent with a return package, unless they are the
    ones it took last (then changes made here since stay). True when they were applied."""
    if _received(store).get("digest") == digest(doc):
        return False
    apply_community_settings(store, doc)
    return True


@dataclass(frozen=True)
class FromHeadquarters:
    """At an office: when headquarters last set the certificate settings, and whether they were
    changed here since."""

    at: dt.datetime
    changed_here: bool


def set_by_headquarters(store: Store) -> FromHeadquarters | None:
    got = _received(store)
    try:
        at = dt.datetime.fromisoformat(str(got["at"]))
    except (KeyError, ValueError):
        return None
    return FromHeadquarters(at, got.get("look") != look_json(get_certificate_settings(store)))
