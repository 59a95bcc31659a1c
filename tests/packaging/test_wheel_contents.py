"""The wheel carries everything the app reads at run time: fonts, compiled translations (with
our Kyrgyz qtbase), the icon and the Alembic migrations, all inside the package, and its
metadata declares what the code imports. Built from a copy of the sources in tmp_path, so the
checkout gets no build/ or .egg-info folder."""

from __future__ import annotations

import email
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "strive_desktop", "resources")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-v", "-w", str(out)],
                          cwd=src, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    found = list(out.glob("strive_desktop-*.whl"))
    assert len(found) == 1
    return found[0], proc.stdout + proc.stderr


def _names(whl: Path) -> set[str]:
    with zipfile.ZipFile(whl) as z:
        return set(z.namelist())


def test_wheel_carries_fonts_translations_icons_and_migrations(wheel):
    names = _names(wheel[0])
    res = "strive_desktop/resources/"
    for f in ("fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf", "fonts/LICENSE-DejaVu.txt",
              "translations/strive_ky.qm", "translations/strive_ru.qm", "translations/strive_en.qm",
              "translations/qtbase_ky.qm", "icons/strive.png", "icons/strive.ico", "__init__.py"):
        assert res + f in names, f
    assert "strive_desktop/storage/migrations/env.py" in names
    assert "strive_desktop/storage/migrations/script.py.mako" in names
    versions = [n for n in names if n.startswith("strive_desktop/storage/migrations/versions/")
                and n.endswith(".py")]
    in_tree = list((ROOT / "strive_desktop/storage/migrations/versions").glob("*.py"))
    assert len(versions) == len(in_tree) > 0
    assert not any("/resources/" in n and n.endswith(".ts") for n in names)  # sources stay out
    assert not any(n.startswith("resources/") for n in names)  # nothing at the top level


def test_wheel_metadata_declares_pillow_and_pins_qt_only_where_the_bug_bites(wheel):
    with zipfile.ZipFile(wheel[0]) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        msg = email.message_from_string(z.read(meta).decode())
    requires = msg.get_all("Requires-Dist")
    assert any(r.lower().startswith("pillow") for r in requires)
    qt = [r for r in requires if r.startswith("PySide6-Essentials")]
    assert any("<6.12" in r and 'python_version < "3.12"' in r for r in qt), qt
    assert any("<6.12" not in r and 'python_version >= "3.12"' in r for r in qt), qt
    assert msg["License-Expression"] == "MIT"


def test_building_the_wheel_gives_no_setuptools_warning(wheel):
    log = wheel[1]
    assert "running bdist_wheel" in log  # the backend's own output is in what is checked
    assert "Warning" not in log and "deprecated" not in log.lower(), log
