"""The recovery file's cryptography (storage/recovery.py): the one-time code opens it, a wrong
code, a changed or expired file, or another kind of file does not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from strive_desktop.catalog import translator
from strive_desktop.formatting import fmt_date
from strive_desktop.storage.recovery import (
    RecoveryRefused,
    make_recovery_file,
    normalise_code,
    open_recovery_file,
    read_recovery_file,
)


def test_wrong_code_expired_file_and_other_files_are_refused(tmp_path: Path) -> None:
    key = bytes(range(32))
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    doc, code = make_recovery_file(key, "inst-1", "Nookat office", days=3, now=now)
    rf = read_recovery_file(json.dumps(doc).encode())
    assert open_recovery_file(rf, code, now=now + dt.timedelta(days=2)) == key
    with pytest.raises(RecoveryRefused, match="does not fit"):
        open_recovery_file(rf, "AAAA-BBBB-CCCC-DDDD-EEEE", now=now)
    with pytest.raises(RecoveryRefused, match="expired on Dec 4, 2026"):
        open_recovery_file(rf, code, now=now + dt.timedelta(days=4))
    with pytest.raises(RecoveryRefused, match="Enter the recovery code"):
        open_recovery_file(rf, " - ", now=now)
    for junk in (b"", b"{}", b"\xff\xfe", json.dumps({**doc, "format": "strive-key-backup-1"}).encode(),
                 b"x" * 30_000):
        with pytest.raises(RecoveryRefused, match="not a STRIVE recovery file"):
            read_recovery_file(junk)


def test_the_expiry_is_written_the_readers_way() -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    doc, code = make_recovery_file(bytes(32), "inst-1", "Nookat office", days=3, now=now)
    with pytest.raises(RecoveryRefused) as err:
        open_recovery_file(read_recovery_file(json.dumps(doc).encode()), code, now=now + dt.timedelta(days=4))

    def shown(lang: str) -> str:
        return err.value.render(translator(lang), date=lambda d: fmt_date(d, lang))

    assert shown("ru").startswith("Срок действия этого файла восстановления истёк 04.12.2026.")
    assert "04.12.2026" in shown("ky") and "2026-12-04" not in shown("ky")
    assert shown("en") == "This recovery file expired on Dec 4, 2026. Ask headquarters for a new one."


def test_the_code_is_100_random_bits_that_survive_being_read_out() -> None:
    key = bytes(32)
    doc, code = make_recovery_file(key, "inst-1", "Nookat office")
    assert len(normalise_code(code)) == 20 and code.count("-") == 4
    assert normalise_code(code.lower().replace("-", "  ")) == normalise_code(code)
    other = make_recovery_file(key, "inst-1", "Nookat office")
    assert other[1] != code and other[0]["ciphertext"] != doc["ciphertext"]
