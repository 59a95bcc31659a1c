"""Reading a table from an XLSX or CSV file, as a user's spreadsheet really is.

XLSX is read with openpyxl in read-only mode (fast for 10,000 rows); merged cells are found in
the sheet's XML and their top-left value is copied into every cell of the range. CSV may be
UTF-8 (with or without BOM) or Windows-1251, separated by ``;`` ``,`` or tabs. Empty rows are
dropped; each kept row remembers its line number in the file, for messages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import UserError
from ...i18n import N_

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

Cell = str | int | float | dt.date | dt.datetime | None


@dataclass(frozen=True)
class Table:
    """The rows of one sheet: ``rows[i]`` was line ``lines[i]`` of the file (1-based)."""

    file_name: str
    rows: tuple[tuple[Cell, ...], ...]
    lines: tuple[int, ...]


def read_table(path: Path) -> Table:
    """The first sheet of an .xlsx file, or a .csv/.txt file; UserError for anything else."""
    path = Path(path)
    try:
        head = path.read_bytes()[:8] if path.is_file() else b""
    except OSError as exc:
        raise UserError(N_("The file {name} cannot be read: {reason}"), name=path.name,
                        reason=exc.strerror or str(exc)) from None
    if not path.is_file():
        raise UserError(N_("The file {name} was not found."), name=path.name)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(N_("{name} is an old Excel file (.xls). Open it in Excel and save it as "
                           ".xlsx, then import that file."), name=path.name)
    if path.suffix.lower() in {".csv", ".txt", ".tsv"}:
        return _read_csv(path)
    raise UserError(N_("{name} is not a spreadsheet. Choose an Excel file (.xlsx) or a CSV file."),
                    name=path.name)


def _not_a_sheet(path: Path) -> UserError:
    return UserError(N_("{name} is not a spreadsheet. Choose an Excel file (.xlsx) or a CSV file."),
                     name=path.name)


_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _col_number(letters: bytes | str) -> int:
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        n = n * 26 + (ord(ch) - 64)
    return n


def _read_xlsx(path: Path) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _not_a_sheet(path) from None
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        if ws is None:
            raise _not_a_sheet(path)
        merges = _merged_ranges(path, ws.title, wb)
        rows: list[list[Cell]] = [list(r) for r in ws.iter_rows(values_only=True)]
    except UserError:
        raise
    except Exception:  # noqa: BLE001 - a damaged workbook: openpyxl raises many kinds
        raise _not_a_sheet(path) from None
    finally:
        wb.close()
    # A row holding nothing but the copy of a merged cell above it is an empty row.
    empty = [not any(not is_blank(v) for v in row) for row in rows]
    for c1, r1, c2, r2 in merges:
        if r1 - 1 >= len(rows):
            continue
        top = rows[r1 - 1]
        value = top[c1 - 1] if c1 - 1 < len(top) else None
        for r in range(r1, min(r2, len(rows)) + 1):
            row = rows[r - 1]
            if len(row) < c2:
                row.extend([None] * (c2 - len(row)))
            for c in range(c1, c2 + 1):
                row[c - 1] = value
    return _table(path.name, [[] if e else r for r, e in zip(rows, empty, strict=True)])


def _merged_ranges(path: Path, title: str, wb: Workbook) -> list[tuple[int, int, int, int]]:
    """(first column, first row, last column, last row) of every merged range of the first sheet."""
    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
            sheet = getattr(wb.worksheets[0], "_worksheet_path", None)
            if sheet:
                sheet = sheet.lstrip("/")
            name = sheet if sheet in names else (sorted(names)[0] if names else None)
            if name is None:
                return []
            data = z.read(name)
    except (zipfile.BadZipFile, OSError, KeyError):
        return []
    return [(_col_number(a), int(b), _col_number(c), int(d)) for a, b, c, d in _MERGE.findall(data)]


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise _not_a_sheet(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1251", errors="replace")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = max(";,\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows: list[list[Cell]] = [list(r) for r in reader]
    except csv.Error:
        raise _not_a_sheet(path) from None
    return _table(path.name, rows)


def _table(name: str, rows: list[list[Cell]]) -> Table:
    kept: list[tuple[Cell, ...]] = []
    lines: list[int] = []
    for i, row in enumerate(rows, start=1):
        if any(not is_blank(v) for v in row):
            kept.append(tuple(row))
            lines.append(i)
    return Table(name, tuple(kept), tuple(lines))


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Cell) -> str:
    """A cell as text: numbers stored as numbers lose their ".0" (phones, PINs, years)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


_DMY = re.compile(r"^(\d{1,2})[./\-](\d{1,2})[./\-](\d{4})(?:\s.*)?$")
_YMD = re.compile(r"^(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})(?:[ T].*)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value: Cell) -> dt.date | None:
    """A date typed as a date, as text (31.12.2024, 2024-12-31, 31/12/2024) or as an Excel
    serial number; None for an empty cell; ValueError for anything else."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(value)
    text = str(value).strip()
    m = _DMY.match(text)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = _YMD.match(text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if text.isdigit() and 1 <= int(text) < 80000 and len(text) != 4:
        return _EXCEL_EPOCH + dt.timedelta(days=int(text))
    raise ValueError(text)


def parse_year(value: Cell) -> int | None:
    """A birth year from a year (1985, "1985", 1985.0), or a whole date in any form above."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer() \
            and 1800 <= value <= 2200:
        return int(value)
    text = cell_text(value)
    if re.fullmatch(r"\d{4}(\s*(г\.?|ж\.?|год|жыл))?", text, flags=re.IGNORECASE):
        return int(text[:4])
    day = parse_date(value)  # not None: the cell is not blank
    return day.year if day is not None else None
