"""Headquarters' settings for a community, as one JSON-able document: the certificates' signers
(names, titles in Kyrgyz, Russian and English), the extra lines under the programme name, the
three logos (embedded, at most ``MAX_LOGO_BYTES`` each) and the completion rule.

Headquarters writes it (``community_settings``) for an office, e.g. into the office's invitation
file; the office takes it (``apply_community_settings``) into its own settings, which stay the
office's to change. Headquarters' settings are one set for every community (its Settings page);
the document names the community it was written for, and an office refuses one for another
community.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import re
from typing import Any

from ..errors import UserError
from ..i18n import N_, os_reason
from ..storage.db import Store
from ..storage.files import read_sealed, write_sealed
from .certificates import (
    LOGO_DIR,
    CertificateSettings,
    get_certificate_settings,
    logo_path,
    look_json,
    look_settings,
    save_certificate_settings,
)
from .installation import get_community, get_installation
from .trainings import COMPLETION_SETTING, completion_rule

FORMAT = "strive-community-settings-1"
MAX_LOGO_BYTES = 2 << 20  # a logo travels embedded: 2 MiB at most (a print logo needs far less)
LOGO_SLOTS = ("logo_left", "logo_centre", "logo_right")


def community_settings(store: Store, community_id: str) -> dict[str, Any]:
    """The settings headquarters gives the office of *community_id* (JSON-able)."""
    community = get_community(store, community_id)  # NotFound for an unknown community
    cfg = get_certificate_settings(store)
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


def apply_community_settings(store: Store, doc: dict[str, Any]) -> CertificateSettings:
    """An office takes headquarters' settings for its community: certificate signers, extra
    lines, logos and the completion rule replace its own (one unit of work; the logo files are
    written first). Refused, with nothing changed, for another community or a damaged document."""
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
    inst = get_installation(store)
    if not inst.is_hq and inst.community_id != doc.get("community_id"):
        raise UserError(N_("These settings are for another community than this office's."))
    names = {slot: name for slot, (name, _raw) in logos.items()}
    cfg = CertificateSettings(cfg.signatories, names.get("logo_left", ""), names.get("logo_right", ""), cfg.issuer,
                              names.get("logo_centre", ""), cfg.issuer_ru, cfg.issuer_en)
    folder = store.folder.root / LOGO_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, raw in logos.values():
            if not (folder / name).is_file():
                write_sealed(folder / name, raw, store.subkey("files"))
    except OSError as exc:
        raise UserError(N_("The logo could not be copied: {reason}"), reason=os_reason(exc)) from exc
    try:
        save_certificate_settings(store, cfg, also={COMPLETION_SETTING: str(share)})
    except UserError:
        raise _refuse() from None  # a text over the limits: not what headquarters writes
    return cfg
