"""What encryption at rest costs (issue 13): SQLCipher against plain SQLite in the same run,
through the same services, plus the password KDF at login.

    .venv/bin/python bench/bench_crypto.py [--people 100000]

The plain store is built for this comparison only (the app never opens a plain database): the
same engine code on the same sqlcipher3 module, without a key. Goals: bulk writes within 1.3x
of plain, people search under 50 ms at 100,000 people, opening the store and reading the
first screen of the People list (the cold start's data part) close to plain; the unlock time
is the scrypt KDF at the production cost (N = 2**17). Never run by the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.pop("STRIVE_KDF_LOG2N", None)  # the production cost

from bench_storage import QUERIES, line, make_inputs, median_of, timed  # noqa: E402

from strive_desktop.services import installation, people_index, rosters  # noqa: E402
from strive_desktop.storage.datafolder import DataFolder  # noqa: E402
from strive_desktop.storage.db import Store, _make_engine, open_store, run_migrations  # noqa: E402
from strive_desktop.storage.seed import seed_reference_data  # noqa: E402
from strive_desktop.storage.vault import Vault  # noqa: E402


def plain_store(root: Path) -> Store:
    folder = DataFolder(root).ensure()
    run_migrations(folder.db_path, key=None)
    store = Store(folder, _make_engine(folder.db_path, None), None, bytes(32))
    seed_reference_data(store)
    return store


def cipher_store(root: Path, password: str) -> tuple[Store, bytes]:
    folder = DataFolder(root).ensure()
    key = Vault(folder).create("bench", password)
    return open_store(root, key=key, account="bench"), key


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=100_000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="strive-bench-crypto-"))
    print(f"STRIVE encryption benchmark: {args.people:,} people; Python {sys.version.split()[0]}")
    try:
        inputs = make_inputs(args.people, random.Random(7))
        plain = plain_store(tmp / "plain")
        t_create, (enc, key) = timed(lambda: cipher_store(tmp / "cipher", "bench-password"))
        for st in (plain, enc):
            installation.init_installation(st, name="Bench HQ", hq=True, user_name="bench")

        print("\nLogin: scrypt N=2**17, r=8, p=1 (the production cost)")
        vault = Vault(DataFolder(tmp / "cipher"))
        t_unlock = median_of(3, lambda: vault.unlock("bench", "bench-password"))
        line("Vault.unlock (key derivation + unwrap)", t_unlock, unit="ms")
        line("Vault.create + open_store of a new folder", t_create, unit="ms")

        print(f"\nBulk writes: rosters.bulk_add_people, {len(inputs):,} people")
        t_plain = timed(lambda: rosters.bulk_add_people(plain, inputs))[0]
        t_enc = timed(lambda: rosters.bulk_add_people(enc, inputs))[0]
        line("plain SQLite (floor)", t_plain)
        line("SQLCipher", t_enc, t_plain)

        print(f"\nPeople search over {len(inputs):,} people (median over {len(QUERIES)} queries)")
        # The People page's search: the index read once (below), then filtered per keystroke;
        # one full search here is a fresh read of the index and the filter.
        sp = statistics.median(median_of(3, lambda q=q: people_index.load_people_index(plain).match(q))
                               for q in QUERIES)
        se = statistics.median(median_of(3, lambda q=q: people_index.load_people_index(enc).match(q))
                               for q in QUERIES)
        line("people search (read + filter), plain (floor)", sp, unit="ms")
        line("people search (read + filter), SQLCipher", se, sp, unit="ms")
        lp = median_of(3, lambda: people_index.load_people_index(plain))
        le = median_of(3, lambda: people_index.load_people_index(enc))
        line("people_index.load_people_index (everyone), plain (floor)", lp, unit="ms")
        line("people_index.load_people_index (everyone), SQLCipher", le, lp, unit="ms")
        index = people_index.load_people_index(enc)
        line("PeopleIndex.match (what the People page runs per keystroke)",
             statistics.median(median_of(5, lambda q=q: index.match(q)) for q in QUERIES), unit="ms")

        plain.close()
        enc.close()
        print("\nCold open of the data folder + the People list's first screen (200 rows)")

        def first_screen_plain() -> None:
            st = Store(DataFolder(tmp / "plain"), _make_engine(tmp / "plain" / "strive.sqlite3", None), None,
                       bytes(32))
            people_index.load_people_head(st, None, 200)
            st.close()

        def first_screen_cipher() -> None:
            st = open_store(tmp / "cipher", key=key, migrate=False)
            people_index.load_people_head(st, None, 200)
            st.close()

        fp = median_of(5, first_screen_plain)
        fe = median_of(5, first_screen_cipher)
        line("plain (floor)", fp, unit="ms")
        line("SQLCipher (key given: the login's KDF is above)", fe, fp, unit="ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
