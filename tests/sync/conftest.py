"""Every sync test runs on SQLite (a field office, headquarters on a laptop) and on PostgreSQL
(headquarters on a database server): the fixture db_engine of tests/conftest.py.

Except the two random-history convergence properties below (hypothesis: 30 histories of up to
30 steps over copied folders, with SQLite's own SQL in the test code): what they prove is the
merge rule, the same code on both engines; every path that differs on PostgreSQL (upserts,
staging, booleans, JSON, locking) runs in the other modules.
"""

from __future__ import annotations

import pytest

SQLITE_ONLY = {"test_convergence", "test_forged_convergence"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    drop = [i for i in items if i.path.parent.name == "sync" and i.path.stem in SQLITE_ONLY
            and i.name.endswith("[postgresql]")]
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = [i for i in items if i not in drop]


@pytest.fixture(autouse=True)
def _both_engines(db_engine: str) -> str:
    return db_engine
