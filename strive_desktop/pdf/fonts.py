"""The fonts every PDF embeds (DejaVu Sans, regular and bold), shipped in strive_desktop.resources
(the source tree's resources/fonts)."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .. import resources
from ..errors import UserError
from ..i18n import N_

REGULAR = "StriveSans"
BOLD = "StriveSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def font_dirs() -> list[Path]:
    """Where the fonts may be: $STRIVE_FONTS_DIR, then the package ``strive_desktop.resources``
    (the source tree's resources/fonts; the same lookup in a wheel, an editable install and a
    PyInstaller bundle)."""
    dirs = []
    if os.environ.get("STRIVE_FONTS_DIR"):
        dirs.append(Path(os.environ["STRIVE_FONTS_DIR"]))
    dirs.append(resources.path("fonts"))
    return dirs


def font_path(name: str) -> Path:
    for d in font_dirs():
        p = d / FILES[name]
        if p.is_file():
            return p
    raise UserError(N_("The font file {name} is missing from the installation; reinstall STRIVE Desktop."),
                    name=FILES[name])


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold font with ReportLab once; return their names."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in (REGULAR, BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
