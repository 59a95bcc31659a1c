"""The password questions of the command line (cli/login.py) are asked in the interface language."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("lang", "first", "again", "later"), [
    ("ky", "admin үчүн жаңы сырсөз: ", "Сырсөздү кайталаңыз: ", "admin сырсөзү: "),
    ("ru", "Новый пароль для admin: ", "Повторите пароль: ", "Пароль для admin: "),
])
def test_the_password_is_asked_in_the_interface_language(lang: str, first: str, again: str, later: str,
                                                        tmp_path: Path, cli_run, monkeypatch) -> None:
    asked: list[str] = []

    def getpass(prompt: str = "") -> str:
        asked.append(prompt)
        return "typed-password-1"

    monkeypatch.delenv("STRIVE_PASSWORD", raising=False)
    monkeypatch.delenv("STRIVE_USER", raising=False)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", getpass)
    data = tmp_path / "office"
    code, _, err = cli_run(data, "--lang", lang, "init", "--name", "Nookat office", "--community", "nookat")
    assert code == 0, err
    assert asked == [first, again]
    code, _, err = cli_run(data, "--lang", lang, "check")
    assert code == 0, err
    assert asked[2:] == [later]
