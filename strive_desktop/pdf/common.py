"""Shared pieces: progress/cancel hooks, safe output files, page numbering, fitting text."""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..errors import UserError
from ..i18n import N_
from .fonts import BOLD, REGULAR, register_fonts

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]

NAVY = colors.HexColor("#1a365d")
GREY = colors.HexColor("#5a6473")
LIGHT = colors.HexColor("#e8edf4")
RULE = colors.HexColor("#9aa5b4")
CREATOR = "STRIVE Desktop"
KEYWORDS = "STRIVE Asia, UNDP, prevention of violent extremism, Kyrgyzstan"


class Cancelled(UserError):
    """The user cancelled a batch; nothing was written."""

    def __init__(self) -> None:
        super().__init__(N_("Printing was cancelled; no file was written."))


@contextlib.contextmanager
def output_file(path: Path | str) -> Iterator[str]:
    """Write to ``<path>.part`` and move it into place only when the PDF is complete."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(N_("The folder {path} cannot be created: {reason}"), path=str(path.parent),
                        reason=exc.strerror or str(exc)) from exc
    tmp = path.with_name(path.name + ".part")
    try:
        yield str(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(N_("The PDF could not be written to {path}: {reason}"), path=str(path),
                        reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def safe_file_name(text: str, limit: int = 80) -> str:
    """A file name from any text (Cyrillic kept), without characters Windows refuses."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text)
    name = " ".join(name.split()).strip(". ")
    return name[:limit] or "document"


@functools.lru_cache(maxsize=4096)
def fit_size(text: str, font: str, max_size: float, min_size: float, width: float) -> float:
    """The largest font size (<= max_size, >= min_size) at which *text* fits in *width*."""
    w = stringWidth(text, font, max_size)
    if w <= width:
        return max_size
    return max(min_size, max_size * width / w)


def split_to_fit(text: str, font: str, size: float, width: float) -> list[str]:
    """Break *text* into lines no wider than *width* (a single over-long word is kept whole)."""
    words = text.split()
    lines: list[str] = []
    line = ""
    for w in words:
        trial = f"{line} {w}".strip()
        if line and stringWidth(trial, font, size) > width:
            lines.append(line)
            line = w
        else:
            line = trial
    if line:
        lines.append(line)
    return lines or [""]


@functools.lru_cache(maxsize=1024)
def _fit_lines(text: str, font: str, max_size: float, min_size: float, width: float,
               max_lines: int) -> tuple[float, tuple[str, ...]]:
    size, lines = _fit_lines_uncached(text, font, max_size, min_size, width, max_lines)
    return size, tuple(lines)


def fit_lines(text: str, font: str, max_size: float, min_size: float, width: float,
              max_lines: int = 2) -> tuple[float, list[str]]:
    """Shrink, then wrap, so *text* never runs past *width*: (size, lines)."""
    size, lines = _fit_lines(text, font, max_size, min_size, width, max_lines)
    return size, list(lines)


def _fit_lines_uncached(text: str, font: str, max_size: float, min_size: float, width: float,
                        max_lines: int = 2) -> tuple[float, list[str]]:
    """Shrink, then wrap, so *text* never runs past *width*: (size, lines)."""
    size = fit_size(text, font, max_size, min_size, width)
    if stringWidth(text, font, size) <= width:
        return size, [text]
    size = max_size
    while size >= min_size:
        lines = split_to_fit(text, font, size, width)
        if len(lines) <= max_lines and all(stringWidth(x, font, size) <= width for x in lines):
            return size, lines
        size -= 0.5
    lines = split_to_fit(text, font, min_size, width)
    # Last resort for an absurdly long text: squeeze each line to the width.
    return min_size, lines[:max_lines]


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Break *text* into lines no wider than *width*; a word wider than a line is cut between
    letters (nothing is ever lost or drawn past *width*)."""
    text = printable(text)
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if stringWidth(trial, font, size) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
            line = ""
        while stringWidth(word, font, size) > width:  # cut an over-long word between letters
            n = len(word) - 1
            while n > 1 and stringWidth(word[:n], font, size) > width:
                n -= 1
            lines.append(word[:n])
            word = word[n:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


@functools.lru_cache(maxsize=4096)
def _fit_text(text: str, font: str, max_size: float, min_size: float, width: float,
              max_lines: int, one_line_min: float | None) -> tuple[float, tuple[str, ...]]:
    if one_line_min is not None:  # one line as long as that needs no smaller size than this
        one = fit_size(text, font, max_size, one_line_min, width)
        if stringWidth(text, font, one) <= width:
            return one, (text,)
    size = max_size
    while True:
        lines = wrap_words(text, font, size, width)
        if len(lines) <= max_lines or size <= min_size:
            return size, tuple(lines)
        size = max(min_size, size - 0.5)


def fit_text(text: str, font: str, max_size: float, min_size: float, width: float,
             max_lines: int = 2, one_line_min: float | None = None) -> tuple[float, list[str]]:
    """The largest size (from *max_size* down to *min_size*, in half points) at which *text*
    wraps into at most *max_lines* lines of *width*: (size, lines). Text that needs more lines
    even at *min_size* gets them; no line is ever wider than *width* and nothing is dropped.
    With *one_line_min*, a text that fits on one line at that size or larger stays on one line."""
    size, lines = _fit_text(" ".join(printable(text).split()), font, max_size, min_size, width, max_lines,
                            one_line_min)
    return size, list(lines)


def word_width(text: str, font: str, size: float) -> float:
    """Width of the longest word of *text* (words never break inside a table cell); a no-break
    space joins its neighbours into one word, as in a Paragraph."""
    return max((stringWidth(w, font, size) for w in re.split(r"[ \t\r\n]+", text) if w), default=0.0)


def column_widths(headers: list[list[str]], base: list[float], avail: float, flex: int, *,
                  font: str = BOLD, size: float = 7.5, min_size: float = 6.0, padding: float = 6.0,
                  flex_min: float = 100.0) -> tuple[list[float], float]:
    """Column widths and a header font size at which no header word is broken across lines.

    *headers[i]* are the texts shown in column i (a header may have several lines or rows),
    *base* the widths wanted, *padding* the cell's left + right padding. Each column is widened
    to its longest header word; column *flex* takes what is left of *avail* (at least
    *flex_min*). When that does not fit, the header font shrinks (down to *min_size*).
    """
    widths = list(base)
    while True:
        widths = [max(b, max((word_width(h, font, size) for h in hs), default=0.0) + padding + 0.5)
                  for b, hs in zip(base, headers, strict=True)]
        rest = avail - (sum(widths) - widths[flex])
        if rest >= max(flex_min, widths[flex]) or size <= min_size:
            widths[flex] = max(rest, widths[flex])
            return widths, size
        size -= 0.25


def numbered_canvas(label: Callable[[int, int], str], font_size: float = 8,
                    on_page: Callable[[Canvas, int, int], None] | None = None) -> type[Canvas]:
    """A Canvas class that knows the page count when the document is finished and writes
    ``label(page, pages)`` at the foot of every page (the two-pass "page x of y" recipe)."""

    class _Numbered(Canvas):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            register_fonts()
            # ReportLab starts every page in Helvetica: without this the PDF names a font it
            # neither uses nor embeds.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR  # platypus passes None
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                n = self._pageNumber
                if on_page is not None:
                    on_page(self, n, total)
                self.setFont(REGULAR, font_size)
                self.setFillColor(GREY)
                self.drawRightString(self._pagesize[0] - 40, 22, label(n, total))
                Canvas.showPage(self)
            Canvas.save(self)

    return _Numbered


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=10, leading=13.5)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=GREY),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=BOLD, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=7.5, leading=9.5,
                               textColor=colors.white),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=20, leading=25, textColor=NAVY,
                             spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=13, leading=17, textColor=NAVY,
                             spaceBefore=10, spaceAfter=4),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=26, leading=32,
                                textColor=NAVY, alignment=1),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=18, alignment=1,
                                   textColor=GREY),
    }


# Joiners and variation selectors: left over when an emoji sequence is dropped.
_INVISIBLE = frozenset([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *range(0xFE00, 0xFE10)])


@functools.lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    """Code points both embedded fonts have a glyph for."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in (REGULAR, BOLD)]
    return frozenset(faces[0]) & frozenset(faces[1])


def printable(text: str) -> str:
    """*text* without the characters the embedded fonts cannot draw (text typed before input
    refused them, or a field that is not checked): they would print as empty boxes."""
    if text.isascii():
        return text
    ok = _drawable()
    keep = [ch for ch in text if ch in "\n\r\t" or (ord(ch) in ok and ord(ch) not in _INVISIBLE)]
    return text if len(keep) == len(text) else "".join(keep)


def esc(text: str) -> str:
    """Text for a Paragraph (which reads a little XML), without characters no font can draw."""
    return printable(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para_text(text: str) -> str:
    """Multi-line text for a Paragraph: line breaks kept."""
    return "<br/>".join(esc(line) for line in (text or "").splitlines())
