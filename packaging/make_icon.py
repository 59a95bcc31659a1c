#!/usr/bin/env python3
"""Draw the application icon once: resources/icons/strive.png (256 px) and strive.ico
(16-256 px, for the Windows bundle and installer). Needs Pillow; the results are committed,
so this runs only when the icon is changed.

    .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
BLUE = (0, 158, 219)  # UN blue
DARK = (0, 84, 140)


def draw(size: int = 1024) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size // 16
    d.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size // 5, fill=BLUE)
    # Three people standing together (the community), over a base line.
    cx, base = size // 2, int(size * 0.80)
    for dx, scale, colour in ((-0.22, 0.8, DARK), (0.22, 0.8, DARK), (0.0, 1.0, "white")):
        x = cx + int(dx * size)
        head = int(size * 0.085 * scale)
        top = base - int(size * 0.52 * scale)
        d.ellipse((x - head, top, x + head, top + 2 * head), fill=colour)
        body_w = int(size * 0.16 * scale)
        d.rounded_rectangle((x - body_w, top + 2 * head + size // 60, x + body_w, base),
                            radius=body_w, fill=colour)
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"), size // 7)
    d.text((cx, int(size * 0.17)), "STRIVE", font=font, fill="white", anchor="mm")
    return img


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "strive.png", optimize=True)
    big.save(ICONS / "strive.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                          (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
