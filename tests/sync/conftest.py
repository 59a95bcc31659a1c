"""Every sync test runs on SQLite (a field office, headquarters on a laptop) and on PostgreSQL
(headquarters on a database server): the fixture db_engine of tests/conftest.py."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _both_engines(db_engine: str) -> str:
    return db_engine
