#!/usr/bin/env python3
"""The standalone bundle (python3 dev.py bundle): cold start and size on disk.

    .venv/bin/python bench/bench_bundle.py [--bundle dist/strive-desktop] [--people 100000] [--runs 3]

1. Cold start to the People list: the bundle's executable against ``python main.py`` from
   the sources (the floor, measured in the same run, alternating), both on the same data
   folder of a field office with *--people* people, offscreen, with ``STRIVE_BENCH=quit``
   (the app prints when the window is first painted and when the people list is filled, then
   quits; see bench/bench_gui.py). Goal: the bundle within 1.2x of the sources.
2. Size on disk of the unpacked bundle folder (symbolic links counted once), its largest parts,
   and the Qt plugins and translations it carries. Goal: under 250 MB.

Prints figures and ratios; asserts nothing (goals are reported as met / NOT met).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("STRIVE_PASSWORD", "bench-password")  # data folders are encrypted (issue 13)

from bench_gui import build_folder, run  # noqa: E402

PY = sys.executable


def disk_size(folder: Path) -> int:
    return sum(f.lstat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def executable(bundle: Path) -> Path:
    exe = bundle / ("strive-desktop.exe" if os.name == "nt" else "strive-desktop")
    if not exe.exists():
        raise SystemExit(f"no bundle at {bundle}: build it with python3 dev.py bundle")
    return exe


def cold_start(bundle: Path, folder: Path, runs: int) -> None:
    exe = executable(bundle)
    source_cmd = [PY, str(ROOT / "main.py"), "--data-dir", str(folder)]
    bundle_cmd = [str(exe), "--data-dir", str(folder)]
    run(source_cmd, "STRIVE_BENCH")  # warm the OS file cache once for both
    run(bundle_cmd, "STRIVE_BENCH")
    src: dict[str, list[float]] = {"painted": [], "ready": []}
    bun: dict[str, list[float]] = {"painted": [], "ready": []}
    rows = 0.0
    for _ in range(runs):
        for cmd, into in ((source_cmd, src), (bundle_cmd, bun)):
            ev = run(cmd, "STRIVE_BENCH")
            into["painted"].append(ev["painted"])
            into["ready"].append(ev["ready"])
            rows = ev.get("ready.rows", rows)
    print(f"cold start, best of {runs} ({int(rows):,} people, People page, offscreen):")
    for key, what in (("painted", "window first painted"), ("ready", "people list filled")):
        s, b = min(src[key]), min(bun[key])
        goal = f" (goal 1.2x: {'met' if b <= 1.2 * s else 'NOT met'})" if key == "ready" else ""
        print(f"  {what:22} sources (floor) {s * 1000:6.0f} ms | bundle {b * 1000:6.0f} ms "
              f"= {b / s:4.2f}x{goal}")
    print("  all runs (ms): sources " + " ".join(f"{v * 1000:.0f}" for v in src["ready"])
          + " | bundle " + " ".join(f"{v * 1000:.0f}" for v in bun["ready"]))


def size_report(bundle: Path) -> None:
    total = disk_size(bundle)
    goal = 250e6
    print(f"bundle size on disk: {total / 1e6:.0f} MB (goal under {goal / 1e6:.0f} MB: "
          f"{'met' if total < goal else 'NOT met'})")
    internal = bundle / "_internal"
    parts = sorted(((disk_size(p) if p.is_dir() else p.lstat().st_size, p.name)
                    for p in internal.iterdir() if not p.is_symlink()), reverse=True)
    print("  largest parts: " + ", ".join(f"{name} {size / 1e6:.0f} MB" for size, name in parts[:8]))
    qt = next((p for p in (internal / "PySide6" / "Qt", internal / "PySide6") if (p / "plugins").is_dir()), None)
    if qt is not None:
        plugins = sorted(f"{p.parent.name}/{p.stem.removeprefix('lib')}"
                         for p in (qt / "plugins").rglob("*") if p.is_file())
        print(f"  Qt plugins ({len(plugins)}): " + ", ".join(plugins))
        qms = sorted(p.name for p in (qt / "translations").glob("*.qm")) if (qt / "translations").is_dir() else []
        print(f"  Qt translations: {', '.join(qms) or 'none'}")
        libs = sorted(p.name.split(".")[0].removeprefix("lib") for p in qt.rglob("*Qt6*") if p.is_file())
        print(f"  Qt libraries ({len(libs)}): " + ", ".join(libs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / "strive-desktop")
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="reuse/keep this data folder")
    args = ap.parse_args()
    size_report(args.bundle)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "data"
        build_folder(folder, args.people)
        cold_start(args.bundle, folder, args.runs)


if __name__ == "__main__":
    main()
