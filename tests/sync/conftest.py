"""The sync tests of the modules below run on SQLite (a field office, headquarters on a laptop)
and on PostgreSQL (headquarters on a database server): the fixture db_engine of
tests/conftest.py. The others run on SQLite only: the random-history convergence properties
(hypothesis over copied folders, with SQLite-only SQL in the test code) prove the merge rule,
which is the same code on both engines, and the PostgreSQL variants of the rest were not yet
all confirmed on a server (the list grows as they are: STRIVE_PG_SYNC=all runs every module
on both)."""

from __future__ import annotations

import os

import pytest

ON_POSTGRES = {"test_accounts_stay_local", "test_conflict_winner", "test_enrol", "test_importer", "test_keys",
               "test_malicious_office", "test_people_merge_travels", "test_scope", "test_trust",
               "test_unreachable_parents", "test_versions"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("STRIVE_PG_SYNC") == "all":  # to confirm more modules on a server
        return
    drop = [i for i in items if i.path.parent.name == "sync" and i.path.stem not in ON_POSTGRES
            and i.name.endswith("[postgresql]")]
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = [i for i in items if i not in drop]


@pytest.fixture(autouse=True)
def _both_engines(db_engine: str) -> str:
    return db_engine
