"""People commands: duplicates (candidate pairs with scores), merge-people, unmerge. No Qt."""

from __future__ import annotations

import argparse

from ..domain import matching as mt
from .language import C_

REASONS = {
    mt.R_PIN: C_("same personal number (PIN)"),
    mt.R_NAME: C_("same name"),
    mt.R_NAME_LATIN: C_("same name in other letters (Latin / Cyrillic)"),
    mt.R_NAME_ORDER: C_("same name in another word order"),
    mt.R_NAME_CLOSE: C_("name one letter apart"),
    mt.R_NAME_VARIANT: C_("same name in another spelling"),
    mt.R_PATRONYMIC: C_("patronymic written in one record only"),
    mt.R_YEAR: C_("same birth year"),
    mt.R_PHONE: C_("same phone"),
    mt.R_COMMUNITY: C_("same community"),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("duplicates", help="people who may be one person, with scores (most likely first)")
    p.add_argument("--community", help="only pairs with someone of this community (name, code or id)")
    p.add_argument("--likely", action="store_true", help=f"only likely pairs (score >= {mt.LIKELY})")
    p.set_defaults(handler=cmd_duplicates, needs_lock=False)

    p = sub.add_parser("merge-people", help="merge OTHER into KEEP: one person, their records moved to KEEP")
    p.add_argument("keep", help="id (or its first 8 characters) of the person to keep")
    p.add_argument("other", help="id of the person merged into KEEP (kept as a tombstone pointing to KEEP)")
    p.set_defaults(handler=cmd_merge, needs_lock=True)

    p = sub.add_parser("unmerge", help="undo a merge: the merged person and their records come back")
    p.add_argument("id", help="id of the merged person (as 'merge-people' printed it)")
    p.set_defaults(handler=cmd_unmerge, needs_lock=True)

    p = sub.add_parser("keep-apart", help="remember that two people are not one person")
    p.add_argument("a")
    p.add_argument("b")
    p.set_defaults(handler=cmd_keep_apart, needs_lock=True)


def _side(p) -> str:  # type: ignore[no-untyped-def]
    bits = [str(p.birth_year) if p.birth_year else "?", p.sex, p.community_name]
    if p.phone:
        bits.append(p.phone)
    return f"{p.id[:8]} {p.full_name} ({', '.join(bits)})"


def cmd_duplicates(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import installation, people_merge

    cid = installation.find_community(ctx.store, args.community).id if args.community else None
    pairs = people_merge.review_pairs(ctx.store, community_id=cid,
                                      threshold=mt.LIKELY if args.likely else mt.POSSIBLE)
    if not pairs:
        ctx.say(C_("No likely duplicates."))
        return 0
    for pair in pairs:
        why = ", ".join(ctx.text(REASONS[r]) for r in pair.reasons if r in REASONS)
        line = C_("{score} likely {a}  <->  {b}: {why}") if pair.likely else \
            C_("{score} possible {a}  <->  {b}: {why}")
        ctx.say(line, score=f"{pair.score:.2f}", a=_side(pair.a), b=_side(pair.b), why=why)
    ctx.say(C_("{n} pair(s). Merge with: merge-people KEEP OTHER"), n=len(pairs))
    return 0


def cmd_merge(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import people_merge

    keep = people_merge.resolve_person(ctx.store, args.keep)
    other = people_merge.resolve_person(ctx.store, args.other)
    r = people_merge.merge_people(ctx.store, keep, other)
    ctx.say(C_("Merged {merged} into {kept}: {memberships} membership(s), {attendance} attendance record(s), "
               "{certificates} certificate(s) moved. Undo with: unmerge {short}"),
            merged=r.merged_id, kept=r.survivor_id, memberships=r.memberships, attendance=r.attendance,
            certificates=r.certificates, short=r.merged_id[:8])
    return 0


def cmd_unmerge(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import people_merge

    merged = people_merge.resolve_person(ctx.store, args.id)
    survivor = people_merge.unmerge(ctx.store, merged)
    ctx.say(C_("{merged} is a person of their own again (kept apart from {kept})."), merged=merged, kept=survivor)
    return 0


def cmd_keep_apart(args, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import people_merge

    a = people_merge.resolve_person(ctx.store, args.a)
    b = people_merge.resolve_person(ctx.store, args.b)
    people_merge.keep_apart(ctx.store, a, b)
    ctx.say(C_("Kept apart: they will not be offered as one person again."))
    return 0
