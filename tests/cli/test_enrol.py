"""``invite`` at headquarters and ``init --invite`` at the office: the first package is accepted
without ``keys accept``; ``revoke`` stops it again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strive_desktop.cli import main

from .conftest import spelled  # type: ignore[import-not-found]


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_invite_init_export_import_without_a_phone_call(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hq, office, stick = tmp_path / "hq", tmp_path / "office", tmp_path / "stick"
    assert run(capsys, "--data-dir", hq, "init", "--name", "Bishkek HQ", "--hq")[0] == 0
    code, out, err = run(capsys, "--data-dir", hq, "invite", "--community", "Кочкор", "--out", tmp_path / "k.striveinvite")
    assert code == 0, err
    assert "Invitation written to" in out
    code, out, err = run(capsys, "--data-dir", office, "init", "--invite", tmp_path / "k.striveinvite",
                         "--name", "Kochkor office", "--user", "Bakyt")
    assert code == 0, err
    assert "(Kochkor) set up" in out and "by invitation" in out
    from strive_desktop.services import rosters
    from strive_desktop.storage.db import open_store
    from strive_desktop.storage.seed import community_id

    st = open_store(office)
    try:
        rosters.add_person(st, rosters.PersonInput("Нурлан Сатыбалдиев", "m", "youth", community_id("kochkor")))
    finally:
        st.close()
    assert run(capsys, "--data-dir", office, "export", "--out", stick)[0] == 0
    code, out, _ = run(capsys, "--data-dir", hq, "import", "--inbox", stick)
    assert code == 0 and "1 added" in out
    out = run(capsys, "--data-dir", hq, "sync-status")[1]
    assert "Kochkor office [accepted]" in out
    assert "invitation for Kochkor" in out and "used by" in out
    code, out, _ = run(capsys, "--data-dir", hq, "revoke", "Kochkor office")
    assert code == 0 and "no longer accepted" in out
    assert "Kochkor office [revoked]" in run(capsys, "--data-dir", hq, "sync-status")[1]


def test_init_with_a_broken_invitation_sets_nothing_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.striveinvite"
    bad.write_text("{}", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", tmp_path / "office", "init", "--invite", bad, "--name", "X")
    assert code == 1 and "is not a STRIVE invitation file" in err
    code, _, err = run(capsys, "--data-dir", tmp_path / "office", "sync-status")
    assert code == 1 and "not set up" in err


def test_invite_and_revoke_speak_kyrgyz_and_russian(linked, tmp_path: Path, cli_run) -> None:
    field, hq = linked
    field.close()
    hq.close()
    code, out, err = cli_run(tmp_path / "hq", "--lang", "ky", "invite", "--community", "Кочкор",
                             "--out", tmp_path / "k.striveinvite")
    assert code == 0, err
    assert out.startswith(f"Чакыруу {tmp_path / 'k.striveinvite'} файлына жазылды, ") and "башкы кеңсенин манжа изи:" in out
    code, out, err = cli_run(tmp_path / "hq", "--lang", "ru", "revoke", "Nookat office")
    assert code == 0, err
    assert out.strip() == ("Nookat office больше не принимается; её пакеты будут ждать, пока её снова не "
                           "примут.")


def test_an_invitations_dates_are_written_the_languages_way(tmp_path: Path, cli_run,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from strive_desktop.sync import enrol

    hq, invite = tmp_path / "hq", tmp_path / "k.striveinvite"
    assert cli_run(hq, "init", "--name", "Bishkek HQ", "--hq")[0] == 0
    code, out, err = cli_run(hq, "--lang", "ru", "invite", "--community", "Кочкор", "--out", invite, "--days", "1")
    assert code == 0, err
    day = enrol.read_invitation(invite).expires_at.date()
    numeric, english = spelled(day)
    assert f", действительно до {numeric}. " in out and day.isoformat() not in out
    code, out, err = cli_run(hq, "--lang", "ky", "sync-status")
    assert code == 0, err
    line = next(x for x in out.splitlines() if "Kochkor" in x)
    assert numeric in line and day.isoformat() not in line
    code, out, err = cli_run(hq, "--lang", "en", "sync-status")
    assert f"valid until {english}: not used yet" in out
    # the refusal of an expired invitation (a service's message) carries its date the same way
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=3)
    monkeypatch.setattr(enrol, "utcnow", lambda: later)
    code, _, err = cli_run(tmp_path / "office", "--lang", "ru", "init", "--invite", invite, "--name", "Kochkor office")
    assert code == 1 and f"Срок этого приглашения истёк {numeric}." in err and day.isoformat() not in err
    code, _, err = cli_run(tmp_path / "office", "--lang", "en", "init", "--invite", invite, "--name", "Kochkor office")
    assert code == 1 and f"This invitation expired on {english}." in err
