"""A writer killed with SIGKILL loses nothing it committed; the core never loads Qt."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from strive_desktop.services import maintenance
from strive_desktop.services.people_index import load_people_index
from strive_desktop.storage.db import open_store

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "strive_desktop"
CORE_DIRS = ("domain", "storage", "services")
# Everything but gui/ must work without Qt (architecture: only gui/ imports PySide6), except the
# one catalog of texts, which reads the compiled translations with QtCore's QTranslator.
QT_FREE = tuple(sorted(d.name for d in PKG.iterdir() if (d / "__init__.py").exists() and d.name != "gui"))
QT_FREE_MODULES = tuple(sorted(f.stem for f in PKG.glob("*.py") if f.stem != "__init__"))

WRITER = r'''
import sys
from strive_desktop.services import installation, rosters, trainings
from strive_desktop.storage.db import open_store
from strive_desktop.storage.seed import community_id
from strive_desktop.services.people_index import load_people_index

st = open_store(sys.argv[1])
cid = community_id("nookat")
installation.init_installation(st, name="Crash office", community=cid, user_name="Crash")
gid = rosters.create_group(st, cid, "Тобу")
print("group", gid, flush=True)
i = 0
while True:
    i += 1
    inp = rosters.PersonInput(full_name=f"Өмүрбеков Үсөн{i}", sex="m", sector="youth", community_id=cid,
                              birth_year=1980 + i % 30, phone=f"0555{i % 1000000:06d}")
    if i % 10 == 0:
        batch = [rosters.PersonInput(full_name=f"Асанова Айгүл{i}x{k}", sex="f", sector="women",
                                     community_id=cid, birth_year=1990) for k in range(50)]
        for pid in rosters.bulk_add_people(st, batch, group_id=gid):
            print("person", pid, flush=False)
        sys.stdout.flush()
    res = rosters.add_person(st, inp, group_id=gid, allow_duplicate=True)
    print("person", res.person_id, flush=True)
'''


@pytest.mark.slow
def test_writer_killed_with_sigkill_loses_no_committed_record(tmp_path):
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    committed: list[str] = []
    deadline = time.monotonic() + 120
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            kind, _, ident = line.strip().partition(" ")
            if kind == "person":
                committed.append(ident)
            if len(committed) >= 1000 or time.monotonic() > deadline:
                break
        os.kill(proc.pid, signal.SIGKILL)  # in the middle of the burst
        rest, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    # lines already written before the kill were committed too
    complete = rest.split("\n")[:-1]  # a line cut by the kill has no newline: ignore it
    committed += [ln[7:] for ln in complete if ln.startswith("person ") and len(ln) == 7 + 36]
    assert proc.returncode == -signal.SIGKILL, err
    assert len(committed) >= 1000, err

    with open_store(data) as st:  # the lock of the dead process does not block the folder
        report = maintenance.check(st)
        assert report.ok, report.problems
        have = set(load_people_index(st).ids)
        missing = set(committed) - have
        assert not missing
        # every change counter is unique: the killed transaction left no half-stamped rows
        counters = [p["change_counter"] for p in maintenance.dump(st)["people"]]
        assert len(counters) == len(set(counters))
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "check"],
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0 and "check: OK" in r.stdout


# ---- layering --------------------------------------------------------------------------


def _imports(path: Path, *, runtime: bool = False) -> set[str]:
    """The strive_desktop modules (and others) *path* imports, function-level imports included;
    with *runtime*, imports under ``if TYPE_CHECKING:`` (annotations only) are left out.
    ``from .core import x`` counts as importing the module ``x`` when there is one."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip: set[int] = set()
    if runtime:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:  # relative import: resolve against the package
                rel = path.relative_to(ROOT).with_suffix("").parts
                pkg = rel[: len(rel) - node.level]
                mod = ".".join([*pkg, mod] if mod else pkg)
            found.add(mod)
            base = ROOT.joinpath(*mod.split("."))
            for a in node.names:
                if (base / f"{a.name}.py").exists() or (base / a.name / "__init__.py").exists():
                    found.add(f"{mod}.{a.name}")
    return found


@pytest.mark.parametrize("layer", QT_FREE + QT_FREE_MODULES)
def test_nothing_outside_gui_imports_qt_or_the_gui(layer):
    assert set(CORE_DIRS) <= set(QT_FREE)
    files = list((PKG / layer).rglob("*.py")) if (PKG / layer).is_dir() else [PKG / f"{layer}.py"]
    bad = []
    for f in files:
        for mod in _imports(f):
            top = mod.split(".")[0]
            if top in {"PySide6", "PyQt5", "PyQt6", "shiboken6"} or mod.startswith("strive_desktop.gui"):
                if layer == "cli" and mod in ("strive_desktop.gui", "strive_desktop.gui.app"):
                    continue  # a lazy import: cli.main starts the GUI when no command is given
                if layer == "catalog" and mod == "PySide6.QtCore" and _names(f, mod) == {"QTranslator"}:
                    continue  # the catalog reads the .qm files; no widget, no application object
                bad.append(f"{f.relative_to(ROOT)} imports {mod}")
    assert bad == []


def _names(path: Path, module: str) -> set[str]:
    """The names *path* imports from *module* (``from module import a, b``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == module
            for a in node.names}


# Every package and top-level module of strive_desktop, lowest first. A part may import parts
# of a lower rank only; parts of the same rank (sync and pdf) do not import each other, so
# there is no import cycle between packages, function-level imports included.
RANK = {"__init__": 0, "errors": 0, "i18n": 0, "logsetup": 0, "formatting": 0, "catalog": 0,
        "domain": 1, "storage": 2, "services": 3, "sync": 4, "pdf": 4, "gui": 5, "cli": 6}
# The same inside gui/: the runner and shared widgets at the bottom, the window at the top.
GUI_RANK = {"__init__": 0, "forms": 0, "i18n": 0, "ops": 0, "theme": 0, "widgets": 1, "context": 2, "models": 3,
            "pdf_preview": 3, "printing": 4, "dialogs": 5, "pages": 6, "main_window": 7,
            "setup_dialog": 8, "app": 9}


def _part(parts: tuple[str, ...] | list[str]) -> str:
    return parts[0].removesuffix(".py") if parts else "__init__"


def _rank_violations(root: Path, prefix: str, rank: dict[str, int], shared: set[str]) -> list[str]:
    bad = []
    for f in root.rglob("*.py"):
        rel = f.relative_to(root).parts
        if "migrations" in rel:
            continue
        mine = _part(rel)
        assert mine in rank, f"{mine} has no rank: add it to the layering test"
        for mod in _imports(f, runtime=False):
            if not mod.startswith(prefix + "."):
                continue
            other = _part(mod[len(prefix) + 1:].split("."))
            if other == mine or other not in rank:
                continue
            if rank[other] > rank[mine] or (rank[other] == rank[mine] and mine not in shared):
                bad.append(f"{f.relative_to(ROOT)} imports {mod}")
    return bad


def test_every_package_imports_only_lower_ones():
    assert {_part([p.name]) for p in PKG.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()} \
        == set(RANK)
    assert _rank_violations(PKG, "strive_desktop", RANK,
                            {"__init__", "errors", "i18n", "logsetup", "formatting", "catalog"}) == []


def test_the_parts_of_the_gui_import_only_lower_ones():
    gui = PKG / "gui"
    assert {_part([p.name]) for p in gui.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()} \
        == set(GUI_RANK)
    # Annotations only (under TYPE_CHECKING) do not make a cycle; everything else does.
    bad = [b for b in _rank_violations(gui, "strive_desktop.gui", GUI_RANK, {"__init__", "forms", "i18n", "theme"})
           if not _annotation_only(b)]
    assert bad == []


def _annotation_only(violation: str) -> bool:
    path, mod = violation.split(" imports ")
    return mod not in _imports(ROOT / path, runtime=True)


def test_importing_every_service_and_the_cli_does_not_load_qt():
    pkgs = ", ".join(f"strive_desktop.{p}" for p in QT_FREE)
    code = (
        "import importlib, pkgutil, sys\n"
        f"import {pkgs}\n"
        "names = []\n"
        f"for pkg in ({pkgs},):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' in m.name: continue\n"
        "        importlib.import_module(m.name); names.append(m.name)\n"
        "import strive_desktop.cli, strive_desktop.cli.core\n"
        "strive_desktop.cli.build_parser()\n"
        "qt = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(len(names), qt)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    count, qt = r.stdout.strip().split(" ", 1)
    assert int(count) >= 15 and qt == "[]"


def test_demo_store_passes_check(demo_store):
    assert maintenance.check(demo_store).ok


def test_store_reopens_after_close(tmp_path):
    open_store(tmp_path / "d").close()
    with open_store(tmp_path / "d") as st:
        assert len(load_people_index(st)) == 0
