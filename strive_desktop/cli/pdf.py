"""PDF commands: certificates, attendance-sheet, plan-pdf, summary. No Qt."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..errors import UserError
from ..i18n import N_
from .language import C_

PDF_LANGS = ["ky", "ru", "en"]


NOT_A_DATE = C_("not a date (YYYY-MM-DD): {text}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        # while the arguments are parsed, argparse's ``_`` speaks the interface language
        # (language.argparse_words): the message comes out with argparse's own words
        words = getattr(argparse, "_")  # noqa: B009
        raise argparse.ArgumentTypeError(words(NOT_A_DATE).format(text=text)) from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("certificates", help="certificates for everyone who completed a training, as PDF")
    p.add_argument("--training", required=True, help="training id (as shown by 'dump' and in the app)")
    p.add_argument("--out", type=Path, help="one PDF with every certificate")
    p.add_argument("--lang", choices=[*PDF_LANGS, "bilingual"], default="ky",
                   help="certificate language; bilingual = Kyrgyz and Russian (default: ky)")
    p.add_argument("--per-person", type=Path, metavar="DIR", help="also write one PDF per person into DIR")
    p.add_argument("--require-signer", action="store_true",
                   help="refuse to print when no signer is set (without it, a warning and the print goes on)")
    p.set_defaults(handler=cmd_certificates, needs_lock=True)

    p = sub.add_parser("attendance-sheet", help="blank attendance sheet of a training, as PDF")
    p.add_argument("--training", required=True, help="training id")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--lang", choices=PDF_LANGS, default="ky")
    p.add_argument("--blank-rows", type=int, default=8, help="empty rows for walk-ins (default 8)")
    p.set_defaults(handler=cmd_attendance_sheet, needs_lock=True)

    p = sub.add_parser("plan-pdf", help="a local plan as PDF (DRAFT watermark until approved)")
    p.add_argument("--plan", required=True, help="plan id")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--lang", choices=PDF_LANGS, default="ky")
    p.set_defaults(handler=cmd_plan_pdf, needs_lock=True)

    p = sub.add_parser("summary", help="donor summary for a period and one or all communities, as PDF")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--from", dest="date_from", type=_date, help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, help="last day, YYYY-MM-DD")
    p.add_argument("--community", help="community name, code or id (default: all)")
    p.add_argument("--lang", choices=PDF_LANGS, default="en")
    p.set_defaults(handler=cmd_summary, needs_lock=True)

    p = sub.add_parser("verify-certificate", help="check a printed certificate against the register")
    p.add_argument("serial", nargs="?", help="serial number printed on the certificate")
    p.add_argument("code", nargs="?", help="verification code printed on the certificate")
    p.add_argument("--qr", metavar="TEXT", help="the text of the certificate's QR code")
    p.add_argument("--image", metavar="FILE", help="a photo or scan of the certificate's QR code")
    g = p.add_argument_group("facts printed on a certificate of another office (not in this register)")
    g.add_argument("--name", help="full name as printed")
    g.add_argument("--title", help="training title as printed")
    g.add_argument("--first-day", type=_date, help="first day of the training, YYYY-MM-DD")
    g.add_argument("--last-day", type=_date, help="last day of the training, YYYY-MM-DD")
    g.add_argument("--hours", type=float, help="hours attended")
    g.add_argument("--total-hours", type=float, help="hours of the whole training")
    g.add_argument("--community", help="community (name in any language, or code)")
    g.add_argument("--issued", type=_date, help="date of issue, YYYY-MM-DD")
    p.set_defaults(handler=cmd_verify_certificate, needs_lock=False)


def cmd_certificates(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..pdf import documents

    if args.out is None and args.per_person is None:
        raise UserError(N_("Say where to write the certificates: --out FILE.pdf and/or --per-person DIR."))
    _warn_missing_look(args, ctx)
    written = documents.certificates_pdf(ctx.store, args.training, args.out, lang=args.lang,
                                         per_person_dir=args.per_person)
    if args.out is not None:
        ctx.say(C_("Certificates written to {path}"), path=written[0])
        written = written[1:]
    if args.per_person is not None:
        ctx.say(C_("{n} certificate(s) written to {path}"), n=len(written), path=args.per_person)
    return 0


NO_SIGNER = N_("No signer is set for the certificates of this community: they print with no signature lines. "
               "Set them in Settings → Certificates.")
NO_LOGO = N_("No logo is set for the certificates of this community: they print with no logos.")
WARNING = C_("warning: {message}")


def _warn_missing_look(args, ctx) -> None:  # type: ignore[no-untyped-def]
    """Like the app asks first: a warning on stderr for each of signer and logo not set (the print
    goes on, a batch is not stopped); with --require-signer no signer refuses the print."""
    import sys

    from ..i18n import Message
    from ..services import certificates
    from . import message_translator, saved_language
    from .language import tr

    no_signer, no_logo = certificates.missing_look(ctx.store, args.training)
    if no_signer and args.require_signer:
        raise UserError(NO_SIGNER)
    lang = getattr(args, "ui_lang", None) or saved_language(ctx.data_dir)
    translate = message_translator(lang, ctx.data_dir)
    for text in ((NO_SIGNER,) if no_signer else ()) + ((NO_LOGO,) if no_logo else ()):
        print(tr(lang, WARNING).format(message=Message(text).render(translate)), file=sys.stderr)


def cmd_attendance_sheet(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..pdf import documents

    if not 0 <= args.blank_rows <= 200:
        raise UserError(N_("--blank-rows must be between 0 and 200."))
    out = documents.attendance_sheet_pdf(ctx.store, args.training, args.out, lang=args.lang,
                                         blank_rows=args.blank_rows)
    ctx.say(C_("Attendance sheet written to {path}"), path=out)
    return 0


def cmd_plan_pdf(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..pdf import documents

    out = documents.plan_pdf(ctx.store, args.plan, args.out, lang=args.lang)
    ctx.say(C_("Plan written to {path}"), path=out)
    return 0


def cmd_summary(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..pdf import documents
    from ..services import installation

    cid = installation.find_community(ctx.store, args.community).id if args.community else None
    out = documents.summary_pdf(ctx.store, args.out, date_from=args.date_from, date_to=args.date_to,
                                community_id=cid, lang=args.lang)
    ctx.say(C_("Summary written to {path}"), path=out)
    return 0


def _printed_facts(args):  # type: ignore[no-untyped-def]
    """The facts given with --name ... --issued, or None when none is given."""
    from ..services.certificate_signing import PrintedFacts

    given = {k: getattr(args, k) for k in ("name", "title", "first_day", "last_day", "hours", "total_hours",
                                           "community", "issued")}
    if all(v is None for v in given.values()):
        return None
    missing = [k for k in ("name", "title", "hours", "total_hours", "community", "issued") if given[k] is None]
    if missing:
        raise UserError(N_("To check a certificate by the facts printed on it, give all of them: missing {names}."),
                        names=", ".join("--" + k.replace("_", "-") for k in missing))
    return PrintedFacts(given["name"], given["title"], given["first_day"], given["last_day"], given["hours"],
                        given["total_hours"], given["community"], given["issued"])


def cmd_verify_certificate(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..formatting import fmt_date, fmt_period
    from ..i18n import Message
    from ..services import certificate_signing, certificates
    from . import message_translator, saved_language

    printed = _printed_facts(args)
    if args.image:
        rec = certificate_signing.verify_qr(ctx.store, certificate_signing.read_qr_image(args.image), printed).record
    elif args.qr:
        rec = certificate_signing.verify_qr(ctx.store, args.qr, printed).record
    elif args.serial and args.code:
        rec = certificates.verify(ctx.store, args.serial, args.code)
    else:
        raise UserError(N_("Give the serial and the code, --qr with the QR code's text, or --image with a "
                           "photo of the QR code."))
    lang = getattr(args, "ui_lang", None) or saved_language(ctx.data_dir) or "en"
    msg = Message(N_("Certificate {serial} is genuine: {name}, \"{training}\", {community}, {period}, "
                     "issued on {date}."),
                  serial=rec.serial, name=rec.full_name, training=rec.training_title,
                  community=rec.community.name(lang), period=fmt_period(rec.start, rec.end, lang),
                  date=fmt_date(rec.issued_on, lang))
    ctx.out(msg.render(message_translator(lang, ctx.data_dir)))
    return 0
