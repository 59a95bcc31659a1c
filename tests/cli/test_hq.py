"""``migrate-hq`` (cli/hq.py) says what it moved in the interface language."""

from __future__ import annotations

from pathlib import Path


def test_migrate_hq_says_what_it_moved_in_russian(tmp_path: Path, pg_url: str, cli_run) -> None:
    hq = tmp_path / "hq"
    assert cli_run(hq, "init", "--name", "Bishkek HQ", "--hq")[0] == 0
    code, out, err = cli_run(hq, "--lang", "ru", "migrate-hq", "--to", pg_url)
    assert code == 0, err
    assert out.splitlines()[-1].startswith("Перенесено строк в ")
    assert "Эта папка данных теперь использует ту базу данных (settings.json)" in out
