"""The command line speaks Kyrgyz and Russian with ``--lang``: help, usage, argparse's own
words and error messages come from the one catalog of texts (context "cli")."""

from __future__ import annotations

import argparse
import gettext
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from strive_desktop import cli
from strive_desktop.cli.language import requested_language

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # --help and argparse's errors exit
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, " ".join(out.split()), " ".join(err.split())


def test_help_in_kyrgyz(capsys):
    code, out, _ = run(capsys, "--lang", "ky", "--help")
    assert code == 0
    assert out.startswith("колдонуу: strive-desktop")
    for words in ("позициялык аргументтер:", "параметрлер:", "ушул жардамды көрсөтүп, чыгуу",
                  "бул орнотууга ат берип, аны жамаатка байлоо (же --hq)",  # the init command
                  "интерфейстин тили (ката билдирүүлөрүнүкү да)"):
        assert words in out, words
    assert "usage" not in out and "show this help" not in out and "options:" not in out


def test_a_commands_help_in_kyrgyz_and_russian(capsys):
    _, ky, _ = run(capsys, "--lang", "ky", "export", "--help")
    assert ky.startswith("колдонуу: strive-desktop export")
    assert "акыркы экспорттон бери болгон өзгөртүүлөр гана эмес, баары" in ky and "параметрлер:" in ky
    _, ru, _ = run(capsys, "--lang=ru", "export", "--help")
    assert ru.startswith("использование: strive-desktop export")
    assert "показать эту справку и выйти" in ru and "всё, а не только изменения с последнего экспорта" in ru


def test_english_help_is_unchanged_and_a_documents_lang_is_not_the_interfaces(capsys):
    _, en, _ = run(capsys, "export", "--help")
    assert en.startswith("usage: strive-desktop export") and "show this help message and exit" in en
    # --lang after the command is the PDF's language, not the interface's
    _, doc, _ = run(capsys, "plan-pdf", "--lang", "ky", "--help")
    assert doc.startswith("usage: strive-desktop plan-pdf") and "plan id" in doc
    assert requested_language(["--data-dir", "x", "--lang", "ru", "summary"]) == "ru"
    assert requested_language(["summary", "--lang", "ky"]) is None


def test_argparse_errors_in_kyrgyz_and_russian(capsys):
    code, _, err = run(capsys, "--lang", "ky", "plan-pdf")
    assert code == 2
    assert "strive-desktop plan-pdf: ката: төмөнкү аргументтер милдеттүү: --plan, --out" in err
    assert err.startswith("колдонуу: ")
    _, _, err = run(capsys, "--lang", "ru", "summary", "--community")
    assert "ошибка: аргумент --community: ожидается одно значение" in err
    _, _, err = run(capsys, "--lang", "ky", "no-such-command")
    assert "туура эмес тандоо: 'no-such-command'" in err
    assert argparse._ is gettext.gettext  # argparse's words are put back after parsing


def test_a_command_error_in_kyrgyz(capsys, tmp_path):
    code, _, err = run(capsys, "--lang", "ky", "--data-dir", str(tmp_path), "verify-certificate")
    assert code == cli.EXIT_USER_ERROR
    assert err.startswith("ката: ") and "QR" in err
    assert "Give the serial" not in err
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "verify-certificate")
    assert err.startswith("error: Give the serial and the code")


def test_a_wrong_date_and_a_missing_folder_in_russian_and_kyrgyz(capsys, tmp_path):
    code, _, err = run(capsys, "--lang", "ru", "summary", "--out", str(tmp_path / "s.pdf"), "--from", "2026-13-01")
    assert code == 2
    assert err.endswith("ошибка: аргумент --from: не дата (ГГГГ-ММ-ДД): 2026-13-01")
    code, _, err = run(capsys, "--lang", "ky", "--data-dir", str(tmp_path / "nothing"), "keys", "show")
    assert code == cli.EXIT_USAGE
    assert err.startswith("ката: ") and "STRIVE маалыматтар папкасы жок" in err


def _update_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_translations_cli",
                                                  ROOT / "resources/translations/update.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CLI_TEXTS: list[str] = _update_script().cli_strings()
PLACEHOLDER = re.compile(r"%\(\w+\)[sr]|%s|\{\w+\}")


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_command_line_text_has_a_finished_translation(lang):
    assert len(CLI_TEXTS) >= 80 and "show this help message and exit" in CLI_TEXTS
    root = ET.parse(ROOT / "resources" / "translations" / f"strive_{lang}.ts").getroot()
    ts = {m.findtext("source"): m.find("translation") for ctx in root.iter("context")
          if ctx.findtext("name") == "cli" for m in ctx.iter("message")}
    missing = [text for text in CLI_TEXTS if text not in ts]
    unfinished = [text for text in CLI_TEXTS if text in ts
                  and (ts[text].get("type") == "unfinished" or not (ts[text].text or "").strip())]
    lost = [text for text in CLI_TEXTS if text in ts
            and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(ts[text].text or ""))]
    assert (missing, unfinished, lost) == ([], [], [])


@pytest.mark.parametrize(("lang", "hours", "share"), [("ru", "9,6", "80\u00a0%"), ("ky", "9,6", "80\u00a0%"),
                                                      ("en", "9.6", "80%")])
def test_numbers_and_percentages_in_a_message_are_written_the_languages_way(tmp_path, lang, hours, share):
    """A service's message printed by the command line writes its numbers as the window does."""
    from strive_desktop.i18n import N_, Message, Number, Percent

    msg = Message(N_("Attended {attended} of {total} hours ({rate}); the rule asks for {need} hours ({share})."),
                  attended=Number(9.6), total=Number(12), rate=Percent(80), need=Number(9.6), share=Percent(80))
    text = cli.render(msg, lang, tmp_path)
    assert f"{hours} " in text and f"({share})" in text
    assert "12" in text and (lang == "en" or "9.6" not in text)
