"""Spreadsheet commands: import-roster, undo-import, export-xlsx, export-csv. No Qt."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserError
from ..i18n import N_
from .language import C_

ROW_REFUSED = C_("  row {line}: {name}: {reasons}")
TABLES = ["people", "groups", "trainings", "attendance", "plans", "activities", "certificates", "conflicts"]

if TYPE_CHECKING:
    from . import Context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-roster", help="add an advisory group's people from an XLSX or CSV file")
    p.add_argument("file", type=Path, help=".xlsx or .csv (UTF-8 or Windows-1251, ; or , separated)")
    p.add_argument("--group", required=True, help="name (or id) of the advisory group to add them to")
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                   help="say what a column holds (COLUMN: header, letter or number; FIELD: full_name, "
                        "last_name, first_name, middle_name, sex, birth_year, sector, phone, pin, "
                        "organisation, position, role, joined_on, consent_date, notes or ignore)")
    p.add_argument("--dry-run", action="store_true", help="check the file and show what would happen; save nothing")
    p.add_argument("--new", action="store_true",
                   help="add possible duplicates as new people instead of taking them for the person found")
    p.set_defaults(handler=cmd_import_roster, needs_lock=True)

    for fmt in ("xlsx", "csv"):
        p = sub.add_parser(f"export-{fmt}", help=f"a list as {fmt.upper()} (headers in the interface language)")
        p.add_argument("table", choices=TABLES)
        p.add_argument("--out", required=True, type=Path)
        p.set_defaults(handler=cmd_export, fmt=fmt, needs_lock=False)

    p = sub.add_parser("donor-xlsx", help="donor indicator workbook: breakdowns by sex, age, sector, phase, "
                                          "community and year, with the people counted")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--from", dest="date_from", type=_date, help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, help="last day, YYYY-MM-DD")
    p.add_argument("--community", help="community name, code or id (default: all)")
    p.set_defaults(handler=cmd_donor_xlsx, needs_lock=False)

    p = sub.add_parser("import-attendance", help="attendance from a trainer's spreadsheet (names and one "
                                                 "column per session)")
    p.add_argument("file", type=Path)
    p.add_argument("--training", required=True, help="training id (as shown by 'dump' and in the app)")
    p.add_argument("--no-walk-ins", action="store_true",
                   help="leave out people who are stored but not on the training's sheet")
    p.add_argument("--dry-run", action="store_true", help="show what would be recorded; save nothing")
    p.set_defaults(handler=cmd_import_attendance, needs_lock=True)

    p = sub.add_parser("imports", help="list the roster imports made here (to take one back)")
    p.set_defaults(handler=cmd_imports, needs_lock=True)

    p = sub.add_parser("undo-import", help="take a roster import back as a whole (its records are deleted)")
    p.add_argument("import_id", help="id shown by 'import-roster' and 'imports'")
    p.set_defaults(handler=cmd_undo_import, needs_lock=True)


def _date(text: str):  # type: ignore[no-untyped-def]
    from .pdf import _date as parse

    return parse(text)


def _translator(args: argparse.Namespace, ctx: Context):  # type: ignore[no-untyped-def]
    from . import message_translator

    return message_translator(getattr(args, "ui_lang", None), ctx.data_dir)


def cmd_import_roster(args: argparse.Namespace, ctx: Context) -> int:
    from ..services.sheets import roster_import as ri

    roster = ri.read_roster(args.file)
    mapping: dict[int, str] = {}
    for item in args.map:
        column, sep, field = item.rpartition("=")
        if not sep or not column.strip():
            raise UserError(N_("Write --map as COLUMN=FIELD, e.g. --map \"ФИО=full_name\"."))
        mapping[roster.column_index(column)] = field.strip()
    if mapping:
        roster = roster.with_mapping(mapping)
    group = ri.find_group(ctx.store, args.group)
    pv = ri.preview(ctx.store, roster, group.id)
    used = ", ".join(f"{h or i + 1}={f}" for i, (h, f) in enumerate(zip(roster.headers, roster.mapping,
                                                                         strict=True)) if f != ri.IGNORE)
    ctx.say(C_("Columns: {columns}"), columns=used)
    decisions = {r.line: ri.NEW for r in pv.rows if r.ok and r.matches and r.repeats_line is None} \
        if args.new else {}
    chosen = pv.decisions() | decisions
    if args.dry_run:
        added = sum(1 for r in pv.rows if r.ok and chosen[r.line] == ri.NEW)
        matched = [r for r in pv.rows if r.ok and chosen[r.line] not in (ri.NEW, ri.SKIP)]
        refused = [r for r in pv.rows if chosen[r.line] == ri.SKIP]
        ctx.say(C_("Dry run, nothing saved. Would add {added}, match {matched}, refuse {refused}."),
                added=added, matched=len(matched), refused=len(refused))
        for r in matched:
            m = next(x for x in r.matches if x.id == chosen[r.line])
            ctx.say(C_("  row {line}: {name} = {match} ({year}, {community})"), line=r.line, name=r.full_name,
                    match=m.full_name, year=m.birth_year or "?", community=m.community_name)
        for r in refused:
            ctx.say(ROW_REFUSED, line=r.line, name=r.full_name, reasons=" ".join(ctx.render(e) for e in r.errors))
        return 0
    res = ri.apply_import(ctx.store, pv, decisions)
    for line in res.summary(group.name):
        ctx.out(ctx.render(line))
    for x in res.refused:
        ctx.say(ROW_REFUSED, line=x.line, name=x.full_name, reasons=" ".join(ctx.render(e) for e in x.reasons))
    if res.added or res.matched:
        ctx.say(C_("To take it back: undo-import {id}"), id=res.import_id)
    return 0


def cmd_imports(args: argparse.Namespace, ctx: Context) -> int:
    from ..services.sheets import roster_import as ri

    for i in ri.list_imports(ctx.store):
        state = ctx.text(C_("taken back {when}"), when=ctx.stamp(i.undone_at)) if i.undone_at \
            else ctx.text(C_("in force"))
        ctx.say(C_("{id}  {when}  {file}  -> {group}: added {added}, matched {matched}, refused {refused}; {state}"),
                id=i.id, when=ctx.stamp(i.at), file=i.file_name, group=i.group_name, added=i.added,
                matched=i.matched, refused=i.refused, state=state)
    return 0


def cmd_undo_import(args: argparse.Namespace, ctx: Context) -> int:
    from ..services.sheets import roster_import as ri

    n = ri.undo_import(ctx.store, args.import_id)
    ctx.say(C_("Import {id} taken back: {n} record(s) deleted."), id=args.import_id, n=n)
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from ..services.sheets import exports
    from . import saved_language

    lang = getattr(args, "ui_lang", None) or saved_language(ctx.data_dir) or "en"
    n = exports.export_table(ctx.store, args.table, args.out, fmt=args.fmt, lang=lang,
                             translate=_translator(args, ctx))
    ctx.say(C_("{n} row(s) of {table} written to {path}"), n=n, table=args.table, path=args.out)
    return 0


def cmd_donor_xlsx(args: argparse.Namespace, ctx: Context) -> int:
    from ..services import installation
    from ..services.sheets.donor_workbook import donor_workbook
    from . import saved_language

    lang = getattr(args, "ui_lang", None) or saved_language(ctx.data_dir) or "en"
    cid = installation.find_community(ctx.store, args.community).id if args.community else None
    n = donor_workbook(ctx.store, args.out, date_from=args.date_from, date_to=args.date_to, community_id=cid,
                       lang=lang, translate=_translator(args, ctx))
    ctx.say(C_("Donor workbook written to {path} ({n} participant(s) listed)"), path=args.out, n=n)
    return 0


def cmd_import_attendance(args: argparse.Namespace, ctx: Context) -> int:
    from ..services.sheets import attendance_import as ai

    pv = ai.preview_attendance(ctx.store, args.training, args.file)
    ctx.say(C_("Session columns: {columns}"), columns=", ".join(c or "-" for c in pv.columns))
    for r in pv.rows:
        marks = "".join("+" if m else ("-" if m is False else ".") for m in r.marks)
        note = ctx.text(C_(" (walk-in)")) if r.kind == "walk_in" else ""
        why = f": {ctx.render(r.reason)}" if r.reason else ""
        ctx.say(C_("  row {line}: {name} {marks}"), line=r.line, name=r.name, marks=marks + note + why)
    if args.dry_run:
        ctx.say(C_("Dry run, nothing saved."))
        return 0
    res = ai.apply_attendance(ctx.store, pv, walk_ins=not args.no_walk_ins)
    ctx.out(ctx.render(res.summary()))
    return 0
