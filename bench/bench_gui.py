#!/usr/bin/env python3
"""GUI start-up and filter-as-you-type over 100,000 people, against floors measured in the same run.

    .venv/bin/python bench/bench_gui.py [--people 100000] [--runs 3] [--keep DIR]

1. Cold start: ``python main.py --data-dir DIR`` in a subprocess on a data folder holding
   100,000 people (a field office; the window opens on the People page), with
   ``STRIVE_BENCH=quit``: the app prints the wall-clock time of its first paint, of the
   first paint with the people list filled ("ready": the first screenful of real rows in name
   order is painted, the model has one row per person so the count and the scrollbar are
   right) and of the end of the background read of everyone for filtering ("indexed"), then
   quits. Right after the first paint the login runs (the data folder is encrypted, issue 13)
   while the data core (SQLAlchemy, the store, the first page's services) is imported on a
   background thread; once the key is known the store opens on a worker thread, then the People
   page reads its first screenful through the same service as always
   (people_index.load_people_head) and everyone in the background. Floor: a bare PySide6
   QMainWindow in a subprocess, time to its first paint. Goals: first paint within 1.5x the
   floor, list filled within 4x.

   The login: the bench gives STRIVE_PASSWORD (no typing), and the app prints when the login
   starts ("login") and when the password is accepted ("logged_in", the database key derived).
   The list's time is measured from the moment the password is accepted to the list filled,
   added to the first paint: ``painted + (ready - logged_in)``, what the user waits for apart
   from the login itself. The key derivation (logged_in - login: deliberately slow, it guards
   the data against password guessing) is printed separately, and so is the raw time from
   the start to the list with it included.
2. Imports of the GUI thread before the window is shown: SQLAlchemy, ReportLab and
   cryptography must not be among them (SQLAlchemy comes on the worker that opens the store).
3. Filter-as-you-type: typing names (Latin and Cyrillic) and phone digits key by key into
   the People page's filter over the 100,000 people, right after everyone was read. A
   keystroke is timed from a key press sent to the filter until every event it caused is
   processed and the table (its rows) and the count are painted. Goal: every keystroke under
   50 ms. Floor: a bare list comprehension doing the same substring test over the precomputed
   search keys of everyone (the app's later keystrokes search only what the previous one found,
   so they can come under it).

Prints figures and ratios; asserts nothing (goals are reported as met / NOT met).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from strive_desktop.storage.db import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STRIVE_PASSWORD", "bench-password")  # data folders are encrypted (issue 13)
PY = sys.executable

FLOOR = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
win = QMainWindow(); win.setCentralWidget(QLabel("STRIVE Desktop")); win.resize(1280, 720)
class W(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("FLOOR painted %.6f" % time.time(), flush=True)
            QTimer.singleShot(0, app.quit)
            o.removeEventFilter(self)
        return False
w = W(); win.installEventFilter(w); win.show(); app.exec()
"""


def env() -> dict[str, str]:
    e = dict(os.environ)
    # Byte-compiled modules, as an installed app or the bundle has them (the warm-up run writes
    # them): with PYTHONDONTWRITEBYTECODE every start would compile the app's sources again.
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    e["STRIVE_BENCH"] = "quit"
    return e


def build_folder(folder: Path, n: int) -> None:
    """A Nookat field office with *n* people, 40 of them in its advisory group."""
    from strive_desktop.services import installation
    from strive_desktop.services.people_index import load_people_index
    from strive_desktop.storage.db import open_store

    st = open_store(folder)
    try:
        if not (installation.is_initialised(st) and len(load_people_index(st)) >= n):
            _fill(st, n)
    finally:
        st.close()
    from strive_desktop.gui.i18n import gui_settings

    s = gui_settings(folder)  # also on a kept folder a session left on another page
    s.setValue("window/page", "people")
    s.setValue("language", "en")
    s.sync()


def _fill(st: Store, n: int) -> None:
    from strive_desktop.services import demo, installation, rosters
    from strive_desktop.storage.seed import community_id

    rng = random.Random(7)
    nookat = community_id("nookat")
    installation.init_installation(st, name="Nookat office", community=nookat, user_name="Bench")
    gid = rosters.create_group(st, nookat, "Ноокат консультативдик тобу")
    sectors = ["youth", "women", "religious_leader", "law_enforcement", "local_self_government",
               "aksakal_court", "social_worker", "lawyer", "other"]
    inputs = []
    for _ in range(n):
        female = rng.random() < 0.5
        given = rng.choice(demo.FEMALE if female else demo.MALE)
        surname = rng.choice(demo.SURNAMES) + ("а" if female else "")
        inputs.append(rosters.PersonInput(
            full_name=f"{surname} {given}", sex="f" if female else "m", sector=rng.choice(sectors),
            community_id=nookat, birth_year=rng.randint(1950, 2006),
            phone=f"0{rng.choice(['555', '700', '770', '772', '509', '220'])}{rng.randint(100000, 999999)}"))
    rosters.bulk_add_people(st, inputs[:40], group_id=gid)
    rosters.bulk_add_people(st, inputs[40:])


def run(cmd: list[str], marker: str) -> dict[str, float]:
    start = time.time()
    out = subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=120)
    events = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == marker:
            events[parts[1]] = float(parts[2]) - start
            for kv in parts[3:]:
                k, _, v = kv.partition("=")
                events[f"{parts[1]}.{k}"] = float(v) if v.lstrip("-").isdigit() else 0.0
    if out.returncode != 0 or not events:
        raise SystemExit(f"{cmd} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    return events


def cold_start(folder: Path, runs: int) -> None:
    floor, paint, ready, indexed, derive, raw = [], [], [], [], [], []
    rows = 0.0
    progressive = False
    run([PY, "-c", FLOOR], "FLOOR")  # warm the OS file cache once for both
    run([PY, "main.py", "--data-dir", str(folder)], "STRIVE_BENCH")
    for _ in range(runs):
        floor.append(run([PY, "-c", FLOOR], "FLOOR")["painted"])
        ev = run([PY, "main.py", "--data-dir", str(folder)], "STRIVE_BENCH")
        paint.append(ev["painted"])
        if not ev.get("ready.first_row_filled", 1.0):
            raise SystemExit("the list was reported filled with an empty first row")
        accepted = ev.get("logged_in", ev["painted"])
        derive.append(accepted - ev.get("login", accepted))
        raw.append(ev["ready"])
        ready.append(ev["painted"] + ev["ready"] - accepted)  # the login taken out
        indexed.append(ev["painted"] + ev.get("indexed", ev["ready"]) - accepted)
        progressive = progressive or bool(ev.get("ready.loading", 0.0))
        rows = ev.get("ready.rows", 0.0)
    f, p, r, x = min(floor), min(paint), min(ready), min(indexed)
    med = statistics.median
    print(f"cold start, best of {runs} (python main.py on {int(rows):,} people, People page; "
          f"load average {os.getloadavg()[0]:.1f}):")
    print(f"  floor: bare PySide6 window first paint   {f * 1000:7.0f} ms")
    print(f"  app: window first painted                {p * 1000:7.0f} ms  = {p / f:4.2f}x floor "
          f"(goal 1.5x: {'met' if p <= 1.5 * f else 'NOT met'})")
    print(f"  app: people list filled and painted      {r * 1000:7.0f} ms  = {r / f:4.2f}x floor "
          f"(goal 4x: {'met' if r <= 4 * f else 'NOT met'}; first paint + password accepted -> list)")
    print(f"  login: key derivation (STRIVE_PASSWORD)  {min(derive) * 1000:7.0f} ms  (not in the line above; "
          f"start -> list with it: {min(raw) * 1000:.0f} ms = {min(raw) / f:4.2f}x floor)")
    print(f"  medians: floor {med(floor) * 1000:.0f} ms, painted {med(paint) / med(floor):4.2f}x, "
          f"list {med(ready) / med(floor):4.2f}x, key derivation {med(derive) * 1000:.0f} ms")
    print("    = first screenful of real rows (name order) painted, total count and scrollbar "
          f"for all {int(rows):,} rows" + ("; the rest read in the background:" if progressive else ""))
    if progressive:
        print(f"  app: everyone in memory, filter ready      {x * 1000:7.0f} ms  = {x / f:4.2f}x floor "
              "(a filter typed before waits for it)")
    print("  all runs (ms): floor " + " ".join(f"{v * 1000:.0f}" for v in floor)
          + " | painted " + " ".join(f"{v * 1000:.0f}" for v in paint)
          + " | list " + " ".join(f"{v * 1000:.0f}" for v in ready)
          + " | key derivation " + " ".join(f"{v * 1000:.0f}" for v in derive)
          + (" | indexed " + " ".join(f"{v * 1000:.0f}" for v in indexed) if progressive else ""))
    # What goes into the list's time, and what it no longer waits for, each measured in a fresh
    # process: importing the data core (SQLAlchemy; on the worker that opens the store) and
    # reading everyone from SQLite (on a background thread after the first screenful).
    e = env()
    e.pop("STRIVE_BENCH")
    imp = min(float(subprocess.run(
        [PY, "-c", "import time; t = time.perf_counter(); import strive_desktop.services.installation; "
                   "print(time.perf_counter() - t)"], cwd=ROOT, env=e, capture_output=True, text=True,
        timeout=60).stdout) for _ in range(runs))
    sql = ("select p.id, p.full_name, p.sex, p.birth_year, p.sector, p.phone, p.community_id, c.name_en, "
           "p.name_key from people p join communities c on c.id = p.community_id where p.deleted = 0 "
           "order by p.sort_key")
    from strive_desktop.storage.datafolder import DataFolder
    from strive_desktop.storage.vault import key_from_environment

    key = key_from_environment(DataFolder(folder))[1]  # the raw read goes through SQLCipher too
    fetch = min(float(subprocess.run(
        [PY, "-c", f"import time; from strive_desktop.storage import cipher; t = time.perf_counter(); "
                   f"c = cipher.connect({str(folder / 'strive.sqlite3')!r}, bytes.fromhex({key.hex()!r})); "
                   f"rows = c.execute({sql!r}).fetchall(); print(time.perf_counter() - t)"],
        cwd=ROOT, env=e, capture_output=True, text=True, timeout=60).stdout) for _ in range(runs))
    print(f"  importing the data core (SQLAlchemy, before the list) {imp * 1000:.0f} ms, "
          f"a raw sqlite3 read of all the rows (not waited for by the list) {fetch * 1000:.0f} ms;")
    print(f"  floor + those = {(f + imp + fetch) * 1000:.0f} ms: the app's list is {r / (f + imp + fetch):4.2f}x "
          f"that, everyone in memory {x / (f + imp + fetch):4.2f}x")


HEAVY = {"sqlalchemy", "reportlab", "cryptography", "alembic", "zxingcpp", "pikepdf"}


def imports_before_paint(folder: Path) -> None:
    """Modules the GUI thread imported before the window is shown (the store then opens on a
    worker thread while the window is painted)."""
    code = ("import sys\n"
            "import strive_desktop.gui.app as a\n"
            "preload = a.preload_data_core\n"
            "def spy():\n"
            "    print('PAINT', ' '.join(sorted(sys.modules)), flush=True)\n"
            "    return preload()\n"
            "a.preload_data_core = spy\n"
            "from strive_desktop.cli import main\n"
            f"main(['--data-dir', {str(folder)!r}])\n")
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env(), capture_output=True, text=True, timeout=120)
    for mark, when in (("PAINT", "the window is shown"),):
        line = next((ln for ln in out.stdout.splitlines() if ln.startswith(mark + " ")), "")
        mods = set(line.split()[1:])
        roots = sorted({m.split(".")[0] for m in mods if m.split(".")[0] in HEAVY})
        print(f"modules loaded before {when}: {len(mods)}; heavy ones: "
              f"{', '.join(roots) if roots else 'none (no sqlalchemy, reportlab, cryptography)'}")
    e = env()
    e.pop("STRIVE_BENCH")
    t = subprocess.run([PY, "-X", "importtime", "-c", "import strive_desktop.cli, strive_desktop.gui.app"],
                       cwd=ROOT, env=e, capture_output=True, text=True, timeout=60)
    total = 0
    for ln in t.stderr.splitlines():
        parts = ln.split("|")
        if len(parts) == 3 and parts[2].strip() in ("strive_desktop.cli", "strive_desktop.gui.app"):
            total += int(parts[1])
    print(f"  import time of strive_desktop.cli + gui.app (PySide6 included): {total / 1000:.0f} ms")


def filter_latency(folder: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from strive_desktop.gui.context import AppContext
    from strive_desktop.gui.pages.people import PeoplePage
    from strive_desktop.services.people_index import sectors_matching
    from strive_desktop.storage.db import open_store

    app = QApplication.instance() or QApplication([])
    st = open_store(folder)
    try:
        page = PeoplePage(AppContext(st, "en"))
        page.resize(1176, 700)
        page.show()
        t0 = time.perf_counter()
        page.refresh()
        app.processEvents()
        while getattr(page, "loading", False):  # everyone read in the background
            app.processEvents()
            time.sleep(0.001)
        load = time.perf_counter() - t0
        total = page.model.total()
        print(f"filter-as-you-type over {total:,} people (People page, offscreen; load {load * 1000:.0f} ms):")
        print("  one keystroke = a key press and release sent to the filter, every event it causes processed, "
              "until the table (its rows) and the count are painted")
        index = page.model._index
        keys = index.name_keys
        from strive_desktop.domain.names import search_key

        painted: set[QObject] = set()

        class Paints(QObject):
            def eventFilter(self, o: QObject, e: QEvent) -> bool:  # noqa: N802
                if e.type() == QEvent.Type.Paint:
                    painted.add(o)
                return False

        spy = Paints()
        view, count = page.table.viewport(), page.count
        view.installEventFilter(spy)
        count.installEventFilter(spy)

        def keystroke(ch: str) -> None:
            key = Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(page.filter, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
            app.processEvents()  # what the key caused: filter, count, layout, the paint of what changed
            if view not in painted:  # offscreen may defer the paint: do it now, inside the keystroke
                view.repaint()
            if count not in painted:
                count.repaint()

        words = ["asanov", "Өмүрбекова", "айгүл", "0555 12", "youth", "zhumabaev nurlan"]
        worst_all = 0.0
        for word in words:
            page.filter.clear()
            app.processEvents()
            times, floors = [], []
            for i in range(1, len(word) + 1):
                painted.clear()
                t = time.perf_counter()
                keystroke(word[i - 1])
                times.append(time.perf_counter() - t)
                assert page.filter.text() == word[:i], (page.filter.text(), word[:i])
                t = time.perf_counter()
                k = search_key(word[:i])
                sectors = set(sectors_matching(k)) if k else set()
                _ = [j for j, key in enumerate(keys) if (k and k in key) or index.sectors[j] in sectors]
                floors.append(time.perf_counter() - t)
            shown = page.model.rowCount()
            worst, med = max(times), statistics.median(times)
            worst_all = max(worst_all, worst)
            print(f"  {word!r:20} {len(word):2} keys: median {med * 1000:5.1f} ms, worst {worst * 1000:5.1f} ms "
                  f"(floor: bare comprehension median {statistics.median(floors) * 1000:5.1f} ms, "
                  f"{med / max(statistics.median(floors), 1e-9):4.1f}x); {shown:,} shown; "
                  f"goal <50 ms: {'met' if worst < 0.05 else 'NOT met'}")
            print("    each key (ms): " + " ".join(f"{v * 1000:.0f}" for v in times)
                  + " | floor " + " ".join(f"{v * 1000:.0f}" for v in floors))
        print(f"  worst keystroke of all {worst_all * 1000:.1f} ms: goal <50 ms "
              f"{'met' if worst_all < 0.05 else 'NOT met'} (load average {os.getloadavg()[0]:.1f})")
    finally:
        st.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="reuse/keep the data folder here")
    args = ap.parse_args()
    tmp = None
    folder = args.keep
    if folder is None:
        tmp = tempfile.TemporaryDirectory(prefix="strive-bench-gui-")
        folder = Path(tmp.name) / "data"
    t = time.perf_counter()
    build_folder(folder, args.people)
    print(f"data folder {folder} with {args.people:,} people ready in {time.perf_counter() - t:.1f} s")
    cold_start(folder, args.runs)
    imports_before_paint(folder)
    filter_latency(folder)
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
