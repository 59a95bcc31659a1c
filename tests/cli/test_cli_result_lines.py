"""The lines a command prints when it has done its work ("Attendance sheet written to ...",
"No packages found.") are in the interface language of ``--lang``, like the help and the errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from strive_desktop import cli
from strive_desktop.storage.db import Store


def _cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str]:
    code = cli.main(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return code, out.out


def test_pdf_commands_say_where_they_wrote_in_russian_or_english(capsys, store: Store, data_dir: Path,
                                                               nookat_training: str, tmp_path: Path) -> None:
    store.close()  # the command line opens the folder itself
    sheet = tmp_path / "лист.pdf"
    _, out = _cli(capsys, data_dir, "--lang", "ru", "attendance-sheet", "--training", nookat_training,
                  "--out", str(sheet))
    assert out.strip() == f"Лист посещаемости записан в {sheet}"
    assert sheet.stat().st_size > 0
    each = tmp_path / "каждому"
    _, out = _cli(capsys, data_dir, "--lang", "ru", "certificates", "--training", nookat_training,
                  "--per-person", str(each))
    assert out.strip() == f"Сертификатов записано в {each}: 4"  # one of the five is below the rule
    assert len(list(each.glob("*.pdf"))) == 4
    _, out = _cli(capsys, data_dir, "attendance-sheet", "--training", nookat_training, "--out", str(sheet))
    assert out.strip() == f"Attendance sheet written to {sheet}"


def test_an_empty_inbox_is_said_in_kyrgyz(capsys, store: Store, data_dir: Path, tmp_path: Path) -> None:
    store.close()
    inbox = tmp_path / "флешка"
    inbox.mkdir()
    _, out = _cli(capsys, data_dir, "--lang", "ky", "import", "--inbox", str(inbox))
    assert out.strip() == "Пакеттер табылган жок."
