"""The merge state of every synced record and the field-level merge.

Each record has a *meta* (kept in ``sync_record_meta`` and sent in packages)::

    {"vv": {installation: counter},          # every write of this record seen here
     "s":  [[installation, counter, ts, ctx], ...],   # the writes still referenced below;
                                              # ctx = the record's vv at the writer before it
     "f":  {field: [[stamp index, value], ...]}}      # per field the writes nobody has seen
                                              # past (an antichain); the first one wins

A write *a* is older than a write *b* when ``b.ctx[a.installation] >= a.counter``. Merging keeps,
per field, every write that no other known write has seen (so any arrival order gives the same
set). Among writes of a field that did not see each other (concurrent), the winner is decided by
nothing the sender can inflate: a write of headquarters wins over a field installation's, then
the larger installation id, then the larger counter (``rank``); the writer's clock plays no part.
Two or more survivors are a conflict: the winner is applied, the others are listed for review. A deletion that did not see
a concurrent edit (and vice versa) is a conflict of the same kind; the deletion wins.

Local edits are captured lazily: a row whose ``changed_by`` is this installation with a counter
above what its meta knows becomes a write of exactly the fields that differ from the meta.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import JSON as SA_JSON
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Table, and_, or_, select
from sqlalchemy.engine import Connection

from ..domain.names import duplicate_key, search_key, sort_key
from ..storage.models import SYNCED_MODELS, Base, Installation, Setting
from ..storage.sync_models import SyncRecordMeta

ROW_STAMP = ("changed_by", "change_counter", "updated_at")
# Columns computed from another field of the same row: they do not travel (packages from
# versions without them could not carry them anyway); the importer recomputes them.
# {table: {column: (source field, function)}}
DERIVED: dict[str, dict[str, tuple[str, Any]]] = {"people": {"sort_key": ("full_name", sort_key)}}
NOT_FIELDS = {"id", *ROW_STAMP, *(c for cols in DERIVED.values() for c in cols)}
# Derived columns that still travel as fields (older versions need them) but whose received
# value is never believed: the importer stores the value recomputed from the source field, so a
# package cannot hide a person from search or from the duplicate warning.
RECOMPUTED: dict[str, dict[str, tuple[str, Any]]] = {
    "people": {"name_key": ("full_name", search_key), "dup_key": ("full_name", duplicate_key)}}


def recomputed(table: str) -> dict[str, tuple[str, Any]]:
    """Every column of *table* whose stored value is recomputed from another field on import."""
    return {**RECOMPUTED.get(table, {}), **DERIVED.get(table, {})}

def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class (typed: ``__table__`` is only a FromClause)."""
    return cast(Table, model.__table__)


META = table_of(SyncRecordMeta)


@dataclass(frozen=True)
class Col:
    name: str
    kind: str
    nullable: bool
    length: int | None


@dataclass(frozen=True)
class TableInfo:
    name: str
    table: Any
    cols: dict[str, Col]
    fields: tuple[str, ...]
    fks: dict[str, str]
    columns: tuple[Any, ...]
    checks: tuple[tuple[str, str, bool, int | None], ...]
    raw_conv: tuple[tuple[str, Any], ...]  # per table column: (name, converter to SQLite or None)
    stamp_pos: tuple[int, int, int, int]   # positions of id, changed_by, change_counter, updated_at
    fast_checks: tuple[tuple[str, Any, bool, int | None, str], ...]  # name, Python type, nullable, length, kind


def _kind(t: Any) -> str:
    if isinstance(t, DateTime):
        return "datetime"
    if isinstance(t, Date):
        return "date"
    if isinstance(t, Boolean):
        return "bool"
    if isinstance(t, Integer):
        return "int"
    if isinstance(t, Float):
        return "float"
    if isinstance(t, SA_JSON):
        return "json"
    return "str"


def _table_info(model: Any) -> TableInfo:
    table = model.__table__
    cols = {c.name: Col(c.name, _kind(c.type), bool(c.nullable),
                        c.type.length if isinstance(c.type, String) else None) for c in table.columns}
    fks = {}
    for c in table.columns:
        for fk in c.foreign_keys:
            fks[c.name] = fk.column.table.name
    fields = tuple(sorted(n for n in cols if n not in NOT_FIELDS))
    checks = tuple((n, cols[n].kind, cols[n].nullable, cols[n].length) for n in fields)
    names = [c.name for c in table.columns]
    conv = tuple((n, _RAW_CONV.get(cols[n].kind)) for n in names)
    pos = (names.index("id"), names.index("changed_by"), names.index("change_counter"), names.index("updated_at"))
    fast = tuple((n, _PYTYPE.get(cols[n].kind), cols[n].nullable, cols[n].length, cols[n].kind) for n in fields)
    # a plain str: SQLAlchemy's quoted_name makes sqlite3 look for an adapter on every bind
    return TableInfo(str(table.name), table, cols, fields, fks, tuple(table.columns), checks, conv, pos, fast)


def _dt_raw(v: Any) -> Any:
    return None if v is None else v.replace("T", " ", 1)


def _bool_raw(v: Any) -> Any:
    return None if v is None else (1 if v else 0)


def _json_raw(v: Any) -> Any:
    return None if v is None else json.dumps(v)


_PYTYPE = {"str": str, "int": int, "bool": bool, "float": float}
_RAW_CONV = {"datetime": _dt_raw, "bool": _bool_raw, "json": _json_raw}


TABLES: dict[str, TableInfo] = {m.__tablename__: _table_info(m) for m in SYNCED_MODELS}
ORDER: tuple[str, ...] = tuple(TABLES)


# ---- values ----------------------------------------------------------------------------------

def canon(value: Any) -> Any:
    """A column value as JSON (dates ISO, datetimes ISO with microseconds)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_db(col: Col, value: Any) -> Any:
    if value is None:
        return None
    if col.kind == "date":
        return dt.date.fromisoformat(value)
    if col.kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if col.kind == "float":
        return float(value)
    return value


def check_value(col: Col, value: Any) -> str | None:
    """None if *value* fits the column, else the reason (English, for the set-aside list)."""
    if value is None:
        return None if col.nullable else f"{col.name} is empty"
    k = col.kind
    ok = True
    if k == "str":
        ok = isinstance(value, str)
        if ok and col.length and len(value) > col.length:
            return f"{col.name} is longer than {col.length} characters"
    elif k == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif k == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif k == "bool":
        ok = isinstance(value, bool)
    elif k in ("date", "datetime"):
        ok = canonical_time(k, value)
    if not ok:
        return f"{col.name} has an invalid value"
    return None


def canonical_time(kind: str, value: Any) -> bool:
    """Is *value* a date (``2026-03-01``) or naive datetime (``2026-03-01T09:00:00.000000``) in the
    one spelling used everywhere (so a stored value compares equal to a re-read one)?"""
    if not isinstance(value, str):
        return False
    try:
        if kind == "date":
            return dt.date.fromisoformat(value).isoformat() == value
        d = dt.datetime.fromisoformat(value)
        return d.tzinfo is None and d.isoformat(timespec="microseconds") == value
    except ValueError:
        return False


def to_raw(col: Col, value: Any) -> Any:
    """A checked JSON value as SQLite stores it through SQLAlchemy's types."""
    if value is None:
        return None
    k = col.kind
    if k == "datetime":
        return value.replace("T", " ", 1)
    if k == "bool":
        return 1 if value else 0
    if k == "json":
        return json.dumps(value)
    return value


# ---- the meta --------------------------------------------------------------------------------

Stamp = tuple[str, int, str]  # installation, counter, ts


class Meta:
    __slots__ = ("vv", "stamps", "ctx", "f")

    def __init__(self) -> None:
        self.vv: dict[str, int] = {}
        self.ctx: dict[Stamp, dict[str, int]] = {}
        self.f: dict[str, list[tuple[Stamp, Any]]] = {}

    @classmethod
    def parse(cls, doc: dict[str, Any]) -> Meta:
        """From the JSON form; raises ValueError/TypeError/KeyError/IndexError if malformed."""
        m = cls()
        vv = doc["vv"]
        if not isinstance(vv, dict):
            raise ValueError("vv")
        m.vv = {str(k): int(v) for k, v in vv.items()}
        stamps: list[Stamp] = []
        for inst, n, ts, ctx in doc["s"]:
            if not isinstance(inst, str) or not isinstance(ts, str) or not isinstance(ctx, dict):
                raise ValueError("stamp")
            st = (inst, int(n), ts)
            stamps.append(st)
            m.ctx[st] = {str(k): int(v) for k, v in ctx.items()}
        for name, ws in doc["f"].items():
            if not isinstance(ws, list) or not ws:
                raise ValueError("field")
            m.f[name] = [(stamps[int(i)], v) for i, v in ws]
        return m

    def to_doc(self) -> dict[str, Any]:
        used = sorted({st for ws in self.f.values() for st, _ in ws}, key=_key)
        index = {st: i for i, st in enumerate(used)}
        return {"vv": dict(sorted(self.vv.items())),
                "s": [[st[0], st[1], st[2], dict(sorted(self.ctx.get(st, {}).items()))] for st in used],
                "f": {name: [[index[st], v] for st, v in ws] for name, ws in sorted(self.f.items())}}

    def dumps(self) -> str:
        return json.dumps(self.to_doc(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def winners(self) -> dict[str, Any]:
        return {name: ws[0][1] for name, ws in self.f.items()}

    def row_stamp(self) -> Stamp:
        return max((ws[0][0] for ws in self.f.values()), key=_key)

    def seen(self, a: Stamp, b: Stamp) -> bool:
        """Had the writer of *b* seen write *a*?"""
        return self.ctx.get(b, {}).get(a[0], 0) >= a[1]


def _key(st: Stamp) -> tuple[str, str, int]:
    return (st[2], st[0], st[1])


def rank(st: Stamp, hq: frozenset[str] = frozenset()) -> tuple[bool, str, int]:
    """The order of concurrent writes, largest first wins: headquarters' writes (installations in
    *hq*) before field installations', then by installation id, then by counter. The same at every
    installation, and no time a sender writes can move it."""
    return (st[0] in hq, st[0], st[1])


def merge(local: Meta | None, incoming: Meta, hq: frozenset[str] = frozenset()) -> Meta:
    """*local* and *incoming* merged. Per field a write seen by another known write is dropped
    (causal order: the later write wins); the concurrent rest is ordered by ``rank`` (*hq* are the
    headquarters installations, the same set everywhere)."""
    if local is None:
        local = Meta()
    out = Meta()
    out.vv = dict(local.vv)
    for k, v in incoming.vv.items():
        if v > out.vv.get(k, -1):
            out.vv[k] = v
    out.ctx = {**incoming.ctx, **local.ctx}
    for name in set(local.f) | set(incoming.f):
        cand: dict[Stamp, Any] = {}
        for st, v in local.f.get(name, ()):
            cand[st] = v
        for st, v in incoming.f.get(name, ()):
            if st not in cand or _vkey(v) > _vkey(cand[st]):
                cand[st] = v
        if len(cand) == 1:
            out.f[name] = list(cand.items())
            continue
        keep = [(st, v) for st, v in cand.items()
                if not any(o != st and out.seen(st, o) for o in cand)]
        keep.sort(key=lambda w: rank(w[0], hq), reverse=True)
        out.f[name] = keep
    used = {st for ws in out.f.values() for st, _ in ws}
    out.ctx = {st: c for st, c in out.ctx.items() if st in used}
    return out


def _vkey(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def conflicts_of(meta: Meta) -> list[tuple[str, str, Stamp, Any, Stamp, Any]]:
    """(field, kind, winner stamp, winner value, loser stamp, loser value) for every conflict."""
    out = []
    for name, ws in meta.f.items():
        for st, v in ws[1:]:
            out.append((name, "edit", ws[0][0], ws[0][1], st, v))
    dels = meta.f.get("deleted")
    if dels and dels[0][1] is True:
        d = dels[0][0]
        for name, ws in meta.f.items():
            if name == "deleted":
                continue
            for st, v in ws:
                if st != d and not meta.seen(st, d) and not meta.seen(d, st):
                    out.append((name, "delete", d, True, st, v))
    return out


def stamp_text(st: Stamp) -> str:
    return f"{st[0]}:{st[1]}"


# ---- sequence and capture --------------------------------------------------------------------

SEQ_KEY = "sync.seq"
CAPTURED_KEY = "sync.captured_counter"


def _put_setting(conn: Connection, key: str, value: str) -> None:
    from sqlalchemy.dialects.sqlite import insert

    st = table_of(Setting)
    conn.execute(insert(st).values(key=key, value=value).on_conflict_do_update(
        index_elements=[st.c.key], set_={"value": value}))


def next_seq(conn: Connection) -> int:
    st = table_of(Setting)
    cur = conn.execute(select(st.c.value).where(st.c.key == SEQ_KEY)).scalar()
    n = int(cur or 0) + 1
    if cur is None:
        conn.execute(st.insert().values(key=SEQ_KEY, value=str(n)))
    else:
        conn.execute(st.update().where(st.c.key == SEQ_KEY).values(value=str(n)))
    return n


def current_seq(conn: Connection) -> int:
    st = table_of(Setting)
    return int(conn.execute(select(st.c.value).where(st.c.key == SEQ_KEY)).scalar() or 0)


def meta_from_row(info: TableInfo, row: Any) -> Meta:
    m = Meta()
    st: Stamp = (row.changed_by or "", int(row.change_counter or 0), canon(row.updated_at))
    m.vv = {st[0]: st[1]}
    m.ctx = {st: {}}
    m.f = {name: [(st, canon(getattr(row, name)))] for name in info.fields}
    return m


def capture(conn: Connection, me: str, seq: int | None = None) -> tuple[int, int, list[tuple[str, str]]]:
    """Turn local edits not yet known to the merge state into writes. Returns (seq, n, ids)."""
    touched: list[tuple[str, str]] = []
    meta_rows: list[dict[str, Any]] = []
    settings = table_of(Setting)
    done = conn.execute(select(settings.c.value).where(settings.c.key == CAPTURED_KEY)).scalar()
    since = None if done is None else int(done)
    for info in TABLES.values():
        t = info.table
        q = (select(t, META.c.data.label("_meta"), META.c.own.label("_own"))
             .select_from(t.outerjoin(META, and_(META.c.tbl == info.name, META.c.rid == t.c.id))))
        if since is not None:  # only this installation's changes since the last capture (indexed)
            q = q.where(t.c.changed_by == me, t.c.change_counter > since,
                        or_(META.c.rid.is_(None), t.c.change_counter > META.c.own))
        else:  # the first time: every row without a merge state (seeds, data from before sync)
            q = q.where(or_(META.c.rid.is_(None), and_(t.c.changed_by == me, t.c.change_counter > META.c.own)))
        fixes = []
        fields = info.fields
        for row in conn.execute(q):
            if row._meta is None:  # a new row: one write of every field (built directly, it is common)
                inst, n = row.changed_by or "", int(row.change_counter or 0)
                doc = {"f": {name: [[0, canon(getattr(row, name))]] for name in fields},
                       "s": [[inst, n, canon(row.updated_at), {}]], "vv": {inst: n}}
                touched.append((info.name, row.id))
                meta_rows.append({"tbl": info.name, "rid": row.id, "own": n if inst == me else 0,
                                  "data": json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))})
                continue
            else:
                m = Meta.parse(json.loads(row._meta))
                st: Stamp = (me, int(row.change_counter), canon(row.updated_at))
                # a field added by a migration after this merge state was written counts as changed
                changed = [n for n in info.fields if n not in m.f or canon(getattr(row, n)) != m.f[n][0][1]]
                if changed:
                    m.ctx[st] = dict(m.vv)
                    for name in changed:
                        m.f[name] = [(st, canon(getattr(row, name)))]
                    used = {s for ws in m.f.values() for s, _ in ws}
                    m.ctx = {s: c for s, c in m.ctx.items() if s in used}
                m.vv[me] = max(m.vv.get(me, 0), int(row.change_counter))
            rs = m.row_stamp()
            if (row.changed_by, row.change_counter, canon(row.updated_at)) != rs:
                fixes.append({"_id": row.id, "changed_by": rs[0], "change_counter": rs[1],
                              "updated_at": dt.datetime.fromisoformat(rs[2])})
            touched.append((info.name, row.id))
            meta_rows.append({"tbl": info.name, "rid": row.id, "own": m.vv.get(me, 0), "data": m.dumps()})
        if fixes:
            from sqlalchemy import bindparam

            conn.execute(t.update().where(t.c.id == bindparam("_id")), fixes)
    counter = int(conn.execute(select(Installation.counter)).scalar() or 0)
    if counter != since:
        _put_setting(conn, CAPTURED_KEY, str(counter))
    if meta_rows and seq is None:
        seq = next_seq(conn)
    for r in meta_rows:
        r["seq"] = seq
    write_meta(conn, meta_rows)
    return seq or 0, len(meta_rows), touched


def write_meta(conn: Connection, rows: list[dict[str, Any]]) -> None:
    write_meta_rows(conn, [(r["tbl"], r["rid"], r["seq"], r["own"], r["data"]) for r in rows])


def write_meta_rows(conn: Connection, rows: list[tuple[str, str, int, int, str]]) -> None:
    """Insert or replace merge states: (tbl, rid, seq, own, data) tuples."""
    if not rows:
        return
    conn.exec_driver_sql(
        "INSERT INTO sync_record_meta (tbl, rid, seq, own, data) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (tbl, rid) DO UPDATE SET seq = excluded.seq, own = excluded.own, data = excluded.data",
        rows)
