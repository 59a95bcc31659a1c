"""Demo data looks like what a Kyrgyz community office types: Kyrgyz or Russian, no English."""

from __future__ import annotations

import re

from strive_desktop.services import installation, maintenance
from strive_desktop.storage.db import open_store

TEXT_COLUMNS = {
    "advisory_groups": ("name", "cpc_name"),
    "people": ("full_name", "organisation", "position"),
    "vulnerable_groups": ("category", "description"),
    "trainings": ("title", "venue", "trainers"),
    "local_plans": ("title", "context", "vulnerable_groups", "objectives"),
    "plan_activities": ("title", "responsible", "partners", "indicator"),
    "plan_revisions": ("note",),
}
LATIN = re.compile(r"[A-Za-z]")


def test_demo_texts_are_kyrgyz_or_russian_with_kyrgyz_letters(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from strive_desktop.services import demo

    store = open_store(tmp_path / "fresh")
    try:
        demo.fill(store)
        data = maintenance.dump(store)
        english = sorted({f"{tbl}.{col}: {row[col]}" for tbl, cols in TEXT_COLUMNS.items()
                          for row in data[tbl] for col in cols if LATIN.search(row[col] or "")})
        assert not english, english[:10]
        texts = " ".join(str(row[col] or "") for tbl, cols in TEXT_COLUMNS.items() for row in data[tbl]
                         for col in cols)
        for letter in "ңөү":
            assert letter in texts, letter
        assert "ЖӨБ органдарынын ролу" in texts and "Кайтып келген мигранттар" in texts
        me = installation.get_installation(store)
        assert me is not None and not LATIN.search(me.name)
    finally:
        store.close()
