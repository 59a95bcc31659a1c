"""This installation's key pairs as stored (``sync_keys``): made on first need.

Sync signs and seals packages with them and certificates are signed with the same Ed25519 key,
so both :mod:`strive_desktop.sync.keys` and the certificate services reach the keys here,
below both of them.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import select

from .db import Store
from .sync_models import SyncKey


def raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def raw_public(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def ensure_keys(store: Store) -> None:
    """Make the signing and encryption key pairs if this installation has none yet."""
    with store.uow() as s:
        have = {k.name for k in s.scalars(select(SyncKey))}
        makers: tuple[tuple[str, type[Ed25519PrivateKey] | type[X25519PrivateKey]], ...] = (
            ("sign", Ed25519PrivateKey), ("box", X25519PrivateKey))
        for name, kind in makers:
            if name not in have:
                key = kind.generate()
                s.add(SyncKey(name=name, private=raw_private(key), public=raw_public(key)))
