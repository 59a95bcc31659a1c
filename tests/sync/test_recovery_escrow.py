"""The office's database key sealed to headquarters in every package (sync/recovery.py,
storage/recovery.py): never in clear, opened only with headquarters' private key, the newest
copy kept per installation."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from strive_desktop.services import installation
from strive_desktop.storage.db import Store
from strive_desktop.storage.recovery import ESCROW_ENTRY, RecoveryRefused, open_escrow
from strive_desktop.storage.sync_models import SyncEscrow
from strive_desktop.sync import export, importer, keys
from strive_desktop.sync.package import open_package, read_header
from tests.conftest import link, person


def test_the_escrow_travels_sealed_and_only_headquarters_key_opens_it(store: Store, hq_store: Store,
                                                                      tmp_path: Path) -> None:
    link(store, hq_store, tmp_path)
    office_id = installation.get_installation(store).id
    person(store, "Gulzat Mamatova")
    result = export.export(store)[0]
    data = result.path.read_bytes()
    key = store.key
    assert key not in data and base64.b64encode(key) not in data
    # opened by headquarters: the entry is there, and still holds no key in clear
    hq = keys.load_identity(hq_store)
    header, _, _ = read_header(data, result.path.name)
    pkg = open_package(data, result.path.name, hq, base64.b64decode(header["sender"]["sign_pub"]), None)
    entry = pkg.entries[ESCROW_ENTRY]
    assert key not in entry and base64.b64encode(key) not in entry and key.hex().encode() not in entry
    doc = json.loads(entry)
    assert open_escrow(doc, hq.box_key, office_id) == key
    with pytest.raises(RecoveryRefused):
        open_escrow(doc, X25519PrivateKey.generate(), office_id)  # any other private key
    with pytest.raises(RecoveryRefused):
        open_escrow(doc, hq.box_key, "another-installation")  # bound to the office
    # what headquarters keeps is sealed too, and the newest package's copy wins
    with hq_store.read() as s:
        first = s.get(SyncEscrow, office_id)
        assert first is not None and base64.b64encode(key).decode() not in first.sealed
        first_seal, first_sent = first.sealed, first.sent_at
    assert importer.import_file(hq_store, result.path).status == "applied"
    with hq_store.read() as s:
        newest = s.get(SyncEscrow, office_id)
        assert newest is not None and newest.sealed != first_seal and newest.sent_at >= first_sent
