"""Files the application ships: fonts, compiled translations, icons.

In the source tree this is the top-level ``resources/`` folder; installed (wheel, editable
install, PyInstaller bundle) it is the package ``strive_desktop.resources`` (see setup.py), and
every lookup goes through :func:`path` so that it is found the same way everywhere.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def path(*parts: str) -> Path:
    """The file *parts* (e.g. ``"fonts", "DejaVuSans.ttf"``) inside this package, on disk.

    The package is always installed as plain files (never zipped), so its location is a real
    folder that Qt and ReportLab can open by name."""
    return Path(str(files(__name__))).joinpath(*parts)
