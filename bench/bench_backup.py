"""Backups and the role guard: encrypted whole-folder backups (services/backups.py) against a
plain file copy of the same bytes measured in the same run, and bulk writes of a logged-in
account (every statement passes the role guard of services/accounts.py) against the same
writes with nobody logged in.

    .venv/bin/python bench/bench_backup.py [--people 100000] [--attachments 40]

Prints each figure and its ratio to its floor. Never run by the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_storage import best_of, line, make_inputs, timed  # noqa: E402

from strive_desktop.services import accounts, backups, installation, rosters  # noqa: E402
from strive_desktop.storage.datafolder import DataFolder  # noqa: E402
from strive_desktop.storage.db import Store, open_store  # noqa: E402
from strive_desktop.storage.seed import community_id  # noqa: E402
from strive_desktop.storage.vault import Vault  # noqa: E402

PASSWORD = "bench-pass-1"


def folder_with(root: Path, name: str) -> Store:
    folder = DataFolder(root / name).ensure()
    key = Vault(folder).create("Aida", PASSWORD)
    st = open_store(folder.root, key=key, account="Aida")
    installation.init_installation(st, name="Bench office", community=community_id("nookat"), user_name="Aida")
    return st


def plain_copy(folder: DataFolder, dest: Path) -> None:
    dest.mkdir()
    shutil.copyfile(folder.db_path, dest / "db")
    shutil.copytree(folder.attachments, dest / "attachments")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--attachments", type=int, default=40, help="1 MB scans in attachments/")
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        print(f"Role guard on bulk writes ({args.people:,} people, encrypted store):")
        inputs = make_inputs(args.people, rng)
        free = folder_with(tmp, "free")  # nobody logged in: no guard
        t_free, _ = timed(lambda: rosters.bulk_add_people(free, inputs))
        free.close()
        guarded = folder_with(tmp, "guarded")
        accounts.login(guarded, "Aida")
        t_guard, _ = timed(lambda: rosters.bulk_add_people(guarded, inputs))
        line("bulk_add_people, nobody logged in (floor)", t_free)
        line("bulk_add_people, logged in (role guard)", t_guard, t_free)

        print(f"Encrypted backup of the folder ({args.attachments} attachments of 1 MB):")
        folder = guarded.folder
        for i in range(args.attachments):
            (folder.attachments / f"{i:064x}.pdf").write_bytes(os.urandom(1 << 20))
        size = folder.db_path.stat().st_size + args.attachments * (1 << 20)
        n = 0

        def copy() -> None:
            nonlocal n
            n += 1
            plain_copy(folder, tmp / f"copy{n}")

        floor = best_of(3, copy)
        made: list[Path] = []

        def write() -> None:
            made.append(backups.write_backup(guarded, tmp / f"b{len(made)}.strivebak").path)

        t_write = best_of(3, write)
        t_verify = best_of(3, lambda: backups.verify(made[0], guarded.key))
        line(f"plain file copy of {size / 1e6:.0f} MB (floor)", floor)
        line("write_backup (encrypt, then read back and check)", t_write, floor)
        line("  of which verify (decrypt all, quick_check)", t_verify, floor)
        r = 0

        def restore() -> None:
            nonlocal r
            r += 1
            backups.restore_backup(DataFolder(tmp / f"new{r}").ensure(), made[0], "Aida", PASSWORD)

        line("restore_backup into a new folder", best_of(3, restore), floor)
        print(f"  backup file: {made[0].stat().st_size / 1e6:.1f} MB for {size / 1e6:.1f} MB of data")
        guarded.close()


if __name__ == "__main__":
    main()
