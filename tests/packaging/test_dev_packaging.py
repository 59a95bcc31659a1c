"""dev.py's packaging helpers and the packaging files: the exact apt-get line for Qt's missing
system libraries, which arguments open the window, the kit scripts installing only from the kit,
and the Windows installer's version."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

import strive_desktop

ROOT = Path(__file__).resolve().parents[2]


def _dev():
    spec = importlib.util.spec_from_file_location("strive_dev_script", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dev = _dev()


def test_apt_line_names_the_packages_qt_does_not_mention():
    # What a fresh Linux desktop lacked while Qt said only "xcb-cursor0 is needed".
    assert dev.apt_line(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]) == \
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux only")
def test_every_library_qt_xcb_may_miss_here_has_a_package_name():
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    missing = dev.missing_qt_libraries(plugin)
    unknown = [s for s in missing if s not in dev.QT_XCB_PACKAGES]
    assert not unknown, f"add the Debian package of {unknown} to dev.py QT_XCB_PACKAGES"
    if missing:  # on this machine: the line dev.py run prints
        assert all(dev.QT_XCB_PACKAGES[s] in dev.apt_line(missing) for s in missing)


@pytest.mark.parametrize(("args", "window"), [
    ([], True),
    (["--data-dir", "/media/stick/d"], True),
    (["--data-dir=/media/stick/d", "--lang", "ky"], True),
    (["--data-dir", "/media/stick/d", "demo"], False),
    (["--help"], False),
    (["check"], False),
])
def test_only_a_start_without_command_needs_the_display(args, window):
    assert dev._opens_window(args) is window


def test_kit_scripts_install_only_from_the_kit():
    kit = ROOT / "packaging" / "kit"
    for name in ("install.sh", "install.bat"):
        text = (kit / name).read_text(encoding="utf-8")
        assert "--no-index" in text and "--find-links" in text
        assert "@PYVER@" in text  # filled with the kit's Python version by dev.py kit
    assert (kit / "install.bat").read_bytes().count(b"\r\n") == \
        (kit / "install.bat").read_bytes().count(b"\n")  # Windows line ends


def test_windows_installer_version_is_the_app_version():
    iss = (ROOT / "packaging" / "strive-desktop.iss").read_text(encoding="utf-8")
    m = re.search(r'#define AppVersion "([^"]+)"', iss)
    assert m and m.group(1) == strive_desktop.__version__


def test_bundle_spec_uses_no_platform_paths():
    spec = (ROOT / "packaging" / "strive-desktop.spec").read_text(encoding="utf-8")
    assert not re.search(r"['\"](/usr|/lib|/opt|/home|[A-Z]:\\)", spec)
    assert "console=False" in spec  # windowed
    assert "exclude_binaries=True" in spec and "COLLECT(" in spec  # one folder


def test_a_linux_kit_takes_wheels_for_its_glibc_or_older_only():
    tags = dev.pip_platforms("manylinux_2_34_x86_64")
    assert "manylinux_2_34_x86_64" in tags and "manylinux_2_17_x86_64" in tags
    assert "manylinux2014_x86_64" in tags and "manylinux1_x86_64" in tags
    assert "manylinux_2_35_x86_64" not in tags
    assert "manylinux_2_28_x86_64" not in dev.pip_platforms("manylinux2014_x86_64")
    assert dev.pip_platforms("win_amd64") == ["win_amd64"]
