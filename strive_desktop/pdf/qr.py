"""QR codes encoded with zxing-cpp (~0.1 ms each) and drawn as one filled vector path."""

from __future__ import annotations

import re

import zxingcpp
from reportlab.pdfgen.canvas import Canvas

_DARK = re.compile(rb"[\x00-\x7f]+")  # runs of dark modules in one row of the code's image
_NUM = [str(i) for i in range(256)]  # module coordinates as text, formatted once


def _image(text: str, ec_level: str) -> tuple[bytes, int, int]:
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level)
    img = code.to_image(scale=1, add_quiet_zones=False)
    rows, cols = img.shape
    return bytes(memoryview(img)), rows, cols


def qr_matrix(text: str, ec_level: str = "M") -> list[list[bool]]:
    """The modules of a QR code for *text* (UTF-8), True = dark, no quiet zone."""
    data, rows, cols = _image(text, ec_level)
    return [[data[r * cols + c] < 128 for c in range(cols)] for r in range(rows)]


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float, ec_level: str = "M") -> None:
    """Draw the code for *text* with its lower-left corner at (x, y), *size* points wide.

    Each run of dark modules in a row becomes one rectangle in module units; all of them form
    a single path, scaled into place and filled once. Small integers keep the page stream short.
    """
    data, rows, cols = _image(text, ec_level)
    ops: list[str] = []
    add = ops.append
    for r in range(rows):
        row_y = " " + _NUM[rows - 1 - r] + " "
        start = r * cols
        for m in _DARK.finditer(data, start, start + cols):
            a, b = m.span()
            add(_NUM[a - start] + row_y + _NUM[b - a] + " 1 re")
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / cols, size / rows)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()
