"""Keys and the sealed package: every hostile or broken file is refused with a clear reason
and nothing is applied."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from strive_desktop.catalog import translator
from strive_desktop.errors import UserError
from strive_desktop.services import installation, maintenance
from strive_desktop.storage.db import Store
from strive_desktop.sync import export, importer, keys, package

from ..conftest import person


def _field_package(field: Store) -> Path:
    person(field, "Гүлзат Өмүрова")
    return export.export_changes(field).path


def _reseal(field: Store, hq: Store, zip_bytes: bytes, **header_over: object) -> bytes:
    """A correctly sealed and signed package around any payload (what an attacker with the
    field's keys, or a buggy writer, could produce)."""
    me = keys.load_identity(field)
    hq_id = keys.load_identity(hq)
    header = {"package_id": "11111111-2222-3333-4444-555555555555", "kind": "changes", "range": [1, 1]}
    header.update(header_over)
    return package.seal(me, {"id": hq_id.installation_id, "name": hq_id.name, "box_pub": hq_id.box_pub},
                        header, zip_bytes)


def _import_bytes(hq: Store, data: bytes, tmp: Path, name: str = "x.strive") -> importer.ImportResult:
    f = tmp / name
    f.write_bytes(data)
    return importer.import_file(hq, f)


def test_fingerprint_is_readable_over_the_phone(hq_store: Store) -> None:
    fp = keys.load_identity(hq_store).fingerprint
    groups = fp.split("-")
    assert len(groups) == 4 and all(len(g) == 4 and g.isalnum() and g.isupper() or g.isdigit() for g in groups)


def test_keys_are_made_at_init(store: Store) -> None:
    ident = keys.load_identity(store)
    again = keys.load_identity(store)
    assert ident.fingerprint == again.fingerprint


def test_field_needs_the_hq_key_before_export(store: Store) -> None:
    person(store, "Asel Toktogulova")
    with pytest.raises(UserError, match="headquarters key"):
        export.export_changes(store)


def test_hq_key_file_round_trip_shows_the_same_fingerprint(store: Store, hq_store: Store, tmp_path: Path) -> None:
    f = keys.export_hq_key(hq_store, tmp_path)
    assert keys.import_hq_key(store, f) == keys.load_identity(hq_store).fingerprint
    bad = tmp_path / "bad.strivekey"
    bad.write_text("hello")
    with pytest.raises(UserError, match="not a headquarters key file"):
        keys.import_hq_key(store, bad)


def test_package_from_unaccepted_installation_waits(store: Store, hq_store: Store, tmp_path: Path) -> None:
    keys.import_hq_key(store, keys.export_hq_key(hq_store, tmp_path))
    pkg = _field_package(store)
    before = maintenance.dump(hq_store)
    res = importer.import_file(hq_store, pkg)
    assert res.status == "waiting" and "not been accepted" in res.message
    assert maintenance.dump(hq_store) == before
    peers = keys.list_peers(hq_store)
    assert [p.fingerprint for p in peers] == [keys.load_identity(store).fingerprint]
    keys.accept_installation(hq_store, "Nookat office")
    out = importer.apply_waiting(hq_store)
    assert out[0].status == "applied" and out[0].added == 1
    assert importer.import_file(hq_store, pkg).status == "already"


def test_replayed_package_is_harmless(linked: tuple[Store, Store]) -> None:
    field, hq = linked
    pkg = _field_package(field)
    first = importer.import_file(hq, pkg)
    assert first.added == 1
    dump = maintenance.dump(hq)
    again = importer.import_file(hq, pkg)
    assert again.status == "already" and again.added == again.updated == 0
    assert maintenance.dump(hq) == dump


@pytest.mark.parametrize("where", [0, 5, 20, 200, -300, -40, -1])
def test_one_flipped_byte_anywhere_is_refused(linked: tuple[Store, Store], tmp_path: Path, where: int) -> None:
    field, hq = linked
    data = bytearray(_field_package(field).read_bytes())
    data[where] ^= 0x01
    before = maintenance.dump(hq)
    res = _import_bytes(hq, bytes(data), tmp_path)
    assert res.status == "rejected"
    assert any(w in res.message for w in ("damaged", "not a STRIVE", "altered", "newer version")), res.message
    assert maintenance.dump(hq) == before


def test_every_flipped_byte_in_a_small_sample_is_refused(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    raw = _field_package(field).read_bytes()
    me = keys.load_identity(hq)
    for where in range(0, len(raw), max(1, len(raw) // 97)):
        data = bytearray(raw)
        data[where] ^= 0x80
        with pytest.raises(UserError):
            package.open_package(bytes(data), "x", me, keys.load_identity(field).sign_pub, True)


def test_truncated_file_is_refused(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    data = _field_package(field).read_bytes()
    for cut in (len(data) - 1, len(data) // 2, 30, 3):
        res = _import_bytes(hq, data[:cut], tmp_path)
        assert res.status == "rejected"
        assert "cut short" in res.message or "not a STRIVE" in res.message, res.message


def test_package_for_another_recipient_is_refused(linked: tuple[Store, Store], tmp_path: Path,
                                                 kochkor_store: Store) -> None:
    field, hq = linked
    pkg = _field_package(field)
    # Kochkor is not headquarters: the package is not sealed for it
    keys.import_hq_key(kochkor_store, keys.export_hq_key(hq, tmp_path / "k.strivekey"))
    res = importer.import_file(kochkor_store, pkg)
    assert res.status == "rejected" and "meant for another installation (Bishkek HQ)" in res.message


def test_package_signed_with_another_key_is_refused(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    pkg = _field_package(field)
    with field.uow() as s:  # the field's keys are replaced (a stolen name, a different key)
        from strive_desktop.storage.sync_models import SyncKey
        for k in s.query(SyncKey):
            s.delete(k)
    keys.ensure_keys(field)
    person(field, "Second Person")
    forged = export.export_changes(field).path
    res = importer.import_file(hq, forged)
    assert res.status == "rejected" and "different key" in res.message
    assert importer.import_file(hq, pkg).status == "applied"


def test_package_from_a_newer_app_is_refused(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    data = _reseal(field, hq, b"whatever", format=2)
    res = _import_bytes(hq, data, tmp_path)
    assert res.status == "rejected" and "newer version" in res.message
    zb = package.build_zip({"format": 1, "schema": "0099_future", "package_id": "11111111-2222-3333-4444-555555555555",
                            "kind": "changes", "range": [1, 1], "sender": keys.load_identity(field).installation_id},
                           {})
    res = _import_bytes(hq, _reseal(field, hq, zb), tmp_path)
    assert res.status == "rejected" and "newer version" in res.message and "0099_future" in res.message


def _zip(entries: dict[str, bytes], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compress) as zf:
        for n, d in entries.items():
            zf.writestr(n, d)
    return buf.getvalue()


def test_entry_escaping_its_folder_is_refused(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    for evil in ("../../evil.txt", "/etc/passwd", "attachments/../../x", "records\\..\\x.jsonl", "C:/x"):
        res = _import_bytes(hq, _reseal(field, hq, _zip({"manifest.json": b"{}", evil: b"x"})), tmp_path)
        assert res.status == "rejected" and "outside the allowed names" in res.message, (evil, res.message)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_bomb_is_refused_without_inflating_it(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf, \
            zf.open("records/people.jsonl", "w", force_zip64=True) as fh:
        chunk = b"\0" * (1 << 20)
        for _ in range(300):  # 300 MB of zeros, about 300 KB compressed
            fh.write(chunk)
    bomb = buf.getvalue()
    assert len(bomb) < 2_000_000
    res = _import_bytes(hq, _reseal(field, hq, bomb), tmp_path)
    assert res.status == "rejected" and "zip bomb" in res.message


def test_declared_gigabytes_are_refused(linked: tuple[Store, Store], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    field, hq = linked
    monkeypatch.setattr(package, "MAX_TOTAL", 1000)  # same check as for 2 GiB, without writing them
    zb = _zip({"manifest.json": b"{}", "records/people.jsonl": b"x" * 2000})
    res = _import_bytes(hq, _reseal(field, hq, zb), tmp_path)
    assert res.status == "rejected" and "zip bomb" in res.message


def test_not_a_package_at_all(hq_store: Store, tmp_path: Path) -> None:
    for content in (b"", b"PK\x03\x04 a zip file", "Привет".encode(), b"STRIVEPK"):
        res = _import_bytes(hq_store, content, tmp_path)
        assert res.status == "rejected"
        assert "not a STRIVE sync package" in res.message or "cut short" in res.message


def test_manifest_hash_mismatch_is_refused(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    man = {"format": 1, "schema": "0003_sync", "package_id": "11111111-2222-3333-4444-555555555555",
           "kind": "changes", "range": [1, 1], "sender": keys.load_identity(field).installation_id,
           "entries": {"records/people.jsonl": {"sha256": "0" * 64, "size": 2}}}
    zb = _zip({"manifest.json": json.dumps(man).encode(), "records/people.jsonl": b"{}"})
    res = _import_bytes(hq, _reseal(field, hq, zb), tmp_path)
    assert res.status == "rejected" and "does not match its hash" in res.message
    ru, ky = (res.summary().render(translator(lang)) for lang in ("ru", "ky"))
    assert ru == "x.strive повреждён: хеш файла records/people.jsonl не совпадает"
    assert ky == "x.strive бузулган: records/people.jsonl файлынын хеши дал келбейт"


def test_a_damaged_manifest_is_refused_in_the_readers_language(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, hq = linked
    for entries, en, ru, ky in (
            ({"records/people.jsonl": b"{}"}, "there is no manifest", "в нём нет манифеста", "анда манифест жок"),
            ({"manifest.json": b"[not json"}, "the manifest is not readable", "манифест не читается",
             "манифест окулбайт")):
        res = _import_bytes(hq, _reseal(field, hq, _zip(entries)), tmp_path)
        assert res.status == "rejected" and res.message == f"x.strive is damaged: {en}"
        assert res.summary().render(translator("ru")) == f"x.strive повреждён: {ru}"
        assert res.summary().render(translator("ky")) == f"x.strive бузулган: {ky}"


def test_key_backup_and_restore(hq_store: Store, tmp_path: Path, data_dir: Path) -> None:
    fp = keys.load_identity(hq_store).fingerprint
    f = keys.backup_keys(hq_store, tmp_path / "hq.keybackup", "correct horse battery")
    assert b"PRIVATE" not in f.read_bytes() and fp in f.read_text()
    from strive_desktop.storage.db import open_store

    new = open_store(tmp_path / "newhq")
    try:
        installation.init_installation(new, name="Bishkek HQ (new PC)", hq=True)
        with pytest.raises(UserError, match="Wrong passphrase"):
            keys.restore_keys(new, f, "wrong passphrase")
        assert keys.restore_keys(new, f, "correct horse battery") == fp
        assert keys.load_identity(new).fingerprint == fp
    finally:
        new.close()
    with pytest.raises(UserError, match="at least 8"):
        keys.backup_keys(hq_store, tmp_path / "x", "short")


def test_restored_hq_key_opens_packages_sealed_for_the_old_computer(linked: tuple[Store, Store],
                                                                    tmp_path: Path) -> None:
    field, hq = linked
    pkg = _field_package(field)
    f = keys.backup_keys(hq, tmp_path / "hq.keybackup", "correct horse battery")
    from strive_desktop.storage.db import open_store

    new = open_store(tmp_path / "newhq")
    try:
        installation.init_installation(new, name="Bishkek HQ (new PC)", hq=True)
        keys.restore_keys(new, f, "correct horse battery")
        res = importer.import_file(new, pkg)
        assert res.status == "waiting"  # the new computer has not accepted the office yet
        keys.accept_installation(new, "Nookat office")
        assert importer.apply_waiting(new)[0].status == "applied"
    finally:
        new.close()


def test_field_refuses_a_package_from_an_unknown_headquarters(linked: tuple[Store, Store], tmp_path: Path) -> None:
    field, _hq = linked
    from strive_desktop.storage.db import open_store

    other = open_store(tmp_path / "other-hq")
    try:
        installation.init_installation(other, name="Somebody else's HQ", hq=True)
        me = keys.load_identity(other)
        f = keys.load_identity(field)
        header = {"package_id": "11111111-2222-3333-4444-555555555555", "kind": "return", "range": [1, 1]}
        zb = package.build_zip({"format": 1, "schema": "0003_sync", "sender": me.installation_id, **header}, {})
        data = package.seal(me, {"id": f.installation_id, "name": f.name, "box_pub": f.box_pub}, header, zb)
        before = maintenance.dump(field)
        res = _import_bytes(field, data, tmp_path)
        assert res.status == "rejected"
        assert "Somebody else's HQ, which is not this installation's headquarters" in res.message
        assert maintenance.dump(field) == before
    finally:
        other.close()


@pytest.mark.parametrize("bad", [{"recipient": "HQ"}, {"range": ["a", 2]}, {"package_id": "../../evil"},
                                 {"sender": ["x"]}, {"kind": 5}])
def test_signed_but_malformed_header_is_refused_plainly(linked: tuple[Store, Store], tmp_path: Path,
                                                        bad: dict) -> None:
    """A file can be signed by any key it names: its fields must still be checked, not trusted."""
    field, hq = linked
    me = keys.load_identity(field)
    header = {"format": 1, "package_id": "11111111-2222-3333-4444-555555555555", "kind": "changes", "range": [1, 1],
              "sender": {"id": me.installation_id, "name": me.name, "sign_pub": keys.b64(me.sign_pub),
                         "box_pub": keys.b64(me.box_pub)},
              "recipient": {"box_fp": keys.box_fingerprint(keys.load_identity(hq).box_pub)}, "seal": {}}
    header.update(bad)
    if "sender" in bad:
        header["sender"] = {"id": ["x"], "sign_pub": keys.b64(me.sign_pub)}
    hbytes = json.dumps(header).encode()
    import hashlib
    import struct

    body = b"\0" * 40
    out = package.MAGIC + struct.pack(">I", len(hbytes)) + hbytes + struct.pack(">Q", len(body)) + body
    data = out + me.sign_key.sign(package.SIG_CONTEXT + hashlib.sha256(out).digest())
    res = _import_bytes(hq, data, tmp_path)
    assert res.status == "rejected" and "header is not readable" in res.message, res.message
