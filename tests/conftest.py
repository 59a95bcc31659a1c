"""Fixtures shared by every test: real data folders in tmp_path, never a mocked database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every data folder is encrypted and needs a login: the fixtures (and the CLI and GUI started
# by tests) log in with this password from the environment; the password KDF's cost is lowered
# for tests only (storage/vault.py: production slots use scrypt N = 2**17).
os.environ.setdefault("STRIVE_PASSWORD", "test-password")
os.environ.setdefault("STRIVE_KDF_LOG2N", "10")

from strive_desktop.services import installation  # noqa: E402
from strive_desktop.storage.db import Store, open_store  # noqa: E402
from strive_desktop.storage.seed import community_id  # noqa: E402

NOOKAT = community_id("nookat")
KOCHKOR = community_id("kochkor")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A field office in Nookat, user "Gulnara"."""
    st = open_store(data_dir)
    installation.init_installation(st, name="Nookat office", community=NOOKAT, user_name="Gulnara")
    yield st
    st.close()


@pytest.fixture
def hq_store(tmp_path: Path) -> Iterator[Store]:
    """Headquarters in Bishkek, in its own data folder."""
    st = open_store(tmp_path / "hq")
    installation.init_installation(st, name="Bishkek HQ", hq=True, user_name="Aida")
    yield st
    st.close()


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """Headquarters with the demo data of all 9 communities."""
    from strive_desktop.services import demo

    st = open_store(tmp_path / "demo")
    demo.fill(st)
    yield st
    st.close()


@pytest.fixture(autouse=True)
def english_interface(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every Qt test starts in the English interface a user sees ("5 people", the English
    plural forms installed), whatever language an earlier test switched to."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    from strive_desktop.gui.i18n import install_translations

    install_translations(request.getfixturevalue("qapp"), "en")
    yield


@pytest.fixture
def language(qapp):  # type: ignore[no-untyped-def]
    """``language("ky")`` switches the running application's interface language for one
    test (our .qm files and Qt's own); English again afterwards."""
    from strive_desktop.gui.i18n import install_translations

    def use(lang: str) -> None:
        assert install_translations(qapp, lang)

    yield use
    install_translations(qapp, "en")

