"""Headquarters' certificate settings for an office's community, in its return packages.

The entry ``settings.json`` of a return package is the document of services/branding.py (the
one an invitation carries): the community's signers with their titles, the extra lines, the
three logos (embedded) and the completion rule. Headquarters puts it in the next package for an
office when what it says changed since the last one it sent there (the setting
``sync.settings_sent.<installation id>`` holds its digest), and only when it has settings for that
community (its own set for the community, or a filled-in default). The package's signature and
seal cover it like every other entry. The office takes it after the package's records (its
settings replaced, the logos sealed in its logos/ folder) unless it is the document it took
last. docs/sync-format.md, "Certificate settings".
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import Refusal, UserError
from ..i18n import N_, Message
from ..services import branding
from ..storage.db import Store

ENTRY = "settings.json"
SENT = "sync.settings_sent."  # + peer id: digest of the last settings document sent to it
MAX_ENTRY_BYTES = 16 << 20  # three logos of at most 2 MiB, in base64, and the texts


class SettingsRefused(Refusal, ValueError):
    """The document is not readable or not for this community (its reason: ``message``)."""


def for_office(store: Store, community_id: str | None) -> tuple[bytes, str] | None:
    """The entry for the office of *community_id* and its digest, or None when headquarters has
    no settings to give it."""
    if not community_id or not branding.worth_sending(store, community_id):
        return None
    doc = branding.community_settings(store, community_id)
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8"), branding.digest(doc)


def read(raw: bytes, community_id: str | None) -> dict[str, Any]:
    """The document of a received entry, checked to be readable and for the office's community
    *community_id*; SettingsRefused if not."""
    if len(raw) > MAX_ENTRY_BYTES:
        raise SettingsRefused(Message(N_("the certificate settings from headquarters are too large")))
    try:
        doc: object = json.loads(raw.decode("utf-8"))
        branding.check_community_settings(doc)
    except (ValueError, UnicodeDecodeError, UserError):
        raise SettingsRefused(Message(N_("the certificate settings from headquarters are not readable"))) from None
    if not isinstance(doc, dict):
        raise SettingsRefused(Message(N_("the certificate settings from headquarters are not readable")))
    if doc.get("community_id") != community_id:
        raise SettingsRefused(Message(N_("the certificate settings from headquarters are for another community")))
    return doc


def take(store: Store, doc: dict[str, Any]) -> bool:
    """The office takes the settings (True) unless they are the ones it took last (False)."""
    return branding.receive_community_settings(store, doc)
