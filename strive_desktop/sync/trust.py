"""Headquarters' signed list of accepted installation keys and revoked certificates.

Headquarters puts ``trust.json`` in every return package (docs/sync-format.md, "The trust
list"): the installations it has accepted (id, name, community, public keys) and every revoked
certificate serial with its reason, signed with headquarters' Ed25519 key. The office checks the
signature with the headquarters key it imported, then makes its ``sync_peers`` say exactly what
the list says (the accepted keys of the other offices) and keeps the revocation list in the
setting ``certificates.revoked``. A certificate printed at another office then verifies offline
(``services/certificate_signing.trusted_keys``), and a revoked one is refused with its reason.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.engine import Connection

from ..errors import Refusal
from ..i18n import N_, Message
from ..services.certificate_signing import REVOKED_SETTING
from ..storage.models import Setting, utcnow
from ..storage.sync_models import SyncPeer
from .keys import Identity, b64, fingerprint, unb64
from .merge import table_of

TRUST_FORMAT = "strive-trust-1"
TRUST_CONTEXT = b"strive-trust-list-v1"
ENTRY = "trust.json"
MAX_ENTRY_BYTES = 8 << 20


class TrustListRefused(Refusal, ValueError):
    """The list is not headquarters' or was changed after signing (its reason: ``message``)."""


def canonical(doc: dict[str, Any]) -> bytes:
    """The bytes the signature covers: the list as compact JSON with sorted keys, UTF-8."""
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def build_list(conn: Connection, me: Identity, revoked: dict[str, str]) -> dict[str, Any]:
    """Headquarters' list as it stands in this transaction (not yet signed)."""
    t = table_of(SyncPeer)
    peers = conn.execute(select(t).where(t.c.is_hq.is_(False), t.c.status == "accepted")
                         .order_by(t.c.installation_id)).all()
    return {"format": TRUST_FORMAT, "hq": me.installation_id, "issued_at": utcnow().isoformat(),
            "installations": [{"id": p.installation_id, "name": p.name, "community_id": p.community_id,
                               "sign_pub": b64(p.sign_pub), "box_pub": b64(p.box_pub)} for p in peers],
            "revoked": [{"serial": k, "reason": v} for k, v in sorted(revoked.items())]}


def sign_list(me: Identity, doc: dict[str, Any]) -> bytes:
    """The ``trust.json`` entry: the list and headquarters' signature over its canonical bytes."""
    sig = me.sign_key.sign(TRUST_CONTEXT + canonical(doc))
    return json.dumps({"list": doc, "signature": b64(sig)}, ensure_ascii=False, sort_keys=True).encode("utf-8")


def digest(doc: dict[str, Any]) -> str:
    """What the list says, whatever its date: headquarters writes a package for a list that changed."""
    return hashlib.sha256(canonical({k: v for k, v in doc.items() if k != "issued_at"})).hexdigest()


def read_list(raw: bytes, hq_id: str, hq_sign_pub: bytes) -> dict[str, Any]:
    """The list, once its signature by headquarters' key is checked; TrustListRefused if not."""
    if len(raw) > MAX_ENTRY_BYTES:
        raise TrustListRefused(Message(N_("the list of accepted keys is too large")))
    try:
        outer = json.loads(raw.decode("utf-8"))
        doc, sig = outer["list"], unb64(outer["signature"])
        Ed25519PublicKey.from_public_bytes(hq_sign_pub).verify(sig, TRUST_CONTEXT + canonical(doc))
    except InvalidSignature:
        raise TrustListRefused(Message(N_("the list of accepted keys is not signed by headquarters"))) from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise TrustListRefused(Message(N_("the list of accepted keys is not readable"))) from None
    if not isinstance(doc, dict) or doc.get("format") != TRUST_FORMAT or doc.get("hq") != hq_id:
        raise TrustListRefused(Message(N_("the list of accepted keys is not readable")))
    try:
        for inst in doc["installations"]:
            Ed25519PublicKey.from_public_bytes(unb64(inst["sign_pub"]))
            if not (isinstance(inst["id"], str) and len(inst["id"]) <= 36 and isinstance(inst["name"], str)):
                raise ValueError("id")
            unb64(inst["box_pub"])
        for r in doc["revoked"]:
            if not (isinstance(r["serial"], str) and isinstance(r["reason"], str)):
                raise ValueError("serial")
    except (ValueError, KeyError, TypeError):
        raise TrustListRefused(Message(N_("the list of accepted keys is not readable"))) from None
    return doc


def apply_list(conn: Connection, me: Identity, raw: bytes) -> None:
    """An office takes headquarters' list (in the import's transaction): its peers become the
    installations listed (a key no longer listed is no longer trusted) and the revoked serials
    are kept. Raises TrustListRefused, and changes nothing, if the list is not headquarters'."""
    t = table_of(SyncPeer)
    hq = conn.execute(select(t).where(t.c.is_hq.is_(True), t.c.status == "accepted")).first()
    if hq is None or me.is_hq:
        return
    doc = read_list(raw, hq.installation_id, hq.sign_pub)
    listed = {inst["id"]: inst for inst in doc["installations"]
              if inst["id"] not in (me.installation_id, hq.installation_id)}
    current = {p.installation_id for p in conn.execute(select(t.c.installation_id).where(t.c.is_hq.is_(False)))}
    gone = current - set(listed)
    if gone:
        conn.execute(t.delete().where(t.c.installation_id.in_(sorted(gone))))
    now = utcnow()
    for iid, inst in listed.items():
        sign_pub, box_pub = unb64(inst["sign_pub"]), unb64(inst["box_pub"])
        values = {"name": inst["name"][:200], "community_id": inst.get("community_id"), "is_hq": False,
                  "sign_pub": sign_pub, "box_pub": box_pub, "fingerprint": fingerprint(sign_pub, box_pub),
                  "status": "accepted"}
        conn.execute(insert(t).values(installation_id=iid, first_seen=now, accepted_at=now, last_sent_seq=0,
                                      **values)
                     .on_conflict_do_update(index_elements=[t.c.installation_id], set_=values))
    revoked = {r["serial"].strip().upper(): r["reason"] for r in doc["revoked"]}
    value = json.dumps(revoked, ensure_ascii=False, sort_keys=True)
    st = table_of(Setting)
    conn.execute(insert(st).values(key=REVOKED_SETTING, value=value).on_conflict_do_update(
        index_elements=[st.c.key], set_={"value": value}))
