"""The suite itself: tests write only under tmp_path (no fixed /tmp or repository paths)."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_writes_to_a_fixed_temporary_folder():
    fixed = re.compile(r"""["']/tmp/|gettempdir\(\)""")
    bad = [f"{f.relative_to(TESTS)}:{n}" for f in TESTS.rglob("*.py") if f.name != Path(__file__).name
           for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if fixed.search(line)]
    assert bad == []
