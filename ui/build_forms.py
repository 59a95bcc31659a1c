#!/usr/bin/env python3
"""Compile every ui/*.ui (Qt Designer) into strive_desktop/gui/forms/<name>_ui.py, and every
ui/pages/*.ui (the pages' layouts) into strive_desktop/gui/pages/forms/<name>_ui.py.

A page's form imports the page's own parts (promoted widgets such as the Trainings page's
SheetTab), so it lives in the pages package: gui/forms, below every dialog and page, imports
nothing of ours (tests/test_layers.py).

    .venv/bin/python ui/build_forms.py          # regenerate after editing a .ui file
    .venv/bin/python ui/build_forms.py --check  # exit 1 if a generated file is out of date

The generated modules are committed (no build step at run time) and excluded from lint;
tests/gui/test_setup_dialog.py fails when one differs from what pyside6-uic produces now (the uic
version line in the header is ignored).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS = ROOT / "strive_desktop" / "gui" / "forms"
PAGE_FORMS = ROOT / "strive_desktop" / "gui" / "pages" / "forms"
#: Where the .ui files of each folder are compiled to.
TARGETS = {UI_DIR: FORMS, UI_DIR / "pages": PAGE_FORMS}
HEADER = "# Generated from {name} by ui/build_forms.py (pyside6-uic). Do not edit.\n"


def uic() -> str:
    exe = Path(sys.executable).with_name("pyside6-uic")
    return str(exe) if exe.exists() else "pyside6-uic"


def compile_ui(ui: Path) -> str:
    out = subprocess.run([uic(), "--no-autoconnection", str(ui)], check=True, capture_output=True,
                         text=True).stdout
    return HEADER.format(name=ui.relative_to(ROOT).as_posix()) + out


def _comparable(text: str) -> str:
    """The text without the uic version line, which changes with every PySide6 release."""
    return "\n".join(line for line in text.splitlines()
                     if "Created by: Qt User Interface Compiler" not in line)


def target(ui: Path) -> Path:
    return TARGETS[ui.parent] / f"{ui.stem}_ui.py"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for folder, forms in TARGETS.items():
        forms.mkdir(exist_ok=True)
        init = forms / "__init__.py"
        if not init.exists():
            source = folder.relative_to(ROOT).as_posix()
            init.write_text(f'"""Generated from {source}/*.ui by ui/build_forms.py. Do not edit."""\n')
    for ui in sorted([*UI_DIR.glob("*.ui"), *(UI_DIR / "pages").glob("*.ui")]):
        text = compile_ui(ui)
        dest = target(ui)
        if dest.exists() and _comparable(dest.read_text(encoding="utf-8")) == _comparable(text):
            continue
        stale.append(dest)
        if not check:
            dest.write_text(text, encoding="utf-8")
    for path in stale:
        print(("out of date: " if check else "wrote ") + str(path.relative_to(ROOT)))
    return 1 if (check and stale) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
