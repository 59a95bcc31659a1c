#!/usr/bin/env python3
"""Refresh strive_ru.ts / strive_ky.ts from the sources, then compile them to .qm.

    .venv/bin/python resources/translations/update.py            # lupdate + lrelease
    .venv/bin/python resources/translations/update.py --release  # only lrelease (.ts -> .qm)

Two kinds of strings are collected (see README.md in this folder):

* GUI strings: ``self.tr("...")``, ``QCoreApplication.translate("Context", "...")`` and
  ``QT_TRANSLATE_NOOP`` in strive_desktop/gui, and the Designer forms ui/*.ui, found by
  pyside6-lupdate itself;
* service-layer messages: ``N_("...")`` anywhere else in strive_desktop (domain, services,
  storage, sync...). lupdate does not know ``N_``, so they are extracted here with ``ast`` and
  handed to lupdate as a generated file of ``QT_TRANSLATE_NOOP("strive", "...")`` lines: the
  context "strive" is what :mod:`strive_desktop.i18n` translates them in;
* the words printed on the PDFs: ``t(lang, "...")`` and ``W_("...")`` in strive_desktop/pdf,
  extracted the same way into the context "pdf" (strive_desktop/catalog.py reads them);
* the command line's help: ``help=``/``description=`` literals and ``C_("...")`` in
  strive_desktop/cli, into the context "cli" (strive_desktop/cli/language.py).

Existing translations are kept by lupdate; strings that disappeared from the code are dropped
(``-no-obsolete``). Source locations are not written, so moving code does not churn the files.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PACKAGE = ROOT / "strive_desktop"
LANGS = ("ru", "ky")
CONTEXT = "strive"
PDF = "pdf"
CLI = "cli"


def tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else name


def n_strings(root: Path = PACKAGE) -> list[str]:
    """Every literal passed to ``N_(...)`` under *root*, in first-seen order."""
    found: dict[str, None] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, None)
    return list(found)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def pdf_strings(root: Path = PACKAGE / "pdf") -> list[tuple[str, str | None]]:
    """The words printed on the PDFs, as (English text, disambiguation or None): the literal
    second argument of every ``t(lang, "...")`` call (and its literal third one, the
    disambiguation) and every ``W_("...")`` under strive_desktop/pdf, in first-seen order."""
    found: dict[tuple[str, str | None], None] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id == "W_" and node.args and (text := _literal(node.args[0])) is not None:
                found.setdefault((text, None), None)
            elif node.func.id == "t" and len(node.args) >= 2 and (text := _literal(node.args[1])) is not None:
                note = _literal(node.args[2]) if len(node.args) >= 3 else None
                found.setdefault((text, note), None)
    return list(found)


def cli_strings(root: Path = PACKAGE / "cli") -> list[str]:
    """The command line's texts: every literal ``help=``, ``description=`` and ``epilog=`` of
    the commands (argparse) and every ``C_("...")`` under strive_desktop/cli."""
    found: dict[str, None] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for kw in node.keywords:
                if kw.arg in ("help", "description", "epilog") and (text := _literal(kw.value)) is not None:
                    found.setdefault(text, None)
            if isinstance(node.func, ast.Name) and node.func.id == "C_" and node.args \
                    and (text := _literal(node.args[0])) is not None:
                found.setdefault(text, None)
    return list(found)


def catalog_lines() -> list[str]:
    """The strings that are not in the GUI's sources, as lines lupdate reads: service messages
    (context "strive"), PDF words (context "pdf") and the command line's texts ("cli")."""
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication", ""]
    lines += [f"QT_TRANSLATE_NOOP({CONTEXT!r}, {text!r})" for text in n_strings()]
    lines += [f"QCoreApplication.translate({PDF!r}, {text!r}" + (f", {note!r})" if note else ")")
              for text, note in pdf_strings()]
    lines += [f"QT_TRANSLATE_NOOP({CLI!r}, {text!r})" for text in cli_strings()]
    return lines


def gui_sources() -> list[Path]:
    return sorted(p for p in (PACKAGE / "gui").rglob("*.py") if "__pycache__" not in p.parts)


def update() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        noop = Path(tmp) / "service_messages.py"
        noop.write_text("\n".join(catalog_lines()) + "\n", encoding="utf-8")
        # The Designer forms are read from ui/*.ui: lupdate skips the u"..." literals that
        # pyside6-uic writes into the compiled gui/forms/*.py and gui/pages/forms/*.py.
        forms = sorted(str(p) for p in (ROOT / "ui").rglob("*.ui"))  # ui/pages/ too
        files = [str(p) for p in gui_sources()] + forms + [str(noop)]
        ts = [str(HERE / f"strive_{lang}.ts") for lang in LANGS]
        subprocess.run([tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", *files, "-ts", *ts],
                       check=True)
        # English needs only the plural forms ("1 person", "5 people"): the English source
        # text is shown as is otherwise, and would read "5 person(s)".
        english = HERE / "strive_en.ts"
        subprocess.run([tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete", "-pluralonly",
                        "-source-language", "en", "-target-language", "en", *files, "-ts", str(english)],
                       check=True)
        fill_english_plurals(english)


def english_plurals(source: str) -> tuple[str, str]:
    """Singular and plural of an English source text written with "(s)": "%n person(s)" ->
    ("%n person", "%n people"). A first version only: a text whose verb changes too
    ("%n record(s) wait") is corrected by hand in strive_en.ts, and lupdate keeps that."""
    singular = source.replace("person(s)", "person").replace("(s)", "")
    plural = source.replace("person(s)", "people").replace("(s)", "s")
    # %Ln: the count with the language's digit grouping ("100,000 people", "100 000 адам").
    return singular.replace("%n", "%Ln"), plural.replace("%n", "%Ln")


def fill_english_plurals(ts: Path) -> None:
    """Give every unfinished plural message of *ts* its English forms (from the source)."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    changed = False
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        for form in list(translation):
            translation.remove(form)
        for text in english_plurals(source):
            ET.SubElement(translation, "numerusform").text = text
        del translation.attrib["type"]
        changed = True
    if changed:
        ET.indent(tree)
        tree.write(ts, encoding="utf-8", xml_declaration=True)


def release() -> None:
    # qtbase_<lang>.ts (hand-written) covers Qt's own buttons and menus where Qt ships no
    # translation (Kyrgyz); lupdate never touches it.
    sources = [HERE / f"strive_{lang}.ts" for lang in (*LANGS, "en")] + sorted(HERE.glob("qtbase_*.ts"))
    for ts in sources:
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)


def main(argv: list[str]) -> int:
    if "--release" not in argv:
        update()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
