"""Schema versions this build knows. A test checks them against the Alembic scripts."""

KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_attachments")
HEAD = KNOWN_REVISIONS[-1]
