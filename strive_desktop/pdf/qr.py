"""QR codes encoded with zxing-cpp and drawn as a tiny 1-bit image mask, one image sample per module."""

from __future__ import annotations

import zxingcpp
from PIL import Image
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

# The data mask is fixed instead of chosen per code by the ISO 18004 penalty score: zxing-cpp's
# automatic choice tries all eight masks and takes ~0.43 ms for a certificate's code, a fixed
# mask ~0.05 ms (bench/bench_pdf.py prints both). Readers accept any of the eight masks. Measured
# on 400 certificate payloads scaled to 1.2-4 px per module, blurred and rotated, and read
# back with zxing-cpp: mask 2 read back 1597 of 3600 degraded images, the automatic choice 1465;
# no mask won under every condition, and at 4 px per module every mask read back 96-100 %.
# None = the automatic choice.
DATA_MASK: int | None = 2


def _image(text: str, ec_level: str, data_mask: int | None = DATA_MASK) -> tuple[bytes, int, int]:
    extra = {} if data_mask is None else {"data_mask": data_mask}
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level, **extra)
    img = code.to_image(scale=1, add_quiet_zones=False)
    rows, cols = img.shape
    return bytes(memoryview(img)), rows, cols


def qr_matrix(text: str, ec_level: str = "M") -> list[list[bool]]:
    """The modules of a QR code for *text* (UTF-8), True = dark, no quiet zone."""
    data, rows, cols = _image(text, ec_level)
    return [[data[r * cols + c] < 128 for c in range(cols)] for r in range(rows)]


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float, ec_level: str = "M") -> None:
    """Draw the code for *text* with its lower-left corner at (x, y), *size* points wide.

    The modules go into the page as an inline 1-bit image mask (one sample per module, rows
    packed into bytes, hex-encoded) painted in black: a few hundred bytes instead of hundreds of
    rectangles (bench_pdf: ~0.06 s instead of ~0.44 s for 1,000). /I false asks viewers not to
    interpolate it: at print resolution the modules are sharp squares; on screen poppler and
    Qt's pdfium soften the edges at a few pixels per module, as they anti-alias vector edges
    (checked: it reads back from both at 60, 100 and 150 dpi).
    """
    data, rows, cols = _image(text, ec_level)
    # Pillow packs each row into whole bytes, most significant bit first; black (0) is the sample
    # value an image mask paints with its default /D [0 1]. (Read straight into a 1-bit image:
    # the grey samples are 0 or 255 only.)
    bits = Image.frombytes("1", (cols, rows), data, "raw", "L").tobytes()
    # One literal, wrapped in q/Q: the canvas's own graphics state is left as it was.
    canvas.addLiteral(f"q {fp_str(size)} 0 0 {fp_str(size)} {fp_str(x, y)} cm 0 g\n"
                      f"BI /W {cols} /H {rows} /IM true /I false /F /AHx ID\n{bits.hex()}>\nEI Q")
