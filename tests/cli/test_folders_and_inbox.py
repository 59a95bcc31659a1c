"""Issue 16, problems 12 and 14: read-only commands on a mistyped --data-dir create nothing; a
shared stick's packages for other offices are skipped by ``import --inbox``, not failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from strive_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("command", [("sync-status",), ("keys", "show"), ("conflicts",), ("export",),
                                     ("import", "--inbox", "."), ("keys", "export-hq", "k.strivekey")])
def test_a_mistyped_data_folder_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                command: tuple[str, ...]) -> None:
    typo = tmp_path / "strve-data"
    code, out, err = run(capsys, "--data-dir", typo, *command)
    assert code == 2
    assert f"No STRIVE data folder at {typo}" in err
    assert not typo.exists()
    assert "No open conflicts" not in out


def test_a_set_up_folder_still_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "office"
    assert run(capsys, "--data-dir", folder, "init", "--name", "Nookat office", "--community", "Nookat")[0] == 0
    code, out, _ = run(capsys, "--data-dir", folder, "conflicts")
    assert code == 0 and "No open conflicts." in out


def test_the_inbox_skips_packages_meant_for_other_offices(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    hq, nookat, kochkor, stick = tmp_path / "hq", tmp_path / "nookat", tmp_path / "kochkor", tmp_path / "stick"
    assert run(capsys, "--data-dir", hq, "init", "--name", "Bishkek HQ", "--hq")[0] == 0
    run(capsys, "--data-dir", hq, "keys", "export-hq", tmp_path / "hq.strivekey")
    for folder, name, community in ((nookat, "Nookat office", "Nookat"), (kochkor, "Kochkor office", "Kochkor")):
        assert run(capsys, "--data-dir", folder, "init", "--name", name, "--community", community)[0] == 0
        assert run(capsys, "--data-dir", folder, "keys", "import-hq", tmp_path / "hq.strivekey")[0] == 0
        from strive_desktop.services import rosters
        from strive_desktop.services.installation import get_installation
        from strive_desktop.storage.db import open_store

        st = open_store(folder)
        try:
            info = get_installation(st)
            rosters.add_person(st, rosters.PersonInput("Айгүл Асанова", "f", "youth", info.community_id))
        finally:
            st.close()
        assert run(capsys, "--data-dir", folder, "export", "--out", stick)[0] == 0
        assert run(capsys, "--data-dir", hq, "import", "--inbox", stick)[0] == 0
        assert run(capsys, "--data-dir", hq, "keys", "accept", name)[0] == 0
    # headquarters writes a return package for each office onto the same stick
    assert run(capsys, "--data-dir", hq, "export", "--out", stick)[0] == 0
    returns = sorted(p.name for p in stick.glob("*-hq-*.strive"))
    assert len(returns) == 2
    # (Kochkor's own package, which waited for acceptance at headquarters, is on the stick too)
    others = {p.name for p in stick.glob("*.strive")} - set(returns)
    code, out, err = run(capsys, "--data-dir", nookat, "import", "--inbox", stick)
    assert code == 0, err
    assert "meant for another installation; it was left in the folder" in out
    assert "from Bishkek HQ" in out
    assert out.count("meant for another installation") == 1 + len(others)
    # Kochkor's return package is still on the stick for Kochkor, who imports it in turn
    assert {p.name for p in stick.glob("*.strive")} == others | {r for r in returns if r.startswith("kochkor")}
    code, out, _ = run(capsys, "--data-dir", kochkor, "import", "--inbox", stick)
    assert code == 0 and "from Bishkek HQ" in out
    # a real failure still counts
    (stick / "broken.strive").write_bytes(b"STRIVEPK broken")
    assert run(capsys, "--data-dir", kochkor, "import", "--inbox", stick)[0] == 1
